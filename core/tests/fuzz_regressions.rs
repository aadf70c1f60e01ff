#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! What fuzzing the readers found (FUZZING.md), each as the smallest file that shows it, given
//! to the real `tripdesk import --dry-run`: it must end within 5 s with a message naming the
//! file, not be killed by a signal, and stay under 1 GiB of memory. A run is watched: the
//! child is killed as soon as its peak memory passes 1 GiB (which fails the test), so that a
//! regression cannot take the machine down with it.
//!
//! The files that must still import are here too: a fix that refused them would be wrong.

#[path = "common/xls.rs"]
mod xls;

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tripdesk::db::OpenMode;
use tripdesk::{Desk, Origin};
use xls::{biff, number};

const BIN: &str = env!("CARGO_BIN_EXE_tripdesk");
const TIME_LIMIT: Duration = Duration::from_secs(5);
const HARD_STOP: Duration = Duration::from_secs(60);
const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;

struct Run {
    status: ExitStatus,
    elapsed: Duration,
    peak_kib: u64,
    killed: Option<&'static str>,
    output: String,
}

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `tripdesk --db <a new file> import <file> --dry-run`, watched.
fn dry_run(dir: &Path, name: &str, bytes: &[u8]) -> Run {
    let db = dir.join("desk.sqlite3");
    if !db.exists() {
        Desk::open(&db, OpenMode::Create, Origin::Cli).unwrap();
    }
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let out = dir.join("run.out");
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&file)
        .arg("--dry-run")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak_kib = 0;
    let mut killed = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Some(kib) = vm_hwm_kib(child.id()) {
            peak_kib = peak_kib.max(kib);
        }
        if peak_kib > MEMORY_LIMIT_KIB {
            killed = Some("over 1 GiB of memory");
        } else if started.elapsed() > HARD_STOP {
            killed = Some("still running after 60 s");
        }
        if killed.is_some() {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let elapsed = started.elapsed();
    let mut output = std::fs::read_to_string(&out).unwrap_or_default();
    if let Some(mut err) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut err, &mut output);
    }
    Run {
        status,
        elapsed,
        peak_kib,
        killed,
        output,
    }
}

/// The file is refused quickly, in words, within the memory bound.
fn assert_refused(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let run = dry_run(dir.path(), name, bytes);
    eprintln!(
        "{name}: {:?}, {} ms, peak {} MiB: {}",
        run.status,
        run.elapsed.as_millis(),
        run.peak_kib / 1024,
        run.output.trim()
    );
    assert_eq!(run.killed, None, "{name}: killed by the test");
    assert_eq!(run.status.signal(), None, "{name}: ended by a signal");
    assert_eq!(run.status.code(), Some(1), "{name}: {}", run.output);
    assert!(
        run.output.contains(name),
        "{name}: the message names the file: {}",
        run.output
    );
    assert!(run.elapsed < TIME_LIMIT, "{name}: {:?}", run.elapsed);
    assert!(
        run.peak_kib < MEMORY_LIMIT_KIB,
        "{name}: {} KiB",
        run.peak_kib
    );
}

/// The file is read and every row previewed, within the bounds.
fn assert_imports(name: &str, bytes: &[u8], rows: usize) {
    let dir = tempfile::tempdir().unwrap();
    let run = dry_run(dir.path(), name, bytes);
    assert_eq!(run.killed, None, "{name}: killed by the test");
    assert!(run.status.success(), "{name}: {}", run.output);
    assert!(
        run.output.contains(&format!("{rows} created")),
        "{name}: {}",
        run.output
    );
    assert!(
        run.peak_kib < MEMORY_LIMIT_KIB,
        "{name}: {} KiB",
        run.peak_kib
    );
}

// --- xls: BIFF8 records in a compound file ------------------------------------------------

fn cell(typ: u16, row: u16, col: u16, data: &[u8]) -> Vec<u8> {
    let at = [row.to_le_bytes(), col.to_le_bytes(), 0u16.to_le_bytes()].concat();
    biff(typ, &[&at[..], data].concat())
}

/// A LabelSst cell: the shared string `index`.
fn shared(row: u16, col: u16, index: u32) -> Vec<u8> {
    cell(0x00FD, row, col, &index.to_le_bytes())
}

/// 8-bit text as an XLUnicodeString.
fn xl_string(text: &str) -> Vec<u8> {
    let len = u16::try_from(text.len()).unwrap();
    [&len.to_le_bytes()[..], &[0], text.as_bytes()].concat()
}

/// The shared strings, one SST record continued in CONTINUE records at string bounds.
fn sst(strings: &[String]) -> Vec<u8> {
    let n = u32::try_from(strings.len()).unwrap().to_le_bytes();
    let mut records = Vec::new();
    let mut typ = 0x00FC;
    let mut chunk = [n, n].concat();
    for s in strings {
        let encoded = xl_string(s);
        if chunk.len() + encoded.len() > 8224 {
            records.extend(biff(typ, &chunk));
            typ = 0x003C;
            chunk.clear();
        }
        chunk.extend(encoded);
    }
    records.extend(biff(typ, &chunk));
    records
}

/// A Workbook stream of one sheet, "KH": the globals (BOF, the shared strings, BoundSheet8,
/// EOF), then the sheet's BOF, its records and EOF.
fn workbook_stream(strings: &[String], sheet: &[Vec<u8>]) -> Vec<u8> {
    let bof = |dt: u16| {
        biff(
            0x0809,
            &[0x0600u16.to_le_bytes(), dt.to_le_bytes()].concat(),
        )
    };
    let bound_sheet = |pos: u32| {
        biff(
            0x0085,
            &[&pos.to_le_bytes()[..], &[0, 0, 2, 0], b"KH"].concat(),
        )
    };
    let globals = [bof(5), sst(strings)].concat();
    let at = globals.len() + bound_sheet(0).len() + biff(0x000A, &[]).len();
    let mut stream = globals;
    stream.extend(bound_sheet(u32::try_from(at).unwrap()));
    stream.extend(biff(0x000A, &[]));
    stream.extend(bof(0x10));
    for record in sheet {
        stream.extend_from_slice(record);
    }
    stream.extend(biff(0x000A, &[]));
    stream
}

/// A compound file of 512-byte sectors holding `workbook` as its Workbook stream (at least
/// 4096 bytes, so read from the file's sectors): the header, the FAT from sector 0 on (as many
/// sectors as it needs, all listed in the header), the directory, then the stream.
fn compound_file(workbook: &[u8]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mut stream = workbook.to_vec();
    stream.resize(stream.len().max(4096).next_multiple_of(512), 0);
    let sectors = u32::try_from(stream.len() / 512).unwrap();
    let mut fats = 1u32;
    while fats * 128 < fats + 1 + sectors {
        fats += 1;
    }
    assert!(fats <= 109, "the header lists 109 FAT sectors");
    let directory_at = fats;
    let first = directory_at + 1;

    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    header[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    header[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    header[0x2C..0x30].copy_from_slice(&fats.to_le_bytes());
    header[0x30..0x34].copy_from_slice(&directory_at.to_le_bytes());
    header[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    header[0x3C..0x40].copy_from_slice(&END.to_le_bytes()); // no mini FAT
    header[0x44..0x48].copy_from_slice(&END.to_le_bytes()); // no more DIFAT
    for (i, slot) in header[0x4C..].chunks_exact_mut(4).enumerate() {
        let i = u32::try_from(i).unwrap();
        slot.copy_from_slice(&if i < fats { i } else { FREE }.to_le_bytes());
    }

    let mut fat = vec![FREE; (fats * 128) as usize];
    fat[..fats as usize].fill(0xFFFF_FFFD);
    fat[directory_at as usize] = END;
    for s in first..first + sectors {
        fat[s as usize] = if s == first + sectors - 1 { END } else { s + 1 };
    }
    let fat: Vec<u8> = fat.iter().flat_map(|e| e.to_le_bytes()).collect();

    let entry = |name: &str, typ: u8, start: u32, size: u32, child: u32| {
        let mut e = [0u8; 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&u16::try_from(units.len() * 2).unwrap().to_le_bytes());
        e[0x42] = typ;
        e[0x44..0x48].copy_from_slice(&FREE.to_le_bytes());
        e[0x48..0x4C].copy_from_slice(&FREE.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
        e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
        e[0x78..0x7C].copy_from_slice(&size.to_le_bytes());
        e
    };
    let size = u32::try_from(stream.len()).unwrap();
    let mut directory = entry("Root Entry", 5, END, 0, 1).to_vec();
    directory.extend(entry("Workbook", 2, first, size, FREE));
    directory.resize(512, 0);

    [header, fat, directory, stream].concat()
}

// --- ods ----------------------------------------------------------------------------------

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (i, (name, data)) in entries.iter().enumerate() {
        let method = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// An ODS of one table whose rows are `rows`.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="KH">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_with(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

fn text_cell(text: &str, repeat: u32) -> String {
    format!(
        r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{repeat}"><text:p>{text}</text:p></table:table-cell>"#
    )
}

// --- what fuzzing found -------------------------------------------------------------------

#[test]
fn an_xls_with_a_cell_past_the_last_column_stays_under_1_gib() {
    // Found by the xls target (minimised): 600 rows and one cell at column 24,577, where an
    // .xls has 256. The grid, 14.7 million cells, passed the reader's 20-million-cell check,
    // and calamine holds it twice (the sheet read at open, and the copy it hands out): 1.06 GB.
    let sheet = [number(0, 0, 1.0), number(599, 24_576, 2.0)];
    assert_refused(
        "past-the-last-column.xls",
        &compound_file(&workbook_stream(&[], &sheet)),
    );
}

#[test]
fn an_xls_whose_cells_share_one_long_string_is_refused() {
    // Found while measuring the xls target's memory: calamine copies a shared string into
    // every cell that points at it, so 1.7 MB of cells pointing at one 8,000-character string
    // become 120,000 strings, 1.9 GB, twice; a 5 MB file aborts the process.
    let strings = ["x".repeat(8000)];
    let sheet: Vec<Vec<u8>> = (0..60_000u16)
        .flat_map(|row| [shared(row, 0, 0), shared(row, 1, 0)])
        .collect();
    assert_refused(
        "one-long-string.xls",
        &compound_file(&workbook_stream(&strings, &sheet)),
    );
}

#[test]
fn an_ods_that_repeats_a_long_text_a_million_times_is_refused() {
    // The same in an ODS, from 800 bytes: a text cell of 8,000 characters repeated 1,000 times
    // in a row repeated 1,000 times is 8 GB of strings for calamine. The grid (a million
    // cells) is well under the reader's cell limit.
    let rows = format!(
        r#"<table:table-row table:number-rows-repeated="1000">{}</table:table-row>"#,
        text_cell(&"x".repeat(8000), 1000)
    );
    assert_refused("long-text-repeated.ods", &ods(&rows));
}

// --- what must still import ---------------------------------------------------------------

#[test]
fn an_xls_whose_customers_share_short_strings_imports() {
    // 5,000 customers, their names and levels all shared strings: as Excel saves a list.
    // (8-bit strings: the headers without their accents, as the reader matches them anyway.)
    let mut strings = vec![
        "Ho va ten".to_owned(),
        "Cap do".to_owned(),
        "VIP".to_owned(),
    ];
    let mut sheet = vec![shared(0, 0, 0), shared(0, 1, 1)];
    for row in 1..=5000u16 {
        strings.push(format!("Khach hang {row}"));
        sheet.push(shared(row, 0, u32::try_from(strings.len() - 1).unwrap()));
        sheet.push(shared(row, 1, 2));
    }
    assert_imports(
        "customers.xls",
        &compound_file(&workbook_stream(&strings, &sheet)),
        5000,
    );
}

#[test]
fn an_ods_with_a_repeated_level_imports() {
    // A header, then 2,000 customers whose level cell is repeated over two columns, as
    // LibreOffice writes equal neighbours.
    let mut rows = format!(
        "<table:table-row>{}{}</table:table-row>",
        text_cell("Họ và tên", 1),
        text_cell("Cấp độ", 1)
    );
    for i in 1..=2000 {
        rows += &format!(
            "<table:table-row>{}{}</table:table-row>",
            text_cell(&format!("Khách hàng {i}"), 1),
            text_cell("VIP", 2)
        );
    }
    assert_imports("customers.ods", &ods(&rows), 2000);
}
