//! `tripdesk`: the command line over the same `Desk` as the app.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use tripdesk::db::OpenMode;
use tripdesk::{Desk, Error, Origin};

mod bench;
mod bench_backup;
mod bench_import;
mod import_command;
mod stress_edit;

#[derive(Parser)]
#[command(
    name = "tripdesk",
    version,
    about = "The customer desk of a travel agent"
)]
struct Cli {
    /// The database file (default: TRIPDESK_DB, else the app's file in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty database with a demo agency and its customers.
    Demo {
        #[arg(long, default_value_t = 200)]
        customers: u32,
    },
    /// Find current customers by name, code, phone, email or passport (accents and case ignored).
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print a JSON array of {code, name, phone, email, level, id}.
        #[arg(long)]
        json: bool,
    },
    /// Check the file's integrity and Tripdesk's rules; exit 0 when sound.
    Check,
    /// Make a verified backup now, in the `backups` folder beside the file; print its path.
    Backup {
        /// Print one JSON object: {path, name, time, reason, bytes, customers, verified}.
        #[arg(long)]
        json: bool,
    },
    /// List the file's backups, newest first.
    Backups {
        /// Print a JSON array of the objects `backup --json` prints.
        #[arg(long)]
        json: bool,
    },
    /// Put a backup in the file's place, after keeping the file as it is now as a backup.
    Restore {
        /// The backup file (one of `tripdesk backups`).
        backup: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Time the start check, a verified backup and a restore on a fresh demo database of
    /// customers with their follow-ups and money; print a Markdown table.
    BenchBackup {
        #[arg(long, default_value_t = 100_000)]
        customers: u32,
        /// Where to build the database (a temporary folder by default).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Measure the same on a copy of this database too.
        #[arg(long)]
        also: Option<PathBuf>,
    },
    /// Time an import of a clean workbook against calamine reading it; print a Markdown table.
    BenchImport {
        #[arg(long, default_value_t = 100_000)]
        rows: u32,
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Import customers from a workbook or CSV file (xlsx, xlsm, xls, ods, csv), matching its
    /// columns by their headers; levels and staff it names that do not exist are created.
    Import {
        file: PathBuf,
        /// The sheet to read (default: the first with data).
        #[arg(long)]
        sheet: Option<String>,
        /// The header row, counted from 1 (default: found from the headers).
        #[arg(long, value_name = "N")]
        header_row: Option<u32>,
        /// What to do with a row whose customer exists (same code, or same email or phone).
        #[arg(long, value_enum, default_value_t = OnDuplicateArg::Skip)]
        on_duplicate: OnDuplicateArg,
        /// Plan only: say what would happen, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object: created, updated, skipped, errors [{row, column, message}],
        /// duplicates_in_file.
        #[arg(long)]
        json: bool,
    },
    /// Write the import template (xlsx): every field as a header, an example row, drop-downs
    /// for the level and the responsible person, and an instructions sheet.
    ImportTemplate {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The language of the headers and instructions (default: the desk's language).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Export data to a file.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Write a customer's sheet: .pdf or .xlsx by the name of --out.
    Sheet {
        /// The customer's code (KH00042).
        code: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The sections to include, comma-separated (details, passport, contacts, addresses,
        /// bank_accounts, follow_ups, tasks, quotes, bookings, prepaid, revenue, notes); the
        /// choice saved in the app by default.
        #[arg(long, value_name = "LIST")]
        sections: Option<String>,
        /// The paper of the PDF (the choice saved in the app by default).
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
    },
    /// Add customers (and files) one save at a time, journaling each save once it returns: the
    /// editing half of the crash test.
    #[command(hide = true)]
    StressEdit {
        #[arg(long)]
        journal: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 1_000_000)]
        count: u32,
    },
    /// Measure search and list speed on a fresh demo database; print a Markdown table.
    Bench {
        #[arg(long, default_value_t = 100_000)]
        customers: u32,
        /// Where to build the database (a temporary folder by default).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Every customer, one row each, every field (code first): .xlsx or .csv by the name.
    Customers {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Vi,
    En,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OnDuplicateArg {
    Skip,
    Overwrite,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("TRIPDESK_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("tripdesk: {e}");
            ExitCode::FAILURE
        }
    }
}

fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf, Error> {
    cli_db
        .or_else(tripdesk::default_db_path)
        .ok_or_else(|| Error::NotAllowed("no data folder: name a file with --db".into()))
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Demo { customers } => {
            let path = db_path(cli.db)?;
            let mut desk = Desk::open(&path, OpenMode::Create, Origin::Cli)?;
            let summary = desk.load_demo(customers, chrono::Local::now().date_naive())?;
            println!(
                "{}: demo agency with {} customers and {} staff",
                path.display(),
                summary.customers,
                summary.staff
            );
        }
        Command::Search { query, limit, json } => {
            let desk = Desk::open(&db_path(cli.db)?, OpenMode::ReadOnly, Origin::Cli)?;
            let levels = desk.levels()?;
            let rows = desk.search_customers(&query, limit.clamp(1, 500))?;
            let level_name = |id: &Option<tripdesk::LevelId>| {
                levels
                    .iter()
                    .find(|l| Some(&l.id) == id.as_ref())
                    .map(|l| {
                        if l.name.is_empty() {
                            english_level(&l.key)
                        } else {
                            l.name.clone()
                        }
                    })
                    .unwrap_or_default()
            };
            if json {
                let out: Vec<_> = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id, "code": r.code, "name": r.full_name, "phone": r.phone,
                            "email": r.email, "level": level_name(&r.level_id),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                for r in &rows {
                    println!(
                        "{:<10} {:<32} {:<16} {}",
                        r.code, r.full_name, r.phone, r.email
                    );
                }
                if rows.is_empty() {
                    eprintln!("no customer matches {query:?}");
                }
            }
        }
        Command::Check => {
            let path = db_path(cli.db)?;
            // Put right what can be, unless another Tripdesk has the file open: then only read.
            let report = match Desk::open(&path, OpenMode::Existing, Origin::Cli) {
                Ok(mut desk) => desk.check_and_repair()?,
                Err(Error::DbLocked(_)) => {
                    Desk::open(&path, OpenMode::ReadOnly, Origin::Cli)?.check()?
                }
                Err(e) => return Err(e),
            };
            for r in &report.repaired {
                println!("repaired: {r}");
            }
            if report.is_sound() {
                println!("ok: {} customers, no problems found", report.customers);
            } else {
                for p in &report.problems {
                    println!("problem: {p}");
                }
                println!("{} problem(s) found", report.problems.len());
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Backup { json } => {
            let desk = Desk::open(&db_path(cli.db)?, OpenMode::ReadOnly, Origin::Cli)?;
            let made = desk.backup(tripdesk::backup::Reason::Manual)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&made)?);
            } else {
                println!(
                    "{}: verified backup of {} customers ({} bytes)",
                    made.path, made.customers, made.bytes
                );
            }
        }
        Command::Backups { json } => {
            let list = tripdesk::backup::list(&tripdesk::db::canonical(&db_path(cli.db)?)?)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for b in &list {
                    println!(
                        "{}  {:<15} {:>8} customers {:>12} bytes{}  {}",
                        local_time(&b.time),
                        b.reason.as_str(),
                        b.customers,
                        b.bytes,
                        if b.verified { "" } else { "  NOT VERIFIED" },
                        b.path
                    );
                }
                if list.is_empty() {
                    eprintln!("no backups yet");
                }
            }
        }
        Command::Restore { backup, yes } => return restore(cli.db, &backup, yes),
        Command::StressEdit {
            journal,
            seed,
            count,
        } => stress_edit::run(&db_path(cli.db)?, &journal, seed, count)?,
        Command::Bench { customers, dir } => bench::run(customers, dir)?,
        Command::BenchImport { rows, dir } => bench_import::run(rows, dir)?,
        Command::BenchBackup {
            customers,
            dir,
            also,
        } => bench_backup::run(customers, dir, also)?,
        Command::Import {
            file,
            sheet,
            header_row,
            on_duplicate,
            dry_run,
            json,
        } => {
            let mode = if dry_run {
                OpenMode::ReadOnly
            } else {
                OpenMode::Create
            };
            let mut desk = Desk::open(&db_path(cli.db)?, mode, Origin::Cli)?;
            let options = import_command::Options {
                sheet,
                header_row,
                overwrite: matches!(on_duplicate, OnDuplicateArg::Overwrite),
                dry_run,
            };
            let outcome = import_command::run(&mut desk, &file, options)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&outcome.json())?);
            } else {
                outcome.print();
            }
        }
        Command::ImportTemplate { out, lang } => {
            let desk = Desk::open(&db_path(cli.db)?, OpenMode::ReadOnly, Origin::Cli)?;
            let language = match lang {
                Some(LangArg::Vi) => tripdesk::settings::Language::Vi,
                Some(LangArg::En) => tripdesk::settings::Language::En,
                None => desk.language()?,
            };
            desk.write_import_template(&out, language)?;
            println!("{}: import template", out.display());
        }
        Command::Sheet {
            code,
            out,
            sections,
            paper,
        } => {
            let desk = Desk::open(&db_path(cli.db)?, OpenMode::ReadOnly, Origin::Cli)?;
            let Some(id) = desk.customer_by_code(&code)? else {
                eprintln!("tripdesk: no customer has the code {code}");
                return Ok(ExitCode::FAILURE);
            };
            let mut settings = desk.sheet_settings()?;
            if let Some(list) = sections {
                settings.sections = tripdesk::export::SheetSettings::parse_sections(&list)?;
            }
            match paper {
                Some(PaperArg::A4) => settings.paper = tripdesk::export::Paper::A4,
                Some(PaperArg::Letter) => settings.paper = tripdesk::export::Paper::Letter,
                None => {}
            }
            let now = chrono::Local::now().naive_local();
            let ext = out
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let file = match ext.as_str() {
                "pdf" => desk.sheet_pdf(&id, &settings, now)?,
                "xlsx" => desk.sheet_xlsx(&id, &settings, now)?,
                _ => {
                    eprintln!("tripdesk: --out must end in .pdf or .xlsx");
                    return Ok(ExitCode::FAILURE);
                }
            };
            tripdesk::export::save(&out, &file.bytes)?;
            println!(
                "{}: sheet of {code} ({} bytes)",
                out.display(),
                file.bytes.len()
            );
        }
        Command::Export {
            what: ExportCommand::Customers { out },
        } => {
            let desk = Desk::open(&db_path(cli.db)?, OpenMode::ReadOnly, Origin::Cli)?;
            let n = desk.export_customers(&out)?;
            println!("{}: {n} customers", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `tripdesk restore`: the file locked as the app locks it, the backup checked, her consent.
fn restore(db: Option<PathBuf>, backup: &std::path::Path, yes: bool) -> Result<ExitCode, Error> {
    let db = tripdesk::db::canonical(&db_path(db)?)?;
    if !db.exists() {
        return Err(Error::DbMissing(db));
    }
    // Refused at once, before she is asked, when the app or a command has the file open.
    drop(tripdesk::db::take_lock(&db)?);
    let backup = backup.canonicalize()?;
    let manifest = tripdesk::backup::verify(&backup)?;
    if !yes {
        use std::io::{BufRead, IsTerminal, Write};
        if !std::io::stdin().is_terminal() {
            eprintln!("tripdesk: restore asks for confirmation; add --yes to restore without it");
            return Ok(ExitCode::FAILURE);
        }
        print!(
            "Restore the backup of {} ({} customers) over {}? The file as it is now is kept \
             as a backup first. [y/N] ",
            local_time(&manifest.time),
            manifest.customers,
            db.display()
        );
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("nothing changed");
            return Ok(ExitCode::FAILURE);
        }
    }
    let done = tripdesk::backup::restore_unopened(&db, &backup, chrono::Utc::now())?;
    if let Some(before) = &done.before {
        println!("kept the file as it was: {}", before.path);
    }
    println!(
        "{}: restored the backup of {} ({} customers)",
        db.display(),
        local_time(&done.restored.time),
        done.restored.customers
    );
    Ok(ExitCode::SUCCESS)
}

/// An RFC 3339 time as her clock reads it: `2026-12-02 21:30`.
fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}

fn english_level(key: &str) -> String {
    match key {
        "lead" => "Lead",
        "potential" => "Potential",
        "customer" => "Customer",
        "vip" => "VIP",
        other => other,
    }
    .to_owned()
}
