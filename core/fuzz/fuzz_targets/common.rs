//! What both targets share: the file an input becomes, the CSV reading it asks for, and a
//! panic hook that tells a panic the reader shields from one that escapes.
//!
//! An input is a few control bytes followed by the file's bytes. The first control byte picks
//! the file's extension (the reader tells the kind by content, so a zip named .csv or text
//! named .xlsx is as likely as the right name); the second picks the CSV options.

#![allow(dead_code)] // each target uses its own part

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, Once, OnceLock};
use tripdesk::import::{CsvEncoding, CsvOptions};

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
