// The words every money area shares (amounts, currencies, their errors): Vietnamese first;
// English has the same keys (the type checks it).
export const vi = {
  "money.currency": "Tiền tệ",
  "money.amount": "Số tiền",
  "money.total": "Tổng cộng",
  "money.amountHint": "Ví dụ 1.250.000 hoặc 1.250,50",
  "money.notANumber": "“{value}” không phải là một số tiền.",
  "error.invalidAmount": "“{value}” không phải là một số tiền.",
  "error.amountTooLarge": "Số tiền quá lớn.",
  "error.amountNotPositive": "{field} phải lớn hơn 0.",
  "error.prepaidOverdraw": "Số dư trả trước không đủ: sau khoản này số dư sẽ là {value}.",
  "error.hasPayments": "Đơn này đã có thanh toán bằng tiền tệ cũ nên không thể đổi tiền tệ.",
} as const;

export const en: Record<keyof typeof vi, string> = {
  "money.currency": "Currency",
  "money.amount": "Amount",
  "money.total": "Total",
  "money.amountHint": "For example 1,250,000 or 1,250.50",
  "money.notANumber": "“{value}” is not an amount.",
  "error.invalidAmount": "“{value}” is not an amount.",
  "error.amountTooLarge": "The amount is too large.",
  "error.amountNotPositive": "{field} must be more than 0.",
  "error.prepaidOverdraw": "Not enough prepaid credit: after this payment the balance would be {value}.",
  "error.hasPayments": "This booking has payments in its currency, so its currency cannot change.",
};
