// A quiz, or a timed exam, left half done and then renamed by the trainers (`handbook mv
// quiz:OLD quiz:NEW`, which keeps the old id in the quiz's `aliases`): what a learner did
// under the old id counts for the quiz -- the attempt in progress too, with its answers and,
// for an exam, its pause. The new quiz page offers to go on from where the learner stopped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { withBrowserAndBook, buildQuizBook, answerExamTf, freshPage, fileUrl, bin } from "./helpers.mjs";

let browser;
let book;
withBrowserAndBook((b, r) => { browser = b; book = r; }, () => {
  const tf = (id, answer) => `  - id: ${id}\n    type: true_false\n    prompt: ${id} 的说法\n    answer: ${answer}\n    explanation: ${id} 的解析。\n`;
  return buildQuizBook({
    unit: `id: unit\ntitle: 第一单元测验\nshuffle: false\nquestions:\n${tf("u-1", true)}${tf("u-2", false)}${tf("u-3", true)}`,
    exam: `id: exam\ntitle: 结业考试\nexam: true\ntime_limit: 10\npausable: true\npass_mark: 60\nshuffle: false\nquestions:\n${tf("e-1", true)}${tf("e-2", false)}${tf("e-3", true)}`,
  });
});

const at = (rel) => fileUrl(join(book, "site", rel));
const squash = (s) => s.replace(/\s+/g, " ").trim();
const attemptKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("handbook-attempt:")).sort());

/** Answers the current true/false question of quiz `quiz` right or wrong. */
async function answerTf(page, quiz, right) {
  const qid = await page.getAttribute(".quiz-stage > .quiz-card", "data-qid");
  const q = await page.evaluate(([quiz, id]) => window.HANDBOOK_QUIZZES[quiz].questions.find((x) => x.id === id), [quiz, qid]);
  await page.locator(`.quiz-stage input[data-index="${q.answer === right ? 0 : 1}"]`).check();
  await page.click(".quiz-stage button[type=submit]");
}

test("a quiz and an exam left half done, then renamed: the new pages offer to go on, with the answers and the pause kept", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  // The unit quiz: the first answer right, the second wrong, then away.
  await page.goto(at("quizzes/unit/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  await answerTf(page, "unit", true);
  await page.click(".quiz-stage .quiz-next");
  await answerTf(page, "unit", false);
  await page.click(".quiz-stage .quiz-next");
  // The exam: one answer, then 暂停计时.
  await page.goto(at("quizzes/exam/index.html"));
  await page.click(".quiz-start");
  await answerExamTf(page, true);
  await page.click(".quiz-pause");
  await page.waitForSelector(".quiz-paused");
  const id = await page.getAttribute("body", "data-book");
  assert.deepEqual(await attemptKeys(page), [`handbook-attempt:${id}:exam`, `handbook-attempt:${id}:unit`]);

  // The trainers rename both.
  execFileSync(bin, ["--root", book, "mv", "quiz:unit", "quiz:unit-one"], { stdio: "pipe" });
  execFileSync(bin, ["--root", book, "mv", "quiz:exam", "quiz:final-exam"], { stdio: "pipe" });
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });

  // The quiz under its new id goes on at the third question; the two answers count.
  await page.goto(at("quizzes/unit-one/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(await page.isVisible(".quiz-resumed"), true, "offered to go on");
  assert.match(await page.textContent(".quiz-resumed"), /已恢复上次未完成的作答（第 3 \/ 3 题）/);
  assert.equal(squash(await page.textContent(".quiz-stage .quiz-counter")), "第 3 / 3 题");
  assert.deepEqual(await attemptKeys(page), [`handbook-attempt:${id}:exam`, `handbook-attempt:${id}:unit-one`], "taken over under the new id");
  // (我的学习进度 names the exam not handed in yet by its quiz's id now, so by its title.)
  assert.deepEqual(await page.evaluate(() => window.HandbookQuiz.learners.attempts("").map((a) => a.quiz).sort()), ["final-exam", "unit-one"]);
  await answerTf(page, "unit-one", true);
  await page.click(".quiz-stage .quiz-next");
  await page.waitForSelector(".quiz-result");
  assert.match(await page.textContent(".quiz-stats"), /答对 2 题.*答错 1 题/);
  await page.reload();
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(await page.isVisible(".quiz-resumed"), false, "finished: the old attempt does not come back");

  // The exam: still paused, 继续考试 goes on at its second question.
  await page.goto(at("quizzes/final-exam/index.html"));
  await page.waitForSelector(".quiz-paused");
  assert.match(await page.textContent(".quiz-resumed"), /已恢复上次没有交卷的考试（第 2 \/ 3 题），考试仍在暂停中/);
  assert.match(squash(await page.textContent(".quiz-paused")), /已答 1 \/ 3 题/);
  await page.click(".quiz-unpause");
  await page.waitForSelector(".quiz-stage > .quiz-card[data-qid]");
  assert.equal(squash(await page.textContent(".quiz-stage .quiz-counter")), "第 2 / 3 题");
  assert.deepEqual(await attemptKeys(page), [`handbook-attempt:${id}:final-exam`]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
