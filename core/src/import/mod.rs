//! Importing the customer list she already has: read (xlsx, xlsm, xls, ods, csv) → find the
//! header row → match columns to fields → plan every row (a dry run) → apply in one
//! transaction, undoable as a whole.

pub mod columns;
mod feed;
mod messages;
pub mod plan;
pub mod read;
mod rejected;
mod template;
mod undo;
pub mod values;
mod write;

pub use columns::ImportField;
pub use messages::problem as problem_message;
pub use plan::{
    CellProblem, Constant, ImportSetup, MatchedBy, OnDuplicate, Outcome, RowOutcome, SkipReason,
    ValueChange,
};
pub use read::{CsvEncoding, CsvOptions, FileFormat, Workbook};
pub use undo::{ImportRecord, UndoPreview};

use crate::customers::{self, CustomerRef};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::ids::CustomerId;
use crate::{Desk, Origin};
use columns::{find_header_row, header_key, header_text, HEADER_SCAN_ROWS};
use plan::{Planned, Planner};
use read::Cell;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use write::Writer;

/// What she may choose before the columns: how a CSV is read, the sheet, the header row.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FileChoice {
    pub csv: Option<CsvOptions>,
    pub sheet: Option<u32>,
    /// Counted from 1.
    pub header_row: Option<u32>,
}

/// What the wizard shows of a file before she maps its columns.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FileSummary {
    pub file_name: String,
    pub format: FileFormat,
    pub csv: Option<CsvOptions>,
    pub sheets: Vec<String>,
    pub sheet: u32,
    /// Counted from 1; 0 when the sheet is empty.
    pub header_row: u32,
    pub headers: Vec<String>,
    /// The first rows of the sheet as text, for choosing the header row and seeing the data.
    pub top_rows: Vec<Vec<String>>,
    /// The field each column fills: remembered from her last file with these headers, or
    /// matched from the headers.
    pub columns: Vec<Option<ImportField>>,
    /// Whether `columns` is the mapping she used before.
    pub remembered: bool,
}

/// Every row's outcome, and the totals.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct Preview {
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub errors: u32,
    /// Blank rows, passed over without a word.
    pub blank_rows: u32,
    /// The rows in file order (blank rows left out), up to `MAX_LISTED`.
    pub rows: Vec<RowOutcome>,
    /// More rows than `rows` lists.
    pub truncated: bool,
    /// Levels and staff the file names that do not exist yet (created by the import when
    /// she agrees).
    pub new_levels: Vec<String>,
    pub new_staff: Vec<String>,
    /// Customer codes on more than one row.
    pub duplicates_in_file: Vec<String>,
}

/// The most rows a preview lists; the totals count them all.
pub const MAX_LISTED: usize = 20_000;
/// The most rows a plan keeps ready to write; a bigger file is read again by the import.
const MAX_KEPT: usize = 200_000;

/// A dry run of an import: the preview, and what the import needs to write it.
pub struct ImportPlan {
    pub preview: Preview,
    setup: ImportSetup,
    file_name: String,
    sheet_name: String,
    data_rows: u64,
    kept: Option<Vec<(u32, Planned)>>,
    duplicate_codes: std::collections::HashSet<String>,
    rejected: Vec<rejected::Rejected>,
    headers: Vec<String>,
    /// The file's newest change when planned: a plan older than a change is made again.
    planned_at: Option<String>,
}

/// What an import did, and the rows it left out.
#[derive(Debug)]
pub struct Imported {
    pub report: ImportReport,
    pub rejected: RejectedRows,
}

/// An xlsx writer's error as the desk's.
pub use rejected::xlsx as xlsx_error;
pub use rejected::RejectedRows;

/// What an import did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReport {
    /// The import's id, for its undo.
    pub id: String,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub errors: u32,
    /// Rows that were not imported (errors, and existing customers skipped), which
    /// `write_rejected` saves with a reason each.
    pub rejected: u32,
}

impl Desk {
    /// Opens a file to import and suggests how to read it: the sheet, the header row, the
    /// field of each column.
    pub fn inspect_import(&self, path: &Path, choice: &FileChoice) -> Result<FileSummary> {
        let mut book = Workbook::open(path, choice.csv)?;
        let sheets = book.sheet_names().to_vec();
        let sheet = match choice.sheet {
            Some(s) if (s as usize) < sheets.len() => s as usize,
            Some(_) => return Err(Error::NotFound("sheet")),
            None => book.first_sheet_with_data()?,
        };
        let top: Vec<Vec<Cell>> = book
            .rows(sheet)?
            .take(HEADER_SCAN_ROWS + 20)
            .collect::<Result<_>>()?;
        let custom = self.custom_fields()?;
        let header_index = match choice.header_row {
            Some(r) if r >= 1 => r as usize - 1,
            _ => find_header_row(&top, &custom).unwrap_or(0),
        };
        let width = top.iter().map(Vec::len).max().unwrap_or(0).min(MAX_COLUMNS);
        let mut headers: Vec<String> = top
            .get(header_index)
            .map(|r| r.iter().map(header_text).collect())
            .unwrap_or_default();
        headers.resize(width, String::new());
        let below: Vec<&Vec<Cell>> = top.iter().skip(header_index + 1).collect();
        let remembered = remembered_mapping(self.conn(), &headers)?
            .filter(|m| m.len() == headers.len() && m.iter().flatten().all(|f| known(f, &custom)));
        let columns = match &remembered {
            Some(m) => m.clone(),
            None => suggest(&headers, &below, &custom),
        };
        Ok(FileSummary {
            file_name: file_name(path),
            format: book.format(),
            csv: book.csv_options(),
            sheets,
            sheet: sheet as u32,
            header_row: if top.is_empty() {
                0
            } else {
                header_index as u32 + 1
            },
            headers,
            top_rows: top
                .iter()
                .take(HEADER_SCAN_ROWS)
                .map(|r| {
                    r.iter()
                        .take(width)
                        .map(|c| header_text(c).chars().take(80).collect())
                        .collect()
                })
                .collect(),
            columns,
            remembered: remembered.is_some(),
        })
    }

    /// Plans an import without writing anything: every row's outcome.
    pub fn plan_import(&self, path: &Path, setup: &ImportSetup) -> Result<ImportPlan> {
        let started = std::time::Instant::now();
        let book = Workbook::open(path, setup.csv)?;
        let sheet_name = book
            .sheet_names()
            .get(setup.sheet as usize)
            .cloned()
            .ok_or(Error::NotFound("sheet"))?;
        // One snapshot of the file for the whole plan: consistent, and the many small lookups
        // of the rows do not each take and release the log's read lock.
        let _snapshot = crate::db::ReadSnapshot::begin(self.conn())?;
        let custom = self.custom_fields()?;
        let language = self.language()?;
        let mut rows = feed::read_ahead(book, setup.sheet as usize);
        let header = header_cells(&mut rows, setup.header_row)?;
        let mut planner = Planner::new(self.conn(), setup, &header, custom.clone())?;
        let headers: Vec<String> = header.iter().map(header_text).collect();
        let mut preview = Preview::default();
        let mut kinds: Vec<(u32, Kind)> = Vec::new();
        let mut kept: Option<Vec<(u32, Planned)>> = Some(Vec::new());
        let mut rejected = Vec::new();
        let mut row_number = setup.header_row;
        for cells in rows {
            let cells = cells?;
            row_number += 1;
            let planned = planner.plan_row(row_number, &cells)?;
            let mut kind = Kind::of(&planned);
            if kind == Kind::Blank {
                kind.count(&mut preview, 1);
                continue;
            }
            // An update that changes nothing is counted as the skip it is shown as.
            let shown = if kind == Kind::Update || preview.rows.len() < MAX_LISTED {
                Some(outcome(self.conn(), &planned)?)
            } else {
                None
            };
            if kind == Kind::Update && matches!(shown, Some(Outcome::Skip { .. })) {
                kind = Kind::Skip;
            }
            kind.count(&mut preview, 1);
            kinds.push((row_number, kind));
            if let Some(reason) = rejected::reason(self.conn(), &planned, language, &custom)? {
                rejected.push(rejected::Rejected {
                    row: row_number,
                    cells: cells.iter().map(values::cell_text).collect(),
                    reason,
                });
            }
            match shown.filter(|_| preview.rows.len() < MAX_LISTED) {
                Some(shown) => {
                    let (code, name) = planner.code_and_name(&cells);
                    preview.rows.push(RowOutcome {
                        row: row_number,
                        outcome: shown,
                        code,
                        full_name: name,
                    });
                }
                None => preview.truncated = true,
            }
            match &mut kept {
                Some(k) if k.len() < MAX_KEPT => k.push((row_number, planned)),
                _ => kept = None,
            }
        }
        // A code on two rows is an error on both: the first was planned before the second
        // showed it up. A referrer's code must be somewhere in the file.
        let mut duplicates: Vec<String> = planner.duplicate_codes.iter().cloned().collect();
        duplicates.sort();
        let mut late: Vec<(u32, CellProblem)> = Vec::new();
        for code in &duplicates {
            for &row in planner.rows_with_code(code) {
                late.push((
                    row,
                    problem_on(
                        setup,
                        ImportField::Code,
                        crate::ErrorKind::DuplicateInFile,
                        code,
                    ),
                ));
            }
        }
        for (row, code) in &planner.pending_referrers {
            if !planner.seen_code(code) || planner.duplicate_codes.contains(&code.to_uppercase()) {
                late.push((
                    *row,
                    problem_on(
                        setup,
                        ImportField::Referrer,
                        crate::ErrorKind::UnknownCustomer,
                        code,
                    ),
                ));
            }
        }
        // Every list here is in row order: found by binary search.
        let mut reread: Vec<(u32, String)> = Vec::new();
        for (row, problem) in late {
            let Ok(i) = kinds.binary_search_by_key(&row, |(r, _)| *r) else {
                continue;
            };
            if kinds[i].1 == Kind::Error {
                continue;
            }
            let problem = CellProblem {
                header: problem
                    .column
                    .and_then(|c| headers.get(c as usize))
                    .cloned()
                    .unwrap_or_default(),
                ..problem
            };
            kinds[i].1.count(&mut preview, -1);
            Kind::Error.count(&mut preview, 1);
            kinds[i].1 = Kind::Error;
            if let Ok(l) = preview.rows.binary_search_by_key(&row, |r| r.row) {
                preview.rows[l].outcome = Outcome::Error {
                    problems: vec![problem.clone()],
                };
            }
            if let Some(k) = kept.as_mut() {
                if let Ok(k_at) = k.binary_search_by_key(&row, |(r, _)| *r) {
                    k[k_at].1 = Planned::Error(vec![problem.clone()]);
                }
            }
            let reason = messages::problem(&problem, language, &custom);
            match rejected.binary_search_by_key(&row, |r: &rejected::Rejected| r.row) {
                Ok(r) => rejected[r].reason = reason,
                Err(_) => reread.push((row, reason)),
            }
        }
        rejected.extend(rejected_rows(path, setup, reread)?);
        rejected.sort_by_key(|r| r.row);
        preview.duplicates_in_file = duplicates;
        preview.new_levels = planner.new_levels.values().cloned().collect();
        preview.new_staff = planner.new_staff.values().cloned().collect();
        let duplicate_codes = planner.duplicate_codes.clone();
        tracing::debug!(
            rows = row_number - setup.header_row,
            seconds = started.elapsed().as_secs_f64(),
            "import planned"
        );
        Ok(ImportPlan {
            preview,
            setup: setup.clone(),
            file_name: file_name(path),
            sheet_name,
            data_rows: u64::from(row_number - setup.header_row),
            kept,
            duplicate_codes,
            rejected,
            headers,
            planned_at: crate::meta_get(self.conn(), "hlc")?,
        })
    }

    /// Imports what `plan` planned, in one transaction: all of it, or (cancelled through
    /// `progress` returning false, or failed) nothing. `progress` hears (rows done, rows).
    pub fn run_import(
        &mut self,
        path: &Path,
        plan: ImportPlan,
        progress: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<Imported> {
        let newest = crate::meta_get(self.conn(), "hlc")?;
        let fresh = plan.planned_at == newest;
        if newest.is_some() && self.path().is_some() {
            // What she had, kept before the import changes it; an import waits for it.
            self.backup(crate::backup::Reason::BeforeImport)?;
        }
        // The list she sees next shows phones in the national format, which needs the
        // numbering plans (~150 ms to load once): loaded on the core the writing leaves idle.
        crate::warm_up();
        let ImportPlan {
            setup,
            kept,
            duplicate_codes,
            rejected,
            file_name,
            sheet_name,
            data_rows,
            headers,
            preview,
            ..
        } = plan;
        let rejected_count = rejected.len() as u32;
        let started = std::time::Instant::now();
        let report = self.transact_as(Origin::Import, "import_customers", |tx| {
            let bulk = customers::BulkMode::begin(tx, u64::from(preview.created))?;
            let mut writer = Writer::new(tx, setup.create_missing)?;
            let mut done = 0u64;
            // Every row looks for a Cancel (the listener decides how often to show progress).
            let mut step = |done: u64| -> Result<()> {
                if progress(done, data_rows) {
                    Ok(())
                } else {
                    Err(Error::Cancelled)
                }
            };
            step(0)?;
            match kept.filter(|_| fresh) {
                Some(rows) => {
                    let stamp = writer.stamp();
                    std::thread::scope(|scope| -> Result<()> {
                        for batch in write::prepare_ahead(scope, rows, stamp) {
                            for ready in batch? {
                                writer.write_ready(ready)?;
                                done += 1;
                                step(done)?;
                            }
                        }
                        Ok(())
                    })?;
                }
                None => {
                    let custom = crate::settings::custom_fields_in(writer.tx)?;
                    let book = Workbook::open(path, setup.csv)?;
                    let mut rows = feed::read_ahead(book, setup.sheet as usize);
                    let header = header_cells(&mut rows, setup.header_row)?;
                    let mut planner = Planner::new(writer.tx, &setup, &header, custom)?;
                    planner.duplicate_codes = duplicate_codes;
                    let mut row = setup.header_row;
                    for cells in rows {
                        let cells = cells?;
                        row += 1;
                        // The planner looks customers up: the rows before this one are written.
                        writer.flush()?;
                        let planned = planner.plan_row(row, &cells)?;
                        writer.write(row, planned)?;
                        done += 1;
                        step(done)?;
                    }
                }
            }
            // A Cancel after the last row still comes before the commit.
            step(done)?;
            let rows_written = started.elapsed().as_secs_f64();
            writer.finish()?;
            let indexed = started.elapsed().as_secs_f64();
            if let Some(bulk) = bulk {
                bulk.end(writer.tx)?;
            }
            tracing::debug!(
                rows = rows_written,
                search_index = indexed - rows_written,
                list_indexes = started.elapsed().as_secs_f64() - indexed,
                "import written (seconds)"
            );
            let report = ImportReport {
                id: writer.tx.id().to_owned(),
                created: writer.created,
                updated: writer.updated,
                skipped: writer.skipped,
                errors: writer.errors,
                rejected: rejected_count,
            };
            writer.tx.execute(
                "INSERT INTO imports (id, at, file_name, sheet, created, updated, skipped, errors)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    report.id,
                    writer.tx.now(),
                    file_name,
                    sheet_name,
                    report.created,
                    report.updated,
                    report.skipped,
                    report.errors
                ],
            )?;
            remember_mapping(writer.tx, &headers, &setup.columns)?;
            Ok(report)
        })?;
        tracing::debug!(
            seconds = started.elapsed().as_secs_f64(),
            "import committed"
        );
        Ok(Imported {
            report,
            rejected: RejectedRows {
                headers,
                rows: rejected,
                language: self.language()?,
            },
        })
    }
}

fn problem_on(
    setup: &ImportSetup,
    field: ImportField,
    kind: crate::ErrorKind,
    value: &str,
) -> CellProblem {
    CellProblem {
        column: setup
            .columns
            .iter()
            .position(|f| f.as_ref() == Some(&field))
            .map(|c| c as u32),
        header: String::new(),
        field: field.key(),
        kind,
        value: value.to_owned(),
    }
}

/// The widest table read.
const MAX_COLUMNS: usize = 200;

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Reads up to the header row and returns its cells.
fn header_cells(
    rows: &mut dyn Iterator<Item = Result<Vec<Cell>>>,
    header_row: u32,
) -> Result<Vec<Cell>> {
    if header_row == 0 {
        return Err(Error::NotFound("header row"));
    }
    let mut header = Vec::new();
    for _ in 0..header_row {
        header = rows.next().ok_or(Error::NotFound("header row"))??;
    }
    Ok(header)
}

/// The fields the headers name, each at most once (phones and emails may repeat); a column
/// headed like "Loại khách" that holds "Cá nhân", "Công ty" fills the customer type.
fn suggest(
    headers: &[String],
    below: &[&Vec<Cell>],
    custom: &[crate::settings::CustomField],
) -> Vec<Option<ImportField>> {
    let mut taken: Vec<ImportField> = Vec::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut field = columns::field_for_header(h, custom)?;
            if matches!(field, ImportField::Level | ImportField::CustomerType) {
                let values: Vec<String> = below
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(values::cell_text)
                    .collect();
                if values.iter().any(|v| !v.is_empty()) {
                    field = if plan::looks_like_customer_types(&values) {
                        ImportField::CustomerType
                    } else {
                        ImportField::Level
                    };
                }
            }
            if taken.contains(&field) && !field.takes_many() {
                return None;
            }
            taken.push(field.clone());
            Some(field)
        })
        .collect()
}

fn known(field: &ImportField, custom: &[crate::settings::CustomField]) -> bool {
    match field {
        ImportField::Custom(id) => custom.iter().any(|f| f.id.0 == *id),
        _ => true,
    }
}

fn signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| header_key(h))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

fn remembered_mapping(
    conn: &rusqlite::Connection,
    headers: &[String],
) -> Result<Option<Vec<Option<ImportField>>>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT mapping FROM import_mappings WHERE headers = ?1",
            [signature(headers)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

fn remember_mapping(tx: &Tx, headers: &[String], columns: &[Option<ImportField>]) -> Result<()> {
    tx.execute(
        "INSERT INTO import_mappings (headers, mapping, used_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (headers) DO UPDATE SET mapping = excluded.mapping, used_at = excluded.used_at",
        rusqlite::params![signature(headers), serde_json::to_string(columns)?, tx.now()],
    )?;
    Ok(())
}

/// A row's outcome, as the preview shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Create,
    Update,
    Skip,
    Error,
}

impl Kind {
    fn of(p: &Planned) -> Kind {
        match p {
            Planned::Blank => Kind::Blank,
            Planned::Create(_) => Kind::Create,
            Planned::Update { .. } => Kind::Update,
            Planned::Skip(_) | Planned::Exists { .. } => Kind::Skip,
            Planned::Error(_) => Kind::Error,
        }
    }

    fn count(self, p: &mut Preview, by: i64) {
        let n = match self {
            Kind::Blank => &mut p.blank_rows,
            Kind::Create => &mut p.created,
            Kind::Update => &mut p.updated,
            Kind::Skip => &mut p.skipped,
            Kind::Error => &mut p.errors,
        };
        *n = (i64::from(*n) + by).max(0) as u32;
    }
}

fn outcome(conn: &rusqlite::Connection, planned: &Planned) -> Result<Outcome> {
    let reference = |id: &CustomerId| -> Result<CustomerRef> {
        customers::customer_ref(conn, id)?.ok_or(Error::NotFound("customer"))
    };
    Ok(match planned {
        Planned::Blank => Outcome::Skip {
            reason: SkipReason::Unchanged,
            customer: None,
            matched_by: None,
        },
        Planned::Create(_) => Outcome::Create,
        Planned::Update {
            id,
            matched_by,
            draft,
        } => {
            let before = customers::get(conn, id)?;
            let mut after = before.clone();
            plan::apply_draft(conn, &mut after, draft)?;
            let changes = plan::value_changes(conn, &before, &after, draft)?;
            if changes.is_empty() {
                Outcome::Skip {
                    reason: SkipReason::Unchanged,
                    customer: Some(reference(id)?),
                    matched_by: Some(*matched_by),
                }
            } else {
                Outcome::Update {
                    customer: reference(id)?,
                    matched_by: *matched_by,
                    changes,
                }
            }
        }
        Planned::Exists { id, matched_by } => Outcome::Skip {
            reason: SkipReason::Exists,
            customer: Some(reference(id)?),
            matched_by: Some(*matched_by),
        },
        Planned::Skip(reason) => Outcome::Skip {
            reason: *reason,
            customer: None,
            matched_by: None,
        },
        Planned::Error(problems) => Outcome::Error {
            problems: problems.clone(),
        },
    })
}

/// Rows read again from the file, in one pass, for the rejected-rows file (rows whose code
/// turned out to be on another row only after they were planned).
fn rejected_rows(
    path: &Path,
    setup: &ImportSetup,
    mut wanted: Vec<(u32, String)>,
) -> Result<Vec<rejected::Rejected>> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    wanted.sort_by_key(|(row, _)| *row);
    let last = wanted.last().map(|(row, _)| *row).unwrap_or_default();
    let mut reasons = wanted.into_iter().peekable();
    let mut out = Vec::new();
    let mut book = Workbook::open(path, setup.csv)?;
    for (i, cells) in book.rows(setup.sheet as usize)?.enumerate() {
        let row = i as u32 + 1;
        if row > last {
            break;
        }
        let cells = cells?;
        while let Some((_, reason)) = reasons.next_if(|(r, _)| *r == row) {
            out.push(rejected::Rejected {
                row,
                cells: cells.iter().map(values::cell_text).collect(),
                reason,
            });
        }
    }
    Ok(out)
}
