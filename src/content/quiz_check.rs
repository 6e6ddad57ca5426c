//! Checks on quizzes that their types cannot express: one correct answer for a single-choice
//! question, enough items to order, distinct pairs, scenarios whose every branch can end, a
//! draw no larger than the pool. Each error points at the field (file:line:col) with a fix.

use super::quiz::{Pulled, Question, QuestionType, Quiz};
use super::Located;
use crate::diagnostics::{nearest, Diagnostic};
use std::collections::{HashMap, HashSet, VecDeque};

/// A quiz id written with full-width letters or digits, or another kind of hyphen (a slip of
/// the input method): the id meant, half-width; None for one written so.
pub(crate) fn id_as_meant(id: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = id
        .nfkc()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    (folded != id).then_some(folded)
}

pub fn check(lq: &Located<Quiz>, diags: &mut Vec<Diagnostic>) {
    let q = &lq.value;
    let err = |path: &str, msg: String, hint: &str| {
        let (l, c) = lq.pos(path);
        Diagnostic::error(&lq.file, l, c, msg).with_hint(hint)
    };
    // The quiz's id is its address (quizzes/<id>/) and its learners' records' key: full-width
    // letters and digits, or a hyphen of another kind, are a slip of the input method
    // (robustness review: `ｑｕｉｚ２` made a folder of full-width letters, and `[[quiz:quiz2]]`
    // was told only that there is no such quiz).
    let id = q.id.trim();
    if let Some(folded) = id_as_meant(id) {
        diags.push(err(
            "id",
            t!(
                "`{id}` is written with full-width letters or digits, or another kind of hyphen",
                "`{id}` 用了全角的字母或数字，或者别的连字符"
            ),
            &t!(
                "write `id: {folded}`, half-width (it becomes the quiz's address)",
                "请写成半角的 `id: {folded}`（它会成为测验的网址）"
            ),
        ));
    }
    if !(0.0..=100.0).contains(&q.pass_mark) {
        diags.push(err(
            "pass_mark",
            t!(
                "pass_mark {} is not a percentage",
                "`pass_mark` 要在 0 到 100 之间，现在写的是 {}",
                q.pass_mark
            ),
            &t!(
                "write a number from 0 to 100, e.g. `pass_mark: 80`",
                "写 0 到 100 之间的数字，例如 `pass_mark: 80`"
            ),
        ));
    } else if q.pass_mark > 0.0 && q.pass_mark < 1.0 {
        // 0.8 meant as 80 %: read as 0.8 %, every learner would pass.
        diags.push(err(
            "pass_mark",
            t!(
                "pass_mark {} is {} %: almost any score passes",
                "`pass_mark: {}` 表示 {} %：几乎什么分数都能及格",
                q.pass_mark,
                q.pass_mark
            ),
            &t!(
                "pass_mark is a percentage: write `pass_mark: {}`",
                "`pass_mark` 是百分数：请写成 `pass_mark: {}`",
                (q.pass_mark * 100.0).round()
            ),
        ));
    }
    if q.questions.is_empty() && !q.short_of_source {
        diags.push(err(
            "questions",
            t!("the quiz has no questions", "测验里没有题目"),
            &t!(
                "add at least one item under `questions:`, or draw them from other quizzes with `from:` (an exam's `- quiz: id`)",
                "在 `questions:` 下至少写一道题，或者用 `from:` 从别的测验抽题（考试常用：`- quiz: 测验的 id`）"
            ),
        ));
    }
    match q.time_limit {
        Some(0) => diags.push(err(
            "time_limit",
            t!(
                "time_limit 0: no time to answer",
                "`time_limit` 是 0：没有答题时间"
            ),
            &t!(
                "give the minutes the exam may take, e.g. `time_limit: 20`, or remove it",
                "写上考试可用的分钟数，例如 `time_limit: 20`，或者删掉它"
            ),
        )),
        Some(m) if !q.exam => diags.push(err(
            "time_limit",
            t!(
                "time_limit {m} on a quiz that is not an exam",
                "这套测验不是考试，却写了 `time_limit: {m}`"
            ),
            &t!(
                "add `exam: true` (answers are shown after handing in), or remove `time_limit`",
                "请补上 `exam: true`（交卷后才显示答案），或者删掉 `time_limit`"
            ),
        )),
        _ => {}
    }
    if q.pausable && q.time_limit.is_none() {
        diags.push(err(
            "pausable",
            t!(
                "pausable on a quiz with no time_limit: there is no clock to pause",
                "测验没有 `time_limit`，却写了 `pausable`：不计时，也就没有什么可暂停的"
            ),
            &t!(
                "give the exam a `time_limit: N` (minutes), or remove `pausable`",
                "给考试写上 `time_limit: N`（分钟），或者删掉 `pausable`"
            ),
        ));
    }
    if let Some(n) = q.draw.filter(|_| !q.short_of_source) {
        let pool = q.per_attempt();
        if n == 0 || n > pool {
            // (No plural in Chinese.)
            let plural = if pool == 1 || crate::i18n::zh() {
                ""
            } else {
                "s"
            };
            let (message, hint) = if pool < q.questions.len() {
                (
                    t!("draw {n} but an attempt holds {pool} question{plural}, as its `from` entries draw",
                        "`draw: {n}`，但按 `from` 各项的抽题数，每次只有 {pool} 道题{plural}"),
                    t!("draw at most as many questions as an attempt holds (its own and each `from` entry's draw), or remove `draw` to ask them all",
                        "抽题数不能超过每次的题数（本测验自己的题目，加上 `from` 各项抽的题），或者删掉 `draw`，全部都考"),
                )
            } else {
                (
                    t!("draw {n} but the pool has {pool} question{plural}",
                        "`draw: {n}`，但题库只有 {pool} 道题{plural}"),
                    t!("draw at most as many questions as the quiz has, or remove `draw` to ask them all",
                        "抽题数不能超过测验的题数，或者删掉 `draw`，全部都考"),
                )
            };
            diags.push(err("draw", message, &hint));
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    // (Questions taken from other quizzes follow the quiz's own; `pull` has checked them.)
    for (i, x) in q
        .questions
        .iter()
        .enumerate()
        .filter(|(_, x)| x.pulled.is_none())
    {
        if let Some(&first) = seen.get(x.id.as_str()) {
            let (l, _) = lq.pos(&format!("questions.{first}.id"));
            diags.push(err(
                &format!("questions.{i}.id"),
                t!(
                    "duplicate question id `{}` (first used on line {l})",
                    "重复的题目 id `{}`（第 {l} 行已经用过）",
                    x.id
                ),
                &t!(
                    "give every question of the quiz its own id; progress and links use it",
                    "同一套测验里每道题的 id 都要不同：学习进度和链接都靠它"
                ),
            ));
        } else {
            seen.insert(&x.id, i);
        }
        question(lq, i, x, diags);
    }
}

fn question(lq: &Located<Quiz>, i: usize, x: &Question, diags: &mut Vec<Diagnostic>) {
    let base = format!("questions.{i}");
    let err = |path: &str, msg: String, hint: &str| {
        let (l, c) = lq.pos(&format!("{base}.{path}"));
        let id = &x.id;
        Diagnostic::error(
            &lq.file,
            l,
            c,
            t!("question `{id}`: {msg}", "题目 `{id}`：{msg}"),
        )
        .with_hint(hint)
    };
    // No `prompt:` (or an empty one): the question shows no text to answer. (At its `id:`,
    // which every question has.)
    if x.prompt.trim().is_empty() {
        diags.push(err(
            "id",
            t!("no `prompt:` (the question's text)", "缺少题干 `prompt:`"),
            &t!(
                "add `prompt: ...` below `id:`: the question as the trainee reads it",
                "请在 `id:` 下面补上 `prompt: ...`，写上学员要回答的题目"
            ),
        ));
    }
    // Fields of another type of question: a type changed and its old fields left behind,
    // which the question would silently ignore.
    use QuestionType as T;
    let fields: [(&str, bool, &[T]); 10] = [
        ("options", !x.options.is_empty(), &[T::Single, T::Multiple]),
        ("answer", x.answer.is_some(), &[T::TrueFalse]),
        ("accepted", !x.accepted.is_empty(), &[T::Short]),
        ("items", !x.items.is_empty(), &[T::Ordering]),
        ("scoring", x.scoring.is_some(), &[T::Ordering]),
        ("pairs", !x.pairs.is_empty(), &[T::Matching]),
        ("distractors", !x.distractors.is_empty(), &[T::Matching]),
        ("cards", !x.cards.is_empty(), &[T::Flashcards]),
        ("start", x.start.is_some(), &[T::Scenario]),
        ("nodes", !x.nodes.is_empty(), &[T::Scenario]),
    ];
    for (field, written, kinds) in fields {
        if written && !kinds.contains(&x.kind) {
            let names: Vec<&str> = kinds.iter().map(|k| type_name(*k)).collect();
            diags.push(err(
                field,
                t!(
                    "`{field}` is not used by a {} (`type: {}`)",
                    "{}（`type: {}`）用不到 `{field}`",
                    x.kind.label(),
                    type_name(x.kind)
                ),
                &t!(
                    "remove it, or set the type that uses it: `type: {}`",
                    "删掉它，或者改成用得到它的题型：`type: {}`",
                    names.join(&t!("` or `type: ", "` 或 `type: "))
                ),
            ));
        }
    }
    let correct = x.options.iter().filter(|o| o.correct).count();
    match x.kind {
        QuestionType::Single | QuestionType::Multiple if x.options.len() < 2 => {
            diags.push(err(
                "options",
                t!("{} option(s); a choice question needs at least two", "只有 {} 个选项；选择题至少要两个", x.options.len()),
                &t!("list the options under `options:`, each with `text:` and, for the right ones, `correct: true`",
                    "在 `options:` 下列出选项，每个写上 `text:`，正确的选项再写 `correct: true`"),
            ));
        }
        QuestionType::Single if correct == 0 => diags.push(err(
            "options",
            t!("no option is marked correct", "没有一个选项标为正确"),
            &t!(
                "mark the right option with `correct: true`",
                "在正确的选项上写 `correct: true`"
            ),
        )),
        QuestionType::Single if correct > 1 => diags.push(err(
            "options",
            t!("{correct} options are marked correct; a single-choice question has exactly one",
                "有 {correct} 个选项标为正确；单选题只能有一个"),
            &t!("keep `correct: true` on one option, or make it `type: multiple`",
                "只在一个选项上保留 `correct: true`，或者改成多选题 `type: multiple`"),
        )),
        QuestionType::Multiple if correct == 0 => diags.push(err(
            "options",
            t!("no option is marked correct", "没有一个选项标为正确"),
            &t!(
                "mark every right option with `correct: true`",
                "在每个正确的选项上写 `correct: true`"
            ),
        )),
        QuestionType::TrueFalse if x.answer.is_none() => diags.push(err(
            "type",
            t!(
                "a true/false question needs `answer: true` or `answer: false`",
                "判断题要写 `answer: true` 或 `answer: false`"
            ),
            &t!(
                "add `answer: true` (the statement is right) or `answer: false`",
                "请补上 `answer: true`（题目说得对）或 `answer: false`（说得不对）"
            ),
        )),
        QuestionType::Short if x.accepted.iter().all(|a| a.trim().is_empty()) => {
            diags.push(err(
                "type",
                t!("a short-answer question needs accepted answers", "填空题要写上可以接受的答案"),
                &t!("list them under `accepted:`; full-width / half-width, spaces, punctuation and traditional script are ignored when matching",
                    "在 `accepted:` 下列出来；比对答案时不区分全角半角、空格、标点和繁简体"),
            ))
        }
        QuestionType::Ordering if x.items.len() < 2 => diags.push(err(
            "items",
            t!("{} item(s) to order; an ordering question needs at least two", "只有 {} 项要排序；排序题至少要两项", x.items.len()),
            &t!("list the steps under `items:` in their correct order", "在 `items:` 下按正确的顺序列出各个步骤"),
        )),
        QuestionType::Ordering => {
            if let Some(d) = first_duplicate(x.items.iter().map(String::as_str)) {
                diags.push(err(
                    &format!("items.{d}"),
                    t!("item `{}` is listed twice", "`{}` 这一项列了两次", x.items[d]),
                    &t!(
                        "each step appears once; the order is checked by position",
                        "每个步骤只写一次；判分时按位置核对顺序"
                    ),
                ));
            }
        }
        QuestionType::Matching if x.pairs.len() < 2 => diags.push(err(
            "pairs",
            t!("{} pair(s); a matching question needs at least two", "只有 {} 对；连线题至少要两对", x.pairs.len()),
            &t!("list pairs under `pairs:` as `- left: …` / `right: …`", "在 `pairs:` 下按 `- left: …` / `right: …` 列出每一对"),
        )),
        QuestionType::Matching => {
            if let Some(d) = first_duplicate(x.pairs.iter().map(|p| p.left.as_str())) {
                diags.push(err(
                    &format!("pairs.{d}.left"),
                    t!("`{}` appears twice on the left", "左边的 `{}` 出现了两次", x.pairs[d].left),
                    &t!(
                        "each left item is matched once; merge or rename the duplicate",
                        "左边每一项只连一次：把重复的两项合并，或者给其中一项改名"
                    ),
                ));
            }
            if let Some(d) = first_duplicate(x.pairs.iter().map(|p| p.right.as_str())) {
                diags.push(err(
                    &format!("pairs.{d}.right"),
                    t!("`{}` appears twice on the right", "右边的 `{}` 出现了两次", x.pairs[d].right),
                    &t!("each right item belongs to one left item; a learner could not tell the two apart",
                        "右边每一项只对应左边一项；两项一样，学员分不清"),
                ));
            }
        }
        QuestionType::Flashcards if x.cards.is_empty() => diags.push(err(
            "cards",
            t!("no cards", "没有卡片"),
            &t!(
                "list cards under `cards:` as `- front: …` / `back: …`",
                "在 `cards:` 下按 `- front: …` / `back: …` 列出卡片"
            ),
        )),
        QuestionType::Scenario => scenario(lq, i, x, diags),
        _ => {}
    }
    // Two options alike (as `import questions` refuses them): learners see two identical
    // buttons, and could not tell which is right. Likewise two cards with one front.
    if matches!(x.kind, QuestionType::Single | QuestionType::Multiple) {
        let texts: Vec<&str> = x.options.iter().map(|o| o.text.as_str()).collect();
        for (j, p) in repeats(&texts) {
            let (l, _) = lq.pos(&format!("{base}.options.{p}.text"));
            diags.push(err(
                &format!("options.{j}.text"),
                t!(
                    "option {} `{}` is the same as option {} (line {l})",
                    "第 {} 个选项 `{}` 和第 {} 个选项（第 {l} 行）一样",
                    j + 1,
                    texts[j].trim(),
                    p + 1
                ),
                &t!(
                    "write each option once: change or delete one of the two",
                    "每个选项只写一次：改掉或删掉其中一个"
                ),
            ));
        }
    }
    if x.kind == QuestionType::Flashcards {
        let fronts: Vec<&str> = x.cards.iter().map(|c| c.front.as_str()).collect();
        for (j, p) in repeats(&fronts) {
            let (l, _) = lq.pos(&format!("{base}.cards.{p}.front"));
            diags.push(err(
                &format!("cards.{j}.front"),
                t!(
                    "card {} has the front `{}` of card {} (line {l})",
                    "第 {} 张卡片的正面 `{}` 和第 {} 张卡片（第 {l} 行）一样",
                    j + 1,
                    fronts[j].trim(),
                    p + 1
                ),
                &t!("give each card its own front: merge the two backs into one card, or change one front",
                    "每张卡片的正面要各不相同：把两张卡片的背面合成一张，或者改掉其中一张的正面"),
            ));
        }
    }
}

/// Each text of `texts` written before (trimmed; empty ones left out), with the first place
/// it was written: (index, first index).
fn repeats(texts: &[&str]) -> Vec<(usize, usize)> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (j, t) in texts.iter().enumerate() {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        match first.get(t) {
            Some(&p) => out.push((j, p)),
            None => {
                first.insert(t, j);
            }
        }
    }
    out
}

/// `from`: each quiz's sources, checked (a quiz that exists, by its id of now; questions it
/// has; no id the pool already holds), and the questions they name copied into its pool after
/// its own, marked with the quiz they come from. Only a quiz's own questions are taken (a
/// source's own sources are not followed), and a whole quiz gives its questions but not its
/// phone calls or cards, which are played on its page. Errors point at the entry with a fix.
/// A source for which `broken` is true (a quiz file that failed to load declares that id) is
/// not reported again: that file's own error is the one to fix.
pub fn pull(
    quizzes: &mut [Located<Quiz>],
    index: &HashMap<String, usize>,
    aliases: &HashMap<String, usize>,
    broken: &dyn Fn(&str) -> bool,
    diags: &mut Vec<Diagnostic>,
) {
    let askable =
        |x: &Question| !matches!(x.kind, QuestionType::Scenario | QuestionType::Flashcards);
    let mut adds: Vec<(usize, Vec<Question>, bool)> = Vec::new();
    for (i, lq) in quizzes.iter().enumerate() {
        let q = &lq.value;
        if q.from.is_empty() {
            continue;
        }
        let err = |path: &str, msg: String, hint: String| {
            let (l, c) = lq.pos(path);
            Diagnostic::error(&lq.file, l, c, msg).with_hint(hint)
        };
        // Each question id in the pool, with the quiz it is taken from (`None`: the quiz's own).
        let mut ids: HashMap<&str, Option<&str>> =
            q.questions.iter().map(|x| (x.id.as_str(), None)).collect();
        let mut taken: Vec<Question> = Vec::new();
        let mut named: HashSet<usize> = HashSet::new();
        let mut short = false;
        for (k, src) in q.from.iter().enumerate() {
            let at = format!("from.{k}.quiz");
            let Some(&s) = index.get(src.quiz.trim()) else {
                if broken(src.quiz.trim()) {
                    short = true;
                    continue;
                }
                let hint = match aliases.get(src.quiz.trim()) {
                    Some(&now) => t!(
                        "the quiz was renamed: write `quiz: {}`",
                        "这套测验改过 id：请写成 `quiz: {}`",
                        quizzes[now].value.id
                    ),
                    None => nearest(&src.quiz, index.keys().map(String::as_str)).map_or_else(
                        || {
                            t!(
                                "name a quiz by its `id:` (its file's `id`, not its file name)",
                                "用测验的 `id:` 指明它（测验文件里写的 `id`，不是文件名）"
                            )
                        },
                        |n| t!("did you mean `{n}`?", "是不是想写 `{n}`？"),
                    ),
                };
                diags.push(err(
                    &at,
                    t!("`from`: no quiz `{}`", "`from`：测验 `{}` 不存在", src.quiz),
                    hint,
                ));
                continue;
            };
            let sq = &quizzes[s];
            if s == i {
                diags.push(err(
                    &at,
                    t!(
                        "`from`: quiz `{}` takes questions from itself",
                        "`from`：测验 `{}` 从自己这里取题",
                        q.id
                    ),
                    t!(
                        "name another quiz; this quiz's own questions are in its pool already",
                        "请写另一套测验；本测验自己的题目已经在题库里了"
                    ),
                ));
                continue;
            }
            if !named.insert(s) {
                diags.push(err(
                    &at,
                    t!("`from`: quiz `{}` is listed twice", "`from`：测验 `{}` 列了两次", sq.value.id),
                    t!("list each quiz once, with all the questions to take from it under `questions:`",
                        "每套测验只列一次，要从它取的题目都写在它的 `questions:` 下"),
                ));
                continue;
            }
            if sq.value.exam && !q.exam {
                diags.push(err(
                    &at,
                    t!("`from`: quiz `{}` is an exam, and `{}` is not", "`from`：测验 `{}` 是考试，而 `{}` 不是", sq.value.id, q.id),
                    t!("a practice quiz shows its answers after each question, which would give the exam's away; take the questions from the practice quizzes instead",
                        "练习测验每答一题就显示答案，会把考试的答案泄露出去；请改从练习测验里取题"),
                ));
                continue;
            }
            // The questions named, each with where it was named; else the whole quiz's.
            let mut chosen: Vec<(&Question, String)> = Vec::new();
            if src.questions.is_empty() {
                chosen.extend(
                    sq.value
                        .own_questions()
                        .filter(|x| askable(x))
                        .map(|x| (x, at.clone())),
                );
                if chosen.is_empty() {
                    diags.push(err(
                        &at,
                        t!("`from`: quiz `{}` has no questions to take", "`from`：测验 `{}` 没有可以取的题目", sq.value.id),
                        t!("its phone calls and cards are played on its own page; name a quiz with questions",
                            "它的情景演练和话术卡片只在它自己的页面上练习；请写一套有题目的测验"),
                    ));
                }
            }
            for (j, id) in src.questions.iter().enumerate() {
                let qat = format!("from.{k}.questions.{j}");
                match sq.value.own_questions().find(|x| x.id == id.trim()) {
                    Some(x) if !askable(x) => diags.push(err(
                        &qat,
                        t!("`from`: `{id}` of quiz `{}` is a {}", "`from`：测验 `{}` 的 `{id}` 是{}", sq.value.id, x.kind.label()),
                        t!("phone calls and cards are played on their own quiz's page; take questions only",
                            "情景演练和话术卡片只在所属测验的页面上练习；这里只能取普通题目"),
                    )),
                    Some(x) => chosen.push((x, qat)),
                    None => diags.push(err(
                        &qat,
                        t!("`from`: quiz `{}` has no question `{id}`", "`from`：测验 `{}` 里没有题目 `{id}`", sq.value.id),
                        nearest(id, sq.value.own_questions().map(|x| x.id.as_str())).map_or_else(
                            || t!("name one of the question ids in {}", "请写 {} 里的某个题目 id", sq.file.display()),
                            |n| t!("did you mean `{n}`?", "是不是想写 `{n}`？"),
                        ),
                    )),
                }
            }
            let before = taken.len();
            for (x, place) in chosen {
                if let Some(&other) = ids.get(x.id.as_str()) {
                    // (Twice in its own quiz: an error there, at the second one.)
                    if other == Some(sq.value.id.as_str()) {
                        continue;
                    }
                    let other = match other {
                        None => t!("its own questions", "本测验自己的题目"),
                        Some(o) => t!("quiz `{o}`", "测验 `{o}`"),
                    };
                    let (qid, quiz) = (&x.id, &sq.value.id);
                    diags.push(err(
                        &place,
                        t!(
                            "`from`: question id `{qid}` of quiz `{quiz}` is already in the pool, from {other}",
                            "`from`：测验 `{quiz}` 的题目 id `{qid}` 已经在题库里了，来自{other}"
                        ),
                        t!("a question is known by its id (progress, 错题本, links): list under `questions:` the ones to take, leaving this one out, or give one of the two another id before it is published",
                            "题目靠 id 来识别（学习进度、错题本、链接都用它）：在 `questions:` 下只列要取的题目、不列这一道，或者在发布之前给两道题中的一道换个 id"),
                    ));
                    continue;
                }
                ids.insert(&x.id, Some(&sq.value.id));
                let mut copy = x.clone();
                copy.pulled = Some(Pulled {
                    quiz: sq.value.id.clone(),
                    title: sq.value.title.clone(),
                    file: sq.file.clone(),
                });
                taken.push(copy);
            }
            let got = taken.len() - before;
            match src.draw {
                Some(n) if got > 0 && (n == 0 || n > got) => diags.push(err(
                    &format!("from.{k}.draw"),
                    t!(
                        "`from`: draw {n} of quiz `{}`, which gives {got} question{}",
                        "`from`：从测验 `{}` 抽 {n} 道，但它只提供 {got} 道题{}",
                        sq.value.id,
                        // (No plural in Chinese.)
                        if got == 1 || crate::i18n::zh() { "" } else { "s" }
                    ),
                    t!("draw 1 to {got} of its questions at each attempt, or remove this `draw` to ask them all",
                        "每次从它的题目里抽 1 到 {got} 道，或者删掉这个 `draw`，全部都考"),
                )),
                _ => {}
            }
        }
        adds.push((i, taken, short));
    }
    for (i, taken, short) in adds {
        quizzes[i].value.questions.extend(taken);
        quizzes[i].value.short_of_source = short;
    }
}

/// A question type as YAML writes it.
fn type_name(kind: QuestionType) -> &'static str {
    match kind {
        QuestionType::Single => "single",
        QuestionType::Multiple => "multiple",
        QuestionType::TrueFalse => "true_false",
        QuestionType::Short => "short",
        QuestionType::Ordering => "ordering",
        QuestionType::Matching => "matching",
        QuestionType::Scenario => "scenario",
        QuestionType::Flashcards => "flashcards",
    }
}

fn first_duplicate<'a>(items: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut seen = HashSet::new();
    items
        .enumerate()
        .find(|(_, s)| !seen.insert(s.trim()))
        .map(|(i, _)| i)
}

/// A scenario is a graph of nodes: every option must lead to a node, every node must be
/// reachable from the start, and from every node some ending must be reachable.
fn scenario(lq: &Located<Quiz>, i: usize, x: &Question, diags: &mut Vec<Diagnostic>) {
    let base = format!("questions.{i}");
    let err = |path: &str, msg: String, hint: String| {
        let (l, c) = lq.pos(&format!("{base}.{path}"));
        let id = &x.id;
        Diagnostic::error(
            &lq.file,
            l,
            c,
            t!("scenario `{id}`: {msg}", "情景演练 `{id}`：{msg}"),
        )
        .with_hint(hint)
    };
    if x.nodes.is_empty() {
        diags.push(err(
            "nodes",
            t!("no nodes", "没有节点"),
            t!("list the call's steps under `nodes:`, each with an id, what the customer says and the options",
                "在 `nodes:` 下列出通话的各个环节，每个写上 id、客户说的话和可选的回答"),
        ));
        return;
    }
    let index: HashMap<&str, usize> = x
        .nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.id.as_str(), k))
        .collect();
    let ids = || x.nodes.iter().map(|n| n.id.as_str());
    if let Some(d) = first_duplicate(ids()) {
        diags.push(err(
            &format!("nodes.{d}.id"),
            t!(
                "node id `{}` is used twice",
                "节点 id `{}` 用了两次",
                x.nodes[d].id
            ),
            t!("give every node its own id", "每个节点的 id 都要不同"),
        ));
    }
    let start = match &x.start {
        Some(s) => match index.get(s.as_str()) {
            Some(&k) => k,
            None => {
                diags.push(err(
                    "start",
                    t!("start node `{s}` does not exist", "起始节点 `{s}` 不存在"),
                    nearest(s, ids()).map_or_else(
                        || t!("name one of the node ids", "请写某个节点的 id"),
                        |n| t!("did you mean `{n}`?", "是不是想写 `{n}`？"),
                    ),
                ));
                return;
            }
        },
        None => 0,
    };
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); x.nodes.len()];
    let mut dangling = vec![false; x.nodes.len()];
    for (k, n) in x.nodes.iter().enumerate() {
        if n.ending.is_none() && n.options.is_empty() {
            diags.push(err(
                &format!("nodes.{k}"),
                t!("node `{}` has no options and is not an ending", "节点 `{}` 既没有选项，也不是结局", n.id),
                t!("add options the worker can choose, or mark it `ending: good | neutral | bad` with an outcome",
                    "加上坐席可以选的回答，或者把它标为结局 `ending: good | neutral | bad`，并写上结果"),
            ));
        }
        if n.ending.is_some() && !n.options.is_empty() {
            diags.push(err(
                &format!("nodes.{k}.options"),
                t!(
                    "node `{}` is an ending but has options",
                    "节点 `{}` 是结局，却还有选项",
                    n.id
                ),
                t!(
                    "an ending closes the call: remove its options or its `ending:`",
                    "到了结局通话就结束了：删掉它的选项，或者删掉 `ending:`"
                ),
            ));
        }
        if !n.options.is_empty() && n.options.iter().all(|p| p.veto) {
            diags.push(err(
                &format!("nodes.{k}.options"),
                t!("every answer at node `{}` is a `veto`", "节点 `{}` 的每个回答都是 `veto`（一票否决）", n.id),
                t!("a learner who got here could only fail the call: give the node an answer without `veto`",
                    "学员走到这里只能失败：给这个节点加一个不带 `veto` 的回答"),
            ));
        }
        let texts: Vec<&str> = n.options.iter().map(|o| o.text.as_str()).collect();
        for (o, p) in repeats(&texts) {
            let (l, _) = lq.pos(&format!("{base}.nodes.{k}.options.{p}.text"));
            diags.push(err(
                &format!("nodes.{k}.options.{o}.text"),
                t!(
                    "answer {this} at node `{node}` is the same as answer {that} (line {l})",
                    "节点 `{node}` 的第 {this} 个回答和第 {that} 个回答（第 {l} 行）一样",
                    this = o + 1,
                    node = n.id,
                    that = p + 1
                ),
                t!(
                    "write each answer once: change or delete one of the two",
                    "每个回答只写一次：改掉或删掉其中一个"
                ),
            ));
        }
        for (o, opt) in n.options.iter().enumerate() {
            if opt.veto && opt.score > 0.0 {
                let (l, c) = lq.pos(&format!("{base}.nodes.{k}.options.{o}.score"));
                diags.push(
                    Diagnostic::warning(
                        &lq.file,
                        l,
                        c,
                        t!("scenario `{}`: a `veto` answer scores {} points", "情景演练 `{}`：一票否决（`veto`）的回答得了 {} 分", x.id, opt.score),
                    )
                    .with_hint(t!("an answer that fails the call (一票否决) earns nothing: give it `score: 0` or less, or remove `veto`",
                        "让通话失败的回答（一票否决）不能得分：改成 `score: 0` 或更低，或者删掉 `veto`")),
                );
            }
            match index.get(opt.next.as_str()) {
                Some(&t) => next[k].push(t),
                None => {
                    dangling[k] = true;
                    diags.push(err(
                        &format!("nodes.{k}.options.{o}.next"),
                        t!(
                            "option leads to node `{}`, which does not exist",
                            "选项指向的节点 `{}` 不存在",
                            opt.next
                        ),
                        nearest(&opt.next, ids()).map_or_else(
                            || {
                                t!(
                                    "name one of the scenario's node ids",
                                    "请写本情景演练里某个节点的 id"
                                )
                            },
                            |m| t!("did you mean `{m}`?", "是不是想写 `{m}`？"),
                        ),
                    ))
                }
            }
        }
    }
    // Reachable from the start.
    let mut reach = vec![false; x.nodes.len()];
    let mut queue = VecDeque::from([start]);
    reach[start] = true;
    while let Some(k) = queue.pop_front() {
        for &t in &next[k] {
            if !reach[t] {
                reach[t] = true;
                queue.push_back(t);
            }
        }
    }
    for (k, n) in x.nodes.iter().enumerate() {
        if !reach[k] {
            diags.push(err(
                &format!("nodes.{k}"),
                t!(
                    "node `{}` cannot be reached from the start",
                    "从起点走不到节点 `{}`",
                    n.id
                ),
                t!(
                    "point an option's `next:` at it, or remove it",
                    "让某个选项的 `next:` 指向它，或者删掉它"
                ),
            ));
        }
    }
    if !x.nodes.iter().any(|n| n.ending.is_some()) {
        let mut d = err(
            "nodes",
            String::new(),
            t!("mark at least one node `ending: good` (and ideally one `ending: bad`) with an outcome and debrief",
                "至少把一个节点标为 `ending: good`（最好再有一个 `ending: bad`），并写上结果和讲评"),
        );
        // (Not `情景演练 `x`：情景演练没有结局`.)
        let id = &x.id;
        d.message = t!(
            "scenario `{id}`: the scenario has no ending",
            "情景演练 `{id}` 没有结局"
        );
        diags.push(d);
        return;
    }
    // Can end: walk backwards from the endings.
    let mut prev: Vec<Vec<usize>> = vec![Vec::new(); x.nodes.len()];
    for (k, ts) in next.iter().enumerate() {
        for &t in ts {
            prev[t].push(k);
        }
    }
    let mut ends = vec![false; x.nodes.len()];
    let mut queue: VecDeque<usize> = (0..x.nodes.len())
        .filter(|&k| x.nodes[k].ending.is_some())
        .collect();
    for &k in &queue {
        ends[k] = true;
    }
    while let Some(k) = queue.pop_front() {
        for &p in &prev[k] {
            if !ends[p] {
                ends[p] = true;
                queue.push_back(p);
            }
        }
    }
    for (k, n) in x.nodes.iter().enumerate() {
        // (A node with a broken `next:` was reported above; its loop may just be that typo.)
        if reach[k] && !ends[k] && !n.options.is_empty() && !dangling[k] {
            diags.push(err(
                &format!("nodes.{k}"),
                t!(
                    "from node `{}` no ending can be reached: the call loops for ever",
                    "从节点 `{}` 出发走不到任何结局：通话会一直绕圈",
                    n.id
                ),
                t!(
                    "give one of the options in this loop a `next:` that leads towards an ending",
                    "给这个循环里的某个选项写一个通向结局的 `next:`"
                ),
            ));
        }
    }
}

/// The checks above for a quiz that did not load because some of its questions are
/// malformed (a misspelt `type`, a list where text belongs): without this, those errors hid
/// every other mistake of the quiz until they were fixed, one run after another. The
/// malformed questions are blanked out of the text (line numbers kept), the rest is read and
/// checked, and only what is found inside the questions that were kept is reported (a check
/// of the whole quiz, such as `draw` against the pool, would count the questions left out).
/// Nothing when a mistake lies outside the questions or nothing is left to read.
pub fn check_partial(file: &std::path::Path, text: &str, errors: &[Diagnostic]) -> Vec<Diagnostic> {
    use super::spans::{SpanMap, Spans};
    let spans = Spans::new(std::sync::Arc::new(SpanMap::parse(text)), "");
    let starts: Vec<usize> = (0..)
        .map_while(|i| {
            let path = format!("questions.{i}");
            spans.has(&path).then(|| spans.at(&path)).flatten()
        })
        .map(|(l, _)| l)
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let Some(&last) = starts.last() else {
        return Vec::new();
    };
    // The last question ends before the next key of the quiz (a line at the margin that
    // is not a list item or a comment), or at the end of the file.
    let end = (last + 1..=lines.len())
        .find(|&n| {
            let l = lines[n - 1];
            !l.is_empty() && !l.starts_with([' ', '\t', '#', '-'])
        })
        .map_or(lines.len(), |n| n - 1);
    let ranges: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(i, &s)| (s, starts.get(i + 1).map_or(end, |&n| n - 1)))
        .collect();
    let mut bad = vec![false; ranges.len()];
    for e in errors.iter().filter(|d| d.is_error()) {
        match ranges.iter().position(|&(a, b)| (a..=b).contains(&e.line)) {
            Some(i) => bad[i] = true,
            None => return Vec::new(),
        }
    }
    if bad.iter().all(|&b| b) {
        return Vec::new();
    }
    let mut kept: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for (i, &(a, b)) in ranges.iter().enumerate() {
        if bad[i] {
            for l in &mut kept[a - 1..b.min(lines.len())] {
                l.clear();
            }
        }
    }
    let kept = kept.join("\n");
    let Ok(quiz) = super::yaml::parse::<Quiz>(file, &kept, 1, super::quiz::QUIZ_FIELDS) else {
        return Vec::new();
    };
    let lq = Located::whole_file(file.to_path_buf(), quiz, &kept);
    let mut found = Vec::new();
    check(&lq, &mut found);
    found.retain(|d| {
        ranges
            .iter()
            .zip(&bad)
            .any(|(&(a, b), &bad)| !bad && (a..=b).contains(&d.line))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(yaml: &str) -> Vec<String> {
        let lq = Located::whole_file(
            "q.quiz.yaml".into(),
            serde_yaml::from_str(yaml).unwrap(),
            yaml,
        );
        let mut d = Vec::new();
        check(&lq, &mut d);
        d.iter().map(|d| d.to_string()).collect()
    }

    const HEAD: &str = "id: q\ntitle: t\nquestions:\n";

    #[test]
    fn a_field_of_another_type_of_question_is_an_error_at_the_field() {
        // A multiple-choice question made an ordering one, its options left behind.
        let y = format!("{HEAD}  - id: a\n    type: ordering\n    prompt: p\n    items: [一, 二]\n    options:\n      - text: x\n        correct: true\n");
        let e = errors(&y);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("q.quiz.yaml:9:7")
                && e[0].contains("`options` is not used by a 排序题 (`type: ordering`)")
                && e[0].contains("`type: single` or `type: multiple`"),
            "{e:?}"
        );
        let tf = format!("{HEAD}  - id: b\n    type: short\n    prompt: p\n    accepted: [甲]\n    answer: true\n");
        let e = errors(&tf);
        assert!(
            e.len() == 1 && e[0].contains("`answer` is not used by a 填空题"),
            "{e:?}"
        );
    }

    #[test]
    fn single_choice_needs_exactly_one_correct() {
        let none = format!("{HEAD}  - id: a\n    type: single\n    prompt: p\n    options:\n      - text: x\n      - text: y\n");
        let e = errors(&none);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("q.quiz.yaml:8:7") && e[0].contains("no option is marked correct"),
            "{e:?}"
        );
        let two = format!("{HEAD}  - id: a\n    type: single\n    prompt: p\n    options:\n      - text: x\n        correct: true\n      - text: y\n        correct: true\n");
        let e = errors(&two);
        assert!(
            e[0].contains("2 options are marked correct") && e[0].contains("type: multiple"),
            "{e:?}"
        );
    }

    /// Trainer audit #18: two options alike are an error at the second, as `import
    /// questions` refuses them; so are two cards with one front and two answers alike at a
    /// scenario's node.
    #[test]
    fn two_options_with_the_same_text_are_an_error_at_the_second() {
        let y = format!("{HEAD}  - id: a\n    type: single\n    prompt: p\n    options:\n      - text: 甲\n        correct: true\n      - text: 乙\n      - text: \" 甲\"\n");
        let e = errors(&y);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains(
                "q.quiz.yaml:11:15: question `a`: option 3 `甲` is the same as option 1 (line 8)"
            ) && e[0].contains("write each option once"),
            "{e:?}"
        );
        let m = format!("{HEAD}  - id: m\n    type: multiple\n    prompt: p\n    options:\n      - text: a\n        correct: true\n      - text: a\n");
        assert!(errors(&m)[0]
            .contains("q.quiz.yaml:10:15: question `m`: option 2 `a` is the same as option 1"));
        let cards = format!("{HEAD}  - id: c\n    type: flashcards\n    prompt: p\n    cards:\n      - {{front: 开场白, back: 您好}}\n      - {{front: 开场白, back: 你好}}\n");
        let e = errors(&cards);
        assert!(
            e.len() == 1 && e[0].contains("q.quiz.yaml:9:17: question `c`: card 2 has the front `开场白` of card 1 (line 8)"),
            "{e:?}"
        );
        let call = format!("{HEAD}  - id: s\n    type: scenario\n    prompt: p\n    nodes:\n      - id: n1\n        options:\n          - {{text: 好的, next: ok}}\n          - {{text: 好的, next: n1}}\n      - {{id: ok, ending: good, outcome: o}}\n");
        let e = errors(&call);
        assert!(
            e.len() == 1 && e[0].contains("q.quiz.yaml:11:20: scenario `s`: answer 2 at node `n1` is the same as answer 1 (line 10)"),
            "{e:?}"
        );
        // Different texts: nothing.
        assert_eq!(errors(&y.replace("\" 甲\"", "丙")), Vec::<String>::new());
    }

    #[test]
    fn a_time_limit_belongs_to_an_exam_and_is_not_zero() {
        let q = "  - id: a\n    type: true_false\n    prompt: p\n    answer: true\n";
        let ok = format!("id: q\ntitle: t\nexam: true\ntime_limit: 20\nquestions:\n{q}");
        assert_eq!(errors(&ok), Vec::<String>::new());
        let e = errors(&format!("id: q\ntitle: t\ntime_limit: 20\nquestions:\n{q}"));
        assert!(
            e.len() == 1
                && e[0].contains("q.quiz.yaml:3:13: time_limit 20 on a quiz that is not an exam")
                && e[0].contains("exam: true"),
            "{e:?}"
        );
        let ok =
            format!("id: q\ntitle: t\nexam: true\ntime_limit: 20\npausable: true\nquestions:\n{q}");
        assert_eq!(errors(&ok), Vec::<String>::new());
        let e = errors(&format!(
            "id: q\ntitle: t\nexam: true\npausable: true\nquestions:\n{q}"
        ));
        assert!(
            e.len() == 1
                && e[0].contains("q.quiz.yaml:4:11: pausable on a quiz with no time_limit"),
            "{e:?}"
        );
        let e = errors(&format!(
            "id: q\ntitle: t\nexam: true\ntime_limit: 0\nquestions:\n{q}"
        ));
        assert!(
            e.len() == 1 && e[0].contains("q.quiz.yaml:4:13: time_limit 0"),
            "{e:?}"
        );
    }

    #[test]
    fn ordering_matching_draw_and_duplicate_ids() {
        let y = format!("{HEAD}  - id: a\n    type: ordering\n    prompt: p\n    items: [one]\n  - id: a\n    type: matching\n    prompt: p\n    pairs:\n      - left: x\n        right: 1\n      - left: x\n        right: 2\n");
        let y = y.replace("title: t\n", "title: t\ndraw: 5\n");
        let e = errors(&y).join("\n");
        assert!(e.contains("1 item(s) to order"), "{e}");
        assert!(e.contains("`x` appears twice on the left"), "{e}");
        assert!(
            e.contains("q.quiz.yaml:3:7: draw 5 but the pool has 2 questions"),
            "{e}"
        );
        assert!(
            e.contains("duplicate question id `a` (first used on line 5)"),
            "{e}"
        );
    }

    #[test]
    fn scenario_graph_errors() {
        let y = format!(
            "{HEAD}  - id: s\n    type: scenario\n    prompt: p\n    nodes:\n\
             \x20     - id: n1\n        options:\n          - text: a\n            next: n2\n          - text: b\n            next: n9\n\
             \x20     - id: n2\n        options:\n          - text: again\n            next: n1\n\
             \x20     - id: lost\n        ending: good\n        outcome: o\n"
        );
        let e = errors(&y).join("\n");
        assert!(
            e.contains("option leads to node `n9`, which does not exist"),
            "{e}"
        );
        assert!(e.contains("node `lost` cannot be reached"), "{e}");
        assert!(
            !e.contains("from node `n1`"),
            "n1's loop is its broken next: {e}"
        );
        assert!(e.contains("from node `n2` no ending can be reached"), "{e}");
        let none = format!("{HEAD}  - id: s\n    type: scenario\n    prompt: p\n    nodes:\n      - id: n1\n        options:\n          - text: a\n            next: n1\n");
        assert!(errors(&none)
            .join("\n")
            .contains("the scenario has no ending"));
    }

    #[test]
    fn a_veto_answer_with_points_is_warned_and_a_node_of_vetoes_is_an_error() {
        let y = format!(
            "{HEAD}  - id: s\n    type: scenario\n    prompt: p\n    nodes:\n\
             \x20     - id: n1\n        options:\n          - text: a\n            next: n2\n            score: 2\n            veto: true\n          - text: b\n            next: n2\n\
             \x20     - id: n2\n        options:\n          - text: c\n            next: end\n            veto: true\n\
             \x20     - id: end\n        ending: good\n        outcome: o\n"
        );
        let e = errors(&y).join("\n");
        assert!(
            e.contains("warning: q.quiz.yaml:12:20: scenario `s`: a `veto` answer scores 2 points"),
            "{e}"
        );
        assert!(
            e.contains("scenario `s`: every answer at node `n2` is a `veto`"),
            "{e}"
        );
        assert_eq!(e.matches("is a `veto`").count(), 1, "{e}");
        // Without points, beside an answer that is no veto: nothing to say.
        let fine = y.replace("            score: 2\n", "").replace(
            "          - text: c\n            next: end\n            veto: true\n",
            "          - text: c\n            next: end\n            veto: true\n          - text: d\n            next: end\n",
        );
        assert_eq!(errors(&fine), Vec::<String>::new());
    }

    /// Quizzes `(file, yaml)` pulled together: the quizzes after, and the errors.
    fn pulled(files: &[(&str, &str)]) -> (Vec<Quiz>, Vec<String>) {
        let mut quizzes: Vec<Located<Quiz>> = files
            .iter()
            .map(|(f, y)| Located::whole_file((*f).into(), serde_yaml::from_str(y).unwrap(), y))
            .collect();
        let index = quizzes
            .iter()
            .enumerate()
            .map(|(i, q)| (q.value.id.clone(), i))
            .collect();
        let aliases = HashMap::from([("old-a".to_string(), 0)]);
        let mut d = Vec::new();
        pull(&mut quizzes, &index, &aliases, &|id| id == "broken", &mut d);
        for q in &quizzes {
            check(q, &mut d);
        }
        (
            quizzes.into_iter().map(|q| q.value).collect(),
            d.iter().map(|d| d.to_string()).collect(),
        )
    }

    const A: &str = "id: a\ntitle: 第一单元\nquestions:\n  - {id: a-1, type: true_false, prompt: p, answer: true}\n  - {id: a-2, type: true_false, prompt: p, answer: false}\n  - id: a-call\n    type: scenario\n    prompt: p\n    nodes:\n      - {id: n, ending: good, outcome: o}\n";
    const B: &str = "id: b\ntitle: 第二单元\nquestions:\n  - {id: b-1, type: true_false, prompt: p, answer: true}\n  - {id: same, type: true_false, prompt: p, answer: true}\n";

    #[test]
    fn an_exam_takes_questions_from_other_quizzes_by_id_and_keeps_their_ids() {
        let exam = "id: exam\ntitle: 结业考试\nexam: true\ndraw: 4\nfrom:\n  - quiz: a\n  - quiz: b\n    questions: [b-1]\nquestions:\n  - {id: exam-1, type: true_false, prompt: p, answer: true}\n";
        let (qs, e) = pulled(&[
            ("a.quiz.yaml", A),
            ("b.quiz.yaml", B),
            ("exam.quiz.yaml", exam),
        ]);
        assert_eq!(e, Vec::<String>::new());
        let ids: Vec<&str> = qs[2].questions.iter().map(|x| x.id.as_str()).collect();
        // Its own first, then each source's in order; a whole quiz gives no phone call.
        assert_eq!(ids, ["exam-1", "a-1", "a-2", "b-1"]);
        let from: Vec<Option<&str>> = qs[2]
            .questions
            .iter()
            .map(|x| x.pulled.as_ref().map(|p| p.quiz.as_str()))
            .collect();
        assert_eq!(from, [None, Some("a"), Some("a"), Some("b")]);
        assert_eq!(
            qs[2].questions[1].pulled.as_ref().unwrap().file,
            std::path::PathBuf::from("a.quiz.yaml")
        );
        assert_eq!(qs[2].own_questions().count(), 1);
        // The sources are left as they were.
        assert_eq!(qs[0].questions.len(), 3);
        // `draw` counts the whole pool: 5 of 4 is an error.
        let (_, e) = pulled(&[
            ("a.quiz.yaml", A),
            ("b.quiz.yaml", B),
            ("exam.quiz.yaml", &exam.replace("draw: 4", "draw: 5")),
        ]);
        assert!(
            e.len() == 1 && e[0].contains("draw 5 but the pool has 4 questions"),
            "{e:?}"
        );
    }

    #[test]
    fn a_source_may_give_a_number_of_its_questions_to_each_attempt() {
        // 每章抽题: one of quiz a's two questions and all of b's, then 2 of those 3.
        let exam = "id: exam\ntitle: 结业考试\nexam: true\ndraw: 2\nfrom:\n  - quiz: a\n    draw: 1\n  - quiz: b\nquestions: []\n";
        let (qs, e) = pulled(&[
            ("a.quiz.yaml", A),
            ("b.quiz.yaml", B),
            ("exam.quiz.yaml", exam),
        ]);
        assert_eq!(e, Vec::<String>::new());
        assert_eq!(qs[2].questions.len(), 4, "the pool holds them all");
        assert_eq!(qs[2].source_draws(), HashMap::from([("a", 1)]));
        assert_eq!(qs[2].per_attempt(), 3);
        assert_eq!(qs[2].asked(), 2);
        // The quiz's own `draw` counts an attempt's questions, not the pool's.
        let (_, e) = pulled(&[
            ("a.quiz.yaml", A),
            ("b.quiz.yaml", B),
            ("exam.quiz.yaml", &exam.replace("draw: 2", "draw: 4")),
        ]);
        assert!(
            e.len() == 1
                && e[0].contains("exam.quiz.yaml:4:7: draw 4 but an attempt holds 3 questions"),
            "{e:?}"
        );
        // A source's `draw` of more than it gives (a's phone call is not given), or of none.
        for (n, at) in [("3", "7:11"), ("0", "7:11")] {
            let (_, e) = pulled(&[
                ("a.quiz.yaml", A),
                ("b.quiz.yaml", B),
                (
                    "exam.quiz.yaml",
                    &exam.replace("draw: 1", &format!("draw: {n}")),
                ),
            ]);
            assert!(
                e.iter().any(|e| e.contains(&format!(
                    "exam.quiz.yaml:{at}: `from`: draw {n} of quiz `a`, which gives 2 questions"
                ))),
                "{e:?}"
            );
        }
    }

    #[test]
    fn bad_sources_are_errors_at_their_line_with_a_fix() {
        let exam = "id: exam\ntitle: t\nexam: true\nfrom:\n  - quiz: bb\n  - quiz: old-a\n  - quiz: b\n    questions: [b-2, same]\n  - quiz: a\n    questions: [a-call]\n  - quiz: b\n  - quiz: exam\nquestions:\n  - {id: same, type: true_false, prompt: p, answer: true}\n";
        let (qs, e) = pulled(&[
            ("a.quiz.yaml", A),
            ("b.quiz.yaml", B),
            ("exam.quiz.yaml", exam),
        ]);
        let e = e.join("\n");
        for want in [
            "exam.quiz.yaml:5:11: `from`: no quiz `bb`",
            "did you mean `b`?",
            "exam.quiz.yaml:6:11: `from`: no quiz `old-a`",
            "the quiz was renamed: write `quiz: a`",
            "exam.quiz.yaml:8:17: `from`: quiz `b` has no question `b-2`",
            "did you mean `b-1`?",
            "exam.quiz.yaml:8:22: `from`: question id `same` of quiz `b` is already in the pool, from its own questions",
            "exam.quiz.yaml:10:17: `from`: `a-call` of quiz `a` is a 情景演练",
            "exam.quiz.yaml:11:11: `from`: quiz `b` is listed twice",
            "exam.quiz.yaml:12:11: `from`: quiz `exam` takes questions from itself",
        ] {
            assert!(e.contains(want), "{want}\n{e}");
        }
        assert_eq!(qs[2].questions.len(), 1, "nothing wrong was taken");
        // A practice quiz cannot take an exam's questions (it would show their answers).
        let practice = "id: p\ntitle: t\nfrom:\n  - quiz: exam\nquestions:\n  - {id: p-1, type: true_false, prompt: p, answer: true}\n";
        let exam = "id: exam\ntitle: t\nexam: true\nquestions:\n  - {id: e-1, type: true_false, prompt: p, answer: true}\n";
        let (_, e) = pulled(&[
            ("a.quiz.yaml", A),
            ("exam.quiz.yaml", exam),
            ("p.quiz.yaml", practice),
        ]);
        assert!(
            e.len() == 1
                && e[0]
                    .contains("p.quiz.yaml:4:11: `from`: quiz `exam` is an exam, and `p` is not"),
            "{e:?}"
        );
    }

    #[test]
    fn a_question_without_a_prompt_is_an_error_at_its_id() {
        let y = format!("{HEAD}  - id: a\n    type: true_false\n    answer: true\n  - id: b\n    type: true_false\n    prompt: \" \"\n    answer: true\n  - id: c\n    type: true_false\n    prompt: p\n    answer: true\n");
        let en = errors(&y);
        assert_eq!(en.len(), 2, "{en:#?}");
        assert!(
            en[0].contains("q.quiz.yaml:4:9: question `a`: no `prompt:` (the question's text)"),
            "{en:#?}"
        );
        assert!(
            en[1].contains("q.quiz.yaml:7:9: question `b`: no `prompt:`"),
            "{en:#?}"
        );
        let zh = crate::i18n::in_chinese(|| errors(&y));
        let at = |e: &[String]| {
            e.iter()
                .map(|d| d.split(": ").nth(1).unwrap_or_default().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(at(&en), at(&zh));
        assert!(
            zh[0].contains(
                "题目 `a`：缺少题干 `prompt:`\n  = 提示: 请在 `id:` 下面补上 `prompt: ...`"
            ),
            "{zh:#?}"
        );
        // A scenario with no ending says so once, not `情景演练 `s`：情景演练没有结局`.
        let none = format!("{HEAD}  - id: s\n    type: scenario\n    prompt: p\n    nodes:\n      - id: n1\n        options:\n          - text: a\n            next: n1\n");
        let zh = crate::i18n::in_chinese(|| errors(&none)).join("\n");
        assert!(zh.contains(": 情景演练 `s` 没有结局\n"), "{zh}");
    }

    /// The common slips of a quiz, in Chinese, at the places the English names; a question
    /// listed twice in its own source is still left to that quiz's error, not told again at
    /// `from` (the pool remembers the quiz it took each question from, not a message).
    #[test]
    fn the_common_slips_are_told_in_chinese_at_the_same_places() {
        let y = format!("{HEAD}  - id: a\n    type: single\n    prompt: p\n    options:\n      - text: 甲\n      - text: 甲\n  - id: a\n    type: true_false\n    prompt: p\n");
        let en = errors(&y);
        let zh = crate::i18n::in_chinese(|| errors(&y));
        let place = crate::i18n::places;
        assert_eq!(place(&en), place(&zh), "{en:#?}\n{zh:#?}");
        let all = zh.join("\n");
        for want in [
            "题目 `a`：没有一个选项标为正确\n  = 提示: 在正确的选项上写 `correct: true`",
            "题目 `a`：第 2 个选项 `甲` 和第 1 个选项（第 8 行）一样",
            "重复的题目 id `a`（第 4 行已经用过）",
            "题目 `a`：判断题要写 `answer: true` 或 `answer: false`",
        ] {
            assert!(all.contains(want), "{want}\n{all}");
        }
        // A source whose own questions share an id (its error only), taken whole by an exam;
        // then by an exam that has the id too.
        let twice = "id: t\ntitle: t\nquestions:\n  - {id: same, type: true_false, prompt: p, answer: true}\n  - {id: same, type: true_false, prompt: p, answer: false}\n";
        let exam = "id: exam\ntitle: t\nexam: true\nfrom:\n  - quiz: t\nquestions:\n  - {id: own, type: true_false, prompt: p, answer: true}\n";
        let files = [("t.quiz.yaml", twice), ("exam.quiz.yaml", exam)];
        let (_, en) = pulled(&files);
        let (_, zh) = crate::i18n::in_chinese(|| pulled(&files));
        assert_eq!(place(&en), place(&zh), "{en:#?}\n{zh:#?}");
        assert!(
            en.len() == 1 && en[0].contains("t.quiz.yaml:5:10"),
            "{en:#?}"
        );
        let exam = exam.replace("id: own", "id: same");
        let files = [("t.quiz.yaml", twice), ("exam.quiz.yaml", &exam)];
        let (_, en) = pulled(&files);
        let (_, zh) = crate::i18n::in_chinese(|| pulled(&files));
        assert_eq!(place(&en), place(&zh), "{en:#?}\n{zh:#?}");
        assert!(
            zh.iter().any(|e| e.contains(
                "exam.quiz.yaml:5:11: `from`：测验 `t` 的题目 id `same` 已经在题库里了，来自本测验自己的题目"
            )),
            "{zh:#?}"
        );
    }

    /// Trainer audit #5: a source quiz with an error of its own is not reported again at
    /// the exam's `from`.
    #[test]
    fn a_source_with_its_own_error_is_not_reported_again_at_from() {
        // A quiz file that failed to load (`broken`): no "no quiz", and the pool it leaves
        // short is not counted (`draw`, no questions of its own).
        let exam = "id: exam\ntitle: t\nexam: true\ndraw: 3\nfrom:\n  - quiz: broken\n  - quiz: b\nquestions: []\n";
        let (_, e) = pulled(&[("b.quiz.yaml", B), ("exam.quiz.yaml", exam)]);
        assert_eq!(e, Vec::<String>::new());
        let only = "id: exam\ntitle: t\nexam: true\nfrom:\n  - quiz: broken\nquestions: []\n";
        let (_, e) = pulled(&[("exam.quiz.yaml", only)]);
        assert_eq!(e, Vec::<String>::new());
        // A question id twice in its own quiz: reported there, once, not at the exam too.
        let twice = B.replace("id: same", "id: b-1");
        let exam = "id: exam\ntitle: t\nexam: true\nfrom:\n  - quiz: b\nquestions: []\n";
        let (qs, e) = pulled(&[("b.quiz.yaml", &twice), ("exam.quiz.yaml", exam)]);
        assert!(
            e.len() == 1
                && e[0].contains("b.quiz.yaml:5:")
                && e[0].contains("duplicate question id `b-1`"),
            "{e:?}"
        );
        assert_eq!(qs[1].questions.len(), 1);
    }

    #[test]
    fn a_good_scenario_passes() {
        let y = format!("{HEAD}  - id: s\n    type: scenario\n    prompt: p\n    nodes:\n      - id: n1\n        options:\n          - text: a\n            next: ok\n          - text: b\n            next: n1\n      - id: ok\n        ending: good\n        outcome: o\n");
        assert_eq!(errors(&y), Vec::<String>::new());
    }
}
