//! Numbered migrations, each applied in one IMMEDIATE transaction and recorded in
//! `PRAGMA user_version`. They add; they never rename or drop.

use crate::error::Result;
use rusqlite::{Connection, TransactionBehavior};

/// The schema steps, in order; step N brings a file to `user_version` N.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_settings.sql"),
    include_str!("migrations/0003_imports.sql"),
    include_str!("migrations/0004_customer_tabs.sql"),
    include_str!("migrations/0005_money.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the file up to `LATEST_VERSION`; callers have refused newer files already.
pub fn run(conn: &mut Connection) -> Result<()> {
    run_to(conn, LATEST_VERSION)
}

/// Applies the steps up to `target` only: tests build frozen old files with it.
pub fn run_to(conn: &mut Connection, target: i64) -> Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version >= target {
            return Ok(());
        }
        let step = MIGRATIONS[version as usize];
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(version = version + 1, "schema upgraded");
    }
}
