//! Tasks: internal work about a customer (a visa to file, tickets to issue), who does it and
//! by when, with the customer's files attached.

use crate::customers::fields::date;
use crate::customers::{iso_day, required, CustomerRef};
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{CustomerId, FileId, StaffId, TaskFileId, TaskId, TaskTypeId};
use crate::lists::{self, ListEntry, ListKind};
use crate::Desk;
use chrono::{Duration, NaiveDate};
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How urgent a task is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskPriority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    #[default]
    Todo,
    InProgress,
    Done,
    Cancelled,
}

crate::customers::text_enum_sql!(TaskPriority { Low => "low", Normal => "normal", High => "high", Urgent => "urgent" });
crate::customers::text_enum_sql!(TaskStatus { Todo => "todo", InProgress => "in_progress", Done => "done", Cancelled => "cancelled" });

/// A task as the list and the dialog show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Task {
    pub id: TaskId,
    pub customer_id: CustomerId,
    pub name: String,
    pub starts_on: Option<NaiveDate>,
    pub finishes_on: Option<NaiveDate>,
    /// Who operates it.
    pub staff_id: Option<StaffId>,
    pub type_id: Option<TaskTypeId>,
    /// Its type, named even when the type has since been removed from the choices.
    pub task_type: Option<ListEntry>,
    pub priority: TaskPriority,
    pub status: TaskStatus,
    pub description: String,
    /// The day it was marked done.
    pub done_on: Option<NaiveDate>,
    pub files: Vec<TaskFile>,
    pub created_at: String,
    pub updated_at: String,
}

/// A file of the customer attached to a task.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskFile {
    pub id: TaskFileId,
    pub file_id: FileId,
    pub name: String,
    pub category: String,
    /// Bytes.
    #[ts(type = "number")]
    pub size: i64,
}

/// A file of the customer that can be attached to her tasks.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AttachableFile {
    pub file_id: FileId,
    pub name: String,
    pub category: String,
    /// Bytes.
    #[ts(type = "number")]
    pub size: i64,
}

/// What the task dialog sends: dates as typed (`dd/mm/yyyy` or ISO), everything but the name
/// optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TaskInput {
    pub name: String,
    pub starts_on: String,
    pub finishes_on: String,
    pub staff_id: Option<StaffId>,
    pub type_id: Option<TaskTypeId>,
    pub priority: TaskPriority,
    pub status: TaskStatus,
    pub description: String,
}

/// One page of a customer's tasks.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TaskPage {
    pub items: Vec<Task>,
    /// All her current tasks, and how many of them are still open.
    pub total: u32,
    pub open: u32,
}

/// A task beside the customer it is about (the dashboard's lists).
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerTask {
    pub task: Task,
    pub customer: CustomerRef,
}

impl Desk {
    /// A customer's tasks: open ones first by finish date, then the done and cancelled ones,
    /// latest first.
    pub fn tasks(&self, customer: &CustomerId, offset: u32, limit: u32) -> Result<TaskPage> {
        page(self.conn(), customer, offset, limit)
    }

    /// The customer's current files, the ones a task can have attached.
    pub fn attachable_files(&self, customer: &CustomerId) -> Result<Vec<AttachableFile>> {
        attachable(self.conn(), customer)
    }

    pub fn add_task(
        &mut self,
        customer: &CustomerId,
        input: TaskInput,
        today: NaiveDate,
    ) -> Result<Task> {
        self.transact("add_task", |tx| add(tx, customer, input, today))
    }

    pub fn update_task(&mut self, id: &TaskId, input: TaskInput, today: NaiveDate) -> Result<Task> {
        self.transact("update_task", |tx| update(tx, id, input, today))
    }

    /// What the task dialog saves, all or nothing: adds a task to `customer` (`id` None) or
    /// changes task `id` of hers, and leaves exactly `files` (her files) attached to it.
    pub fn save_task(
        &mut self,
        customer: &CustomerId,
        id: Option<&TaskId>,
        input: TaskInput,
        files: &[FileId],
        today: NaiveDate,
    ) -> Result<Task> {
        self.transact("save_task", |tx| {
            save(tx, customer, id, input, files, today)
        })
    }

    /// Sets where a task stands. Marking it done records `done_on` as its done day, `today`
    /// when none is given (the Undo of a reopening gives back the day it was done).
    pub fn set_task_status(
        &mut self,
        id: &TaskId,
        status: TaskStatus,
        done_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Task> {
        self.transact("set_task_status", |tx| {
            set_status(tx, id, status, done_on, today)
        })
    }

    pub fn remove_task(&mut self, id: &TaskId) -> Result<()> {
        self.transact("remove_task", |tx| set_removed(tx, id, true).map(|_| ()))
    }

    /// Brings a removed task back, with its attachments (the Undo of a removal).
    pub fn restore_task(&mut self, id: &TaskId) -> Result<Task> {
        self.transact("restore_task", |tx| set_removed(tx, id, false))
    }

    /// Attaches one of the customer's files to a task (once; attaching it again changes
    /// nothing).
    pub fn attach_file(&mut self, task: &TaskId, file: &FileId) -> Result<Task> {
        self.transact("attach_file", |tx| attach(tx, task, file))
    }

    pub fn detach_file(&mut self, task: &TaskId, file: &FileId) -> Result<Task> {
        self.transact("detach_file", |tx| detach(tx, task, file))
    }
}

// Reading

/// A task's columns, for `row_to_task`: `t` is the task, `ty` its type (joined on the left).
pub(crate) const COLUMNS: &str = "t.id, t.customer_id, t.name, t.starts_on, t.finishes_on,
    t.staff_id, t.type_id, ty.key, ty.name, ty.position, t.priority, t.status, t.description,
    t.done_on, t.created_at, t.updated_at";
/// How many columns `COLUMNS` has: what a query selects after them starts here.
pub(crate) const COLUMN_COUNT: usize = 16;
/// The tables `COLUMNS` reads.
pub(crate) const FROM: &str = "tasks t LEFT JOIN task_types ty ON ty.id = t.type_id";

/// A task from `COLUMNS` (its files are read after).
pub(crate) fn row_to_task(r: &Row) -> rusqlite::Result<Task> {
    let type_id: Option<TaskTypeId> = r.get(6)?;
    let task_type = match (&type_id, r.get::<_, Option<String>>(7)?) {
        (Some(id), Some(key)) => Some(ListEntry {
            id: id.0.clone(),
            key,
            name: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            position: r.get::<_, Option<i64>>(9)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Task {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        name: r.get(2)?,
        starts_on: crate::customers::day(r, 3)?,
        finishes_on: crate::customers::day(r, 4)?,
        staff_id: r.get(5)?,
        type_id,
        task_type,
        priority: r.get(10)?,
        status: r.get(11)?,
        description: r.get(12)?,
        done_on: crate::customers::day(r, 13)?,
        files: Vec::new(),
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
    })
}

/// Fills in the attachments of tasks read by `row_to_task`.
pub(crate) fn with_files(conn: &Connection, mut tasks: Vec<Task>) -> Result<Vec<Task>> {
    let mut stmt = conn.prepare_cached(
        "SELECT tf.id, f.id, f.name, f.category, f.size FROM task_files tf
         JOIN files f ON f.id = tf.file_id AND f.deleted_at IS NULL
         WHERE tf.task_id = ?1 AND tf.deleted_at IS NULL ORDER BY f.name COLLATE NOCASE",
    )?;
    for task in &mut tasks {
        let rows = stmt.query_map([&task.id], |r| {
            Ok(TaskFile {
                id: r.get(0)?,
                file_id: r.get(1)?,
                name: r.get(2)?,
                category: r.get(3)?,
                size: r.get(4)?,
            })
        })?;
        task.files = rows.collect::<rusqlite::Result<_>>()?;
    }
    Ok(tasks)
}

fn attachable(conn: &Connection, customer: &CustomerId) -> Result<Vec<AttachableFile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, category, size FROM files
         WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, created_at",
    )?;
    let rows = stmt.query_map([customer], |r| {
        Ok(AttachableFile {
            file_id: r.get(0)?,
            name: r.get(1)?,
            category: r.get(2)?,
            size: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get_any(conn: &Connection, id: &TaskId) -> Result<Task> {
    let task = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE t.id = ?1"))?
        .query_row([id], row_to_task)
        .optional()?
        .ok_or(Error::NotFound("task"))?;
    Ok(with_files(conn, vec![task])?.remove(0))
}

fn get(conn: &Connection, id: &TaskId) -> Result<Task> {
    let removed: Option<bool> = conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM tasks WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    match removed {
        Some(false) => get_any(conn, id),
        _ => Err(Error::NotFound("task")),
    }
}

fn page(conn: &Connection, customer: &CustomerId, offset: u32, limit: u32) -> Result<TaskPage> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE t.customer_id = :customer AND t.deleted_at IS NULL
         ORDER BY t.status IN ('done', 'cancelled'),
            CASE WHEN t.status IN ('done', 'cancelled') THEN NULL ELSE t.finishes_on IS NULL END,
            CASE WHEN t.status IN ('done', 'cancelled') THEN NULL ELSE t.finishes_on END,
            coalesce(t.done_on, t.finishes_on, substr(t.updated_at, 1, 10)) DESC,
            t.created_at
         LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(
        named_params! { ":customer": customer, ":limit": limit.min(500), ":offset": offset },
        row_to_task,
    )?;
    let rows = with_files(conn, rows.collect::<rusqlite::Result<_>>()?)?;
    let (total, open) = conn.query_row(
        "SELECT count(*), coalesce(sum(status IN ('todo', 'in_progress')), 0) FROM tasks
         WHERE customer_id = ?1 AND deleted_at IS NULL",
        [customer],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(TaskPage {
        items: rows,
        total,
        open,
    })
}

// Writing

/// The task's fields as the history records them.
fn loggable(t: &Task) -> serde_json::Value {
    serde_json::json!({
        "name": t.name,
        "starts_on": t.starts_on.map(iso_day),
        "finishes_on": t.finishes_on.map(iso_day),
        "staff_id": t.staff_id,
        "type_id": t.type_id,
        "priority": t.priority.as_str(),
        "status": t.status.as_str(),
        "description": t.description,
        "done_on": t.done_on.map(iso_day),
    })
}

/// The input checked against the task it replaces (`before`): a staff member or a type that
/// has since been removed may stay where it was, but not be chosen anew.
fn validated(
    conn: &Connection,
    input: TaskInput,
    before: Option<&Task>,
    today: NaiveDate,
) -> Result<Task> {
    let name = required("name", &input.name, 200)?;
    let starts_on = date("starts_on", &input.starts_on)?;
    let finishes_on = date("finishes_on", &input.finishes_on)?;
    if let (Some(start), Some(finish)) = (starts_on, finishes_on) {
        if finish < start {
            return Err(Error::invalid(
                "finishes_on",
                ErrorKind::EndBeforeStart,
                input.finishes_on.trim(),
            ));
        }
    }
    if let Some(staff) = &input.staff_id {
        let kept = before.is_some_and(|b| b.staff_id.as_ref() == Some(staff));
        if !kept && !crate::staff::exists(conn, staff)? {
            return Err(Error::invalid(
                "staff_id",
                ErrorKind::UnknownStaff,
                staff.as_str(),
            ));
        }
    }
    if let Some(kind) = &input.type_id {
        let kept = before.is_some_and(|b| b.type_id.as_ref() == Some(kind));
        if !kept && !lists::exists(conn, ListKind::TaskTypes, kind.as_str())? {
            return Err(Error::invalid(
                "type_id",
                ErrorKind::InvalidChoice,
                kind.as_str(),
            ));
        }
    }
    let description = crate::customers::fields::free_text("description", &input.description, 5000)?;
    let done_on = match (input.status, before) {
        (TaskStatus::Done, Some(b)) if b.status == TaskStatus::Done => b.done_on.or(Some(today)),
        (TaskStatus::Done, _) => Some(today),
        _ => None,
    };
    Ok(Task {
        id: before.map(|b| b.id.clone()).unwrap_or_default(),
        customer_id: before.map(|b| b.customer_id.clone()).unwrap_or_default(),
        name,
        starts_on,
        finishes_on,
        staff_id: input.staff_id,
        type_id: input.type_id,
        task_type: None,
        priority: input.priority,
        status: input.status,
        description,
        done_on,
        files: Vec::new(),
        created_at: String::new(),
        updated_at: String::new(),
    })
}

fn write(tx: &Tx, t: &Task, insert: bool) -> Result<()> {
    let params = named_params! {
        ":id": t.id,
        ":customer": t.customer_id,
        ":name": t.name,
        ":starts": t.starts_on.map(iso_day),
        ":finishes": t.finishes_on.map(iso_day),
        ":staff": t.staff_id,
        ":type": t.type_id,
        ":priority": t.priority,
        ":status": t.status,
        ":description": t.description,
        ":done": t.done_on.map(iso_day),
        ":now": tx.now(),
    };
    if insert {
        tx.prepare_cached(
            "INSERT INTO tasks (id, customer_id, name, starts_on, finishes_on, staff_id, type_id,
                priority, status, description, done_on, created_at, updated_at)
             VALUES (:id, :customer, :name, :starts, :finishes, :staff, :type, :priority, :status,
                :description, :done, :now, :now)",
        )?
        .execute(params)?;
    } else {
        tx.prepare_cached(
            "UPDATE tasks SET name = :name, starts_on = :starts, finishes_on = :finishes,
                staff_id = :staff, type_id = :type, priority = :priority, status = :status,
                description = :description, done_on = :done, updated_at = :now
             WHERE id = :id AND customer_id = :customer",
        )?
        .execute(params)?;
    }
    Ok(())
}

fn add(tx: &Tx, customer: &CustomerId, input: TaskInput, today: NaiveDate) -> Result<Task> {
    crate::customers::ensure_customer(tx, customer)?;
    let mut task = validated(tx, input, None, today)?;
    task.id = TaskId::new();
    task.customer_id = customer.clone();
    write(tx, &task, true)?;
    tx.log(
        Entity::Task,
        task.id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Insert,
        inserted(&loggable(&task)),
    );
    get(tx, &task.id)
}

fn update(tx: &Tx, id: &TaskId, input: TaskInput, today: NaiveDate) -> Result<Task> {
    let before = get(tx, id)?;
    crate::customers::ensure_customer(tx, &before.customer_id)?;
    let after = validated(tx, input, Some(&before), today)?;
    write(tx, &after, false)?;
    tx.log(
        Entity::Task,
        id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        diff(&loggable(&before), &loggable(&after)),
    );
    get(tx, id)
}

fn set_status(
    tx: &Tx,
    id: &TaskId,
    status: TaskStatus,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Task> {
    let before = get(tx, id)?;
    crate::customers::ensure_customer(tx, &before.customer_id)?;
    let mut after = before.clone();
    after.status = status;
    after.done_on = match (status, before.status) {
        (TaskStatus::Done, _) if done_on.is_some() => done_on,
        // Done already: the day it was done stays.
        (TaskStatus::Done, TaskStatus::Done) => before.done_on.or(Some(today)),
        (TaskStatus::Done, _) => Some(today),
        _ => None,
    };
    if after.status == before.status && after.done_on == before.done_on {
        return Ok(before);
    }
    write(tx, &after, false)?;
    tx.log(
        Entity::Task,
        id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        diff(&loggable(&before), &loggable(&after)),
    );
    get(tx, id)
}

fn save(
    tx: &Tx,
    customer: &CustomerId,
    id: Option<&TaskId>,
    input: TaskInput,
    files: &[FileId],
    today: NaiveDate,
) -> Result<Task> {
    let task = match id {
        None => add(tx, customer, input, today)?,
        Some(id) => {
            if &get(tx, id)?.customer_id != customer {
                return Err(Error::NotFound("task"));
            }
            update(tx, id, input, today)?
        }
    };
    for gone in task.files.iter().filter(|f| !files.contains(&f.file_id)) {
        detach(tx, &task.id, &gone.file_id)?;
    }
    for file in files {
        attach(tx, &task.id, file)?;
    }
    get(tx, &task.id)
}

fn set_removed(tx: &Tx, id: &TaskId, removed: bool) -> Result<Task> {
    let task = get_any(tx, id)?;
    crate::customers::ensure_customer(tx, &task.customer_id)?;
    let now = tx.now();
    let changed = if removed {
        tx.execute(
            "UPDATE tasks SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![id, now],
        )?
    } else {
        tx.execute(
            "UPDATE tasks SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            rusqlite::params![id, now],
        )?
    };
    if changed == 0 && removed {
        return Err(Error::NotFound("task"));
    }
    if changed > 0 {
        let op = if removed {
            ChangeOp::Archive
        } else {
            ChangeOp::Restore
        };
        tx.log(
            Entity::Task,
            id.as_str(),
            Some(task.customer_id.as_str()),
            op,
            serde_json::Map::from_iter([("name".to_owned(), task.name.clone().into())]),
        );
    }
    get_any(tx, id)
}

/// The name of a current file of `customer`, or why it cannot be attached.
fn file_name_of(conn: &Connection, file: &FileId, customer: &CustomerId) -> Result<String> {
    let found: Option<(CustomerId, String)> = conn
        .prepare_cached("SELECT customer_id, name FROM files WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([file], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        Some((owner, name)) if &owner == customer => Ok(name),
        Some(_) => Err(Error::NotAllowed(
            "the file belongs to another customer".into(),
        )),
        None => Err(Error::NotFound("file")),
    }
}

fn attach(tx: &Tx, task: &TaskId, file: &FileId) -> Result<Task> {
    let t = get(tx, task)?;
    crate::customers::ensure_customer(tx, &t.customer_id)?;
    let name = file_name_of(tx, file, &t.customer_id)?;
    if t.files.iter().any(|f| &f.file_id == file) {
        return Ok(t);
    }
    let id = TaskFileId::new();
    tx.execute(
        "INSERT INTO task_files (id, task_id, file_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        rusqlite::params![id, task, file, tx.now()],
    )?;
    tx.log(
        Entity::TaskFile,
        id.as_str(),
        Some(t.customer_id.as_str()),
        ChangeOp::Insert,
        inserted(&serde_json::json!({
            "task_id": task, "file_id": file, "task": t.name, "file": name,
        })),
    );
    get(tx, task)
}

fn detach(tx: &Tx, task: &TaskId, file: &FileId) -> Result<Task> {
    let t = get(tx, task)?;
    crate::customers::ensure_customer(tx, &t.customer_id)?;
    let link: Option<(TaskFileId, String)> = tx
        .prepare_cached(
            "SELECT tf.id, f.name FROM task_files tf JOIN files f ON f.id = tf.file_id
             WHERE tf.task_id = ?1 AND tf.file_id = ?2 AND tf.deleted_at IS NULL",
        )?
        .query_row(rusqlite::params![task, file], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((link, name)) = link else {
        return Err(Error::NotFound("attachment"));
    };
    tx.execute(
        "UPDATE task_files SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        rusqlite::params![link, tx.now()],
    )?;
    tx.log(
        Entity::TaskFile,
        link.as_str(),
        Some(t.customer_id.as_str()),
        ChangeOp::Archive,
        serde_json::Map::from_iter([
            ("task".to_owned(), t.name.clone().into()),
            ("file".to_owned(), name.into()),
        ]),
    );
    get(tx, task)
}

// Demo

#[rustfmt::skip]
const DEMO_TASKS: &[(&str, &str, &str)] = &[
    ("Nộp hồ sơ visa Nhật", "visa", "Nộp tại ĐSQ, kèm sao kê 3 tháng và xác nhận công việc."),
    ("Xuất vé máy bay SGN-NRT", "ticketing", "Vietnam Airlines VN300, hạng phổ thông."),
    ("Gửi lịch trình chi tiết", "documents", "Gửi qua email và Zalo cho khách."),
    ("Đặt khách sạn Đà Nẵng 3 đêm", "booking", "Ưu tiên phòng hướng biển."),
    ("Thu cọc 30% tour Hàn Quốc", "payment", "Chuyển khoản Vietcombank, ghi rõ mã KH."),
    ("Xin visa Schengen (Pháp)", "visa", "Hẹn lấy sinh trắc học tại TLScontact."),
    ("Xuất vé HAN-PQC khứ hồi", "ticketing", ""),
    ("Dịch thuật công chứng giấy khai sinh", "documents", "Bản dịch tiếng Anh, 2 bản."),
    ("Đặt tour Hạ Long 2N1Đ", "booking", "Du thuyền 4 sao, phòng đôi."),
    ("Nhắc khách thanh toán phần còn lại", "payment", "Hạn chót trước ngày khởi hành 7 ngày."),
    ("Mua bảo hiểm du lịch", "other", "Gói toàn cầu, mức 50.000 USD."),
    ("Gia hạn hộ chiếu cho khách", "documents", "Hướng dẫn khách nộp online trên cổng dịch vụ công."),
];

/// About a third of the demo customers get 1-3 tasks over the last eleven months and the next
/// six weeks, most of them around today: older ones done or cancelled, some of last month's
/// overdue.
pub(crate) fn demo(tx: &mut Tx, c: &crate::demo::DemoCustomer) -> Result<()> {
    let mut rng = c.rng(6);
    if rng.u32(0..3) != 0 {
        return Ok(());
    }
    let types: Vec<(String, String)> = lists::entries(tx, ListKind::TaskTypes)?
        .into_iter()
        .map(|e| (e.key, e.id))
        .collect();
    for _ in 0..rng.u32(1..4) {
        let (name, key, description) = DEMO_TASKS[rng.usize(0..DEMO_TASKS.len())];
        // Most work is recent: two tasks in five are around today, the rest over the year.
        let days = if rng.u32(0..5) < 2 {
            rng.i64(-35..45)
        } else {
            rng.i64(-330..45)
        };
        let finish = c.today + Duration::days(days);
        let start = finish - Duration::days(rng.i64(0..8));
        let status = if finish < c.today - Duration::days(35) {
            match rng.u32(0..10) {
                0 => TaskStatus::Cancelled,
                _ => TaskStatus::Done,
            }
        } else if finish < c.today {
            // Most past work is done; a few stay overdue.
            match rng.u32(0..10) {
                0..=6 => TaskStatus::Done,
                7 => TaskStatus::Cancelled,
                _ => TaskStatus::Todo,
            }
        } else {
            match rng.u32(0..10) {
                0..=5 => TaskStatus::Todo,
                6..=8 => TaskStatus::InProgress,
                _ => TaskStatus::Done,
            }
        };
        let priority = match rng.u32(0..12) {
            0..=1 => TaskPriority::Low,
            2..=7 => TaskPriority::Normal,
            8..=10 => TaskPriority::High,
            _ => TaskPriority::Urgent,
        };
        let task = Task {
            id: TaskId::new(),
            customer_id: c.id.clone(),
            name: name.into(),
            starts_on: Some(start),
            finishes_on: Some(finish),
            staff_id: (!c.staff.is_empty()).then(|| c.staff[rng.usize(0..c.staff.len())].clone()),
            type_id: types
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, id)| TaskTypeId(id.clone())),
            task_type: None,
            priority,
            status,
            description: description.into(),
            done_on: (status == TaskStatus::Done).then_some(finish.min(c.today)),
            files: Vec::new(),
            created_at: String::new(),
            updated_at: String::new(),
        };
        write(tx, &task, true)?;
        tx.log(
            Entity::Task,
            task.id.as_str(),
            Some(c.id.as_str()),
            ChangeOp::Insert,
            inserted(&loggable(&task)),
        );
    }
    Ok(())
}
