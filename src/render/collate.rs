//! Dictionary order for Chinese terms: by Hanyu Pinyin (then tone), as a reader of a Chinese
//! glossary expects, not by code point (which scatters it: 临时停电 before 主动服务 before
//! 投诉). The readings come from the `pinyin` crate (a character's most common one).

use pinyin::ToPinyin;

/// The key a term sorts by: each Chinese character as its toneless pinyin and tone digit
/// ("投诉" -> "tou2su4"), other characters lower-cased as they are. The digit after each
/// syllable keeps "an" before "ang"; a Latin term files among the pinyin ones by its letters
/// (PDCA under P), numbers before letters.
pub fn pinyin_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len() * 2);
    for (c, p) in s.chars().zip(s.to_pinyin()) {
        match p {
            Some(p) => key.push_str(p.with_tone_num_end()),
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// The letter a term is filed under in the glossary's index: the first letter of its first
/// character's pinyin, or of a Latin term; `#` for a number or anything else.
pub fn index_letter(s: &str) -> char {
    let Some(c) = s.chars().next() else {
        return '#';
    };
    if c.is_ascii_alphabetic() {
        return c.to_ascii_uppercase();
    }
    match c.to_pinyin() {
        Some(p) => p
            .plain()
            .chars()
            .next()
            .map_or('#', |l| l.to_ascii_uppercase()),
        None => '#',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_sort_by_pinyin_with_numbers_first_and_latin_among_them() {
        let mut terms = vec![
            "主动服务",
            "临时停电",
            "投诉",
            "PDCA",
            "95598",
            "安抚",
            "暗访",
            "电能表",
        ];
        terms.sort_by_key(|t| (pinyin_key(t), t.to_string()));
        assert_eq!(
            terms,
            [
                "95598",
                "安抚",
                "暗访",
                "电能表",
                "临时停电",
                "PDCA",
                "投诉",
                "主动服务"
            ]
        );
        assert_eq!(pinyin_key("投诉a"), "tou2su4a");
    }

    #[test]
    fn index_letters() {
        assert_eq!(index_letter("投诉"), 'T');
        assert_eq!(index_letter("PDCA"), 'P');
        assert_eq!(index_letter("pdca"), 'P');
        assert_eq!(index_letter("95598"), '#');
        assert_eq!(index_letter("“引号”"), '#');
        assert_eq!(index_letter(""), '#');
    }
}
