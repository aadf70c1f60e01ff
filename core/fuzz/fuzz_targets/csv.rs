//! The text reader: encoding and delimiter detected, then read again with the encoding and
//! delimiter she may pick instead (a wrong one included), every row streamed and every cell
//! read as each field reads it.
//!
//! Input: [CSV options byte] [file bytes...] (see `common::csv_options`). The bytes are left as
//! they are: text that happens to start like a zip or a PDF is told apart as the import does.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use tripdesk::import::read::Workbook;

fuzz_target!(|data: &[u8]| {
    common::report_panics_once();
    let [options, bytes @ ..] = data else {
        return;
    };
    let path = common::file_with("csv", bytes);
    for options in [None, Some(common::csv_options(*options))] {
        // Any error is an answer; only a panic, a hang or unbounded memory is a finding.
        if let Ok(mut book) = Workbook::open(&path, options) {
            common::read_book(&mut book);
        }
    }
});
