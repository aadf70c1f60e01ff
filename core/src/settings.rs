//! Settings: the agency profile, the UI language of this device, and custom customer fields.

use crate::customers::{is_email, required};
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::CustomFieldId;
use crate::text::clean;
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::countries::COUNTRIES;

/// The one agency row's fixed id.
const AGENCY_ID: &str = "0190a000-0000-7000-8000-0000000000a1";
/// The largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

/// The agency's profile, printed at the top of every customer sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Agency {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// ISO 4217.
    pub default_currency: String,
    /// `image/png`, `image/jpeg` or `image/webp`; empty when there is no logo.
    pub logo_mime: String,
}

/// What the agency form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AgencyInput {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub default_currency: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Vi,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CustomFieldKind {
    Text,
    Number,
    Date,
    Choice,
}

crate::customers::text_enum_sql!(CustomFieldKind { Text => "text", Number => "number", Date => "date", Choice => "choice" });

/// A field she added to every customer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CustomField {
    pub id: CustomFieldId,
    pub name: String,
    pub kind: CustomFieldKind,
    /// The allowed values of a choice field.
    pub choices: Vec<String>,
    pub position: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CustomFieldInput {
    pub name: String,
    pub kind: CustomFieldKind,
    #[serde(default)]
    pub choices: Vec<String>,
}

impl Desk {
    pub fn agency(&self) -> Result<Agency> {
        agency(self.conn())
    }

    pub fn update_agency(&mut self, input: AgencyInput) -> Result<Agency> {
        self.transact("update_agency", |tx| update_agency(tx, input))
    }

    /// Sets the logo from an image file's bytes (PNG, JPEG or WebP, up to 1 MB).
    pub fn set_agency_logo(&mut self, bytes: &[u8]) -> Result<Agency> {
        self.transact("set_agency_logo", |tx| set_logo(tx, Some(bytes)))
    }

    pub fn clear_agency_logo(&mut self) -> Result<Agency> {
        self.transact("clear_agency_logo", |tx| set_logo(tx, None))
    }

    /// The logo's type and bytes.
    pub fn agency_logo(&self) -> Result<Option<(String, Vec<u8>)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT logo_mime, logo FROM agency WHERE id = ?1 AND logo IS NOT NULL",
                [AGENCY_ID],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The UI language chosen on this device (Vietnamese until she picks another).
    pub fn language(&self) -> Result<Language> {
        Ok(match crate::meta_get(self.conn(), "language")?.as_deref() {
            Some("en") => Language::En,
            _ => Language::Vi,
        })
    }

    pub fn set_language(&mut self, language: Language) -> Result<()> {
        self.ensure_sound()?;
        let code = match language {
            Language::Vi => "vi",
            Language::En => "en",
        };
        crate::meta_set(self.conn(), "language", code)
    }

    pub fn custom_fields(&self) -> Result<Vec<CustomField>> {
        custom_fields_in(self.conn())
    }

    pub fn add_custom_field(&mut self, input: CustomFieldInput) -> Result<CustomField> {
        self.transact("add_custom_field", |tx| add_custom_field(tx, input))
    }

    pub fn update_custom_field(
        &mut self,
        id: &CustomFieldId,
        input: CustomFieldInput,
    ) -> Result<CustomField> {
        self.transact("update_custom_field", |tx| {
            update_custom_field(tx, id, input)
        })
    }

    /// Removes a field from the forms; values already typed stay in the records.
    pub fn remove_custom_field(&mut self, id: &CustomFieldId) -> Result<()> {
        self.transact("remove_custom_field", |tx| remove_custom_field(tx, id))
    }
}

pub(crate) fn agency(conn: &Connection) -> Result<Agency> {
    Ok(conn.query_row(
        "SELECT name, address, phone, email, default_currency, logo_mime FROM agency WHERE id = ?1",
        [AGENCY_ID],
        |r| {
            Ok(Agency {
                name: r.get(0)?,
                address: r.get(1)?,
                phone: r.get(2)?,
                email: r.get(3)?,
                default_currency: r.get(4)?,
                logo_mime: r.get(5)?,
            })
        },
    )?)
}

pub(crate) fn update_agency(tx: &mut Tx, input: AgencyInput) -> Result<Agency> {
    let before = agency(tx)?;
    let field = |name: &str, v: &str, max: usize| -> Result<String> {
        let v = clean(v);
        if v.chars().count() > max {
            return Err(Error::invalid(name, ErrorKind::TooLong, max.to_string()));
        }
        Ok(v)
    };
    let email = field("email", &input.email, 254)?;
    if !email.is_empty() && !is_email(&email) {
        return Err(Error::invalid("email", ErrorKind::InvalidEmail, email));
    }
    let currency = clean(&input.default_currency).to_ascii_uppercase();
    if crate::currency::minor_units(&currency).is_none() {
        return Err(Error::invalid(
            "default_currency",
            ErrorKind::InvalidCurrency,
            currency,
        ));
    }
    let after = Agency {
        name: field("name", &input.name, 200)?,
        address: field("address", &input.address, 500)?,
        phone: field("phone", &input.phone, 50)?,
        email,
        default_currency: currency,
        logo_mime: before.logo_mime.clone(),
    };
    tx.execute(
        "UPDATE agency SET name = ?2, address = ?3, phone = ?4, email = ?5, default_currency = ?6, updated_at = ?7
         WHERE id = ?1",
        rusqlite::params![AGENCY_ID, after.name, after.address, after.phone, after.email, after.default_currency, tx.now()],
    )?;
    let changes = diff(
        &serde_json::to_value(&before)?,
        &serde_json::to_value(&after)?,
    );
    tx.log(Entity::Agency, AGENCY_ID, None, ChangeOp::Update, changes);
    Ok(after)
}

/// PNG, JPEG or WebP by their first bytes; anything else (an SVG with a script in it, say) is
/// refused.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn set_logo(tx: &mut Tx, bytes: Option<&[u8]>) -> Result<Agency> {
    let before = agency(tx)?;
    let mime = match bytes {
        Some(b) if b.len() > MAX_LOGO_BYTES => {
            return Err(Error::invalid(
                "logo",
                ErrorKind::ImageTooLarge,
                (MAX_LOGO_BYTES / 1024).to_string(),
            ))
        }
        Some(b) => {
            image_type(b).ok_or_else(|| Error::invalid("logo", ErrorKind::InvalidImage, ""))?
        }
        None => "",
    };
    tx.execute(
        "UPDATE agency SET logo = ?2, logo_mime = ?3, updated_at = ?4 WHERE id = ?1",
        rusqlite::params![AGENCY_ID, bytes, mime, tx.now()],
    )?;
    // The history names the change, not the image's bytes.
    let size = |b: Option<&[u8]>| b.map(|b| format!("{} KB", b.len().div_ceil(1024)));
    let mut changes = serde_json::Map::new();
    changes.insert(
        "logo".into(),
        serde_json::json!([
            if before.logo_mime.is_empty() {
                None
            } else {
                Some(before.logo_mime.clone())
            },
            size(bytes)
        ]),
    );
    tx.log(Entity::Agency, AGENCY_ID, None, ChangeOp::Update, changes);
    agency(tx)
}

fn row_to_field(r: &Row) -> rusqlite::Result<CustomField> {
    let choices: String = r.get(3)?;
    Ok(CustomField {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        choices: serde_json::from_str(&choices).unwrap_or_default(),
        position: r.get(4)?,
    })
}

pub(crate) fn custom_fields_in(conn: &Connection) -> Result<Vec<CustomField>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, choices, position FROM custom_fields WHERE deleted_at IS NULL ORDER BY position, created_at",
    )?;
    let rows = stmt.query_map([], row_to_field)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn custom_field(conn: &Connection, id: &str) -> Result<Option<CustomField>> {
    Ok(conn
        .prepare_cached("SELECT id, name, kind, choices, position FROM custom_fields WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], row_to_field)
        .optional()?)
}

fn validated_field(input: CustomFieldInput) -> Result<CustomFieldInput> {
    let name = required("name", &input.name, 60)?;
    let mut choices: Vec<String> = Vec::new();
    for choice in input
        .choices
        .iter()
        .map(|c| clean(c))
        .filter(|c| !c.is_empty())
    {
        if choice.chars().count() > 100 {
            return Err(Error::invalid("choices", ErrorKind::TooLong, "100"));
        }
        if !choices.contains(&choice) {
            choices.push(choice);
        }
    }
    if input.kind == CustomFieldKind::Choice && choices.is_empty() {
        return Err(Error::invalid("choices", ErrorKind::Required, ""));
    }
    if input.kind != CustomFieldKind::Choice {
        choices.clear();
    }
    Ok(CustomFieldInput {
        name,
        kind: input.kind,
        choices,
    })
}

pub(crate) fn add_custom_field(tx: &mut Tx, input: CustomFieldInput) -> Result<CustomField> {
    let input = validated_field(input)?;
    let id = CustomFieldId::new();
    let position: i64 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 10 FROM custom_fields",
        [],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO custom_fields (id, name, kind, choices, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        rusqlite::params![
            id,
            input.name,
            input.kind,
            serde_json::to_string(&input.choices)?,
            position,
            tx.now()
        ],
    )?;
    tx.log(
        Entity::CustomField,
        id.as_str(),
        None,
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&input)?),
    );
    custom_field(tx, id.as_str())?.ok_or(Error::NotFound("custom field"))
}

fn update_custom_field(
    tx: &mut Tx,
    id: &CustomFieldId,
    input: CustomFieldInput,
) -> Result<CustomField> {
    let before = custom_field(tx, id.as_str())?.ok_or(Error::NotFound("custom field"))?;
    let input = validated_field(input)?;
    if input.kind != before.kind {
        let used: u32 = tx.query_row(
            "SELECT count(*) FROM customers WHERE erased_at IS NULL AND custom ->> ?1 IS NOT NULL",
            [format!("$.\"{}\"", id.as_str())],
            |r| r.get(0),
        )?;
        if used > 0 {
            return Err(Error::InUse {
                what: "custom field",
                count: u64::from(used),
            });
        }
    }
    tx.execute(
        "UPDATE custom_fields SET name = ?2, kind = ?3, choices = ?4, updated_at = ?5 WHERE id = ?1",
        rusqlite::params![id, input.name, input.kind, serde_json::to_string(&input.choices)?, tx.now()],
    )?;
    let old = CustomFieldInput {
        name: before.name,
        kind: before.kind,
        choices: before.choices,
    };
    let changes = diff(&serde_json::to_value(&old)?, &serde_json::to_value(&input)?);
    tx.log(
        Entity::CustomField,
        id.as_str(),
        None,
        ChangeOp::Update,
        changes,
    );
    custom_field(tx, id.as_str())?.ok_or(Error::NotFound("custom field"))
}

fn remove_custom_field(tx: &mut Tx, id: &CustomFieldId) -> Result<()> {
    custom_field(tx, id.as_str())?.ok_or(Error::NotFound("custom field"))?;
    tx.execute(
        "UPDATE custom_fields SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        rusqlite::params![id, tx.now()],
    )?;
    tx.log(
        Entity::CustomField,
        id.as_str(),
        None,
        ChangeOp::Archive,
        Default::default(),
    );
    Ok(())
}
