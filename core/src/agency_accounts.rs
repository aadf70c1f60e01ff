//! The agency's own bank accounts: where a customer's transfer lands. A payment by transfer
//! names one of them; they are listed in the order she set in Settings.

use crate::banks::account_number;
use crate::contacts::line_text;
use crate::customers::required;
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, Result};
use crate::ids::AgencyAccountId;
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One of the agency's bank accounts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AgencyAccount {
    pub id: AgencyAccountId,
    pub bank_name: String,
    /// Digits and dashes, without spaces.
    pub account_number: String,
    /// The holder's name as the bank has it.
    pub account_name: String,
    pub branch: String,
    /// Its place in the list (smaller first).
    #[ts(type = "number")]
    pub position: i64,
}

/// What the Settings editor sends: the bank and the number are required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AgencyAccountInput {
    pub bank_name: String,
    pub account_number: String,
    pub account_name: String,
    pub branch: String,
}

impl Desk {
    /// The agency's current accounts, in her order.
    pub fn agency_accounts(&self) -> Result<Vec<AgencyAccount>> {
        list(self.conn())
    }

    pub fn add_agency_account(&mut self, input: AgencyAccountInput) -> Result<AgencyAccount> {
        self.transact("add_agency_account", |tx| add(tx, input))
    }

    pub fn update_agency_account(
        &mut self,
        id: &AgencyAccountId,
        input: AgencyAccountInput,
    ) -> Result<AgencyAccount> {
        self.transact("update_agency_account", |tx| update(tx, id, input))
    }

    /// Moves an account one place up or down the list; returns the list.
    pub fn move_agency_account(
        &mut self,
        id: &AgencyAccountId,
        up: bool,
    ) -> Result<Vec<AgencyAccount>> {
        self.transact("move_agency_account", |tx| move_one(tx, id, up))
    }

    /// Takes an account off the list; payments that named it keep naming it.
    pub fn remove_agency_account(&mut self, id: &AgencyAccountId) -> Result<()> {
        self.transact("remove_agency_account", |tx| {
            set_removed(tx, id, true).map(|_| ())
        })
    }

    /// Brings a removed account back, in its old place (the Undo of a removal).
    pub fn restore_agency_account(&mut self, id: &AgencyAccountId) -> Result<AgencyAccount> {
        self.transact("restore_agency_account", |tx| set_removed(tx, id, false))
    }
}

const COLUMNS: &str = "id, bank_name, account_number, account_name, branch, position";

fn row_to_account(r: &Row) -> rusqlite::Result<AgencyAccount> {
    Ok(AgencyAccount {
        id: r.get(0)?,
        bank_name: r.get(1)?,
        account_number: r.get(2)?,
        account_name: r.get(3)?,
        branch: r.get(4)?,
        position: r.get(5)?,
    })
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<AgencyAccount>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM agency_accounts WHERE deleted_at IS NULL
         ORDER BY position, created_at"
    ))?;
    let rows = stmt.query_map([], row_to_account)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An account, current or removed, with whether it is removed.
fn get_any(conn: &Connection, id: &AgencyAccountId) -> Result<(AgencyAccount, bool)> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, deleted_at IS NOT NULL FROM agency_accounts WHERE id = ?1"
    ))?
    .query_row([id], |r| Ok((row_to_account(r)?, r.get(6)?)))
    .optional()?
    .ok_or(Error::NotFound("agency account"))
}

/// A current account of the agency.
pub(crate) fn get(conn: &Connection, id: &AgencyAccountId) -> Result<AgencyAccount> {
    match get_any(conn, id)? {
        (account, false) => Ok(account),
        _ => Err(Error::NotFound("agency account")),
    }
}

fn validated(input: AgencyAccountInput) -> Result<AgencyAccountInput> {
    Ok(AgencyAccountInput {
        bank_name: required("bank_name", &input.bank_name, 200)?,
        account_number: account_number(&input.account_number)?,
        account_name: line_text("account_name", &input.account_name, 200)?,
        branch: line_text("branch", &input.branch, 200)?,
    })
}

fn loggable(a: &AgencyAccount) -> serde_json::Value {
    serde_json::json!({
        "bank_name": a.bank_name,
        "account_number": a.account_number,
        "account_name": a.account_name,
        "branch": a.branch,
    })
}

pub(crate) fn add(tx: &Tx, input: AgencyAccountInput) -> Result<AgencyAccount> {
    let input = validated(input)?;
    let id = AgencyAccountId::new();
    let position: i64 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 10 FROM agency_accounts",
        [],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO agency_accounts (id, bank_name, account_number, account_name, branch,
            position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        rusqlite::params![
            id,
            input.bank_name,
            input.account_number,
            input.account_name,
            input.branch,
            position,
            tx.now()
        ],
    )?;
    let account = get(tx, &id)?;
    let mut logged = loggable(&account);
    logged["position"] = position.into();
    tx.log(
        Entity::AgencyAccount,
        id.as_str(),
        None,
        ChangeOp::Insert,
        inserted(&logged),
    );
    Ok(account)
}

fn update(tx: &Tx, id: &AgencyAccountId, input: AgencyAccountInput) -> Result<AgencyAccount> {
    let before = get(tx, id)?;
    let input = validated(input)?;
    tx.execute(
        "UPDATE agency_accounts SET bank_name = ?2, account_number = ?3, account_name = ?4,
            branch = ?5, updated_at = ?6 WHERE id = ?1",
        rusqlite::params![
            id,
            input.bank_name,
            input.account_number,
            input.account_name,
            input.branch,
            tx.now()
        ],
    )?;
    let after = get(tx, id)?;
    let changes = diff(&loggable(&before), &loggable(&after));
    if !changes.is_empty() {
        tx.log(
            Entity::AgencyAccount,
            id.as_str(),
            None,
            ChangeOp::Update,
            changes,
        );
    }
    Ok(after)
}

fn move_one(tx: &Tx, id: &AgencyAccountId, up: bool) -> Result<Vec<AgencyAccount>> {
    let mut accounts = list(tx)?;
    let at = accounts
        .iter()
        .position(|a| &a.id == id)
        .ok_or(Error::NotFound("agency account"))?;
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|i| *i < accounts.len())
    };
    let Some(other) = other else {
        return Ok(accounts);
    };
    accounts.swap(at, other);
    let now = tx.now();
    for (i, account) in accounts.iter().enumerate() {
        let position = (i as i64 + 1) * 10;
        if account.position != position {
            tx.execute(
                "UPDATE agency_accounts SET position = ?2, updated_at = ?3 WHERE id = ?1",
                rusqlite::params![account.id, position, now],
            )?;
            tx.log(
                Entity::AgencyAccount,
                account.id.as_str(),
                None,
                ChangeOp::Update,
                diff(
                    &serde_json::json!({ "position": account.position }),
                    &serde_json::json!({ "position": position }),
                ),
            );
        }
    }
    list(tx)
}

fn set_removed(tx: &Tx, id: &AgencyAccountId, removed: bool) -> Result<AgencyAccount> {
    let (account, was_removed) = get_any(tx, id)?;
    if was_removed == removed {
        return if removed {
            Err(Error::NotFound("agency account"))
        } else {
            Ok(account)
        };
    }
    crate::customers::mark_deleted(
        tx,
        "agency_accounts",
        Entity::AgencyAccount,
        id.as_str(),
        None,
        removed,
        serde_json::Map::from_iter([
            ("bank_name".to_owned(), account.bank_name.clone().into()),
            (
                "account_number".to_owned(),
                account.account_number.clone().into(),
            ),
        ]),
    )?;
    Ok(get_any(tx, id)?.0)
}
