//! Typed record ids: UUIDv7 text, so that a staff id can never be passed where a customer id is
//! meant, and every reference survives a merge with another device's file.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
        #[ts(type = "string")]
        pub struct $name(pub String);

        impl $name {
            /// A fresh id, ordered by creation time.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Self)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                String::column_result(value).map(Self)
            }
        }
    };
}

typed_id!(
    /// A customer.
    CustomerId
);
typed_id!(
    /// A member of the agency's staff.
    StaffId
);
typed_id!(
    /// A customer level (Lead, Potential, VIP, ...).
    LevelId
);
typed_id!(
    /// A custom field defined in Settings.
    CustomFieldId
);
typed_id!(
    /// A person to call at a customer.
    ContactId
);
typed_id!(
    /// One of a customer's addresses.
    AddressId
);
typed_id!(
    /// One of a customer's bank accounts.
    BankAccountId
);
typed_id!(
    /// A note about a customer.
    NoteId
);
typed_id!(
    /// A way of caring for a customer (call, email, meet, ...).
    CareMethodId
);
typed_id!(
    /// A follow-up: one step of caring for a customer.
    FollowUpId
);
typed_id!(
    /// A kind of task (visa, ticketing, ...).
    TaskTypeId
);
typed_id!(
    /// Internal work about a customer.
    TaskId
);
typed_id!(
    /// A stored file of a customer.
    FileId
);
typed_id!(
    /// A file attached to a task.
    TaskFileId
);
typed_id!(
    /// One of the agency's own bank accounts (where a transfer lands).
    AgencyAccountId
);
typed_id!(
    /// A quote: a priced offer of a tour or a service.
    QuoteId
);
typed_id!(
    /// A line of a quote or a booking.
    LineId
);
typed_id!(
    /// A booking: a tour or a service she sold.
    BookingId
);
typed_id!(
    /// A payment received on a booking.
    PaymentId
);
typed_id!(
    /// Money a customer left with the agency as prepaid credit.
    TopUpId
);
