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

/// Writes `bytes` to `path` whole or not at all (see [`save_with`]).
pub fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    save_with(path, |at| {
        let mut file = std::fs::File::create(at)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(())
    })
}

/// Lets `write` make the file under a temporary name beside `path` (same extension, which
/// some writers go by), then gives it her name: a full disk, an error or a crash never leaves
/// half a file under her name, and the file she had stays as it was.
pub fn save_with<T>(path: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let suffix = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let temp = tempfile::Builder::new()
        .prefix(".tripdesk-")
        .suffix(&suffix)
        .tempfile_in(dir)?;
    // Dropped on every early return, which removes the partial file.
    let answer = write(temp.path())?;
    temp.persist(path).map_err(|e| Error::from(e.error))?;
    Ok(answer)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_file_and_keeps_the_one_she_had() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("KH00001 An.pdf");
        std::fs::write(&path, b"before").unwrap();
        let failed = save_with(&path, |at| {
            std::fs::write(at, b"half")?;
            Err::<(), _>(Error::NotAllowed("the disk is full".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"before");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        save(&path, b"%PDF-1.7").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
