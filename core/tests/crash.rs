#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! The crash loop: the real `tripdesk` binary importing 100,000 rows, or adding customers and
//! files one save at a time, killed with SIGKILL at a random moment, again and again on the
//! same file. After every kill the file must be sound, hold every save the editor saw
//! confirmed, hold each import whole or not at all, and have a stored file for every file row.
//!
//! `CRASH_KILLS` sets the number of kills (30 by default), `CRASH_SEED` the seed (else one from
//! the clock, printed so that a failure can be replayed), `CRASH_WINDOW_PERCENT` how long after
//! its start an import may be killed, in percent of a first import's time (110 by default: the
//! file grows as imports land, and later imports take longer).

use rusqlite::Connection;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const IMPORT_ROWS: u32 = 100_000;

fn tripdesk(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tripdesk"));
    c.arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// A clean workbook of `IMPORT_ROWS` customers whose codes start with `prefix`.
fn import_file(dir: &Path, prefix: &str) -> PathBuf {
    let path = dir.join(format!("{prefix}.csv"));
    let mut text = String::from("Mã KH,Họ và tên,Điện thoại\n");
    for i in 0..IMPORT_ROWS {
        text.push_str(&format!(
            "{prefix}{i:06},Khách {prefix} {i},0903{:06}\n",
            i % 1_000_000
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn kill(mut child: Child) -> bool {
    let finished = child.try_wait().unwrap().is_some();
    if !finished {
        // SIGKILL: nothing in the process runs after it.
        child.kill().unwrap();
    }
    child.wait().unwrap();
    finished
}

struct Journal {
    customers: Vec<String>,
    files: Vec<String>,
}

fn read_journal(path: &Path) -> Journal {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut j = Journal {
        customers: vec![],
        files: vec![],
    };
    // A line cut by the kill is not a confirmed save: only whole lines count.
    for line in text.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        match line.trim_end().split_once('\t') {
            Some(("customer", name)) => j.customers.push(name.to_owned()),
            Some(("file", sha)) => j.files.push(sha.to_owned()),
            _ => panic!("a journal line that was never written: {line:?}"),
        }
    }
    j
}

/// Everything the loop promises, checked on the file as the next process will find it; the
/// number of imports that are there whole.
fn assert_sound(db: &Path, journal: &Journal, imports: &[String], round: u32, seed: u64) -> usize {
    let conn = Connection::open(db).unwrap();
    let at = format!("after kill {round} (seed {seed})");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "{at}");
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(orphans, 0, "{at}");
    let strings = |sql: &str| -> HashSet<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    let edited = strings("SELECT full_name FROM customers WHERE full_name LIKE 'Stress %'");
    for name in &journal.customers {
        assert!(
            edited.contains(name),
            "{at}: the confirmed save of {name} is not there"
        );
    }
    let shas = strings("SELECT DISTINCT sha256 FROM files");
    for sha in &journal.files {
        assert!(
            shas.contains(sha),
            "{at}: the confirmed file {sha} is not there"
        );
    }
    let stored = db.parent().unwrap().join("files");
    for sha in &shas {
        let path = stored.join(&sha[..2]).join(sha);
        assert!(path.is_file(), "{at}: file row {sha} has no stored file");
    }
    let mut of = conn
        .prepare(
            "SELECT substr(code, 1, 6), count(*) FROM customers WHERE code LIKE 'I%-%' GROUP BY 1",
        )
        .unwrap();
    let counts: HashMap<String, u32> = of
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for prefix in imports {
        let n = counts.get(prefix).copied().unwrap_or(0);
        assert!(
            n == 0 || n == IMPORT_ROWS,
            "{at}: import {prefix} is there in part: {n} of {IMPORT_ROWS} rows"
        );
    }
    imports
        .iter()
        .filter(|p| counts.get(*p) == Some(&IMPORT_ROWS))
        .count()
}

#[test]
fn killed_at_any_moment_the_file_keeps_every_confirmed_save_and_imports_whole_or_not_at_all() {
    let kills: u32 = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(1)
        });
    let window_percent: u64 = std::env::var("CRASH_WINDOW_PERCENT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(110);
    eprintln!("crash loop: {kills} kills, CRASH_SEED={seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let made = tripdesk(&db)
        .args(["demo", "--customers", "20"])
        .status()
        .unwrap();
    assert!(made.success());

    // How long an import takes here, measured on a copy: kills land anywhere in it.
    let calibration = dir.path().join("calibration");
    std::fs::create_dir_all(&calibration).unwrap();
    let copy = calibration.join("desk.sqlite3");
    std::fs::copy(&db, &copy).unwrap();
    let file = import_file(dir.path(), "CAL");
    let started = Instant::now();
    let out = tripdesk(&copy).arg("import").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let import_time = started.elapsed();
    std::fs::remove_dir_all(&calibration).unwrap();
    eprintln!("an import of {IMPORT_ROWS} rows takes {import_time:?} here");

    let journal = dir.path().join("journal.txt");
    let mut imports: Vec<String> = Vec::new();
    let (mut completed, mut cut, mut whole) = (0, 0, 0);
    for round in 1..=kills {
        let importing = rng.bool();
        let child = if importing {
            let prefix = format!("I{round:04}-");
            let file = import_file(dir.path(), &prefix);
            imports.push(prefix);
            let child = tripdesk(&db).arg("import").arg(&file).spawn().unwrap();
            // Anywhere from its start to a little past its end.
            let window = import_time.as_millis() as u64 * window_percent / 100;
            std::thread::sleep(Duration::from_millis(rng.u64(0..=window.max(1))));
            child
        } else {
            let child = tripdesk(&db)
                .arg("stress-edit")
                .arg("--journal")
                .arg(&journal)
                .arg("--seed")
                .arg(round.to_string())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(rng.u64(0..2_000)));
            child
        };
        if kill(child) {
            completed += 1;
        } else {
            cut += 1;
        }
        whole = assert_sound(&db, &read_journal(&journal), &imports, round, seed);
        // Every import first backs the file up, and a day's backups are all kept: hundreds of
        // rounds would fill the disk. What a backup leaves when killed is backup.rs's test.
        std::fs::remove_dir_all(dir.path().join("backups")).ok();
        if importing {
            std::fs::remove_file(
                dir.path()
                    .join(format!("{}.csv", imports[imports.len() - 1])),
            )
            .ok();
        }
    }
    let journal = read_journal(&journal);
    eprintln!(
        "crash loop done: {cut} processes killed, {completed} finished first; of {} imports {whole} \
         are there whole and the others not at all; {} confirmed saves and {} files checked after \
         every kill",
        imports.len(),
        journal.customers.len(),
        journal.files.len()
    );
    assert!(cut >= kills / 2, "most processes must be killed mid-way");
    assert!(!journal.customers.is_empty());
}
