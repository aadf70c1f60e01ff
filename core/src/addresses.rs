//! Addresses: where a customer lives, works, is billed and has things delivered; one default.

use crate::contacts::{line_text, Flag};
use crate::customers::ensure_customer;
use crate::customers::required;
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{AddressId, CustomerId};
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AddressKind {
    #[default]
    Home,
    Office,
    Billing,
    Delivery,
}

crate::customers::text_enum_sql!(AddressKind {
    Home => "home", Office => "office", Billing => "billing", Delivery => "delivery"
});

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Address {
    pub id: AddressId,
    pub customer_id: CustomerId,
    pub kind: AddressKind,
    /// Number, street, ward and district: `12 Lê Lợi, Phường Bến Nghé, Quận 1`.
    pub line: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, or empty.
    pub country: String,
    pub is_default: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What the address form sends. The first address of a customer is the default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AddressInput {
    pub kind: AddressKind,
    pub line: String,
    pub city: String,
    pub country: String,
    pub is_default: bool,
}

impl Desk {
    /// A customer's addresses, the default one first, then as they were added.
    pub fn addresses(&self, customer: &CustomerId) -> Result<Vec<Address>> {
        list(self.conn(), customer)
    }

    pub fn add_address(&mut self, customer: &CustomerId, input: AddressInput) -> Result<Address> {
        self.transact("add_address", |tx| add(tx, customer, input))
    }

    pub fn update_address(&mut self, id: &AddressId, input: AddressInput) -> Result<Address> {
        self.transact("update_address", |tx| update(tx, id, input))
    }

    /// Makes this address the default; the one that was no longer is.
    pub fn make_default_address(&mut self, id: &AddressId) -> Result<Address> {
        self.transact("make_default_address", |tx| make_default(tx, id))
    }

    pub fn remove_address(&mut self, id: &AddressId) -> Result<()> {
        self.transact("remove_address", |tx| remove(tx, id))
    }

    /// Undoes `remove_address`. It comes back the default only if no other address is by then.
    pub fn restore_address(&mut self, id: &AddressId) -> Result<Address> {
        self.transact("restore_address", |tx| restore(tx, id))
    }
}

const DEFAULT: Flag = Flag {
    table: "addresses",
    column: "is_default",
    entity: Entity::Address,
};

const SELECT: &str = "SELECT x.id, x.customer_id, x.kind, x.line, x.city, x.country, x.is_default,
        x.created_at, x.updated_at, x.deleted_at IS NOT NULL
    FROM addresses x JOIN customers c ON c.id = x.customer_id AND c.erased_at IS NULL";

fn row_to_address(r: &Row) -> rusqlite::Result<(Address, bool)> {
    Ok((
        Address {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            kind: r.get(2)?,
            line: r.get(3)?,
            city: r.get(4)?,
            country: r.get(5)?,
            is_default: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
        },
        r.get(9)?,
    ))
}

pub(crate) fn list(conn: &Connection, customer: &CustomerId) -> Result<Vec<Address>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE x.customer_id = ?1 AND x.deleted_at IS NULL
         ORDER BY x.is_default DESC, x.created_at, x.id"
    ))?;
    let rows = stmt.query_map([customer], row_to_address)?;
    Ok(rows
        .map(|r| r.map(|(a, _)| a))
        .collect::<rusqlite::Result<_>>()?)
}

/// An address and whether it is deleted; an address of an erased customer is not found.
fn find(conn: &Connection, id: &AddressId) -> Result<(Address, bool)> {
    conn.prepare_cached(&format!("{SELECT} WHERE x.id = ?1"))?
        .query_row([id], row_to_address)
        .optional()?
        .ok_or(Error::NotFound("address"))
}

fn get(conn: &Connection, id: &AddressId) -> Result<Address> {
    match find(conn, id)? {
        (a, false) => Ok(a),
        (_, true) => Err(Error::NotFound("address")),
    }
}

fn validated(input: AddressInput) -> Result<AddressInput> {
    let country = line_text("country", &input.country, 2)
        .map_err(|_| Error::invalid("country", ErrorKind::InvalidChoice, input.country.trim()))?
        .to_ascii_uppercase();
    if !country.is_empty() && !crate::countries::COUNTRIES.contains(&country.as_str()) {
        return Err(Error::invalid("country", ErrorKind::InvalidChoice, country));
    }
    Ok(AddressInput {
        kind: input.kind,
        line: required("line", &input.line, 500)?,
        city: line_text("city", &input.city, 200)?,
        country,
        is_default: input.is_default,
    })
}

fn loggable(a: &Address) -> AddressInput {
    AddressInput {
        kind: a.kind,
        line: a.line.clone(),
        city: a.city.clone(),
        country: a.country.clone(),
        is_default: a.is_default,
    }
}

pub(crate) fn add(tx: &Tx, customer: &CustomerId, input: AddressInput) -> Result<Address> {
    ensure_customer(tx, customer)?;
    let mut input = validated(input)?;
    let id = AddressId::new();
    input.is_default = DEFAULT.take(tx, customer, id.as_str(), input.is_default)?;
    tx.execute(
        "INSERT INTO addresses (id, customer_id, kind, line, city, country, is_default, created_at,
            updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        rusqlite::params![
            id,
            customer,
            input.kind,
            input.line,
            input.city,
            input.country,
            input.is_default,
            tx.now()
        ],
    )?;
    tx.log(
        Entity::Address,
        id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&input)?),
    );
    get(tx, &id)
}

fn update(tx: &Tx, id: &AddressId, input: AddressInput) -> Result<Address> {
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
        "UPDATE addresses SET kind = ?2, line = ?3, city = ?4, country = ?5, is_default = ?6,
            updated_at = ?7
         WHERE id = ?1",
        rusqlite::params![
            id,
            input.kind,
            input.line,
            input.city,
            input.country,
            input.is_default,
            tx.now()
        ],
    )?;
    tx.log(
        Entity::Address,
        id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        changes,
    );
    get(tx, id)
}

fn make_default(tx: &Tx, id: &AddressId) -> Result<Address> {
    let before = get(tx, id)?;
    let input = AddressInput {
        is_default: true,
        ..loggable(&before)
    };
    update(tx, id, input)
}

fn remove(tx: &Tx, id: &AddressId) -> Result<()> {
    let a = get(tx, id)?;
    crate::customers::set_record_deleted(
        tx,
        "addresses",
        Entity::Address,
        id.as_str(),
        &a.customer_id,
        true,
    )
}

fn restore(tx: &Tx, id: &AddressId) -> Result<Address> {
    let (a, deleted) = find(tx, id)?;
    if deleted {
        DEFAULT.restore(tx, &a.customer_id, id.as_str(), a.is_default)?;
    }
    get(tx, id)
}

/// Demo addresses: most customers have the address on their record as their home (or their
/// office, for a company), and some a second one.
pub(crate) fn demo(tx: &mut Tx, c: &crate::demo::DemoCustomer) -> Result<()> {
    use crate::demo::{pick, CITIES, STREETS};
    let mut rng = c.rng(2);
    if rng.u32(0..100) >= 80 {
        return Ok(());
    }
    let address: String =
        tx.query_row("SELECT address FROM customers WHERE id = ?1", [c.id], |r| {
            r.get(0)
        })?;
    let (line, city) = match address.rsplit_once(", ") {
        Some((line, city)) => (line.to_owned(), city.to_owned()),
        None => (address.clone(), String::new()),
    };
    let first = if c.company {
        AddressKind::Office
    } else {
        AddressKind::Home
    };
    if !line.is_empty() {
        add(
            tx,
            c.id,
            AddressInput {
                kind: first,
                line,
                city,
                country: "VN".into(),
                is_default: true,
            },
        )?;
    }
    if rng.u32(0..100) < 30 {
        let (city, districts) = CITIES[rng.usize(0..CITIES.len())];
        let kind = if c.company {
            pick(&mut rng, &["billing", "delivery"])
        } else {
            pick(&mut rng, &["office", "delivery"])
        };
        let floor = if kind == "office" || kind == "billing" {
            format!("Tầng {}, ", rng.u32(2..20))
        } else {
            String::new()
        };
        add(
            tx,
            c.id,
            AddressInput {
                kind: match kind {
                    "billing" => AddressKind::Billing,
                    "delivery" => AddressKind::Delivery,
                    _ => AddressKind::Office,
                },
                line: format!(
                    "{floor}{} {}, {}",
                    rng.u32(1..400),
                    pick(&mut rng, STREETS),
                    pick(&mut rng, districts)
                ),
                city: city.into(),
                country: "VN".into(),
                is_default: false,
            },
        )?;
    }
    Ok(())
}
