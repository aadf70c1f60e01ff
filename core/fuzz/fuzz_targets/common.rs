//! What the targets share: the file an input becomes, the CSV reading it asks for, a whole
//! workbook read as the import reads it, and a panic hook that tells a panic the reader
//! shields from one that escapes.
//!
//! The readers' targets (`xlsx`, `xls`, `csv`) write their input as a file of their kind; the
//! mapper's (`plan`) starts with control bytes, the first of which picks the file's extension
//! (the reader tells the kind by content, so a zip named .csv or text named .xlsx is as likely
//! as the right name) and the second the CSV options.

#![allow(dead_code)] // each target uses its own part

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, Once, OnceLock};
use tripdesk::import::columns::{field_for_header, find_header_row, header_key, header_text};
use tripdesk::import::read::{Cell, Workbook};
use tripdesk::import::values;
use tripdesk::import::{CsvEncoding, CsvOptions};
use tripdesk::settings::{CustomField, CustomFieldKind};
use tripdesk::CustomFieldId;

pub const EXTENSIONS: [&str; 5] = ["xlsx", "xls", "ods", "csv", "txt"];

/// The most rows read from one sheet: enough to pass the header scan and the first screens of
/// the preview, few enough to keep an execution short.
pub const ROW_CAP: usize = 3_000;

pub fn extension(byte: u8) -> &'static str {
    EXTENSIONS[usize::from(byte) % EXTENSIONS.len()]
}

/// The CSV options a byte asks for: two bits of encoding, two of delimiter. The delimiter
/// `'x'` (refused with an error) stands in for any character she should not be able to pick.
pub fn csv_options(byte: u8) -> CsvOptions {
    let encoding = match byte & 0b11 {
        0 => CsvEncoding::Utf8,
        1 => CsvEncoding::Utf16Le,
        2 => CsvEncoding::Utf16Be,
        _ => CsvEncoding::Windows1258,
    };
    let delimiter = match (byte >> 2) & 0b111 {
        0 | 4 => ',',
        1 | 5 => ';',
        2 | 6 => '\t',
        3 => '|',
        _ => 'x',
    };
    CsvOptions {
        encoding,
        delimiter,
    }
}

/// One folder for the whole run; each input overwrites the file of its extension.
fn scratch() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
}

/// Writes the file's bytes under the extension's name and returns its path.
pub fn file_with(ext: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().path().join(format!("customers.{ext}"));
    std::fs::write(&path, bytes).expect("the input written");
    path
}

/// libfuzzer-sys aborts on every panic, even one the reader catches: calamine's panics on a
/// malformed file are caught and become `FileUnreadable`, which is the behaviour wanted. This
/// hook only prints a panic (once per place, with its backtrace); one that is not caught still
/// reaches libfuzzer-sys's own `catch_unwind`, which aborts and makes it a crash.
pub fn report_panics_once() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        std::panic::set_hook(Box::new(move |info| {
            let place = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let first = seen
                .lock()
                .map(|mut s| s.insert(place.clone()))
                .unwrap_or(true);
            if first {
                eprintln!(
                    "panic at {place}: {info}\n{}",
                    std::backtrace::Backtrace::force_capture()
                );
            }
        }));
    });
}

/// Writes `bytes` as `customers.<ext>`, its first bytes replaced by `magic` (so that every
/// execution reaches the reader of that kind instead of being told apart at the first byte),
/// then opens it as the import does and reads all of it.
pub fn read_as(ext: &str, magic: &[u8], bytes: &[u8]) {
    let mut file = bytes.to_vec();
    if file.len() < magic.len() {
        file.resize(magic.len(), 0);
    }
    file[..magic.len()].copy_from_slice(magic);
    let path = file_with(ext, &file);
    // Any error is an answer; only a panic, a hang or unbounded memory is a finding.
    if let Ok(mut book) = Workbook::open(&path, None) {
        read_book(&mut book);
    }
}

/// The custom field the header detection may recognise.
pub fn custom_fields() -> Vec<CustomField> {
    vec![CustomField {
        id: CustomFieldId("cf_hobby".to_owned()),
        name: "Sở thích".to_owned(),
        kind: CustomFieldKind::Text,
        choices: vec![],
        position: 0,
    }]
}

/// Every sheet streamed, the header looked for, and every cell read as each field reads it.
pub fn read_book(book: &mut Workbook) {
    let custom = custom_fields();
    let _ = (book.format(), book.csv_options(), book.path());
    let _ = book.first_sheet_with_data();
    let sheets = book.sheet_names().len();
    for sheet in 0..sheets {
        let Ok(rows) = book.rows(sheet) else {
            continue;
        };
        let mut top: Vec<Vec<Cell>> = Vec::new();
        for row in rows.take(ROW_CAP) {
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
        if let Some(header) = find_header_row(&top, &custom).and_then(|i| top.get(i)) {
            for cell in header {
                let _ = field_for_header(&header_text(cell), &custom);
            }
        }
        for cell in top.iter().flatten() {
            let text = header_text(cell);
            let _ = (header_key(&text), field_for_header(&text, &custom));
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
