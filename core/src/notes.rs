//! (area: notes)

/// Demo data for one customer (filled in with the area).
pub(crate) fn demo(_tx: &mut crate::db::Tx, _c: &crate::demo::DemoCustomer) -> crate::Result<()> {
    Ok(())
}
