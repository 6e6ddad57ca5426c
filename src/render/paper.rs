//! 纸质试卷 (`quizzes/<id>/paper/`): a quiz as an exam paper to print for a written test, and
//! its answer key. The paper is static HTML: the questions a pencil can answer, grouped by type
//! as Chinese exam papers are (一、单选题 …), numbered through; the order of an ordering question
//! and the right column of a matching question are scrambled by a fixed permutation (the same
//! on every build, so a paper printed last month still matches its key), never the answer
//! order itself. Scenarios and flash cards are played on screen only.

use crate::content::quiz::{Question, QuestionType};

/// The question types a paper holds, in the order its parts come.
pub const PARTS: [QuestionType; 6] = [
    QuestionType::Single,
    QuestionType::Multiple,
    QuestionType::TrueFalse,
    QuestionType::Short,
    QuestionType::Ordering,
    QuestionType::Matching,
];

/// Whether a question can be answered on paper.
pub fn printable(kind: QuestionType) -> bool {
    PARTS.contains(&kind)
}

/// 一 … 九十九 (十, 十一, 二十, 二十一 …), then digits: the number of a paper's part, and of a
/// print page's piece (a category's second sheet of cards is its （二）).
pub fn part_number(n: usize) -> String {
    const CN: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => CN[n].to_string(),
        10..=19 => format!("十{}", CN[n % 10]),
        20..=99 => format!("{}十{}", CN[n / 10], CN[n % 10]),
        _ => n.to_string(),
    }
}

/// A, B, … Z, then AA, AB …: the letter of an option or item.
pub fn letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A fixed scrambled order of `n` things, drawn from `seed` (the question's id): the same on
/// every build, and never the order given (for n >= 2), so the answer is not the paper's order.
pub fn permutation(seed: &str, n: usize) -> Vec<usize> {
    // FNV-1a for the seed, then xorshift64* steps for a Fisher-Yates shuffle.
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.bytes() {
        x ^= u64::from(b);
        x = x.wrapping_mul(0x0100_0000_01b3);
    }
    let mut next = move || {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        p.swap(i, j);
    }
    if n >= 2 && p.iter().enumerate().all(|(i, &v)| i == v) {
        p.rotate_left(1);
    }
    p
}

/// The order a question's options are printed in: scrambled like the items of an ordering
/// question when the quiz shuffles its options (else, written in order, the correct one would
/// often be A), the order written when it does not (`shuffle: false`: 以上都对 stays last).
pub fn option_order(q: &Question, shuffle: bool) -> Vec<usize> {
    if shuffle {
        permutation(&q.id, q.options.len())
    } else {
        (0..q.options.len()).collect()
    }
}

/// The right column of a matching question on paper: its pairs' right sides and the
/// distractors, scrambled so that no row's match sits beside it in every row.
pub fn matching_column(q: &Question) -> Vec<&str> {
    let all: Vec<&str> = q
        .pairs
        .iter()
        .map(|p| p.right.as_str())
        .chain(q.distractors.iter().map(String::as_str))
        .collect();
    let mut order = permutation(&q.id, all.len());
    // Scrambled but with every pair still facing its own row: turn the column once more.
    if all.len() >= 2 && (0..q.pairs.len()).all(|i| order[i] == i) {
        order.rotate_left(1);
    }
    order.into_iter().map(|i| all[i]).collect()
}

/// The answer as a key gives it: the letters of the correct options as printed (B, ACD), √ or ×, the first
/// accepted text (the others follow as also accepted), the letters of the scrambled items in
/// the right order, or each row's letter (1—C 2—A).
pub fn answer(q: &Question, shuffle: bool) -> (String, Vec<String>) {
    match q.kind {
        QuestionType::Single | QuestionType::Multiple => (
            option_order(q, shuffle)
                .into_iter()
                .enumerate()
                .filter(|&(_, k)| q.options[k].correct)
                .map(|(place, _)| letter(place))
                .collect(),
            Vec::new(),
        ),
        QuestionType::TrueFalse => (
            if q.answer == Some(true) { "√" } else { "×" }.to_string(),
            Vec::new(),
        ),
        QuestionType::Short => (
            q.accepted.first().cloned().unwrap_or_default(),
            q.accepted.iter().skip(1).cloned().collect(),
        ),
        QuestionType::Ordering => {
            // Shown in the order `perm`; item k (in the right order) is at the place where
            // perm holds k.
            let perm = permutation(&q.id, q.items.len());
            let mut at = vec![0; perm.len()];
            for (place, &k) in perm.iter().enumerate() {
                at[k] = place;
            }
            (
                at.iter().map(|&p| letter(p)).collect::<Vec<_>>().join("→"),
                Vec::new(),
            )
        }
        QuestionType::Matching => {
            let column = matching_column(q);
            (
                q.pairs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let place = column.iter().position(|r| *r == p.right).unwrap_or(0);
                        format!("{}—{}", i + 1, letter(place))
                    })
                    .collect::<Vec<_>>()
                    .join("　"),
                Vec::new(),
            )
        }
        QuestionType::Scenario | QuestionType::Flashcards => (String::new(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(yaml: &str) -> Question {
        serde_yaml::from_str(yaml).expect("question")
    }

    #[test]
    fn letters_and_part_numbers() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(3), "D");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(part_number(1), "一");
        assert_eq!(part_number(6), "六");
        assert_eq!(part_number(10), "十");
        assert_eq!(part_number(11), "十一");
        assert_eq!(part_number(20), "二十");
        assert_eq!(part_number(37), "三十七");
        assert_eq!(part_number(100), "100");
        assert_eq!(part_number(0), "0");
    }

    #[test]
    fn permutations_are_fixed_complete_and_never_the_given_order() {
        for n in 0..12 {
            for seed in ["a", "principles-05", "procedure-time-limits-07", "x-1", ""] {
                let p = permutation(seed, n);
                assert_eq!(p, permutation(seed, n), "same seed, same order");
                let mut sorted = p.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "{seed} {n}: {p:?}");
                if n >= 2 {
                    assert!(p.iter().enumerate().any(|(i, &v)| i != v), "{seed} {n}");
                }
            }
        }
        // Different questions, different orders (not one fixed shuffle for all).
        assert_ne!(permutation("q-1", 8), permutation("q-2", 8));
    }

    #[test]
    fn answers_follow_the_scrambled_paper() {
        let q = question(
            "id: order-1\ntype: ordering\nprompt: p\nitems: [受理, 调查, 处理, 答复, 回访]\n",
        );
        let perm = permutation("order-1", 5);
        let (key, _) = answer(&q, true);
        // Reading the key's letters off the paper gives the items in the right order.
        let shown: Vec<&str> = perm.iter().map(|&k| q.items[k].as_str()).collect();
        let read: Vec<&str> = key
            .split('→')
            .map(|l| shown[(l.as_bytes()[0] - b'A') as usize])
            .collect();
        assert_eq!(read, ["受理", "调查", "处理", "答复", "回访"]);

        let q = question(
            "id: m-1\ntype: matching\nprompt: p\npairs:\n  - {left: 甲, right: 一}\n  - {left: 乙, right: 二}\n  - {left: 丙, right: 三}\ndistractors: [四]\n",
        );
        let column = matching_column(&q);
        assert_eq!(column.len(), 4);
        assert!((0..3).any(|i| column[i] != q.pairs[i].right), "{column:?}");
        let (key, _) = answer(&q, true);
        for (row, pair) in key.split('　').zip(&q.pairs) {
            let l = row.split('—').nth(1).unwrap();
            assert_eq!(column[(l.as_bytes()[0] - b'A') as usize], pair.right);
        }

        let q = question(
            "id: s\ntype: multiple\nprompt: p\noptions:\n  - {text: a, correct: true}\n  - {text: b}\n  - {text: c, correct: true}\n",
        );
        assert_eq!(answer(&q, false).0, "AC");
        // Shuffled, the key names the places the correct options were printed at.
        let order = option_order(&q, true);
        let key: String = order
            .iter()
            .enumerate()
            .filter(|&(_, &k)| k != 1)
            .map(|(place, _)| letter(place))
            .collect();
        assert_eq!(answer(&q, true).0, key);
        assert_ne!(order, [0, 1, 2]);
        let q = question("id: t\ntype: true_false\nprompt: p\nanswer: false\n");
        assert_eq!(answer(&q, true).0, "×");
        let q = question("id: f\ntype: short\nprompt: p\naccepted: [5个工作日, \"5\"]\n");
        assert_eq!(answer(&q, true), ("5个工作日".into(), vec!["5".into()]));
    }
}

/// Whether a question's text has its own place for the answer -- an empty bracket `（　）`,
/// `(  )`, `【 】` or a line `____` -- as Chinese banks write it (一般投诉应在（　）个工作日内
/// 办结): the paper then prints no second （　　） before it, which left a learner not
/// knowing where to write.
pub fn has_blank(prompt: &str) -> bool {
    let blank = |c: char| c == ' ' || c == '\u{3000}' || c == '\u{a0}';
    let chars: Vec<char> = prompt.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let close = match c {
            '（' | '(' => ['）', ')'],
            '【' | '[' => ['】', ']'],
            _ => {
                if c == '_' && chars.get(i + 1) == Some(&'_') {
                    return true;
                }
                continue;
            }
        };
        let rest = &chars[i + 1..];
        let n = rest.iter().take_while(|&&x| blank(x)).count();
        if rest.get(n).is_some_and(|x| close.contains(x)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod blank_tests {
    use super::has_blank;

    #[test]
    fn a_prompts_own_answer_place_is_found() {
        for p in [
            "一般投诉应在（　）个工作日内办结。",
            "应在(  )内办结",
            "按【 】处理",
            "时限是____天",
            "（）",
        ] {
            assert!(has_blank(p), "{p}");
        }
        for p in [
            "一般投诉应在几个工作日内办结？",
            "（一般投诉）几天办结？",
            "a_b",
            "(5)",
        ] {
            assert!(!has_blank(p), "{p}");
        }
    }
}
