//! A customer's prepaid credit (top-ups less the bookings paid from it, per currency), her
//! revenue and debt, and the agency's bank accounts.
#![allow(clippy::unwrap_used)]

mod common;

use common::{desk, person};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use tripdesk::agency_accounts::AgencyAccountInput;
use tripdesk::bookings::{BookingInput, BookingStatus, PaymentInput, PaymentMethod};
use tripdesk::chrono::NaiveDate;
use tripdesk::lines::LineInput;
use tripdesk::money::Amount;
use tripdesk::prepaid::{PrepaidEntryKind, TopUpInput};
use tripdesk::{BookingId, CustomerId, Desk, ErrorKind, PaymentId, TopUpId};

fn amount(currency: &str, amount: &str) -> Amount {
    Amount {
        currency: currency.into(),
        amount: Decimal::from_str(amount).unwrap(),
    }
}

fn top_up(description: &str, amount: &str, currency: &str, on: &str) -> TopUpInput {
    TopUpInput {
        description: description.into(),
        amount: amount.into(),
        currency: currency.into(),
        received_on: on.into(),
    }
}

/// The day the tests' bookings are written (it dates their codes: `BK-2026-0001`).
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// A booking of hers, made as the Bookings tab makes it: one line of `total` (a decimal
/// string) in `currency`.
fn booking(
    desk: &mut Desk,
    customer: &CustomerId,
    currency: &str,
    status: BookingStatus,
    total: &str,
) -> BookingId {
    let input = BookingInput {
        title: "Tour".into(),
        currency: currency.into(),
        status,
        lines: vec![line("Trọn gói", 1, total)],
        ..BookingInput::default()
    };
    desk.save_booking(customer, None, input, day()).unwrap().id
}

fn line(description: &str, quantity: u32, unit_price: &str) -> LineInput {
    LineInput {
        id: None,
        description: description.into(),
        quantity,
        unit_price: unit_price.into(),
    }
}

/// A payment on a booking, made as the payment dialog makes it (paying beyond the prepaid
/// balance confirmed); its id.
fn payment(
    desk: &mut Desk,
    booking: &BookingId,
    on: &str,
    amount: &str,
    method: PaymentMethod,
) -> PaymentId {
    let before = desk.booking(booking).unwrap().payments;
    let input = PaymentInput {
        paid_on: on.into(),
        amount: amount.into(),
        method,
        account_id: None,
        reference: String::new(),
    };
    let after = desk.save_payment(booking, None, input, true).unwrap();
    after
        .payments
        .into_iter()
        .find(|p| !before.iter().any(|b| b.id == p.id))
        .unwrap()
        .id
}

fn balances(desk: &Desk, customer: &CustomerId) -> Vec<Amount> {
    desk.prepaid(customer, 0, 50).unwrap().balances
}

fn kind_of(e: tripdesk::Error) -> ErrorKind {
    e.kind()
}

#[test]
fn the_balance_is_kept_per_currency_and_never_added_across() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    desk.save_top_up(
        &hong,
        None,
        top_up("Chuyển khoản VCB", "5000000", "VND", "01/03/2026"),
    )
    .unwrap();
    let usd = desk
        .save_top_up(&hong, None, top_up("Tiền mặt", "200", "usd", "2026-03-02"))
        .unwrap();
    assert_eq!(usd.amount.to_string(), "200.00");
    assert_eq!(usd.currency, "USD");
    let japan = booking(&mut desk, &hong, "VND", BookingStatus::Confirmed, "9000000");
    let paid = payment(
        &mut desk,
        &japan,
        "2026-03-05",
        "1500000",
        PaymentMethod::Prepaid,
    );
    // A cash payment is no use of credit.
    payment(
        &mut desk,
        &japan,
        "2026-03-06",
        "1000000",
        PaymentMethod::Cash,
    );

    let view = desk.prepaid(&hong, 0, 50).unwrap();
    assert_eq!(
        view.balances,
        vec![amount("USD", "200.00"), amount("VND", "3500000")]
    );
    assert_eq!(view.total_entries, 3);
    let kinds: Vec<_> = view
        .entries
        .iter()
        .map(|e| (e.kind, e.amount.to_string()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (PrepaidEntryKind::CreditPayment, "-1500000".to_owned()),
            (PrepaidEntryKind::TopUp, "200.00".to_owned()),
            (PrepaidEntryKind::TopUp, "5000000".to_owned()),
        ]
    );
    let entry = &view.entries[0];
    assert_eq!(entry.id, paid.as_str());
    assert_eq!(entry.booking.as_ref().unwrap().code, "BK-2026-0001");
    assert_eq!(entry.booking.as_ref().unwrap().id, japan);
    assert_eq!(
        tripdesk::prepaid::balance(desk.conn(), &hong, "VND").unwrap(),
        3_500_000
    );

    // Paging.
    let second = desk.prepaid(&hong, 1, 1).unwrap();
    assert_eq!(second.entries.len(), 1);
    assert_eq!(second.entries[0].id, usd.id.as_str());
    assert_eq!(second.total_entries, 3);

    // Someone else's credit is hers alone.
    let lan = desk
        .add_customer(person("Trần Thị Lan", "", ""))
        .unwrap()
        .id;
    assert!(balances(&desk, &lan).is_empty());
}

#[test]
fn a_balance_below_zero_is_what_she_must_top_up() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    desk.save_top_up(&hong, None, top_up("Cọc", "5000000", "VND", "2026-03-01"))
        .unwrap();
    let trip = booking(&mut desk, &hong, "VND", BookingStatus::Pending, "7000000");
    let paid = payment(
        &mut desk,
        &trip,
        "2026-03-05",
        "7000000",
        PaymentMethod::Prepaid,
    );
    assert_eq!(balances(&desk, &hong), vec![amount("VND", "-2000000")]);
    // A payment deleted, or the booking deleted, gives the credit back; their Undo takes it.
    desk.remove_payment(&paid).unwrap();
    assert_eq!(balances(&desk, &hong), vec![amount("VND", "5000000")]);
    desk.restore_payment(&paid).unwrap();
    assert_eq!(balances(&desk, &hong), vec![amount("VND", "-2000000")]);
    desk.remove_booking(&trip).unwrap();
    assert_eq!(balances(&desk, &hong), vec![amount("VND", "5000000")]);
    assert_eq!(desk.prepaid(&hong, 0, 10).unwrap().total_entries, 1);
}

#[test]
fn editing_and_deleting_a_top_up_change_the_balance_and_undo_brings_it_back() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    let first = desk
        .save_top_up(&hong, None, top_up("Cọc", "5000000", "VND", "2026-03-01"))
        .unwrap();
    desk.save_top_up(&hong, None, top_up("Thêm", "1000000", "VND", "2026-03-02"))
        .unwrap();
    assert_eq!(balances(&desk, &hong), vec![amount("VND", "6000000")]);
    let edited = desk
        .save_top_up(
            &hong,
            Some(&first.id),
            top_up("Cọc tour", "4500000", "VND", "2026-03-01"),
        )
        .unwrap();
    assert_eq!(edited.id, first.id);
    assert_eq!(balances(&desk, &hong), vec![amount("VND", "5500000")]);
    // Moved to another currency: two balances.
    desk.save_top_up(
        &hong,
        Some(&first.id),
        top_up("Cọc tour", "150", "EUR", "2026-03-01"),
    )
    .unwrap();
    assert_eq!(
        balances(&desk, &hong),
        vec![amount("EUR", "150.00"), amount("VND", "1000000")]
    );
    desk.remove_top_up(&first.id).unwrap();
    assert_eq!(balances(&desk, &hong), vec![amount("VND", "1000000")]);
    assert!(desk.remove_top_up(&first.id).is_err());
    let back = desk.restore_top_up(&first.id).unwrap();
    assert_eq!(back.amount.to_string(), "150.00");
    assert_eq!(
        balances(&desk, &hong),
        vec![amount("EUR", "150.00"), amount("VND", "1000000")]
    );
    // Another customer's top-up is not hers to edit.
    let lan = desk
        .add_customer(person("Trần Thị Lan", "", ""))
        .unwrap()
        .id;
    assert!(desk
        .save_top_up(&lan, Some(&first.id), top_up("x", "1", "VND", "2026-03-01"))
        .is_err());
    assert!(desk.restore_top_up(&TopUpId("nope".into())).is_err());
}

#[test]
fn a_top_up_needs_a_source_a_positive_amount_a_known_currency_and_a_day() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    let cases = [
        (
            top_up("", "100", "VND", "2026-03-01"),
            "description",
            ErrorKind::Required,
        ),
        (
            top_up(&"x".repeat(501), "100", "VND", "2026-03-01"),
            "description",
            ErrorKind::TooLong,
        ),
        (
            top_up("Cọc", "", "VND", "2026-03-01"),
            "amount",
            ErrorKind::Required,
        ),
        (
            top_up("Cọc", "0", "VND", "2026-03-01"),
            "amount",
            ErrorKind::AmountNotPositive,
        ),
        (
            top_up("Cọc", "-5", "VND", "2026-03-01"),
            "amount",
            ErrorKind::AmountNotPositive,
        ),
        (
            top_up("Cọc", "1,5", "VND", "2026-03-01"),
            "amount",
            ErrorKind::InvalidAmount,
        ),
        (
            top_up("Cọc", "1", "XYZ", "2026-03-01"),
            "currency",
            ErrorKind::InvalidCurrency,
        ),
        (
            top_up("Cọc", "1", "VND", ""),
            "received_on",
            ErrorKind::Required,
        ),
        (
            top_up("Cọc", "1", "VND", "31/02/2026"),
            "received_on",
            ErrorKind::InvalidDate,
        ),
    ];
    for (input, field, kind) in cases {
        match desk.save_top_up(&hong, None, input) {
            Err(tripdesk::Error::Invalid {
                field: f, kind: k, ..
            }) => {
                assert_eq!((f.as_str(), k), (field, kind))
            }
            other => panic!("{field}: {other:?}"),
        }
    }
    // Half a đồng rounds up; 12.345 dollars to the cent.
    let t = desk
        .save_top_up(&hong, None, top_up("Cọc", "12.345", "USD", "2026-03-01"))
        .unwrap();
    assert_eq!(t.amount.to_string(), "12.35");
    assert_eq!(
        kind_of(
            desk.save_top_up(
                &CustomerId("nobody".into()),
                None,
                top_up("Cọc", "1", "VND", "2026-03-01")
            )
            .unwrap_err()
        ),
        ErrorKind::NotFound
    );
}

#[test]
fn revenue_receipted_and_owed_are_per_currency_without_cancelled_bookings() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    let japan = booking(
        &mut desk,
        &hong,
        "VND",
        BookingStatus::Confirmed,
        "30000000",
    );
    let hue = booking(&mut desk, &hong, "VND", BookingStatus::Completed, "5000000");
    let cancelled = booking(
        &mut desk,
        &hong,
        "VND",
        BookingStatus::Cancelled,
        "12000000",
    );
    let paris = booking(&mut desk, &hong, "EUR", BookingStatus::Pending, "2500");
    let gone = booking(&mut desk, &hong, "USD", BookingStatus::Pending, "999");
    let on = "2026-03-01";
    payment(&mut desk, &japan, on, "10000000", PaymentMethod::Cash);
    payment(&mut desk, &hue, on, "5000000", PaymentMethod::Prepaid);
    payment(&mut desk, &cancelled, on, "2000000", PaymentMethod::Cash);
    payment(&mut desk, &paris, on, "3000", PaymentMethod::Card);
    let removed = payment(&mut desk, &japan, on, "1000000", PaymentMethod::Cash);
    desk.remove_payment(&removed).unwrap();
    desk.remove_booking(&gone).unwrap();
    // A line taken off does not count; Huế gets a second line of 2 × 1.000.000.
    let edit = |desk: &mut Desk, id: &BookingId, lines: Vec<LineInput>| {
        let b = desk.booking(id).unwrap();
        let input = BookingInput {
            title: b.title,
            currency: b.currency,
            status: b.status,
            lines,
            ..BookingInput::default()
        };
        desk.save_booking(&hong, Some(id), input, day()).unwrap();
    };
    edit(
        &mut desk,
        &japan,
        vec![
            line("Trọn gói", 1, "30000000"),
            line("Phụ thu", 3, "1000000"),
        ],
    );
    edit(&mut desk, &japan, vec![line("Trọn gói", 1, "30000000")]);
    edit(
        &mut desk,
        &hue,
        vec![
            line("Trọn gói", 1, "5000000"),
            line("Phòng đơn", 2, "1000000"),
        ],
    );

    let r = desk.revenue(&hong).unwrap();
    assert_eq!(
        r.revenue,
        vec![amount("EUR", "2500.00"), amount("VND", "37000000")]
    );
    assert_eq!(
        r.receipted,
        vec![amount("EUR", "3000.00"), amount("VND", "15000000")]
    );
    assert_eq!(
        r.owed,
        vec![amount("EUR", "-500.00"), amount("VND", "22000000")]
    );

    let lan = desk
        .add_customer(person("Trần Thị Lan", "", ""))
        .unwrap()
        .id;
    let none = desk.revenue(&lan).unwrap();
    assert!(none.revenue.is_empty() && none.receipted.is_empty() && none.owed.is_empty());
}

#[test]
fn every_change_to_a_top_up_shows_in_her_history_with_its_amount_and_currency() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "", ""))
        .unwrap()
        .id;
    let t = desk
        .save_top_up(&hong, None, top_up("Cọc", "5000000", "VND", "2026-03-01"))
        .unwrap();
    desk.save_top_up(
        &hong,
        Some(&t.id),
        top_up("Cọc tour Nhật", "4500000", "VND", "2026-03-01"),
    )
    .unwrap();
    // Saving what is there already changes nothing and logs nothing.
    desk.save_top_up(
        &hong,
        Some(&t.id),
        top_up("Cọc tour Nhật", "4500000", "VND", "01/03/2026"),
    )
    .unwrap();
    desk.remove_top_up(&t.id).unwrap();
    desk.restore_top_up(&t.id).unwrap();
    let history: Vec<_> = desk
        .customer_history(&hong)
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == "top_up")
        .collect();
    assert_eq!(history.len(), 4, "{history:#?}");
    let ops: Vec<_> = history.iter().map(|h| h.op.as_str()).collect();
    assert!(
        ops.contains(&"insert") && ops.contains(&"update"),
        "{ops:?}"
    );
    let update = history.iter().find(|h| h.op == "update").unwrap();
    let field = |name: &str| update.changes.iter().find(|c| c.field == name).unwrap();
    assert_eq!(field("amount").old, serde_json::json!("5000000 VND"));
    assert_eq!(field("amount").new, serde_json::json!("4500000 VND"));
    assert_eq!(field("currency").new, serde_json::json!("VND"));
    assert_eq!(field("description").old, serde_json::json!("Cọc"));
    assert_eq!(field("description").new, serde_json::json!("Cọc tour Nhật"));
    let insert = history.iter().find(|h| h.op == "insert").unwrap();
    let amount = insert.changes.iter().find(|c| c.field == "amount").unwrap();
    assert_eq!(amount.new, serde_json::json!("5000000 VND"));
}

#[test]
fn the_agency_accounts_are_a_list_she_orders_edits_and_removes_with_undo() {
    let (mut desk, _dir) = desk();
    let input = |bank: &str, number: &str| AgencyAccountInput {
        bank_name: bank.into(),
        account_number: number.into(),
        account_name: "CONG TY DU LICH HOA BINH".into(),
        branch: "Chi nhánh Sài Gòn".into(),
    };
    let vcb = desk
        .add_agency_account(input("Vietcombank", "0071 0012 34567"))
        .unwrap();
    assert_eq!(vcb.account_number, "0071001234567");
    let acb = desk
        .add_agency_account(input("ACB", "123-456-789"))
        .unwrap();
    let names = |desk: &Desk| -> Vec<String> {
        desk.agency_accounts()
            .unwrap()
            .into_iter()
            .map(|a| a.bank_name)
            .collect()
    };
    assert_eq!(names(&desk), ["Vietcombank", "ACB"]);
    desk.move_agency_account(&acb.id, true).unwrap();
    assert_eq!(names(&desk), ["ACB", "Vietcombank"]);
    let edited = desk
        .update_agency_account(&vcb.id, input("Vietcombank", "0071001234568"))
        .unwrap();
    assert_eq!(edited.account_number, "0071001234568");
    desk.remove_agency_account(&acb.id).unwrap();
    assert_eq!(names(&desk), ["Vietcombank"]);
    desk.restore_agency_account(&acb.id).unwrap();
    assert_eq!(names(&desk), ["ACB", "Vietcombank"]);
    for (bad, field) in [
        (input("", "123"), "bank_name"),
        (input("VCB", ""), "account_number"),
        (input("VCB", "12a"), "account_number"),
    ] {
        match desk.add_agency_account(bad) {
            Err(tripdesk::Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    let logged: Vec<(String, String)> = desk
        .conn()
        .prepare("SELECT op, changes FROM change_log WHERE entity = 'agency_account' AND entity_id = ?1 ORDER BY hlc")
        .unwrap()
        .query_map([&vcb.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let update = logged
        .iter()
        .find(|(op, c)| op == "update" && c.contains("account_number"))
        .unwrap();
    assert!(
        update.1.contains("0071001234567") && update.1.contains("0071001234568"),
        "{logged:?}"
    );
}

#[derive(Debug, Clone)]
enum Step {
    TopUp(usize, u32),
    EditTopUp(usize, usize, u32),
    RemoveTopUp(usize),
    RestoreTopUp(usize),
    /// A payment on one of the bookings: from prepaid credit, or in cash.
    Pay(usize, u32, bool),
    EditPayment(usize, u32, bool),
    RemovePayment(usize),
    RestorePayment(usize),
    /// A booking cancelled, or set back to confirmed.
    Cancel(usize, bool),
    RemoveBooking(usize),
    RestoreBooking(usize),
}

const CURRENCIES: [&str; 3] = ["VND", "USD", "JPY"];
/// Two bookings in each currency: booking `b` is in `CURRENCIES[b % 3]`.
const BOOKINGS: usize = 6;

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize, 1..5_000_000u32).prop_map(|(c, a)| Step::TopUp(c, a)),
        1 => (0..12usize, 0..3usize, 1..5_000_000u32).prop_map(|(i, c, a)| Step::EditTopUp(i, c, a)),
        1 => (0..12usize).prop_map(Step::RemoveTopUp),
        1 => (0..12usize).prop_map(Step::RestoreTopUp),
        3 => (0..BOOKINGS, 1..5_000_000u32, any::<bool>()).prop_map(|(b, a, p)| Step::Pay(b, a, p)),
        1 => (0..12usize, 1..5_000_000u32, any::<bool>()).prop_map(|(i, a, p)| Step::EditPayment(i, a, p)),
        1 => (0..12usize).prop_map(Step::RemovePayment),
        1 => (0..12usize).prop_map(Step::RestorePayment),
        1 => (0..BOOKINGS, any::<bool>()).prop_map(|(b, c)| Step::Cancel(b, c)),
        1 => (0..BOOKINGS).prop_map(Step::RemoveBooking),
        1 => (0..BOOKINGS).prop_map(Step::RestoreBooking),
    ]
}

/// What the test knows of a booking: its id, currency, total (minor units), whether it is
/// cancelled and whether it is current.
struct Bk {
    id: BookingId,
    c: usize,
    total: i64,
    cancelled: bool,
    current: bool,
}

/// A payment: its id, its booking, amount (minor units), from credit or not, current or not.
struct Pm {
    id: PaymentId,
    b: usize,
    minor: i64,
    prepaid: bool,
    current: bool,
}

fn pay_input(a: u32, c: usize, prepaid: bool) -> PaymentInput {
    PaymentInput {
        paid_on: "2026-03-03".into(),
        amount: a.to_string(),
        method: if prepaid {
            PaymentMethod::Prepaid
        } else {
            PaymentMethod::Cash
        },
        account_id: None,
        reference: format!("{} {}", a, CURRENCIES[c]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Whatever she does to her top-ups, payments and bookings, in three currencies, through
    /// the desk's own writes: each balance is its top-ups less its credit payments; each
    /// booking's paid + remaining is its total; revenue − receipted is owed, per currency.
    #[test]
    fn balances_paid_and_owed_always_add_up(steps in prop::collection::vec(step(), 1..40)) {
        let (mut desk, _dir) = desk();
        let hong = desk.add_customer(person("Nguyễn Thị Hồng", "", "")).unwrap().id;
        let mut bookings: Vec<Bk> = (0..BOOKINGS)
            .map(|b| {
                let c = b % 3;
                let total = 3_000_000 + b as u32;
                let id = booking(&mut desk, &hong, CURRENCIES[c], BookingStatus::Confirmed, &total.to_string());
                Bk { id, c, total: minor(total, c), cancelled: false, current: true }
            })
            .collect();
        let mut top_ups: Vec<(TopUpId, usize, i64, bool)> = Vec::new();
        let mut payments: Vec<Pm> = Vec::new();
        for s in steps {
            match s {
                Step::TopUp(c, a) => {
                    let t = desk.save_top_up(&hong, None, top_up("Nạp", &a.to_string(), CURRENCIES[c], "2026-03-01")).unwrap();
                    top_ups.push((t.id, c, minor(a, c), true));
                }
                Step::EditTopUp(i, c, a) => {
                    if let Some(t) = top_ups.get_mut(i).filter(|t| t.3) {
                        desk.save_top_up(&hong, Some(&t.0), top_up("Sửa", &a.to_string(), CURRENCIES[c], "2026-03-02")).unwrap();
                        t.1 = c;
                        t.2 = minor(a, c);
                    }
                }
                Step::RemoveTopUp(i) => {
                    if let Some(t) = top_ups.get_mut(i).filter(|t| t.3) {
                        desk.remove_top_up(&t.0).unwrap();
                        t.3 = false;
                    }
                }
                Step::RestoreTopUp(i) => {
                    if let Some(t) = top_ups.get_mut(i).filter(|t| !t.3) {
                        desk.restore_top_up(&t.0).unwrap();
                        t.3 = true;
                    }
                }
                Step::Pay(b, a, prepaid) => {
                    if bookings[b].current {
                        let c = bookings[b].c;
                        let before = desk.booking(&bookings[b].id).unwrap().payments;
                        let after = desk.save_payment(&bookings[b].id, None, pay_input(a, c, prepaid), true).unwrap();
                        let id = after.payments.into_iter().find(|p| !before.iter().any(|x| x.id == p.id)).unwrap().id;
                        payments.push(Pm { id, b, minor: minor(a, c), prepaid, current: true });
                    }
                }
                Step::EditPayment(i, a, prepaid) => {
                    if let Some(p) = payments.get_mut(i).filter(|p| p.current && bookings[p.b].current) {
                        let c = bookings[p.b].c;
                        desk.save_payment(&bookings[p.b].id, Some(&p.id), pay_input(a, c, prepaid), true).unwrap();
                        p.minor = minor(a, c);
                        p.prepaid = prepaid;
                    }
                }
                Step::RemovePayment(i) => {
                    if let Some(p) = payments.get_mut(i).filter(|p| p.current && bookings[p.b].current) {
                        desk.remove_payment(&p.id).unwrap();
                        p.current = false;
                    }
                }
                Step::RestorePayment(i) => {
                    if let Some(p) = payments.get_mut(i).filter(|p| !p.current && bookings[p.b].current) {
                        desk.restore_payment(&p.id).unwrap();
                        p.current = true;
                    }
                }
                Step::Cancel(b, cancel) => {
                    let bk = &mut bookings[b];
                    if bk.current {
                        let now = desk.booking(&bk.id).unwrap();
                        let input = BookingInput {
                            title: now.title,
                            currency: now.currency,
                            status: if cancel { BookingStatus::Cancelled } else { BookingStatus::Confirmed },
                            lines: now.lines.iter().map(|l| LineInput {
                                id: Some(l.id.clone()),
                                description: l.description.clone(),
                                quantity: l.quantity,
                                unit_price: l.unit_price.to_string(),
                            }).collect(),
                            ..BookingInput::default()
                        };
                        desk.save_booking(&hong, Some(&bk.id), input, day()).unwrap();
                        bk.cancelled = cancel;
                    }
                }
                Step::RemoveBooking(b) => {
                    if bookings[b].current {
                        desk.remove_booking(&bookings[b].id).unwrap();
                        bookings[b].current = false;
                    }
                }
                Step::RestoreBooking(b) => {
                    if !bookings[b].current {
                        desk.restore_booking(&bookings[b].id).unwrap();
                        bookings[b].current = true;
                    }
                }
            }
        }

        // Each balance is its current top-ups less its current credit payments on current
        // bookings (a cancelled booking's credit payment still uses the credit).
        let mut expected = std::collections::BTreeMap::<&str, i64>::new();
        let mut entries = 0;
        for (_, c, a, current) in &top_ups {
            if *current {
                *expected.entry(CURRENCIES[*c]).or_default() += a;
                entries += 1;
            }
        }
        for p in payments.iter().filter(|p| p.current && p.prepaid && bookings[p.b].current) {
            *expected.entry(CURRENCIES[bookings[p.b].c]).or_default() -= p.minor;
            entries += 1;
        }
        let view = desk.prepaid(&hong, 0, 500).unwrap();
        let got: Vec<(String, i64)> = view
            .balances
            .iter()
            .map(|b| (b.currency.clone(), b.amount.mantissa() as i64))
            .collect();
        let want: Vec<(String, i64)> = expected.iter().map(|(c, m)| (c.to_string(), *m)).collect();
        prop_assert_eq!(got, want);
        for (currency, minor) in &expected {
            prop_assert_eq!(tripdesk::prepaid::balance(desk.conn(), &hong, currency).unwrap(), *minor);
        }
        prop_assert_eq!(view.total_entries as usize, entries);
        prop_assert_eq!(view.entries.len(), entries);

        // Each current booking: paid is its current payments, and paid + remaining its total.
        let mut revenue = std::collections::BTreeMap::<&str, (i64, i64)>::new();
        for (b, bk) in bookings.iter().enumerate() {
            let paid: i64 = payments.iter().filter(|p| p.b == b && p.current).map(|p| p.minor).sum();
            if !bk.current {
                prop_assert!(desk.booking(&bk.id).is_err());
                continue;
            }
            let now = desk.booking(&bk.id).unwrap();
            prop_assert_eq!(now.total.mantissa() as i64, bk.total);
            prop_assert_eq!(now.paid.mantissa() as i64, paid);
            prop_assert_eq!(now.paid + now.remaining, now.total);
            if !bk.cancelled {
                let sums = revenue.entry(CURRENCIES[bk.c]).or_default();
                sums.0 += bk.total;
                sums.1 += paid;
            }
        }
        // Revenue, receipted and owed per currency: current bookings not cancelled.
        let r = desk.revenue(&hong).unwrap();
        let minors = |list: &[tripdesk::money::Amount]| -> Vec<(String, i64)> {
            list.iter().map(|a| (a.currency.clone(), a.amount.mantissa() as i64)).collect()
        };
        prop_assert_eq!(minors(&r.revenue), revenue.iter().map(|(c, s)| (c.to_string(), s.0)).collect::<Vec<_>>());
        prop_assert_eq!(minors(&r.receipted), revenue.iter().map(|(c, s)| (c.to_string(), s.1)).collect::<Vec<_>>());
        for ((rev, rec), owed) in r.revenue.iter().zip(&r.receipted).zip(&r.owed) {
            prop_assert_eq!(&rev.currency, &rec.currency);
            prop_assert_eq!(&rev.currency, &owed.currency);
            prop_assert_eq!(rev.amount - rec.amount, owed.amount);
        }
        prop_assert_eq!(r.owed.len(), r.revenue.len());
    }
}

/// `a` whole units of currency `c` in its minor units.
fn minor(a: u32, c: usize) -> i64 {
    match CURRENCIES[c] {
        "USD" => a as i64 * 100,
        _ => a as i64,
    }
}
