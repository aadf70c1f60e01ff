//! The demo's money: what a first look at the app shows on the Quotes, Bookings and Prepaid
//! tabs and the Overview's revenue card.
#![allow(clippy::unwrap_used)]

mod common;

use common::desk;
use rust_decimal::Decimal;
use std::str::FromStr;
use tripdesk::chrono::NaiveDate;
use tripdesk::customers::{CustomerQuery, CustomerSort};
use tripdesk::money::Amount;

fn amount(currency: &str, amount: &str) -> Amount {
    Amount {
        currency: currency.into(),
        amount: Decimal::from_str(amount).unwrap(),
    }
}

#[test]
fn the_demo_has_quotes_bookings_payments_and_credit_in_two_currencies_one_overdrawn() {
    let (mut desk, _dir) = desk();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    desk.load_demo(60, today).unwrap();
    let count = |sql: &str| -> i64 { desk.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(count("SELECT count(*) FROM quotes WHERE status = 'accepted'") > 0);
    assert!(count("SELECT count(*) FROM quotes WHERE status IN ('draft', 'sent')") > 0);
    assert!(count("SELECT count(*) FROM bookings WHERE currency = 'VND'") > 0);
    assert!(count("SELECT count(*) FROM bookings WHERE currency = 'USD'") > 0);
    assert!(
        count("SELECT count(*) FROM payments WHERE method = 'transfer' AND account_id IS NOT NULL")
            > 0
    );
    assert!(count("SELECT count(*) FROM payments WHERE method = 'prepaid'") > 0);
    assert_eq!(count("SELECT count(*) FROM agency_accounts"), 2);

    let first: Vec<_> = desk
        .list_customers(&CustomerQuery {
            limit: 2,
            sort: CustomerSort::Code,
            ..Default::default()
        })
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    // The first has credit in đồng and in dollars, listed apart.
    let two = desk.prepaid(&first[0], 0, 100).unwrap();
    let currencies: Vec<&str> = two.balances.iter().map(|b| b.currency.as_str()).collect();
    assert_eq!(currencies, ["USD", "VND"]);
    assert_eq!(two.balances[0], amount("USD", "100.00"));
    // The second spent 2.000.000 ₫ more credit than she left.
    let overdrawn = desk.prepaid(&first[1], 0, 100).unwrap();
    assert!(overdrawn.balances.contains(&amount("VND", "-2000000")));

    // Every figure agrees with its parts, booking by booking and currency by currency.
    for customer in &first {
        let page = desk.bookings(customer, 0, 50).unwrap();
        assert!(page.total > 0);
        for b in &page.items {
            assert_eq!(b.paid + b.remaining, b.total, "{}", b.code);
            let paid: Decimal = b.payments.iter().map(|p| p.amount).sum();
            assert_eq!(paid, b.paid, "{}", b.code);
        }
        let r = desk.revenue(customer).unwrap();
        for ((rev, rec), owed) in r.revenue.iter().zip(&r.receipted).zip(&r.owed) {
            assert_eq!(rev.amount - rec.amount, owed.amount, "{}", rev.currency);
        }
    }
}

#[test]
fn a_care_and_money_demo_fills_follow_ups_and_money_and_leaves_the_other_tabs_empty() {
    let (mut desk, _dir) = desk();
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    desk.load_demo_of(60, today, tripdesk::demo::DemoTabs::CareAndMoney)
        .unwrap();
    let count = |table: &str| -> i64 {
        desk.conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count("customers"), 60);
    for filled in [
        "followups",
        "quotes",
        "bookings",
        "payments",
        "prepaid_topups",
    ] {
        assert!(count(filled) > 0, "{filled} is empty");
    }
    for empty in [
        "contacts",
        "addresses",
        "bank_accounts",
        "notes",
        "tasks",
        "files",
    ] {
        assert_eq!(count(empty), 0, "{empty} is filled");
    }
}
