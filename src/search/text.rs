//! The search normaliser and tokeniser. `themes/default/static/js/search.js` implements the
//! same two functions; `tests/search-vectors.json` holds the vectors both must pass, and
//! docs/search-index.md is the specification.

use unicode_normalization::UnicodeNormalization;

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// The first block of CJK ideographs (extension A and the unified block), where nearly all
/// the text is: folded by direct lookup instead of a search through [`FOLD`] (the index
/// folds every character of the book).
const DIRECT: std::ops::RangeInclusive<u32> = 0x3400..=0x9FFF;

fn direct_table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Box<[char]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<char> = DIRECT.filter_map(char::from_u32).collect();
        for &(from, to) in FOLD {
            if DIRECT.contains(&(from as u32)) {
                t[(from as u32 - DIRECT.start()) as usize] = to;
            }
        }
        t.into_boxed_slice()
    })
}

/// Traditional (or regional variant) → simplified, one character.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < *DIRECT.start() {
        return c;
    }
    if u <= *DIRECT.end() {
        return direct_table()[(u - DIRECT.start()) as usize];
    }
    match FOLD.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => FOLD[i].1,
        Err(_) => c,
    }
}

/// Appends the normalised form of one input character: NFKC, lower case, folded.
pub fn normalise_char(c: char, out: &mut String) {
    normalise_char_with(c, |n| out.push(n));
}

/// The normalised form of one input character, character by character to `push`.
#[inline]
pub fn normalise_char_with(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    if matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF) {
        // Unified ideographs: NFKC and lower case leave them as they are.
        push(fold_char(c));
        return;
    }
    let mut buf = [0u8; 4];
    for n in c.encode_utf8(&mut buf).nfkc() {
        for l in n.to_lowercase() {
            push(fold_char(l));
        }
    }
}

/// Normalises text character by character (so every input character maps to a known output).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        normalise_char(c, &mut out);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flag {
    None,
    /// A piece of a compound word (`proc` of `ts-proc-001`), at the compound's position.
    Part,
    /// The last character of a CJK run, so that every character begins some token.
    End,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Token {
    pub text: String,
    pub pos: u32,
    pub flag: Flag,
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF
        | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

pub fn is_word(c: char) -> bool {
    c.is_ascii_lowercase()
        || c.is_ascii_digit()
        || (matches!(c as u32, 0xC0..=0x24F | 0x370..=0x3FF | 0x400..=0x4FF)
            && c != '\u{D7}'
            && c != '\u{F7}')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '/' | '.' | '_')
}

/// One token as the tokeniser finds it: a CJK bigram or single character by its code points
/// (no string built for the bulk of the tokens), or a word.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tok<'a> {
    Cjk(char, Option<char>),
    Word(&'a str),
}

/// Tokenises normalised text: CJK runs into overlapping bigrams plus an `End` character,
/// word runs (letters, digits, inner joiners) whole plus their `Part`s.
pub fn tokenise_normalised(text: &str, mut emit: impl FnMut(&str, u32, Flag)) -> u32 {
    let mut buf = String::new();
    tokenise_with(text, &mut Scratch::default(), |t, pos, flag| match t {
        Tok::Cjk(a, b) => {
            buf.clear();
            buf.push(a);
            buf.extend(b);
            emit(&buf, pos, flag)
        }
        Tok::Word(w) => emit(w, pos, flag),
    })
}

/// Buffers [`tokenise_with`] reuses from one text to the next.
#[derive(Default)]
pub struct Scratch {
    chars: Vec<char>,
    word: String,
}

/// [`tokenise_normalised`] with reusable buffers, emitting [`Tok`]s. Returns the number of
/// positions.
pub fn tokenise_with(text: &str, scratch: &mut Scratch, emit: impl FnMut(Tok, u32, Flag)) -> u32 {
    let Scratch { chars, word } = scratch;
    chars.clear();
    chars.extend(text.chars());
    tokenise_chars(chars, word, emit)
}

/// [`tokenise_with`] on text already split into characters (the index normalises straight
/// into them), with a reusable buffer for words.
pub fn tokenise_chars(
    chars: &[char],
    word: &mut String,
    mut emit: impl FnMut(Tok, u32, Flag),
) -> u32 {
    let mut p: u32 = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() == 1 {
                emit(Tok::Cjk(run[0], None), p, Flag::None);
                p += 1;
            } else {
                for (k, w) in run.windows(2).enumerate() {
                    emit(Tok::Cjk(w[0], Some(w[1])), p + k as u32, Flag::None);
                }
                emit(
                    Tok::Cjk(run[run.len() - 1], None),
                    p + run.len() as u32 - 1,
                    Flag::End,
                );
                p += run.len() as u32;
            }
        } else if is_word(c) {
            let start = i;
            let mut joined = false;
            while i < chars.len() {
                if is_word(chars[i]) {
                    i += 1;
                } else if is_joiner(chars[i])
                    && i + 1 < chars.len()
                    && is_word(chars[i + 1])
                    && i > start
                {
                    joined = true;
                    i += 1;
                } else {
                    break;
                }
            }
            word.clear();
            word.extend(&chars[start..i]);
            emit(Tok::Word(word), p, Flag::None);
            if joined {
                for piece in word.split(is_joiner).filter(|s| !s.is_empty()) {
                    emit(Tok::Word(piece), p, Flag::Part);
                }
                // An id (letters and digits: ts-proc-001, rule-0749) also without its joiners,
                // as people type it in a hurry: tsproc001.
                if word.bytes().any(|b| b.is_ascii_alphabetic())
                    && word.bytes().any(|b| b.is_ascii_digit())
                {
                    let bare: String = word.chars().filter(|&c| !is_joiner(c)).collect();
                    emit(Tok::Word(&bare), p, Flag::Part);
                    // And loosely, as it is also typed: its numbers without their leading zeros,
                    // whole and without its first pieces while a letter and a digit are left
                    // (tsproc1, proc1 for ts-proc-001: `proc 1`, `gov-4`, `PROC 005`).
                    let pieces: Vec<&str> =
                        word.split(is_joiner).filter(|s| !s.is_empty()).collect();
                    for k in 0..pieces.len() {
                        let key = loose_id(&pieces[k..]);
                        let Some(key) = key else { break };
                        if k > 0 || key != bare {
                            emit(Tok::Word(&key), p, Flag::Part);
                        }
                    }
                }
            }
            p += 1;
        } else {
            i += 1;
        }
    }
    p
}

/// An id's loose form (docs/search-index.md, section 2): its pieces joined, each run of digits
/// without its leading zeros (`ts`, `proc`, `001` -> `tsproc1`); None unless it holds an ASCII
/// letter and an ASCII digit.
pub fn loose_id(pieces: &[&str]) -> Option<String> {
    let joined = pieces.concat();
    if !(joined.bytes().any(|b| b.is_ascii_alphabetic())
        && joined.bytes().any(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut out = String::with_capacity(joined.len());
    let mut chars = joined.chars().peekable();
    while let Some(c) = chars.next() {
        // A zero that begins a run of digits and is not its last digit is dropped.
        let starts_run = !out.ends_with(|d: char| d.is_ascii_digit());
        if c == '0' && starts_run && chars.peek().is_some_and(char::is_ascii_digit) {
            continue;
        }
        out.push(c);
    }
    Some(out)
}

/// Normalises and tokenises raw text.
pub fn tokenise(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenise_normalised(&normalise(text), |t, pos, flag| {
        out.push(Token {
            text: t.to_string(),
            pos,
            flag,
        })
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokenise(s)
            .into_iter()
            .map(|t| match t.flag {
                Flag::None => format!("{}@{}", t.text, t.pos),
                Flag::Part => format!("{}@{}p", t.text, t.pos),
                Flag::End => format!("{}@{}e", t.text, t.pos),
            })
            .collect()
    }

    #[test]
    fn folds_traditional_and_full_width() {
        assert_eq!(normalise("投訴 電費"), "投诉 电费");
        assert_eq!(normalise("ＴＳ－ＰＲＯＣ－００１"), "ts-proc-001");
        assert_eq!(normalise("裡後發臺麼"), "里后发台么");
        // Simplified text stays simplified (no 什么 -> 什幺); a one-to-many character folds
        // the same way in the index and the query, so 乾隆 and 著名 still find themselves.
        assert_eq!(normalise("什么 覆盖 什麼 什麽"), "什么 覆盖 什么 什么");
        assert_eq!(normalise("乾隆"), normalise("乾隆"));
        assert_eq!(normalise("乾淨"), "干净");
        assert!(FOLD.len() > 3000, "{}", FOLD.len());
        // The direct table and the pair table agree on every character.
        for &(from, to) in FOLD {
            assert_eq!(fold_char(from), to, "{from}");
        }
        for c in ['投', '诉', '电', '㐀', '鿿', 'a', '豈'] {
            if FOLD.binary_search_by_key(&c, |&(k, _)| k).is_err() {
                assert_eq!(fold_char(c), c);
            }
        }
    }

    #[test]
    fn bigrams_numbers_and_ids() {
        assert_eq!(
            toks("3个工作日内答复"),
            [
                "3@0", "个工@1", "工作@2", "作日@3", "日内@4", "内答@5", "答复@6", "复@7e"
            ]
        );
        assert_eq!(
            toks("TS-PROC-001 电"),
            [
                "ts-proc-001@0",
                "ts@0p",
                "proc@0p",
                "001@0p",
                "tsproc001@0p",
                "tsproc1@0p",
                "proc1@0p",
                "电@1"
            ]
        );
        // Loose forms: zeros that begin a number dropped, a zero on its own kept.
        assert_eq!(
            toks("ts-01-100 a-000 v2-beta"),
            [
                "ts-01-100@0",
                "ts@0p",
                "01@0p",
                "100@0p",
                "ts01100@0p",
                "ts1100@0p",
                "a-000@1",
                "a@1p",
                "000@1p",
                "a000@1p",
                "a0@1p",
                "v2-beta@2",
                "v2@2p",
                "beta@2p",
                "v2beta@2p"
            ]
        );
        assert_eq!(loose_id(&["rule", "0749"]).as_deref(), Some("rule749"));
        assert_eq!(loose_id(&["0749"]), None);
        assert_eq!(
            toks("拨打95598热线"),
            ["拨打@0", "打@1e", "95598@2", "热线@3", "线@4e"]
        );
        assert_eq!(
            toks("GB/T 31464-2015，1.5倍"),
            [
                "gb/t@0",
                "gb@0p",
                "t@0p",
                "31464-2015@1",
                "31464@1p",
                "2015@1p",
                "1.5@2",
                "1@2p",
                "5@2p",
                "倍@3"
            ]
        );
        assert_eq!(toks("-a- ..."), ["a@0"]);
    }
}

#[cfg(test)]
mod shared_vectors {
    //! The vectors `search.js` must pass too (tests/browser/search-vectors.test.mjs).
    use super::*;

    #[test]
    fn rust_passes_the_shared_vectors() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search-vectors.json");
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut checked = 0;
        for case in v["normalise"].as_array().unwrap() {
            let input = case["in"].as_str().unwrap();
            assert_eq!(
                normalise(input),
                case["out"].as_str().unwrap(),
                "normalise {input:?}"
            );
            checked += 1;
        }
        for case in v["tokenise"].as_array().unwrap() {
            let input = case["in"].as_str().unwrap();
            let got: Vec<serde_json::Value> = tokenise(input)
                .into_iter()
                .map(|t| match t.flag {
                    Flag::None => serde_json::json!([t.text, t.pos]),
                    Flag::Part => serde_json::json!([t.text, t.pos, "part"]),
                    Flag::End => serde_json::json!([t.text, t.pos, "end"]),
                })
                .collect();
            assert_eq!(
                serde_json::Value::Array(got),
                case["tokens"],
                "tokenise {input:?}"
            );
            checked += 1;
        }
        assert!(checked >= 40, "{checked} vectors");
    }
}
