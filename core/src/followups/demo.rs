//! Demo follow-ups: a year of care for most demo customers.

use super::{add, wall_clock, FollowUpInput, FollowUpStatus};
use crate::db::Tx;
use crate::error::Result;
use crate::ids::CareMethodId;
use crate::lists::{self, ListKind};
use chrono::Duration;

/// Care methods by key, with how often the agent uses each.
const DEMO_METHODS: &[(&str, u32)] = &[
    ("call", 35),
    ("zalo", 30),
    ("email", 15),
    ("meet", 10),
    ("sms", 6),
    ("other", 4),
];

/// Subject, content, and the result when it is done, for each method.
#[rustfmt::skip]
const DEMO_STEPS: &[(&str, &str, &str, &str)] = &[
    ("call", "Gọi tư vấn tour Nhật Bản", "Giới thiệu tour Tokyo - Phú Sĩ - Osaka 6 ngày 5 đêm mùa hoa anh đào.", "Khách quan tâm, hẹn bàn thêm với gia đình."),
    ("call", "Gọi xác nhận lịch khởi hành", "Xác nhận ngày bay, giờ tập trung tại sân bay Tân Sơn Nhất.", "Khách đã xác nhận, gửi lại lịch trình chi tiết."),
    ("call", "Gọi hỏi thăm sau chuyến đi", "Hỏi cảm nhận về hướng dẫn viên, khách sạn và bữa ăn.", "Khách hài lòng, góp ý bữa sáng khách sạn hơi ít món."),
    ("call", "Nhắc hạn hộ chiếu", "Hộ chiếu sắp hết hạn, cần gia hạn trước khi làm visa.", "Khách sẽ đi làm hộ chiếu mới trong tuần."),
    ("zalo", "Gửi lịch trình tour Đà Lạt qua Zalo", "Gửi lịch trình 3 ngày 2 đêm và bảng giá cho nhóm 6 người.", "Khách đã xem, hỏi thêm về phòng gia đình."),
    ("zalo", "Nhắn tin chúc mừng sinh nhật", "Gửi lời chúc và mã giảm giá 5% cho chuyến đi tiếp theo.", "Khách cảm ơn."),
    ("zalo", "Gửi ảnh khách sạn Phú Quốc", "Gửi ảnh phòng hướng biển và hồ bơi của resort.", "Khách chọn phòng hướng biển."),
    ("zalo", "Nhắc chuẩn bị giấy tờ visa Hàn Quốc", "Danh sách giấy tờ: sao kê ngân hàng, xác nhận công việc, ảnh 3.5x4.5.", "Khách đã gửi đủ giấy tờ."),
    ("email", "Gửi báo giá qua email", "Báo giá tour Châu Âu 10 ngày (Pháp - Thuỵ Sĩ - Ý) cho 2 người.", "Khách đồng ý báo giá, chờ đặt cọc."),
    ("email", "Gửi hợp đồng và hoá đơn VAT", "Gửi hợp đồng dịch vụ và thông tin xuất hoá đơn cho công ty.", "Khách đã ký và gửi lại bản scan."),
    ("email", "Gửi khảo sát chất lượng dịch vụ", "Mời khách đánh giá chuyến đi Singapore - Malaysia.", "Khách chấm 9/10."),
    ("meet", "Hẹn gặp tại văn phòng", "Tư vấn trực tiếp tour trăng mật Maldives, mang theo catalogue.", "Khách đặt cọc 30%."),
    ("meet", "Gặp trưởng đoàn công ty", "Thống nhất chương trình du lịch kết hợp hội nghị cho 40 nhân viên.", "Chốt ngày đi, chờ danh sách đoàn."),
    ("sms", "Nhắn tin nhắc lịch bay", "Nhắc khách có mặt tại sân bay trước 3 tiếng.", "Khách đã nhận tin."),
    ("sms", "Gửi mã đặt chỗ", "Gửi mã đặt chỗ vé máy bay Vietnam Airlines.", "Khách đã nhận mã."),
    ("other", "Gửi quà Tết khách thân thiết", "Gửi hộp quà Tết và thiệp cảm ơn qua bưu điện.", "Khách đã nhận quà."),
];

/// One to eight follow-ups for most customers, over the last twelve months and the next one:
/// past ones mostly finished, a few still open (so that some show as out of date), future ones
/// not yet done.
pub(crate) fn demo(tx: &mut Tx, c: &crate::demo::DemoCustomer) -> Result<()> {
    let mut rng = c.rng(5);
    if rng.u32(0..100) < 20 {
        return Ok(());
    }
    let methods = lists::entries(tx, ListKind::CareMethods)?;
    let total_weight: u32 = DEMO_METHODS.iter().map(|(_, w)| w).sum();
    let now = c.today.and_hms_opt(12, 0, 0).unwrap_or_default();
    for _ in 0..rng.u32(1..=8) {
        let mut roll = rng.u32(0..total_weight);
        let mut key = DEMO_METHODS[0].0;
        for (k, w) in DEMO_METHODS {
            if roll < *w {
                key = k;
                break;
            }
            roll -= w;
        }
        let steps: Vec<_> = DEMO_STEPS.iter().filter(|s| s.0 == key).collect();
        let (_, subject, content, result) = steps[rng.usize(0..steps.len())];
        let method_id = methods
            .iter()
            .find(|m| m.key == key)
            .map(|m| CareMethodId(m.id.clone()));
        let day = c.today + Duration::days(rng.i64(-365..=30));
        let hour = rng.u32(8..18);
        let minute = [0, 15, 30, 45][rng.usize(0..4)];
        let due = day.and_hms_opt(hour, minute, 0).unwrap_or(now);
        let past = due < now;
        // Old ones were nearly all done; the last weeks' leave some open, out of date.
        let finished_share = if day < c.today - Duration::days(30) {
            96
        } else {
            75
        };
        let status = if past {
            match rng.u32(0..100) {
                r if r < finished_share => FollowUpStatus::Finish,
                r if r % 2 == 0 => FollowUpStatus::Processing,
                _ => FollowUpStatus::Unfulfilled,
            }
        } else if rng.u32(0..4) == 0 {
            FollowUpStatus::Processing
        } else {
            FollowUpStatus::Unfulfilled
        };
        let done_on = if status == FollowUpStatus::Finish {
            let late = rng.i64(0..3);
            (day + Duration::days(late)).min(c.today)
        } else {
            day
        };
        add(
            tx,
            c.id,
            FollowUpInput {
                method_id,
                subject: (*subject).into(),
                content: (*content).into(),
                due_at: wall_clock(due),
                done_on: if status == FollowUpStatus::Finish {
                    done_on.format("%Y-%m-%d").to_string()
                } else {
                    String::new()
                },
                result: if status == FollowUpStatus::Finish {
                    (*result).into()
                } else {
                    String::new()
                },
                status,
                staff_id: (!c.staff.is_empty() && rng.u32(0..4) > 0)
                    .then(|| c.staff[rng.usize(0..c.staff.len())].clone()),
            },
            now,
        )?;
    }
    Ok(())
}
