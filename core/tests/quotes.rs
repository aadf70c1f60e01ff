#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use tripdesk::chrono::NaiveDate;
use tripdesk::lines::{self, LineInput, LineTable};
use tripdesk::quotes::{price_lines, QuoteInput, QuoteStatus};
use tripdesk::{CustomerId, Desk, ErrorKind};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 23)
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

fn japan() -> QuoteInput {
    QuoteInput {
        title: "Tour Nhật Bản mùa thu".into(),
        destination: "Tokyo – Kyoto".into(),
        departure_on: "10/12/2026".into(),
        days: 6,
        nights: 5,
        adults: 2,
        children: 1,
        currency: "USD".into(),
        valid_until: "30/11/2026".into(),
        lines: vec![
            line("Vé máy bay SGN-NRT", 2, "12.345"),
            line("Khách sạn 5 đêm", 1, "0.10"),
        ],
        ..Default::default()
    }
}

fn history_of(
    desk: &Desk,
    customer: &CustomerId,
    entity: &str,
) -> Vec<tripdesk::history::HistoryEntry> {
    desk.customer_history(customer)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == entity)
        .collect()
}

#[test]
fn codes_count_up_and_a_new_year_starts_again() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let a = desk.save_quote(&lan, None, japan(), today()).unwrap();
    let b = desk.save_quote(&lan, None, japan(), today()).unwrap();
    let c = desk
        .save_quote(&lan, None, japan(), day(2027, 1, 2))
        .unwrap();
    assert_eq!(a.code, "QT-2026-0001");
    assert_eq!(b.code, "QT-2026-0002");
    assert_eq!(c.code, "QT-2027-0001");
    // A deleted quote keeps its code: the next one does not take it.
    desk.remove_quote(&b.id).unwrap();
    let d = desk.save_quote(&lan, None, japan(), today()).unwrap();
    assert_eq!(d.code, "QT-2026-0003");
    let page = desk.quotes(&lan, today(), 0, 50).unwrap();
    assert_eq!(page.total, 3);
    let codes: Vec<_> = page.items.iter().map(|q| q.code.as_str()).collect();
    assert_eq!(
        codes,
        ["QT-2026-0003", "QT-2027-0001", "QT-2026-0001"],
        "newest first"
    );
}

#[test]
fn the_total_is_exact_and_rounded_once_per_price() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let q = desk
        .save_quote(
            &lan,
            None,
            QuoteInput {
                lines: vec![line("Vé", 1, "12.345"), line("Vé trẻ em", 1, "12.345")],
                ..japan()
            },
            today(),
        )
        .unwrap();
    assert_eq!(q.total.to_string(), "24.70");
    assert_eq!(q.lines.len(), 2);
    assert_eq!(q.lines[0].unit_price.to_string(), "12.35");
    assert_eq!(q.lines[1].amount.to_string(), "12.35");

    let q = desk.save_quote(&lan, None, japan(), today()).unwrap();
    assert_eq!(q.total.to_string(), "24.80", "2 × 12.35 + 0.10");
    let page = desk.quotes(&lan, today(), 0, 50).unwrap();
    assert_eq!(page.items[0].total.to_string(), "24.80");

    let vnd = desk
        .save_quote(
            &lan,
            None,
            QuoteInput {
                currency: String::new(),
                lines: vec![line("Tour Hạ Long", 3, "1250000")],
                ..japan()
            },
            today(),
        )
        .unwrap();
    assert_eq!(vnd.currency, "VND", "the agency's default currency");
    assert_eq!(vnd.total.to_string(), "3750000");

    let (amounts, total) =
        price_lines(&[line("", 2, "12.345"), line("x", 1, "0.1")], "USD").unwrap();
    let amounts: Vec<_> = amounts.iter().map(|a| a.to_string()).collect();
    assert_eq!(amounts, ["24.70", "0.10"]);
    assert_eq!(total.to_string(), "24.80");
}

#[test]
fn expired_is_derived_from_valid_until() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let q = desk.save_quote(&lan, None, japan(), today()).unwrap();
    assert_eq!(q.status, QuoteStatus::Draft);
    assert_eq!(
        desk.quote(&q.id, day(2026, 11, 30)).unwrap().status,
        QuoteStatus::Draft,
        "valid through the day"
    );
    let later = desk.quote(&q.id, day(2026, 12, 1)).unwrap();
    assert_eq!(later.status, QuoteStatus::Expired);
    assert_eq!(later.set_status, QuoteStatus::Draft);

    for status in [
        QuoteStatus::Sent,
        QuoteStatus::Accepted,
        QuoteStatus::Rejected,
    ] {
        let saved = desk
            .save_quote(&lan, Some(&q.id), QuoteInput { status, ..japan() }, today())
            .unwrap();
        let expected = if status == QuoteStatus::Sent {
            QuoteStatus::Expired
        } else {
            status
        };
        assert_eq!(
            desk.quote(&saved.id, day(2026, 12, 1)).unwrap().status,
            expected,
            "{status:?}"
        );
    }

    let err = desk
        .save_quote(
            &lan,
            Some(&q.id),
            QuoteInput {
                status: QuoteStatus::Expired,
                ..japan()
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidChoice);
    assert_eq!(err.to_dto().field.as_deref(), Some("status"));
}

#[test]
fn an_accepted_quote_becomes_a_booking_with_its_lines_once() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let q = desk
        .save_quote(
            &lan,
            None,
            QuoteInput {
                status: QuoteStatus::Sent,
                ..japan()
            },
            today(),
        )
        .unwrap();
    // Past its "valid until": she may still accept it (the agency honours it).
    let late = day(2026, 12, 2);
    assert_eq!(
        desk.quote(&q.id, late).unwrap().status,
        QuoteStatus::Expired
    );
    let booking = desk.accept_quote(&q.id, late).unwrap();
    assert_eq!(booking.code, "BK-2026-0001");

    let accepted = desk.quote(&q.id, late).unwrap();
    assert_eq!(accepted.status, QuoteStatus::Accepted);
    assert_eq!(
        accepted.booking.as_ref().map(|b| b.code.as_str()),
        Some("BK-2026-0001")
    );

    let booked = lines::read(desk.conn(), LineTable::Booking, booking.id.as_str(), "USD").unwrap();
    let strip = |ls: &[tripdesk::lines::Line]| {
        ls.iter()
            .map(|l| (l.description.clone(), l.quantity, l.unit_price, l.amount))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&booked), strip(&accepted.lines));
    let total = lines::total(desk.conn(), LineTable::Booking, booking.id.as_str()).unwrap();
    assert_eq!(total, 2480);
    let (quote_id, currency): (String, String) = desk
        .conn()
        .query_row(
            "SELECT quote_id, currency FROM bookings WHERE id = ?1",
            [booking.id.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (quote_id.as_str(), currency.as_str()),
        (q.id.as_str(), "USD")
    );

    // Twice is refused, and so is moving it away from accepted or deleting it.
    let twice = desk.accept_quote(&q.id, late).unwrap_err();
    assert_eq!(twice.kind(), ErrorKind::QuoteBooked);
    assert_eq!(twice.to_dto().value.as_deref(), Some(booking.code.as_str()));
    let err = desk
        .save_quote(
            &lan,
            Some(&q.id),
            QuoteInput {
                status: QuoteStatus::Draft,
                ..japan()
            },
            late,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::QuoteBooked);
    assert_eq!(err.to_dto().field.as_deref(), Some("status"));
    assert_eq!(
        desk.remove_quote(&q.id).unwrap_err().kind(),
        ErrorKind::QuoteBooked
    );
    let count: i64 = desk
        .conn()
        .query_row("SELECT count(*) FROM bookings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);

    // Other fields may still change while it stays accepted.
    let renamed = desk
        .save_quote(
            &lan,
            Some(&q.id),
            QuoteInput {
                title: "Tour Nhật Bản".into(),
                status: QuoteStatus::Accepted,
                ..japan()
            },
            late,
        )
        .unwrap();
    assert_eq!(renamed.title, "Tour Nhật Bản");

    // A rejected quote is not accepted until she sets it back.
    let r = desk
        .save_quote(
            &lan,
            None,
            QuoteInput {
                status: QuoteStatus::Rejected,
                ..japan()
            },
            today(),
        )
        .unwrap();
    assert_eq!(
        desk.accept_quote(&r.id, today()).unwrap_err().kind(),
        ErrorKind::QuoteRejected
    );

    let log = history_of(&desk, &lan, "quote");
    let accepted_entry = log
        .iter()
        .find(|e| e.action == "accept_quote")
        .expect("the acceptance in the history");
    let status = accepted_entry
        .changes
        .iter()
        .find(|c| c.field == "status")
        .unwrap();
    assert_eq!(status.old, serde_json::json!("sent"));
    assert_eq!(status.new, serde_json::json!("accepted"));
    assert!(!history_of(&desk, &lan, "booking").is_empty());
}

#[test]
fn a_bad_line_is_refused_by_name_and_nothing_is_written() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let bad = QuoteInput {
        lines: vec![line("Vé", 1, "12"), line("Khách sạn", 2, "1,5")],
        ..japan()
    };
    let err = desk.save_quote(&lan, None, bad, today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidAmount);
    assert_eq!(err.to_dto().field.as_deref(), Some("lines.1.unit_price"));
    let counts: (i64, i64) = desk
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM quotes), (SELECT count(*) FROM quote_lines)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(counts, (0, 0));

    // A refused edit leaves the quote as it was.
    let q = desk.save_quote(&lan, None, japan(), today()).unwrap();
    let err = desk
        .save_quote(
            &lan,
            Some(&q.id),
            QuoteInput {
                title: "Khác".into(),
                lines: vec![line("", 1, "5")],
                ..japan()
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.to_dto().field.as_deref(), Some("lines.0.description"));
    assert_eq!(desk.quote(&q.id, today()).unwrap(), q);

    for (input, field, kind) in [
        (
            QuoteInput {
                title: " ".into(),
                ..japan()
            },
            "title",
            ErrorKind::Required,
        ),
        (
            QuoteInput {
                days: 1000,
                ..japan()
            },
            "days",
            ErrorKind::InvalidNumber,
        ),
        (
            QuoteInput {
                infants: 1000,
                ..japan()
            },
            "infants",
            ErrorKind::InvalidNumber,
        ),
        (
            QuoteInput {
                valid_until: "31/02/2026".into(),
                ..japan()
            },
            "valid_until",
            ErrorKind::InvalidDate,
        ),
        (
            QuoteInput {
                departure_on: "hôm qua".into(),
                ..japan()
            },
            "departure_on",
            ErrorKind::InvalidDate,
        ),
        (
            QuoteInput {
                currency: "XYZ".into(),
                ..japan()
            },
            "currency",
            ErrorKind::InvalidCurrency,
        ),
        (
            QuoteInput {
                lines: vec![line("Vé", 0, "5")],
                ..japan()
            },
            "lines.0.quantity",
            ErrorKind::InvalidNumber,
        ),
    ] {
        let err = desk.save_quote(&lan, None, input, today()).unwrap_err();
        assert_eq!(
            (err.to_dto().field.as_deref(), err.kind()),
            (Some(field), kind)
        );
    }
    assert_eq!(desk.quotes(&lan, today(), 0, 50).unwrap().total, 1);
}

#[test]
fn every_change_is_in_the_history_with_old_and_new_values() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let q = desk.save_quote(&lan, None, japan(), today()).unwrap();
    let mut lines: Vec<LineInput> = q
        .lines
        .iter()
        .map(|l| LineInput {
            id: Some(l.id.clone()),
            description: l.description.clone(),
            quantity: l.quantity,
            unit_price: l.unit_price.to_string(),
        })
        .collect();
    lines[0].quantity = 3;
    let changed = desk
        .save_quote(
            &lan,
            Some(&q.id),
            QuoteInput {
                status: QuoteStatus::Sent,
                lines: lines.clone(),
                ..japan()
            },
            today(),
        )
        .unwrap();
    assert_eq!(changed.lines[0].id, q.lines[0].id, "a line keeps its id");
    assert_eq!(changed.total.to_string(), "37.15");

    let log = history_of(&desk, &lan, "quote");
    let insert = log.iter().find(|e| e.op == "insert").expect("the insert");
    let field = |e: &tripdesk::history::HistoryEntry, f: &str| {
        e.changes
            .iter()
            .find(|c| c.field == f)
            .map(|c| (c.old.clone(), c.new.clone()))
    };
    assert_eq!(
        field(insert, "code").unwrap().1,
        serde_json::json!("QT-2026-0001")
    );
    assert_eq!(
        field(insert, "total").unwrap().1,
        serde_json::json!("24.80 USD")
    );
    assert_eq!(
        field(insert, "currency").unwrap().1,
        serde_json::json!("USD")
    );
    let update = log.iter().find(|e| e.op == "update").expect("the update");
    assert_eq!(
        field(update, "total").unwrap(),
        (
            serde_json::json!("24.80 USD"),
            serde_json::json!("37.15 USD")
        )
    );
    assert_eq!(
        field(update, "status").unwrap(),
        (serde_json::json!("draft"), serde_json::json!("sent"))
    );
    let (old, new) = field(update, "lines").unwrap();
    assert_eq!(old[0], serde_json::json!("2 × Vé máy bay SGN-NRT @ 12.35"));
    assert_eq!(new[0], serde_json::json!("3 × Vé máy bay SGN-NRT @ 12.35"));
    assert!(field(update, "title").is_none(), "only what changed");

    // The same again is no change at all.
    let before = log.len();
    desk.save_quote(
        &lan,
        Some(&q.id),
        QuoteInput {
            status: QuoteStatus::Sent,
            lines,
            ..japan()
        },
        today(),
    )
    .unwrap();
    assert_eq!(history_of(&desk, &lan, "quote").len(), before);
}

#[test]
fn a_removed_quote_comes_back_with_its_code_and_lines() {
    let (mut desk, _dir) = common::desk();
    let lan = customer(&mut desk, "Trần Thị Lan");
    let hoa = customer(&mut desk, "Lê Văn Hoà");
    let q = desk.save_quote(&lan, None, japan(), today()).unwrap();
    desk.remove_quote(&q.id).unwrap();
    assert_eq!(
        desk.quote(&q.id, today()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(desk.quotes(&lan, today(), 0, 50).unwrap().total, 0);
    assert_eq!(
        desk.remove_quote(&q.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        desk.accept_quote(&q.id, today()).unwrap_err().kind(),
        ErrorKind::NotFound
    );

    let back = desk.restore_quote(&q.id).unwrap();
    assert_eq!(back.code, "QT-2026-0001");
    assert_eq!(back.total.to_string(), "24.80");
    assert_eq!(back.lines.len(), 2);
    assert_eq!(desk.quotes(&lan, today(), 0, 50).unwrap().total, 1);
    let ops: Vec<_> = history_of(&desk, &lan, "quote")
        .into_iter()
        .map(|e| e.op)
        .collect();
    assert!(
        ops.contains(&"archive".to_owned()) && ops.contains(&"restore".to_owned()),
        "{ops:?}"
    );

    // Another customer's quote is not hers to change.
    let err = desk
        .save_quote(&hoa, Some(&q.id), japan(), today())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}
