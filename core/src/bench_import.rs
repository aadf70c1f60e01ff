//! `tripdesk bench-import`: a clean workbook of N customers (10 columns), read by calamine
//! alone and then imported from file to searchable customers, side by side, with the peak
//! memory of each.

use crate::import_command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tripdesk::db::OpenMode;
use tripdesk::{Desk, Error, Origin};

pub fn run(rows: u32, dir: Option<PathBuf>) -> Result<(), Error> {
    let dir = dir.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("tripdesk-bench-import-{}", std::process::id()))
    });
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("customers.xlsx");
    let start = Instant::now();
    write_workbook(&file, rows)?;
    let written = start.elapsed();
    let size = std::fs::metadata(&file)?.len();
    println!(
        "A clean workbook of {rows} customers, 10 columns: {:.1} MB, written in {:.1} s.\n",
        size as f64 / 1e6,
        written.as_secs_f64()
    );
    println!("| step | time | peak memory (VmHWM) |\n|---|---|---|");

    reset_peak();
    let start = Instant::now();
    let cells = read_all(&file)?;
    let read = start.elapsed();
    let read_peak = peak_mb();
    println!(
        "| calamine alone reads every cell ({cells} cells) | {:.2} s | {read_peak} MB |",
        read.as_secs_f64()
    );

    let db = dir.join("import.sqlite3");
    reset_peak();
    let start = Instant::now();
    let mut desk = Desk::open(&db, OpenMode::Create, Origin::Cli)?;
    let done = import_command::run(
        &mut desk,
        &file,
        import_command::Options {
            sheet: None,
            header_row: None,
            overwrite: false,
            dry_run: false,
        },
    )?;
    let found = desk.search_customers("nguyen", 5)?.len();
    let import = start.elapsed();
    let import_peak = peak_mb();
    println!(
        "| Tripdesk imports it (inspect, plan, write, index) | {:.2} s | {import_peak} MB |",
        import.as_secs_f64()
    );
    println!(
        "\nImport ÷ calamine: **{:.2}×** (target ≤ 1.5×). {}; a search for \"nguyen\" finds {found}.",
        import.as_secs_f64() / read.as_secs_f64(),
        done.summary()
    );
    drop(desk);
    if std::env::var_os("TRIPDESK_BENCH_KEEP").is_none() {
        std::fs::remove_dir_all(&dir).ok();
    }
    Ok(())
}

fn write_workbook(path: &Path, rows: u32) -> Result<(), Error> {
    let x = tripdesk::import::xlsx_error;
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = book.add_worksheet_with_constant_memory().map_err(x)?;
    let headers = [
        "Mã KH",
        "Họ và tên",
        "Ngày sinh",
        "Điện thoại",
        "Email",
        "Địa chỉ",
        "Quốc gia",
        "Công ty",
        "Loại khách",
        "Ghi chú",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).map_err(x)?;
    }
    const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi"];
    const MIDDLE: [&str; 6] = ["Thị", "Văn", "Minh", "Ngọc", "Hữu", "Thanh"];
    const GIVEN: [&str; 10] = [
        "Hồng", "An", "Bình", "Châu", "Dũng", "Hà", "Khoa", "Lan", "Minh", "Tâm",
    ];
    const LEVELS: [&str; 4] = ["Lead", "Tiềm năng", "Khách hàng", "VIP"];
    for i in 0..rows {
        let r = i + 1;
        let n = i as usize;
        let name = format!(
            "{} {} {}",
            FAMILY[n % 8],
            MIDDLE[(n / 8) % 6],
            GIVEN[(n / 48) % 10]
        );
        let day = chrono::NaiveDate::from_ymd_opt(
            1950 + (n % 50) as i32,
            1 + (n % 12) as u32,
            1 + (n % 28) as u32,
        )
        .unwrap_or_default();
        ws.write_string(r, 0, format!("KH{:06}", i + 1))
            .map_err(x)?;
        ws.write_string(r, 1, &name).map_err(x)?;
        ws.write_date_with_format(r, 2, day, &date).map_err(x)?;
        ws.write_number(r, 3, f64::from(903_000_000 + i % 999_999))
            .map_err(x)?;
        ws.write_string(r, 4, format!("khach{i}@example.vn"))
            .map_err(x)?;
        ws.write_string(
            r,
            5,
            format!("{} Lê Lợi, Quận 1, TP. Hồ Chí Minh", 1 + n % 400),
        )
        .map_err(x)?;
        ws.write_string(r, 6, "Việt Nam").map_err(x)?;
        ws.write_string(
            r,
            7,
            if n.is_multiple_of(5) {
                "Công ty TNHH Sen Vàng"
            } else {
                ""
            },
        )
        .map_err(x)?;
        ws.write_string(r, 8, LEVELS[n % 4]).map_err(x)?;
        ws.write_string(r, 9, "Thích tour biển").map_err(x)?;
    }
    book.save(path).map_err(x)?;
    Ok(())
}

fn read_all(path: &Path) -> Result<u64, Error> {
    let mut book: Xlsx<_> = open_workbook(path)
        .map_err(|e: calamine::XlsxError| Error::Io(std::io::Error::other(e.to_string())))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(Error::NotFound("sheet"))?
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let mut cells = 0u64;
    for row in range.rows() {
        for cell in row {
            if !matches!(cell, Data::Empty) {
                cells += 1;
            }
        }
    }
    Ok(cells)
}

/// Resets the process's peak resident memory (Linux: `5` to `clear_refs`).
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").ok();
}

fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| format!("{:.0}", kb / 1024.0))
        .unwrap_or_else(|| "?".into())
}
