//! Demo data: a realistic Vietnamese agency (staff, levels, custom fields, customers with their
//! history), for a first look at the app and for benchmarks. Written through the same area
//! functions as real edits, so every rule and the change log apply.

use crate::agency_accounts::AgencyAccountInput;
use crate::customers::{self, CustomerType, Gender, NewCustomer};
use crate::error::{Error, Result};
use crate::ids::{AgencyAccountId, CustomerId, LevelId, StaffId};
use crate::settings::{AgencyInput, CustomFieldInput, CustomFieldKind};
use crate::staff::StaffInput;
use crate::{levels, settings, staff, Desk, Origin};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

#[rustfmt::skip]
pub(crate) const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4), ("Phan", 4), ("Vũ", 4),
    ("Võ", 3), ("Đặng", 3), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 2), ("Lý", 1),
    ("Đinh", 1), ("Trương", 1), ("Mai", 1), ("Lâm", 1),
];
#[rustfmt::skip]
pub(crate) const MIDDLE_F: &[&str] = &[
    "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Bảo", "Hải", "Kim", "Mỹ", "Phương",
];
#[rustfmt::skip]
pub(crate) const MIDDLE_M: &[&str] = &[
    "Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Anh", "Gia", "Tuấn", "Công",
];
#[rustfmt::skip]
pub(crate) const GIVEN_F: &[&str] = &[
    "Hồng", "Lan", "Hương", "Mai", "Linh", "Trang", "Thảo", "Ngân", "Yến", "Hà", "Vy", "Nhung", "Quyên",
    "Trâm", "Tuyết", "Ánh", "Loan", "Diệp", "Hạnh", "Châu",
];
#[rustfmt::skip]
pub(crate) const GIVEN_M: &[&str] = &[
    "Hùng", "Dũng", "Nam", "Phong", "Tuấn", "Khoa", "Long", "Bảo", "Huy", "Đạt", "Sơn", "Thắng", "Quân",
    "Vinh", "Lộc", "Khánh", "Trí", "Nghĩa", "Tài", "Đức",
];
/// Country, given name, family name, and whether the given name is a woman's.
#[rustfmt::skip]
const FOREIGN: &[(&str, &str, &str, bool)] = &[
    ("US", "John", "Miller", false), ("US", "Emily", "Johnson", true), ("FR", "Camille", "Dubois", true),
    ("FR", "Louis", "Martin", false), ("DE", "Anna", "Schneider", true), ("DE", "Lukas", "Weber", false),
    ("JP", "Yuki", "Tanaka", true), ("JP", "Haruto", "Sato", false), ("KR", "Min-jun", "Kim", false),
    ("KR", "Seo-yeon", "Park", true), ("AU", "Olivia", "Smith", true), ("GB", "Oliver", "Brown", false),
    ("SG", "Wei Ling", "Tan", true), ("TH", "Somchai", "Suksawat", false), ("US", "Michael", "Davis", false),
    ("FR", "Chloé", "Lefèvre", true), ("DE", "Jonas", "Fischer", false), ("AU", "Jack", "Wilson", false),
];
#[rustfmt::skip]
pub(crate) const CITIES: &[(&str, &[&str])] = &[
    ("TP. Hồ Chí Minh", &["Quận 1", "Quận 3", "Quận 7", "Bình Thạnh", "Phú Nhuận", "Thủ Đức"]),
    ("Hà Nội", &["Hoàn Kiếm", "Ba Đình", "Đống Đa", "Cầu Giấy", "Tây Hồ", "Hai Bà Trưng"]),
    ("Đà Nẵng", &["Hải Châu", "Sơn Trà", "Ngũ Hành Sơn"]), ("Hải Phòng", &["Lê Chân", "Ngô Quyền"]),
    ("Cần Thơ", &["Ninh Kiều", "Cái Răng"]), ("Huế", &["Phú Hội", "Vĩnh Ninh"]),
    ("Nha Trang", &["Lộc Thọ", "Vĩnh Hải"]),
];
#[rustfmt::skip]
pub(crate) const STREETS: &[&str] = &[
    "Nguyễn Huệ", "Lê Lợi", "Trần Hưng Đạo", "Hai Bà Trưng", "Điện Biên Phủ", "Lý Thường Kiệt",
    "Phan Đình Phùng", "Nguyễn Thị Minh Khai", "Võ Văn Tần", "Bạch Đằng", "Hoàng Diệu", "Quang Trung",
];
#[rustfmt::skip]
const SOURCES: &[&str] = &[
    "Facebook", "Zalo", "Website", "Giới thiệu", "Hội chợ du lịch", "Khách cũ", "Google",
];
#[rustfmt::skip]
const COMPANIES: &[&str] = &[
    "Công ty TNHH Thương mại Hoà Bình", "Công ty CP Đầu tư Phú Gia", "Công ty TNHH Kỹ thuật Đông Á",
    "Trường THPT Lê Quý Đôn", "Ngân hàng TMCP Sài Gòn", "Công ty CP Dược phẩm Minh Tâm",
];
#[rustfmt::skip]
const AGENCIES: &[&str] = &[
    "Đại lý Du lịch Hương Việt", "Lữ hành Cánh Diều", "Saigon Partner Travel",
];
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "Phòng Kinh doanh 1", "Phòng Kinh doanh 2", "Khách đoàn", "Inbound",
];
#[rustfmt::skip]
const NOTES: &[&str] = &[
    "Thích tour biển, thường đi cùng gia đình 4 người.", "Ăn chay, cần báo trước cho nhà hàng.",
    "Hay đặt tour dịp Tết và lễ 30/4.", "Prefers boutique hotels and small groups.",
    "Cần xuất hoá đơn VAT cho công ty.", "Khách sợ độ cao, tránh các điểm cáp treo.",
];

/// What the demo puts in a file.
pub struct DemoSummary {
    pub customers: u32,
    pub staff: u32,
}

impl Desk {
    /// Fills an empty file with a demo agency and `customers` customers, every tab filled.
    pub fn load_demo(&mut self, customers: u32, today: NaiveDate) -> Result<DemoSummary> {
        self.load_demo_of(customers, today, DemoTabs::All)
    }

    /// `load_demo`, filling only the tabs named.
    pub fn load_demo_of(
        &mut self,
        customers: u32,
        today: NaiveDate,
        tabs: DemoTabs,
    ) -> Result<DemoSummary> {
        if self.customer_count()? > 0 {
            return Err(Error::DbNotEmpty(
                self.path().map(Into::into).unwrap_or_default(),
            ));
        }
        let origin = std::mem::replace(&mut self.origin, Origin::Demo);
        let result = self.transact("load_demo", |tx| {
            settings::update_agency(
                tx,
                AgencyInput {
                    name: "Công ty TNHH Du lịch Sen Vàng".into(),
                    address: "123 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh".into(),
                    phone: "028 3822 1234".into(),
                    email: "info@senvang.vn".into(),
                    default_currency: "VND".into(),
                },
            )?;
            let staff_ids: Vec<StaffId> = [
                ("Phạm Thu Trang", "trang.pham@senvang.vn"),
                ("Lê Minh Tuấn", "tuan.le@senvang.vn"),
                ("Nguyễn Hải Yến", "yen.nguyen@senvang.vn"),
                ("Trần Quốc Bảo", "bao.tran@senvang.vn"),
            ]
            .into_iter()
            .map(|(name, email)| {
                staff::add(
                    tx,
                    StaffInput {
                        name: name.into(),
                        email: email.into(),
                    },
                )
                .map(|s| s.id)
            })
            .collect::<Result<_>>()?;
            let accounts: Vec<AgencyAccountId> = [
                ("Vietcombank", "0071001234567", "Chi nhánh TP. Hồ Chí Minh"),
                ("Techcombank", "19036688990011", "Chi nhánh Bến Thành"),
            ]
            .into_iter()
            .map(|(bank_name, account_number, branch)| {
                crate::agency_accounts::add(
                    tx,
                    AgencyAccountInput {
                        bank_name: bank_name.into(),
                        account_number: account_number.into(),
                        account_name: "CONG TY TNHH DU LICH SEN VANG".into(),
                        branch: branch.into(),
                    },
                )
                .map(|a| a.id)
            })
            .collect::<Result<_>>()?;
            let group_level = levels::add(tx, "Khách đoàn")?.id;
            let interest = settings::add_custom_field(
                tx,
                CustomFieldInput {
                    name: "Sở thích du lịch".into(),
                    kind: CustomFieldKind::Choice,
                    choices: vec![
                        "Biển".into(),
                        "Núi".into(),
                        "Văn hoá".into(),
                        "Ẩm thực".into(),
                    ],
                },
            )?;
            let trips = settings::add_custom_field(
                tx,
                CustomFieldInput {
                    name: "Số chuyến đã đi".into(),
                    kind: CustomFieldKind::Number,
                    choices: vec![],
                },
            )?;
            let levels_by_key: BTreeMap<String, LevelId> = levels::all(tx)?
                .into_iter()
                .map(|l| (l.key.clone(), l.id))
                .collect();
            let mut rng = fastrand::Rng::with_seed(20261123);
            let mut made: Vec<CustomerId> = Vec::with_capacity(customers as usize);
            for i in 0..customers {
                let mut new = person(&mut rng, today);
                let roll = rng.u32(0..100);
                let key = match roll {
                    0..=29 => "lead",
                    30..=54 => "potential",
                    55..=89 => "customer",
                    _ => "vip",
                };
                new.level_id = if rng.u32(0..40) == 0 {
                    Some(group_level.clone())
                } else {
                    levels_by_key.get(key).cloned()
                };
                new.responsible_id =
                    (rng.u32(0..6) > 0).then(|| staff_ids[rng.usize(0..staff_ids.len())].clone());
                if new.source == "Giới thiệu" && !made.is_empty() {
                    new.referrer_id = Some(made[rng.usize(0..made.len())].clone());
                }
                if rng.bool() {
                    let choice = interest.choices[rng.usize(0..interest.choices.len())].clone();
                    new.custom.insert(interest.id.0.clone(), choice);
                }
                if new.level_id == levels_by_key.get("customer").cloned()
                    || new.level_id == levels_by_key.get("vip").cloned()
                {
                    new.custom
                        .insert(trips.id.0.clone(), rng.u32(1..15).to_string());
                }
                let c = customers::add(tx, new)?;
                let this = DemoCustomer {
                    id: &c.id,
                    full_name: &c.full_name,
                    company: c.customer_type != CustomerType::Individual,
                    index: i,
                    staff: &staff_ids,
                    today,
                };
                if tabs == DemoTabs::All {
                    fill_tabs(tx, &this)?;
                } else {
                    crate::followups::demo(tx, &this)?;
                }
                crate::demo_money::demo(tx, &this, &accounts)?;
                // A few customers walk the pipeline, and a few are archived, so that the
                // History tab and the Archived filter have something to show.
                if i % 17 == 3 {
                    customers::promote(tx, &c.id).ok();
                }
                if i % 53 == 7 {
                    customers::set_archived(tx, &c.id, true)?;
                }
                made.push(c.id);
            }
            Ok(DemoSummary {
                customers,
                staff: staff_ids.len() as u32,
            })
        });
        self.origin = origin;
        let summary = result?;
        for id in made_recent(self)? {
            self.record_view(&id)?;
        }
        // Files need the folder beside the file: written after the records they belong to.
        if tabs == DemoTabs::All {
            crate::files::demo(self, today)?;
        }
        Ok(summary)
    }
}

/// Which of a demo customer's tabs are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoTabs {
    /// Every tab, files included.
    All,
    /// Her record, follow-ups, and quotes, bookings, payments and prepaid credit: the shape of
    /// a file that holds mostly care and money (the backup benchmark's).
    CareAndMoney,
}

/// One demo customer, as the areas that fill her tabs see her.
pub(crate) struct DemoCustomer<'a> {
    pub id: &'a CustomerId,
    pub full_name: &'a str,
    /// A company or an agency: contacts are its staff, not its family.
    pub company: bool,
    /// Her place among the demo customers: each area seeds its own random numbers from it, so
    /// that adding to one area leaves the others' data as it was.
    pub index: u32,
    pub staff: &'a [StaffId],
    pub today: NaiveDate,
}

impl DemoCustomer<'_> {
    /// Random numbers for one area of this customer, the same on every run.
    pub fn rng(&self, area: u64) -> fastrand::Rng {
        fastrand::Rng::with_seed(20261123 ^ (area << 32) ^ u64::from(self.index))
    }
}

/// Contacts, addresses, bank accounts, notes, follow-ups and tasks for one demo customer.
fn fill_tabs(tx: &mut crate::db::Tx, c: &DemoCustomer) -> Result<()> {
    crate::contacts::demo(tx, c)?;
    crate::addresses::demo(tx, c)?;
    crate::banks::demo(tx, c)?;
    crate::notes::demo(tx, c)?;
    crate::followups::demo(tx, c)?;
    crate::tasks::demo(tx, c)?;
    Ok(())
}

/// A handful of customers shown as recently viewed.
fn made_recent(desk: &Desk) -> Result<Vec<CustomerId>> {
    let mut stmt = desk
        .conn()
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY created_at LIMIT 5")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(0..list.len())]
}

pub(crate) fn surname(rng: &mut fastrand::Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut roll = rng.u32(0..total);
    for (name, weight) in SURNAMES {
        if roll < *weight {
            return name;
        }
        roll -= weight;
    }
    SURNAMES[0].0
}

/// Folded to ASCII for an email address: "Nguyễn Thị Hồng" → "hong.nguyen".
pub(crate) fn mailbox(given: &str, family: &str, n: u32) -> String {
    let f = |s: &str| crate::text::fold(s).replace([' ', '-'], "");
    format!(
        "{}.{}{}",
        f(given),
        f(family),
        if n > 0 { n.to_string() } else { String::new() }
    )
}

pub(crate) fn mobile(rng: &mut fastrand::Rng) -> String {
    const PREFIXES: &[&str] = &[
        "090", "091", "093", "094", "096", "097", "098", "032", "035", "038", "070", "077", "081",
        "086", "088",
    ];
    format!("{}{:07}", pick(rng, PREFIXES), rng.u32(0..10_000_000))
}

fn person(rng: &mut fastrand::Rng, today: NaiveDate) -> NewCustomer {
    let mut new = NewCustomer::default();
    let foreign = rng.u32(0..100) < 12;
    let mut female = rng.bool();
    if foreign {
        let (country, given, family, woman) = FOREIGN[rng.usize(0..FOREIGN.len())];
        female = woman;
        new.full_name = format!("{given} {family}");
        new.country = country.into();
        new.emails = vec![format!(
            "{}@{}",
            mailbox(given, family, rng.u32(0..99)),
            pick(rng, &["gmail.com", "outlook.com", "yahoo.com"])
        )];
        if rng.bool() {
            new.phones = vec![mobile(rng)];
        }
        new.address = format!(
            "{} {}, {}",
            rng.u32(1..300),
            pick(rng, STREETS),
            CITIES[rng.usize(0..3)].0
        );
    } else {
        let family = surname(rng);
        let (middle, given) = if female {
            (pick(rng, MIDDLE_F), pick(rng, GIVEN_F))
        } else {
            (pick(rng, MIDDLE_M), pick(rng, GIVEN_M))
        };
        new.full_name = format!("{family} {middle} {given}");
        new.country = "VN".into();
        new.phones = vec![mobile(rng)];
        if rng.u32(0..5) == 0 {
            new.phones.push(mobile(rng));
        }
        if rng.u32(0..10) < 8 {
            let domain = pick(rng, &["gmail.com", "yahoo.com.vn", "outlook.com", "fpt.vn"]);
            new.emails = vec![format!(
                "{}@{domain}",
                mailbox(given, family, rng.u32(0..999))
            )];
        }
        let (city, districts) = CITIES[rng.usize(0..CITIES.len())];
        new.address = format!(
            "{} {}, {}, {}",
            rng.u32(1..400),
            pick(rng, STREETS),
            pick(rng, districts),
            city
        );
        if rng.u32(0..3) == 0 {
            new.zalo = new.phones[0].clone();
        }
    }
    new.gender = if female { Gender::Female } else { Gender::Male };
    let age_days = rng.i64(18 * 365..75 * 365);
    new.birth_date = (today - Duration::days(age_days))
        .format("%d/%m/%Y")
        .to_string();
    new.source = pick(rng, SOURCES).into();
    match rng.u32(0..100) {
        0..=9 => {
            new.customer_type = CustomerType::Company;
            new.company = pick(rng, COMPANIES).into();
            new.position_title = pick(
                rng,
                &[
                    "Trưởng phòng Nhân sự",
                    "Thư ký",
                    "Giám đốc",
                    "Kế toán trưởng",
                ],
            )
            .into();
        }
        10..=12 => {
            new.customer_type = CustomerType::Agency;
            new.company = pick(rng, AGENCIES).into();
            new.position_title = "Điều hành tour".into();
        }
        _ => {}
    }
    if rng.u32(0..3) == 0 {
        new.assigned_to = pick(rng, UNITS).into();
    }
    if rng.u32(0..5) < 2 {
        new.passport_no = format!(
            "{}{:07}",
            pick(rng, &["C", "N", "P"]),
            rng.u32(0..10_000_000)
        );
        new.passport_expiry = (today + Duration::days(rng.i64(-200..3650)))
            .format("%Y-%m-%d")
            .to_string();
    }
    if rng.u32(0..4) == 0 {
        new.facebook = format!(
            "https://facebook.com/{}",
            mailbox("", &new.full_name, 0).trim_start_matches('.')
        );
    }
    if rng.u32(0..4) == 0 {
        new.description = pick(rng, NOTES).into();
    }
    if rng.u32(0..5) > 0 {
        new.last_contact_on = (today - Duration::days(rng.i64(0..400)))
            .format("%Y-%m-%d")
            .to_string();
    }
    new
}
