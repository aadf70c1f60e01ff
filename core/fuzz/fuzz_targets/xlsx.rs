//! The zip reader: xlsx (and ods, which shares its zip checks) from the central directory's
//! limits to the last cell, every sheet streamed and every cell read as each field reads it.
//!
//! Input: the file's bytes. Its first four are always a zip's local header signature, so
//! that every execution gets past the sniffing to the zip reader.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::report_panics_once();
    common::read_as("xlsx", b"PK\x03\x04", data);
});
