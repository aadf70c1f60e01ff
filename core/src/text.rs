//! Text rules shared by every area: what is stored (NFC), how search folds, how names sort.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Trims and normalises user text to NFC, the only form stored.
pub fn clean(s: &str) -> String {
    let s = s.trim();
    // Most text is NFC already (all ASCII text is): checked quickly, copied as it is.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// The search key of a text: lowercase, without diacritics; `đ` becomes `d`, which Unicode does
/// not decompose. "Nguyễn Thị Hồng" and "NGUYEN thi hong" both fold to "nguyen thi hong".
pub fn fold(s: &str) -> String {
    folded_chars(s).collect()
}

/// `fold`, a character at a time: what a key starts with, without folding the whole text.
pub fn folded_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
}

/// Text without its accents, case kept: "Nguyễn Thị Hồng" becomes "Nguyen Thi Hong" and
/// "Đặng" becomes "Dang", for names that must survive systems that mangle accents.
pub fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            _ => c,
        })
        .collect()
}

/// The first letter or digit of a text once folded: the first character of its header key.
pub fn first_folded_alphanumeric(s: &str) -> Option<char> {
    folded_chars(s).find(|c| c.is_alphanumeric())
}

/// The words of a search as FTS5 prefix terms, each quoted so that nothing typed is read as
/// query syntax. Returns `None` when nothing searchable was typed.
pub fn fts_prefix_query(typed: &str) -> Option<String> {
    let folded = fold(typed);
    let terms: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The Vietnamese alphabet, in its order: each letter's position is its byte in a sort key.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// A key that orders names as a Vietnamese reader expects under plain byte comparison: letters
/// in the Vietnamese alphabet (a < ă < â < b … d < đ … o < ô < ơ … u < ư), case ignored, tone
/// marks only breaking ties. One byte a letter (`A`..`a`), then `\x01` and the tones.
pub fn sort_key(s: &str) -> String {
    let mut letters = String::with_capacity(s.len() + 8);
    let mut tones = String::new();
    for ch in s.nfc().flat_map(char::to_lowercase) {
        let mut decomposed = ch.nfd();
        let mut base = decomposed.next().unwrap_or(ch);
        let mut tone = '0';
        for mark in decomposed {
            match mark {
                '\u{306}' if base == 'a' => base = 'ă',
                '\u{302}' => {
                    base = match base {
                        'a' => 'â',
                        'e' => 'ê',
                        'o' => 'ô',
                        other => other,
                    }
                }
                '\u{31b}' => {
                    base = match base {
                        'o' => 'ơ',
                        'u' => 'ư',
                        other => other,
                    }
                }
                '\u{300}' => tone = '1', // huyền
                '\u{309}' => tone = '2', // hỏi
                '\u{303}' => tone = '3', // ngã
                '\u{301}' => tone = '4', // sắc
                '\u{323}' => tone = '5', // nặng
                _ => {}
            }
        }
        let byte = match ALPHABET.iter().position(|l| *l == base) {
            Some(i) => char::from(b'A' + i as u8),
            None if base.is_ascii_digit() || !base.is_ascii() => base,
            None => ' ',
        };
        letters.push(byte);
        tones.push(tone);
    }
    letters.push('\u{1}');
    // Trailing zeros never change an order between keys of equal letters.
    letters.push_str(tones.trim_end_matches('0'));
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_vietnamese_marks() {
        assert_eq!(fold("Nguyễn Thị Hồng"), "nguyen thi hong");
        assert_eq!(fold("ĐẶNG Văn Đức"), "dang van duc");
        assert_eq!(fold("Trần Quốc Tuấn"), "tran quoc tuan");
        // Windows-1258 style: base letter followed by a combining mark.
        assert_eq!(fold("Nguye\u{302}\u{303}n"), "nguyen");
    }

    #[test]
    fn a_key_starts_with_the_first_folded_letter() {
        assert_eq!(first_folded_alphanumeric("  Đặng"), Some('d'));
        assert_eq!(first_folded_alphanumeric("'Tổng cộng"), Some('t'));
        assert_eq!(first_folded_alphanumeric("--"), None);
        for text in ["Mã KH", "KH000001", "Ư", "İstanbul", "(Tổng)", "12 Lê Lợi"] {
            let key = fold(text);
            let first = key.chars().find(|c| c.is_alphanumeric());
            assert_eq!(first_folded_alphanumeric(text), first, "{text}");
        }
    }

    #[test]
    fn typed_search_never_reaches_fts_syntax() {
        assert_eq!(
            fts_prefix_query("nguyen thi"),
            Some("\"nguyen\"* \"thi\"*".into())
        );
        assert_eq!(
            fts_prefix_query("\" OR x NEAR(y"),
            Some("\"or\"* \"x\"* \"near\"* \"y\"*".into())
        );
        assert_eq!(fts_prefix_query("  -- ; "), None);
    }

    #[test]
    fn names_sort_in_vietnamese_alphabet_order() {
        let mut names = vec![
            "Đặng Thu",
            "Dương Hà",
            "Ánh",
            "Anh",
            "Ăn",
            "Ân",
            "Bình",
            "Ơn",
            "Ôn",
            "On",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            vec![
                "Anh",
                "Ánh",
                "Ăn",
                "Ân",
                "Bình",
                "Dương Hà",
                "Đặng Thu",
                "On",
                "Ôn",
                "Ơn"
            ]
        );
    }

    #[test]
    fn stored_text_is_nfc() {
        assert_eq!(clean("  Nguye\u{302}\u{303}n "), "Nguyễn");
    }
}
