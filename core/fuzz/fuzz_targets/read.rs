//! The readers: any bytes, under any name, opened with and without her CSV options, every
//! sheet streamed, the header looked for, and every cell read as each field would read it.
//!
//! Input: [extension byte] [CSV options byte] [file bytes...]

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use tripdesk::import::columns::{field_for_header, find_header_row, header_key, header_text};
use tripdesk::import::read::{Cell, Workbook};
use tripdesk::import::values;
use tripdesk::settings::{CustomField, CustomFieldKind};
use tripdesk::CustomFieldId;

fuzz_target!(|data: &[u8]| {
    common::report_panics_once();
    let [ext, csv, bytes @ ..] = data else {
        return;
    };
    let path = common::file_with(common::extension(*ext), bytes);
    let custom = custom_fields();
    for options in [None, Some(common::csv_options(*csv))] {
        // Any error is an answer; only a panic, a hang or unbounded memory is a finding.
        if let Ok(mut book) = Workbook::open(&path, options) {
            read_book(&mut book, &custom);
        }
    }
});

fn custom_fields() -> Vec<CustomField> {
    vec![CustomField {
        id: CustomFieldId("cf_hobby".to_owned()),
        name: "Sở thích".to_owned(),
        kind: CustomFieldKind::Text,
        choices: vec![],
        position: 0,
    }]
}

fn read_book(book: &mut Workbook, custom: &[CustomField]) {
    let _ = (book.format(), book.csv_options(), book.path());
    let _ = book.first_sheet_with_data();
    let sheets = book.sheet_names().len();
    for sheet in 0..sheets {
        let Ok(rows) = book.rows(sheet) else {
            continue;
        };
        let mut top: Vec<Vec<Cell>> = Vec::new();
        for row in rows.take(common::ROW_CAP) {
            let Ok(row) = row else {
                break;
            };
            for cell in &row {
                read_cell(cell);
            }
            if top.len() < tripdesk::import::columns::HEADER_SCAN_ROWS + 20 {
                top.push(row);
            }
        }
        if let Some(header) = find_header_row(&top, custom).and_then(|i| top.get(i)) {
            for cell in header {
                let _ = field_for_header(&header_text(cell), custom);
            }
        }
        for cell in top.iter().flatten() {
            let text = header_text(cell);
            let _ = (header_key(&text), field_for_header(&text, custom));
        }
    }
    // Past the last sheet is an error, not a panic.
    let _ = book.rows(sheets).map(|mut rows| rows.next().is_some());
}

/// A cell read as every field reads it.
fn read_cell(cell: &Cell) {
    let text = values::cell_text(cell);
    let _ = values::is_blank(cell);
    let _ = values::cell_date(cell);
    let _ = values::cell_phones(cell);
    let _ = values::cell_emails(cell);
    let _ = values::cell_gender(cell);
    let _ = values::customer_type_named(&text);
    let _ = values::country_code(&text);
    let _ = values::phone(&text);
    if let Cell::Number(n) = cell {
        let _ = values::number_text(*n);
    }
}
