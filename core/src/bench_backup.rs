//! `tripdesk bench-backup`: the start check, a verified backup and a restore, timed on a file of
//! demo customers with their care and money (follow-ups, quotes, bookings, payments, prepaid
//! credit), as `BENCHMARKS.md` reports them. With `--also FILE`, the same on a copy of another
//! file (the full demo database of `tripdesk bench`).

use crate::bench::{build_demo, Timing};
use std::path::{Path, PathBuf};
use tripdesk::backup::{self, Reason};
use tripdesk::db::OpenMode;
use tripdesk::demo::DemoTabs;
use tripdesk::{Desk, Error, Origin};

pub fn run(customers: u32, dir: Option<PathBuf>, also: Option<PathBuf>) -> Result<(), Error> {
    let temp_dir_used =
        std::env::temp_dir().join(format!("tripdesk-bench-backup-{}", std::process::id()));
    let dir = dir.unwrap_or_else(|| temp_dir_used.clone());
    let path = dir.join("care-and-money").join("bench.sqlite3");
    let built = build_demo(&path, customers, DemoTabs::CareAndMoney)?;
    println!(
        "Built in {:.0} s: {}\n",
        built.as_secs_f64(),
        describe(&path)?
    );
    measure(&path)?;
    if let Some(other) = also {
        let copy = dir.join("also").join("bench.sqlite3");
        std::fs::create_dir_all(dir.join("also"))?;
        std::fs::copy(&other, &copy)?;
        println!(
            "\nThe same on a copy of {}: {}\n",
            other.display(),
            describe(&copy)?
        );
        measure(&copy)?;
    }
    if dir == temp_dir_used {
        std::fs::remove_dir_all(&dir).ok();
    }
    Ok(())
}

/// Its size and what it holds.
fn describe(path: &Path) -> Result<String, Error> {
    let desk = Desk::open(path, OpenMode::ReadOnly, Origin::Cli)?;
    let count = |table: &str| -> Result<i64, Error> {
        Ok(desk
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(format!(
        "{:.0} MB, {} customers, {} follow-ups, {} payments, {} bookings, {} quotes, {} prepaid top-ups, {} changes in the change log",
        std::fs::metadata(path)?.len() as f64 / 1e6,
        count("customers")?,
        count("followups")?,
        count("payments")?,
        count("bookings")?,
        count("quotes")?,
        count("prepaid_topups")?,
        count("change_log")?,
    ))
}

fn measure(path: &Path) -> Result<(), Error> {
    let folder = backup::folder_for(path);
    // Warm: the file has just been written or read, as on her laptop once the app is open.
    let check = Timing::of(5, |_| tripdesk::db::verify(path))?;
    let open_checked = Timing::of(5, |_| {
        Desk::open(path, OpenMode::Existing, Origin::App).map(drop)
    })?;
    let open_unchecked = Timing::of(5, |_| {
        let desk = Desk::open_checking_in_background(path, OpenMode::Existing, Origin::App)?;
        desk.customer_count().map(drop)
    })?;

    let mut desk = Desk::open(path, OpenMode::Existing, Origin::Cli)?;
    let mut made: Vec<PathBuf> = Vec::new();
    let backups = Timing::of(5, |_| {
        let info = desk.backup(Reason::Manual)?;
        made.push(PathBuf::from(info.path));
        Ok(())
    })?;
    let chosen = made.last().cloned().unwrap_or_default();
    // Each part of a verified backup, alone, on the backup just made.
    let pragma = |sql: &'static str| {
        let chosen = chosen.clone();
        move |_| -> Result<(), Error> {
            let conn = rusqlite::Connection::open_with_flags(
                &chosen,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )?;
            let mut stmt = conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while rows.next()?.is_some() {}
            Ok(())
        }
    };
    let integrity = Timing::of(3, pragma("PRAGMA integrity_check"))?;
    let foreign_keys = Timing::of(3, pragma("PRAGMA foreign_key_check"))?;
    let verify = Timing::of(3, |_| backup::verify(&chosen).map(drop))?;
    // Every backup but the chosen one goes, so the restores below work in the same room.
    for other in made.iter().filter(|p| **p != chosen) {
        forget(other);
    }
    let restores = Timing::of(3, |_| {
        let restored = desk.restore(&chosen)?;
        if let Some(before) = restored.before {
            forget(Path::new(&before.path));
        }
        Ok(())
    })?;
    drop(desk);
    forget(&chosen);
    std::fs::remove_dir_all(folder.join(tripdesk::files::FILES_FOLDER)).ok();

    println!("| operation | runs | median | max |");
    println!("|---|---|---|---|");
    println!(
        "{}",
        check.row_in_seconds("`quick_check` of the file (the start check)")
    );
    println!(
        "{}",
        open_checked.row_in_seconds("open, checked first (lock, `quick_check`, schema)")
    );
    println!(
        "{}",
        open_unchecked.row_in_seconds("open, checked in the background (the app): until she reads")
    );
    println!(
        "{}",
        backups.row_in_seconds(
            "a verified backup (`Desk::backup`): copy, sync, check, hash, manifest"
        )
    );
    println!(
        "{}",
        integrity.row_in_seconds("… its `integrity_check` alone")
    );
    println!(
        "{}",
        foreign_keys.row_in_seconds("… its `foreign_key_check` alone")
    );
    println!(
        "{}",
        verify.row_in_seconds("verify a backup before restoring it (hash, pages, rows)")
    );
    println!(
        "{}",
        restores.row_in_seconds("a restore (`Desk::restore`): verify, keep the current file as a verified backup, put in place, reopen")
    );
    Ok(())
}

/// Removes a backup the benchmark made, with its manifest.
fn forget(backup: &Path) {
    std::fs::remove_file(backup).ok();
    let mut manifest = backup.as_os_str().to_owned();
    manifest.push(".json");
    std::fs::remove_file(PathBuf::from(manifest)).ok();
}
