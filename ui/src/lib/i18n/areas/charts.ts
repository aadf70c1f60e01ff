// The words of the charts area: Vietnamese first; English has the same keys (the type checks it).
export const vi = {
  "charts.byState": "Theo dõi theo trạng thái",
  "charts.careLevel": "Mức độ chăm sóc",
  "charts.careLevelHint":
    "Số lần chăm sóc mỗi tháng theo hình thức (theo tháng hẹn, hoặc tháng tạo khi chưa hẹn)",
  "charts.range": "Khoảng thời gian",
  "charts.lastMonths": "{n} tháng gần nhất",
  "charts.empty": "Chưa có theo dõi nào. Khi thêm lần chăm sóc ở thẻ Chăm sóc, biểu đồ sẽ hiện ở đây.",
  "charts.openFollowups": "Mở thẻ Chăm sóc",
  "charts.loading": "Đang tải biểu đồ…",
  "charts.slice": "{state}: {n}. Xem các theo dõi này",
  "charts.point": "{method}, {month}: {n}. Xem các theo dõi này",
  "charts.summary": "Số liệu của biểu đồ",
  "charts.summaryStates": "Theo dõi theo trạng thái",
  "charts.summaryMethods": "Số lần chăm sóc theo hình thức và tháng",
  "charts.state": "Trạng thái",
  "charts.count": "Số lượng",
  "charts.method": "Hình thức",
  "charts.legend": "Chú thích",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "charts.byState": "Follow-ups by state",
  "charts.careLevel": "Care level",
  "charts.careLevelHint":
    "Follow-ups per month by care method (by due month, or the month written when not due)",
  "charts.range": "Period",
  "charts.lastMonths": "Last {n} months",
  "charts.empty": "No follow-ups yet. Once you add one on the Follow-ups tab, the charts show here.",
  "charts.openFollowups": "Open Follow-ups",
  "charts.loading": "Loading the charts…",
  "charts.slice": "{state}: {n}. Show these follow-ups",
  "charts.point": "{method}, {month}: {n}. Show these follow-ups",
  "charts.summary": "The charts' figures",
  "charts.summaryStates": "Follow-ups by state",
  "charts.summaryMethods": "Follow-ups by care method and month",
  "charts.state": "State",
  "charts.count": "Count",
  "charts.method": "Method",
  "charts.legend": "Legend",
};
