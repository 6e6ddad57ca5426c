//! Shorter document files: the book's most frequent three-byte characters (Chinese, in UTF-8)
//! trade places with the printable ASCII characters its text uses least (two bytes saved at
//! each use), the next ones with two-byte code points (U+0100–U+07FF, one byte saved). A trade
//! is its own inverse, so a character the text really holds that a Chinese one stands in for
//! (rare by choice) is written as that Chinese character and comes back the same way. The
//! tables go into `search/meta.js` as `swap` and `swap1`; the client undoes the trades as a
//! document file loads (docs/search-index.md, "`search/d{k}.js`").

use rayon::prelude::*;

/// How many two-byte code points stand in for a character: U+0100–U+02FF and U+0370–U+07FF
/// (Latin extended, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic …), not the combining
/// diacritics U+0300–U+036F, and not Latin-1 (·, ×, ° and é occur in Chinese text).
pub const SLOTS: usize = 0x200 + (0x800 - 0x370);
/// A character is swapped only when it occurs at least this often: each costs three bytes in
/// `meta.js`, which every search loads, and saves one per use.
const MIN_USES: u32 = 8;
/// The ASCII characters that may stand in for one: printable and DEL, not `"` or `\` (which
/// JSON escapes) or the space.
fn ascii_slot(c: u8) -> bool {
    (0x21..=0x7F).contains(&c) && c != b'"' && c != b'\\'
}

/// The `i`-th stand-in code point.
pub fn slot(i: usize) -> u32 {
    if i < 0x200 {
        0x100 + i as u32
    } else {
        0x370 + (i - 0x200) as u32
    }
}

pub struct Swap {
    /// Code point (BMP) -> the one it trades with; 0 = kept.
    map: Vec<u16>,
    /// The characters swapped with two-byte ones, most frequent first: the `i`-th trades
    /// with [`slot`]`(i)`.
    table: String,
    /// Pairs of an ASCII character and the (most frequent) character it trades with.
    ascii: String,
}

impl Swap {
    /// Picks the characters from the texts that will be written: `texts` of each item.
    pub fn new<T: Sync, const N: usize>(
        items: &[T],
        texts: impl Fn(&T) -> [&str; N] + Sync,
    ) -> Swap {
        let counts = items
            .par_chunks(4096)
            .map(|chunk| {
                let mut n = vec![0u32; 0x1_0000];
                for s in chunk.iter().flat_map(&texts) {
                    // By bytes (a large book has millions of characters): ASCII, and the
                    // three-byte sequences; the rest are never traded away.
                    let b = s.as_bytes();
                    let mut i = 0;
                    while i < b.len() {
                        let c = b[i];
                        if c < 0x80 {
                            n[usize::from(c)] += 1;
                            i += 1;
                        } else if c & 0xF0 == 0xE0 && i + 2 < b.len() {
                            n[three(c, b[i + 1], b[i + 2])] += 1;
                            i += 3;
                        } else {
                            i += 1;
                        }
                    }
                }
                n
            })
            .reduce_with(|mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            })
            .unwrap_or_else(|| vec![0u32; 0x1_0000]);
        // Three-byte characters (U+0800–U+FFFF; surrogates are never counted), most used
        // first; ties by code point, so a book always gives the same tables. Not the line and
        // paragraph separators: their stand-ins would bring them back raw, and old browsers end
        // a line inside a string there (write_json escapes them).
        let mut han: Vec<(u32, u32)> = (0x800..0x1_0000u32)
            .filter(|&c| c != 0x2028 && c != 0x2029)
            .map(|c| (counts[c as usize], c))
            .filter(|&(n, _)| n >= MIN_USES)
            .collect();
        han.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // ASCII stand-ins, least used first. A pair pays when the Chinese character's uses,
        // two bytes saved each, outweigh the stand-in's own (two bytes more each) and the
        // pair's four bytes in meta.js.
        let mut ascii: Vec<(u32, u32)> = (0u8..0x80)
            .filter(|&c| ascii_slot(c))
            .map(|c| (counts[usize::from(c)], u32::from(c)))
            .collect();
        ascii.sort_unstable();
        let pairs = han
            .iter()
            .zip(&ascii)
            .take_while(|((m, _), (n, _))| *m > n + 2)
            .count();
        let mut map = vec![0u16; 0x1_0000];
        let mut swap = |a: u32, b: u32| {
            map[a as usize] = b as u16;
            map[b as usize] = a as u16;
        };
        let mut pair_table = String::new();
        for (&(_, c), &(_, a)) in han.iter().zip(&ascii).take(pairs) {
            swap(c, a);
            pair_table.extend([char::from(a as u8)].into_iter().chain(char::from_u32(c)));
        }
        let mut table = String::new();
        for (i, &(_, c)) in han[pairs..].iter().take(SLOTS).enumerate() {
            swap(c, slot(i));
            table.extend(char::from_u32(c));
        }
        Swap {
            map,
            table,
            ascii: pair_table,
        }
    }

    /// The two-byte table for `meta.js`.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// The ASCII pairs for `meta.js`.
    pub fn ascii(&self) -> &str {
        &self.ascii
    }

    /// The text with its characters traded (applied twice, the text itself). The build writes
    /// with [`Swap::write_json`]; this is for the tests' round trips.
    #[cfg(test)]
    pub fn apply(&self, s: &str) -> String {
        s.chars()
            .map(|c| match self.map.get(c as usize) {
                Some(&to) if to != 0 => char::from_u32(u32::from(to)).unwrap_or(c),
                _ => c,
            })
            .collect()
    }

    /// Writes a JSON string: `kept` as it is, then `traded` with its characters traded (one
    /// pass over the bytes, no string in between: a large book writes millions of characters).
    pub fn write_json(&self, kept: &str, traded: &str, out: &mut Vec<u8>) {
        out.push(b'"');
        for &b in kept.as_bytes() {
            escape_byte(b, out);
        }
        let b = traded.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            // The character at i: its code point and length, for the one- to three-byte ones
            // (four-byte ones are never traded).
            let (cp, len) = if c < 0x80 {
                (usize::from(c), 1)
            } else if c & 0xE0 == 0xC0 && i + 1 < b.len() {
                (
                    (usize::from(c & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F),
                    2,
                )
            } else if c & 0xF0 == 0xE0 && i + 2 < b.len() {
                (three(c, b[i + 1], b[i + 2]), 3)
            } else {
                out.push(c);
                i += 1;
                continue;
            };
            match self.map[cp] {
                0 if len == 1 => escape_byte(c, out),
                // Line and paragraph separators end a line inside a string in browsers older
                // than ES2019: escaped, so such a browser can still read the file.
                0 if cp == 0x2028 || cp == 0x2029 => {
                    out.extend_from_slice(format!("\\u{cp:04x}").as_bytes())
                }
                0 => out.extend_from_slice(&b[i..i + len]),
                to => push_utf8(to, out),
            }
            i += len;
        }
        out.push(b'"');
    }
}

/// The code point of a three-byte UTF-8 sequence.
fn three(a: u8, b: u8, c: u8) -> usize {
    (usize::from(a & 0x0F) << 12) | (usize::from(b & 0x3F) << 6) | usize::from(c & 0x3F)
}

/// A code point of the Basic Multilingual Plane as UTF-8 (the stand-ins and the characters
/// they trade with: no `"`, `\` or control character among them).
fn push_utf8(cp: u16, out: &mut Vec<u8>) {
    let cp = u32::from(cp);
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]);
    } else {
        out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    }
}

/// One byte of UTF-8 inside a JSON string: `"`, `\` and control characters escaped.
#[inline]
fn escape_byte(b: u8, out: &mut Vec<u8>) {
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\r' => out.extend_from_slice(b"\\r"),
        0..0x20 => out.extend_from_slice(format!("\\u{b:04x}").as_bytes()),
        _ => out.push(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_characters_trade_with_unused_ascii_then_two_byte_ones_and_back() {
        // 95 Chinese characters, the i-th used 200 − i times; '!' once and 'A' twice.
        let han = |i: u32| char::from_u32(0x4E00 + i).unwrap();
        let mut text: String = (0..95)
            .flat_map(|i| std::iter::repeat_n(han(i), 200 - i as usize))
            .collect();
        text.push_str("!AA ·×é Āā");
        let texts = [text.as_str()];
        let swap = Swap::new(&texts, |&t| [t]);
        // 93 ASCII characters may stand in (printable and DEL, not `"`, `\` or the space),
        // 91 of them unused: the first 91 Chinese ones trade with those (in ASCII order), the
        // next two with '!' and 'A' (used, but far less), the last two with U+0100 and U+0101.
        let one = |c: char| swap.apply(&c.to_string());
        assert_eq!(one(han(0)), "#");
        assert!(
            swap.ascii().starts_with("#\u{4E00}$\u{4E01}"),
            "{}",
            swap.ascii()
        );
        assert_eq!(one(han(90)), "\u{7F}");
        assert_eq!(one('!'), han(91).to_string());
        assert_eq!(one('A'), han(92).to_string());
        assert_eq!(one(han(93)), "\u{100}");
        assert_eq!(swap.table(), (93..95).map(han).collect::<String>());
        // Ā (U+0100) and ā the text really held are written as the characters they stand for.
        assert_eq!(one('Ā'), han(93).to_string());
        assert_eq!(one('·'), "·");
        assert_eq!(swap.apply(" "), " ");
        assert_eq!(swap.apply("\"\\"), "\"\\");
        let once = swap.apply(&text);
        assert!(
            once.len() < text.len() / 2,
            "{} of {}",
            once.len(),
            text.len()
        );
        assert_eq!(swap.apply(&once), text);
    }

    #[test]
    fn json_strings_are_escaped_and_traded() {
        let texts = ["客户客户客户客户客户客户客户客户客户"];
        let swap = Swap::new(&texts, |&t| [t]);
        let mut out = Vec::new();
        let odd = "客户 \"引号\" \\ 换\n行\t\u{1} é \u{2028}户";
        swap.write_json("页/index.html#\"", odd, &mut out);
        let back: String = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, format!("页/index.html#\"{}", swap.apply(odd)));
        assert_eq!(swap.apply(&back["页/index.html#\"".len()..]), odd);
        let json = std::str::from_utf8(&out).unwrap();
        assert!(json.starts_with("\"页/index.html#\\\"!#"), "{json}");
        // Escaped for browsers before ES2019.
        assert!(
            json.contains("\\u2028") && !json.contains('\u{2028}'),
            "{json}"
        );
    }

    #[test]
    fn line_separators_are_never_traded() {
        let text = "\u{2028}\u{2029}".repeat(20);
        let texts = [text.as_str()];
        let swap = Swap::new(&texts, |&t| [t]);
        assert_eq!((swap.table(), swap.ascii()), ("", ""));
        let mut out = Vec::new();
        swap.write_json("", &text, &mut out);
        assert!(out.is_ascii(), "{}", String::from_utf8_lossy(&out));
    }

    #[test]
    fn rare_characters_stay_and_slots_skip_combining_marks() {
        let texts = ["投诉一次"];
        let swap = Swap::new(&texts, |&t| [t]);
        assert_eq!(swap.table(), "");
        assert_eq!(swap.apply(texts[0]), texts[0]);
        assert_eq!(slot(0x1FF), 0x2FF);
        assert_eq!(slot(0x200), 0x370);
        assert_eq!(slot(SLOTS - 1), 0x7FF);
        assert!((0..SLOTS).all(|i| !(0x300..0x370).contains(&slot(i))));
    }
}
