//! What leaves the desk on paper or in a file: the customer sheet (a document of sections,
//! rendered as a PDF and as a workbook) and the customer lists as workbooks.
//!
//! The sheet is built once, as data ([`sheet::Sheet`]): every word in her language, every value
//! typed (a day, an amount in its currency, a code that must stay text). [`pdf`] lays it out on
//! pages through a small layout layer ([`layout`]); [`xlsx`] writes it as a worksheet per
//! section. A new section is a few lines in [`sheet`] and appears in both.

pub mod customers;
pub mod layout;
pub mod pdf;
pub mod sheet;
pub mod xlsx;

pub use customers::builtin_level;
pub use sheet::{Cell, Column, Paper, Section, SectionId, Sheet, SheetSettings};

use crate::error::{Error, ErrorKind, Result};
use crate::ids::CustomerId;
use crate::Desk;
use chrono::NaiveDateTime;
use std::io::Write;
use std::path::Path;

/// A file made for her: the name she is offered (`KH00042 Nguyen Thi Hong.pdf`) and its bytes.
#[derive(Debug, Clone)]
pub struct SheetFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then renamed
/// over it, so a full disk or a crash never leaves half a file under her name.
pub fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| Error::from(e.error))?;
    Ok(())
}

impl Desk {
    /// One customer's sheet as a PDF.
    pub fn sheet_pdf(
        &self,
        id: &CustomerId,
        settings: &SheetSettings,
        now: NaiveDateTime,
    ) -> Result<SheetFile> {
        let sheet = self.customer_sheet(id, settings, now)?;
        let title = format!(
            "{} – {} {}",
            sheet.words().title,
            sheet.customer_code,
            sheet.customer_name
        );
        let mut writer = pdf::PdfWriter::new(&title)?;
        writer.add_sheet(&sheet)?;
        Ok(SheetFile {
            name: format!("{}.pdf", sheet.file_stem()),
            bytes: writer.finish()?,
        })
    }

    /// Several customers' sheets in one PDF, each starting on a new page. `progress` hears
    /// `(done, total)` after each sheet; when it answers `false` the work stops with
    /// [`ErrorKind::Cancelled`] and nothing is written.
    pub fn sheets_pdf(
        &self,
        ids: &[CustomerId],
        settings: &SheetSettings,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(u32, u32) -> bool,
    ) -> Result<Vec<u8>> {
        let language = self.language()?;
        let mut writer = pdf::PdfWriter::new(sheet::SheetWords::new(language).title)?;
        let total = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        for (done, id) in (1u32..).zip(ids) {
            let sheet = self.customer_sheet(id, settings, now)?;
            writer.add_sheet(&sheet)?;
            if !progress(done, total) {
                return Err(Error::invalid("sheets", ErrorKind::Cancelled, ""));
            }
        }
        writer.finish()
    }

    /// One customer's sheet as a workbook, a worksheet per section.
    pub fn sheet_xlsx(
        &self,
        id: &CustomerId,
        settings: &SheetSettings,
        now: NaiveDateTime,
    ) -> Result<SheetFile> {
        let sheet = self.customer_sheet(id, settings, now)?;
        Ok(SheetFile {
            name: format!("{}.xlsx", sheet.file_stem()),
            bytes: xlsx::sheet_workbook(&sheet)?,
        })
    }
}
