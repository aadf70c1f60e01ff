//! The customer sheet as a workbook, a worksheet per section. (Being built.)

use super::sheet::Sheet;
use crate::error::{Error, Result};

pub fn sheet_workbook(_sheet: &Sheet) -> Result<Vec<u8>> {
    Err(Error::NotAllowed("workbook sheets are being built".into()))
}
