//! Quotes: a priced offer of a tour or a service, with its lines, valid until a day; an
//! accepted quote becomes a booking in one action.

use crate::ids::QuoteId;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A quote named by its code (on the booking made from it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteRef {
    pub id: QuoteId,
    pub code: String,
}
