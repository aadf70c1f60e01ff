//! Notes: what she wants to remember about a customer, in her words; some pinned on top.

use crate::customers::ensure_customer;
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{CustomerId, NoteId};
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A note, kept exactly as she typed it (line breaks too); the UI shows it as text.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Note {
    pub id: NoteId,
    pub customer_id: CustomerId,
    pub body: String,
    pub pinned: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What the note form sends; pinning and unpinning are updates too.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NoteInput {
    pub body: String,
    pub pinned: bool,
}

/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 10_000;

impl Desk {
    /// A customer's notes: pinned ones first, then the newest first.
    pub fn notes(&self, customer: &CustomerId) -> Result<Vec<Note>> {
        list(self.conn(), customer)
    }

    pub fn add_note(&mut self, customer: &CustomerId, input: NoteInput) -> Result<Note> {
        self.transact("add_note", |tx| add(tx, customer, input))
    }

    pub fn update_note(&mut self, id: &NoteId, input: NoteInput) -> Result<Note> {
        self.transact("update_note", |tx| update(tx, id, input))
    }

    pub fn remove_note(&mut self, id: &NoteId) -> Result<()> {
        self.transact("remove_note", |tx| remove(tx, id))
    }

    /// Undoes `remove_note`.
    pub fn restore_note(&mut self, id: &NoteId) -> Result<Note> {
        self.transact("restore_note", |tx| restore(tx, id))
    }
}

const SELECT: &str = "SELECT x.id, x.customer_id, x.body, x.pinned, x.created_at, x.updated_at,
        x.deleted_at IS NOT NULL
    FROM notes x JOIN customers c ON c.id = x.customer_id AND c.erased_at IS NULL";

fn row_to_note(r: &Row) -> rusqlite::Result<(Note, bool)> {
    Ok((
        Note {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            body: r.get(2)?,
            pinned: r.get(3)?,
            created_at: r.get(4)?,
            updated_at: r.get(5)?,
        },
        r.get(6)?,
    ))
}

pub(crate) fn list(conn: &Connection, customer: &CustomerId) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE x.customer_id = ?1 AND x.deleted_at IS NULL
         ORDER BY x.pinned DESC, x.created_at DESC, x.id DESC"
    ))?;
    let rows = stmt.query_map([customer], row_to_note)?;
    Ok(rows
        .map(|r| r.map(|(n, _)| n))
        .collect::<rusqlite::Result<_>>()?)
}

/// A note and whether it is deleted; a note of an erased customer is not found.
fn find(conn: &Connection, id: &NoteId) -> Result<(Note, bool)> {
    conn.prepare_cached(&format!("{SELECT} WHERE x.id = ?1"))?
        .query_row([id], row_to_note)
        .optional()?
        .ok_or(Error::NotFound("note"))
}

fn get(conn: &Connection, id: &NoteId) -> Result<Note> {
    match find(conn, id)? {
        (n, false) => Ok(n),
        (_, true) => Err(Error::NotFound("note")),
    }
}

/// The body as typed: trimmed, NFC, line breaks as `\n`; any other control character refused.
fn body(v: &str) -> Result<String> {
    let v = crate::customers::fields::free_text("body", v, NOTE_MAX_CHARS)?;
    if v.is_empty() {
        return Err(Error::invalid("body", ErrorKind::Required, ""));
    }
    Ok(v)
}

fn validated(input: NoteInput) -> Result<NoteInput> {
    Ok(NoteInput {
        body: body(&input.body)?,
        pinned: input.pinned,
    })
}

pub(crate) fn add(tx: &Tx, customer: &CustomerId, input: NoteInput) -> Result<Note> {
    insert(tx, customer, input, &tx.now())
}

/// `add`, written as of `at` (the demo's notes were written over the past months).
fn insert(tx: &Tx, customer: &CustomerId, input: NoteInput, at: &str) -> Result<Note> {
    ensure_customer(tx, customer)?;
    let input = validated(input)?;
    let id = NoteId::new();
    tx.execute(
        "INSERT INTO notes (id, customer_id, body, pinned, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        rusqlite::params![id, customer, input.body, input.pinned, at],
    )?;
    tx.log(
        Entity::Note,
        id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&input)?),
    );
    get(tx, &id)
}

fn update(tx: &Tx, id: &NoteId, input: NoteInput) -> Result<Note> {
    let before = get(tx, id)?;
    let input = validated(input)?;
    let old = NoteInput {
        body: before.body.clone(),
        pinned: before.pinned,
    };
    let changes = diff(&serde_json::to_value(&old)?, &serde_json::to_value(&input)?);
    if changes.is_empty() {
        return Ok(before);
    }
    tx.execute(
        "UPDATE notes SET body = ?2, pinned = ?3, updated_at = ?4 WHERE id = ?1",
        rusqlite::params![id, input.body, input.pinned, tx.now()],
    )?;
    tx.log(
        Entity::Note,
        id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        changes,
    );
    get(tx, id)
}

fn remove(tx: &Tx, id: &NoteId) -> Result<()> {
    let n = get(tx, id)?;
    crate::customers::set_record_deleted(
        tx,
        "notes",
        Entity::Note,
        id.as_str(),
        &n.customer_id,
        true,
    )
}

fn restore(tx: &Tx, id: &NoteId) -> Result<Note> {
    let (n, deleted) = find(tx, id)?;
    if deleted {
        crate::customers::set_record_deleted(
            tx,
            "notes",
            Entity::Note,
            id.as_str(),
            &n.customer_id,
            false,
        )?;
    }
    get(tx, id)
}

#[rustfmt::skip]
const DEMO_NOTES: &[&str] = &[
    "Khách ăn chay, cần báo trước cho nhà hàng và hãng bay.",
    "Thích phòng tầng cao, view biển.",
    "Hộ chiếu hết hạn 03/2027, nhắc gia hạn trước khi đặt tour nước ngoài.",
    "Đi cùng mẹ lớn tuổi, cần xe lăn ở sân bay.",
    "Dị ứng hải sản (tôm, cua). Nhắc hướng dẫn viên.",
    "Chỉ liên lạc qua Zalo sau 18h, giờ hành chính bận họp.",
    "Muốn xuất hoá đơn VAT theo tên công ty, gửi về email kế toán.",
    "Đã hỏi tour Nhật Bản mùa hoa anh đào tháng 4, gửi báo giá trước 15/01.",
    "Thanh toán chậm lần trước, yêu cầu đặt cọc 50%.",
    "Khách quen, giới thiệu nhiều bạn bè. Tặng voucher 500.000đ cho lần đặt tới.",
    "Con nhỏ 4 tuổi, cần ghế trẻ em trên xe đưa đón.",
    "Say xe, xếp ghế đầu xe.",
    "Không ăn được cay.\nƯu tiên khách sạn có hồ bơi.",
    "Visa Schengen đã bị từ chối năm 2023, chuẩn bị hồ sơ kỹ hơn (sao kê 6 tháng, xác nhận công việc).",
    "Sinh nhật vợ ngày 20/10, muốn đặt bữa tối bất ngờ trong tour.",
    "Hay đổi lịch vào phút chót, luôn chọn vé có thể hoàn.",
];

/// Demo notes: about half the customers have one to three, written over the past months;
/// some pinned.
pub(crate) fn demo(tx: &mut Tx, c: &crate::demo::DemoCustomer) -> Result<()> {
    let mut rng = c.rng(4);
    if rng.bool() {
        return Ok(());
    }
    let n = rng.usize(1..4);
    let first = rng.usize(0..DEMO_NOTES.len());
    for k in 0..n {
        let day = c.today - chrono::Duration::days(rng.i64(0..400));
        let at = format!(
            "{}T{:02}:{:02}:{:02}.000Z",
            crate::customers::iso_day(day),
            rng.u32(1..11),
            rng.u32(0..60),
            rng.u32(0..60)
        );
        insert(
            tx,
            c.id,
            NoteInput {
                body: DEMO_NOTES[(first + k * 5) % DEMO_NOTES.len()].into(),
                pinned: rng.u32(0..5) == 0,
            },
            &at,
        )?;
    }
    Ok(())
}
