//! The rows an import left out, saved as a workbook with a "reason" column: she fixes them
//! there and imports that file again.

use super::messages;
use super::plan::Planned;
use crate::customers;
use crate::error::{Error, Result};
use crate::settings::{CustomField, Language};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

#[derive(Debug)]
pub(super) struct Rejected {
    pub row: u32,
    pub cells: Vec<String>,
    pub reason: String,
}

/// The rows left out, with the file's headers.
#[derive(Debug)]
pub struct RejectedRows {
    pub(super) headers: Vec<String>,
    pub(super) rows: Vec<Rejected>,
    pub(super) language: Language,
}

impl RejectedRows {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes them as an xlsx: the file's headers, then "Dòng" (its row in the file) and
    /// "Lý do" (why it was left out). Text is written as text, never as a formula.
    pub fn write_xlsx(&self, path: &Path) -> Result<()> {
        let (row_label, reason_label, sheet) = match self.language {
            Language::Vi => ("Dòng trong tệp gốc", "Lý do", "Dòng chưa nhập"),
            Language::En => ("Row in the original file", "Reason", "Rows not imported"),
        };
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let ws = book.add_worksheet();
        ws.set_name(sheet).map_err(xlsx)?;
        let width = self
            .rows
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0)
            .max(self.headers.len());
        for (c, h) in self.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(xlsx)?;
        }
        ws.write_string_with_format(0, width as u16, reason_label, &bold)
            .map_err(xlsx)?;
        ws.write_string_with_format(0, width as u16 + 1, row_label, &bold)
            .map_err(xlsx)?;
        for (i, r) in self.rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, v) in r.cells.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(row, c as u16, v).map_err(xlsx)?;
                }
            }
            ws.write_string(row, width as u16, &r.reason)
                .map_err(xlsx)?;
            ws.write_number(row, width as u16 + 1, f64::from(r.row))
                .map_err(xlsx)?;
        }
        ws.set_column_width(width as u16, 60).map_err(xlsx)?;
        ws.set_freeze_panes(1, 0).map_err(xlsx)?;
        book.save(path).map_err(xlsx)?;
        Ok(())
    }
}

pub fn xlsx(e: rust_xlsxwriter::XlsxError) -> Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io) => Error::Io(io),
        other => Error::Io(std::io::Error::other(other.to_string())),
    }
}

/// Why a planned row will not be imported, or none when it will be.
pub(super) fn reason(
    conn: &Connection,
    planned: &Planned,
    language: Language,
    custom: &[CustomField],
) -> Result<Option<String>> {
    Ok(match planned {
        Planned::Error(problems) => Some(
            problems
                .iter()
                .map(|p| messages::problem(p, language, custom))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Planned::Exists { id, matched_by } => {
            let c = customers::customer_ref(conn, id)?;
            let (code, name) = c.map(|c| (c.code, c.full_name)).unwrap_or_default();
            Some(messages::exists(&code, &name, *matched_by, language))
        }
        _ => None,
    })
}
