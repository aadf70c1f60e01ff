//! Erasing a customer for good blanks the text of her money records (quotes, bookings, their
//! lines, payments, prepaid top-ups) and of their history; the amounts stay.
#![allow(clippy::unwrap_used)]

mod common;

use common::{desk, person};
use tripdesk::prepaid::TopUpInput;

#[test]
fn erasing_a_customer_leaves_no_text_in_her_money_records_or_their_history() {
    let (mut desk, _dir) = desk();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "0903123456", ""))
        .unwrap()
        .id;
    let lan = desk
        .add_customer(person("Trần Thị Lan", "0912345678", ""))
        .unwrap()
        .id;
    let secret_top_up = "Chuyển khoản từ chồng chị Hồng, anh Minh";
    let t = desk
        .save_top_up(
            &hong,
            None,
            TopUpInput {
                description: secret_top_up.into(),
                amount: "5000000".into(),
                currency: "VND".into(),
                received_on: "2026-03-01".into(),
            },
        )
        .unwrap();
    desk.save_top_up(
        &hong,
        Some(&t.id),
        TopUpInput {
            description: format!("{secret_top_up} (sửa)"),
            amount: "4000000".into(),
            currency: "VND".into(),
            received_on: "2026-03-01".into(),
        },
    )
    .unwrap();
    desk.save_top_up(
        &lan,
        None,
        TopUpInput {
            description: "Tiền mặt của chị Lan".into(),
            amount: "100".into(),
            currency: "USD".into(),
            received_on: "2026-03-01".into(),
        },
    )
    .unwrap();
    let conn = desk.conn();
    for (table, sql) in [
        (
            "quotes",
            "INSERT INTO quotes (id, customer_id, code, title, destination, notes)
             VALUES ('q1', ?1, 'QT-2026-0001', 'Tour Nhật cho gia đình Hồng', 'Tokyo',
                     'Chị Hồng dị ứng hải sản')",
        ),
        (
            "quote_lines",
            "INSERT INTO quote_lines (id, quote_id, description, quantity, unit_price)
             VALUES ('ql1', 'q1', 'Vé cho bé Na (5 tuổi)', 1, 9000000)",
        ),
        (
            "bookings",
            "INSERT INTO bookings (id, customer_id, code, title, destination, notes)
             VALUES ('b1', ?1, 'BK-2026-0001', 'Tour Nhật cho gia đình Hồng', 'Tokyo',
                     'Hộ chiếu C1234567')",
        ),
        (
            "booking_lines",
            "INSERT INTO booking_lines (id, booking_id, description, quantity, unit_price)
             VALUES ('bl1', 'b1', 'Vé cho bé Na (5 tuổi)', 1, 9000000)",
        ),
        (
            "payments",
            "INSERT INTO payments (id, booking_id, customer_id, paid_on, amount, method, reference)
             VALUES ('p1', 'b1', ?1, '2026-03-02', 3000000, 'transfer', 'NGUYEN THI HONG CK tour')",
        ),
    ] {
        let params: &[&dyn rusqlite::ToSql] = if sql.contains("?1") { &[&hong] } else { &[] };
        conn.execute(sql, params)
            .unwrap_or_else(|e| panic!("{table}: {e}"));
    }

    desk.erase_customer(&hong).unwrap();

    let conn = desk.conn();
    let everything: String = conn
        .query_row(
            "SELECT (SELECT group_concat(title || destination || notes, ' ') FROM quotes)
                 || (SELECT group_concat(description, ' ') FROM quote_lines)
                 || (SELECT group_concat(title || destination || notes, ' ') FROM bookings)
                 || (SELECT group_concat(description, ' ') FROM booking_lines)
                 || (SELECT group_concat(reference, ' ') FROM payments)
                 || (SELECT coalesce(group_concat(description, ' '), '') FROM prepaid_topups
                      WHERE customer_id = ?1)
                 || (SELECT group_concat(changes, ' ') FROM change_log WHERE customer_id = ?1)",
            [&hong],
            |r| r.get(0),
        )
        .unwrap();
    for secret in [
        "Hồng",
        "Tokyo",
        "dị ứng",
        "C1234567",
        "bé Na",
        "NGUYEN",
        "anh Minh",
        "5000000",
    ] {
        assert!(!everything.contains(secret), "{secret} in {everything}");
    }
    // Her figures are gone from what the desk shows; the amounts stay in the rows.
    assert!(desk.prepaid(&hong, 0, 10).unwrap().balances.is_empty());
    assert!(desk.revenue(&hong).unwrap().revenue.is_empty());
    let kept: i64 = conn
        .query_row("SELECT amount FROM payments WHERE id = 'p1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, 3_000_000);
    let erased: Vec<String> = conn
        .prepare(
            "SELECT entity FROM change_log WHERE op = 'erase' AND entity <> 'customer'
             ORDER BY entity",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(erased, ["booking", "payment", "quote", "top_up"]);
    // Someone else's credit is untouched.
    let lan_view = desk.prepaid(&lan, 0, 10).unwrap();
    assert_eq!(lan_view.entries[0].description, "Tiền mặt của chị Lan");
    assert_eq!(lan_view.balances.len(), 1);
}
