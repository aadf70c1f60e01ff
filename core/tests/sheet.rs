//! The customer sheet as a document, before it becomes a PDF or a workbook: the sections she
//! chose (remembered), her words, her amounts per currency, her text exactly as typed.
#![allow(clippy::unwrap_used)]

mod common;

use common::{desk, person};
use tripdesk::bookings::{BookingInput, BookingStatus, PaymentInput, PaymentMethod};
use tripdesk::chrono::{NaiveDate, NaiveDateTime};
use tripdesk::customers::NewCustomer;
use tripdesk::db::OpenMode;
use tripdesk::export::sheet::{file_stem, Block};
use tripdesk::export::{Cell, Paper, SectionId, Sheet, SheetSettings};
use tripdesk::lines::LineInput;
use tripdesk::notes::NoteInput;
use tripdesk::prepaid::TopUpInput;
use tripdesk::settings::Language;
use tripdesk::{CustomerId, Desk, ErrorKind, Origin};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(14, 5, 0)
        .unwrap()
}

/// Every value of a section as she reads it, labels and headers included.
fn words(sheet: &Sheet, section: SectionId) -> Vec<String> {
    let Some(s) = sheet.sections.iter().find(|s| s.id == section) else {
        return vec![];
    };
    let mut out = vec![s.title.clone()];
    for block in &s.blocks {
        match block {
            Block::Fields(fields) => {
                for (label, cell) in fields {
                    out.push(label.clone());
                    out.push(cell.display(sheet.language));
                }
            }
            Block::Table { columns, rows } => {
                out.extend(columns.iter().map(|c| c.title.clone()));
                for row in rows {
                    out.extend(row.iter().map(|c| c.display(sheet.language)));
                }
            }
            Block::Paragraph { title, body } => {
                out.push(title.clone());
                out.push(body.clone());
            }
            Block::Remark(text) => out.push(text.clone()),
        }
    }
    out
}

/// Hồng: a passport, a booking of 40.000.000 ₫ paid 2.000.000 ₫ from credit she never
/// topped up in VND, 200 USD of credit, and a note with markup in it.
fn hong(desk: &mut Desk) -> CustomerId {
    let id = desk
        .add_customer(NewCustomer {
            passport_no: "C1234567".into(),
            passport_expiry: "01/06/2030".into(),
            phones: vec!["0903123456".into()],
            ..person("Nguyễn Thị Hồng", "", "hong@example.vn")
        })
        .unwrap()
        .id;
    let booking = desk
        .save_booking(
            &id,
            None,
            BookingInput {
                title: "Tokyo mùa thu".into(),
                currency: "VND".into(),
                status: BookingStatus::Confirmed,
                adults: 2,
                lines: vec![LineInput {
                    id: None,
                    description: "Trọn gói".into(),
                    quantity: 2,
                    unit_price: "20000000".into(),
                }],
                ..Default::default()
            },
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
        .unwrap();
    desk.save_payment(
        &booking.id,
        None,
        PaymentInput {
            paid_on: "02/11/2026".into(),
            amount: "2000000".into(),
            method: PaymentMethod::Prepaid,
            account_id: None,
            reference: String::new(),
        },
        true,
    )
    .unwrap();
    desk.save_top_up(
        &id,
        None,
        TopUpInput {
            description: "Khách chuyển khoản".into(),
            amount: "200".into(),
            currency: "USD".into(),
            received_on: "03/11/2026".into(),
        },
    )
    .unwrap();
    desk.add_note(
        &id,
        NoteInput {
            body: "<script>alert(1)</script>\nGọi lại sau Tết".into(),
            pinned: true,
        },
    )
    .unwrap();
    id
}

#[test]
fn a_full_sheet_carries_every_section_with_her_amounts_per_currency() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    let sheet = desk
        .customer_sheet(&id, &SheetSettings::default(), now())
        .unwrap();
    assert_eq!(sheet.customer_name, "Nguyễn Thị Hồng");
    assert_eq!(
        sheet.file_stem(),
        format!("{} Nguyen Thi Hong", sheet.customer_code)
    );
    let ids: Vec<SectionId> = sheet.sections.iter().map(|s| s.id).collect();
    assert_eq!(ids, SectionId::ALL.to_vec());

    let passport = words(&sheet, SectionId::Passport);
    assert!(passport.contains(&"C1234567".to_owned()), "{passport:?}");
    assert!(passport.contains(&"01/06/2030".to_owned()));

    let bookings = words(&sheet, SectionId::Bookings);
    for seen in [
        "Tokyo mùa thu",
        "Đã xác nhận",
        "40.000.000\u{a0}₫",
        "38.000.000\u{a0}₫",
    ] {
        assert!(
            bookings.contains(&seen.to_owned()),
            "{seen} in {bookings:?}"
        );
    }

    // The VND balance is overdrawn: in parentheses and flagged; USD stands apart, never summed.
    let prepaid = words(&sheet, SectionId::Prepaid);
    let at = prepaid
        .iter()
        .position(|w| w.starts_with("Số dư VND"))
        .unwrap();
    assert!(prepaid[at].contains("cần nạp thêm"), "{prepaid:?}");
    assert_eq!(prepaid[at + 1], "(2.000.000\u{a0}₫)");
    let usd = prepaid.iter().position(|w| w == "Số dư USD").unwrap();
    assert_eq!(prepaid[usd + 1], "200,00\u{a0}US$");

    let revenue = words(&sheet, SectionId::Revenue);
    assert!(
        revenue.contains(&"40.000.000\u{a0}₫".to_owned()),
        "{revenue:?}"
    );

    // Her note is text exactly as typed, markup and line break included.
    let notes = words(&sheet, SectionId::Notes);
    assert!(notes.contains(&"<script>alert(1)</script>\nGọi lại sau Tết".to_owned()));
}

#[test]
fn financials_and_passport_can_be_left_out_and_the_choice_is_remembered() {
    let (mut desk, dir) = desk();
    let id = hong(&mut desk);
    assert_eq!(desk.sheet_settings().unwrap(), SheetSettings::default());
    let chosen = SheetSettings {
        sections: SectionId::ALL
            .into_iter()
            .filter(|s| !s.is_financial() && *s != SectionId::Passport)
            .collect(),
        paper: Paper::Letter,
    };
    desk.set_sheet_settings(&chosen).unwrap();
    drop(desk);
    let desk = Desk::open(&common::db_path(&dir), OpenMode::Existing, Origin::App).unwrap();
    let remembered = desk.sheet_settings().unwrap();
    assert_eq!(remembered, chosen);

    let sheet = desk.customer_sheet(&id, &remembered, now()).unwrap();
    assert_eq!(sheet.paper, Paper::Letter);
    let all: Vec<String> = SectionId::ALL
        .into_iter()
        .flat_map(|s| words(&sheet, s))
        .collect();
    assert!(!all.iter().any(|w| w.contains("C1234567")), "{all:?}");
    assert!(!all.iter().any(|w| w.contains('₫')), "{all:?}");
    assert!(all.contains(&"Người liên hệ".to_owned()));
}

#[test]
fn a_section_list_names_only_sections_that_exist() {
    assert_eq!(
        SheetSettings::parse_sections("details, Bank-Accounts,details,prepaid").unwrap(),
        vec![
            SectionId::Details,
            SectionId::BankAccounts,
            SectionId::Prepaid
        ]
    );
    let err = SheetSettings::parse_sections("details,passports").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidChoice);
    assert!(err.to_string().contains("passports"), "{err}");
}

#[test]
fn the_file_name_offered_keeps_to_letters_a_file_system_accepts() {
    assert_eq!(
        file_stem("KH00042", "Nguyễn Thị Hồng"),
        "KH00042 Nguyen Thi Hong"
    );
    assert_eq!(file_stem("KH7", "Đặng Văn: A/B*?"), "KH7 Dang Van A B");
    assert_eq!(file_stem("", "..."), "Tripdesk");
}

#[test]
fn an_erased_customer_has_no_sheet_and_an_english_desk_speaks_english() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    desk.set_language(Language::En).unwrap();
    let sheet = desk
        .customer_sheet(&id, &SheetSettings::default(), now())
        .unwrap();
    assert_eq!(sheet.sections[0].title, "Customer details");
    let prepaid = words(&sheet, SectionId::Prepaid);
    let at = prepaid
        .iter()
        .position(|w| w.starts_with("Balance VND"))
        .unwrap();
    assert!(prepaid[at].contains("top-up needed"));
    assert_eq!(prepaid[at + 1], "(₫2,000,000)");
    desk.erase_customer(&id).unwrap();
    let err = desk
        .customer_sheet(&id, &SheetSettings::default(), now())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(matches!(Cell::text("  "), Cell::Empty));
}

#[test]
fn the_referrer_is_named_by_her_code() {
    let (mut desk, _dir) = desk();
    let hong = hong(&mut desk);
    let code = desk.customer(&hong).unwrap().code;
    let lan = desk
        .add_customer(NewCustomer {
            referrer_id: Some(hong.clone()),
            ..person("Trần Thị Lan", "", "")
        })
        .unwrap()
        .id;
    let sheet = desk
        .customer_sheet(&lan, &SheetSettings::default(), now())
        .unwrap();
    let details = words(&sheet, SectionId::Details);
    let at = details
        .iter()
        .position(|w| w == "Người giới thiệu")
        .unwrap();
    assert_eq!(details[at + 1], code);
}
