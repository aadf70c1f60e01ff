#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use tripdesk::chrono::NaiveDate;
use tripdesk::lists::ListKind;
use tripdesk::staff::StaffInput;
use tripdesk::tasks::{TaskInput, TaskPriority, TaskStatus};
use tripdesk::{CustomerId, Desk, ErrorKind, FileId, TaskTypeId};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 23)
}

fn customer(desk: &mut Desk, name: &str) -> CustomerId {
    desk.add_customer(common::person(name, "", "")).unwrap().id
}

fn visa(name: &str) -> TaskInput {
    TaskInput {
        name: name.into(),
        starts_on: "20/11/2026".into(),
        finishes_on: "25/11/2026".into(),
        ..Default::default()
    }
}

/// A stored file of `customer`, as the Files tab would have added it.
fn file(desk: &Desk, customer: &CustomerId, name: &str) -> FileId {
    let id = FileId::new();
    desk.conn()
        .execute(
            "INSERT INTO files (id, customer_id, name, category, sha256, size, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'passport', 'abc', 2048, '2026-11-23T00:00:00.000Z', '2026-11-23T00:00:00.000Z')",
            [id.as_str(), customer.as_str(), name],
        )
        .unwrap();
    id
}

#[test]
fn a_task_cannot_finish_before_it_starts() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let err = desk
        .add_task(
            &hong,
            TaskInput {
                finishes_on: "19/11/2026".into(),
                ..visa("Nộp hồ sơ visa Nhật")
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndBeforeStart);
    assert_eq!(err.to_dto().field.as_deref(), Some("finishes_on"));
    let err = desk.add_task(&hong, visa("  "), today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Required);
    assert_eq!(desk.tasks(&hong, 0, 50).unwrap().total, 0);
    // The same day is fine: a one-day task.
    let task = desk
        .add_task(
            &hong,
            TaskInput {
                finishes_on: "2026-11-20".into(),
                ..visa("Nộp hồ sơ visa Nhật")
            },
            today(),
        )
        .unwrap();
    assert_eq!(task.finishes_on, Some(day(2026, 11, 20)));
}

#[test]
fn marking_a_task_done_records_the_day_and_moves_it_after_the_open_ones() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let staff = desk
        .add_staff(StaffInput {
            name: "Phạm Thu Trang".into(),
            email: String::new(),
        })
        .unwrap();
    let ticket = desk
        .add_task(
            &hong,
            TaskInput {
                staff_id: Some(staff.id.clone()),
                priority: TaskPriority::Urgent,
                ..visa("Xuất vé máy bay SGN-NRT")
            },
            today(),
        )
        .unwrap();
    let later = desk
        .add_task(
            &hong,
            TaskInput {
                finishes_on: "30/11/2026".into(),
                ..visa("Gửi lịch trình chi tiết")
            },
            today(),
        )
        .unwrap();
    let names = |desk: &Desk| -> Vec<String> {
        desk.tasks(&hong, 0, 50)
            .unwrap()
            .items
            .into_iter()
            .map(|t| t.name)
            .collect()
    };
    assert_eq!(
        names(&desk),
        ["Xuất vé máy bay SGN-NRT", "Gửi lịch trình chi tiết"]
    );
    let done = desk
        .set_task_status(&ticket.id, TaskStatus::Done, None, today())
        .unwrap();
    assert_eq!(done.done_on, Some(today()));
    assert_eq!(
        names(&desk),
        ["Gửi lịch trình chi tiết", "Xuất vé máy bay SGN-NRT"]
    );
    let page = desk.tasks(&hong, 0, 50).unwrap();
    assert_eq!((page.total, page.open), (2, 1));
    // Opened again, it is no longer done.
    let reopened = desk
        .set_task_status(&ticket.id, TaskStatus::InProgress, None, today())
        .unwrap();
    assert_eq!(reopened.done_on, None);
    assert_eq!(later.status, TaskStatus::Todo);
}

#[test]
fn undoing_a_reopening_gives_back_the_day_the_task_was_done() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let task = desk
        .add_task(&hong, visa("Xuất vé máy bay SGN-NRT"), day(2026, 11, 20))
        .unwrap();
    let done = desk
        .set_task_status(&task.id, TaskStatus::Done, None, day(2026, 11, 20))
        .unwrap();
    assert_eq!(done.done_on, Some(day(2026, 11, 20)));
    // Reopened by mistake three days later, then Undo.
    desk.set_task_status(&task.id, TaskStatus::Todo, None, today())
        .unwrap();
    let back = desk
        .set_task_status(&task.id, TaskStatus::Done, done.done_on, today())
        .unwrap();
    assert_eq!(back.done_on, Some(day(2026, 11, 20)));
    // Marking a done task done again keeps its day.
    let again = desk
        .set_task_status(&task.id, TaskStatus::Done, None, today())
        .unwrap();
    assert_eq!(again.done_on, Some(day(2026, 11, 20)));
    // Undo of "done" gives back where it stood.
    let progress = desk
        .add_task(&hong, visa("Gửi lịch trình chi tiết"), today())
        .unwrap();
    desk.set_task_status(&progress.id, TaskStatus::InProgress, None, today())
        .unwrap();
    desk.set_task_status(&progress.id, TaskStatus::Done, None, today())
        .unwrap();
    let undone = desk
        .set_task_status(&progress.id, TaskStatus::InProgress, None, today())
        .unwrap();
    assert_eq!(
        (undone.status, undone.done_on),
        (TaskStatus::InProgress, None)
    );
}

#[test]
fn saving_a_task_with_another_customers_file_saves_nothing() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let nam = customer(&mut desk, "Trần Văn Nam");
    let hers = file(&desk, &hong, "ho-chieu.pdf");
    let his = file(&desk, &nam, "visa.pdf");
    let err = desk
        .save_task(
            &hong,
            None,
            visa("Nộp hồ sơ visa Nhật"),
            &[hers.clone(), his.clone()],
            today(),
        )
        .unwrap_err();
    assert!(matches!(err, tripdesk::Error::NotAllowed(_)), "{err:?}");
    assert_eq!(desk.tasks(&hong, 0, 50).unwrap().total, 0);

    // With her own files it is saved at once, attachments and all.
    let task = desk
        .save_task(
            &hong,
            None,
            visa("Nộp hồ sơ visa Nhật"),
            std::slice::from_ref(&hers),
            today(),
        )
        .unwrap();
    assert_eq!(task.files.len(), 1);
    // An edit that fails leaves the task and its attachments as they were.
    let scan = file(&desk, &hong, "scan.pdf");
    let err = desk
        .save_task(
            &hong,
            Some(&task.id),
            visa("Đổi tên"),
            &[scan.clone(), his],
            today(),
        )
        .unwrap_err();
    assert!(matches!(err, tripdesk::Error::NotAllowed(_)), "{err:?}");
    let page = desk.tasks(&hong, 0, 50).unwrap();
    assert_eq!(page.items[0].name, "Nộp hồ sơ visa Nhật");
    assert_eq!(page.items[0].files.len(), 1);
    // An edit leaves exactly the files chosen attached.
    let saved = desk
        .save_task(
            &hong,
            Some(&task.id),
            visa("Đổi tên"),
            std::slice::from_ref(&scan),
            today(),
        )
        .unwrap();
    assert_eq!(saved.name, "Đổi tên");
    assert_eq!(
        saved
            .files
            .iter()
            .map(|f| f.file_id.clone())
            .collect::<Vec<_>>(),
        [scan]
    );
    // Another customer's task cannot be saved through her.
    let err = desk
        .save_task(&nam, Some(&task.id), visa("x"), &[], today())
        .unwrap_err();
    assert!(matches!(err, tripdesk::Error::NotFound(_)), "{err:?}");
}

#[test]
fn only_the_customers_own_files_can_be_attached() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let an = customer(&mut desk, "Trần Văn An");
    let task = desk
        .add_task(&hong, visa("Nộp hồ sơ visa Nhật"), today())
        .unwrap();
    let hers = file(&desk, &hong, "ho-chieu-hong.pdf");
    let his = file(&desk, &an, "ho-chieu-an.pdf");
    let err = desk.attach_file(&task.id, &his).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowed);
    let attached = desk.attach_file(&task.id, &hers).unwrap();
    assert_eq!(attached.files.len(), 1);
    assert_eq!(attached.files[0].name, "ho-chieu-hong.pdf");
    assert_eq!(attached.files[0].size, 2048);
    // Twice is once.
    assert_eq!(desk.attach_file(&task.id, &hers).unwrap().files.len(), 1);
    let listed = desk.tasks(&hong, 0, 50).unwrap().items;
    assert_eq!(listed[0].files[0].name, "ho-chieu-hong.pdf");
    let detached = desk.detach_file(&task.id, &hers).unwrap();
    assert!(detached.files.is_empty());
}

#[test]
fn a_removed_task_leaves_the_list_and_comes_back_with_its_files() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let task = desk
        .add_task(&hong, visa("Nộp hồ sơ visa Nhật"), today())
        .unwrap();
    let scan = file(&desk, &hong, "scan.pdf");
    desk.attach_file(&task.id, &scan).unwrap();
    desk.remove_task(&task.id).unwrap();
    assert_eq!(desk.tasks(&hong, 0, 50).unwrap().total, 0);
    assert_eq!(
        desk.update_task(&task.id, visa("x"), today())
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
    let back = desk.restore_task(&task.id).unwrap();
    assert_eq!(back.files[0].name, "scan.pdf");
    assert_eq!(desk.tasks(&hong, 0, 50).unwrap().total, 1);
}

#[test]
fn every_change_to_a_task_shows_in_the_customers_history() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let task = desk
        .add_task(&hong, visa("Nộp hồ sơ visa Nhật"), today())
        .unwrap();
    desk.update_task(
        &task.id,
        TaskInput {
            priority: TaskPriority::High,
            ..visa("Nộp hồ sơ visa Nhật Bản")
        },
        today(),
    )
    .unwrap();
    desk.set_task_status(&task.id, TaskStatus::Done, None, today())
        .unwrap();
    let scan = file(&desk, &hong, "scan.pdf");
    desk.attach_file(&task.id, &scan).unwrap();
    desk.remove_task(&task.id).unwrap();
    desk.restore_task(&task.id).unwrap();
    let history = desk.customer_history(&hong).unwrap();
    let ops: Vec<(String, String)> = history
        .iter()
        .filter(|e| e.entity != "customer")
        .map(|e| (e.entity.clone(), e.op.clone()))
        .collect();
    assert_eq!(
        ops,
        [
            ("task", "restore"),
            ("task", "archive"),
            ("task_file", "insert"),
            ("task", "update"),
            ("task", "update"),
            ("task", "insert"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let renamed = &history[4];
    let fields: Vec<&str> = renamed.changes.iter().map(|c| c.field.as_str()).collect();
    assert!(fields.contains(&"name") && fields.contains(&"priority"));
    let done = &history[3];
    let status = done.changes.iter().find(|c| c.field == "status").unwrap();
    assert_eq!(
        (status.old.as_str(), status.new.as_str()),
        (Some("todo"), Some("done"))
    );
}

#[test]
fn an_unknown_operator_or_type_is_refused_at_its_field() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let err = desk
        .add_task(
            &hong,
            TaskInput {
                staff_id: Some(tripdesk::StaffId::new()),
                ..visa("Nộp hồ sơ visa Nhật")
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.to_dto().field.as_deref(), Some("staff_id"));
    let err = desk
        .add_task(
            &hong,
            TaskInput {
                type_id: Some(TaskTypeId::new()),
                ..visa("Nộp hồ sơ visa Nhật")
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.to_dto().field.as_deref(), Some("type_id"));
}

#[test]
fn list_entries_are_added_renamed_moved_and_removed() {
    let (mut desk, _dir) = common::desk();
    for kind in [ListKind::CareMethods, ListKind::TaskTypes] {
        let before = desk.list_entries(kind).unwrap();
        assert_eq!(before.len(), 6);
        let added = desk.add_list_entry(kind, "  Hội chợ du lịch ").unwrap();
        assert_eq!(added.name, "Hội chợ du lịch");
        assert_eq!(
            desk.list_entries(kind).unwrap().last().unwrap().id,
            added.id
        );
        assert_eq!(
            desk.add_list_entry(kind, " ").unwrap_err().kind(),
            ErrorKind::Required
        );
        let renamed = desk.rename_list_entry(kind, &added.id, "Hội chợ").unwrap();
        assert_eq!(renamed.name, "Hội chợ");
        // Hers needs a name; a built-in one gets its own name back from an empty one.
        assert_eq!(
            desk.rename_list_entry(kind, &added.id, "")
                .unwrap_err()
                .kind(),
            ErrorKind::Required
        );
        let first = &before[0];
        assert_eq!(
            desk.rename_list_entry(kind, &first.id, "Gọi điện")
                .unwrap()
                .name,
            "Gọi điện"
        );
        let back = desk.rename_list_entry(kind, &first.id, "  ").unwrap();
        assert_eq!(
            (back.name.as_str(), back.key.as_str()),
            ("", first.key.as_str())
        );
        let order = desk.move_list_entry(kind, &added.id, true).unwrap();
        assert_eq!(order[5].id, added.id);
        assert_eq!(order[6].id, before[5].id);
        // The first cannot go further up.
        let same = desk.move_list_entry(kind, &first.id, true).unwrap();
        assert_eq!(same[0].id, first.id);
        // Built-in entries may be removed too, and put back.
        desk.remove_list_entry(kind, &first.id).unwrap();
        assert!(desk
            .list_entries(kind)
            .unwrap()
            .iter()
            .all(|e| e.id != first.id));
        desk.restore_list_entry(kind, &first.id).unwrap();
        assert_eq!(desk.list_entries(kind).unwrap().len(), 7);
    }
}

#[test]
fn a_removed_task_type_still_names_the_tasks_that_have_it() {
    let (mut desk, _dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let fair = desk.add_list_entry(ListKind::TaskTypes, "Hội chợ").unwrap();
    let task = desk
        .add_task(
            &hong,
            TaskInput {
                type_id: Some(TaskTypeId(fair.id.clone())),
                ..visa("Đăng ký gian hàng")
            },
            today(),
        )
        .unwrap();
    desk.remove_list_entry(ListKind::TaskTypes, &fair.id)
        .unwrap();
    let listed = &desk.tasks(&hong, 0, 50).unwrap().items[0];
    assert_eq!(listed.task_type.as_ref().unwrap().name, "Hội chợ");
    // Kept on an edit, but not chosen anew.
    desk.update_task(
        &task.id,
        TaskInput {
            type_id: Some(TaskTypeId(fair.id.clone())),
            ..visa("Đăng ký gian hàng lớn")
        },
        today(),
    )
    .unwrap();
    let err = desk
        .add_task(
            &hong,
            TaskInput {
                type_id: Some(TaskTypeId(fair.id.clone())),
                ..visa("Gian hàng khác")
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(err.to_dto().field.as_deref(), Some("type_id"));
}
