#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! Hostile files given to the real `tripdesk import`, as a partner's email could bring them:
//! each is made here, byte by byte where it must be, and imported (and dry-run) into a file
//! that already holds customers. Each run must end within 5 s with a message in words, not
//! killed by a signal, under 1 GiB of memory, and leave the database's bytes as they were.
//!
//! Peak memory is measured two ways: the child's `VmHWM` polled every millisecond (its figure
//! per file), and the largest peak of every child this test has waited for
//! (`getrusage(RUSAGE_CHILDREN)`), which no allocation can slip past between two polls.

#[path = "common/xls.rs"]
mod xls;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress};
use nix::sys::resource::{getrusage, UsageWho};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tripdesk::customers::CustomerQuery;
use tripdesk::db::OpenMode;
use tripdesk::{Desk, Origin};

const BIN: &str = env!("CARGO_BIN_EXE_tripdesk");
/// The issue's bound for refusing a hostile file.
const TIME_LIMIT: Duration = Duration::from_secs(5);
/// A run still going after this is killed, so that a hang fails the test instead of CI.
const HARD_STOP: Duration = Duration::from_secs(60);
const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;
const MIB: usize = 1024 * 1024;

// --- running the binary -------------------------------------------------------------------

struct Run {
    status: ExitStatus,
    killed_after_hard_stop: bool,
    elapsed: Duration,
    /// The child's peak resident memory, polled (KiB).
    polled_peak_kib: u64,
    output: String,
}

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The largest peak resident memory of any child this process has waited for (KiB).
fn children_peak_kib() -> u64 {
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).unwrap();
    u64::try_from(usage.max_rss()).unwrap()
}

fn tripdesk(dir: &Path, args: &[&str]) -> Run {
    let out = dir.join("run.out");
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(dir.join("run.err")).unwrap())
        .spawn()
        .unwrap();
    let mut polled_peak_kib = 0;
    let mut killed_after_hard_stop = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Some(kib) = vm_hwm_kib(child.id()) {
            polled_peak_kib = polled_peak_kib.max(kib);
        }
        if started.elapsed() > HARD_STOP {
            killed_after_hard_stop = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let elapsed = started.elapsed();
    let output = std::fs::read_to_string(&out).unwrap_or_default()
        + &std::fs::read_to_string(dir.join("run.err")).unwrap_or_default();
    Run {
        status,
        killed_after_hard_stop,
        elapsed,
        polled_peak_kib,
        output,
    }
}

/// The database's bytes, and its write-ahead log's if that holds any, as one digest. (A
/// read-only open may leave an empty log behind; only frames in it would be changes.)
fn db_digest(db: &Path) -> String {
    let mut hash = Sha256::new();
    hash.update(std::fs::read(db).unwrap());
    let wal = std::fs::read(format!("{}-wal", db.display())).unwrap_or_default();
    if !wal.is_empty() {
        hash.update(b"wal");
        hash.update(wal);
    }
    format!("{:x}", hash.finalize())
}

fn customer_count(db: &Path) -> u32 {
    let desk = Desk::open(db, OpenMode::ReadOnly, Origin::Cli).unwrap();
    desk.list_customers(&CustomerQuery {
        limit: 1,
        ..Default::default()
    })
    .unwrap()
    .total
}

// --- the corpus ---------------------------------------------------------------------------

struct Hostile {
    name: &'static str,
    file: PathBuf,
    /// Words the message must hold, so that she is told what is wrong with the file.
    says: &'static str,
}

/// One zip entry as it is to be written: the bytes as stored and what the headers declare.
struct RawEntry {
    name: String,
    /// 0 stored, 8 deflated.
    method: u16,
    crc: u32,
    data: Vec<u8>,
    declared_size: u32,
}

impl RawEntry {
    fn stored(name: &str, bytes: &[u8]) -> RawEntry {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        RawEntry {
            name: name.to_string(),
            method: 0,
            crc: crc.sum(),
            data: bytes.to_vec(),
            declared_size: u32::try_from(bytes.len()).unwrap(),
        }
    }
}

/// A zip written by hand, so that its headers can say what the tests need them to.
fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = u32::try_from(out.len()).unwrap();
        let compressed = u32::try_from(e.data.len()).unwrap();
        let name = e.name.as_bytes();
        let common = [
            &20u16.to_le_bytes()[..], // version needed
            &0u16.to_le_bytes(),      // flags
            &e.method.to_le_bytes(),
            &0u16.to_le_bytes(),    // time
            &0x21u16.to_le_bytes(), // date: 1 Jan 1980
            &e.crc.to_le_bytes(),
            &compressed.to_le_bytes(),
            &e.declared_size.to_le_bytes(),
            &u16::try_from(name.len()).unwrap().to_le_bytes(),
            &0u16.to_le_bytes(), // extra field
        ]
        .concat();
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&common);
        out.extend_from_slice(name);
        out.extend_from_slice(&e.data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let central_at = u32::try_from(out.len()).unwrap();
    let count = u16::try_from(entries.len()).unwrap();
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&u32::try_from(central.len()).unwrap().to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A real workbook of one customer, its parts stored, with `sheet` as its worksheet.
fn xlsx_with_sheet(dir: &Path, sheet: RawEntry) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "Họ và tên").unwrap();
    ws.write_string(0, 1, "Điện thoại").unwrap();
    ws.write_string(1, 0, "Nguyễn Văn An").unwrap();
    ws.write_string(1, 1, "0903123456").unwrap();
    let path = dir.join("base.xlsx");
    book.save(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if name == "xl/worksheets/sheet1.xml" {
            continue;
        }
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        entries.push(RawEntry::stored(&name, &bytes));
    }
    entries.push(sheet);
    raw_zip(&entries)
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// Deflates `input` as the next part of `stream`, ending on a byte boundary (a sync flush), so
/// that the bytes returned may be repeated: each copy inflates to `input` again as long as
/// the 32 KB before it are the same.
fn deflate_part(stream: &mut Compress, input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + 4096);
    let before = stream.total_in();
    stream.compress_vec(input, &mut out, flush).unwrap();
    assert_eq!(stream.total_in() - before, input.len() as u64);
    assert!(out.len() < out.capacity(), "the output was cut short");
    out
}

/// A worksheet whose cell A1 is `copies` MiB of "x": a deflate stream of the XML around one
/// block that inflates 1 MiB of "x" from about 1 KB, repeated.
fn bomb_sheet(copies: usize) -> (Vec<u8>, u64) {
    sheet_of_one_cell(copies, &vec![b'x'; MIB])
}

/// A worksheet whose cell A1 is `copies` times `x` (1 MiB), deflated once and repeated.
fn sheet_of_one_cell(copies: usize, x: &[u8]) -> (Vec<u8>, u64) {
    assert_eq!(x.len(), MIB);
    let start = format!(r#"{SHEET_START}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#);
    let end = "</t></is></c></row></sheetData></worksheet>";
    let mut stream = Compress::new(Compression::best(), false);
    let mut deflated = deflate_part(&mut stream, start.as_bytes(), FlushCompress::Sync);
    deflated.extend(deflate_part(&mut stream, x, FlushCompress::Sync));
    let again = deflate_part(&mut stream, x, FlushCompress::Sync);
    for _ in 1..copies {
        deflated.extend_from_slice(&again);
    }
    deflated.extend(deflate_part(
        &mut stream,
        end.as_bytes(),
        FlushCompress::Finish,
    ));
    let inflated = (start.len() + copies * MIB + end.len()) as u64;
    (deflated, inflated)
}

#[test]
fn the_bomb_sheet_really_inflates_to_what_it_says() {
    // A small one, inflated here: the big one differs only in how often the block repeats.
    let (deflated, size) = bomb_sheet(3);
    let mut inflater = Decompress::new(false);
    let mut out = Vec::with_capacity(size as usize + 1);
    inflater
        .decompress_vec(&deflated, &mut out, FlushDecompress::Finish)
        .unwrap();
    assert_eq!(out.len() as u64, size);
    assert!(String::from_utf8(out)
        .unwrap()
        .contains(&format!("<t>{}</t>", "x".repeat(3 * MIB))));
}

/// The output as the test shows it: its first lines, long lines cut.
fn short(output: &str) -> String {
    let lines: Vec<String> = output
        .trim()
        .lines()
        .take(4)
        .map(|l| match l.char_indices().nth(300) {
            Some((at, _)) => format!("{}…", &l[..at]),
            None => l.to_string(),
        })
        .collect();
    lines.join(" / ")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn corpus(dir: &Path) -> Vec<Hostile> {
    let mut files = Vec::new();
    let mut add = |name: &'static str, file: PathBuf, says: &'static str| {
        files.push(Hostile { name, file, says });
    };

    // A zip bomb: one cell that inflates to 4 GB (4,095 MiB of "x" from ~4 MB), the headers
    // telling the truth.
    let (deflated, inflated) = bomb_sheet(4095);
    let sheet = |declared_size| RawEntry {
        name: "xl/worksheets/sheet1.xml".into(),
        method: 8,
        crc: 0,
        data: deflated.clone(),
        declared_size,
    };
    let bomb = xlsx_with_sheet(dir, sheet(u32::try_from(inflated).unwrap()));
    add(
        "zip bomb, 4 GB cell",
        write(dir, "bomb.xlsx", &bomb),
        "inflate",
    );
    // The same stream, its headers claiming it inflates to 1 MiB: nothing in the directory
    // gives it away.
    let lying = xlsx_with_sheet(dir, sheet(MIB as u32));
    add(
        "zip bomb, size lied",
        write(dir, "bomb-lying.xlsx", &lying),
        "larger than its declared",
    );

    // A bomb that keeps within every cap of the directory: one cell of 560 MiB of "x" with
    // a letter here and there, which compresses under 200:1.
    let mut x = vec![b'x'; MIB];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut at = 0;
    while at < MIB {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        x[at] = b'a' + (seed >> 40) as u8 % 26;
        at += 1 + (seed >> 32) as usize % 400;
    }
    let (deflated, inflated) = sheet_of_one_cell(560, &x);
    let ratio = inflated / deflated.len() as u64;
    assert!((20..200).contains(&ratio), "{ratio}:1");
    let sheet = RawEntry {
        name: "xl/worksheets/sheet1.xml".into(),
        method: 8,
        crc: 0,
        data: deflated,
        declared_size: u32::try_from(inflated).unwrap(),
    };
    let within = xlsx_with_sheet(dir, sheet);
    add(
        "560 MiB cell, under caps",
        write(dir, "big-cell.xlsx", &within),
        "more than a cell holds",
    );

    // The last cell of the grid: a naive reader lays out 1,048,576 × 16,384 cells.
    let last_cell = format!(
        r#"{SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Điện thoại</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Trần Thị Bình</t></is></c><c r="B2" t="inlineStr"><is><t>0912345678</t></is></c></row>
<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>
</sheetData></worksheet>"#
    );
    let xlsx = xlsx_with_sheet(
        dir,
        RawEntry::stored("xl/worksheets/sheet1.xml", last_cell.as_bytes()),
    );
    add(
        "cell XFD1048576",
        write(dir, "last-cell.xlsx", &xlsx),
        "1000000 rows",
    );

    // A zip cut in half, as an interrupted download leaves it.
    let whole = xlsx_with_sheet(
        dir,
        RawEntry::stored("xl/worksheets/sheet1.xml", last_cell.as_bytes()),
    );
    add(
        "truncated zip",
        write(dir, "truncated.xlsx", &whole[..whole.len() / 2]),
        "broken zip",
    );

    // An .xls whose directory's sector chain leads back to itself.
    let looping = xls::xls_with(&xls::workbook_stream(&[xls::number(0, 0, 1.0)]), |fat| {
        fat[1] = 1
    });
    add("xls sector loop", write(dir, "loop.xls", &looping), "loops");

    // An .ods whose one row repeats a million times, a thousand cells wide.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="KH">
<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let ods = raw_zip(&[
        RawEntry::stored(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        RawEntry::stored("content.xml", content.as_bytes()),
    ]);
    add(
        "ods repeated rows",
        write(dir, "repeated.ods", &ods),
        "cells, over",
    );

    // Invalid UTF-8 of every kind: lone continuation bytes, overlong forms, surrogates,
    // code points past U+10FFFF, cut sequences, bytes that never occur.
    let invalid: &[u8] =
        b"\xC3\x28,\xA0\xA1\n\xE2\x28\xA1,\xF0\x28\x8C\xBC\n\xC0\x80,\xED\xA0\x80\n\xF4\x90\x80\x80,\x80\xBF\xFE\n";
    add(
        "invalid UTF-8",
        write(dir, "invalid-utf8.csv", &invalid.repeat(200)),
        "not text",
    );

    // One 10 MB line: a single field, then the same length of empty fields.
    let mut line = "Họ và tên,Điện thoại\nNguyễn Văn An,".as_bytes().to_vec();
    line.resize(line.len() + 10 * MIB, b'a');
    add(
        "10 MB line, one field",
        write(dir, "long-line.csv", &line),
        "characters",
    );
    let mut fields = "Họ và tên,Điện thoại\n".as_bytes().to_vec();
    fields.extend(b"a,".repeat(5 * MIB));
    fields.push(b'\n');
    add(
        "10 MB line, 5 M fields",
        write(dir, "many-fields.csv", &fields),
        "fields",
    );

    // A quotation mark never closed: the rest of the file, 10 MB, is one field.
    let mut quote = "Họ và tên,Ghi chú\nNguyễn Văn An,\"".as_bytes().to_vec();
    quote.extend("Lê Thị Cúc,khách quen\n".repeat(10 * MIB / 26).as_bytes());
    add(
        "unclosed quote, 10 MB",
        write(dir, "unclosed.csv", &quote),
        "quotation mark",
    );

    add("0 bytes", write(dir, "empty.csv", b""), "0 bytes");

    // 60 MB (sparse: no disk used), over the 50 MB allowed.
    let big = dir.join("huge.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(60 * MIB as u64)
        .unwrap();
    add("60 MB file", big, "bytes allowed");

    files
}

// --- the test -----------------------------------------------------------------------------

#[test]
fn hostile_files_are_refused_quickly_in_words_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let db_arg = db.to_str().unwrap();
    let demo = tripdesk(dir.path(), &["--db", db_arg, "demo", "--customers", "20"]);
    assert!(demo.status.success(), "demo: {}", demo.output);
    let customers = customer_count(&db);
    assert!(customers > 0, "the demo made no customers");
    let digest = db_digest(&db);

    let files = dir.path().join("hostile");
    std::fs::create_dir(&files).unwrap();
    let corpus = corpus(&files);
    let mut table = vec![format!(
        "| {:<24} | {:>10} | {:>9} | {:>9} | {:>14} | {:>14} |",
        "file", "size", "import", "dry run", "import peak", "dry-run peak"
    )];
    let mut failures = Vec::new();
    for case in &corpus {
        let size = std::fs::metadata(&case.file).unwrap().len();
        let file = case.file.to_str().unwrap();
        let mut cells = Vec::new();
        for dry_run in [false, true] {
            let mut args = vec!["--db", db_arg, "import", file];
            if dry_run {
                args.push("--dry-run");
            }
            let before = db_digest(&db);
            let children_before = children_peak_kib();
            let run = tripdesk(dir.path(), &args);
            let said = short(&run.output);
            let what = format!(
                "{} ({})",
                case.name,
                if dry_run { "dry run" } else { "import" }
            );
            let mut fail = |why: String| failures.push(format!("{what}: {why}"));
            if run.killed_after_hard_stop {
                fail(format!("still running after {HARD_STOP:?}, killed"));
            } else if let Some(signal) = run.status.signal() {
                fail(format!("killed by signal {signal}: {said}"));
            } else if run.status.success() {
                fail(format!("exited 0: {said}"));
            }
            if run.elapsed > TIME_LIMIT {
                fail(format!("took {:?}", run.elapsed));
            }
            for sign in ["panicked", "abort", "memory allocation", "RUST_BACKTRACE"] {
                if run.output.contains(sign) {
                    fail(format!("says {sign:?}: {said}"));
                }
            }
            if !run.output.contains(case.says) {
                fail(format!("the message does not say {:?}: {said}", case.says));
            }
            if run.polled_peak_kib >= MEMORY_LIMIT_KIB {
                fail(format!("peaked at {} KiB", run.polled_peak_kib));
            }
            let children = children_peak_kib();
            if children >= MEMORY_LIMIT_KIB && children_before < MEMORY_LIMIT_KIB {
                fail(format!("a child peaked at {children} KiB"));
            }
            if db_digest(&db) != before {
                fail("the database's bytes changed".into());
            }
            eprintln!("{what}: {said}");
            cells.push((run.elapsed, run.polled_peak_kib));
        }
        let count = customer_count(&db);
        if count != customers {
            failures.push(format!("{}: {count} customers after it", case.name));
        }
        table.push(format!(
            "| {:<24} | {:>10} | {:>7.2} s | {:>7.2} s | {:>10} MiB | {:>10} MiB |",
            case.name,
            size,
            cells[0].0.as_secs_f64(),
            cells[1].0.as_secs_f64(),
            cells[0].1 / 1024,
            cells[1].1 / 1024,
        ));
    }
    table.push(format!(
        "largest peak of any child: {} MiB",
        children_peak_kib() / 1024
    ));
    let mut stderr = std::io::stderr().lock();
    writeln!(stderr, "\n{}", table.join("\n")).unwrap();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert_eq!(db_digest(&db), digest);
}
