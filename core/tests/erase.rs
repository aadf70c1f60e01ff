//! Erasing a customer for good takes everything of hers: her records in every tab, their
//! history, and her stored files (unless someone else holds the same bytes).
#![allow(clippy::unwrap_used)]

mod common;

use common::{desk, person};
use std::path::Path;
use tripdesk::contacts::ContactInput;
use tripdesk::files::{FileCategory, FILES_FOLDER};
use tripdesk::followups::{FollowUpInput, FollowUpStatus};
use tripdesk::notes::NoteInput;
use tripdesk::tasks::TaskInput;

fn stored_files(folder: &Path) -> usize {
    std::fs::read_dir(folder)
        .map(|fan| {
            fan.flatten()
                .filter(|d| d.path().is_dir())
                .map(|d| std::fs::read_dir(d.path()).map(|f| f.count()).unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}

#[test]
fn erasing_a_customer_blanks_her_records_their_history_and_her_own_scans() {
    let (mut desk, dir) = desk();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let hong = desk
        .add_customer(person("Nguyễn Thị Hồng", "0903123456", ""))
        .unwrap()
        .id;
    let lan = desk
        .add_customer(person("Trần Thị Lan", "0912345678", ""))
        .unwrap()
        .id;
    desk.add_contact(
        &hong,
        ContactInput {
            full_name: "Trần Văn Bình".into(),
            phone: "0988111222".into(),
            email: "binh@hoabinh.vn".into(),
            ..Default::default()
        },
    )
    .unwrap();
    desk.add_note(
        &hong,
        NoteInput {
            body: "Hộ chiếu C1234567, dị ứng hải sản".into(),
            pinned: true,
        },
    )
    .unwrap();
    desk.add_followup(
        &hong,
        FollowUpInput {
            subject: "Gọi tư vấn tour Nhật Bản".into(),
            content: "Khách muốn đi tháng 4".into(),
            status: FollowUpStatus::Unfulfilled,
            ..Default::default()
        },
        now,
    )
    .unwrap();
    let visa = desk
        .add_task(
            &hong,
            TaskInput {
                name: "Nộp hồ sơ visa Nhật".into(),
                description: "Bản sao sổ đỏ".into(),
                ..Default::default()
            },
            now.date(),
        )
        .unwrap();
    let scan = dir.path().join("ho-chieu-hong.png");
    std::fs::write(&scan, b"passport scan of Hong").unwrap();
    let contract = dir.path().join("hop-dong-mau.pdf");
    std::fs::write(&contract, b"%PDF-1.4 the agency's contract template").unwrap();
    let passport = desk
        .add_file(&hong, &scan, Some(FileCategory::Passport))
        .unwrap();
    desk.attach_file(&visa.id, &passport.id).unwrap();
    desk.add_file(&hong, &contract, Some(FileCategory::Contract))
        .unwrap();
    desk.add_file(&lan, &contract, Some(FileCategory::Contract))
        .unwrap();
    let folder = dir.path().join(FILES_FOLDER);
    assert_eq!(stored_files(&folder), 2);

    desk.erase_customer(&hong).unwrap();

    // Her scan is gone; the contract Lan also holds stays.
    assert_eq!(stored_files(&folder), 1);
    assert_eq!(desk.files(&lan, 0, 50).unwrap().items.len(), 1);
    // Nothing she told about herself is left in any record or in the change log.
    let conn = desk.conn();
    let everything: String = conn
        .query_row(
            "SELECT (SELECT group_concat(full_name || phone || email, '') FROM contacts)
                 || (SELECT group_concat(body, '') FROM notes)
                 || (SELECT group_concat(subject || content, '') FROM followups)
                 || (SELECT group_concat(name || description, '') FROM tasks)
                 || (SELECT group_concat(name || sha256, '') FROM files WHERE customer_id = ?1)
                 || (SELECT group_concat(changes, ' ') FROM change_log WHERE customer_id = ?1)",
            [&hong],
            |r| r.get(0),
        )
        .unwrap();
    for secret in [
        "Bình",
        "84988111222",
        "binh@",
        "C1234567",
        "Nhật Bản",
        "visa",
        "sổ đỏ",
        "ho-chieu-hong",
        "Hồng",
    ] {
        assert!(!everything.contains(secret), "{secret} in {everything}");
    }
    // Each record of hers is logged as erased (contact, note, follow-up, task, two files).
    let erased: u32 = conn
        .query_row(
            "SELECT count(*) FROM change_log WHERE op = 'erase' AND entity <> 'customer'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(erased, 6);
}
