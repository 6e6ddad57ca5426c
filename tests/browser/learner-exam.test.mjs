// An exam as a learner takes it: the 错题本 hears of its answers only at the hand-in (not while
// the exam runs, where it would show the right answers), and a timed-out exam shows the
// questions left unanswered (未作答) and puts them in the 错题本 as 未作答, not as answered wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, buildQuizBook, answerExamTf, freshPage, fileUrl, storedProgress, handIn, inMistakes } from "./helpers.mjs";

let browser;
let book;
withBrowserAndBook((b, r) => { browser = b; book = r; }, () => {
  const tf = (n, answer) => `  - id: e-${n}\n    type: true_false\n    prompt: 第${n}题的说法\n    answer: ${answer}\n    explanation: 第${n}题的解析。\n`;
  return buildQuizBook({
    exam: `id: exam\ntitle: 结业考试\nexam: true\ntime_limit: 1\npass_mark: 60\nshuffle: false\nquestions:\n${tf(1, true)}${tf(2, false)}${tf(3, true)}${tf(4, false)}`,
  });
});

const examUrl = () => fileUrl(join(book, "site/quizzes/exam/index.html"));
const stored = storedProgress;
const squash = (s) => s.replace(/\s+/g, " ").trim();

test("exam: a wrong answer reaches the 错题本 at the hand-in, not before", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(examUrl());
  await page.click(".quiz-start");
  const first = await answerExamTf(page, false);
  await answerExamTf(page, true);
  // Mid-exam: nothing in the 错题本, and its page lists nothing to practise.
  const mid = await stored(page);
  assert.deepEqual(Object.keys((mid && mid.wrong) || {}), [], "no mistake is stored during the exam");
  const other = await ctx.newPage();
  await other.goto(fileUrl(join(book, "site/progress/mistakes/index.html")));
  await other.waitForSelector("#mistakes-app :is(p, li, section)");
  assert.doesNotMatch(await other.textContent("#mistakes-app"), /结业考试/);
  await other.close();
  await answerExamTf(page, true);
  await answerExamTf(page, true);
  // All answered: 交卷前检查, still nothing in the 错题本.
  await page.waitForSelector(".quiz-check");
  assert.deepEqual(Object.keys(((await stored(page)) || {}).wrong || {}), [], "not handed in yet");
  await handIn(page);
  const d = await stored(page);
  assert.deepEqual(inMistakes(d.wrong), [`exam/${first}`], "handed in: the wrong answer is in the 错题本");
  assert.equal(d.wrong[`exam/${first}`].n, 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("exam: timed out, the unanswered questions are reviewable as 未作答 and go to the 错题本", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.clock.install();
  await page.goto(examUrl());
  await page.click(".quiz-start");
  await answerExamTf(page, true);
  await answerExamTf(page, false);
  await page.clock.fastForward(61000);
  await page.waitForSelector(".quiz-result");
  assert.equal(await page.textContent(".quiz-result-title"), "考试成绩");
  assert.match(await page.textContent(".quiz-timeout"), /没有作答的 2 题计 0 分/);
  // 1 wrong + 2 unanswered.
  assert.equal(squash(await page.textContent(".quiz-review-btn")), "查看错题（3）");
  await page.click(".quiz-review-btn");
  const cards = page.locator(".quiz-review .quiz-card");
  assert.equal(await cards.count(), 3);
  const text = await page.textContent(".quiz-review");
  assert.equal((text.match(/未作答/g) || []).length >= 2, true, text);
  assert.match(text, /第3题的解析/);
  assert.match(text, /第4题的解析/);
  assert.match(text, /正确答案：正确/);
  const d = await stored(page);
  assert.equal(inMistakes(d.wrong).length, 3, JSON.stringify(d.wrong));
  // The 错题本 tells the questions never answered from the one answered wrong.
  assert.deepEqual(inMistakes(d.wrong).map((k) => d.wrong[k].blank || 0).sort(), [0, 1, 1], JSON.stringify(d.wrong));
  await page.clock.resume();
  await page.goto(fileUrl(join(book, "site/progress/mistakes/index.html")));
  await page.waitForSelector("#mistakes-app li.mistakes-item");
  const metas = await page.$$eval("#mistakes-app li.mistakes-item", (ls) => ls.map((l) =>
    l.querySelector(".mistakes-prompt").textContent + "：" + l.querySelector(".mistakes-meta").textContent.replace(/ · 最近.*/, "")));
  assert.deepEqual(metas.sort(), ["第2题的说法：错 1 次", "第3题的说法：未作答 1 次", "第4题的说法：未作答 1 次"]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("exam: a reload mid-exam resumes it where it was, on the clock started at 开始考试", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.clock.install();
  await page.goto(examUrl());
  assert.match(await page.textContent(".quiz-exam-start"), /回到本页会接着作答；计时不会因此暂停/);
  await page.click(".quiz-start");
  await answerExamTf(page, true);
  await page.clock.fastForward(30000);
  // (The page asks before it goes: said yes.)
  page.on("dialog", (d) => d.accept());
  await page.reload();
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(squash(await page.textContent(".quiz-counter")), "第 2 / 4 题");
  assert.match(await page.textContent(".quiz-resumed"), /已恢复上次没有交卷的考试（第 2 \/ 4 题）.*计时/);
  assert.equal(await page.isVisible(".quiz-resumed .quiz-restart"), false, "no 重新开始 that would reset the clock");
  await page.clock.fastForward(1000);
  const left = await page.textContent(".quiz-timer");
  const [, m, s] = left.match(/(\d+):(\d+)/).map(Number);
  assert.ok(m * 60 + s <= 30, `the clock did not start again: ${left}`);
  await page.clock.fastForward(31000);
  await page.waitForSelector(".quiz-result");
  assert.match(await page.textContent(".quiz-timeout"), /没有作答的 3 题计 0 分/);
  assert.equal(await page.textContent(".quiz-score strong"), "25%");
  // Handed in: the note that it was resumed no longer stands over the result.
  assert.equal(await page.isVisible(".quiz-resumed"), false);
  await page.reload();
  await page.waitForSelector(".quiz-exam-start");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("exam: 交卷前检查 lists every question; 修改 brings one back with its answer, to change; a reload keeps the check", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(examUrl());
  await page.click(".quiz-start");
  const first = await answerExamTf(page, false);
  for (let i = 0; i < 3; i++) await answerExamTf(page, true);
  await page.waitForSelector(".quiz-check");
  assert.match(squash(await page.textContent(".quiz-check")), /交卷前检查.*已答 4 \/ 4 题。交卷前可以回到任何一题修改答案/);
  assert.equal(await page.locator(".quiz-check-item").count(), 4);
  // Each with the answer given (true/false: 正确 or 错误), no right or wrong.
  const givenFirst = await page.evaluate((id) => window.HANDBOOK_QUIZZES.exam.questions.find((x) => x.id === id).answer === true ? "错误" : "正确", first);
  assert.equal(await page.textContent(`.quiz-check-item[data-qid="${first}"] .quiz-check-a`), "你的答案：" + givenFirst);
  assert.equal(await page.locator(".quiz-check-a").count(), 4);
  // 修改 is big enough to tap.
  const box = await page.locator(".quiz-check-edit").first().boundingBox();
  assert.ok(box.height >= 39 && box.width >= 47, JSON.stringify(box));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "交卷前检查");
  assert.match(await page.textContent(".quiz-check .quiz-timer"), /剩余 \d+:\d\d/);
  // Nothing says right or wrong yet.
  assert.equal(await page.locator(".quiz-feedback-box, .quiz-result").count(), 0);
  // A reload comes back to the check, not to a hand-in.
  page.on("dialog", (d) => d.accept());
  await page.reload();
  await page.waitForSelector(".quiz-check");
  assert.match(await page.textContent(".quiz-resumed"), /已恢复上次没有交卷的考试（已全部作答，还没有交卷）/);
  // 修改 the first (each 修改 says which): its answer given is checked, and it is changed; the
  // note on what was resumed goes once the learner moves on.
  const edit = page.locator(`.quiz-check-item[data-qid="${first}"] .quiz-check-edit`);
  assert.equal(await edit.getAttribute("aria-label"), "修改第 1 题");
  await edit.click();
  await page.waitForSelector(`.quiz-stage > .quiz-card[data-qid="${first}"]`);
  assert.equal(await page.isVisible(".quiz-resumed"), false);
  // The others are answered: the progress bar says so.
  assert.equal(await page.getAttribute(".quiz-stage .quiz-bar", "aria-valuetext"), "已答 3 题，共 4 题");
  const q = await page.evaluate((id) => window.HANDBOOK_QUIZZES.exam.questions.find((x) => x.id === id), first);
  const wrongIndex = q.answer === true ? 1 : 0;
  assert.equal(await page.isChecked(`.quiz-stage input[data-index="${wrongIndex}"]`), true, "the answer given before");
  assert.equal(await page.textContent(".quiz-stage button[type=submit]"), "保存，回到交卷前检查");
  await answerExamTf(page, true);
  await handIn(page);
  assert.equal(await page.textContent(".quiz-score strong"), "100%");
  assert.deepEqual(inMistakes((await stored(page)).wrong), [], "the changed answer counts");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("exam: 交卷前检查 tells a matching question's choices, a fill-in box is described by its question, and 5 minutes before the end is said", async () => {
  const other = buildQuizBook({
    mixed: "id: mixed\ntitle: 混合考试\nexam: true\ntime_limit: 10\nshuffle: false\nquestions:\n" +
      "  - id: m-1\n    type: matching\n    prompt: 把时限和事项配对\n    pairs:\n      - left: 办结\n        right: 5个工作日\n      - left: 答复\n        right: 3个工作日\n" +
      "  - id: m-2\n    type: short\n    prompt: 客服热线的号码是多少？\n    accepted: [\"95598\"]\n",
  });
  const { ctx, page, errors } = await freshPage(browser);
  await page.clock.install();
  await page.goto(fileUrl(join(other, "site/quizzes/mixed/index.html")));
  await page.click(".quiz-start");
  await page.waitForSelector(".quiz-match-select");
  // The clock passes 5:00 left: a screen reader hears it (as it hears 1 minute).
  const heard = () => page.$$eval(".quiz-app [aria-live]", (ls) => ls.map((l) => l.textContent).join("|"));
  await page.clock.runFor(1000);
  assert.doesNotMatch(await heard(), /还剩/);
  await page.clock.fastForward(5 * 60000);
  await page.clock.runFor(500);
  assert.match(await heard(), /考试还剩 5 分钟。/);
  await page.selectOption(".quiz-match-select >> nth=0", "5个工作日");
  await page.selectOption(".quiz-match-select >> nth=1", "3个工作日");
  await page.click(".quiz-stage button[type=submit]");
  await page.waitForSelector(".quiz-short-input");
  const described = await page.evaluate(() => {
    const box = document.querySelector(".quiz-short-input");
    const by = document.getElementById(box.getAttribute("aria-describedby") || "-");
    return by ? by.textContent.trim() : null;
  });
  assert.equal(described, "客服热线的号码是多少？");
  await page.fill(".quiz-short-input", "95598");
  await page.click(".quiz-stage button[type=submit]");
  await page.waitForSelector(".quiz-check");
  assert.deepEqual(await page.$$eval(".quiz-check-a", (s) => s.map((x) => x.textContent)), ["你的答案：办结：5个工作日；答复：3个工作日", "你的答案：95598"]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
