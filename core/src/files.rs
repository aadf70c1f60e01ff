//! (area: files)

/// Demo files for the demo customers (filled in with the area).
pub(crate) fn demo(_desk: &mut crate::Desk, _today: chrono::NaiveDate) -> crate::Result<()> {
    Ok(())
}
