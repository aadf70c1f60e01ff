//! The mapper and planner, through the desk as the wizard drives it: inspect the file, plan
//! with what inspection suggests, then plan again with her changes (another header row, what
//! to do with existing customers, a constant, a column mapped by hand).
//!
//! The desk is opened once on a temporary file and already holds what a real one does: a
//! custom field, three customers with codes, phones and emails, levels and staff (made by
//! importing a small CSV), and the mapping that import remembered. Nothing is ever written
//! after that: only `inspect_import` and `plan_import` are called.
//!
//! Input: [extension] [CSV options] [flags] [header row] [constant] [column] [file bytes...]
//!
//! flags: bit 0 her CSV options in the choice; bit 1 overwrite existing customers; bit 2
//! create missing levels and staff; bit 3 a sheet chosen (bits 4-5); bit 6 rows marked
//! "create anyway".

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};
use tripdesk::db::OpenMode;
use tripdesk::import::columns::BUILT_IN;
use tripdesk::import::{Constant, FileChoice, FileSummary, ImportField, ImportSetup, OnDuplicate};
use tripdesk::settings::{CustomFieldInput, CustomFieldKind};
use tripdesk::{Desk, Origin};

/// The customers already on the desk.
const ON_FILE: &str = "\
Mã KH,Họ và tên,Ngày sinh,Điện thoại,Email,Cấp độ,Người phụ trách,Sở thích,Người giới thiệu
KH001,Nguyễn Thị Hồng,12/03/1985,0903123456,hong.nguyen@example.com,VIP,Lan,Du lịch biển,
KH002,Trần Văn Đức,07/11/1990,+84 28 3823 4567,duc@example.com,Thân thiết,Minh,,KH001
KH003,Lê Thị Ánh Tuyết,,0912345678,tuyet@example.vn,,Lan,,KH002
";

/// Values a constant may have: valid and invalid for one field or another.
const CONSTANT_VALUES: [&str; 12] = [
    "",
    "VIP",
    "KH001",
    "0903123456",
    "hong.nguyen@example.com",
    "12/03/1985",
    "Nữ",
    "Công ty",
    "Việt Nam",
    "Lan",
    "  \u{0301}?? ",
    "99999999999999999999999999999999999999",
];

struct Fixture {
    desk: Desk,
    _dir: tempfile::TempDir,
}

fn desk() -> &'static Mutex<Fixture> {
    static DESK: OnceLock<Mutex<Fixture>> = OnceLock::new();
    DESK.get_or_init(|| Mutex::new(open_desk()))
}

fn open_desk() -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut desk = Desk::open(
        &dir.path().join("desk.sqlite3"),
        OpenMode::Create,
        Origin::App,
    )
    .expect("the desk opened");
    desk.add_custom_field(CustomFieldInput {
        name: "Sở thích".to_owned(),
        kind: CustomFieldKind::Text,
        choices: vec![],
    })
    .expect("a custom field");
    let path = dir.path().join("on-file.csv");
    std::fs::write(&path, ON_FILE).expect("the CSV written");
    let summary = desk
        .inspect_import(&path, &FileChoice::default())
        .expect("the CSV inspected");
    let setup = suggested(&summary);
    let setup = ImportSetup {
        create_missing: true,
        ..setup
    };
    let plan = desk.plan_import(&path, &setup).expect("the CSV planned");
    desk.run_import(&path, plan, &mut |_, _| true)
        .expect("the CSV imported");
    Fixture { desk, _dir: dir }
}

fn suggested(summary: &FileSummary) -> ImportSetup {
    ImportSetup {
        sheet: summary.sheet,
        header_row: summary.header_row,
        columns: summary.columns.clone(),
        constants: vec![],
        on_duplicate: OnDuplicate::Skip,
        create_missing: false,
        create_anyway: vec![],
        csv: summary.csv,
    }
}

/// Every field a column or a constant may fill, a custom field that does not exist included.
fn fields(desk: &Desk) -> Vec<ImportField> {
    let mut all = BUILT_IN.to_vec();
    if let Ok(custom) = desk.custom_fields() {
        all.extend(custom.into_iter().map(|f| ImportField::Custom(f.id.0)));
    }
    all.push(ImportField::Custom("cf_gone".to_owned()));
    all
}

fuzz_target!(|data: &[u8]| {
    common::report_panics_once();
    let [ext, csv, flags, header, constant, column, bytes @ ..] = data else {
        return;
    };
    let path = common::file_with(common::extension(*ext), bytes);
    let Ok(fixture) = desk().lock() else {
        return;
    };
    let desk = &fixture.desk;

    let choice = FileChoice {
        csv: (flags & 1 != 0).then(|| common::csv_options(*csv)),
        sheet: (flags & 8 != 0).then_some(u32::from((flags >> 4) & 3)),
        header_row: None,
    };
    // Any error is an answer; only a panic, a hang or unbounded memory is a finding.
    let Ok(summary) = desk.inspect_import(&path, &choice) else {
        return;
    };
    let setup = suggested(&summary);
    if let Ok(plan) = desk.plan_import(&path, &setup) {
        let _ = plan.preview.rows.len();
    }
    if [*flags & 0b0100_0110, *header, *constant, *column] == [0; 4] {
        return;
    }

    // Her changes.
    let header_row = match *header {
        0 => None,
        255 => Some(u32::MAX),
        h => Some(u32::from(h)),
    };
    let summary = match header_row {
        Some(_) => match desk.inspect_import(
            &path,
            &FileChoice {
                header_row,
                ..choice
            },
        ) {
            Ok(s) => s,
            Err(_) => return,
        },
        None => summary,
    };
    let all = fields(desk);
    let mut setup = ImportSetup {
        header_row: header_row.unwrap_or(summary.header_row),
        on_duplicate: if flags & 2 != 0 {
            OnDuplicate::Overwrite
        } else {
            OnDuplicate::Skip
        },
        create_missing: flags & 4 != 0,
        ..suggested(&summary)
    };
    if *constant != 0 {
        let n = usize::from(*constant);
        setup.constants.push(Constant {
            field: all[n % all.len()].clone(),
            value: CONSTANT_VALUES[(n / all.len()) % CONSTANT_VALUES.len()].to_owned(),
        });
    }
    match *column {
        0 => {}
        // A mapping wider than the sheet.
        255 => setup.columns.push(Some(ImportField::Code)),
        c => {
            let field = all[usize::from(c & 31) % all.len()].clone();
            let at = usize::from(c >> 5);
            if at < setup.columns.len() {
                setup.columns[at] = Some(field);
            } else {
                setup.columns.push(Some(field));
            }
        }
    }
    if flags & 64 != 0 {
        let first = setup.header_row.saturating_add(1);
        setup.create_anyway = (first..first.saturating_add(4)).collect();
    }
    if let Ok(plan) = desk.plan_import(&path, &setup) {
        let _ = plan.preview.rows.len();
    }
});
