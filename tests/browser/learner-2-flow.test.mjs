// What a learner reads after answering: one question practised and missed is "答错了" (not
// "还没有全部答对"), with one way to try it again instead of 查看错题 and 只练错题 for the same
// question; and a phone call that ends the quiz says it is recorded (再打一次 records nothing
// more).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, freshPage, playCall, storedProgress } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));
const squash = (s) => s.replace(/\s+/g, " ").trim();
const stored = storedProgress;

const fresh = () => freshPage(browser);

test("one single-choice question practised from its link and missed: 答错了, and one way to try again", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/procedure-time-limits/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await page.evaluate(() => window.HANDBOOK_QUIZZES["procedure-time-limits"]);
  const q = quiz.questions.find((x) => x.type === "single");
  await page.goto(site(`quizzes/procedure-time-limits/index.html#${q.id}`));
  await page.reload();
  await page.waitForSelector(`.quiz-stage > .quiz-card[data-qid="${q.id}"]`);
  const wrong = q.options.findIndex((o) => !o.correct);
  await page.check(`.quiz-stage > .quiz-card input[data-index="${wrong}"]`);
  await page.click(".quiz-stage > .quiz-card button[type=submit]");
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");
  const verdict = await page.textContent(".quiz-verdict-text");
  assert.match(verdict, /^这一题答错了。/);
  assert.doesNotMatch(verdict, /全部/);
  // Not both 查看错题（1） and 只练错题（1）: the question is shown here, with 再练这一题.
  assert.equal(await page.$(".quiz-result .quiz-review-btn"), null);
  assert.deepEqual(await page.$$eval(".quiz-result > .quiz-actions button", (bs) => bs.map((b) => b.textContent)), ["再练这一题", "做整套测验"]);
  assert.equal(await page.getAttribute(".quiz-result .quiz-result-review", "data-qid"), q.id);
  // (The question shown, with its 复制本题链接 to ask someone about it.)
  assert.equal(await page.textContent(".quiz-result .quiz-result-review .quiz-copy-link"), "复制本题链接");
  assert.match(await page.textContent(".quiz-result .quiz-result-review .quiz-feedback-box"), /回答错误/);
  // 再练这一题: the same question again, still a practice of the linked question.
  await page.click(".quiz-result .quiz-practice");
  await page.waitForSelector(`.quiz-stage > .quiz-card[data-qid="${q.id}"]`);
  assert.equal(await page.isVisible(".quiz-linked"), true);
  const right = q.options.findIndex((o) => o.correct);
  await page.check(`.quiz-stage > .quiz-card input[data-index="${right}"]`);
  await page.click(".quiz-stage > .quiz-card button[type=submit]");
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");
  assert.match(await page.textContent(".quiz-verdict-text"), /^这一题答对了。/);
  assert.equal(await stored(page).then((s) => s?.quizzes?.["procedure-time-limits"]), undefined, "a practice is not a quiz attempt");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a call that ends the quiz says it is recorded; 再打一次 records nothing more", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/scenario-wrong-bill/index.html"));
  await playCall(page);
  const attempts = async () => (await stored(page))?.quizzes?.["scenario-wrong-bill"]?.attempts ?? 0;
  assert.equal(await attempts(), 1);
  const note = await page.textContent(".quiz-feedback .quiz-recorded");
  // (The score itself is in the ending just above; the note says what it means.)
  assert.match(note, /^这通电话已记入学习进度：(通过|未通过)（及格线 \d+%）。/);
  assert.match(note, /点“再打一次”重打这通电话，会另记一次成绩/);
  // 再打一次 before 查看成绩: nothing more is recorded.
  await page.click(".scenario-ending button:text-is('再打一次')");
  await page.waitForSelector(".scenario-option");
  assert.equal(await page.$(".quiz-recorded"), null);
  assert.equal(await attempts(), 1, "再打一次 records nothing");
  await playCall(page);
  assert.equal(await attempts(), 2, "the second call is a second attempt");
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");

  assert.equal(await page.textContent(".quiz-result-title"), "通话成绩");
  assert.deepEqual(errors, []);
  await ctx.close();
});
