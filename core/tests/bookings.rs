#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use tripdesk::bookings::{BookingInput, BookingStatus, PaymentInput, PaymentMethod};
use tripdesk::chrono::NaiveDate;
use tripdesk::lines::LineInput;
use tripdesk::{AgencyAccountId, BookingId, CustomerId, Desk, ErrorKind, PaymentId, QuoteId};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn customer(desk: &mut Desk, name: &str) -> CustomerId {
    desk.add_customer(common::person(name, "", "")).unwrap().id
}

fn line(description: &str, quantity: u32, unit_price: &str) -> LineInput {
    LineInput {
        id: None,
        description: description.into(),
        quantity,
        unit_price: unit_price.into(),
    }
}

fn japan() -> BookingInput {
    BookingInput {
        title: "Tour Nhật Bản mùa thu".into(),
        destination: "Tokyo – Osaka".into(),
        departure_on: "10/12/2026".into(),
        return_on: "15/12/2026".into(),
        adults: 2,
        children: 1,
        currency: "VND".into(),
        lines: vec![
            line("Vé máy bay", 3, "12500000"),
            line("Khách sạn 5 đêm", 1, "18000000"),
        ],
        ..Default::default()
    }
}

fn pay(amount: &str, method: PaymentMethod) -> PaymentInput {
    PaymentInput {
        paid_on: "20/11/2026".into(),
        amount: amount.into(),
        method,
        account_id: None,
        reference: String::new(),
    }
}

/// A top-up of `amount` minor units, made as the Prepaid tab makes it.
fn top_up(desk: &mut Desk, customer: &CustomerId, amount: i64, currency: &str) {
    let units = tripdesk::money::units("currency", currency).unwrap();
    let input = tripdesk::prepaid::TopUpInput {
        description: "Nạp tiền".into(),
        amount: Decimal::new(amount, units).to_string(),
        currency: currency.into(),
        received_on: "2026-11-01".into(),
    };
    desk.save_top_up(customer, None, input).unwrap();
}

fn account(desk: &Desk, bank: &str) -> AgencyAccountId {
    let id = AgencyAccountId::new();
    desk.conn()
        .execute(
            "INSERT INTO agency_accounts (id, bank_name, account_number, account_name)
             VALUES (?1, ?2, '0071001234567', 'CONG TY DU LICH')",
            [id.as_str(), bank],
        )
        .unwrap();
    id
}

fn balance(desk: &Desk, customer: &CustomerId, currency: &str) -> i64 {
    tripdesk::prepaid::balance(desk.conn(), customer, currency).unwrap()
}

/// One change as the history shows it: field, old and new value (as JSON text).
type Change = (String, String, String);

/// The history entries of `entity`, newest first, as (op, field, old, new) of each change.
fn history(desk: &Desk, customer: &CustomerId, entity: &str) -> Vec<(String, Vec<Change>)> {
    desk.customer_history(customer)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == entity)
        .map(|e| {
            (
                e.op,
                e.changes
                    .into_iter()
                    .map(|c| (c.field, c.old.to_string(), c.new.to_string()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_booking_gets_its_code_and_an_exact_total() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    assert_eq!(b.code, "BK-2026-0001");
    assert_eq!(b.total, d("55500000"));
    assert_eq!(b.paid, d("0"));
    assert_eq!(b.remaining, d("55500000"));
    assert_eq!(b.lines.len(), 2);
    assert_eq!(b.status, BookingStatus::Pending);
    assert_eq!(b.quote, None);
    let second = desk.save_booking(&hong, None, japan(), today()).unwrap();
    assert_eq!(second.code, "BK-2026-0002");

    // Cents are exact: 3 × 0.10 is 0.30.
    let usd = desk
        .save_booking(
            &hong,
            None,
            BookingInput {
                currency: "usd".into(),
                lines: vec![line("Tip", 3, "0.10"), line("Visa", 1, "25.5")],
                ..japan()
            },
            today(),
        )
        .unwrap();
    assert_eq!(usd.currency, "USD");
    assert_eq!(usd.total.to_string(), "25.80");
    // No currency: the agency's default.
    let default = desk
        .save_booking(
            &hong,
            None,
            BookingInput {
                currency: String::new(),
                ..japan()
            },
            today(),
        )
        .unwrap();
    assert_eq!(default.currency, desk.agency().unwrap().default_currency);
    assert_eq!(desk.bookings(&hong, 0, 50).unwrap().total, 4);
}

#[test]
fn a_booking_cannot_return_before_it_departs_and_names_its_bad_fields() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let err = desk
        .save_booking(
            &hong,
            None,
            BookingInput {
                return_on: "09/12/2026".into(),
                ..japan()
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndBeforeStart);
    assert_eq!(err.to_dto().field.as_deref(), Some("return_on"));
    let err = desk
        .save_booking(
            &hong,
            None,
            BookingInput {
                title: " ".into(),
                ..japan()
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Required);
    let err = desk
        .save_booking(
            &hong,
            None,
            BookingInput {
                lines: vec![line("Vé", 1, "12,5")],
                ..japan()
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.to_dto().field.as_deref(), Some("lines.0.unit_price"));
    let err = desk
        .save_booking(
            &hong,
            None,
            BookingInput {
                currency: "XYZ".into(),
                ..japan()
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidCurrency);
    assert_eq!(desk.bookings(&hong, 0, 50).unwrap().total, 0);
}

#[test]
fn paid_and_remaining_follow_the_payments_and_the_lines() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    let b = desk
        .save_payment(&b.id, None, pay("20.000.000", PaymentMethod::Cash), false)
        .unwrap_err();
    assert_eq!(
        b.kind(),
        ErrorKind::InvalidAmount,
        "the UI sends canonical text"
    );
    let id = desk.bookings(&hong, 0, 1).unwrap().items[0].id.clone();
    let b = desk
        .save_payment(&id, None, pay("20000000", PaymentMethod::Cash), false)
        .unwrap();
    let b = desk
        .save_payment(&b.id, None, pay("5000000", PaymentMethod::Card), false)
        .unwrap();
    assert_eq!(b.paid, d("25000000"));
    assert_eq!(b.remaining, d("30500000"));
    assert_eq!(b.paid + b.remaining, b.total);
    let card = b.payments[1].id.clone();
    let b = desk
        .save_payment(
            &b.id,
            Some(&card),
            pay("40000000", PaymentMethod::Card),
            false,
        )
        .unwrap();
    assert_eq!(b.paid, d("60000000"));
    assert_eq!(b.remaining, d("-4500000"), "overpaid: negative");
    // Fewer lines: a smaller total, the same payments.
    let mut input = japan();
    input.lines = vec![LineInput {
        id: Some(b.lines[0].id.clone()),
        ..line("Vé máy bay", 2, "12500000")
    }];
    let b = desk
        .save_booking(&hong, Some(&b.id), input, today())
        .unwrap();
    assert_eq!(b.total, d("25000000"));
    assert_eq!(b.lines.len(), 1);
    assert_eq!(b.remaining, d("-35000000"));
    let b = desk.remove_payment(&card).unwrap();
    assert_eq!(b.paid, d("20000000"));
    assert_eq!(b.remaining, d("5000000"));
    let b = desk.restore_payment(&card).unwrap();
    assert_eq!(b.paid, d("60000000"));
    assert_eq!(desk.booking(&b.id).unwrap(), b);
    // Zero, negative and missing amounts, a missing day.
    for (amount, kind) in [
        ("0", ErrorKind::AmountNotPositive),
        ("-5", ErrorKind::AmountNotPositive),
        ("", ErrorKind::Required),
    ] {
        let err = desk
            .save_payment(&b.id, None, pay(amount, PaymentMethod::Cash), false)
            .unwrap_err();
        assert_eq!(err.kind(), kind, "{amount}");
        assert_eq!(err.to_dto().field.as_deref(), Some("amount"));
    }
    let err = desk
        .save_payment(
            &b.id,
            None,
            PaymentInput {
                paid_on: String::new(),
                ..pay("10", PaymentMethod::Cash)
            },
            false,
        )
        .unwrap_err();
    assert_eq!(err.to_dto().field.as_deref(), Some("paid_on"));
}

#[test]
fn the_currency_cannot_change_under_payments() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    let usd = BookingInput {
        currency: "USD".into(),
        lines: vec![line("Tour", 1, "2100")],
        ..japan()
    };
    // Without payments it may.
    let b = desk.save_booking(&hong, Some(&b.id), usd, today()).unwrap();
    assert_eq!(b.total.to_string(), "2100.00");
    let b = desk
        .save_payment(&b.id, None, pay("100.5", PaymentMethod::Cash), false)
        .unwrap();
    assert_eq!(b.payments[0].currency, "USD");
    assert_eq!(b.payments[0].amount.to_string(), "100.50");
    let err = desk
        .save_booking(&hong, Some(&b.id), japan(), today())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::HasPayments);
    assert_eq!(err.to_dto().field.as_deref(), Some("currency"));
    // Once the payment is removed, it may again.
    let dollars = b.payments[0].id.clone();
    desk.remove_payment(&dollars).unwrap();
    let b = desk
        .save_booking(&hong, Some(&b.id), japan(), today())
        .unwrap();
    assert_eq!(b.currency, "VND");
    // The dollar payment does not come back into a booking in đồng.
    let err = desk.restore_payment(&dollars).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CurrencyChanged);
    assert_eq!(err.to_dto().value.as_deref(), Some("USD"));
    assert_eq!(desk.booking(&b.id).unwrap().paid.to_string(), "0");
}

#[test]
fn a_transfer_names_a_current_account_of_the_agency() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    let err = desk
        .save_payment(&b.id, None, pay("1000000", PaymentMethod::Transfer), false)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Required);
    assert_eq!(err.to_dto().field.as_deref(), Some("account_id"));
    let unknown = PaymentInput {
        account_id: Some(AgencyAccountId::new()),
        ..pay("1000000", PaymentMethod::Transfer)
    };
    let err = desk.save_payment(&b.id, None, unknown, false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidChoice);
    assert_eq!(err.to_dto().field.as_deref(), Some("account_id"));
    let vcb = account(&desk, "Vietcombank");
    let transfer = PaymentInput {
        account_id: Some(vcb.clone()),
        reference: "FT2611200001".into(),
        ..pay("1000000", PaymentMethod::Transfer)
    };
    let b = desk.save_payment(&b.id, None, transfer, false).unwrap();
    assert_eq!(b.payments[0].account_id, Some(vcb.clone()));
    assert_eq!(b.payments[0].reference, "FT2611200001");
    // Cash keeps no account, even if one is sent.
    let cash = PaymentInput {
        account_id: Some(vcb),
        ..pay("1000", PaymentMethod::Cash)
    };
    let b = desk.save_payment(&b.id, None, cash, false).unwrap();
    assert_eq!(b.payments[1].account_id, None);
}

#[test]
fn paying_beyond_the_prepaid_balance_asks_first() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    top_up(&mut desk, &hong, 10_000_000, "VND");
    top_up(&mut desk, &hong, 50_000, "USD"); // another currency does not help
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    let b = desk
        .save_payment(&b.id, None, pay("6000000", PaymentMethod::Prepaid), false)
        .unwrap();
    assert_eq!(balance(&desk, &hong, "VND"), 4_000_000);
    let err = desk
        .save_payment(&b.id, None, pay("5000000", PaymentMethod::Prepaid), false)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PrepaidOverdraw);
    let dto = err.to_dto();
    assert_eq!(dto.field.as_deref(), Some("amount"));
    assert_eq!(dto.value.as_deref(), Some("-1000000"));
    assert_eq!(
        desk.booking(&b.id).unwrap().payments.len(),
        1,
        "nothing written"
    );
    assert_eq!(balance(&desk, &hong, "VND"), 4_000_000);
    // Cash is no use of the credit.
    desk.save_payment(&b.id, None, pay("5000000", PaymentMethod::Cash), false)
        .unwrap();
    let b = desk
        .save_payment(&b.id, None, pay("5000000", PaymentMethod::Prepaid), true)
        .unwrap();
    assert_eq!(b.payments.len(), 3);
    assert_eq!(balance(&desk, &hong, "VND"), -1_000_000);
    assert_eq!(balance(&desk, &hong, "USD"), 50_000);

    // Editing a credit payment gives its old amount back first: 6M of a 10M top-up (the
    // other 5M is also credit, so -1M now) may become 5M (0 left) without asking...
    let first = b.payments[0].id.clone();
    let b = desk
        .save_payment(
            &b.id,
            Some(&first),
            pay("5000000", PaymentMethod::Prepaid),
            false,
        )
        .unwrap();
    assert_eq!(balance(&desk, &hong, "VND"), 0);
    // ...but not 5.5M.
    let err = desk
        .save_payment(
            &b.id,
            Some(&first),
            pay("5500000", PaymentMethod::Prepaid),
            false,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PrepaidOverdraw);
    assert_eq!(err.to_dto().value.as_deref(), Some("-500000"));
    // A credit payment made cash gives the credit back.
    desk.save_payment(
        &b.id,
        Some(&first),
        pay("5000000", PaymentMethod::Cash),
        false,
    )
    .unwrap();
    assert_eq!(balance(&desk, &hong, "VND"), 5_000_000);
    // A removed booking's credit payments count for nothing until it comes back.
    desk.remove_booking(&b.id).unwrap();
    assert_eq!(balance(&desk, &hong, "VND"), 10_000_000);
    desk.restore_booking(&b.id).unwrap();
    assert_eq!(balance(&desk, &hong, "VND"), 5_000_000);
}

#[test]
fn a_cancelled_booking_keeps_its_payments() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    top_up(&mut desk, &hong, 10_000_000, "VND");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    desk.save_payment(&b.id, None, pay("3000000", PaymentMethod::Prepaid), false)
        .unwrap();
    let b = desk
        .save_booking(
            &hong,
            Some(&b.id),
            BookingInput {
                status: BookingStatus::Cancelled,
                ..japan()
            },
            today(),
        )
        .unwrap();
    assert_eq!(b.status, BookingStatus::Cancelled);
    let b = desk
        .save_payment(&b.id, None, pay("1000000", PaymentMethod::Prepaid), false)
        .unwrap();
    assert_eq!(b.paid, d("4000000"));
    assert_eq!(balance(&desk, &hong, "VND"), 6_000_000);
}

#[test]
fn a_booking_made_from_a_quote_carries_its_lines_and_names_it() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let quote = QuoteId::new();
    let conn = desk.conn();
    conn.execute(
        "INSERT INTO quotes (id, customer_id, code, title, destination, departure_on, days, nights,
            adults, currency, status, created_at, updated_at)
         VALUES (?1, ?2, 'QT-2026-0007', 'Hàn Quốc 5N4Đ', 'Seoul', '2026-12-01', 5, 4, 2, 'VND',
            'sent', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
        [quote.as_str(), hong.as_str()],
    )
    .unwrap();
    for (i, (description, quantity, price)) in
        [("Vé máy bay", 2, 9_000_000), ("Khách sạn", 4, 1_500_000)]
            .into_iter()
            .enumerate()
    {
        conn.execute(
            "INSERT INTO quote_lines (id, quote_id, position, description, quantity, unit_price)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                tripdesk::LineId::new(),
                quote,
                i as i64,
                description,
                quantity,
                price
            ],
        )
        .unwrap();
    }
    let made = desk.accept_quote(&quote, today()).unwrap();
    let b = desk.booking(&made.id).unwrap();
    assert_eq!(b.code, "BK-2026-0001");
    assert_eq!(
        b.quote.as_ref().map(|q| q.code.as_str()),
        Some("QT-2026-0007")
    );
    assert_eq!(b.title, "Hàn Quốc 5N4Đ");
    assert_eq!(b.return_on, NaiveDate::from_ymd_opt(2026, 12, 5));
    assert_eq!(b.adults, 2);
    assert_eq!(b.lines.len(), 2);
    assert_eq!(b.lines[1].description, "Khách sạn");
    assert_eq!(b.total, d("24000000"));
    // Saving it again keeps the quote it came from.
    let mut input = japan();
    input.title = "Hàn Quốc 5N4Đ (đổi ngày)".into();
    let b = desk
        .save_booking(&hong, Some(&b.id), input, today())
        .unwrap();
    assert_eq!(
        b.quote.as_ref().map(|q| q.code.as_str()),
        Some("QT-2026-0007")
    );
    let (op, changes) = &history(&desk, &hong, "booking")[1];
    assert_eq!(op, "insert");
    assert!(changes
        .iter()
        .any(|(f, _, new)| f == "quote" && new == "\"QT-2026-0007\""));
}

#[test]
fn every_change_is_in_her_history_with_old_and_new_values() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    let (op, changes) = &history(&desk, &hong, "booking")[0];
    assert_eq!(op, "insert");
    assert!(changes.contains(&("total".into(), "null".into(), "\"55500000 VND\"".into())));
    let mut input = japan();
    input.status = BookingStatus::Confirmed;
    input.lines[1].unit_price = "20000000".into();
    let b = desk
        .save_booking(&hong, Some(&b.id), input, today())
        .unwrap();
    let (op, changes) = &history(&desk, &hong, "booking")[0];
    assert_eq!(op, "update");
    let fields: Vec<&str> = changes.iter().map(|(f, _, _)| f.as_str()).collect();
    assert_eq!(fields.len(), 3, "{changes:?}");
    assert!(changes.contains(&(
        "status".into(),
        "\"pending\"".into(),
        "\"confirmed\"".into()
    )));
    assert!(changes.contains(&(
        "total".into(),
        "\"55500000 VND\"".into(),
        "\"57500000 VND\"".into()
    )));
    assert!(fields.contains(&"lines"));
    // Saving it unchanged adds nothing.
    let before = desk.customer_history(&hong).unwrap().len();
    let mut same = japan();
    same.status = BookingStatus::Confirmed;
    same.lines = b
        .lines
        .iter()
        .map(|l| LineInput {
            id: Some(l.id.clone()),
            description: l.description.clone(),
            quantity: l.quantity,
            unit_price: l.unit_price.to_string(),
        })
        .collect();
    desk.save_booking(&hong, Some(&b.id), same, today())
        .unwrap();
    assert_eq!(desk.customer_history(&hong).unwrap().len(), before);

    let b = desk
        .save_payment(&b.id, None, pay("5000000", PaymentMethod::Cash), false)
        .unwrap();
    let p = b.payments[0].id.clone();
    let vcb = account(&desk, "Vietcombank");
    let transfer = PaymentInput {
        account_id: Some(vcb),
        ..pay("7500000", PaymentMethod::Transfer)
    };
    desk.save_payment(&b.id, Some(&p), transfer, false).unwrap();
    desk.remove_payment(&p).unwrap();
    let payments = history(&desk, &hong, "payment");
    assert_eq!(
        payments
            .iter()
            .map(|(op, _)| op.as_str())
            .collect::<Vec<_>>(),
        ["archive", "update", "insert"]
    );
    let inserted = &payments[2].1;
    assert!(inserted.contains(&("amount".into(), "null".into(), "\"5000000 VND\"".into())));
    assert!(inserted.contains(&("currency".into(), "null".into(), "\"VND\"".into())));
    assert!(inserted.contains(&("booking".into(), "null".into(), "\"BK-2026-0001\"".into())));
    let updated = &payments[1].1;
    assert!(updated.contains(&(
        "amount".into(),
        "\"5000000 VND\"".into(),
        "\"7500000 VND\"".into()
    )));
    assert!(updated.contains(&("method".into(), "\"cash\"".into(), "\"transfer\"".into())));
    assert!(updated.contains(&(
        "account".into(),
        "null".into(),
        "\"Vietcombank 0071001234567\"".into()
    )));
}

#[test]
fn a_removed_booking_comes_back_with_its_payments() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let lan = customer(&mut desk, "Trần Thị Lan");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    let b = desk
        .save_payment(&b.id, None, pay("5000000", PaymentMethod::Cash), false)
        .unwrap();
    // Another customer's booking is not hers to change.
    let err = desk
        .save_booking(&lan, Some(&b.id), japan(), today())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    desk.remove_booking(&b.id).unwrap();
    assert_eq!(desk.bookings(&hong, 0, 50).unwrap().total, 0);
    assert_eq!(desk.booking(&b.id).unwrap_err().kind(), ErrorKind::NotFound);
    let err = desk
        .save_payment(&b.id, None, pay("1", PaymentMethod::Cash), false)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        desk.remove_booking(&b.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let back = desk.restore_booking(&b.id).unwrap();
    assert_eq!(back.paid, d("5000000"));
    assert_eq!(back.code, "BK-2026-0001");
    let ops: Vec<String> = history(&desk, &hong, "booking")
        .into_iter()
        .map(|(op, _)| op)
        .collect();
    assert_eq!(ops, ["restore", "archive", "insert"]);
    assert_eq!(
        desk.remove_payment(&PaymentId::new()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn open_bookings_come_first_by_departure() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let add = |desk: &mut Desk, title: &str, departs: &str, status: BookingStatus| -> BookingId {
        desk.save_booking(
            &hong,
            None,
            BookingInput {
                title: title.into(),
                departure_on: departs.into(),
                return_on: String::new(),
                status,
                ..japan()
            },
            today(),
        )
        .unwrap()
        .id
    };
    add(
        &mut desk,
        "Done long ago",
        "2026-01-10",
        BookingStatus::Completed,
    );
    add(&mut desk, "Later", "2027-02-01", BookingStatus::Confirmed);
    add(&mut desk, "No date", "", BookingStatus::Pending);
    add(&mut desk, "Sooner", "2026-12-20", BookingStatus::Pending);
    add(
        &mut desk,
        "Cancelled lately",
        "2026-10-01",
        BookingStatus::Cancelled,
    );
    let titles: Vec<String> = desk
        .bookings(&hong, 0, 50)
        .unwrap()
        .items
        .into_iter()
        .map(|b| b.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Sooner",
            "Later",
            "No date",
            "Cancelled lately",
            "Done long ago"
        ]
    );
    let page = desk.bookings(&hong, 1, 2).unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].title, "Later");
}

#[derive(Debug, Clone)]
enum Step {
    Add(u64, bool),
    Edit(usize, u64, bool),
    Remove(usize),
    Restore(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1u64..5_000_000_000, any::<bool>()).prop_map(|(a, p)| Step::Add(a, p)),
        (0usize..8, 1u64..5_000_000_000, any::<bool>()).prop_map(|(i, a, p)| Step::Edit(i, a, p)),
        (0usize..8).prop_map(Step::Remove),
        (0usize..8).prop_map(Step::Restore),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever happens to its payments, a booking's paid amount is the exact sum of its
    /// current payments, and paid + remaining is its total.
    #[test]
    fn paid_and_remaining_always_add_up_to_the_total(
        steps in prop::collection::vec(step(), 1..16),
        usd in any::<bool>(),
    ) {
        let (mut desk, _dir) = common::desk();
        let hong = customer(&mut desk, "Nguyễn Thị Hồng");
        let (currency, scale) = if usd { ("USD", 2) } else { ("VND", 0) };
        top_up(&mut desk, &hong, 1_000_000_000, currency);
        let input = BookingInput {
            currency: currency.into(),
            lines: vec![line("Tour", 3, "1234567.89"), line("Giảm giá", 1, "-100000.01")],
            ..japan()
        };
        let b = desk.save_booking(&hong, None, input, today()).unwrap();
        // Each payment made, with its amount in minor units while it is current.
        let mut made: Vec<(PaymentId, i64, bool)> = Vec::new();
        for s in steps {
            let text = |minor: u64| Decimal::new(minor as i64, scale).to_string();
            let method = |p: bool| if p { PaymentMethod::Prepaid } else { PaymentMethod::Cash };
            match s {
                Step::Add(a, p) => {
                    let after = desk.save_payment(&b.id, None, pay(&text(a), method(p)), true).unwrap();
                    let newest = after.payments.iter()
                        .find(|x| !made.iter().any(|(id, _, _)| id == &x.id)).unwrap();
                    made.push((newest.id.clone(), a as i64, true));
                }
                Step::Edit(i, a, p) => {
                    if let Some((id, amount, true)) = made.get_mut(i) {
                        desk.save_payment(&b.id, Some(id), pay(&text(a), method(p)), true).unwrap();
                        *amount = a as i64;
                    }
                }
                Step::Remove(i) => {
                    if let Some((id, _, current @ true)) = made.get_mut(i) {
                        desk.remove_payment(id).unwrap();
                        *current = false;
                    }
                }
                Step::Restore(i) => {
                    if let Some((id, _, current @ false)) = made.get_mut(i) {
                        desk.restore_payment(id).unwrap();
                        *current = true;
                    }
                }
            }
            let now = desk.booking(&b.id).unwrap();
            let sum: i64 = made.iter().filter(|m| m.2).map(|m| m.1).sum();
            prop_assert_eq!(now.paid, Decimal::new(sum, scale));
            prop_assert_eq!(now.paid + now.remaining, now.total);
            prop_assert_eq!(now.payments.len(), made.iter().filter(|m| m.2).count());
            let listed: Decimal = now.payments.iter().map(|p| p.amount).sum();
            prop_assert_eq!(listed, now.paid);
        }
    }
}

#[test]
fn saving_a_booking_as_it_was_writes_nothing() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let b = desk.save_booking(&hong, None, japan(), today()).unwrap();
    let mut again = japan();
    for (line, saved) in again.lines.iter_mut().zip(&b.lines) {
        line.id = Some(saved.id.clone());
    }
    let rows = |desk: &Desk| -> (i64, i64) {
        desk.conn()
            .query_row(
                "SELECT (SELECT count(*) FROM booking_lines), (SELECT count(*) FROM change_log)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    let before = rows(&desk);
    let same = desk
        .save_booking(&hong, Some(&b.id), again, today())
        .unwrap();
    assert_eq!(same.updated_at, b.updated_at);
    assert_eq!(same.lines, b.lines);
    assert_eq!(rows(&desk), before, "no line and no change-log row written");
}
