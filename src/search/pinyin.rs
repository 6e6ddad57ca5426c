//! `search/pinyin.js`, for 你是不是要找: a worker typing fast with a pinyin input method picks
//! the wrong character of the right sound (投塑 for 投诉, 电表坏了 as 电表怀了). When a query
//! holds a pair of characters the book never has, the client (search.js, `suggest`) tries the
//! book's characters of the same sound in its place and offers the query whose every pair is
//! in the book. This file gives it the sound of every common character, and the book's own
//! characters for each sound, most used first. It is loaded only for such a query.

use pinyin::ToPinyin;
use std::sync::OnceLock;

/// The block of characters the table covers: CJK Unified Ideographs.
const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;
/// Characters offered per sound: the book's most used; enough for any real typo, few enough
/// that checking them loads few index files.
const PER_SOUND: usize = 12;
/// The symbols of the table, as in postings: printable ASCII but `"` and `\`.
const SYMBOLS: &[u8] = b" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// Every toneless syllable (sorted), and for each character of the block its syllable's
/// number plus one (0: no reading known).
fn table() -> &'static (Vec<&'static str>, Vec<u16>) {
    static TABLE: OnceLock<(Vec<&'static str>, Vec<u16>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let reading = |cp: u32| {
            char::from_u32(cp)
                .and_then(|c| c.to_pinyin())
                .map(|p| p.plain())
        };
        let mut syllables: Vec<&'static str> = (FIRST..=LAST).filter_map(reading).collect();
        syllables.sort_unstable();
        syllables.dedup();
        let of = (FIRST..=LAST)
            .map(|cp| {
                reading(cp).map_or(0, |s| {
                    syllables.binary_search(&s).map_or(0, |i| i as u16 + 1)
                })
            })
            .collect();
        (syllables, of)
    })
}

/// A character's syllable number, if it has a reading.
fn syllable(c: char) -> Option<usize> {
    let cp = c as u32;
    if !(FIRST..=LAST).contains(&cp) {
        return None;
    }
    match table().1[(cp - FIRST) as usize] {
        0 => None,
        n => Some(n as usize - 1),
    }
}

/// The file: `chars` are the book's characters with how much of the index each begins (its
/// use), in any order.
pub fn file(chars: impl Iterator<Item = (u32, usize)>) -> Vec<u8> {
    let (syllables, of) = table();
    let mut by_sound: Vec<Vec<(usize, char)>> = vec![Vec::new(); syllables.len()];
    for (cp, used) in chars {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if let Some(s) = syllable(c) {
            by_sound[s].push((used, c));
        }
    }
    let book: Vec<String> = by_sound
        .into_iter()
        .map(|mut v| {
            v.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            v.into_iter().take(PER_SOUND).map(|(_, c)| c).collect()
        })
        .collect();
    let base = SYMBOLS.len();
    let mut cjk = String::with_capacity(of.len() * 2);
    for &n in of {
        let n = n as usize;
        cjk.push(SYMBOLS[n / base] as char);
        cjk.push(SYMBOLS[n % base] as char);
    }
    let payload = serde_json::json!({
        "first": FIRST,
        "syl": syllables,
        "cjk": cjk,
        "book": book,
    });
    format!("window.__handbookSearch(\"pinyin\",0,{payload});\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_syllable_number_fits_two_symbols_and_homophones_share_one() {
        let (syllables, _) = table();
        assert!(syllables.len() > 350 && syllables.len() < SYMBOLS.len() * SYMBOLS.len());
        assert_eq!(SYMBOLS.len(), 93);
        assert_eq!(syllable('诉'), syllable('塑'));
        assert_eq!(syllable('投'), syllable('头'));
        assert_ne!(syllable('诉'), syllable('书'));
        assert_eq!(syllable('a'), None);
    }

    #[test]
    fn the_book_lists_its_characters_of_each_sound_most_used_first() {
        let js = String::from_utf8(file(
            [('诉', 50), ('速', 80), ('苏', 3), ('投', 40), ('a', 9)]
                .into_iter()
                .map(|(c, n)| (c as u32, n)),
        ))
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(
            js.trim_start_matches("window.__handbookSearch(\"pinyin\",0,")
                .trim_end_matches(");\n"),
        )
        .unwrap();
        let syl = v["syl"].as_array().unwrap();
        let su = syl.iter().position(|s| s == "su").unwrap();
        assert_eq!(v["book"][su], "速诉苏");
        // The sound of 塑 (not in the book) decodes from the table.
        let cjk: Vec<u8> = v["cjk"].as_str().unwrap().bytes().collect();
        let i = ('塑' as u32 - FIRST) as usize * 2;
        let at = |b: u8| SYMBOLS.iter().position(|&s| s == b).unwrap();
        assert_eq!(at(cjk[i]) * 93 + at(cjk[i + 1]), su + 1);
    }
}
