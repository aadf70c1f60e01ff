//! `tripdesk import`: the wizard's engine without the wizard. The sheet, the header row and
//! the columns are taken as the wizard would first suggest them.

use serde_json::json;
use std::path::Path;
use tripdesk::import::{FileChoice, ImportSetup, OnDuplicate, Outcome, Preview};
use tripdesk::settings::Language;
use tripdesk::{Desk, Error};

pub struct Options {
    pub sheet: Option<String>,
    pub header_row: Option<u32>,
    pub overwrite: bool,
    pub dry_run: bool,
}

pub struct Done {
    preview: Preview,
    /// The customers it wrote, or none for a dry run.
    report: Option<tripdesk::import::ImportReport>,
    messages: Vec<(u32, String, String)>,
}

pub fn run(desk: &mut Desk, file: &Path, options: Options) -> Result<Done, Error> {
    let probe = desk.inspect_import(file, &FileChoice::default())?;
    let sheet = match &options.sheet {
        Some(name) => probe
            .sheets
            .iter()
            .position(|s| s == name)
            .ok_or_else(|| Error::NotAllowed(format!("the file has no sheet named {name:?}")))?
            as u32,
        None => probe.sheet,
    };
    // Read again only when she named a sheet or a header row other than the ones found.
    let summary = if sheet == probe.sheet && options.header_row.is_none() {
        probe
    } else {
        desk.inspect_import(
            file,
            &FileChoice {
                csv: probe.csv,
                sheet: Some(sheet),
                header_row: options.header_row,
            },
        )?
    };
    if summary.header_row == 0 {
        return Err(Error::bad_file(
            file,
            tripdesk::ErrorKind::FileEmpty,
            "the sheet has no rows",
        ));
    }
    let setup = ImportSetup {
        sheet,
        header_row: summary.header_row,
        columns: summary.columns.clone(),
        constants: Vec::new(),
        on_duplicate: if options.overwrite {
            OnDuplicate::Overwrite
        } else {
            OnDuplicate::Skip
        },
        create_missing: true,
        create_anyway: Vec::new(),
        csv: summary.csv,
    };
    let plan = desk.plan_import(file, &setup)?;
    let preview = plan.preview.clone();
    let messages = preview
        .rows
        .iter()
        .flat_map(|r| match &r.outcome {
            Outcome::Error { problems } => problems
                .iter()
                .map(|p| {
                    (
                        r.row,
                        p.header.clone(),
                        tripdesk::import::problem_message(p, Language::En, &[]),
                    )
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let report = if options.dry_run {
        None
    } else {
        Some(desk.run_import(file, plan, &mut |_, _| true)?.report)
    };
    Ok(Done {
        preview,
        report,
        messages,
    })
}

impl Done {
    /// "100000 created, 0 updated, 0 skipped, 0 with errors".
    pub fn summary(&self) -> String {
        let j = self.json();
        format!(
            "{} created, {} updated, {} skipped, {} with errors",
            j["created"], j["updated"], j["skipped"], j["error_rows"]
        )
    }

    pub fn json(&self) -> serde_json::Value {
        let (created, updated, skipped, errors) = match &self.report {
            Some(r) => (r.created, r.updated, r.skipped, r.errors),
            None => (
                self.preview.created,
                self.preview.updated,
                self.preview.skipped,
                self.preview.errors,
            ),
        };
        json!({
            "dry_run": self.report.is_none(),
            "import_id": self.report.as_ref().map(|r| r.id.clone()),
            "created": created,
            "updated": updated,
            "skipped": skipped,
            "errors": self.messages.iter().map(|(row, column, message)| json!({
                "row": row, "column": column, "message": message,
            })).collect::<Vec<_>>(),
            "error_rows": errors,
            "duplicates_in_file": self.preview.duplicates_in_file,
            "blank_rows": self.preview.blank_rows,
            "new_levels": self.preview.new_levels,
            "new_staff": self.preview.new_staff,
        })
    }

    pub fn print(&self) {
        for (row, _, message) in &self.messages {
            eprintln!("row {row}: {message}");
        }
        let (verb, r) = match &self.report {
            Some(r) => ("imported", (r.created, r.updated, r.skipped, r.errors)),
            None => (
                "would import (dry run)",
                (
                    self.preview.created,
                    self.preview.updated,
                    self.preview.skipped,
                    self.preview.errors,
                ),
            ),
        };
        println!(
            "{verb}: {} created, {} updated, {} skipped, {} with errors",
            r.0, r.1, r.2, r.3
        );
        if !self.preview.duplicates_in_file.is_empty() {
            println!(
                "codes on more than one row: {}",
                self.preview.duplicates_in_file.join(", ")
            );
        }
    }
}
