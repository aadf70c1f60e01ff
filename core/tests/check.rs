#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

#[test]
fn a_check_puts_right_what_it_can_and_a_second_check_finds_nothing() {
    let (mut desk, dir) = common::desk();
    desk.add_customer(common::person("Nguyễn Thị Hồng", "", ""))
        .unwrap();
    desk.add_customer(common::person("Trần Văn Đức", "", ""))
        .unwrap();
    // The search index falls out of step (as a tool outside Tripdesk could leave it), and a
    // crash left half a copy in the files folder an hour ago.
    desk.conn()
        .execute_batch(
            "DELETE FROM customer_fts WHERE rowid = (SELECT min(rowid) FROM customer_fts)",
        )
        .unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let stale = files.join(".incoming-0190");
    std::fs::write(&stale, b"half a copy").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();

    let found = desk.check().unwrap();
    assert!(
        found.problems.iter().any(|p| p.contains("search index")),
        "{:?}",
        found.problems
    );
    let first = desk.check_and_repair().unwrap();
    assert!(first.is_sound(), "{:?}", first.problems);
    assert_eq!(first.repaired.len(), 2, "{:?}", first.repaired);
    assert!(!stale.exists());
    assert_eq!(common::search(&desk, "Hong"), vec!["Nguyễn Thị Hồng"]);
    let second = desk.check_and_repair().unwrap();
    assert!(
        second.is_sound() && second.repaired.is_empty(),
        "{second:?}"
    );
}

#[test]
fn a_check_names_what_breaks_her_money_and_her_defaults() {
    let (mut desk, _dir) = common::desk();
    desk.add_customer(common::person("Nguyễn Thị Hồng", "", ""))
        .unwrap();
    let conn = desk.conn();
    conn.execute_batch(
        "DROP INDEX contacts_one_primary;
         INSERT INTO contacts (id, customer_id, full_name, is_primary)
           SELECT 'c1', id, 'Lan', 1 FROM customers;
         INSERT INTO contacts (id, customer_id, full_name, is_primary)
           SELECT 'c2', id, 'Minh', 1 FROM customers;
         INSERT INTO prepaid_topups (id, customer_id, amount, currency)
           SELECT 't1', id, 12.5, 'usd' FROM customers;",
    )
    .unwrap();
    let report = desk.check().unwrap();
    let said = report.problems.join("\n");
    assert!(said.contains("2 primary contacts"), "{said}");
    assert!(
        said.contains("amount not a whole number of minor units in 1 prepaid_topups rows"),
        "{said}"
    );
    assert!(
        said.contains("prepaid_topups have no currency code"),
        "{said}"
    );
}
