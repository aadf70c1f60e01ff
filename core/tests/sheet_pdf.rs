//! The customer sheet as a PDF, read back as she would read it: its text through `pdftotext`
//! (poppler-utils) and its first page rendered through `pdftoppm`.
#![allow(clippy::unwrap_used)]

mod common;

use common::{desk, person};
use std::path::Path;
use std::process::Command;
use tripdesk::bookings::{BookingInput, BookingStatus, PaymentInput, PaymentMethod};
use tripdesk::chrono::{NaiveDate, NaiveDateTime};
use tripdesk::contacts::ContactInput;
use tripdesk::export::pdf::PdfWriter;
use tripdesk::export::{Paper, SectionId, SheetSettings};
use tripdesk::followups::{FollowUpInput, FollowUpStatus};
use tripdesk::lines::LineInput;
use tripdesk::notes::NoteInput;
use tripdesk::prepaid::TopUpInput;
use tripdesk::quotes::QuoteInput;
use tripdesk::settings::AgencyInput;
use tripdesk::{CustomerId, Desk, ErrorKind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(14, 5, 0).unwrap()
}

fn line(description: &str, quantity: u32, unit_price: &str) -> LineInput {
    LineInput {
        id: None,
        description: description.into(),
        quantity,
        unit_price: unit_price.into(),
    }
}

fn top_up(desk: &mut Desk, id: &CustomerId, what: &str, amount: &str, currency: &str, on: &str) {
    desk.save_top_up(
        id,
        None,
        TopUpInput {
            description: what.into(),
            amount: amount.into(),
            currency: currency.into(),
            received_on: on.into(),
        },
    )
    .unwrap();
}

const LONG_NOTE_WORD: &str =
    "Khách muốn phòng tầng cao, nhìn ra biển, giường đôi, không hút thuốc.";

/// The agency's letterhead and Nguyễn Thị Hồng with something in every tab: a contact, a bank
/// account, follow-ups, a quote, a booking paid partly from her credit, top-ups in VND and USD
/// (the VND balance below zero), notes (a very long one, one with markup).
fn hong(desk: &mut Desk) -> CustomerId {
    desk.update_agency(AgencyInput {
        name: "Du lịch Sen Vàng".into(),
        address: "12 Lê Lợi, Quận 1, TP. Hồ Chí Minh".into(),
        phone: "028 3822 1234".into(),
        email: "info@senvang.vn".into(),
        default_currency: "VND".into(),
    })
    .unwrap();
    let id = desk
        .add_customer(person("Nguyễn Thị Hồng", "0901234567", "hong@example.com"))
        .unwrap()
        .id;
    desk.add_contact(
        &id,
        ContactInput {
            full_name: "Đặng Văn Minh".into(),
            department: "Hành chính".into(),
            position_title: "Trưởng phòng".into(),
            phone: "0912345678".into(),
            email: "minh@example.com".into(),
            is_primary: true,
        },
    )
    .unwrap();
    desk.add_bank_account(
        &id,
        tripdesk::banks::BankAccountInput {
            account_number: "0071001234567".into(),
            account_name: "NGUYEN THI HONG".into(),
            bank_name: "Vietcombank".into(),
            branch: "Sở giao dịch".into(),
            swift: "BFTVVNVX".into(),
            is_default: true,
        },
    )
    .unwrap();
    for i in 0..3 {
        desk.add_followup(
            &id,
            FollowUpInput {
                subject: format!("Gọi tư vấn tour Đà Lạt lần {i}"),
                due_at: format!("2026-11-2{i}T09:30"),
                result: "Khách hẹn gọi lại".into(),
                status: FollowUpStatus::Finish,
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    }
    desk.save_quote(
        &id,
        None,
        QuoteInput {
            title: "Tour Nhật Bản mùa thu".into(),
            departure_on: "10/01/2027".into(),
            currency: "USD".into(),
            valid_until: "30/12/2026".into(),
            lines: vec![line("Trọn gói", 2, "1290")],
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    let booking = desk
        .save_booking(
            &id,
            None,
            BookingInput {
                title: "Tour Phú Quốc 4 ngày".into(),
                currency: "VND".into(),
                status: BookingStatus::Confirmed,
                lines: vec![line("Trọn gói", 2, "6000000")],
                ..Default::default()
            },
            today(),
        )
        .unwrap();
    top_up(
        desk,
        &id,
        "Chuyển khoản đợt 1",
        "5000000",
        "VND",
        "2026-11-01",
    );
    top_up(desk, &id, "Tiền mặt", "500", "USD", "2026-11-02");
    desk.save_payment(
        &booking.id,
        None,
        PaymentInput {
            paid_on: "2026-11-05".into(),
            amount: "8000000".into(),
            method: PaymentMethod::Prepaid,
            ..Default::default()
        },
        true,
    )
    .unwrap();
    desk.save_payment(
        &booking.id,
        None,
        PaymentInput {
            paid_on: "2026-11-06".into(),
            amount: "1250000".into(),
            method: PaymentMethod::Cash,
            ..Default::default()
        },
        false,
    )
    .unwrap();
    let long = format!(
        "Yêu cầu đặc biệt:\n{}\n\nCuối cùng: xác nhận lại trước ngày khởi hành.",
        [LONG_NOTE_WORD; 40].join(" ")
    );
    for body in [
        long.as_str(),
        "<script>alert('x')</script> khách gửi qua form",
        "Thích trà 🍵 và đồ ăn 北京",
    ] {
        desk.add_note(
            &id,
            NoteInput {
                body: body.into(),
                pinned: false,
            },
        )
        .unwrap();
    }
    id
}

/// `pdftotext -layout` of the PDF, pages separated by form feeds, no-break spaces as spaces.
fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext could not run ({e}): install poppler-utils (scripts/setup.sh test)")
        });
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ")
}

fn pages(text: &str) -> Vec<&str> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[test]
fn a_full_sheet_reads_back_with_every_section_and_balance() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    let settings = SheetSettings::default();
    let file = desk.sheet_pdf(&id, &settings, now()).unwrap();
    assert!(file.name.ends_with("Nguyen Thi Hong.pdf"), "{}", file.name);
    assert!(file.bytes.starts_with(b"%PDF-"));
    assert!(
        file.bytes.len() < 80_000,
        "a full sheet is {} bytes",
        file.bytes.len()
    );
    let text = text_of(&file.bytes);
    for expected in [
        "Du lịch Sen Vàng",
        "12 Lê Lợi, Quận 1, TP. Hồ Chí Minh",
        "Phiếu khách hàng",
        "Nguyễn Thị Hồng",
        "Đặng Văn Minh",
        "₫",
        "0071001234567",
        "Tour Phú Quốc 4 ngày",
        "Gọi tư vấn tour Đà Lạt lần 2",
        "<script>alert('x')</script>",
        "xác nhận lại trước ngày khởi hành",
        "In ngày 02/12/2026 14:05",
        "Trang 1/",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let language = desk.language().unwrap();
    for section in SectionId::ALL {
        let title = section.title(language);
        assert!(text.contains(title), "section {title:?} missing");
    }
    // Each balance, the negative one in parentheses: 5,000,000 topped up, 8,000,000 paid.
    let balances = desk.prepaid(&id, 0, 10).unwrap().balances;
    assert_eq!(balances.len(), 2);
    for b in &balances {
        let shown = tripdesk::money::format(b.amount, &b.currency, language).replace('\u{a0}', " ");
        assert!(text.contains(&shown), "balance {shown:?} missing");
    }
    assert!(text.contains("(3.000.000 ₫)"), "the VND balance below zero");
    // The long note is wrapped, not cut: all of its words are there.
    let long_words = text.matches("nhìn ra biển").count();
    assert_eq!(long_words, 40, "every sentence of the long note");
    // The characters the font lacks show as a substitute; the rest of the note is intact.
    assert!(text.contains("Thích trà"), "{text}");
}

#[test]
fn sections_left_out_are_not_on_the_sheet() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    let settings = SheetSettings {
        sections: vec![SectionId::Details, SectionId::Contacts],
        paper: Paper::Letter,
    };
    let text = text_of(&desk.sheet_pdf(&id, &settings, now()).unwrap().bytes);
    assert!(text.contains("Thông tin khách hàng"));
    assert!(text.contains("Đặng Văn Minh"));
    for gone in [
        SectionId::FollowUps,
        SectionId::Quotes,
        SectionId::Bookings,
        SectionId::Prepaid,
        SectionId::Revenue,
        SectionId::Notes,
    ] {
        let title = gone.title(desk.language().unwrap());
        assert!(!text.contains(title), "{title:?} left out but printed");
    }
    assert!(
        !text.contains("₫"),
        "no amounts without the financial sections"
    );
}

#[test]
fn a_long_account_runs_onto_pages_with_its_table_header_repeated() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    for i in 0..120 {
        desk.add_followup(
            &id,
            FollowUpInput {
                subject: format!("Nhắc lịch thanh toán {i}"),
                due_at: "2026-10-01T08:00".into(),
                status: FollowUpStatus::Finish,
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    }
    for i in 0..150 {
        let (amount, currency) = if i % 2 == 0 {
            ("1000000", "VND")
        } else {
            ("20", "USD")
        };
        top_up(
            &mut desk,
            &id,
            &format!("Nạp lần {i:03}"),
            amount,
            currency,
            "2026-10-15",
        );
    }
    let file = desk
        .sheet_pdf(&id, &SheetSettings::default(), now())
        .unwrap();
    assert!(file.bytes.len() < 80_000, "{} bytes", file.bytes.len());
    let text = text_of(&file.bytes);
    let pages = pages(&text);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(text.contains("Trang 2/"));
    let total = pages.len();
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Trang {}/{total}", n + 1)),
            "page {} is numbered",
            n + 1
        );
    }
    // Every page with prepaid entries carries the table's header ("Diễn giải" is its column).
    let with_entries: Vec<&&str> = pages.iter().filter(|p| p.contains("Nạp lần")).collect();
    assert!(with_entries.len() >= 2, "the entries span pages");
    for page in &with_entries {
        assert!(
            page.contains("Diễn giải"),
            "a page of entries without its header:\n{page}"
        );
    }
    assert_eq!(text.matches("Diễn giải").count(), with_entries.len());
    assert!(
        text.contains("Tiền trả trước (tiếp)"),
        "the section marked continued"
    );
    // Every entry once: none cut, none lost.
    for i in 0..150 {
        assert_eq!(
            text.matches(&format!("Nạp lần {i:03}")).count(),
            1,
            "entry {i}"
        );
    }
}

#[test]
fn many_sheets_in_one_pdf_count_their_own_pages_and_can_be_cancelled() {
    let (mut desk, _dir) = desk();
    let hong = hong(&mut desk);
    let lan = desk
        .add_customer(person("Trần Thị Lan", "0907654321", ""))
        .unwrap()
        .id;
    let an = desk
        .add_customer(person("Lê Văn An", "", "an@example.com"))
        .unwrap()
        .id;
    let ids = [hong, lan, an];
    let mut heard = Vec::new();
    let pdf = desk
        .sheets_pdf(
            &ids,
            &SheetSettings::default(),
            now(),
            &mut |done, total| {
                heard.push((done, total));
                true
            },
        )
        .unwrap();
    assert_eq!(heard, [(1, 3), (2, 3), (3, 3)]);
    let text = text_of(&pdf);
    assert_eq!(
        text.matches("Trang 1/").count(),
        3,
        "each sheet counts from 1"
    );
    for name in ["Nguyễn Thị Hồng", "Trần Thị Lan", "Lê Văn An"] {
        assert!(text.contains(name), "{name}");
    }
    // Each sheet starts on a page of its own: a page's footer says "Trang 1/" exactly where
    // a new customer's title is.
    for page in pages(&text) {
        assert_eq!(
            page.contains("Trang 1/"),
            page.contains("Phiếu khách hàng"),
            "{page}"
        );
    }

    let err = desk
        .sheets_pdf(&ids, &SheetSettings::default(), now(), &mut |done, _| {
            done < 2
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled);
}

/// A PNG logo, made here as logos usually are: a dark blue bar on a transparent ground, twice
/// as wide as `size` pixels high.
fn png_logo(size: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, size * 2, size);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let mut data = Vec::new();
        for y in 0..size {
            for x in 0..size * 2 {
                let inside = x > size / 4 && x < size * 7 / 4 && y > size / 4 && y < size * 3 / 4;
                data.extend_from_slice(if inside {
                    &[20, 60, 120, 255]
                } else {
                    &[0, 0, 0, 0]
                });
            }
        }
        writer.write_image_data(&data).unwrap();
    }
    bytes
}

/// Page 1 rendered by `pdftoppm` at `dpi`, as (width, height, grey pixels).
fn render_first_page(pdf: &[u8], dpi: u32, keep_as: Option<&Path>) -> (u32, u32, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            &dpi.to_string(),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
        ])
        .arg(&path)
        .arg(dir.path().join("page"))
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftoppm could not run ({e}): install poppler-utils (scripts/setup.sh test)")
        });
    assert!(out.status.success(), "pdftoppm failed: {out:?}");
    let png_path = dir.path().join("page.png");
    assert!(png_path.exists(), "pdftoppm wrote no PNG");
    if let Some(keep) = keep_as {
        std::fs::copy(&png_path, keep).unwrap();
    }
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let grey = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|px| {
            let sum: u32 = px.iter().take(3).map(|v| u32::from(*v)).sum();
            (sum / px.len().min(3) as u32) as u8
        })
        .collect();
    (info.width, info.height, grey)
}

#[test]
fn the_first_page_looks_like_a_sheet() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    desk.set_agency_logo(&png_logo(60)).unwrap();
    let file = desk
        .sheet_pdf(&id, &SheetSettings::default(), now())
        .unwrap();
    let keep = std::env::var_os("TRIPDESK_SHEET_PNG").map(std::path::PathBuf::from);
    if let Some(keep) = &keep {
        std::fs::write(keep.with_extension("pdf"), &file.bytes).unwrap();
    }
    let (w, h, grey) = render_first_page(&file.bytes, 60, keep.as_deref());
    assert!(
        w.abs_diff((210.0 / 25.4 * 60.0_f32) as u32) <= 1,
        "A4 wide: {w}"
    );
    assert!(h > w, "portrait");
    let dark = |rows: std::ops::Range<u32>, cols: std::ops::Range<u32>| {
        rows.flat_map(|y| cols.clone().map(move |x| (x, y)))
            .filter(|(x, y)| grey[(y * w + x) as usize] < 100)
            .count()
    };
    // The letterhead and her name at the top: dark ink in the top fifth, in the logo's corner
    // and across the text.
    assert!(dark(0..h / 5, 0..w) > 300, "the top of the page is blank");
    assert!(dark(0..h / 10, 0..w / 5) > 20, "no logo at the top left");
    // White margins: nothing drawn in the outer 5 mm on the left.
    assert_eq!(dark(0..h, 0..(w / 42)), 0, "ink in the left margin");
}

#[test]
fn a_logo_that_does_not_decode_is_left_out() {
    let (mut desk, _dir) = desk();
    let id = hong(&mut desk);
    let mut sheet = desk
        .customer_sheet(&id, &SheetSettings::default(), now())
        .unwrap();
    sheet.agency.logo = Some(("image/png".into(), b"\x89PNG\r\n\x1a\nnot really".to_vec()));
    let mut writer = PdfWriter::new("Phiếu khách hàng").unwrap();
    writer.add_sheet(&sheet).unwrap();
    let text = text_of(&writer.finish().unwrap());
    assert!(text.contains("Du lịch Sen Vàng"));
    assert!(text.contains("Nguyễn Thị Hồng"));
}
