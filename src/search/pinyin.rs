//! `search/pinyin.js`, for 你是不是要找: a worker typing fast with a pinyin input method picks
//! the wrong character of the right sound (投塑 for 投诉, 电表坏了 as 电表怀了). When a query
//! holds a pair of characters the book never has, the client (search.js, `suggest`) tries the
//! book's characters of the same sound in its place and offers the query whose every pair is
//! in the book. This file gives it the sound of every common character, and the book's own
//! characters for each sound, most used first. It is loaded only for such a query.

use pinyin::{ToPinyin, ToPinyinMulti};
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
/// number plus one (0: no reading known), by its most common reading.
fn table() -> &'static (Vec<&'static str>, Vec<u16>) {
    static TABLE: OnceLock<(Vec<&'static str>, Vec<u16>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let reading = |cp: u32| {
            char::from_u32(cp)
                .and_then(|c| c.to_pinyin())
                .map(|p| p.plain())
        };
        let mut syllables: Vec<&'static str> = (FIRST..=LAST)
            .filter_map(char::from_u32)
            .filter_map(|c| c.to_pinyin_multi())
            .flat_map(|m| m.into_iter().map(|p| p.plain()))
            .collect();
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

/// A character's other readings (多音字: 长 is zhang and chang, 还 hai and huan), as
/// syllable numbers, without its most common one.
fn other_syllables(c: char) -> Vec<usize> {
    let (syllables, _) = table();
    let first = syllable(c);
    let mut out: Vec<usize> = c
        .to_pinyin_multi()
        .into_iter()
        .flat_map(|m| m.into_iter())
        .filter_map(|p| syllables.binary_search(&p.plain()).ok())
        .filter(|&s| Some(s) != first)
        .collect();
    // (The crate lists a reading once per tone: 行 xing, hang, heng, xing, hang.)
    let mut seen = Vec::new();
    out.retain(|s| {
        let new = !seen.contains(s);
        seen.push(*s);
        new
    });
    out
}

/// Two symbols for `n` (below 93 * 93).
fn push_code(out: &mut String, n: usize) {
    let base = SYMBOLS.len();
    out.push(SYMBOLS[n / base] as char);
    out.push(SYMBOLS[n % base] as char);
}

/// The file: `chars` are the book's characters with how much of the index each begins (its
/// use), in any order. A character of several readings is offered for each of them (长 for
/// zhang and chang); `more` gives the book's characters' other readings, so that one typed
/// by mistake is looked up by each (its most common is in `cjk`, for every character).
pub fn file(chars: impl Iterator<Item = (u32, usize)>) -> Vec<u8> {
    let (syllables, of) = table();
    // (Per sound: whether it is the character's other reading, its use, the character.)
    let mut by_sound: Vec<Vec<(bool, usize, char)>> = vec![Vec::new(); syllables.len()];
    let mut more: Vec<(char, Vec<usize>)> = Vec::new();
    for (cp, used) in chars {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if let Some(s) = syllable(c) {
            by_sound[s].push((false, used, c));
            let others = other_syllables(c);
            for &o in &others {
                by_sound[o].push((true, used, c));
            }
            if !others.is_empty() {
                more.push((c, others));
            }
        }
    }
    let book: Vec<String> = by_sound
        .into_iter()
        .map(|mut v| {
            // The crate's other readings run down to archaic ones (能 tai, 度 zhai, 差 ci):
            // the characters of which it is the most common reading come first, then `|` and
            // those of which it is another (tried only when the first fail).
            v.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            let mut list = String::new();
            for (other, _, c) in v.into_iter().take(PER_SOUND) {
                if other && !list.contains('|') {
                    list.push('|');
                }
                list.push(c);
            }
            list
        })
        .collect();
    let mut cjk = String::with_capacity(of.len() * 2);
    for &n in of {
        push_code(&mut cjk, n as usize);
    }
    // 长!#… : each character, then two symbols per other reading.
    more.sort_unstable();
    let mut others = String::new();
    for (c, syls) in more {
        others.push(c);
        for s in syls {
            push_code(&mut others, s);
        }
    }
    let payload = serde_json::json!({
        "first": FIRST,
        "syl": syllables,
        "cjk": cjk,
        "book": book,
        "more": others,
    });
    format!("window.__handbookSearch(\"pinyin\",0,{payload});\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file made for a book of `chars` (with their use), as JSON.
    fn payload(chars: &[(char, usize)]) -> serde_json::Value {
        let js = String::from_utf8(file(chars.iter().map(|&(c, n)| (c as u32, n)))).unwrap();
        serde_json::from_str(
            js.trim_start_matches("window.__handbookSearch(\"pinyin\",0,")
                .trim_end_matches(");\n"),
        )
        .unwrap()
    }

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
        let v = payload(&[('诉', 50), ('速', 80), ('苏', 3), ('投', 40), ('a', 9)]);
        let syl = v["syl"].as_array().unwrap();
        let su = syl.iter().position(|s| s == "su").unwrap();
        assert_eq!(v["book"][su], "速诉苏");
        // (Of these, only 投 has another reading: dou, rarely.)
        assert!(!v["more"].as_str().unwrap().contains(['诉', '速', '苏']));
        // The sound of 塑 (not in the book) decodes from the table.
        let cjk: Vec<u8> = v["cjk"].as_str().unwrap().bytes().collect();
        let i = ('塑' as u32 - FIRST) as usize * 2;
        let at = |b: u8| SYMBOLS.iter().position(|&s| s == b).unwrap();
        assert_eq!(at(cjk[i]) * 93 + at(cjk[i + 1]), su + 1);
    }

    #[test]
    fn a_character_of_several_readings_is_offered_for_each() {
        // 长 is most often read zhang by the table, but 延长 is chang: both lists hold it,
        // and its other reading comes in `more`.
        let v = payload(&[('长', 50), ('常', 40), ('张', 30)]);
        let syl = v["syl"].as_array().unwrap();
        let at = |name: &str| syl.iter().position(|s| s == name).unwrap();
        // (Of a sound, the characters whose most common reading it is come first.)
        let first = syllable('长').unwrap();
        let (mine, other) = if syl[first] == "zhang" {
            ("zhang", "chang")
        } else {
            ("chang", "zhang")
        };
        assert_eq!(
            v["book"][at(mine)],
            if mine == "zhang" { "长张" } else { "长常" }
        );
        assert_eq!(
            v["book"][at(other)],
            if other == "chang" {
                "常|长"
            } else {
                "张|长"
            }
        );
        let mut code = String::new();
        push_code(&mut code, at(other));
        assert_eq!(v["more"], format!("长{code}"));
        assert!(other_syllables('诉').is_empty());
        assert!(other_syllables('还').contains(&at("huan")));
    }
}
