//! The customer sheet as a PDF. (Being built.)

use super::sheet::Sheet;
use crate::error::{Error, Result};

/// A PDF being written: sheets added one after another, each starting on a new page.
pub struct PdfWriter {}

impl PdfWriter {
    pub fn new(_title: &str) -> Result<PdfWriter> {
        Err(Error::NotAllowed("PDF sheets are being built".into()))
    }

    pub fn add_sheet(&mut self, _sheet: &Sheet) -> Result<()> {
        Err(Error::NotAllowed("PDF sheets are being built".into()))
    }

    pub fn finish(self) -> Result<Vec<u8>> {
        Err(Error::NotAllowed("PDF sheets are being built".into()))
    }
}
