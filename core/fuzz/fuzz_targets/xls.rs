//! The OLE reader: an .xls (BIFF8 in a compound file: sector chains, the directory, the
//! workbook's records and the pre-checks of its grid), or an xlsx saved with a password.
//!
//! Input: the file's bytes. Its first eight are always the compound file's signature, so that
//! every execution gets past the sniffing to the OLE reader.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fuzz_target!(|data: &[u8]| {
    common::report_panics_once();
    common::read_as("xls", &OLE_MAGIC, data);
});
