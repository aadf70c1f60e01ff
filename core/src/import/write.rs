//! Writing a plan inside the import's transaction. New customers go in batches; their
//! records, search words and change-log text are made ready on a second thread while the
//! first one writes. Everything is written, logged and counted in the file's row order, as one
//! row at a time would have it.

use super::plan::{self, Draft, Planned};
use crate::customers::{self, Customer, Inserter, NewRow};
use crate::db::{Entity, Tx};
use crate::error::{Error, Result};
use crate::ids::{CustomerId, LevelId, StaffId};
use rusqlite::OptionalExtension;
use std::collections::HashMap;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// What every new customer gets from the import itself.
#[derive(Clone)]
pub(super) struct Stamp {
    /// The transaction's time: her `created_at` and `updated_at`.
    pub now: String,
    /// The level of a row that names none.
    pub default_level: LevelId,
}

/// A planned row, or a new customer already made ready to write.
// Most rows are new customers: a box each would only add an allocation (and a free on the
// writing thread) to every one of them.
#[allow(clippy::large_enum_variant)]
pub(super) enum Ready {
    Planned(u32, Planned),
    New {
        row: NewRow,
        referrer_code: Option<String>,
    },
}

/// Rows made ready per batch handed to the writer.
const ROWS_PER_BATCH: usize = 256;
/// Batches made ready ahead of the writing, at most.
const BATCHES_AHEAD: usize = 8;

/// Makes the planned rows ready on another thread, in order. A new customer whose level,
/// responsible person or code the import must still make waits for the writer, which makes
/// them; every other one arrives ready to write.
pub(super) fn prepare_ahead<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    rows: Vec<(u32, Planned)>,
    stamp: Stamp,
) -> Receiver<Result<Vec<Ready>>> {
    let (sender, receiver) = sync_channel(BATCHES_AHEAD);
    scope.spawn(move || prepare_all(rows, &stamp, &sender));
    receiver
}

fn prepare_all(rows: Vec<(u32, Planned)>, stamp: &Stamp, sender: &SyncSender<Result<Vec<Ready>>>) {
    let mut batch = Vec::with_capacity(ROWS_PER_BATCH);
    for (row, planned) in rows {
        let ready = match planned {
            Planned::Create(draft) if is_complete(&draft) => {
                let Draft {
                    mut customer,
                    referrer_code,
                    ..
                } = *draft;
                stamp_new(&mut customer, stamp);
                match NewRow::new(customer) {
                    Ok(row) => Ready::New { row, referrer_code },
                    Err(e) => {
                        sender.send(Err(e)).ok();
                        return;
                    }
                }
            }
            other => Ready::Planned(row, other),
        };
        batch.push(ready);
        if batch.len() == ROWS_PER_BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(ROWS_PER_BATCH));
            if sender.send(Ok(full)).is_err() {
                return; // the writer stopped: cancelled, or failed
            }
        }
    }
    if !batch.is_empty() {
        sender.send(Ok(batch)).ok();
    }
}

/// A new customer that needs nothing from the writer: no level, staff or code to make.
fn is_complete(draft: &Draft) -> bool {
    draft.new_level.is_none() && draft.new_staff.is_none() && !draft.customer.code.is_empty()
}

fn stamp_new(customer: &mut Customer, stamp: &Stamp) {
    customer.created_at = stamp.now.clone();
    customer.updated_at = stamp.now.clone();
    if customer.level_id.is_none() {
        customer.level_id = Some(stamp.default_level.clone());
    }
}

/// Writes planned rows inside the import's transaction.
pub(super) struct Writer<'t, 'c> {
    pub tx: &'t Tx<'c>,
    inserter: Inserter<'t>,
    stamp: Stamp,
    create_missing: bool,
    levels: HashMap<String, LevelId>,
    staff: HashMap<String, StaffId>,
    referrers: Vec<(CustomerId, String)>,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub errors: u32,
}

impl<'t, 'c> Writer<'t, 'c> {
    pub fn new(tx: &'t Tx<'c>, create_missing: bool) -> Result<Self> {
        Ok(Writer {
            tx,
            inserter: Inserter::new(tx)?,
            stamp: Stamp {
                now: tx.now(),
                default_level: crate::levels::default_level(tx)?,
            },
            create_missing,
            levels: HashMap::new(),
            staff: HashMap::new(),
            referrers: Vec::new(),
            created: 0,
            updated: 0,
            skipped: 0,
            errors: 0,
        })
    }

    pub fn stamp(&self) -> Stamp {
        self.stamp.clone()
    }

    pub fn write_ready(&mut self, ready: Ready) -> Result<()> {
        match ready {
            Ready::Planned(row, planned) => self.write(row, planned),
            Ready::New { row, referrer_code } => self.add(row, referrer_code),
        }
    }

    pub fn write(&mut self, _row: u32, planned: Planned) -> Result<()> {
        match planned {
            Planned::Blank => {}
            Planned::Skip(_) | Planned::Exists { .. } => self.skipped += 1,
            Planned::Error(_) => self.errors += 1,
            Planned::Create(draft) => {
                let Draft {
                    mut customer,
                    new_level,
                    new_staff,
                    referrer_code,
                    ..
                } = *draft;
                if let Some(name) = new_level {
                    customer.level_id = Some(self.level(&name)?);
                }
                stamp_new(&mut customer, &self.stamp);
                if let Some(name) = new_staff {
                    customer.responsible_id = Some(self.staff(&name)?);
                }
                if customer.code.is_empty() {
                    // The next free code steps over the codes of the rows written so far.
                    self.inserter.flush()?;
                    customer.code = customers::next_code(self.tx)?;
                }
                self.add(NewRow::new(customer)?, referrer_code)?;
            }
            Planned::Update { id, draft, .. } => {
                let before = customers::get(self.tx, &id)?;
                let mut after = before.clone();
                plan::apply_draft(self.tx, &mut after, &draft)?;
                if let Some(name) = &draft.new_level {
                    after.level_id = Some(self.level(name)?);
                }
                if let Some(name) = &draft.new_staff {
                    after.responsible_id = Some(self.staff(name)?);
                }
                if let Some(code) = &draft.referrer_code {
                    self.referrers.push((id.clone(), code.clone()));
                }
                let changed = crate::db::diff(
                    &customers::loggable(&before)?,
                    &customers::loggable(&after)?,
                );
                if changed.is_empty() {
                    self.skipped += 1;
                } else {
                    customers::save_changes(self.tx, &before, after)?;
                    self.updated += 1;
                }
            }
        }
        Ok(())
    }

    /// A new customer: logged now, in row order; written with her batch.
    fn add(&mut self, mut row: NewRow, referrer_code: Option<String>) -> Result<()> {
        let id = row.customer().id.clone();
        self.tx.log_insert_json(
            Entity::Customer,
            id.as_str(),
            Some(id.as_str()),
            row.take_log(),
        );
        self.inserter.push(row)?;
        if let Some(code) = referrer_code {
            self.referrers.push((id, code));
        }
        self.created += 1;
        Ok(())
    }

    /// Writes the new customers that wait in the batch: before anything reads customers.
    pub fn flush(&mut self) -> Result<()> {
        self.inserter.flush()
    }

    /// A level the file names that did not exist: made once, on first use.
    fn level(&mut self, name: &str) -> Result<LevelId> {
        let key = plan::fold_name(name);
        if let Some(id) = self.levels.get(&key) {
            return Ok(id.clone());
        }
        if !self.create_missing {
            return Err(Error::NotFound("level"));
        }
        let id = crate::levels::add(self.tx, name)?.id;
        self.levels.insert(key, id.clone());
        Ok(id)
    }

    fn staff(&mut self, name: &str) -> Result<StaffId> {
        let key = plan::fold_name(name);
        if let Some(id) = self.staff.get(&key) {
            return Ok(id.clone());
        }
        if !self.create_missing {
            return Err(Error::NotFound("staff"));
        }
        let id = crate::staff::add(
            self.tx,
            crate::staff::StaffInput {
                name: name.to_owned(),
                email: String::new(),
            },
        )?
        .id;
        self.staff.insert(key, id.clone());
        Ok(id)
    }

    /// Writes what waits and indexes the new customers, then links the referrers named by a
    /// code this same file created.
    pub fn finish(&mut self) -> Result<()> {
        self.inserter.finish()?;
        for (id, code) in std::mem::take(&mut self.referrers) {
            let referrer: Option<CustomerId> = self
                .tx
                .query_row(
                    "SELECT id FROM customers WHERE code = ?1 COLLATE NOCASE AND erased_at IS NULL",
                    [&code],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(referrer) = referrer.filter(|r| *r != id) else {
                continue;
            };
            let before = customers::get(self.tx, &id)?;
            let mut after = before.clone();
            after.referrer_id = Some(referrer);
            customers::save_changes(self.tx, &before, after)?;
        }
        Ok(())
    }
}
