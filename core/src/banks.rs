//! Bank accounts: the accounts a customer pays the agency from (or is refunded to); one default.

use crate::contacts::{line_text, Flag};
use crate::customers::ensure_customer;
use crate::customers::required;
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{BankAccountId, CustomerId};
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BankAccount {
    pub id: BankAccountId,
    pub customer_id: CustomerId,
    /// Digits and dashes, as the bank prints it, without spaces.
    pub account_number: String,
    /// The holder's name as the bank has it (often upper case, without marks).
    pub account_name: String,
    pub bank_name: String,
    pub branch: String,
    /// SWIFT (BIC), 8 or 11 characters in upper case, or empty.
    pub swift: String,
    pub is_default: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What the bank account form sends. The first account of a customer is the default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BankAccountInput {
    pub account_number: String,
    pub account_name: String,
    pub bank_name: String,
    pub branch: String,
    pub swift: String,
    pub is_default: bool,
}

impl Desk {
    /// A customer's bank accounts, the default one first, then as they were added.
    pub fn bank_accounts(&self, customer: &CustomerId) -> Result<Vec<BankAccount>> {
        list(self.conn(), customer)
    }

    pub fn add_bank_account(
        &mut self,
        customer: &CustomerId,
        input: BankAccountInput,
    ) -> Result<BankAccount> {
        self.transact("add_bank_account", |tx| add(tx, customer, input))
    }

    pub fn update_bank_account(
        &mut self,
        id: &BankAccountId,
        input: BankAccountInput,
    ) -> Result<BankAccount> {
        self.transact("update_bank_account", |tx| update(tx, id, input))
    }

    /// Makes this account the default; the one that was no longer is.
    pub fn make_default_bank_account(&mut self, id: &BankAccountId) -> Result<BankAccount> {
        self.transact("make_default_bank_account", |tx| make_default(tx, id))
    }

    pub fn remove_bank_account(&mut self, id: &BankAccountId) -> Result<()> {
        self.transact("remove_bank_account", |tx| remove(tx, id))
    }

    /// Undoes `remove_bank_account`. It comes back the default only if no other account is by
    /// then.
    pub fn restore_bank_account(&mut self, id: &BankAccountId) -> Result<BankAccount> {
        self.transact("restore_bank_account", |tx| restore(tx, id))
    }
}

const DEFAULT: Flag = Flag {
    table: "bank_accounts",
    column: "is_default",
    entity: Entity::BankAccount,
};

const SELECT: &str = "SELECT x.id, x.customer_id, x.account_number, x.account_name, x.bank_name,
        x.branch, x.swift, x.is_default, x.created_at, x.updated_at, x.deleted_at IS NOT NULL
    FROM bank_accounts x JOIN customers c ON c.id = x.customer_id AND c.erased_at IS NULL";

fn row_to_account(r: &Row) -> rusqlite::Result<(BankAccount, bool)> {
    Ok((
        BankAccount {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            account_number: r.get(2)?,
            account_name: r.get(3)?,
            bank_name: r.get(4)?,
            branch: r.get(5)?,
            swift: r.get(6)?,
            is_default: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        },
        r.get(10)?,
    ))
}

pub(crate) fn list(conn: &Connection, customer: &CustomerId) -> Result<Vec<BankAccount>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE x.customer_id = ?1 AND x.deleted_at IS NULL
         ORDER BY x.is_default DESC, x.created_at, x.id"
    ))?;
    let rows = stmt.query_map([customer], row_to_account)?;
    Ok(rows
        .map(|r| r.map(|(a, _)| a))
        .collect::<rusqlite::Result<_>>()?)
}

/// An account and whether it is deleted; an account of an erased customer is not found.
fn find(conn: &Connection, id: &BankAccountId) -> Result<(BankAccount, bool)> {
    conn.prepare_cached(&format!("{SELECT} WHERE x.id = ?1"))?
        .query_row([id], row_to_account)
        .optional()?
        .ok_or(Error::NotFound("bank account"))
}

fn get(conn: &Connection, id: &BankAccountId) -> Result<BankAccount> {
    match find(conn, id)? {
        (a, false) => Ok(a),
        (_, true) => Err(Error::NotFound("bank account")),
    }
}

/// Digits, with the dashes some banks print; spaces are dropped. Up to 34 characters (the
/// longest IBAN).
pub(crate) fn account_number(v: &str) -> Result<String> {
    let typed = required("account_number", v, 60)?;
    let number: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let well_formed = number.chars().all(|c| c.is_ascii_digit() || c == '-')
        && number.chars().any(|c| c.is_ascii_digit())
        && !number.starts_with('-')
        && !number.ends_with('-');
    if !well_formed {
        return Err(Error::invalid(
            "account_number",
            ErrorKind::InvalidFormat,
            typed,
        ));
    }
    if number.chars().count() > 34 {
        return Err(Error::invalid("account_number", ErrorKind::TooLong, "34"));
    }
    Ok(number)
}

/// Empty, or 8 or 11 letters and digits (bank, country, location and an optional branch),
/// stored in upper case.
pub(crate) fn swift(v: &str) -> Result<String> {
    let code = crate::text::clean(v).to_ascii_uppercase();
    let well_formed = code.is_empty()
        || ((code.len() == 8 || code.len() == 11)
            && code.chars().all(|c| c.is_ascii_alphanumeric()));
    if well_formed {
        Ok(code)
    } else {
        Err(Error::invalid("swift", ErrorKind::InvalidSwift, code))
    }
}

fn validated(input: BankAccountInput) -> Result<BankAccountInput> {
    Ok(BankAccountInput {
        account_number: account_number(&input.account_number)?,
        account_name: line_text("account_name", &input.account_name, 200)?,
        bank_name: required("bank_name", &input.bank_name, 200)?,
        branch: line_text("branch", &input.branch, 200)?,
        swift: swift(&input.swift)?,
        is_default: input.is_default,
    })
}

fn loggable(a: &BankAccount) -> BankAccountInput {
    BankAccountInput {
        account_number: a.account_number.clone(),
        account_name: a.account_name.clone(),
        bank_name: a.bank_name.clone(),
        branch: a.branch.clone(),
        swift: a.swift.clone(),
        is_default: a.is_default,
    }
}

pub(crate) fn add(tx: &Tx, customer: &CustomerId, input: BankAccountInput) -> Result<BankAccount> {
    ensure_customer(tx, customer)?;
    let mut input = validated(input)?;
    let id = BankAccountId::new();
    input.is_default = DEFAULT.take(tx, customer, id.as_str(), input.is_default)?;
    tx.execute(
        "INSERT INTO bank_accounts (id, customer_id, account_number, account_name, bank_name,
            branch, swift, is_default, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        rusqlite::params![
            id,
            customer,
            input.account_number,
            input.account_name,
            input.bank_name,
            input.branch,
            input.swift,
            input.is_default,
            tx.now()
        ],
    )?;
    tx.log(
        Entity::BankAccount,
        id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&input)?),
    );
    get(tx, &id)
}

fn update(tx: &Tx, id: &BankAccountId, input: BankAccountInput) -> Result<BankAccount> {
    let before = get(tx, id)?;
    let mut input = validated(input)?;
    if input.is_default && !before.is_default {
        input.is_default = DEFAULT.take(tx, &before.customer_id, id.as_str(), true)?;
    }
    let changes = diff(
        &serde_json::to_value(loggable(&before))?,
        &serde_json::to_value(&input)?,
    );
    if changes.is_empty() {
        return Ok(before);
    }
    tx.execute(
        "UPDATE bank_accounts SET account_number = ?2, account_name = ?3, bank_name = ?4,
            branch = ?5, swift = ?6, is_default = ?7, updated_at = ?8
         WHERE id = ?1",
        rusqlite::params![
            id,
            input.account_number,
            input.account_name,
            input.bank_name,
            input.branch,
            input.swift,
            input.is_default,
            tx.now()
        ],
    )?;
    tx.log(
        Entity::BankAccount,
        id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        changes,
    );
    get(tx, id)
}

fn make_default(tx: &Tx, id: &BankAccountId) -> Result<BankAccount> {
    let before = get(tx, id)?;
    let input = BankAccountInput {
        is_default: true,
        ..loggable(&before)
    };
    update(tx, id, input)
}

fn remove(tx: &Tx, id: &BankAccountId) -> Result<()> {
    let a = get(tx, id)?;
    crate::customers::set_record_deleted(
        tx,
        "bank_accounts",
        Entity::BankAccount,
        id.as_str(),
        &a.customer_id,
        true,
    )
}

fn restore(tx: &Tx, id: &BankAccountId) -> Result<BankAccount> {
    let (a, deleted) = find(tx, id)?;
    if deleted {
        DEFAULT.restore(tx, &a.customer_id, id.as_str(), a.is_default)?;
    }
    get(tx, id)
}

/// Vietnamese banks: short name, SWIFT, how their account numbers start and how many digits
/// follow, and branches.
#[rustfmt::skip]
const BANKS: &[(&str, &str, &str, usize, &[&str])] = &[
    ("Vietcombank", "BFTVVNVX", "0071", 9, &["Chi nhánh TP. Hồ Chí Minh", "Chi nhánh Hà Nội", "Chi nhánh Tân Định", "Sở Giao dịch"]),
    ("Techcombank", "VTCBVNVX", "1903", 10, &["Chi nhánh Hội sở", "Chi nhánh Thắng Lợi", "Chi nhánh Đà Nẵng"]),
    ("BIDV", "BIDVVNVX", "3110", 10, &["Chi nhánh Sài Gòn", "Chi nhánh Hà Thành", "Chi nhánh Cần Thơ"]),
    ("ACB", "ASCBVNVX", "", 8, &["Chi nhánh Sài Gòn", "Chi nhánh Hà Nội", "PGD Phú Nhuận"]),
    ("VietinBank", "ICBVVNVX", "1010", 8, &["Chi nhánh 1 TP. Hồ Chí Minh", "Chi nhánh Đống Đa", "Chi nhánh Hải Phòng"]),
    ("MB", "MSCBVNVX", "0801", 9, &["Chi nhánh Bắc Sài Gòn", "Chi nhánh Hoàn Kiếm", "Chi nhánh Huế"]),
];

/// Demo accounts: about a third of the customers, at a Vietnamese bank, in the holder's name
/// as banks write it (`NGUYEN THI HONG`, or the company's name).
pub(crate) fn demo(tx: &mut Tx, c: &crate::demo::DemoCustomer) -> Result<()> {
    let mut rng = c.rng(3);
    if rng.u32(0..100) >= 33 {
        return Ok(());
    }
    let holder = if c.company {
        tx.query_row("SELECT company FROM customers WHERE id = ?1", [c.id], |r| {
            r.get::<_, String>(0)
        })?
    } else {
        c.full_name.to_owned()
    };
    let accounts = if c.company && rng.u32(0..4) == 0 {
        2
    } else {
        1
    };
    for _ in 0..accounts {
        let (bank, swift, prefix, digits, branches) = BANKS[rng.usize(0..BANKS.len())];
        let mut number = prefix.to_owned();
        for _ in 0..digits {
            number.push(char::from(b'0' + rng.u8(0..10)));
        }
        add(
            tx,
            c.id,
            BankAccountInput {
                account_number: number,
                account_name: crate::text::fold(&holder).to_uppercase(),
                bank_name: bank.into(),
                branch: branches[rng.usize(0..branches.len())].into(),
                swift: if rng.u32(0..10) < 7 {
                    swift.into()
                } else {
                    String::new()
                },
                is_default: false,
            },
        )?;
    }
    Ok(())
}
