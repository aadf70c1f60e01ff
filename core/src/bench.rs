//! `tripdesk bench`: builds a demo database and times what the agent waits for.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tripdesk::customers::{CustomerQuery, CustomerSort};
use tripdesk::db::OpenMode;
use tripdesk::demo::DemoTabs;
use tripdesk::{Desk, Error, Origin};

/// Samples of one operation, sorted.
pub(crate) struct Timing(Vec<Duration>);

impl Timing {
    pub(crate) fn of(
        runs: usize,
        mut f: impl FnMut(usize) -> Result<(), Error>,
    ) -> Result<Timing, Error> {
        let mut samples = Vec::with_capacity(runs);
        for i in 0..runs {
            let start = Instant::now();
            f(i)?;
            samples.push(start.elapsed());
        }
        samples.sort();
        Ok(Timing(samples))
    }
    fn pct(&self, p: f64) -> String {
        let i = ((self.0.len() as f64 - 1.0) * p).round() as usize;
        ms(self.0[i])
    }
    fn row(&self, what: &str) -> String {
        format!(
            "| {what} | {} | {} | {} | {} |",
            self.0.len(),
            self.pct(0.5),
            self.pct(0.95),
            self.pct(1.0)
        )
    }

    /// A row of few, long runs: the median and the slowest, in seconds.
    pub(crate) fn row_in_seconds(&self, what: &str) -> String {
        let s = |d: Duration| format!("{:.2} s", d.as_secs_f64());
        let median = self.0[(self.0.len() - 1) / 2];
        let max = self.0.last().copied().unwrap_or(median);
        format!("| {what} | {} | {} | {} |", self.0.len(), s(median), s(max))
    }
}

/// The day the benchmarks' demo files are made on.
pub(crate) fn bench_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// Builds a demo file of `customers` at `path`, which must not exist yet; how long that took.
pub(crate) fn build_demo(path: &Path, customers: u32, tabs: DemoTabs) -> Result<Duration, Error> {
    if path.exists() {
        return Err(Error::NotAllowed(format!(
            "{} exists already",
            path.display()
        )));
    }
    let start = Instant::now();
    let mut desk = Desk::open(path, OpenMode::Create, Origin::Cli)?;
    desk.load_demo_of(customers, bench_today(), tabs)?;
    Ok(start.elapsed())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

pub fn run(customers: u32, dir: Option<PathBuf>) -> Result<(), Error> {
    let temp_dir_used = std::env::temp_dir().join(format!("tripdesk-bench-{}", std::process::id()));
    let dir = dir.unwrap_or_else(|| temp_dir_used.clone());
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.sqlite3");
    let today = bench_today();
    let load = build_demo(&path, customers, DemoTabs::All)?;
    let size = std::fs::metadata(&path)?.len();

    let opens = Timing::of(5, |_| {
        Desk::open(&path, OpenMode::Existing, Origin::App).map(drop)
    })?;
    let desk = Desk::open(&path, OpenMode::Existing, Origin::App)?;
    let first_page = |text: &str, sort: CustomerSort| CustomerQuery {
        text: text.to_owned(),
        sort,
        limit: 100,
        ..Default::default()
    };

    // What she types: names without accents, codes, phone and email prefixes.
    let names: Vec<String> = desk
        .list_customers(&CustomerQuery {
            limit: 500,
            ..Default::default()
        })?
        .rows
        .into_iter()
        .map(|r| r.full_name)
        .collect();
    let mut queries: Vec<String> = Vec::new();
    for (i, name) in names.iter().enumerate().take(200) {
        let folded = tripdesk::text::fold(name);
        let q = match i % 5 {
            0 => folded.clone(),
            1 => folded.split(' ').next_back().unwrap_or_default().to_owned(),
            2 => folded.chars().take(3).collect(),
            3 => format!("KH{:03}", i),
            _ => format!("09{}", i % 10),
        };
        queries.push(q);
    }
    let search = Timing::of(queries.len(), |i| {
        desk.search_customers(&queries[i], 50).map(drop)
    })?;

    // Keystroke by keystroke, the list's first page with the total count, in name order.
    let typed = "nguyen thi hong";
    let prefixes: Vec<&str> = (1..=typed.len())
        .map(|n| &typed[..n])
        .filter(|p| !p.ends_with(' '))
        .collect();
    let keystrokes = Timing::of(prefixes.len() * 5, |i| {
        desk.list_customers(&first_page(
            prefixes[i % prefixes.len()],
            CustomerSort::Name,
        ))
        .map(drop)
    })?;

    let sorts = [
        CustomerSort::Code,
        CustomerSort::Name,
        CustomerSort::Level,
        CustomerSort::Phone,
        CustomerSort::Email,
        CustomerSort::Responsible,
        CustomerSort::LastContact,
    ];
    let sorted = Timing::of(sorts.len() * 6, |i| {
        let mut q = first_page("", sorts[i % sorts.len()]);
        q.descending = i % 2 == 1;
        desk.list_customers(&q).map(drop)
    })?;
    let deep = Timing::of(20, |i| {
        let mut q = first_page("", CustomerSort::Name);
        q.offset = customers.saturating_sub(200) * (i as u32 + 1) / 20;
        desk.list_customers(&q).map(drop)
    })?;
    let check = Timing::of(1, |_| desk.check().map(drop))?;
    let today_at = today.and_hms_opt(10, 0, 0).unwrap_or_default();
    let dashboard = Timing::of(20, |_| desk.dashboard(today, today_at).map(drop))?;
    drop(desk);
    let (opened, parts) = busy_customer(&path, &dir)?;
    let (money, money_parts) = money_customer(&path, today)?;
    let desk = Desk::open(&path, OpenMode::Existing, Origin::App)?;

    println!(
        "Database: {customers} demo customers, {:.1} MB; demo load {:.1} s.\n",
        size as f64 / 1e6,
        load.as_secs_f64()
    );
    println!("| operation | runs | p50 | p95 | max |");
    println!("|---|---|---|---|---|");
    println!(
        "{}",
        opens.row("open the file (lock, quick_check, schema check)")
    );
    println!("{}", search.row("search, 50 results (`tripdesk search`)"));
    println!(
        "{}",
        keystrokes.row("list first page + total, per keystroke of \"nguyen thi hong\"")
    );
    println!(
        "{}",
        sorted.row("list first page + total, each sort, both directions")
    );
    println!(
        "{}",
        deep.row("list page deep in the list (scrolling), name order")
    );
    println!("{}", check.row("check (integrity_check + invariants)"));
    println!(
        "{}",
        dashboard.row("the Dashboard (calendar, due tasks and follow-ups, birthdays, passports)")
    );
    println!(
        "{}",
        opened.row(&format!(
            "open a customer with {BUSY_FOLLOWUPS} follow-ups, {BUSY_TASKS} tasks, {BUSY_FILES} files: every tab's first page and both charts"
        ))
    );
    for (what, timing) in &parts {
        println!("{}", timing.row(&format!("… of which {what}")));
    }
    println!(
        "{}",
        money.row(&format!(
            "a customer's Prepaid tab and revenue with {MONEY_TOP_UPS} top-ups and {MONEY_CREDIT} credit payments in 3 currencies"
        ))
    );
    for (what, timing) in &money_parts {
        println!("{}", timing.row(&format!("… {what}")));
    }
    for (what, timing) in sheet_pdfs(&desk, today_at)? {
        println!("{}", timing.row(&what));
    }
    let xlsx = xlsx_list(&desk, &dir)?;
    xlsx.print_rows();
    xlsx.print_ratio();
    drop(desk);
    if dir == temp_dir_used {
        std::fs::remove_dir_all(&dir).ok();
    }
    Ok(())
}

/// What one operation is made of, each part timed alone.
type Parts = Vec<(&'static str, Timing)>;

const BUSY_FOLLOWUPS: u32 = 2000;
const BUSY_TASKS: u32 = 200;
const BUSY_FILES: u32 = 100;

/// Gives the first customer a long history of care (follow-ups over two years, tasks, files),
/// then times what opening her page asks the core for: her record, the first page of every
/// tab, both charts of the Overview, and her History.
fn busy_customer(path: &Path, dir: &Path) -> Result<(Timing, Parts), Error> {
    use chrono::{Duration as Days, NaiveDate};
    use tripdesk::files::FileCategory;
    use tripdesk::followups::{FollowUpFilter, FollowUpInput, FollowUpStatus};
    use tripdesk::tasks::{TaskInput, TaskPriority, TaskStatus};

    let mut desk = Desk::open(path, OpenMode::Existing, Origin::Cli)?;
    let id = desk
        .list_customers(&CustomerQuery {
            limit: 1,
            ..Default::default()
        })?
        .rows
        .into_iter()
        .next()
        .map(|r| r.id)
        .ok_or(Error::NotFound("customer"))?;
    let methods = desk.lookups()?.care_methods;
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default();
    for i in 0..BUSY_FOLLOWUPS {
        let day = start + Days::days(i64::from(i * 700 / BUSY_FOLLOWUPS));
        let status = match i % 3 {
            0 => FollowUpStatus::Unfulfilled,
            1 => FollowUpStatus::Processing,
            _ => FollowUpStatus::Finish,
        };
        let method = &methods[i as usize % methods.len()];
        desk.add_followup(
            &id,
            FollowUpInput {
                method_id: Some(tripdesk::CareMethodId(method.id.clone())),
                subject: format!("Gọi tư vấn tour Nhật Bản lần {i}"),
                content: "Khách hỏi lịch trình 7 ngày, khách sạn gần ga, giá cho 2 người lớn."
                    .into(),
                due_at: format!("{day}T09:30"),
                status,
                ..Default::default()
            },
            now,
        )?;
    }
    for i in 0..BUSY_TASKS {
        let day = start + Days::days(i64::from(i * 3));
        desk.add_task(
            &id,
            TaskInput {
                name: format!("Nộp hồ sơ visa đoàn {i}"),
                starts_on: day.to_string(),
                finishes_on: (day + Days::days(5)).to_string(),
                priority: TaskPriority::Normal,
                status: if i % 2 == 0 {
                    TaskStatus::Done
                } else {
                    TaskStatus::Todo
                },
                ..Default::default()
            },
            now.date(),
        )?;
    }
    let sources = dir.join("bench-files");
    std::fs::create_dir_all(&sources)?;
    for i in 0..BUSY_FILES {
        let source = sources.join(format!("hop-dong-{i:03}.pdf"));
        std::fs::write(
            &source,
            format!("%PDF-1.4\n% Hợp đồng số {i}\n").repeat(500),
        )?;
        desk.add_file(&id, &source, Some(FileCategory::Contract))?;
    }
    drop(desk);

    let desk = Desk::open(path, OpenMode::Existing, Origin::App)?;
    const RUNS: usize = 20;
    const PAGE: u32 = 50;
    let all = FollowUpFilter::default();
    let parts: Parts = vec![
        (
            "her record (`customer_view`)",
            Timing::of(RUNS, |_| desk.customer_view(&id).map(drop))?,
        ),
        (
            "contacts, addresses, bank accounts, notes",
            Timing::of(RUNS, |_| {
                desk.contacts(&id)?;
                desk.addresses(&id)?;
                desk.bank_accounts(&id)?;
                desk.notes(&id).map(drop)
            })?,
        ),
        (
            "follow-ups, first page and count",
            Timing::of(RUNS, |_| desk.followups(&id, &all, 0, PAGE, now).map(drop))?,
        ),
        (
            "both charts, 12 months",
            Timing::of(RUNS, |_| desk.followup_charts(&id, 12, now).map(drop))?,
        ),
        (
            "tasks, first page",
            Timing::of(RUNS, |_| desk.tasks(&id, 0, PAGE).map(drop))?,
        ),
        (
            "files, first page",
            Timing::of(RUNS, |_| desk.files(&id, 0, PAGE).map(drop))?,
        ),
        (
            "History",
            Timing::of(RUNS, |_| desk.customer_history(&id).map(drop))?,
        ),
    ];
    let whole = Timing::of(RUNS, |_| {
        desk.customer_view(&id)?;
        desk.contacts(&id)?;
        desk.addresses(&id)?;
        desk.bank_accounts(&id)?;
        desk.notes(&id)?;
        desk.followups(&id, &all, 0, PAGE, now)?;
        desk.followup_charts(&id, 12, now)?;
        desk.tasks(&id, 0, PAGE)?;
        desk.files(&id, 0, PAGE)?;
        desk.customer_history(&id).map(drop)
    })?;
    Ok((whole, parts))
}

const MONEY_BOOKINGS: u32 = 300;
const MONEY_TOP_UPS: u32 = 2500;
const MONEY_CREDIT: u32 = 2500;
const MONEY_CURRENCIES: [&str; 3] = ["VND", "USD", "EUR"];

/// Gives the second customer a long account in three currencies, through the Desk's own
/// methods: bookings with two lines each, top-ups, and bookings paid from her credit (past her
/// balance at times), then times what her Prepaid tab and the Overview's revenue card ask for.
fn money_customer(path: &Path, today: chrono::NaiveDate) -> Result<(Timing, Parts), Error> {
    use tripdesk::bookings::{BookingInput, BookingStatus, PaymentInput, PaymentMethod};
    use tripdesk::lines::LineInput;
    use tripdesk::prepaid::TopUpInput;

    let mut desk = Desk::open(path, OpenMode::Existing, Origin::Cli)?;
    let id = desk
        .list_customers(&CustomerQuery {
            limit: 2,
            ..Default::default()
        })?
        .rows
        .into_iter()
        .nth(1)
        .map(|r| r.id)
        .ok_or(Error::NotFound("customer"))?;
    let line = |description: &str, quantity: u32, unit_price: &str| LineInput {
        id: None,
        description: description.into(),
        quantity,
        unit_price: unit_price.into(),
    };
    let mut bookings = Vec::new();
    for i in 0..MONEY_BOOKINGS {
        let currency = MONEY_CURRENCIES[i as usize % 3];
        let price = if currency == "VND" {
            "12500000"
        } else {
            "890.50"
        };
        let booking = desk.save_booking(
            &id,
            None,
            BookingInput {
                title: format!("Tour đoàn số {i}"),
                currency: currency.into(),
                status: if i % 10 == 0 {
                    BookingStatus::Cancelled
                } else {
                    BookingStatus::Confirmed
                },
                adults: 2,
                lines: vec![
                    line("Trọn gói tour", 2, price),
                    line("Phụ thu phòng đơn", 1, price),
                ],
                ..Default::default()
            },
            today,
        )?;
        bookings.push(booking);
    }
    let day = |i: u32| (today - chrono::Duration::days(i64::from(i % 700))).to_string();
    for i in 0..MONEY_TOP_UPS {
        let currency = MONEY_CURRENCIES[i as usize % 3];
        desk.save_top_up(
            &id,
            None,
            TopUpInput {
                description: format!("Khách chuyển khoản lần {i}"),
                amount: if currency == "VND" { "5000000" } else { "200" }.into(),
                currency: currency.into(),
                received_on: day(i),
            },
        )?;
    }
    for i in 0..MONEY_CREDIT {
        let booking = &bookings[i as usize % bookings.len()];
        desk.save_payment(
            &booking.id,
            None,
            PaymentInput {
                paid_on: day(i * 3),
                amount: if booking.currency == "VND" {
                    "1500000"
                } else {
                    "75.25"
                }
                .into(),
                method: PaymentMethod::Prepaid,
                ..Default::default()
            },
            true,
        )?;
    }
    drop(desk);

    let desk = Desk::open(path, OpenMode::Existing, Origin::App)?;
    const RUNS: usize = 20;
    let parts: Parts = vec![
        (
            "of which the Prepaid tab: balances and the first 100 entries of 5,000",
            Timing::of(RUNS, |_| desk.prepaid(&id, 0, 100).map(drop))?,
        ),
        (
            "of which revenue, receipted and owed",
            Timing::of(RUNS, |_| desk.revenue(&id).map(drop))?,
        ),
        (
            "(beside it) the Bookings tab's first 50 of 300, with lines and payments",
            Timing::of(RUNS, |_| desk.bookings(&id, 0, 50).map(drop))?,
        ),
    ];
    let whole = Timing::of(RUNS, |_| {
        desk.prepaid(&id, 0, 100)?;
        desk.revenue(&id).map(drop)
    })?;
    Ok((whole, parts))
}

/// The customer list exported to a workbook, timed side by side with rust_xlsxwriter writing
/// the same cells in a bare loop.
struct XlsxFigures {
    rows: u32,
    export: Timing,
    bare: Timing,
    bare_constant_memory: Timing,
}

const XLSX_RUNS: usize = 5;

/// Exports every current customer with the list's columns, then reads the file back and writes
/// its cells (strings as strings, days as dates) in a bare loop, default and constant-memory
/// mode; the three alternate, run after run.
fn xlsx_list(desk: &Desk, dir: &Path) -> Result<XlsxFigures, Error> {
    use calamine::{Data, Reader};
    use rust_xlsxwriter::{Format, Workbook};
    use tripdesk::import::xlsx_error;

    let out = dir.join("bench-list.xlsx");
    let query = CustomerQuery::default();
    let rows = desk.export_customer_list(&out, &query, &[])?;
    let read_error = |e: calamine::Error| Error::NotAllowed(e.to_string());
    let mut book = calamine::open_workbook_auto(&out).map_err(read_error)?;
    let first = book.sheet_names().first().cloned().unwrap_or_default();
    let range = book.worksheet_range(&first).map_err(read_error)?;
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    drop(book);

    let bare_path = dir.join("bench-bare.xlsx");
    let bare = |constant_memory: bool| -> Result<(), Error> {
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let ws = if constant_memory {
            book.add_worksheet_with_constant_memory()
                .map_err(xlsx_error)?
        } else {
            book.add_worksheet()
        };
        for (r, row) in (0u32..).zip(&cells) {
            for (c, cell) in (0u16..).zip(row) {
                match cell {
                    Data::String(s) => {
                        ws.write_string(r, c, s).map_err(xlsx_error)?;
                    }
                    Data::DateTime(d) => {
                        ws.write_number_with_format(r, c, d.as_f64(), &date)
                            .map_err(xlsx_error)?;
                    }
                    _ => {}
                }
            }
        }
        book.save(&bare_path).map_err(xlsx_error)
    };
    let (mut export, mut plain, mut constant) = (vec![], vec![], vec![]);
    for _ in 0..XLSX_RUNS {
        let start = Instant::now();
        desk.export_customer_list(&out, &query, &[])?;
        export.push(start.elapsed());
        let start = Instant::now();
        bare(false)?;
        plain.push(start.elapsed());
        let start = Instant::now();
        bare(true)?;
        constant.push(start.elapsed());
    }
    std::fs::remove_file(&out).ok();
    std::fs::remove_file(&bare_path).ok();
    let timing = |mut samples: Vec<Duration>| {
        samples.sort();
        Timing(samples)
    };
    Ok(XlsxFigures {
        rows,
        export: timing(export),
        bare: timing(plain),
        bare_constant_memory: timing(constant),
    })
}

impl XlsxFigures {
    fn print_rows(&self) {
        let rows = self.rows;
        println!(
            "{}",
            self.export.row(&format!(
                "export the customer list to xlsx: {rows} customers × 8 columns (`export_customer_list`, all customers)"
            ))
        );
        println!(
            "{}",
            self.bare
                .row("… beside it, rust_xlsxwriter writing the same cells in a bare loop")
        );
        println!(
            "{}",
            self.bare_constant_memory
                .row("… beside it, the same bare loop in constant-memory mode")
        );
    }

    fn print_ratio(&self) {
        let p50 = |t: &Timing| t.0[(t.0.len() - 1) / 2].as_secs_f64();
        let export = p50(&self.export);
        println!(
            "\nxlsx list export / bare rust_xlsxwriter loop (p50): {:.2} (default mode), {:.2} (constant-memory mode); target at most 1.5.",
            export / p50(&self.bare).max(1e-9),
            export / p50(&self.bare_constant_memory).max(1e-9)
        );
    }
}

/// The customer sheet as a PDF (no logo, every section) of the two customers given long
/// histories above: its time and size.
fn sheet_pdfs(desk: &Desk, now: chrono::NaiveDateTime) -> Result<Vec<(String, Timing)>, Error> {
    let settings = tripdesk::export::SheetSettings::default();
    let who = ["follow-ups and tasks", "bookings and prepaid entries"];
    let ids = desk
        .list_customers(&CustomerQuery {
            limit: 2,
            ..Default::default()
        })?
        .rows;
    let mut rows = Vec::new();
    for (row, what) in ids.iter().zip(who) {
        let file = desk.sheet_pdf(&row.id, &settings, now)?;
        let timing = Timing::of(20, |_| desk.sheet_pdf(&row.id, &settings, now).map(drop))?;
        rows.push((
            format!(
                "customer sheet PDF (no logo), the customer with the most {what}: {} KB",
                file.bytes.len().div_ceil(1024)
            ),
            timing,
        ));
    }
    Ok(rows)
}
