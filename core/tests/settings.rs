#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use tripdesk::customers::CustomerChange;
use tripdesk::settings::{AgencyInput, CustomFieldInput, CustomFieldKind, Language};
use tripdesk::staff::StaffInput;
use tripdesk::ErrorKind;

#[test]
fn the_agency_profile_starts_in_dong_and_refuses_bad_values() {
    let (mut desk, _dir) = common::desk();
    assert_eq!(desk.agency().unwrap().default_currency, "VND");
    let input = AgencyInput {
        name: "Du lịch Sen Vàng".into(),
        address: "123 Nguyễn Huệ, Quận 1".into(),
        phone: "028 3822 1234".into(),
        email: "info@senvang.vn".into(),
        default_currency: "usd".into(),
    };
    let agency = desk.update_agency(input.clone()).unwrap();
    assert_eq!(
        (agency.name.as_str(), agency.default_currency.as_str()),
        ("Du lịch Sen Vàng", "USD")
    );
    let err = desk
        .update_agency(AgencyInput {
            default_currency: "DONG".into(),
            ..input.clone()
        })
        .unwrap_err();
    assert_eq!(err.to_dto().field.as_deref(), Some("default_currency"));
    let err = desk
        .update_agency(AgencyInput {
            email: "info@".into(),
            ..input
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidEmail);
    assert_eq!(desk.agency().unwrap().default_currency, "USD");
}

#[test]
fn a_logo_must_be_a_real_image_of_reasonable_size() {
    let (mut desk, _dir) = common::desk();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR rest of a png".to_vec();
    assert_eq!(desk.set_agency_logo(&png).unwrap().logo_mime, "image/png");
    assert_eq!(desk.agency_logo().unwrap().unwrap().1, png);
    let svg = b"<svg onload=alert(1)></svg>";
    assert_eq!(
        desk.set_agency_logo(svg).unwrap_err().kind(),
        ErrorKind::InvalidImage
    );
    let mut huge = png.clone();
    huge.resize(2 * 1024 * 1024, 0);
    assert_eq!(
        desk.set_agency_logo(&huge).unwrap_err().kind(),
        ErrorKind::ImageTooLarge
    );
    assert_eq!(desk.agency_logo().unwrap().unwrap().1, png);
    assert_eq!(desk.clear_agency_logo().unwrap().logo_mime, "");
    assert!(desk.agency_logo().unwrap().is_none());
}

#[test]
fn the_language_is_remembered_per_file() {
    let (mut desk, dir) = common::desk();
    assert_eq!(desk.language().unwrap(), Language::Vi);
    desk.set_language(Language::En).unwrap();
    drop(desk);
    let desk = tripdesk::Desk::open(
        &common::db_path(&dir),
        tripdesk::db::OpenMode::Existing,
        tripdesk::Origin::App,
    )
    .unwrap();
    assert_eq!(desk.language().unwrap(), Language::En);
}

#[test]
fn levels_she_adds_can_be_renamed_moved_and_removed_when_unused() {
    let (mut desk, _dir) = common::desk();
    let group = desk.add_level("Khách đoàn").unwrap();
    assert_eq!(desk.levels().unwrap().last().unwrap().name, "Khách đoàn");
    desk.rename_level(&group.id, "Khách đoàn công ty").unwrap();
    let order = desk.move_level(&group.id, true).unwrap();
    assert_eq!(order[order.len() - 2].id, group.id);
    let c = desk
        .add_customer(tripdesk::customers::NewCustomer {
            level_id: Some(group.id.clone()),
            ..common::person("An", "", "")
        })
        .unwrap();
    let err = desk.remove_level(&group.id).unwrap_err();
    assert_eq!(err.to_dto().value.as_deref(), Some("1"));
    assert_eq!(err.kind(), ErrorKind::InUse);
    let vip = desk
        .levels()
        .unwrap()
        .into_iter()
        .find(|l| l.key == "vip")
        .unwrap();
    desk.update_customer(&c.id, vec![CustomerChange::LevelId(Some(vip.id.clone()))])
        .unwrap();
    desk.remove_level(&group.id).unwrap();
    assert!(desk.levels().unwrap().iter().all(|l| l.id != group.id));
    assert_eq!(
        desk.remove_level(&vip.id).unwrap_err().kind(),
        ErrorKind::NotAllowed
    );
}

#[test]
fn custom_fields_check_their_values_by_kind() {
    let (mut desk, _dir) = common::desk();
    let field = |name: &str, kind, choices: &[&str]| CustomFieldInput {
        name: name.into(),
        kind,
        choices: choices.iter().map(|c| c.to_string()).collect(),
    };
    let trips = desk
        .add_custom_field(field("Số chuyến", CustomFieldKind::Number, &[]))
        .unwrap();
    let wedding = desk
        .add_custom_field(field("Ngày cưới", CustomFieldKind::Date, &[]))
        .unwrap();
    let likes = desk
        .add_custom_field(field("Sở thích", CustomFieldKind::Choice, &["Biển", "Núi"]))
        .unwrap();
    assert_eq!(
        desk.add_custom_field(field("Trống", CustomFieldKind::Choice, &[]))
            .unwrap_err()
            .kind(),
        ErrorKind::Required
    );
    let c = desk
        .add_customer(common::person("Mai Anh", "", ""))
        .unwrap();
    let set = |id: &tripdesk::CustomFieldId, v: &str| CustomerChange::Custom {
        id: id.0.clone(),
        value: v.into(),
    };
    let after = desk
        .update_customer(
            &c.id,
            vec![
                set(&trips.id, "3"),
                set(&wedding.id, "20/10/2015"),
                set(&likes.id, "Biển"),
            ],
        )
        .unwrap();
    assert_eq!(
        after.custom.get(&wedding.id.0).map(String::as_str),
        Some("2015-10-20")
    );
    for (id, bad, kind) in [
        (&trips.id, "ba", ErrorKind::InvalidNumber),
        (&wedding.id, "30/02/2015", ErrorKind::InvalidDate),
        (&likes.id, "Sa mạc", ErrorKind::InvalidChoice),
    ] {
        let err = desk
            .update_customer(&c.id, vec![set(id, bad)])
            .unwrap_err()
            .to_dto();
        assert_eq!(
            (err.kind, err.field),
            (kind, Some(format!("custom.{}", id.0)))
        );
    }
    // A field that holds values keeps its kind.
    let err = desk
        .update_custom_field(&trips.id, field("Số chuyến", CustomFieldKind::Text, &[]))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InUse);
    desk.remove_custom_field(&likes.id).unwrap();
    assert_eq!(desk.custom_fields().unwrap().len(), 2);
}

#[test]
fn staff_who_leave_keep_their_name_on_their_customers() {
    let (mut desk, _dir) = common::desk();
    let trang = desk
        .add_staff(StaffInput {
            name: "Phạm Thu Trang".into(),
            email: "trang@senvang.vn".into(),
        })
        .unwrap();
    assert_eq!(
        desk.add_staff(StaffInput {
            name: "X".into(),
            email: "x@".into()
        })
        .unwrap_err()
        .kind(),
        ErrorKind::InvalidEmail
    );
    let c = desk
        .add_customer(tripdesk::customers::NewCustomer {
            responsible_id: Some(trang.id.clone()),
            ..common::person("Lý Văn Long", "", "")
        })
        .unwrap();
    assert_eq!(desk.staff().unwrap()[0].customers, 1);
    desk.remove_staff(&trang.id).unwrap();
    let staff = desk.staff().unwrap();
    assert!(staff[0].removed);
    assert_eq!(
        desk.customer(&c.id).unwrap().responsible_id,
        Some(trang.id.clone())
    );
    // Nobody can be given a customer after leaving.
    let err = desk
        .update_customer(&c.id, vec![CustomerChange::ResponsibleId(Some(trang.id))])
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidChoice);
}
