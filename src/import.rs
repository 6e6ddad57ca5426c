//! `handbook import questions FILE.csv --quiz ID`: a question bank kept in Excel (题库, one row
//! a question: 题型 | 题干 | 选项A … | 答案 | 解析, as exam systems export them and trainers
//! keep them) made into a quiz's questions, instead of retyping each one into YAML.
//!
//! The file is read whole and every problem is reported at once, at the row's line and the
//! column's number (`题库.csv:7:6`); nothing is written while there is one. The questions are
//! added after a quiz's own (with the next ids it has not used) or make a new quiz file; then
//! `check` runs, and if it finds an error the book did not have before (a broken link in a
//! 解析, reported at the row's cell), the file is put back as it was, byte for byte.

use crate::content::quiz::{QuestionType, Quiz};
use crate::content::yaml::yaml_text;
use crate::diagnostics::{display_path, nearest, Diagnostic};
use anyhow::{bail, Context};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a column of the bank holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Column {
    Kind,
    Prompt,
    /// 选项A (0), 选项B (1) …
    Choice(u8),
    Answer,
    Explanation,
    /// 依据: rule ids (the question's `rules`) or the regulation in words.
    Basis,
}

impl Column {
    fn name(self) -> String {
        match self {
            Column::Kind => "题型".into(),
            Column::Prompt => "题干".into(),
            Column::Choice(i) => format!("选项{}", letter(i)),
            Column::Answer => "答案".into(),
            Column::Explanation => "解析".into(),
            Column::Basis => "依据".into(),
        }
    }
}

/// The columns read, for hints.
fn columns() -> String {
    t!(
        "题型 (类型), 题干 (题目 / 试题), 选项A, 选项B … (or A, B …), 答案 (正确答案 / 参考答案), 解析 (答案解析 / 说明), 依据 (规则)",
        "题型（类型）、题干（题目 / 试题）、选项A、选项B …（或 A、B …）、答案（正确答案 / 参考答案）、解析（答案解析 / 说明）、依据（规则）"
    )
}

fn letter(i: u8) -> char {
    (b'A' + i) as char
}

/// A full-width letter, digit or sign (`Ａ`, `，`, `（`) as its ASCII one; the ideographic space
/// as a space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A header or a short cell as compared: half-width, upper case, without spaces or `*` marks,
/// and without a note in brackets after it (`题型（必填）`, `单选题(2分)`).
fn key(cell: &str) -> String {
    let mut k: String = cell
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect::<String>()
        .to_uppercase();
    if let Some(i) = k.find(['(', '[', '【']).filter(|&i| i > 0) {
        k.truncate(i);
    }
    k
}

/// What a header cell names, read loosely: 题型 or 类型, 选项A or A or A选项 …
pub(crate) fn column(header: &str) -> Option<Column> {
    let k = key(header);
    Some(match k.as_str() {
        "题型" | "类型" | "题目类型" | "试题类型" | "题型名称" => Column::Kind,
        "题干" | "题目" | "试题" | "题目内容" | "试题内容" | "题干内容" | "问题" => {
            Column::Prompt
        }
        "答案" | "正确答案" | "参考答案" | "标准答案" => Column::Answer,
        "解析" | "答案解析" | "试题解析" | "题目解析" | "说明" | "解释" => {
            Column::Explanation
        }
        "依据" | "规则" | "规则编号" | "依据规则" | "相关规则" | "出处" => {
            Column::Basis
        }
        _ => {
            let rest = k
                .strip_prefix("选项")
                .or_else(|| k.strip_suffix("选项"))
                .unwrap_or(&k);
            let mut cs = rest.chars();
            match (cs.next(), cs.next()) {
                (Some(c @ 'A'..='Z'), None) => Column::Choice(c as u8 - b'A'),
                _ => return None,
            }
        }
    })
}

/// The question type a 题型 cell names: 单选 / 单选题 / 单项选择题, 多选 / 不定项, 判断 / 是非,
/// 填空 / 简答 (or the quiz format's own words, `single` …).
pub(crate) fn kind(cell: &str) -> Option<QuestionType> {
    let k = key(cell);
    // (In brackets, as some exports write it: `【单选题】`, `[多选]`.)
    let k = match k.strip_prefix(['【', '[', '(']) {
        Some(inner) => inner.split(['】', ']', ')']).next().unwrap_or(""),
        None => &k,
    };
    let k = k.strip_suffix('题').unwrap_or(k);
    Some(match k {
        "单选" | "单项选择" | "单选择" | "SINGLE" => QuestionType::Single,
        "多选" | "多项选择" | "多选择" | "不定项" | "不定项选择" | "MULTIPLE" => {
            QuestionType::Multiple
        }
        "判断" | "是非" | "TRUE_FALSE" => QuestionType::TrueFalse,
        "填空" | "简答" | "SHORT" => QuestionType::Short,
        _ => return None,
    })
}

/// The options a choice question's 答案 names (`ABD`, `A,B,D`, `A、B、D`, `b d`), as indexes
/// in order; or the first character that is not a letter or a separator.
pub(crate) fn letters(cell: &str) -> Result<Vec<u8>, char> {
    let mut out = Vec::new();
    for c in cell.chars() {
        match half_width(c).to_ascii_uppercase() {
            u @ 'A'..='Z' => out.push(u as u8 - b'A'),
            s if s.is_whitespace() || ",;、/.。()[]【】".contains(s) => {}
            _ => return Err(c),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// A 判断题's answer: 对 / 错, 正确 / 错误, √ / ×, 是 / 否, T / F (TRUE / FALSE, as Excel
/// writes them; Y / N).
pub(crate) fn truth(cell: &str) -> Option<bool> {
    let k = key(cell);
    match k.trim_end_matches(['.', '。']) {
        "对" | "正确" | "对的" | "√" | "✓" | "✔" | "是" | "T" | "TRUE" | "Y" | "YES" => {
            Some(true)
        }
        "错" | "错误" | "错的" | "不对" | "不正确" | "×" | "✗" | "✘" | "X" | "否" | "F"
        | "FALSE" | "N" | "NO" => Some(false),
        _ => None,
    }
}

/// A 填空 / 简答 question's accepted answers: the 答案 cell split on `|` or `；`.
pub(crate) fn accepted(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in cell.split(['|', '｜', '；', ';']).map(str::trim) {
        if !a.is_empty() && !out.iter().any(|o| o == a) {
            out.push(a.to_string());
        }
    }
    out
}

/// An option's text without its own letter written before it (`A．5个工作日`, `B、1个月`):
/// the quiz shuffles the options and letters them itself.
pub(crate) fn option_text(cell: &str, i: u8) -> &str {
    let mut cs = cell.chars();
    if cs.next().map(|c| half_width(c).to_ascii_uppercase()) == Some(letter(i)) {
        let rest = cs.as_str().trim_start();
        if let Some(p) = rest.chars().next() {
            if matches!(half_width(p), '.' | '、' | ':' | ')') {
                let text = rest[p.len_utf8()..].trim();
                if !text.is_empty() {
                    return text;
                }
            }
        }
    }
    cell
}

/// A 题干 without the number an exported bank writes before it (`12、`, `3.`, `5．`): the quiz
/// numbers its questions itself (and shuffles or draws them). A number that is the question's
/// own (`1.5倍`, `95598`) is kept.
pub(crate) fn prompt_text(cell: &str) -> &str {
    let digits = cell.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &cell[digits..];
        if let Some(p) = rest
            .chars()
            .next()
            .filter(|&p| matches!(p, '、' | '.' | '．'))
        {
            let text = rest[p.len_utf8()..].trim_start();
            if !text.is_empty() && !text.starts_with(|c: char| c.is_ascii_digit()) {
                return text;
            }
        }
    }
    cell
}

/// The book's rule ids, for the 依据 column: current ids, and old ids with the rule they went to.
#[derive(Default)]
pub(crate) struct Rules {
    pub ids: HashSet<String>,
    pub old: HashMap<String, String>,
}

/// One row of the file: the line it starts on and its cells, trimmed.
#[derive(Debug)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", String::as_str)
    }
    fn is_empty(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

/// A question read from a row, with the column each of its fields came from (1-based), to
/// place a later problem in it at its cell.
#[derive(Debug)]
pub(crate) struct Draft {
    pub line: usize,
    pub kind: QuestionType,
    pub kind_col: usize,
    pub prompt: String,
    pub prompt_col: usize,
    /// Text, correct, column.
    pub options: Vec<(String, bool, usize)>,
    pub answer: Option<bool>,
    pub accepted: Vec<String>,
    pub answer_col: usize,
    pub explanation: String,
    pub explanation_col: usize,
    pub rules: Vec<String>,
    pub basis_col: usize,
}

/// A question's right answer in words, to compare a row with the question it repeats: the
/// right options' texts, 正确 / 错误, or the accepted answers.
fn answer_words<'a>(
    kind: QuestionType,
    options: impl Iterator<Item = (&'a str, bool)>,
    answer: Option<bool>,
    accepted: &[String],
) -> String {
    match kind {
        QuestionType::TrueFalse => match answer {
            Some(true) => "正确".into(),
            Some(false) => "错误".into(),
            None => String::new(),
        },
        QuestionType::Short => accepted.join("｜"),
        _ => options
            .filter(|o| o.1)
            .map(|o| o.0.trim())
            .collect::<Vec<_>>()
            .join("、"),
    }
}

impl Draft {
    /// What makes two questions the same one (a bank imported twice).
    fn same_as(&self) -> String {
        same_key(
            self.kind,
            &self.prompt,
            self.options.iter().map(|o| o.0.as_str()),
        )
    }
}

fn same_key<'a>(
    kind: QuestionType,
    prompt: &str,
    options: impl Iterator<Item = &'a str>,
) -> String {
    let mut options: Vec<&str> = options.map(str::trim).collect();
    options.sort_unstable();
    format!(
        "{kind:?}\u{1}{}\u{1}{}",
        prompt.trim(),
        options.join("\u{1}")
    )
}

/// Where the end of `good` (the text read so far) is: its line, and the cell (the separators
/// before it on its line, outside quotes).
fn place_after(good: &[u8]) -> (usize, usize) {
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut col = 1;
    let mut quoted = false;
    for &b in &good[start..] {
        match b {
            b'"' => quoted = !quoted,
            b',' | b'\t' if !quoted => col += 1,
            _ => {}
        }
    }
    (line, col)
}

/// A tab, line end or comma: what a table saved as text has many of, whatever its cells.
fn separates(unit: u32) -> bool {
    matches!(unit, 0x09 | 0x0A | 0x0D | 0x2C)
}

/// Whether `bytes` (with no byte-order mark) are UTF-16, and big-endian: in the first KB, tabs,
/// commas and line ends written in two bytes, one of them NUL (`09 00`, `0A 00` little-endian,
/// `00 09` big-endian), and few the other way round (which would be letters of Devanagari or
/// Gurmukhi, no bank's; UTF-8 and GBK text has no NUL byte at all). (Not UTF-32, whose every
/// character has a NUL unit.)
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(1024)];
    let units = |be: bool| {
        head.chunks_exact(2).map(move |c| {
            let pair = [c[0], c[1]];
            if be {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        })
    };
    let separators = |be: bool| units(be).filter(|&u| separates(u.into())).count();
    let nul = units(false).filter(|&u| u == 0).count();
    let (le, be) = (separators(false), separators(true));
    let plain = |n: usize, other: usize| n >= 2 && other * 4 < n && nul < n;
    if plain(le, be) {
        Some(false)
    } else if plain(be, le) {
        Some(true)
    } else {
        None
    }
}

/// What a file that is no text at all is, by its first bytes: an Excel workbook (`.xlsx`, a
/// zip archive, as are `.docx` and WPS's new formats), an old-format one (`.xls`, `.et`,
/// `.doc`: an OLE compound file) or a PDF.
fn not_text(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some(t!(
            "an Excel workbook (.xlsx) or another zipped document (.docx, WPS)",
            "Excel 工作簿（.xlsx）或其他压缩格式的文档（.docx、WPS）"
        ))
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(t!(
            "an old-format Excel workbook (.xls, WPS .et) or Word document (.doc)",
            "旧格式的 Excel 工作簿（.xls、WPS 的 .et）或 Word 文档（.doc）"
        ))
    } else if bytes.starts_with(b"%PDF-") {
        Some(t!("a PDF document", "PDF 文档"))
    } else {
        None
    }
}

/// Whether `bytes` (with no byte-order mark) are UTF-32: in the first KB, every four bytes one
/// character (its two high bytes NUL, in one byte order throughout) and at least two of them
/// tabs, commas or line ends.
fn utf32_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    if head.len() < 8 {
        return false;
    }
    let all = |be: bool| {
        let mut separators = 0;
        for c in head.chunks_exact(4) {
            let u = if be {
                u32::from_be_bytes([c[0], c[1], c[2], c[3]])
            } else {
                u32::from_le_bytes([c[0], c[1], c[2], c[3]])
            };
            if char::from_u32(u).is_none() || u == 0 {
                return false;
            }
            separators += separates(u) as usize;
        }
        separators >= 2
    };
    all(false) || all(true)
}

/// The file's text: UTF-8, with or without the byte-order mark Excel's 「CSV UTF-8」 writes, or
/// UTF-16 (Excel's 「Unicode 文本」, tab-separated), with its byte-order mark or without one
/// (other programs' 「Unicode」 or 「UTF-16」 saves: see [`utf16_without_bom`]). A file in another
/// encoding (Excel's plain 「CSV」 on Chinese Windows writes GBK) is an error at its first byte
/// that is not UTF-8, saying how to save it; so is a UTF-16 file cut short or with a broken
/// character.
pub(crate) fn decode<'a>(file: &Path, bytes: &'a [u8]) -> Result<Cow<'a, str>, Diagnostic> {
    let save_as = t!(
        "in Excel: 文件 → 另存为 → 保存类型 「CSV UTF-8（逗号分隔）(*.csv)」, then import that file (WPS: 另存为 → 「CSV UTF-8」 likewise)",
        "在 Excel 里：文件 → 另存为 → 保存类型选「CSV UTF-8（逗号分隔）(*.csv)」，再导入另存的那个文件（WPS 也一样：另存为 →「CSV UTF-8」）"
    );
    // (A workbook or document given by mistake is not text in some other encoding: said so.)
    if let Some(what) = not_text(bytes) {
        return Err(Diagnostic::error(
            file,
            1,
            1,
            t!("the file is {what}, not a table saved as text: the import reads CSV or tab-separated text", "这个文件是{what}，不是存成文字的表格：导入只能读 CSV 或用 Tab 分隔的文字文件"),
        )
        .with_hint(t!("open it and save the questions' sheet as text: {save_as}", "请打开它，把题目所在的工作表存成文字格式：{save_as}")));
    }
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0])
        || bytes.starts_with(&[0, 0, 0xFE, 0xFF])
        || utf32_without_bom(bytes)
    {
        return Err(Diagnostic::error(
            file,
            1,
            1,
            t!(
                "the file is UTF-32 text, which the import does not read",
                "这个文件是 UTF-32 编码的文字，导入读不了"
            ),
        )
        .with_hint(save_as));
    }
    let big_endian = match bytes {
        [0xFF, 0xFE, ..] => Some((false, 2)),
        [0xFE, 0xFF, ..] => Some((true, 2)),
        _ => utf16_without_bom(bytes).map(|be| (be, 0)),
    };
    if let Some((be, bom)) = big_endian {
        let body = &bytes[bom..];
        let units = body.chunks_exact(2).map(|c| {
            let pair = [c[0], c[1]];
            if be {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        let mut text = String::with_capacity(body.len());
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => text.push(c),
                Err(_) => {
                    let (line, col) = place_after(text.as_bytes());
                    return Err(Diagnostic::error(
                        file,
                        line,
                        col,
                        t!("the file is UTF-16 text (Excel's 「Unicode 文本」) with a broken character here (half of a character written in two parts)", "这个文件是 UTF-16 编码的文字（Excel 的 「Unicode 文本」），这里有一个坏掉的字（一个分两部分写的字只写了一半）"),
                    )
                    .with_hint(t!("retype the character here in the sheet and save it again; or {save_as}", "请在表格里重新输入这里的字，再保存一次；或者{save_as}")));
                }
            }
        }
        if body.len() % 2 == 1 {
            let (line, col) = place_after(text.as_bytes());
            return Err(Diagnostic::error(
                file,
                line,
                col,
                t!("the file is UTF-16 text (Excel's 「Unicode 文本」) that ends in half a character: it was cut short here", "这个文件是 UTF-16 编码的文字（Excel 的 「Unicode 文本」），最后一个字只有一半：文件在这里被截断了"),
            )
            .with_hint(t!("save the sheet again (the copy may be incomplete); or {save_as}", "请把表格重新保存一次（这份文件可能没有复制完整）；或者{save_as}")));
        }
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        return Ok(Cow::Owned(text));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let (line, col) = place_after(&bytes[..e.valid_up_to()]);
            Err(Diagnostic::error(
                file,
                line,
                col,
                t!("the file is not UTF-8 text: most likely it was saved as Excel's 「CSV（逗号分隔）」, which on Chinese Windows writes GBK", "这个文件不是 UTF-8 编码的文字：多半是用 Excel 的「CSV（逗号分隔）」保存的，它在中文 Windows 上存成的是 GBK 编码"),
            )
            .with_hint(save_as))
        }
    }
}

/// Why a file cannot be read as rows: where, what and how to fix it.
#[derive(Debug)]
pub(crate) struct Unreadable {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: String,
}

/// The rows of CSV `text` (cells split by commas, or by tabs, as Excel's 「Unicode 文本」 and
/// 「文本文件（制表符分隔）」 write them, in a file whose first line with either has more tabs
/// than commas), each with the line it starts on; or where a row cannot be read and why.
/// Lines may end in CRLF, LF or a carriage return alone (Excel for Mac's 「CSV（Macintosh）」).
pub(crate) fn rows(text: &str) -> Result<Vec<Row>, Unreadable> {
    let text = &crate::content::lone_cr_as_lf(text);
    let first = text.lines().find(|l| l.contains([',', '\t'])).unwrap_or("");
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        '\t'
    } else {
        ','
    };
    if let Some((line, col)) = unclosed_quote(text, delimiter) {
        return Err(Unreadable {
            line,
            col,
            message: t!(
                "the quote `\"` that opens this cell is never closed: the rest of the file, from line {line}, reads as this one cell",
                "这个单元格开头的英文引号 `\"` 没有结束引号：从第 {line} 行起，文件后面的内容全被读成了这一个单元格"
            ),
            hint: quote_hint(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter as u8)
        .from_reader(text.as_bytes());
    // (The reader's own line count is a count of rows: a cell's line breaks are not in it.
    // A row's position is where the row before it ended: blank lines are passed over.)
    let breaks: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_at = |p: Option<&csv::Position>| {
        p.map_or(1, |p| {
            let start = p.byte() as usize;
            let skip = text.as_bytes()[start.min(text.len())..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            breaks.partition_point(|&b| b < start + skip) + 1
        })
    };
    let mut out = Vec::new();
    for record in reader.records() {
        let r = record.map_err(|e| Unreadable {
            line: line_at(e.position()),
            col: 1,
            message: t!(
                "this row cannot be read as CSV: {e}",
                "这一行无法按 CSV 格式读取：{e}"
            ),
            hint: t!(
                "save the sheet again from Excel as 「CSV UTF-8（逗号分隔）」",
                "请用 Excel 把表格重新另存为「CSV UTF-8（逗号分隔）」"
            ),
        })?;
        let line = line_at(r.position());
        let cells: Vec<String> = r.iter().map(clean).collect();
        // A quote left open in a cell closed by a quote rows later: the rows between read as
        // part of the cell.
        for (i, cell) in cells.iter().enumerate() {
            let swallowed = cell.lines().skip(1).find(|l| {
                l.split_once(delimiter)
                    .is_some_and(|(first, _)| kind(first).is_some())
            });
            if let Some(l) = swallowed {
                return Err(Unreadable {
                    line,
                    col: i + 1,
                    message: t!(
                        "this cell holds the line `{l}`, which reads like a row of its own: is a quote `\"` in the cell left open?",
                        "这个单元格里有一行 `{l}`，看起来是单独的一行：是不是单元格里的英文引号 `\"` 没有结束？"
                    ),
                    hint: quote_hint(),
                });
            }
        }
        out.push(Row { line, cells });
    }
    Ok(out)
}

/// How to close a quote left open, or write one inside a cell.
fn quote_hint() -> String {
    t!(
        "close the quote at the cell's end, or write a quote inside a cell as two (`\"\"`); Excel writes them so when it saves a CSV",
        "请在单元格末尾补上结束的英文引号；单元格里要写英文引号时，写成两个（`\"\"`）。用 Excel 另存为 CSV 时会自动这样写"
    )
}

/// A cell as read: trimmed, its line breaks `\n`, without the control characters and
/// byte-order marks that copied text brings along (invisible, and nothing a question needs).
fn clean(cell: &str) -> String {
    cell.replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || c == '\u{feff}'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Where (line, cell, 1-based) a cell opens with a quote that nothing closes, reading `text`
/// as the CSV reader does: a quote opens a cell only as its first character, and two quotes
/// inside one are a quote.
fn unclosed_quote(text: &str, delimiter: char) -> Option<(usize, usize)> {
    let (mut line, mut col, mut at_start) = (1, 1, true);
    let mut open: Option<(usize, usize)> = None;
    let mut cs = text.chars().peekable();
    while let Some(c) = cs.next() {
        if open.is_some() {
            match c {
                '"' if cs.peek() == Some(&'"') => {
                    cs.next();
                }
                '"' => open = None,
                '\n' => line += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if at_start => open = Some((line, col)),
            '\n' => {
                (line, col) = (line + 1, 1);
                at_start = true;
                continue;
            }
            c if c == delimiter => {
                col += 1;
                at_start = true;
                continue;
            }
            _ => {}
        }
        at_start = false;
    }
    open
}

/// The questions of a bank's rows, and every problem in them (errors and warnings). The
/// header is the first row, among the first ten with anything in them, that names two of the
/// columns read (a title row above it is passed over).
pub(crate) fn parse(file: &Path, rows: &[Row], rules: &Rules) -> (Vec<Draft>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let filled: Vec<&Row> = rows.iter().filter(|r| !r.is_empty()).collect();
    let Some(&first) = filled.first() else {
        diags.push(
            Diagnostic::error(file, 1, 1, t!("the file has no rows", "文件里没有任何内容"))
                .with_hint(t!(
                    "the first row names the columns: {COLUMNS}; then one row a question",
                    "第一行写各列的名称：{COLUMNS}；下面每行一道题",
                    COLUMNS = columns()
                )),
        );
        return (Vec::new(), diags);
    };
    let header = filled
        .iter()
        .take(10)
        .find(|r| r.cells.iter().filter(|c| column(c).is_some()).count() >= 2)
        .copied()
        .unwrap_or(first);
    // A bank saved without its header row: the first row is a question (`单选,…,A`), read as
    // the header, and each column was reported missing or not read. One error says so.
    if !header.cells.iter().any(|c| column(c) == Some(Column::Kind))
        && header.cells.iter().any(|c| kind(c).is_some())
    {
        let width = header
            .cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map_or(0, |i| i + 1);
        let choices = if width >= 4 && kind(header.cell(0)).is_some() {
            width - 3
        } else {
            2
        };
        let mut names = vec![Column::Kind.name(), Column::Prompt.name()];
        names.extend((0..choices.min(26) as u8).map(|i| Column::Choice(i).name()));
        names.push(Column::Answer.name());
        let example = names.join(",");
        let line = header.line;
        diags.push(
            Diagnostic::error(
                file,
                line,
                1,
                t!(
                    "line {line} looks like a question, not the header row that names the columns",
                    "第 {line} 行看起来是一道题，不是表头"
                ),
            )
            .with_hint(t!(
                "add a header row at the top, e.g. `{example}` (the columns read: {COLUMNS})",
                "请在最上面加一行表头，例如 `{example}`（能导入的列有：{COLUMNS}）",
                COLUMNS = columns()
            )),
        );
        return (Vec::new(), diags);
    }
    let data: Vec<&Row> = filled
        .iter()
        .filter(|r| r.line > header.line)
        .copied()
        .collect();
    let err = |line: usize, col: usize, msg: String, hint: String| {
        Diagnostic::error(file, line, col, msg).with_hint(hint)
    };
    // (A title above the header is one cell, or one merged over the columns; a row with more
    // is a question put above it.)
    for r in filled.iter().filter(|r| r.line < header.line) {
        if r.cells.iter().filter(|c| !c.is_empty()).count() > 1 {
            diags.push(
                Diagnostic::warning(
                    file,
                    r.line,
                    1,
                    t!(
                        "this row is above the header row (line {}) and is not imported",
                        "这一行在表头行（第 {} 行）上面，不会导入",
                        header.line
                    ),
                )
                .with_hint(t!("the header row, naming 题型, 题干 …, comes before the questions: move the row below it, or delete it", "表头行（写着「题型」「题干」…的那一行）要放在题目前面：请把这一行移到表头下面，或者删掉它")),
            );
        }
    }

    // The header.
    let mut at: HashMap<Column, usize> = HashMap::new();
    // (A row with cells past the header's last one is reported at the row: Excel writes every
    // row as wide as the sheet, so it is a comma typed in a cell that is not in quotes.)
    for i in 0..header.cells.len() {
        let h = header.cell(i);
        match column(h) {
            Some(c) => {
                if let Some(&j) = at.get(&c) {
                    diags.push(err(
                        header.line,
                        i + 1,
                        t!(
                            "column {} `{h}` is a second {} column (column {} `{}` is one)",
                            "第 {} 列 `{h}` 又是一个 {} 列（第 {} 列 `{}` 已经是了）",
                            i + 1,
                            c.name(),
                            j + 1,
                            header.cells[j]
                        ),
                        t!(
                            "keep one of the two: delete the other column or rename it",
                            "两列只能留一列：删掉另一列，或者给它改个名字"
                        ),
                    ));
                } else {
                    at.insert(c, i);
                }
            }
            None => {
                // (An empty header over empty cells: what Excel leaves after the last column.)
                if h.is_empty() && data.iter().all(|r| r.cell(i).is_empty()) {
                    continue;
                }
                let hint = match key(h).as_str() {
                    "选项" => t!(
                        "put each option in a column of its own, 选项A, 选项B …",
                        "每个选项单独放一列：选项A、选项B …"
                    ),
                    "序号" | "题号" | "编号" => {
                        t!("questions get their ids from handbook (`<quiz>-NN`); delete the column to silence this", "题目的编号由 handbook 自动生成（`<quiz>-NN`）；删掉这一列，这条警告就没有了")
                    }
                    "" => t!(
                        "give it a heading the import reads: {COLUMNS}",
                        "请给这一列写上导入能认出的列名：{COLUMNS}",
                        COLUMNS = columns()
                    ),
                    _ => t!(
                        "the columns read are {COLUMNS}; delete or rename it to silence this",
                        "能导入的列有：{COLUMNS}；删掉这一列或者改名，这条警告就没有了",
                        COLUMNS = columns()
                    ),
                };
                let name = if h.is_empty() {
                    t!("without a heading", "（没有列名）")
                } else {
                    t!("`{h}`", " `{h}` ")
                };
                diags.push(
                    Diagnostic::warning(
                        file,
                        header.line,
                        i + 1,
                        t!(
                            "column {} {name} is not imported",
                            "第 {} 列{name}不会导入",
                            i + 1
                        ),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    let names: Vec<&str> = header.cells.iter().map(String::as_str).collect();
    let unread = names.iter().copied().filter(|n| column(n).is_none());
    let unread: Vec<&str> = unread.collect();
    for (c, also) in [
        (Column::Kind, "类型"),
        (Column::Prompt, "题目, 试题"),
        (Column::Answer, "正确答案, 参考答案"),
    ] {
        if !at.contains_key(&c) {
            // (In Chinese each name in 「」: words are not set apart by spaces there.)
            let also = if crate::i18n::zh() {
                also.split(", ").map(|a| format!("「{a}」")).collect()
            } else {
                also.to_string()
            };
            let mut hint = t!(
                "the header row (line {}) names the columns; add a column {} (also read as: {also})",
                "表头行（第 {} 行）写的是各列的名称；请加上「{}」列（也可以叫{also}）",
                header.line,
                c.name()
            );
            let mut col = 1;
            if let Some(n) = nearest(&c.name(), unread.iter().copied()) {
                hint = t!(
                    "is `{n}` meant to be {}? {hint}",
                    "「{n}」是不是想写成「{}」？{hint}",
                    c.name()
                );
                col = names.iter().position(|h| *h == n).map_or(1, |i| i + 1);
            }
            diags.push(err(
                header.line,
                col,
                t!(
                    "the header row has no {} column: its columns are {}",
                    "表头行里没有「{}」列：现有的列是{}",
                    c.name(),
                    if crate::i18n::zh() {
                        names.iter().map(|n| format!("「{n}」")).collect::<String>()
                    } else {
                        names.join(" | ")
                    }
                ),
                hint,
            ));
        }
    }
    if data.is_empty() {
        diags.push(err(
            header.line,
            1,
            t!("no questions below the header row", "表头行下面没有题目"),
            t!(
                "write one question a row under the header",
                "请在表头下面每行写一道题"
            ),
        ));
    }
    let Some(&kind_at) = at.get(&Column::Kind) else {
        return (Vec::new(), diags);
    };
    let mut choices: Vec<(u8, usize)> = at
        .iter()
        .filter_map(|(c, &i)| match c {
            Column::Choice(l) => Some((*l, i)),
            _ => None,
        })
        .collect();
    choices.sort_unstable();

    // The rows.
    let mut drafts = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let prompt_at = at.get(&Column::Prompt).copied();
    for row in data {
        let line = row.line;
        if let Some(i) = (header.cells.len()..row.cells.len()).find(|&i| !row.cells[i].is_empty()) {
            diags.push(err(
                line,
                i + 1,
                t!(
                    "this row has a cell `{}` in column {}, past the header row's last column ({}): a comma in a cell that is not in quotes splits it in two",
                    "这一行的单元格 `{}` 在第 {} 列，超出了表头行的最后一列（第 {} 列）：单元格里的逗号没有加英文引号，把这一格分成了两格",
                    row.cells[i],
                    i + 1,
                    header.cells.len()
                ),
                t!("put the cell with the comma in double quotes (`\"A,B,D\"`), or write 、 instead of the comma (`A、B、D`); a column of its own needs a heading in the header row", "请把带逗号的单元格用英文双引号括起来（`\"A,B,D\"`），或者把逗号换成 、（`A、B、D`）；如果确实是单独的一列，要在表头行给它写上列名"),
            ));
            continue;
        }
        // A heading between questions (`一、单选题`), or what is left of a cell merged over
        // several rows: one cell, and no 题干.
        let mut texts = row.cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
        if let (Some((i, only)), None) = (texts.next(), texts.next()) {
            if Some(i) != prompt_at {
                diags.push(
                    Diagnostic::warning(
                        file,
                        line,
                        i + 1,
                        t!("this row holds `{only}` alone and is not a question: it is passed over", "这一行只有 `{only}`，不是一道题：已跳过"),
                    )
                    .with_hint(t!("a heading between questions is not needed (the quiz groups nothing); a cell merged over several rows in Excel is saved in its first row only: unmerge it, or put the text in that row, and delete this one", "题目之间不需要分组标题（测验不分组）；Excel 里跨几行合并的单元格，保存时只留在第一行：请取消合并，或者把文字写进那一行，再删掉这一行")),
                );
                continue;
            }
        }
        let cell_of = |c: Column| at.get(&c).map(|&i| (row.cell(i), i + 1));
        let mut ok = true;
        let mut problem = |col: usize, msg: String, hint: String| {
            diags.push(err(line, col, msg, hint));
            ok = false;
        };
        let written = row.cell(kind_at);
        let Some(k) = kind(written) else {
            if written.is_empty() {
                problem(
                    kind_at + 1,
                    t!("题型 is empty", "「题型」是空的"),
                    t!("write 单选, 多选, 判断 or 填空 in every row: a 题型 cell merged over several rows in Excel, or a heading row (`单选题`) over a group, gives it to none of the rows (unmerge the cell and fill each row)", "每一行的「题型」都要写单选、多选、判断或填空：Excel 里跨几行合并的「题型」单元格，或者一组题上面的标题行（`单选题`），都不会给下面各行填上题型（请取消合并，每行都填上）"),
                );
            } else {
                let hint = match key(written).trim_end_matches('题') {
                    "排序" | "连线" | "匹配" => t!("write it in the quiz file by hand (`type: ordering` or `type: matching`, see docs/content-format.md) and delete the row", "请在测验文件里手工写这道题（`type: ordering` 或 `type: matching`，见 docs/content-format.md），并删掉这一行"),
                    _ => t!("write 单选, 多选, 判断 or 填空 (单选题, 多选题, 判断题, 填空题, 简答 are read too)", "请写 单选、多选、判断 或 填空（单选题、多选题、判断题、填空题、简答 也认得）"),
                };
                problem(
                    kind_at + 1,
                    t!(
                        "题型 `{written}` is not a type of question the quiz has",
                        "测验里没有 `{written}` 这种题型"
                    ),
                    hint,
                );
            }
            continue;
        };
        let mut d = Draft {
            line,
            kind: k,
            kind_col: kind_at + 1,
            prompt: String::new(),
            prompt_col: 0,
            options: Vec::new(),
            answer: None,
            accepted: Vec::new(),
            answer_col: 0,
            explanation: String::new(),
            explanation_col: 0,
            rules: Vec::new(),
            basis_col: 0,
        };
        if let Some((p, col)) = cell_of(Column::Prompt) {
            d.prompt_col = col;
            if p.is_empty() {
                problem(
                    col,
                    t!("题干 is empty", "「题干」是空的"),
                    t!("write the question", "请写上题目"),
                );
            }
            d.prompt = prompt_text(p).to_string();
        }
        // Each option column's text (empty ones too: an answer may name one).
        let options: Vec<(u8, &str, usize)> = choices
            .iter()
            .map(|&(l, i)| (l, option_text(row.cell(i), l), i + 1))
            .collect();
        if let Some((a, col)) = cell_of(Column::Answer) {
            d.answer_col = col;
            let types = k.label();
            match k {
                QuestionType::Single | QuestionType::Multiple => {
                    let given = options.iter().filter(|o| !o.1.is_empty()).count();
                    if given < 2 {
                        let col = options
                            .iter()
                            .find(|o| o.1.is_empty())
                            .map_or(kind_at + 1, |o| o.2);
                        problem(
                            col,
                            t!(
                                "a {types} needs at least two options; this row has {given}",
                                "{types}至少要有两个选项；这一行只有 {given} 个"
                            ),
                            if choices.is_empty() {
                                t!("add columns 选项A, 选项B … to the header and write the options in them", "请在表头加上 选项A、选项B … 这些列，把选项写在里面")
                            } else {
                                t!("write the options in the 选项 columns, or change the 题型 (判断 or 填空)", "请把选项写在「选项」列里，或者把「题型」改成判断或填空")
                            },
                        );
                    }
                    // The letters, or the text of one option written out.
                    let picked = match letters(a) {
                        Ok(l) => Ok(l),
                        Err(c) => match options.iter().find(|o| !o.1.is_empty() && o.1 == a) {
                            Some(o) => Ok(vec![o.0]),
                            None => Err(c),
                        },
                    };
                    match picked {
                        _ if a.is_empty() => problem(
                            col,
                            t!("答案 is empty", "「答案」是空的"),
                            t!(
                                "write the letter of the right option, e.g. `A` (多选: `ABD`)",
                                "请写正确选项的字母，例如 `A`（多选写 `ABD`）"
                            ),
                        ),
                        Err(c) => problem(
                            col,
                            t!(
                                "答案 `{a}` is not option letters (`{c}`)",
                                "「答案」写的 `{a}` 不是选项字母（`{c}`）"
                            ),
                            if truth(a).is_some() {
                                t!("an answer right or wrong is a 判断题's: make the 题型 判断, or write the letter of the right option", "答案写对或错的是判断题：请把「题型」改成判断，或者写正确选项的字母")
                            } else {
                                letters_hint()
                            },
                        ),
                        Ok(l) if l.is_empty() => problem(
                            col,
                            t!(
                                "答案 `{a}` names no option",
                                "「答案」写的 `{a}` 里没有选项字母"
                            ),
                            letters_hint(),
                        ),
                        Ok(l) if k == QuestionType::Single && l.len() > 1 => problem(
                            col,
                            t!(
                                "答案 `{a}` names {} options; a 单选题 has one",
                                "「答案」`{a}` 写了 {} 个选项；单选题只能有一个",
                                l.len()
                            ),
                            t!(
                                "write one letter, or make the 题型 多选",
                                "请只写一个字母，或者把「题型」改成多选"
                            ),
                        ),
                        Ok(l) => {
                            for &x in &l {
                                match options.iter().find(|o| o.0 == x) {
                                    None => problem(
                                        col,
                                        t!(
                                            "答案 `{a}` names option {} but there is no 选项{} column",
                                            "「答案」`{a}` 写了选项 {}，但表头里没有「选项{}」这一列",
                                            letter(x),
                                            letter(x)
                                        ),
                                        t!("check the letter, or add the column 选项 with that letter to the header", "请检查字母，或者在表头加上这个字母的「选项」列"),
                                    ),
                                    Some(o) if o.1.is_empty() => problem(
                                        col,
                                        t!(
                                            "答案 `{a}` names option {} but 选项{} is empty in this row (column {})",
                                            "「答案」`{a}` 写了选项 {}，但这一行的「选项{}」是空的（第 {} 列）",
                                            letter(x),
                                            letter(x),
                                            o.2
                                        ),
                                        t!("check the letter, or write the option's text", "请检查字母，或者写上这个选项的内容"),
                                    ),
                                    Some(_) => {}
                                }
                            }
                            let given: Vec<&(u8, &str, usize)> =
                                options.iter().filter(|o| !o.1.is_empty()).collect();
                            // (Learners could not tell the two apart, nor the quiz which is right.)
                            for (j, o) in given.iter().enumerate() {
                                if let Some(p) = given[..j].iter().find(|p| p.1 == o.1) {
                                    problem(
                                        o.2,
                                        t!(
                                            "选项{} `{}` is the same as 选项{} (column {})",
                                            "「选项{}」`{}` 和「选项{}」（第 {} 列）一样",
                                            letter(o.0),
                                            o.1,
                                            letter(p.0),
                                            p.2
                                        ),
                                        t!("write each option once: change or delete one of the two", "每个选项只写一次：请改掉或删掉其中一个"),
                                    );
                                }
                            }
                            d.options = given
                                .iter()
                                .map(|o| (o.1.to_string(), l.contains(&o.0), o.2))
                                .collect();
                            // (不定项 may have one right option; a 多选题 in a Chinese exam has two
                            // or more, so one is most often a 单选题 given the wrong 题型.)
                            if k == QuestionType::Multiple
                                && l.len() == 1
                                && !key(written).starts_with("不定项")
                            {
                                diags.push(
                                    Diagnostic::warning(
                                        file,
                                        line,
                                        col,
                                        t!("答案 `{a}` of a 多选题 names one option", "多选题的答案 `{a}` 只有一个选项"),
                                    )
                                    .with_hint(t!("imported as a 多选题 with one right option; if that is meant, write 不定项 as its 题型 to silence this, else make it 单选 or add the other right letters", "会按只有一个正确选项的多选题导入；如果本来就是这样，把「题型」写成「不定项」，这条警告就没有了；否则请改成单选，或者补上其他正确选项的字母")),
                                );
                            }
                        }
                    }
                }
                QuestionType::TrueFalse => {
                    // Or a letter, with the options 正确 / 错误 written out.
                    let by_letter = || match letters(a).ok()?.as_slice() {
                        [x] => truth(options.iter().find(|o| o.0 == *x)?.1),
                        _ => None,
                    };
                    match truth(a).or_else(by_letter) {
                        Some(t) => d.answer = Some(t),
                        None => problem(
                            col,
                            if a.is_empty() {
                                t!("答案 is empty", "「答案」是空的")
                            } else {
                                t!(
                                    "答案 `{a}` of a 判断题 is neither right nor wrong",
                                    "判断题的答案 `{a}` 看不出是对还是错"
                                )
                            },
                            t!(
                                "write 对 or 错 (正确 / 错误, √ / ×, 是 / 否, T / F are read too)",
                                "请写 对 或 错（正确 / 错误、√ / ×、是 / 否、T / F 也认得）"
                            ),
                        ),
                    }
                }
                _ => {
                    d.accepted = accepted(a);
                    if d.accepted.is_empty() {
                        problem(
                            col,
                            t!("答案 is empty", "「答案」是空的"),
                            t!("write the accepted answer; several, each accepted: 答案一|答案二 or 答案一；答案二", "请写正确答案；几种写法都算对时，写成 答案一|答案二 或 答案一；答案二"),
                        );
                    }
                    // `5个工作日/五个工作日`, `95598、12398`: most likely answers each accepted,
                    // which only | and ； part -- imported as one, a learner typing either is
                    // marked wrong.
                    if d.accepted.len() == 1
                        && d.accepted[0].contains(['/', '／', '、', '，', ','])
                        && d.accepted[0].chars().count() <= 15
                    {
                        let one = &d.accepted[0];
                        diags.push(
                            Diagnostic::warning(file, line, col, t!(
                                "答案 `{one}` is imported as one answer, to be typed whole",
                                "答案 `{one}` 会作为一个答案导入：学员要整个打出来才算对"
                            ))
                            .with_hint(t!(
                                "if each part is an answer that counts, separate them with | or ； (`5个工作日|五个工作日`); if it is one answer (a GB/T code), leave it",
                                "如果其中每一个都算对，请改用 | 或 ； 隔开（`5个工作日|五个工作日`）；本来就是一个答案的（如 GB/T 编号），不用改"
                            )),
                        );
                    }
                    // An essay's points (简答: 要点：倾听、致歉、处理): a 填空 is right only as
                    // typed (spaces and punctuation aside), which no learner's sentences are.
                    if let Some(long) = d.accepted.iter().find(|x| x.chars().count() > 15) {
                        let n = long.chars().count();
                        diags.push(
                            Diagnostic::warning(file, line, col, t!(
                                "答案 is {n} characters long: a 填空 counts an answer right only as written (spaces and punctuation aside)",
                                "答案有 {n} 个字：填空题只有和答案一字不差（不计空格和标点）才算对"
                            ))
                            .with_hint(t!(
                                "ask for a word or a number (several blanks as several questions); an essay's points are better a 多选 of them",
                                "请只让学员填一个词或数字（几处要填的分成几道题）；简答题的要点更适合改成多选题，每个要点一个选项"
                            )),
                        );
                    }
                    if let Some(o) = options.iter().find(|o| !o.1.is_empty()) {
                        diags.push(
                            Diagnostic::warning(
                                file,
                                line,
                                o.2,
                                t!("a {} has no options: 选项{} `{}` is not imported", "{}没有选项：选项{} `{}` 不会导入", k.label(), letter(o.0), o.1),
                            )
                            .with_hint(t!("is it a 单选 or 多选 with the wrong 题型? else delete the options to silence this", "是不是单选或多选题，「题型」写错了？如果不是，删掉这些选项，这条警告就没有了")),
                        );
                    }
                }
            }
        }
        if let Some((e, col)) = cell_of(Column::Explanation) {
            d.explanation = e.to_string();
            d.explanation_col = col;
        }
        if let Some((b, col)) = cell_of(Column::Basis) {
            d.basis_col = col;
            let (ids, words) = basis(b, rules, |msg, hint| {
                diags.push(Diagnostic::warning(file, line, col, msg).with_hint(hint));
            });
            d.rules = ids;
            // The regulation in words (《供电营业规则》第几条): kept, under the explanation.
            if words {
                if !d.explanation.is_empty() {
                    d.explanation.push_str("\n\n");
                } else {
                    d.explanation_col = col;
                }
                d.explanation.push_str(&format!("依据：{b}"));
            }
        }
        if !ok {
            continue;
        }
        // (Rows without a prompt -- a 题干 column missing, told once at the header -- are not
        // the same question for that.)
        let same = d.same_as();
        if d.prompt.trim().is_empty() {
            drafts.push(d);
            continue;
        }
        if let Some(&before) = seen.get(&same) {
            diags.push(err(
                line,
                d.prompt_col.max(1),
                t!(
                    "the same question as the row on line {before}",
                    "和第 {before} 行是同一道题"
                ),
                t!("delete one of the two rows", "请删掉其中一行"),
            ));
            continue;
        }
        seen.insert(same, line);
        drafts.push(d);
    }
    (drafts, diags)
}

/// How to write a choice question's 答案.
fn letters_hint() -> String {
    t!(
        "write the letters of the right options, e.g. `A`, or `ABD` / `A,B,D` / `A、B、D` for a 多选题",
        "请写正确选项的字母，例如 `A`；多选题写 `ABD` / `A,B,D` / `A、B、D`"
    )
}

/// A 依据 cell: the book's rule ids it names (an old id as the rule's id now), and whether it
/// holds anything else (the regulation in words, kept in the explanation). Ids the book does
/// not have are reported to `warn` (message, hint).
fn basis(cell: &str, rules: &Rules, mut warn: impl FnMut(String, String)) -> (Vec<String>, bool) {
    let mut ids: Vec<String> = Vec::new();
    let mut words = false;
    let cell: String = cell.chars().map(half_width).collect();
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let mut rest = cell.as_str();
    while !rest.is_empty() {
        let start = rest.find(is_id_char).unwrap_or(rest.len());
        if rest[..start]
            .chars()
            .any(|c| !c.is_whitespace() && !",;、/。|".contains(c))
        {
            words = true;
        }
        rest = &rest[start..];
        let end = rest.find(|c| !is_id_char(c)).unwrap_or(rest.len());
        let token = rest[..end].trim_matches('-');
        rest = &rest[end..];
        if token.is_empty() {
            continue;
        }
        let id = token.to_ascii_uppercase();
        if !crate::content::rule_check::valid_id(&id) {
            words = true;
            continue;
        }
        let id = if rules.ids.contains(&id) {
            id
        } else if let Some(now) = rules.old.get(&id) {
            warn(
                t!(
                    "{id} is an old id of rule {now}: the question gets `rules: [{now}]`",
                    "{id} 是规则 {now} 的旧编号：这道题会写成 `rules: [{now}]`"
                ),
                t!("write {now} in the file", "请在文件里改写成 {now}"),
            );
            now.clone()
        } else {
            let hint = match nearest(&id, rules.ids.iter().map(String::as_str)) {
                Some(n) => t!("did you mean {n}?", "是不是想写 {n}？"),
                None => t!(
                    "write the id of a rule of the book (TS-PROC-002), or the regulation in words",
                    "请写本手册里一条规则的编号（如 TS-PROC-002），或者用文字写出依据的规定"
                ),
            };
            warn(
                t!(
                    "the book has no rule {id}: it is not in the question's `rules`, and the 依据 cell is kept in its explanation as written",
                    "手册里没有规则 {id}：这道题的 `rules` 里不写它，依据一栏原样留在解析里"
                ),
                hint,
            );
            // (Kept as written, so that a mistyped id is not lost: maintainer review.)
            words = true;
            continue;
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    (ids, words)
}

/// The ids the next `n` questions of quiz `quiz` get: `<prefix>-NN` as most of its questions'
/// ids are written (`principles-16` after `principles-15`, `q-007` after `q-006`), from one past
/// the highest number, so that no id a deleted question had is given again; `<quiz>-01` … in a
/// quiz with none such. None of `taken` (the quiz's whole pool).
pub(crate) fn next_ids(quiz: &str, own: &[&str], taken: &HashSet<&str>, n: usize) -> Vec<String> {
    // prefix -> (how many, highest number, widest number)
    let mut forms: Vec<(&str, usize, u64, usize)> = Vec::new();
    for id in own {
        let Some((prefix, num)) = id.rsplit_once('-') else {
            continue;
        };
        if num.is_empty() || num.len() > 9 || !num.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let v: u64 = num.parse().unwrap_or(0);
        match forms.iter_mut().find(|f| f.0 == prefix) {
            Some(f) => {
                f.1 += 1;
                f.2 = f.2.max(v);
                f.3 = f.3.max(num.len());
            }
            None => forms.push((prefix, 1, v, num.len())),
        }
    }
    let mut best: (&str, usize, u64, usize) = (quiz, 0, 0, 2);
    for f in forms {
        if f.1 > best.1 || (f.1 == best.1 && f.0 == quiz) {
            best = f;
        }
    }
    let (prefix, _, mut next, width) = best;
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        next += 1;
        let id = format!("{prefix}-{next:0width$}");
        if !taken.contains(id.as_str()) && !own.contains(&id.as_str()) {
            out.push(id);
        }
    }
    out
}

/// A question's lines of YAML, as an item of `questions:` whose `-` is at column `indent`,
/// each with the column of the bank its value came from.
fn yaml_lines(d: &Draft, id: &str, indent: usize) -> Vec<(String, usize)> {
    let pad = " ".repeat(indent);
    // (An id is written as the quiz's others are, which may need quotes: `#1`, `-01`.)
    let mut out = vec![(format!("{pad}- id: {}", yaml_text(id)), d.prompt_col.max(1))];
    let mut add = |text: String, col: usize| out.push((format!("{pad}  {text}"), col.max(1)));
    let kind = match d.kind {
        QuestionType::Single => "single",
        QuestionType::Multiple => "multiple",
        QuestionType::TrueFalse => "true_false",
        _ => "short",
    };
    add(format!("type: {kind}"), d.kind_col);
    add(format!("prompt: {}", yaml_text(&d.prompt)), d.prompt_col);
    if !d.options.is_empty() {
        add("options:".into(), d.answer_col);
        for (text, correct, col) in &d.options {
            add(format!("  - text: {}", yaml_text(text)), *col);
            if *correct {
                add("    correct: true".into(), d.answer_col);
            }
        }
    }
    if let Some(a) = d.answer {
        add(format!("answer: {a}"), d.answer_col);
    }
    if !d.accepted.is_empty() {
        add("accepted:".into(), d.answer_col);
        for a in &d.accepted {
            add(format!("  - {}", yaml_text(a)), d.answer_col);
        }
    }
    if !d.explanation.is_empty() {
        add(
            format!("explanation: {}", yaml_text(&d.explanation)),
            d.explanation_col,
        );
    }
    if !d.rules.is_empty() {
        add(format!("rules: [{}]", d.rules.join(", ")), d.basis_col);
    }
    out
}

/// Where questions go in a quiz file: after the last line of its `questions:` block list.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// The byte offset to insert at.
    pub at: usize,
    /// The column of the list's `-`.
    pub indent: usize,
    /// `questions: []`: the line to write as `questions:` (its start and end).
    pub empty: Option<(usize, usize)>,
}

/// [`Place`] in quiz file `text`, or why questions cannot be added to it by a program.
pub(crate) fn place(text: &str) -> Result<Place, String> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for l in text.split_inclusive('\n') {
        lines.push((offset, offset + l.len(), l.trim_end_matches(['\n', '\r'])));
        offset += l.len();
    }
    let Some(q) = lines.iter().position(|(_, _, l)| {
        l.strip_prefix("questions:")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    }) else {
        return Err(t!(
            "it has no line `questions:` at the start of a line",
            "文件里没有顶格写的 `questions:` 这一行"
        ));
    };
    let rest = lines[q].2["questions:".len()..].trim();
    let rest = rest.split(" #").next().unwrap_or("").trim();
    if rest.starts_with("[]") && rest[2..].trim().is_empty() {
        return Ok(Place {
            at: lines[q].1,
            indent: 2,
            empty: Some((lines[q].0, lines[q].1)),
        });
    }
    if !rest.is_empty() && !rest.starts_with('#') {
        return Err(t!("its questions are written as a list in brackets (`questions: [...]`), not one `- id:` item a question", "它的题目写成了方括号里的列表（`questions: [...]`），而不是每道题一个 `- id:` 项"));
    }
    let mut last = q;
    let mut indent = None;
    for (j, (_, _, l)) in lines.iter().enumerate().skip(q + 1) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let lead = l.len() - t.len();
        let item = t == "-" || t.starts_with("- ");
        if lead == 0 && !item {
            break;
        }
        if indent.is_none() {
            if !item {
                return Err(t!(
                    "its `questions:` is not followed by a list of `- id:` items",
                    "它的 `questions:` 下面不是一个个 `- id:` 项"
                ));
            }
            indent = Some(lead);
        }
        last = j;
    }
    Ok(Place {
        at: lines[last].1,
        indent: indent.unwrap_or(2),
        empty: None,
    })
}

/// What an import did, when it wrote the quiz.
pub struct Imported {
    /// The quiz file, from the book's folder.
    pub file: PathBuf,
    /// Whether the file was made (else the questions were added to it).
    pub created: bool,
    pub ids: Vec<String>,
    /// `check` of the book after it.
    pub check: crate::Report,
}

/// What an import found: the problems in the bank (each at its row and column; with an
/// error, nothing was written), notes to print, and what was written.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<String>,
    pub imported: Option<Imported>,
}

impl Outcome {
    /// How many errors there are, and in which files, as the diagnostics name them: `3 errors
    /// in 题库.csv`; `2 errors: 1 in 题库.csv, 1 in content/quizzes/x.quiz.yaml` (the quiz
    /// file, or a page a question's link broke, has them too).
    pub fn errors_where(&self) -> String {
        let mut files: Vec<(&Path, usize)> = Vec::new();
        for d in self.diagnostics.iter().filter(|d| d.is_error()) {
            match files.iter_mut().find(|(f, _)| *f == d.file.as_path()) {
                Some((_, n)) => *n += 1,
                None => files.push((&d.file, 1)),
            }
        }
        let total: usize = files.iter().map(|(_, n)| n).sum();
        let errors = |n: usize| match n {
            1 => t!("{n} error", "{n} 个错误"),
            _ => t!("{n} errors", "{n} 个错误"),
        };
        match files.as_slice() {
            [] => errors(0),
            [(f, n)] => {
                let (errors, file) = (errors(*n), f.display());
                t!("{errors} in {file}", "{file} 里有 {errors}")
            }
            _ => {
                let each: Vec<String> = files
                    .iter()
                    .map(|(f, n)| t!("{n} in {}", "{} 里 {n} 个", f.display()))
                    .collect();
                t!(
                    "{}: {}",
                    "{}：{}",
                    errors(total),
                    each.join(&t!(", ", "，"))
                )
            }
        }
    }
}

/// Imports the question bank `csv` (a path as the user typed it) into quiz `quiz` of the book
/// at `root`. An error here (no book, no such file, a quiz id that cannot be) is not about the
/// bank's content, which [`Outcome`] reports.
pub fn questions(
    root: &Path,
    csv: &Path,
    quiz: &str,
    title: Option<&str>,
) -> anyhow::Result<Outcome> {
    let quiz = quiz.trim();
    if !crate::scaffold::kebab(quiz) {
        bail!(t!("`{quiz}` is not a quiz id: use lower-case letters, digits and hyphens, e.g. --quiz escalation-basics", "`{quiz}` 不能用作测验 id：只能用小写英文字母、数字和连字符 `-`，例如 --quiz escalation-basics"));
    }
    let bytes =
        std::fs::read(csv).with_context(|| t!("cannot read {}", "无法读取 {}", csv.display()))?;
    let book = crate::scaffold::scan(root)?;
    if let Some(&i) = book.quiz_aliases.get(quiz) {
        bail!(t!(
            "`{quiz}` is an old id of quiz `{}`: import into it with --quiz {}",
            "`{quiz}` 是测验 `{}` 的旧编号：请用 --quiz {} 导入到那个测验里",
            book.quizzes[i].value.id,
            book.quizzes[i].value.id
        ));
    }
    let mut out = Outcome {
        diagnostics: Vec::new(),
        notes: Vec::new(),
        imported: None,
    };
    let text = match decode(csv, &bytes) {
        Ok(t) => t,
        Err(d) => {
            out.diagnostics.push(d);
            return Ok(out);
        }
    };
    let rows = match rows(&text) {
        Ok(r) => r,
        Err(u) => {
            out.diagnostics
                .push(Diagnostic::error(csv, u.line, u.col, u.message).with_hint(u.hint));
            return Ok(out);
        }
    };
    let rules = Rules {
        ids: book.rules.iter().map(|r| r.value.id.clone()).collect(),
        old: book
            .rule_aliases
            .iter()
            .map(|(old, &i)| (old.clone(), book.rules[i].value.id.clone()))
            .collect(),
    };
    let (drafts, diags) = parse(csv, &rows, &rules);
    out.diagnostics = diags;

    // The quiz: the file that has it, or the one to make.
    let existing = book.quizzes.iter().find(|q| q.value.id == quiz);
    let rel = match existing {
        Some(q) => display_path(root, &q.file),
        None => book
            .config
            .build
            .src
            .join("quizzes")
            .join(format!("{quiz}.quiz.yaml")),
    };
    let path = root.join(&rel);
    let before = match std::fs::read(&path) {
        Ok(b) => Some(String::from_utf8(b).map_err(|_| {
            anyhow::anyhow!(t!(
                "{} is not UTF-8 text: fix it first (`handbook check`)",
                "{} 不是 UTF-8 编码的文字：请先改好它（`handbook check`）",
                rel.display()
            ))
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => bail!(t!("cannot read {}: {e}", "无法读取 {}：{e}", rel.display())),
    };
    // (Lines ended by a carriage return alone: the book reads them as line ends, but the
    // questions could not be placed among them without rewriting every line.)
    if before
        .as_deref()
        .is_some_and(|t| t.replace("\r\n", "").contains('\r'))
    {
        bail!(t!(
            "{} has lines ended by a carriage return alone (an old Mac editor): save it with ordinary line ends (LF or CRLF) and import again; nothing was written",
            "{} 里有只用回车符（CR）结尾的行（老式 Mac 编辑器会这样写）：请用普通的换行（LF 或 CRLF）保存后再导入；没有写入任何内容",
            rel.display()
        ));
    }
    let old: Option<Quiz> = match &before {
        Some(t) => match crate::content::yaml::parse::<Quiz>(&rel, t, 1, &[]) {
            Ok(q) if q.id.trim() == quiz => Some(q),
            Ok(q) => bail!(t!(
                "{} holds quiz `{}`, not `{quiz}`: import into it with --quiz {}, or choose another id",
                "{} 里是测验 `{}`，不是 `{quiz}`：请用 --quiz {} 导入到那个测验里，或者换一个编号",
                rel.display(),
                q.id,
                q.id
            )),
            Err(mut d) => {
                // (The bank is fine, as far as it was read: the quiz is what to fix.)
                let fix = d.hint.take().unwrap_or_else(|| {
                    t!(
                        "fix the quiz file (`handbook check` says what is wrong)",
                        "请改好测验文件（`handbook check` 会说哪里有错）"
                    )
                });
                d.hint = Some(t!(
                    "{}; the questions are added once the quiz file reads",
                    "{}；等测验文件能正常读取，题目才会加进去",
                    fix
                ));
                out.diagnostics.push(d);
                return Ok(out);
            }
        },
        None => None,
    };
    // A bank imported twice: its questions are in the quiz already.
    if let Some(q) = &old {
        let had: HashMap<String, &str> = q
            .questions
            .iter()
            .map(|x| {
                (
                    same_key(x.kind, &x.prompt, x.options.iter().map(|o| o.text.as_str())),
                    x.id.as_str(),
                )
            })
            .collect();
        for d in &drafts {
            if let Some(id) = had.get(&d.same_as()) {
                // A row that corrects the question's answer: where to correct it, not "delete
                // the row", which threw the correction away.
                let now = answer_words(
                    d.kind,
                    d.options.iter().map(|o| (o.0.as_str(), o.1)),
                    d.answer,
                    &d.accepted,
                );
                let was = (q.questions.iter().find(|x| x.id == *id))
                    .map(|x| {
                        answer_words(
                            x.kind,
                            x.options.iter().map(|o| (o.text.as_str(), o.correct)),
                            x.answer,
                            &x.accepted,
                        )
                    })
                    .unwrap_or_default();
                let diagnostic = if now != was && !now.is_empty() {
                    Diagnostic::error(
                        csv,
                        d.line,
                        d.answer_col.max(1),
                        t!(
                            "this question is in quiz `{quiz}` already, as `{id}`, with another answer: “{was}” there, “{now}” here",
                            "这道题已经在测验 `{quiz}` 里了（题目 id 是 `{id}`），但答案不同：测验里是“{was}”，表里是“{now}”"
                        ),
                    )
                    .with_hint(t!(
                        "to correct it, change `{id}`'s answer in {} (keeping its id: learners' answers and 错题本 follow it) and note it under the quiz's `revised:`; then delete this row",
                        "要改正，请在 {} 里改 `{id}` 的答案（保留它的 id：学员的答题记录和错题本都跟着这个 id），并在测验的 `revised:` 里记一笔；然后删掉表里这一行",
                        rel.display()
                    ))
                } else {
                    Diagnostic::error(
                        csv,
                        d.line,
                        d.prompt_col.max(1),
                        t!(
                            "this question is in quiz `{quiz}` already, as `{id}` ({})",
                            "这道题已经在测验 `{quiz}` 里了，题目 id 是 `{id}`（{}）",
                            rel.display()
                        ),
                    )
                    .with_hint(t!(
                        "delete the row (was the file imported before?)",
                        "请删掉这一行（这个文件是不是以前导入过？）"
                    ))
                };
                out.diagnostics.push(diagnostic);
            }
        }
    }
    if out.diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(out);
    }
    if old.is_some() && title.is_some() {
        out.notes.push(t!(
            "--title is for a new quiz: `{quiz}` keeps its title (change it in {})",
            "--title 只用于新测验：`{quiz}` 保留原来的标题（要改标题请在 {} 里改）",
            rel.display()
        ));
    }

    // The ids and the text: none a question of the quiz's pool has, nor of the pool of a
    // quiz that takes this one's questions (`from`), where they would meet.
    let own: Vec<&str> = old
        .iter()
        .flat_map(|q| q.questions.iter().map(|x| x.id.as_str()))
        .collect();
    let names: Vec<&str> = std::iter::once(quiz)
        .chain(
            old.iter()
                .flat_map(|q| q.aliases.iter().map(String::as_str)),
        )
        .collect();
    let taken: HashSet<&str> = book
        .quizzes
        .iter()
        .filter(|q| {
            q.value.id == quiz || q.value.from.iter().any(|f| names.contains(&f.quiz.trim()))
        })
        .flat_map(|q| q.value.questions.iter().map(|x| x.id.as_str()))
        .collect();
    let ids = next_ids(quiz, &own, &taken, drafts.len());
    let nl = if before.as_deref().is_some_and(|t| t.contains("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    let (head, indent, tail) = match (&before, old.is_some()) {
        (Some(t), true) => {
            let p = match place(t) {
                Ok(p) => p,
                Err(why) => bail!(t!(
                    "cannot add questions to {}: {why}; write its questions as a block list (`questions:` and a `- id:` item a question) and import again; nothing was written",
                    "无法把题目加到 {} 里：{why}；请把它的题目写成分行的列表（`questions:` 下面每道题一个 `- id:` 项）后再导入；没有写入任何内容",
                    rel.display()
                )),
            };
            let (head, tail) = match p.empty {
                Some((start, end)) => (format!("{}questions:{nl}", &t[..start]), &t[end..]),
                None => {
                    let mut head = t[..p.at].to_string();
                    if !head.is_empty() && !head.ends_with('\n') {
                        head.push_str(nl);
                    }
                    (head, &t[p.at..])
                }
            };
            (head, p.indent, tail.to_string())
        }
        _ => {
            let title = title
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .unwrap_or(quiz);
            let head = format!(
                "{schema}id: {quiz}\ntitle: {title}\npass_mark: 80\n# time_guide: 10          # 建议用时（分钟）\n# exam: true             # 考试：答完全部题目、交卷后才显示对错和解析\n# time_limit: 20         # 考试限时（分钟），时间到自动交卷；只用于 exam: true\nquestions:\n",
                schema = crate::scaffold::schema_line(root, &rel, "quiz.schema.json"),
                title = yaml_text(title),
            );
            (head, 2, String::new())
        }
    };
    let first_line = head.matches('\n').count() + 1;
    // Each line written, with the row and column it came from.
    let mut origin: Vec<(usize, usize)> = Vec::new();
    let mut block = String::new();
    for (d, id) in drafts.iter().zip(&ids) {
        for (l, col) in yaml_lines(d, id, indent) {
            block.push_str(&l);
            block.push_str(nl);
            origin.push((d.line, col));
        }
    }
    let new_text = format!("{head}{block}{tail}");
    // Read back: the quiz as it was, and the questions after it.
    let back = serde_yaml::from_str::<Quiz>(&new_text).ok();
    let had = old.as_ref().map_or(0, |q| q.questions.len());
    let fits = back.is_some_and(|b| {
        b.questions.len() == had + ids.len()
            && b.questions.iter().skip(had).map(|x| &x.id).eq(ids.iter())
            && old.as_ref().is_none_or(|o| {
                o.questions
                    .iter()
                    .map(|x| &x.id)
                    .eq(b.questions.iter().take(had).map(|x| &x.id))
            })
    });
    if !fits {
        bail!(t!(
            "cannot add the questions to {} safely (its layout is not one this command knows): add them by hand, or import into a new quiz; nothing was written",
            "无法安全地把题目加到 {} 里（这个命令不认识它的写法）：请手工添加，或者导入到一个新测验里；没有写入任何内容",
            rel.display()
        ));
    }

    // Written, and `check` run on the book with it. An error that was not there before
    // (in what was added, or one it causes elsewhere) puts everything back as it was.
    let made_dirs = missing_dirs(&path);
    let write = || -> anyhow::Result<()> {
        make_dirs(&made_dirs)?;
        replace(&path, &new_text).inspect_err(|_| remove_dirs(&made_dirs))
    };
    let put_back = || -> anyhow::Result<()> {
        match &before {
            Some(t) => replace(&path, t),
            None => {
                std::fs::remove_file(&path)?;
                remove_dirs(&made_dirs);
                Ok(())
            }
        }
        .with_context(|| {
            t!(
                "cannot put {} back as it was",
                "无法把 {} 恢复原样",
                rel.display()
            )
        })
    };
    let not_written = || {
        t!(
            "cannot write {}; nothing was written",
            "无法写入 {}；没有写入任何内容",
            rel.display()
        )
    };
    write().with_context(not_written)?;
    let check = crate::check_with(root, false, false);
    let is_quiz = |d: &Diagnostic| d.file == rel || d.file == path;
    let added = first_line..first_line + origin.len();
    let ours = |d: &Diagnostic| d.is_error() && is_quiz(d) && added.contains(&d.line);
    // (A mistake in a question is put at its row's cell.)
    let mut problems: Vec<Diagnostic> = check
        .diagnostics
        .items
        .iter()
        .filter(|d| ours(d))
        .map(|d| {
            let (line, col) = origin[d.line - first_line];
            let mut e = Diagnostic::error(csv, line, col, d.message.clone());
            e.hint = d.hint.clone();
            e
        })
        .collect();
    let elsewhere: Vec<&Diagnostic> = check
        .diagnostics
        .items
        .iter()
        .filter(|d| d.is_error() && !ours(d))
        .collect();
    let mut written = true;
    if problems.is_empty() && !elsewhere.is_empty() {
        // Errors the book had already are its own business: those of a check without the
        // questions (where a line below them was as many lines up) are not the import's.
        put_back()?;
        written = false;
        let was = crate::check_with(root, false, false);
        let key = |d: &Diagnostic, shift: usize| {
            let moved = is_quiz(d) && d.line >= added.end;
            let line = if moved { d.line - shift } else { d.line };
            (d.file.clone(), line, d.col, d.message.clone())
        };
        let mut had: HashMap<_, usize> = HashMap::new();
        for d in was.diagnostics.items.iter().filter(|d| d.is_error()) {
            *had.entry(key(d, 0)).or_default() += 1;
        }
        for d in elsewhere {
            match had.get_mut(&key(d, origin.len())) {
                Some(n) if *n > 0 => *n -= 1,
                _ => {
                    let mut e = d.clone();
                    e.message = t!(
                        "{} (made by the questions from {}, which were not imported)",
                        "{}（是 {} 里的题目引起的，这些题目没有导入）",
                        e.message,
                        csv.display()
                    );
                    problems.push(e);
                }
            }
        }
        if problems.is_empty() {
            write().with_context(not_written)?;
            written = true;
        }
    }
    if !problems.is_empty() {
        if written {
            put_back()?;
        }
        out.diagnostics.extend(problems);
        return Ok(out);
    }
    out.imported = Some(Imported {
        file: rel,
        created: before.is_none(),
        ids,
        check,
    });
    Ok(out)
}

/// The folders above `file` that do not exist, the outermost first.
fn missing_dirs(file: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = file
        .ancestors()
        .skip(1)
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .map(Path::to_path_buf)
        .collect();
    out.reverse();
    out
}

fn make_dirs(dirs: &[PathBuf]) -> anyhow::Result<()> {
    for d in dirs {
        std::fs::create_dir(d)
            .with_context(|| t!("cannot create {}", "无法创建 {}", d.display()))?;
    }
    Ok(())
}

/// `dirs`, made by [`make_dirs`], removed again (the innermost first), as long as they are
/// empty.
fn remove_dirs(dirs: &[PathBuf]) {
    for d in dirs.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}

/// `file` made to hold `text`, whole or not at all: written beside it and renamed over it (a
/// disk that fills up half-way leaves the quiz as it was).
fn replace(file: &Path, text: &str) -> anyhow::Result<()> {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let tmp = file.with_file_name(format!(".{name}.import"));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, file))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| t!("cannot write {}", "无法写入 {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_loosely() {
        for (h, c) in [
            ("题型", Column::Kind),
            ("类型", Column::Kind),
            (" 题型（必填）", Column::Kind),
            ("题干", Column::Prompt),
            ("题目", Column::Prompt),
            ("试题", Column::Prompt),
            ("*题干", Column::Prompt),
            ("选项A", Column::Choice(0)),
            ("A", Column::Choice(0)),
            ("选项 b", Column::Choice(1)),
            ("Ｃ", Column::Choice(2)),
            ("D选项", Column::Choice(3)),
            ("选项E", Column::Choice(4)),
            ("答案", Column::Answer),
            ("正确答案", Column::Answer),
            ("参考答案", Column::Answer),
            ("解析", Column::Explanation),
            ("答案解析", Column::Explanation),
            ("说明", Column::Explanation),
            ("依据", Column::Basis),
            ("规则", Column::Basis),
        ] {
            assert_eq!(column(h), Some(c), "{h}");
        }
        for h in ["难度", "序号", "选项", "AB", "", "选项AA"] {
            assert_eq!(column(h), None, "{h}");
        }
    }

    #[test]
    fn types_answers_and_accepted_answers() {
        use QuestionType as T;
        for (cell, t) in [
            ("单选", T::Single),
            ("单选题", T::Single),
            ("单项选择题", T::Single),
            ("多选", T::Multiple),
            ("多选题", T::Multiple),
            ("不定项选择题", T::Multiple),
            ("判断", T::TrueFalse),
            ("判断题", T::TrueFalse),
            ("填空", T::Short),
            ("填空题", T::Short),
            ("简答", T::Short),
            ("单选题（2分）", T::Single),
            ("【单选题】", T::Single),
            ("[多选]", T::Multiple),
            ("（判断题）", T::TrueFalse),
        ] {
            assert_eq!(kind(cell), Some(t), "{cell}");
        }
        assert_eq!(kind("排序题"), None);
        assert_eq!(kind(""), None);

        assert_eq!(letters("ABD"), Ok(vec![0, 1, 3]));
        assert_eq!(letters("A,B,D"), Ok(vec![0, 1, 3]));
        assert_eq!(letters("A、B、D"), Ok(vec![0, 1, 3]));
        assert_eq!(letters("d b"), Ok(vec![1, 3]));
        assert_eq!(letters("Ｂ，Ａ"), Ok(vec![0, 1]));
        assert_eq!(letters("（C）"), Ok(vec![2]));
        assert_eq!(letters("5个"), Err('5'));

        for t in ["对", "正确", "√", "是", "T", "TRUE", "true", " 对 "] {
            assert_eq!(truth(t), Some(true), "{t}");
        }
        for f in ["错", "错误", "×", "否", "F", "FALSE", "f"] {
            assert_eq!(truth(f), Some(false), "{f}");
        }
        for n in ["", "不确定", "A", "对错"] {
            assert_eq!(truth(n), None, "{n}");
        }

        assert_eq!(
            accepted("5个工作日|五个工作日"),
            ["5个工作日", "五个工作日"]
        );
        assert_eq!(accepted("首问负责制；首问负责"), ["首问负责制", "首问负责"]);
        assert_eq!(accepted(" 95598 "), ["95598"]);
        assert!(accepted(" | ").is_empty());

        assert_eq!(option_text("A．5个工作日", 0), "5个工作日");
        assert_eq!(option_text("B、1个月", 1), "1个月");
        assert_eq!(option_text("Access 数据库", 0), "Access 数据库");
        assert_eq!(option_text("A.", 0), "A.");

        assert_eq!(prompt_text("12、一般投诉几天办结？"), "一般投诉几天办结？");
        assert_eq!(prompt_text("3. 首问负责"), "首问负责");
        assert_eq!(prompt_text("1.5倍的电价"), "1.5倍的电价");
        assert_eq!(prompt_text("95598是什么？"), "95598是什么？");
        assert_eq!(prompt_text("2、"), "2、");
    }

    #[test]
    fn rows_keep_their_lines_and_quoted_cells() {
        let text = "题型,题干,答案\n单选,\"一行，\n两行\",A\r\n\n判断,\"他说\"\"好\"\"\",对\n";
        let rows = rows(text).unwrap();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 5]);
        assert_eq!(rows[1].cells[1], "一行，\n两行");
        assert_eq!(rows[2].cells[1], "他说\"好\"");
        let tabbed = super::rows("题型\t题干\t答案\n判断\t天是蓝的\t对\n").unwrap();
        assert_eq!(tabbed[1].cells, ["判断", "天是蓝的", "对"]);
    }

    #[test]
    fn lines_ending_in_a_carriage_return_alone_keep_their_numbers() {
        let rows = rows("题型,题干,答案\r判断,\"两\r行\",对\r\r判断,天是蓝的,对\r").unwrap();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 5]);
        assert_eq!(rows[1].cells[1], "两\n行");
    }

    #[test]
    fn a_quote_left_open_is_placed_at_its_cell() {
        let e =
            rows("题型,题干,答案\n判断,天是蓝的,对\n判断,\"草是绿的,对\n判断,x,对\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 2), "{e:?}");
        assert!(e.message.contains("never closed"), "{e:?}");
        // Closed rows later: the rows between are in the cell.
        let e = rows("题型,题干,答案\n判断,\"草是绿的,对\n判断,x,对\n判断,\"y\",对\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 2), "{e:?}");
        assert!(e.message.contains("`判断,x,对`"), "{e:?}");
        // A quote inside a cell, and a cell of several lines, are fine.
        let ok =
            rows("题型,题干,答案\n判断,他说\"好\",对\n判断,\"一\n二\"\"三\"\"\",对\n").unwrap();
        assert_eq!(ok[1].cells[1], "他说\"好\"");
        assert_eq!(ok[2].cells[1], "一\n二\"三\"");
    }

    #[test]
    fn control_characters_and_stray_byte_order_marks_are_dropped_from_cells() {
        let rows = rows("题型,题干,答案\n判断,\u{feff}天\u{7f}是\u{1}蓝\u{85}的\t,对\n").unwrap();
        assert_eq!(rows[1].cells[1], "天是蓝的");
    }

    #[test]
    fn gbk_is_refused_with_how_to_save_and_a_bom_is_fine() {
        let f = Path::new("题库.csv");
        assert_eq!(decode(f, b"\xEF\xBB\xBFa,b").unwrap(), "a,b");
        // 题型,题干 / 单选,"投诉" in GBK.
        let gbk = b"a,b\n\"x,y\",\xCD\xB6\xCB\xDF\n";
        let e = decode(f, gbk).unwrap_err();
        assert_eq!((e.line, e.col), (2, 2));
        assert!(e.message.contains("GBK"), "{}", e.message);
        assert!(e.hint.unwrap().contains("CSV UTF-8（逗号分隔）"));
    }

    /// A workbook passed by mistake (`题库.xlsx` for `题库.csv`) is said to be one, with how to
    /// save it as text; not taken for GBK text.
    #[test]
    fn a_workbook_or_pdf_is_named_as_what_it_is() {
        let f = Path::new("题库.xlsx");
        for (bytes, what) in [
            (
                &b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml"[..],
                ".xlsx",
            ),
            (&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"[..], ".xls"),
            (&b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"[..], "PDF"),
        ] {
            let e = decode(f, bytes).unwrap_err();
            assert!(e.message.contains(what), "{e}");
            assert!(!e.message.contains("GBK"), "{e}");
            assert_eq!((e.line, e.col), (1, 1));
            assert!(e.hint.unwrap().contains("CSV UTF-8"));
        }
        // Text that only starts alike is text.
        assert_eq!(decode(f, b"PK,%PDF\n").unwrap(), "PK,%PDF\n");
    }

    /// UTF-16 without a byte-order mark (a program other than Excel, saving 「Unicode」): told by
    /// its tabs, commas and line ends (a NUL byte each, on one side), and read as with one.
    #[test]
    fn utf16_without_a_byte_order_mark_is_told_by_its_separators_and_read() {
        let f = Path::new("题库.txt");
        let bare = |be: bool, text: &str| -> Vec<u8> {
            text.encode_utf16()
                .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect()
        };
        // (一 U+4E00 and 退 U+9000 have a NUL byte too, on the other side.)
        let text = "题型\t题干\t答案\r\n判断\t一律退费。\t对\r\n判断\t一一退回一一核对。\t错\r\n";
        assert_eq!(decode(f, &bare(false, text)).unwrap(), text);
        assert_eq!(decode(f, &bare(true, text)).unwrap(), text);
        assert_eq!(decode(f, &bare(false, "a,b\n")).unwrap(), "a,b\n");
        // Long Chinese cells: a bank's separators and line ends are enough.
        let long = format!("题型\t题干\t答案\r\n判断\t{}\t对\r\n", "投诉人".repeat(150));
        assert_eq!(decode(f, &bare(false, &long)).unwrap(), long);
        // Cut short: at its line and cell, as with a byte-order mark.
        let mut short = bare(false, "题型\t题干\n判断\t天");
        short.pop();
        let e = decode(f, &short).unwrap_err();
        assert_eq!((e.line, e.col), (2, 2), "{e}");
        assert!(e.message.contains("UTF-16"), "{e}");
        // UTF-8 and GBK (no NUL bytes) are as they were; so is a stray NUL or two.
        assert_eq!(decode(f, "题型,题干\n".as_bytes()).unwrap(), "题型,题干\n");
        let e = decode(f, b"a,b\n\xCD\xB6\xCB\xDF\n").unwrap_err();
        assert!(e.message.contains("GBK"), "{e}");
        let stray = format!("题型,题干\n判断,{}\0\n", "投诉".repeat(100));
        assert_eq!(decode(f, stray.as_bytes()).unwrap(), stray);
        assert_eq!(decode(f, b"\0").unwrap(), "\0");
        // (UTF-32, a NUL unit a character, is not taken for UTF-16: it is said to be UTF-32.)
        for be in [false, true] {
            let utf32: Vec<u8> = "题型\t题干\r\n判断\t天是蓝的\r\n"
                .chars()
                .flat_map(|c| {
                    if be {
                        (c as u32).to_be_bytes()
                    } else {
                        (c as u32).to_le_bytes()
                    }
                })
                .collect();
            let e = decode(f, &utf32).unwrap_err();
            assert!(e.message.contains("UTF-32"), "{e}");
        }
    }

    /// Excel's 「Unicode 文本」: UTF-16 (little-endian on Windows) with a byte-order mark.
    #[test]
    fn utf16_with_a_byte_order_mark_is_read_and_a_broken_one_placed() {
        let f = Path::new("题库.txt");
        let text = "题型\t题干\t答案\r\n判断\t\"两\n行\"\t对\r\n";
        let utf16 = |be: bool, text: &str| -> Vec<u8> {
            let mut out = if be {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for u in text.encode_utf16() {
                out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        };
        assert_eq!(decode(f, &utf16(false, text)).unwrap(), text);
        assert_eq!(decode(f, &utf16(true, text)).unwrap(), text);
        // Its rows, split by tabs.
        let rows = rows(&decode(f, &utf16(false, text)).unwrap()).unwrap();
        assert_eq!(rows[1].cells, ["判断", "两\n行", "对"]);
        // Half a character written in two parts, at its line and cell; cut short.
        let mut broken = utf16(false, "题型\t题干\n判断\t天");
        broken.extend(0xD800u16.to_le_bytes());
        broken.extend(utf16(false, "是蓝的")[2..].iter());
        let e = decode(f, &broken).unwrap_err();
        assert_eq!((e.line, e.col), (2, 2), "{e}");
        assert!(e.message.contains("UTF-16"), "{e}");
        let mut short = utf16(true, "题型,题干\n判断,天");
        short.pop();
        let e = decode(f, &short).unwrap_err();
        assert_eq!((e.line, e.col), (2, 2), "{e}");
        assert!(e.message.contains("cut short"), "{e}");
        assert!(e.hint.unwrap().contains("CSV UTF-8"));
        // (A byte-order mark alone, or an odd byte after it: no panic.)
        assert_eq!(decode(f, b"\xFF\xFE").unwrap(), "");
        assert!(decode(f, b"\xFE\xFF\x00").is_err());
        let e = decode(f, b"\xFF\xFE\x00\x00a\x00\x00\x00").unwrap_err();
        assert!(e.message.contains("UTF-32"), "{e}");
        // Any bytes after a byte-order mark: read or placed, no panic.
        let mut seed = 7u64;
        for n in 0..500 {
            let mut bytes = if n % 2 == 0 {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for _ in 0..n % 23 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                bytes.push(
                    [
                        0,
                        b',',
                        b'\t',
                        b'\n',
                        b'"',
                        0xD8,
                        0xDC,
                        0x98,
                        (seed >> 40) as u8,
                    ][(seed >> 33) as usize % 9],
                );
            }
            match decode(f, &bytes) {
                Ok(text) => {
                    if let Err(u) = super::rows(&text) {
                        assert!(u.line >= 1 && u.col >= 1);
                    }
                }
                Err(e) => assert!(e.line >= 1 && e.col >= 1 && e.hint.is_some(), "{e}"),
            }
        }
    }

    /// A title row above the header, with a comma in it, does not make a tab-separated file
    /// read as CSV.
    #[test]
    fn tabs_or_commas_by_the_first_line_with_either() {
        let r = rows("2024年题库\n题型\t题干\t答案\n判断\tA,B\t对\n").unwrap();
        assert_eq!(r[2].cells, ["判断", "A,B", "对"]);
        let r = rows("题库, 第一版\t\t\n题型\t题干\t答案\n").unwrap();
        assert_eq!(r[1].cells, ["题型", "题干", "答案"]);
        let r = rows("题型,题干,答案\n判断,\t天是蓝的,对\n").unwrap();
        assert_eq!(r[1].cells, ["判断", "天是蓝的", "对"]);
    }

    #[test]
    fn ids_follow_what_the_quiz_uses() {
        let none = HashSet::new();
        assert_eq!(next_ids("q", &[], &none, 2), ["q-01", "q-02"]);
        assert_eq!(
            next_ids(
                "principles",
                &["principles-01", "principles-15", "intro"],
                &none,
                1
            ),
            ["principles-16"]
        );
        // Another prefix, three digits, kept.
        assert_eq!(
            next_ids("final", &["ex-001", "ex-007", "final-1"], &none, 2),
            ["ex-008", "ex-009"]
        );
        // Only scenario names: `<quiz>-01`, past an id taken from another quiz.
        let taken: HashSet<&str> = ["calls-01"].into();
        assert_eq!(next_ids("calls", &["wrong-bill"], &taken, 1), ["calls-02"]);
        assert_eq!(next_ids("q", &["q-99"], &none, 1), ["q-100"]);
    }

    #[test]
    fn questions_go_after_the_last_item_of_the_list() {
        let text = "id: q\nquestions:\n  - id: q-01\n    type: true_false\n    answer: true\n\n# 以后再加\nrelated: [TS-A-1]\n";
        let p = place(text).unwrap();
        assert_eq!(
            &text[..p.at],
            "id: q\nquestions:\n  - id: q-01\n    type: true_false\n    answer: true\n"
        );
        assert_eq!(p.indent, 2);
        let flush = "id: q\nquestions:\n- id: q-01\n  type: true_false\n  answer: true";
        let p = place(flush).unwrap();
        assert_eq!((p.at, p.indent), (flush.len(), 0));
        let empty = "id: q\nquestions: []\ntitle: t\n";
        assert_eq!(place(empty).unwrap().empty, Some((6, 20)));
        assert!(place("id: q\nquestions: [{id: a}]\n").is_err());
    }

    #[test]
    fn a_bank_becomes_drafts_and_every_bad_row_is_reported() {
        let text = "2024年题库\n序号,题型,题干,选项A,选项B,选项C,答案,解析,依据\n\
                    1,单选,一般投诉几天办结？,A．5个工作日,B．1个月,,A,见规则,TS-PROC-002\n\
                    2,多选,哪些要记录？,时间,地点,人物,\"A,C\",,《供电营业规则》\n\
                    3,问答,?,a,b,,A,,\n\
                    4,单选,x,a,b,,C,,\n\
                    5,判断,y,,,,也许,,\n\
                    ,,,,,,,,\n";
        let rows = rows(text).unwrap();
        let rules = Rules {
            ids: ["TS-PROC-002".to_string()].into(),
            old: HashMap::new(),
        };
        let (drafts, diags) = parse(Path::new("b.csv"), &rows, &rules);
        let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(drafts.len(), 2, "{shown:#?}");
        assert_eq!(drafts[0].options.len(), 2);
        assert_eq!(drafts[0].options[0], ("5个工作日".to_string(), true, 4));
        assert_eq!(drafts[0].rules, ["TS-PROC-002"]);
        assert_eq!(drafts[1].explanation, "依据：《供电营业规则》");
        // An id the book does not have: not a rule of the question, but kept as written.
        let rows2 = super::rows("题型,题干,答案,依据\n判断,一,对,TS-PROC-099\n").unwrap();
        let (d2, _) = parse(Path::new("b.csv"), &rows2, &rules);
        assert!(d2[0].rules.is_empty());
        assert_eq!(d2[0].explanation, "依据：TS-PROC-099");
        let correct: Vec<bool> = drafts[1].options.iter().map(|o| o.1).collect();
        assert_eq!(correct, [true, false, true]);
        assert!(
            shown[0].starts_with("warning: b.csv:2:1: column 1 `序号` is not imported"),
            "{shown:#?}"
        );
        assert!(
            shown[1].starts_with("error: b.csv:5:2: 题型 `问答`"),
            "{shown:#?}"
        );
        assert!(
            shown[2].starts_with("error: b.csv:6:7: 答案 `C` names option C but 选项C is empty"),
            "{shown:#?}"
        );
        assert!(
            shown[3].starts_with("error: b.csv:7:7: 答案 `也许` of a 判断题"),
            "{shown:#?}"
        );
        assert_eq!(shown.len(), 4, "{shown:#?}");
    }

    /// What Excel and trainers make of a sheet: each odd row gets its diagnostic at its cell.
    #[test]
    fn odd_rows_are_reported_at_their_cells() {
        let text = "说明：请勿修改表头\n\
                    单选,放错地方的题,甲,乙,A\n\
                    题型,题干,选项A,选项B,答案\n\
                    一、单选题\n\
                    单选,答案只有顿号,甲,乙,、\n\
                    多选,答案没加引号,甲,乙,A,B\n\
                    多选,只有一个答案,甲,乙,B\n\
                    不定项,不定项一个答案,甲,乙,B\n\
                    单选,两个选项一样,甲,甲,A\n\
                    填空,填空带选项,甲,,答案\n\
                    ,合并单元格,甲,乙,A\n\
                    单选,答案写成对错,甲,乙,对\n";
        let rows = rows(text).unwrap();
        let (drafts, diags) = parse(Path::new("b.csv"), &rows, &Rules::default());
        let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        for want in [
            "warning: b.csv:2:1: this row is above the header row (line 3) and is not imported",
            "warning: b.csv:4:1: this row holds `一、单选题` alone and is not a question",
            "error: b.csv:5:5: 答案 `、` names no option",
            "error: b.csv:6:6: this row has a cell `B` in column 6, past the header row's last column (5)",
            "warning: b.csv:7:5: 答案 `B` of a 多选题 names one option",
            "error: b.csv:9:4: 选项B `甲` is the same as 选项A (column 3)",
            "warning: b.csv:10:3: a 填空题 has no options: 选项A `甲` is not imported",
            "error: b.csv:11:1: 题型 is empty",
            "error: b.csv:12:5: 答案 `对` is not option letters",
        ] {
            assert!(shown.iter().any(|s| s.starts_with(want)), "{want}\n{shown:#?}");
        }
        assert_eq!(shown.len(), 9, "{shown:#?}");
        assert!(shown[8].contains("make the 题型 判断"), "{}", shown[8]);
        let prompts: Vec<&str> = drafts.iter().map(|d| d.prompt.as_str()).collect();
        assert_eq!(prompts, ["只有一个答案", "不定项一个答案", "填空带选项"]);
        assert!(shown[1].contains("merged"), "{}", shown[1]);
    }

    #[test]
    fn a_true_false_answer_may_be_the_letter_of_its_option_written_out() {
        let rows =
            rows("题型,题干,A,B,答案\n判断,天是蓝的,正确,错误,B\n判断,草是绿的,对,错,A\n").unwrap();
        let (drafts, diags) = parse(Path::new("b.csv"), &rows, &Rules::default());
        assert!(diags.is_empty(), "{diags:?}");
        let answers: Vec<Option<bool>> = drafts.iter().map(|d| d.answer).collect();
        assert_eq!(answers, [Some(false), Some(true)]);
        assert!(drafts.iter().all(|d| d.options.is_empty()));
    }

    #[test]
    fn what_is_written_reads_back_as_written() {
        let tricky = [
            "yes",
            "No",
            "95598",
            "0x1F",
            "1e3",
            "~",
            "null",
            "：",
            "#",
            "注意 #1",
            "a: b",
            "- 一",
            "*重要",
            "&x",
            "!x",
            "%x",
            "@x",
            "`x`",
            "\"引号\"开头",
            "他说\"好\"",
            "'单引号'",
            "两行\n文字",
            "[列表]",
            "{a}",
            "|",
            ">",
            "末尾：",
            "反斜杠\\",
            "\t制表",
        ];
        let mut rows_text = String::from("题型,题干,选项A,选项B,答案,解析\n");
        for t in tricky {
            let cell = format!("\"{}\"", t.replace('"', "\"\""));
            rows_text.push_str(&format!("单选,{cell},{cell},另一个,A,{cell}\n"));
        }
        let rows = rows(&rows_text).unwrap();
        let (drafts, diags) = parse(Path::new("b.csv"), &rows, &Rules::default());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let mut yaml = String::from("id: q\ntitle: t\nquestions:\n");
        for (i, d) in drafts.iter().enumerate() {
            for (l, _) in yaml_lines(d, &format!("#{i}"), 2) {
                yaml.push_str(&l);
                yaml.push('\n');
            }
        }
        let quiz: Quiz = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(quiz.questions.len(), drafts.len());
        for (i, (q, d)) in quiz.questions.iter().zip(&drafts).enumerate() {
            assert_eq!(
                q.id,
                format!("#{i}"),
                "an id YAML reads otherwise is quoted"
            );
            assert_eq!(q.prompt, d.prompt);
            assert_eq!(q.options[0].text, d.options[0].0);
            assert_eq!(q.explanation, d.explanation);
        }
    }

    /// Any text: no panic, and what would be written reads back as a quiz.
    #[test]
    fn any_bank_is_read_without_a_panic() {
        let pieces = [
            "题型",
            "题干",
            "选项A",
            "B",
            "答案",
            "解析",
            "依据",
            "单选",
            "多选",
            "判断",
            "填空",
            "A",
            "AB",
            "对",
            "×",
            "TS-PROC-002",
            "ts-x-1",
            "《规则》",
            ",",
            ",",
            ",",
            "\n",
            "\r\n",
            "\"",
            "\"\"",
            "：",
            "#",
            " ",
            "yes",
            "95598",
            "、",
            "|",
            "；",
            "Ａ．",
            "12、",
            "\u{3000}",
            "\t",
            "\r",
            "\u{feff}",
            "\u{7f}",
            "\u{2028}",
            "【单选题】",
            "不定项",
            "Ａ，Ｃ",
            "一、单选题",
            "a c",
            "选项C",
        ];
        let rules = Rules {
            ids: ["TS-PROC-002".to_string()].into(),
            old: [("TS-X-1".to_string(), "TS-PROC-002".to_string())].into(),
        };
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut made = 0;
        for _ in 0..3000 {
            let mut text = String::from("题型,题干,选项A,选项B,答案,依据\n");
            for _ in 0..1 + next(4) {
                for c in 0..6 + next(2) {
                    let mut cell = String::new();
                    for _ in 0..next(4) {
                        cell.push_str(pieces[next(pieces.len())]);
                    }
                    if c == 0 && next(4) > 0 {
                        cell = ["单选", "多选", "判断", "填空"][next(4)].to_string();
                    }
                    if c > 0 {
                        text.push(',');
                    }
                    if next(2) == 0 {
                        text.push_str(&format!("\"{}\"", cell.replace('"', "\"\"")));
                    } else {
                        text.push_str(&cell);
                    }
                }
                text.push('\n');
            }
            let rows = match rows(&text) {
                Ok(rows) => rows,
                Err(u) => {
                    assert!(u.line >= 1 && u.col >= 1, "{text:?}: {u:?}");
                    continue;
                }
            };
            let (drafts, diags) = parse(Path::new("b.csv"), &rows, &rules);
            for d in &diags {
                assert!(
                    d.line >= 1 && d.col >= 1 && d.hint.is_some(),
                    "{text:?}: {d}"
                );
            }
            made += drafts.len();
            let mut yaml = String::from("id: q\ntitle: t\nquestions:\n");
            for (i, d) in drafts.iter().enumerate() {
                for (l, _) in yaml_lines(d, &format!("q-{i}"), 2) {
                    yaml.push_str(&l);
                    yaml.push('\n');
                }
            }
            let quiz: Result<Quiz, _> = serde_yaml::from_str(&yaml);
            assert!(quiz.is_ok(), "{text:?}\n{yaml}");
        }
        assert!(made > 300, "{made}");
    }

    /// The slips trainers make most (a wrong letter, an unknown 题型, a 判断题's answer, a
    /// missing column, GBK, an open quote) are told in Chinese, at the same cells as in
    /// English.
    #[test]
    fn common_slips_are_told_in_chinese_at_the_same_cells() {
        use crate::i18n::in_chinese;
        let f = Path::new("b.csv");
        let text = "题型,题干,选项A,选项B,答案\n\
                    单选,x,a,b,C\n\
                    问答,y,a,b,A\n\
                    判断,z,,,也许\n\
                    单选,w,a,a,A\n";
        let rows = rows(text).unwrap();
        let (_, en) = parse(f, &rows, &Rules::default());
        let (_, zh) = in_chinese(|| parse(f, &rows, &Rules::default()));
        let at = |d: &[Diagnostic]| -> Vec<(usize, usize, bool)> {
            d.iter().map(|d| (d.line, d.col, d.is_error())).collect()
        };
        assert_eq!(at(&en), at(&zh));
        let messages: Vec<&str> = zh.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "「答案」`C` 写了选项 C，但表头里没有「选项C」这一列",
                "测验里没有 `问答` 这种题型",
                "判断题的答案 `也许` 看不出是对还是错",
                "「选项B」`a` 和「选项A」（第 3 列）一样",
            ]
        );
        assert!(zh[1]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("请写 单选、多选、判断 或 填空"));

        let rows = super::rows("题型,题目内容,正确答案X\n单选,a,A\n").unwrap();
        let zh = in_chinese(|| parse(f, &rows, &Rules::default()).1);
        let e = zh.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(
            e.message,
            "表头行里没有「答案」列：现有的列是「题型」「题目内容」「正确答案X」"
        );
        assert!(
            e.hint
                .as_deref()
                .unwrap()
                .contains("请加上「答案」列（也可以叫「正确答案」「参考答案」）"),
            "{e}"
        );

        let e = in_chinese(|| decode(f, b"a,b\n\xCD\xB6\xCB\xDF\n")).unwrap_err();
        assert_eq!((e.line, e.col), (2, 1));
        assert!(
            e.message.starts_with("这个文件不是 UTF-8 编码的文字"),
            "{e}"
        );
        assert!(e.hint.unwrap().contains("另存为"));

        let u = in_chinese(|| super::rows("题型,题干,答案\n判断,\"草是绿的,对\n")).unwrap_err();
        assert_eq!((u.line, u.col), (2, 2));
        assert!(u.message.contains("没有结束引号"), "{u:?}");

        let out = Outcome {
            diagnostics: vec![
                Diagnostic::error(f, 2, 1, "x"),
                Diagnostic::error(f, 3, 1, "y"),
            ],
            notes: Vec::new(),
            imported: None,
        };
        assert_eq!(out.errors_where(), "2 errors in b.csv");
        assert_eq!(in_chinese(|| out.errors_where()), "b.csv 里有 2 个错误");
    }

    /// A bank without its header row is told so, once, with a header to add (review-zh2 N19:
    /// three warnings and three errors named every column but the cause).
    #[test]
    fn a_bank_without_its_header_row_is_one_error_that_says_so() {
        use crate::i18n::in_chinese;
        let f = Path::new("nohdr.csv");
        let rows = rows("单选,题目,甲,乙,A\n判断,草是绿的,,,对\n").unwrap();
        let (drafts, en) = parse(f, &rows, &Rules::default());
        assert!(drafts.is_empty());
        assert_eq!(en.len(), 1, "{en:#?}");
        assert_eq!((en[0].line, en[0].col, en[0].is_error()), (1, 1, true));
        assert_eq!(
            en[0].message,
            "line 1 looks like a question, not the header row that names the columns"
        );
        let (_, zh) = in_chinese(|| parse(f, &rows, &Rules::default()));
        assert_eq!(zh.len(), 1, "{zh:#?}");
        assert_eq!(zh[0].message, "第 1 行看起来是一道题，不是表头");
        assert!(
            zh[0].hint.as_deref().unwrap().starts_with(
                "请在最上面加一行表头，例如 `题型,题干,选项A,选项B,答案`（能导入的列有："
            ),
            "{zh:?}"
        );
        // The header it names is one the import reads.
        let fixed = "题型,题干,选项A,选项B,答案\n单选,题目,甲,乙,A\n";
        let (drafts, diags) = parse(f, &super::rows(fixed).unwrap(), &Rules::default());
        assert_eq!((drafts.len(), diags.len()), (1, 0), "{diags:#?}");
        // A header with a 题型 column is a header, whatever its rows hold.
        let rows = super::rows("题型,题干,答案\n单选,题目,A\n").unwrap();
        let (_, diags) = parse(f, &rows, &Rules::default());
        assert!(!diags
            .iter()
            .any(|d| d.message.contains("looks like a question")));
    }

    #[test]
    fn a_missing_column_is_an_error_at_the_header_row() {
        let rows = rows("题型,题目内容,正确答案X\n单选,a,A\n").unwrap();
        let (_, diags) = parse(Path::new("b.csv"), &rows, &Rules::default());
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(
            errors[0].starts_with("error: b.csv:1:1: the header row has no 答案 column"),
            "{errors:#?}"
        );
    }
}
