//! `tripdesk stress-edit` (hidden): the editing half of the crash test. It adds customers, one
//! transaction each, and a file to every tenth, and after each save returns it appends the
//! save to a journal (synced), so that whatever kills it, every line of the journal is a save
//! it saw confirmed.

use std::io::Write;
use std::path::Path;
use tripdesk::customers::NewCustomer;
use tripdesk::db::OpenMode;
use tripdesk::{Desk, Error, Origin};

pub fn run(db: &Path, journal: &Path, seed: u64, count: u32) -> Result<(), Error> {
    let mut desk = Desk::open(db, OpenMode::Existing, Origin::Cli)?;
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(journal)?;
    let scratch = tempfile::tempdir()?;
    let mut rng = fastrand::Rng::with_seed(seed);
    for n in 0..count {
        let name = format!("Stress {seed}-{n}");
        let customer = desk.add_customer(NewCustomer {
            full_name: name.clone(),
            phones: vec![format!("0903{:06}", rng.u32(0..1_000_000))],
            ..Default::default()
        })?;
        let mut line = format!("customer\t{name}\n");
        if n % 10 == 0 {
            let picked = scratch.path().join(format!("{name}.txt"));
            let bytes: Vec<u8> = (0..rng.usize(1..20_000)).map(|_| rng.u8(..)).collect();
            std::fs::write(&picked, &bytes)?;
            let file = desk.add_file(&customer.id, &picked, None)?;
            line.push_str(&format!("file\t{}\n", file.sha256));
        }
        log.write_all(line.as_bytes())?;
        log.sync_data()?;
    }
    Ok(())
}
