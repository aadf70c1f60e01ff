#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tripdesk::customers::{CustomerQuery, NewCustomer};
use tripdesk::db::OpenMode;
use tripdesk::import::{FileChoice, ImportSetup, OnDuplicate};
use tripdesk::{Desk, Origin};

/// A desk over a real file in its own temporary folder (kept alive by the returned guard).
pub fn desk() -> (Desk, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(
        &dir.path().join("desk.sqlite3"),
        OpenMode::Create,
        Origin::App,
    )
    .expect("open");
    (desk, dir)
}

pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("desk.sqlite3")
}

pub fn person(name: &str, phone: &str, email: &str) -> NewCustomer {
    NewCustomer {
        full_name: name.into(),
        phones: if phone.is_empty() {
            vec![]
        } else {
            vec![phone.into()]
        },
        emails: if email.is_empty() {
            vec![]
        } else {
            vec![email.into()]
        },
        ..Default::default()
    }
}

/// The names the list shows for a query, in order.
pub fn names(desk: &Desk, query: CustomerQuery) -> Vec<String> {
    let query = CustomerQuery {
        limit: if query.limit == 0 { 100 } else { query.limit },
        ..query
    };
    desk.list_customers(&query)
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.full_name)
        .collect()
}

pub fn search(desk: &Desk, text: &str) -> Vec<String> {
    names(
        desk,
        CustomerQuery {
            text: text.into(),
            ..Default::default()
        },
    )
}

/// The import the wizard suggests for `path`: its sheet, header row and column matches,
/// existing customers skipped, missing levels and staff created.
pub fn import_setup(desk: &Desk, path: &Path) -> ImportSetup {
    let summary = desk.inspect_import(path, &FileChoice::default()).unwrap();
    ImportSetup {
        sheet: summary.sheet,
        header_row: summary.header_row,
        columns: summary.columns,
        constants: vec![],
        on_duplicate: OnDuplicate::Skip,
        create_missing: true,
        create_anyway: vec![],
        csv: summary.csv,
    }
}
