// The 错题本 keeps the wrong answers a learner gave, not only that the question was missed: a new
// agent who keeps choosing the same wrong option sees it said (有 2 次答成“…”), and the answers
// travel with the progress file (merged once, however often it is imported).
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { withBrowserAndBook, initBook, fileUrl, repo, bin, storedProgress } from "./helpers.mjs";

let browser;
let book;
withBrowserAndBook((b, r) => { browser = b; book = r; }, () => {
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  writeFileSync(join(book, "content/quizzes/limits.quiz.yaml"),
    "id: limits\ntitle: 时限测验\nshuffle: false\nquestions:\n" +
    "  - id: limits-01\n    type: single\n    prompt: 一般投诉多久办结？\n    options:\n" +
    "      - text: 10个工作日\n      - text: 5个工作日\n        correct: true\n      - text: 30天\n" +
    "  - id: limits-02\n    type: short\n    prompt: 办结后几个工作日内答复？\n    accepted: [\"3\"]\n");
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  return book;
});

const quizUrl = () => fileUrl(join(book, "site/quizzes/limits/index.html"));

async function takeQuiz(page, option, typed) {
  await page.goto(quizUrl());
  await page.locator(`.quiz-stage input[data-index="${option}"]`).check();
  await page.click(".quiz-stage button[type=submit]");
  await page.click(".quiz-next");
  await page.fill(".quiz-stage input[type=text]", typed);
  await page.click(".quiz-stage button[type=submit]");
  await page.waitForSelector(".quiz-feedback-box");
}

test("错题本: the wrong answer a learner keeps giving is said, and survives an import", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await takeQuiz(page, 0, "5");
  await takeQuiz(page, 0, "7");
  const d = await storedProgress(page);
  assert.equal(d.wrong["limits/limits-01"].n, 2);
  assert.deepEqual(d.wrong["limits/limits-01"].picks.map((p) => p.a), [0, 0]);
  assert.deepEqual(d.wrong["limits/limits-02"].picks.map((p) => p.a), ["5", "7"]);
  await page.goto(fileUrl(join(book, "site/progress/mistakes/index.html")));
  await page.waitForSelector(".mistakes-item");
  const item = (id) => page.textContent(`.mistakes-item[data-qid="${id}"] .mistakes-picks`);
  assert.match(await item("limits-01"), /有 2 次答成“10个工作日”/);
  assert.match(await item("limits-02"), /上次答的是“7”/);
  // The record exported and imported twice on another PC: the answers are there once each.
  const merged = await page.evaluate(() => {
    const Q = window.HandbookQuiz.store;
    const mine = Q.load().data;
    const other = Q.clean({ v: 1, wrong: {} });
    Q.mergeInto(other, mine);
    Q.mergeInto(other, mine);
    return other.wrong["limits/limits-01"].picks.length;
  });
  assert.equal(merged, 2);
  // Damaged picks in a file are dropped, the entry kept.
  const cleaned = await page.evaluate(() => window.HandbookQuiz.store.clean({ v: 1, wrong: { "limits/limits-01": { n: 1, last: 5, ok: 0, picks: [{ a: { x: 1 }, t: 1 }, "bad", { a: 2, t: 3 }] } } }).wrong["limits/limits-01"]);
  assert.deepEqual(cleaned.picks, [{ a: 2, t: 3 }]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
