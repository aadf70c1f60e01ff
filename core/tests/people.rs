#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use common::{desk, person};
use tripdesk::addresses::{AddressInput, AddressKind};
use tripdesk::banks::BankAccountInput;
use tripdesk::contacts::ContactInput;
use tripdesk::notes::NoteInput;
use tripdesk::{CustomerId, Desk, ErrorKind};

fn customer(desk: &mut Desk, name: &str) -> CustomerId {
    desk.add_customer(person(name, "", "")).unwrap().id
}

fn contact(name: &str) -> ContactInput {
    ContactInput {
        full_name: name.into(),
        ..Default::default()
    }
}

fn account(number: &str, swift: &str) -> BankAccountInput {
    BankAccountInput {
        account_number: number.into(),
        account_name: "NGUYEN THI HONG".into(),
        bank_name: "Vietcombank".into(),
        branch: "Chi nhánh Tân Định".into(),
        swift: swift.into(),
        is_default: false,
    }
}

fn address(line: &str) -> AddressInput {
    AddressInput {
        kind: AddressKind::Home,
        line: line.into(),
        city: "TP. Hồ Chí Minh".into(),
        country: "vn".into(),
        is_default: false,
    }
}

#[test]
fn the_first_contact_is_primary_and_making_another_primary_moves_the_mark() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let first = desk
        .add_contact(
            &hong,
            ContactInput {
                full_name: "Trần Văn Bình".into(),
                department: "Phòng Nhân sự".into(),
                position_title: "Trưởng phòng".into(),
                phone: "0903 123 456".into(),
                email: "binh@hoabinh.vn".into(),
                is_primary: false,
            },
        )
        .unwrap();
    assert!(first.is_primary);
    assert_eq!(first.phone, "+84903123456");
    assert_eq!(first.phone_display, "0903 123 456");
    let second = desk.add_contact(&hong, contact("An Thị Lan")).unwrap();
    assert!(!second.is_primary);
    // Primary first, then by name.
    let names: Vec<_> = desk
        .contacts(&hong)
        .unwrap()
        .into_iter()
        .map(|c| c.full_name)
        .collect();
    assert_eq!(names, ["Trần Văn Bình", "An Thị Lan"]);

    desk.make_primary_contact(&second.id).unwrap();
    let contacts = desk.contacts(&hong).unwrap();
    assert_eq!(contacts[0].full_name, "An Thị Lan");
    assert_eq!(contacts.iter().filter(|c| c.is_primary).count(), 1);

    // A third added as primary takes the mark too.
    desk.add_contact(
        &hong,
        ContactInput {
            is_primary: true,
            ..contact("Lê Minh")
        },
    )
    .unwrap();
    let contacts = desk.contacts(&hong).unwrap();
    assert_eq!(contacts[0].full_name, "Lê Minh");
    assert_eq!(contacts.iter().filter(|c| c.is_primary).count(), 1);
}

#[test]
fn a_contact_needs_a_name_and_a_valid_phone_and_email() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let cases = [
        (contact("  "), "full_name", ErrorKind::Required),
        (
            ContactInput {
                phone: "12345".into(),
                ..contact("Bình")
            },
            "phone",
            ErrorKind::InvalidPhone,
        ),
        (
            ContactInput {
                email: "binh@localhost".into(),
                ..contact("Bình")
            },
            "email",
            ErrorKind::InvalidEmail,
        ),
    ];
    for (input, field, kind) in cases {
        let err = desk.add_contact(&hong, input).unwrap_err().to_dto();
        assert_eq!((err.field.as_deref(), err.kind), (Some(field), kind));
    }
    assert!(desk.contacts(&hong).unwrap().is_empty());
}

#[test]
fn the_default_bank_account_stays_unique_through_remove_and_restore() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let first = desk
        .add_bank_account(&hong, account("0071 0012 34567", "bftvvnvx"))
        .unwrap();
    assert!(first.is_default);
    assert_eq!(first.account_number, "0071001234567");
    assert_eq!(first.swift, "BFTVVNVX");
    let second = desk
        .add_bank_account(
            &hong,
            BankAccountInput {
                is_default: true,
                ..account("1903-1234-5678", "")
            },
        )
        .unwrap();
    assert!(second.is_default);
    let defaults = |desk: &Desk| -> Vec<String> {
        desk.bank_accounts(&hong)
            .unwrap()
            .into_iter()
            .filter(|a| a.is_default)
            .map(|a| a.account_number)
            .collect()
    };
    assert_eq!(defaults(&desk), ["1903-1234-5678"]);

    // Remove the default, make the other one default, undo the removal: still one default,
    // the newer choice.
    desk.remove_bank_account(&second.id).unwrap();
    assert_eq!(desk.bank_accounts(&hong).unwrap().len(), 1);
    desk.make_default_bank_account(&first.id).unwrap();
    let back = desk.restore_bank_account(&second.id).unwrap();
    assert!(!back.is_default);
    assert_eq!(desk.bank_accounts(&hong).unwrap().len(), 2);
    assert_eq!(defaults(&desk), ["0071001234567"]);

    // Removing and restoring the default with nobody else taking it brings it back default.
    desk.remove_bank_account(&first.id).unwrap();
    assert!(defaults(&desk).is_empty());
    assert!(desk.restore_bank_account(&first.id).unwrap().is_default);
    assert_eq!(defaults(&desk), ["0071001234567"]);
}

#[test]
fn the_default_address_and_the_primary_contact_stay_unique_through_remove_and_restore() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let home = desk
        .add_address(&hong, address("12 Lê Lợi, Quận 1"))
        .unwrap();
    assert!(home.is_default);
    assert_eq!(home.country, "VN");
    let office = desk
        .add_address(
            &hong,
            AddressInput {
                kind: AddressKind::Office,
                is_default: true,
                ..address("Tầng 5, 2 Hai Bà Trưng, Quận 1")
            },
        )
        .unwrap();
    let addresses = desk.addresses(&hong).unwrap();
    assert_eq!(addresses[0].id, office.id);
    assert!(!addresses[1].is_default);

    desk.remove_address(&office.id).unwrap();
    desk.make_default_address(&home.id).unwrap();
    desk.restore_address(&office.id).unwrap();
    let addresses = desk.addresses(&hong).unwrap();
    assert_eq!(addresses.len(), 2);
    assert_eq!(addresses.iter().filter(|a| a.is_default).count(), 1);
    assert_eq!(addresses[0].id, home.id);

    let binh = desk.add_contact(&hong, contact("Trần Văn Bình")).unwrap();
    let lan = desk.add_contact(&hong, contact("An Thị Lan")).unwrap();
    desk.remove_contact(&binh.id).unwrap();
    desk.make_primary_contact(&lan.id).unwrap();
    assert!(!desk.restore_contact(&binh.id).unwrap().is_primary);
    let contacts = desk.contacts(&hong).unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts.iter().filter(|c| c.is_primary).count(), 1);
    assert_eq!(contacts[0].id, lan.id);
}

#[test]
fn an_address_country_is_an_iso_code() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let err = desk
        .add_address(
            &hong,
            AddressInput {
                country: "Vietnam".into(),
                ..address("12 Lê Lợi")
            },
        )
        .unwrap_err()
        .to_dto();
    assert_eq!(err.field.as_deref(), Some("country"));
    let err = desk.add_address(&hong, address(" ")).unwrap_err().to_dto();
    assert_eq!(
        (err.field.as_deref(), err.kind),
        (Some("line"), ErrorKind::Required)
    );
}

#[test]
fn swift_codes_of_8_or_11_letters_and_digits_are_accepted_and_others_refused_at_the_field() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    for good in ["BFTVVNVX", "bftvvnvx123", ""] {
        desk.add_bank_account(&hong, account("0071001234567", good))
            .unwrap();
    }
    for bad in [
        "BFTVVNVX1",
        "BFTV-VNVX",
        "BFTV.VNVX",
        "BFTVVNVX12",
        "BFTVVNVXÄ",
    ] {
        let err = desk
            .add_bank_account(&hong, account("0071001234567", bad))
            .unwrap_err()
            .to_dto();
        assert_eq!(err.kind, ErrorKind::InvalidSwift, "{bad}");
        assert_eq!(err.field.as_deref(), Some("swift"));
    }
    let err = desk
        .add_bank_account(&hong, account("0071 ABC", ""))
        .unwrap_err()
        .to_dto();
    assert_eq!(err.field.as_deref(), Some("account_number"));
    let err = desk
        .add_bank_account(
            &hong,
            BankAccountInput {
                bank_name: "".into(),
                ..account("0071001234567", "")
            },
        )
        .unwrap_err()
        .to_dto();
    assert_eq!(
        (err.field.as_deref(), err.kind),
        (Some("bank_name"), ErrorKind::Required)
    );
    let stored: Vec<_> = desk
        .bank_accounts(&hong)
        .unwrap()
        .into_iter()
        .map(|a| a.swift)
        .collect();
    assert_eq!(stored, ["BFTVVNVX", "BFTVVNVX123", ""]);
}

#[test]
fn a_note_with_html_is_kept_exactly_as_typed() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let body = "Khách ăn chay <img src=x onerror=alert(1)>\n& thích phòng tầng cao";
    let note = desk
        .add_note(
            &hong,
            NoteInput {
                body: body.into(),
                pinned: false,
            },
        )
        .unwrap();
    assert_eq!(note.body, body);
    assert_eq!(desk.notes(&hong).unwrap()[0].body, body);
    let err = desk
        .add_note(&hong, NoteInput::default())
        .unwrap_err()
        .to_dto();
    assert_eq!(
        (err.field.as_deref(), err.kind),
        (Some("body"), ErrorKind::Required)
    );
    let err = desk
        .add_note(
            &hong,
            NoteInput {
                body: "a".repeat(10_001),
                pinned: false,
            },
        )
        .unwrap_err()
        .to_dto();
    assert_eq!(err.kind, ErrorKind::TooLong);
}

#[test]
fn pinned_notes_come_first_then_the_newest() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let mut add = |body: &str| {
        desk.add_note(
            &hong,
            NoteInput {
                body: body.into(),
                pinned: false,
            },
        )
        .unwrap()
    };
    let old = add("Hộ chiếu hết hạn 03/2027, nhắc gia hạn");
    add("Thích phòng tầng cao");
    add("Khách ăn chay");
    let bodies = |desk: &Desk| -> Vec<String> {
        desk.notes(&hong)
            .unwrap()
            .into_iter()
            .map(|n| n.body)
            .collect()
    };
    assert_eq!(
        bodies(&desk),
        [
            "Khách ăn chay",
            "Thích phòng tầng cao",
            "Hộ chiếu hết hạn 03/2027, nhắc gia hạn"
        ]
    );
    desk.update_note(
        &old.id,
        NoteInput {
            body: old.body.clone(),
            pinned: true,
        },
    )
    .unwrap();
    assert_eq!(bodies(&desk)[0], "Hộ chiếu hết hạn 03/2027, nhắc gia hạn");
}

#[test]
fn a_removed_record_comes_back_with_undo() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let note = desk
        .add_note(
            &hong,
            NoteInput {
                body: "Khách ăn chay".into(),
                pinned: true,
            },
        )
        .unwrap();
    desk.remove_note(&note.id).unwrap();
    assert!(desk.notes(&hong).unwrap().is_empty());
    // A removed record can no longer be edited.
    let err = desk
        .update_note(&note.id, NoteInput::default())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    desk.restore_note(&note.id).unwrap();
    let back = desk.notes(&hong).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(
        (&back[0].id, &back[0].body, back[0].pinned),
        (&note.id, &note.body, true)
    );

    let binh = desk.add_contact(&hong, contact("Trần Văn Bình")).unwrap();
    desk.remove_contact(&binh.id).unwrap();
    assert!(desk.contacts(&hong).unwrap().is_empty());
    assert!(desk.restore_contact(&binh.id).unwrap().is_primary);
    assert_eq!(desk.contacts(&hong).unwrap().len(), 1);
}

#[test]
fn every_change_shows_in_the_customer_history_with_its_entity() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let binh = desk.add_contact(&hong, contact("Trần Văn Bình")).unwrap();
    desk.update_contact(
        &binh.id,
        ContactInput {
            department: "Phòng Nhân sự".into(),
            is_primary: true,
            ..contact("Trần Văn Bình")
        },
    )
    .unwrap();
    let home = desk.add_address(&hong, address("12 Lê Lợi")).unwrap();
    desk.remove_address(&home.id).unwrap();
    desk.restore_address(&home.id).unwrap();
    let acct = desk
        .add_bank_account(&hong, account("0071001234567", "BFTVVNVX"))
        .unwrap();
    let second = desk
        .add_bank_account(
            &hong,
            BankAccountInput {
                is_default: true,
                ..account("19031234567890", "")
            },
        )
        .unwrap();
    let note = desk
        .add_note(
            &hong,
            NoteInput {
                body: "Khách ăn chay".into(),
                pinned: false,
            },
        )
        .unwrap();
    desk.update_note(
        &note.id,
        NoteInput {
            body: "Khách ăn chay".into(),
            pinned: true,
        },
    )
    .unwrap();

    let history = desk.customer_history(&hong).unwrap();
    let seen: Vec<(String, String)> = history
        .iter()
        .rev()
        .map(|e| (e.entity.clone(), e.op.clone()))
        .collect();
    let expected = [
        ("customer", "insert"),
        ("contact", "insert"),
        ("contact", "update"),
        ("address", "insert"),
        ("address", "archive"),
        ("address", "restore"),
        ("bank_account", "insert"),
        // The second account taking the default clears the first one's.
        ("bank_account", "update"),
        ("bank_account", "insert"),
        ("note", "insert"),
        ("note", "update"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(e, o)| (e.to_string(), o.to_string()))
        .collect();
    assert_eq!(seen, expected);
    let department = history
        .iter()
        .find(|e| e.entity == "contact" && e.op == "update")
        .unwrap();
    assert_eq!(department.changes.len(), 1);
    assert_eq!(department.changes[0].field, "department");
    assert_eq!(department.changes[0].new, "Phòng Nhân sự");
    let cleared = history
        .iter()
        .find(|e| e.entity == "bank_account" && e.op == "update")
        .unwrap();
    assert_eq!(cleared.changes[0].field, "is_default");
    assert_eq!(cleared.changes[0].new, false);
    assert!(desk.bank_accounts(&hong).unwrap()[0].id == second.id);
    assert!(!desk.bank_accounts(&hong).unwrap()[1].is_default);
    assert_eq!(desk.bank_accounts(&hong).unwrap()[1].id, acct.id);
}

#[test]
fn one_customers_records_never_show_or_change_with_another_customer() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let minh = customer(&mut desk, "Đặng Văn Minh");
    let hong_contact = desk.add_contact(&hong, contact("Trần Văn Bình")).unwrap();
    let minh_contact = desk.add_contact(&minh, contact("Lê Thu")).unwrap();
    desk.add_bank_account(&hong, account("0071001234567", ""))
        .unwrap();
    let minh_account = desk
        .add_bank_account(&minh, account("19031234567890", ""))
        .unwrap();
    // Each customer's first record takes her own mark, not the other's.
    assert!(hong_contact.is_primary && minh_contact.is_primary);
    assert!(minh_account.is_default);
    desk.add_contact(
        &hong,
        ContactInput {
            is_primary: true,
            ..contact("An Thị Lan")
        },
    )
    .unwrap();
    let minh_contacts = desk.contacts(&minh).unwrap();
    assert_eq!(minh_contacts, vec![minh_contact.clone()]);
    assert_eq!(desk.bank_accounts(&minh).unwrap(), vec![minh_account]);
    // Editing her contact keeps it hers: it has no customer to change.
    desk.update_contact(&hong_contact.id, contact("Trần Văn Bình (Hoà Bình)"))
        .unwrap();
    assert_eq!(desk.contacts(&minh).unwrap(), vec![minh_contact]);
    assert!(desk
        .customer_history(&minh)
        .unwrap()
        .iter()
        .all(|e| e.entity == "customer" || e.op == "insert"));
    assert_eq!(
        desk.customer_history(&minh)
            .unwrap()
            .iter()
            .filter(|e| e.entity != "customer")
            .count(),
        2
    );
}

#[test]
fn an_erased_customer_takes_no_new_records_and_hers_are_out_of_reach() {
    let (mut desk, _dir) = desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let note = desk
        .add_note(
            &hong,
            NoteInput {
                body: "Khách ăn chay".into(),
                pinned: false,
            },
        )
        .unwrap();
    desk.erase_customer(&hong).unwrap();
    let refused = [
        desk.add_contact(&hong, contact("Trần Văn Bình")).err(),
        desk.add_address(&hong, address("12 Lê Lợi")).err(),
        desk.add_bank_account(&hong, account("0071001234567", ""))
            .err(),
        desk.add_note(
            &hong,
            NoteInput {
                body: "x".into(),
                pinned: false,
            },
        )
        .err(),
    ];
    for err in refused {
        assert_eq!(err.unwrap().kind(), ErrorKind::NotFound);
    }
    assert!(desk.notes(&hong).unwrap().is_empty());
    assert_eq!(
        desk.restore_note(&note.id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn an_unknown_customer_takes_no_records() {
    let (mut desk, _dir) = desk();
    let err = desk
        .add_contact(&CustomerId::new(), contact("Trần Văn Bình"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}
