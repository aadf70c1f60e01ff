//! Contacts: the people to call at a company customer or in a family, one of them primary.
//! Also what a customer's records share (contacts, addresses, bank accounts, notes): the
//! customer must still be there, one-line text, and the one record that carries a flag.

use crate::customers::{display_phone, is_email, normalize_phone, required};
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{ContactId, CustomerId};
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A person to call at a customer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Contact {
    pub id: ContactId,
    pub customer_id: CustomerId,
    pub full_name: String,
    pub department: String,
    pub position_title: String,
    /// E.164 (`+84903123456`), or empty.
    pub phone: String,
    /// The phone as she reads it (`090 312 34 56`).
    pub phone_display: String,
    pub email: String,
    pub is_primary: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What the contact form sends. The first contact of a customer is primary whatever it says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactInput {
    pub full_name: String,
    pub department: String,
    pub position_title: String,
    pub phone: String,
    pub email: String,
    pub is_primary: bool,
}

impl Desk {
    /// A customer's contacts, the primary one first, then by name.
    pub fn contacts(&self, customer: &CustomerId) -> Result<Vec<Contact>> {
        list(self.conn(), customer)
    }

    pub fn add_contact(&mut self, customer: &CustomerId, input: ContactInput) -> Result<Contact> {
        self.transact("add_contact", |tx| add(tx, customer, input))
    }

    pub fn update_contact(&mut self, id: &ContactId, input: ContactInput) -> Result<Contact> {
        self.transact("update_contact", |tx| update(tx, id, input))
    }

    /// Makes this contact the primary one; the one that was primary no longer is.
    pub fn make_primary_contact(&mut self, id: &ContactId) -> Result<Contact> {
        self.transact("make_primary_contact", |tx| make_primary(tx, id))
    }

    pub fn remove_contact(&mut self, id: &ContactId) -> Result<()> {
        self.transact("remove_contact", |tx| remove(tx, id))
    }

    /// Undoes `remove_contact`. It comes back primary only if no other contact is by then.
    pub fn restore_contact(&mut self, id: &ContactId) -> Result<Contact> {
        self.transact("restore_contact", |tx| restore(tx, id))
    }
}

const PRIMARY: Flag = Flag {
    table: "contacts",
    column: "is_primary",
    entity: Entity::Contact,
};

const SELECT: &str = "SELECT x.id, x.customer_id, x.full_name, x.department, x.position_title,
        x.phone, x.email, x.is_primary, x.created_at, x.updated_at, x.deleted_at IS NOT NULL
    FROM contacts x JOIN customers c ON c.id = x.customer_id AND c.erased_at IS NULL";

fn row_to_contact(r: &Row) -> rusqlite::Result<(Contact, bool)> {
    let phone: String = r.get(5)?;
    Ok((
        Contact {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            full_name: r.get(2)?,
            department: r.get(3)?,
            position_title: r.get(4)?,
            phone_display: if phone.is_empty() {
                String::new()
            } else {
                display_phone(&phone)
            },
            phone,
            email: r.get(6)?,
            is_primary: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        },
        r.get(10)?,
    ))
}

pub(crate) fn list(conn: &Connection, customer: &CustomerId) -> Result<Vec<Contact>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE x.customer_id = ?1 AND x.deleted_at IS NULL"
    ))?;
    let mut contacts: Vec<Contact> = stmt
        .query_map([customer], row_to_contact)?
        .map(|r| r.map(|(c, _)| c))
        .collect::<rusqlite::Result<_>>()?;
    contacts.sort_by_cached_key(|c| {
        (
            !c.is_primary,
            crate::text::sort_key(&c.full_name),
            c.id.clone(),
        )
    });
    Ok(contacts)
}

/// A contact and whether it is deleted; a contact of an erased customer is not found.
fn find(conn: &Connection, id: &ContactId) -> Result<(Contact, bool)> {
    conn.prepare_cached(&format!("{SELECT} WHERE x.id = ?1"))?
        .query_row([id], row_to_contact)
        .optional()?
        .ok_or(Error::NotFound("contact"))
}

fn get(conn: &Connection, id: &ContactId) -> Result<Contact> {
    match find(conn, id)? {
        (c, false) => Ok(c),
        (_, true) => Err(Error::NotFound("contact")),
    }
}

fn validated(input: ContactInput) -> Result<ContactInput> {
    let phone = line_text("phone", &input.phone, 40)?;
    let phone = if phone.is_empty() {
        phone
    } else {
        normalize_phone(&phone)
            .ok_or_else(|| Error::invalid("phone", ErrorKind::InvalidPhone, phone))?
    };
    let email = line_text("email", &input.email, 254)?;
    if !email.is_empty() && !is_email(&email) {
        return Err(Error::invalid("email", ErrorKind::InvalidEmail, email));
    }
    Ok(ContactInput {
        full_name: required("full_name", &input.full_name, 200)?,
        department: line_text("department", &input.department, 200)?,
        position_title: line_text("position_title", &input.position_title, 200)?,
        phone,
        email,
        is_primary: input.is_primary,
    })
}

/// The fields the history records.
fn loggable(c: &Contact) -> ContactInput {
    ContactInput {
        full_name: c.full_name.clone(),
        department: c.department.clone(),
        position_title: c.position_title.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        is_primary: c.is_primary,
    }
}

pub(crate) fn add(tx: &Tx, customer: &CustomerId, input: ContactInput) -> Result<Contact> {
    crate::customers::ensure_customer(tx, customer)?;
    let mut input = validated(input)?;
    let id = ContactId::new();
    input.is_primary = PRIMARY.take(tx, customer, id.as_str(), input.is_primary)?;
    tx.execute(
        "INSERT INTO contacts (id, customer_id, full_name, department, position_title, phone, email,
            is_primary, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        rusqlite::params![
            id,
            customer,
            input.full_name,
            input.department,
            input.position_title,
            input.phone,
            input.email,
            input.is_primary,
            tx.now()
        ],
    )?;
    tx.log(
        Entity::Contact,
        id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&input)?),
    );
    get(tx, &id)
}

fn update(tx: &Tx, id: &ContactId, input: ContactInput) -> Result<Contact> {
    let before = get(tx, id)?;
    let mut input = validated(input)?;
    input.is_primary = if input.is_primary && !before.is_primary {
        PRIMARY.take(tx, &before.customer_id, id.as_str(), true)?
    } else {
        input.is_primary
    };
    let changes = diff(
        &serde_json::to_value(loggable(&before))?,
        &serde_json::to_value(&input)?,
    );
    if changes.is_empty() {
        return Ok(before);
    }
    tx.execute(
        "UPDATE contacts SET full_name = ?2, department = ?3, position_title = ?4, phone = ?5,
            email = ?6, is_primary = ?7, updated_at = ?8
         WHERE id = ?1",
        rusqlite::params![
            id,
            input.full_name,
            input.department,
            input.position_title,
            input.phone,
            input.email,
            input.is_primary,
            tx.now()
        ],
    )?;
    tx.log(
        Entity::Contact,
        id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        changes,
    );
    get(tx, id)
}

fn make_primary(tx: &Tx, id: &ContactId) -> Result<Contact> {
    let before = get(tx, id)?;
    let input = ContactInput {
        is_primary: true,
        ..loggable(&before)
    };
    update(tx, id, input)
}

fn remove(tx: &Tx, id: &ContactId) -> Result<()> {
    let c = get(tx, id)?;
    crate::customers::set_record_deleted(
        tx,
        "contacts",
        Entity::Contact,
        id.as_str(),
        &c.customer_id,
        true,
    )
}

fn restore(tx: &Tx, id: &ContactId) -> Result<Contact> {
    let (c, deleted) = find(tx, id)?;
    if deleted {
        PRIMARY.restore(tx, &c.customer_id, id.as_str(), c.is_primary)?;
    }
    get(tx, id)
}

// What a customer's records share.

/// A one-line text that may be empty: cleaned, at most `max_chars`, no control characters.
pub(crate) fn line_text(field: &str, v: &str, max_chars: usize) -> Result<String> {
    let v = crate::text::clean(v);
    if v.chars().count() > max_chars {
        return Err(Error::invalid(
            field,
            ErrorKind::TooLong,
            max_chars.to_string(),
        ));
    }
    if v.chars().any(char::is_control) {
        return Err(Error::invalid(field, ErrorKind::InvalidFormat, ""));
    }
    Ok(v)
}

/// The flag at most one of a customer's live records carries (the primary contact, the default
/// address, the default bank account); a unique partial index holds every write to it.
pub(crate) struct Flag {
    pub table: &'static str,
    pub column: &'static str,
    pub entity: Entity,
}

impl Flag {
    /// The customer's live record that carries the flag, other than `except`.
    fn holder(
        &self,
        conn: &Connection,
        customer: &CustomerId,
        except: &str,
    ) -> Result<Option<String>> {
        let sql = format!(
            "SELECT id FROM {} WHERE customer_id = ?1 AND {} = 1 AND deleted_at IS NULL AND id <> ?2",
            self.table, self.column
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params![customer, except], |r| r.get(0))
            .optional()?)
    }

    /// Whether record `id`, about to be written, carries the flag: when `wanted`, taken from the
    /// record that has it (logged as that record's change); and always when no record has it,
    /// so that a customer's first record carries it.
    pub(crate) fn take(
        &self,
        tx: &Tx,
        customer: &CustomerId,
        id: &str,
        wanted: bool,
    ) -> Result<bool> {
        match self.holder(tx, customer, id)? {
            None => Ok(true),
            Some(_) if !wanted => Ok(false),
            Some(other) => {
                tx.execute(
                    &format!(
                        "UPDATE {} SET {} = 0, updated_at = ?2 WHERE id = ?1",
                        self.table, self.column
                    ),
                    rusqlite::params![other, tx.now()],
                )?;
                let mut changes = serde_json::Map::new();
                changes.insert(self.column.into(), serde_json::json!([true, false]));
                tx.log(
                    self.entity,
                    &other,
                    Some(customer.as_str()),
                    ChangeOp::Update,
                    changes,
                );
                Ok(true)
            }
        }
    }

    /// Brings deleted record `id` back; it keeps the flag only if no other record took it
    /// meanwhile (the newer choice stands).
    pub(crate) fn restore(
        &self,
        tx: &Tx,
        customer: &CustomerId,
        id: &str,
        had: bool,
    ) -> Result<()> {
        let keeps = had && self.holder(tx, customer, id)?.is_none();
        tx.execute(
            &format!(
                "UPDATE {} SET deleted_at = NULL, {} = ?2, updated_at = ?3 WHERE id = ?1",
                self.table, self.column
            ),
            rusqlite::params![id, keeps, tx.now()],
        )?;
        let mut changes = serde_json::Map::new();
        if had != keeps {
            changes.insert(self.column.into(), serde_json::json!([had, keeps]));
        }
        tx.log(
            self.entity,
            id,
            Some(customer.as_str()),
            ChangeOp::Restore,
            changes,
        );
        Ok(())
    }
}

/// Demo contacts: two or three people at a company or an agency, often one of the family of a
/// person.
pub(crate) fn demo(tx: &mut Tx, c: &crate::demo::DemoCustomer) -> Result<()> {
    use crate::demo::{mailbox, mobile, pick, surname, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M};
    let mut rng = c.rng(1);
    let person = |rng: &mut fastrand::Rng, family: &str| {
        let female = rng.bool();
        let (middles, givens) = if female {
            (MIDDLE_F, GIVEN_F)
        } else {
            (MIDDLE_M, GIVEN_M)
        };
        let given = pick(rng, givens);
        // "Trần Đức Đức" is no one's name.
        let middle = match pick(rng, middles) {
            same if same == given => middles[0],
            other => other,
        };
        (
            format!("{family} {middle} {given}"),
            given.to_owned(),
            female,
        )
    };
    if c.company {
        let company: String =
            tx.query_row("SELECT company FROM customers WHERE id = ?1", [c.id], |r| {
                r.get(0)
            })?;
        let words: Vec<String> = crate::text::fold(&company)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let domain = format!("{}.com.vn", words[words.len().saturating_sub(2)..].concat());
        const ROLES: &[(&str, &str)] = &[
            ("Phòng Nhân sự", "Trưởng phòng Nhân sự"),
            ("Phòng Hành chính", "Chuyên viên hành chính"),
            ("Phòng Kế toán", "Kế toán trưởng"),
            ("Ban Giám đốc", "Trợ lý Giám đốc"),
            ("Công đoàn", "Chủ tịch Công đoàn"),
            ("Phòng Kinh doanh", "Trưởng nhóm kinh doanh"),
        ];
        let n = rng.usize(2..4);
        let first = rng.usize(0..ROLES.len());
        for k in 0..n {
            let family = surname(&mut rng);
            let (full_name, given, _) = person(&mut rng, family);
            let (department, title) = ROLES[(first + k) % ROLES.len()];
            add(
                tx,
                c.id,
                ContactInput {
                    full_name,
                    department: department.into(),
                    position_title: title.into(),
                    phone: mobile(&mut rng),
                    email: if words.is_empty() {
                        String::new()
                    } else {
                        format!("{}@{domain}", mailbox(&given, family, 0))
                    },
                    is_primary: false,
                },
            )?;
        }
    } else if rng.u32(0..100) < 45 {
        // A child or a sibling carries her family name; a spouse or a parent another one.
        let own = c.full_name.split_whitespace().next().unwrap_or_default();
        let vietnamese = crate::demo::SURNAMES.iter().any(|(s, _)| *s == own);
        let family = if vietnamese && rng.bool() {
            own
        } else {
            surname(&mut rng)
        };
        let (full_name, given, female) = person(&mut rng, family);
        let relation = match (family == own, female) {
            (true, true) => pick(&mut rng, &["Con gái", "Em gái", "Chị gái"]),
            (true, false) => pick(&mut rng, &["Con trai", "Em trai", "Anh trai"]),
            (false, true) => pick(&mut rng, &["Vợ", "Mẹ"]),
            (false, false) => pick(&mut rng, &["Chồng", "Bố"]),
        };
        add(
            tx,
            c.id,
            ContactInput {
                full_name,
                department: String::new(),
                position_title: relation.into(),
                phone: mobile(&mut rng),
                email: if rng.bool() {
                    format!("{}@gmail.com", mailbox(&given, family, rng.u32(0..99)))
                } else {
                    String::new()
                },
                is_primary: false,
            },
        )?;
    }
    Ok(())
}
