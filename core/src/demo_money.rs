//! Demo money: quotes, bookings in VND and USD with their payments, and prepaid credit, for
//! about a third of the demo customers. The first demo customer has credit in two currencies,
//! the second has spent more credit than she left (a negative balance).

use crate::bookings::{self, Booking, BookingInput, BookingStatus, PaymentInput, PaymentMethod};
use crate::customers::iso_day;
use crate::db::Tx;
use crate::demo::DemoCustomer;
use crate::error::Result;
use crate::ids::AgencyAccountId;
use crate::lines::LineInput;
use crate::prepaid::{self, TopUpInput};
use crate::quotes::{self, QuoteInput, QuoteStatus};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// How a line's quantity is counted.
#[derive(Clone, Copy)]
enum Per {
    Adult,
    Night,
    One,
}

struct Tour {
    title: &'static str,
    destination: &'static str,
    days: u32,
    nights: u32,
    currency: &'static str,
    lines: &'static [(&'static str, Per, &'static str)],
}

#[rustfmt::skip]
const TOURS: &[Tour] = &[
    Tour { title: "Tokyo - Phú Sĩ - Osaka 6 ngày 5 đêm", destination: "Nhật Bản", days: 6, nights: 5, currency: "VND",
        lines: &[("Trọn gói tour, người lớn", Per::Adult, "28900000"), ("Visa Nhật Bản", Per::Adult, "1200000"), ("Phụ thu phòng đơn", Per::One, "4500000")] },
    Tour { title: "Đà Lạt 3 ngày 2 đêm", destination: "Lâm Đồng", days: 3, nights: 2, currency: "VND",
        lines: &[("Trọn gói tour", Per::Adult, "3490000"), ("Xe đưa đón sân bay Liên Khương", Per::One, "600000")] },
    Tour { title: "Phú Quốc nghỉ dưỡng 4 ngày 3 đêm", destination: "Kiên Giang", days: 4, nights: 3, currency: "VND",
        lines: &[("Vé máy bay khứ hồi", Per::Adult, "2850000"), ("Resort hướng biển, phòng đôi", Per::Night, "3200000"), ("Tour 4 đảo bằng cano", Per::Adult, "850000")] },
    Tour { title: "Pháp - Thuỵ Sĩ - Ý 10 ngày 9 đêm", destination: "Châu Âu", days: 10, nights: 9, currency: "USD",
        lines: &[("Tour package, adult", Per::Adult, "2890.00"), ("Schengen visa", Per::Adult, "95.00"), ("Travel insurance", Per::Adult, "42.50")] },
    Tour { title: "Singapore - Malaysia 5 ngày 4 đêm", destination: "Singapore", days: 5, nights: 4, currency: "USD",
        lines: &[("Tour package", Per::Adult, "689.00"), ("Universal Studios tickets", Per::Adult, "61.20")] },
    Tour { title: "Seoul - Nami - Everland 5 ngày 4 đêm", destination: "Hàn Quốc", days: 5, nights: 4, currency: "VND",
        lines: &[("Trọn gói tour", Per::Adult, "15990000"), ("Visa Hàn Quốc", Per::Adult, "1100000")] },
    Tour { title: "Vé máy bay Hà Nội - TP. Hồ Chí Minh", destination: "TP. Hồ Chí Minh", days: 0, nights: 0, currency: "VND",
        lines: &[("Vé khứ hồi Vietnam Airlines, hạng phổ thông", Per::Adult, "2150000"), ("Hành lý ký gửi 23 kg", Per::Adult, "250000")] },
    Tour { title: "Maldives trăng mật 5 ngày 4 đêm", destination: "Maldives", days: 5, nights: 4, currency: "USD",
        lines: &[("Water villa", Per::Night, "650.00"), ("Seaplane transfer", Per::One, "520.00")] },
];

const TOP_UP_SOURCES: &[&str] = &[
    "Khách chuyển khoản đặt cọc tour",
    "Tiền thừa hoàn lại từ đơn trước",
    "Khách gửi tiền mặt tại văn phòng",
    "Công ty chuyển khoản tạm ứng",
];

/// One to four quotes and bookings for about a third of the customers, with payments by how
/// far along each booking is, and prepaid credit for some of them.
pub(crate) fn demo(tx: &Tx, c: &DemoCustomer, accounts: &[AgencyAccountId]) -> Result<()> {
    let mut rng = c.rng(9);
    let special = c.index < 2;
    if !special && rng.u32(0..100) >= 35 {
        return Ok(());
    }
    let mut made: Vec<Booking> = Vec::new();
    for _ in 0..rng.u32(1..=3) {
        let tour = &TOURS[rng.usize(0..TOURS.len())];
        let adults = rng.u32(1..=4);
        let departure = c.today + Duration::days(rng.i64(-300..150));
        let input = QuoteInput {
            title: tour.title.into(),
            destination: tour.destination.into(),
            departure_on: iso_day(departure),
            days: tour.days,
            nights: tour.nights,
            adults,
            children: rng.u32(0..=2),
            infants: u32::from(rng.u32(0..10) == 0),
            currency: tour.currency.into(),
            valid_until: iso_day(departure.min(c.today + Duration::days(rng.i64(-40..30)))),
            status: QuoteStatus::Sent,
            notes: String::new(),
            lines: lines_of(tour, adults),
        };
        let roll = rng.u32(0..100);
        if roll < 45 {
            // A quote she sent or drafted, or that was turned down.
            let status = match roll {
                0..=9 => QuoteStatus::Draft,
                10..=34 => QuoteStatus::Sent,
                _ => QuoteStatus::Rejected,
            };
            quotes::save(tx, c.id, None, QuoteInput { status, ..input }, c.today)?;
        } else if roll < 75 {
            let quote = quotes::save(tx, c.id, None, input, c.today)?;
            let booking = quotes::accept(tx, &quote.id, c.today)?;
            made.push(bookings::get(tx, &booking.id)?);
        } else {
            let input = BookingInput {
                title: input.title,
                destination: input.destination,
                departure_on: input.departure_on,
                return_on: iso_day(departure + Duration::days(i64::from(tour.nights))),
                adults,
                children: input.children,
                infants: input.infants,
                currency: input.currency,
                status: BookingStatus::Pending,
                notes: String::new(),
                lines: input.lines,
            };
            made.push(bookings::save(tx, c.id, None, input, c.today)?);
        }
    }
    let credit_customer = special || rng.u32(0..100) < 12;
    if credit_customer {
        top_ups(tx, c, &mut rng)?;
    }
    for booking in made {
        let departure = booking.departure_on.unwrap_or(c.today);
        let status = if departure < c.today {
            if rng.u32(0..100) < 85 {
                BookingStatus::Completed
            } else {
                BookingStatus::Cancelled
            }
        } else if rng.u32(0..100) < 70 {
            BookingStatus::Confirmed
        } else {
            BookingStatus::Pending
        };
        let booking = if status == booking.status {
            booking
        } else {
            bookings::save(
                tx,
                c.id,
                Some(&booking.id),
                input_of(&booking, status),
                c.today,
            )?
        };
        let share = match status {
            BookingStatus::Completed => 100,
            BookingStatus::Confirmed => rng.u32(30..=60),
            BookingStatus::Pending if rng.bool() => 20,
            _ => 0,
        };
        let deposit_day = (departure - Duration::days(45)).min(c.today);
        if share == 100 {
            let deposit = part_of(&booking, 30);
            pay(
                tx,
                &booking,
                deposit,
                deposit_day,
                method(&mut rng, accounts),
                false,
            )?;
            let rest = booking.total - deposit;
            let day = (departure - Duration::days(7))
                .min(c.today)
                .max(deposit_day);
            pay(tx, &booking, rest, day, method(&mut rng, accounts), false)?;
        } else if share > 0 {
            let credit = credit_customer && booking.currency == "VND";
            let how = if credit {
                (PaymentMethod::Prepaid, None)
            } else {
                method(&mut rng, accounts)
            };
            let amount = part_of(&booking, share);
            let balance = prepaid::balance(tx, c.id, &booking.currency)?;
            let affordable = !credit || crate::money::decimal(balance, "VND") >= amount;
            if affordable {
                pay(tx, &booking, amount, deposit_day, how, false)?;
            }
        }
    }
    match c.index {
        0 => two_currencies(tx, c)?,
        1 => overdrawn(tx, c)?,
        _ => {}
    }
    Ok(())
}

/// The tour's lines for `adults` guests.
fn lines_of(tour: &Tour, adults: u32) -> Vec<LineInput> {
    tour.lines
        .iter()
        .map(|(description, per, price)| LineInput {
            id: None,
            description: (*description).into(),
            quantity: match per {
                Per::Adult => adults,
                Per::Night => tour.nights.max(1),
                Per::One => 1,
            },
            unit_price: (*price).into(),
        })
        .collect()
}

/// What the booking dialog would send to change only its status.
fn input_of(b: &Booking, status: BookingStatus) -> BookingInput {
    BookingInput {
        title: b.title.clone(),
        destination: b.destination.clone(),
        departure_on: b.departure_on.map(iso_day).unwrap_or_default(),
        return_on: b.return_on.map(iso_day).unwrap_or_default(),
        adults: b.adults,
        children: b.children,
        infants: b.infants,
        currency: b.currency.clone(),
        status,
        notes: b.notes.clone(),
        lines: b
            .lines
            .iter()
            .map(|l| LineInput {
                id: Some(l.id.clone()),
                description: l.description.clone(),
                quantity: l.quantity,
                unit_price: l.unit_price.to_string(),
            })
            .collect(),
    }
}

/// `percent` of what is left to pay on a booking, in round figures (thousands of đồng, whole
/// dollars).
fn part_of(b: &Booking, percent: u32) -> Decimal {
    let step = if b.currency == "VND" {
        Decimal::from(1000)
    } else {
        Decimal::ONE
    };
    let part = b.remaining * Decimal::from(percent) / Decimal::from(100);
    ((part / step).floor() * step).min(b.remaining)
}

/// How a payment was made: mostly transfers to one of the agency's accounts.
fn method(
    rng: &mut fastrand::Rng,
    accounts: &[AgencyAccountId],
) -> (PaymentMethod, Option<AgencyAccountId>) {
    match rng.u32(0..10) {
        0..=4 if !accounts.is_empty() => (
            PaymentMethod::Transfer,
            Some(accounts[rng.usize(0..accounts.len())].clone()),
        ),
        0..=7 => (PaymentMethod::Cash, None),
        _ => (PaymentMethod::Card, None),
    }
}

fn pay(
    tx: &Tx,
    b: &Booking,
    amount: Decimal,
    on: NaiveDate,
    (method, account_id): (PaymentMethod, Option<AgencyAccountId>),
    allow_overdraw: bool,
) -> Result<()> {
    if amount <= Decimal::ZERO {
        return Ok(());
    }
    bookings::save_payment(
        tx,
        &b.id,
        None,
        PaymentInput {
            paid_on: iso_day(on),
            amount: amount.to_string(),
            method,
            account_id,
            reference: match method {
                PaymentMethod::Transfer => format!("CK {}", b.code),
                _ => String::new(),
            },
        },
        allow_overdraw,
    )?;
    Ok(())
}

/// One to three top-ups in đồng over the last year.
fn top_ups(tx: &Tx, c: &DemoCustomer, rng: &mut fastrand::Rng) -> Result<()> {
    for _ in 0..rng.u32(1..=3) {
        top_up(
            tx,
            c,
            TOP_UP_SOURCES[rng.usize(0..TOP_UP_SOURCES.len())],
            &(rng.u32(10..=40) * 500_000).to_string(),
            "VND",
            c.today - Duration::days(rng.i64(1..365)),
        )?;
    }
    Ok(())
}

fn top_up(
    tx: &Tx,
    c: &DemoCustomer,
    description: &str,
    amount: &str,
    currency: &str,
    on: NaiveDate,
) -> Result<()> {
    prepaid::save(
        tx,
        c.id,
        None,
        TopUpInput {
            description: description.into(),
            amount: amount.into(),
            currency: currency.into(),
            received_on: iso_day(on),
        },
    )?;
    Ok(())
}

/// Credit in đồng and in dollars, a dollar booking paid partly from it.
fn two_currencies(tx: &Tx, c: &DemoCustomer) -> Result<()> {
    let day = c.today - Duration::days(20);
    top_up(tx, c, "Tiền mặt đô la gửi tại văn phòng", "300", "USD", day)?;
    let booking = book(tx, c, &TOURS[4], 2, 40)?;
    pay(
        tx,
        &booking,
        Decimal::from(200),
        day,
        (PaymentMethod::Prepaid, None),
        false,
    )
}

/// Credit of 5.000.000 ₫ and 7.000.000 ₫ of a booking paid from it: she owes the agency
/// 2.000.000 ₫ of credit.
fn overdrawn(tx: &Tx, c: &DemoCustomer) -> Result<()> {
    let day = c.today - Duration::days(10);
    top_up(
        tx,
        c,
        "Khách chuyển khoản đặt cọc tour",
        "5000000",
        "VND",
        day,
    )?;
    let booking = book(tx, c, &TOURS[0], 1, 60)?;
    let spent =
        crate::money::decimal(prepaid::balance(tx, c.id, "VND")?, "VND") + Decimal::from(2_000_000);
    pay(
        tx,
        &booking,
        spent,
        day,
        (PaymentMethod::Prepaid, None),
        true,
    )
}

/// A confirmed booking of `tour` for `adults`, leaving in `days` days.
fn book(tx: &Tx, c: &DemoCustomer, tour: &Tour, adults: u32, days: i64) -> Result<Booking> {
    let departure = c.today + Duration::days(days);
    bookings::save(
        tx,
        c.id,
        None,
        BookingInput {
            title: tour.title.into(),
            destination: tour.destination.into(),
            departure_on: iso_day(departure),
            return_on: iso_day(departure + Duration::days(i64::from(tour.nights))),
            adults,
            currency: tour.currency.into(),
            status: BookingStatus::Confirmed,
            lines: lines_of(tour, adults),
            ..Default::default()
        },
        c.today,
    )
}
