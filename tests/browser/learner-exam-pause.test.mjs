// A timed exam a trainer made `pausable`, taken by a new agent whom a live call takes away: 暂停计时
// stops the clock and hides the question, over a reload too, and 继续考试 goes on with the time
// that was left. The exam draws on a module's quiz (`from`): a miss there goes to the 错题本
// under that quiz, by the question's own id.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { withBrowserAndBook, buildQuizBook, answerExamTf, freshPage, fileUrl, storedProgress, handIn, inMistakes } from "./helpers.mjs";

let browser;
let book;
withBrowserAndBook((b, r) => { browser = b; book = r; }, () => {
  const tf = (id, answer) => `  - id: ${id}\n    type: true_false\n    prompt: ${id} 的说法\n    answer: ${answer}\n    explanation: ${id} 的解析。\n`;
  return buildQuizBook({
    unit: `id: unit\ntitle: 第一单元测验\nquestions:\n${tf("u-1", true)}${tf("u-2", false)}`,
    exam: `id: exam\ntitle: 结业考试\nexam: true\ntime_limit: 1\npausable: true\npass_mark: 60\nshuffle: false\nfrom:\n  - quiz: unit\nquestions:\n${tf("e-1", true)}`,
  });
});

const examUrl = () => fileUrl(join(book, "site/quizzes/exam/index.html"));
const squash = (s) => s.replace(/\s+/g, " ").trim();

const secondsLeft = async (page) => {
  const [, m, s] = (await page.textContent(".quiz-timer")).match(/(\d+):(\d+)/).map(Number);
  return m * 60 + s;
};

test("pausable exam: the clock stops while paused, over a reload, and goes on from where it was", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.accept(); });
  await page.clock.install();
  await page.goto(examUrl());
  assert.match(await page.textContent(".quiz-exam-start"), /暂停计时/);
  assert.match(await page.textContent(".page-header"), /可暂停计时/);
  await page.click(".quiz-start");
  await answerExamTf(page, false); // e-1, wrong
  await page.clock.fastForward(20000);
  await page.click(".quiz-pause");
  await page.waitForSelector(".quiz-paused");
  assert.equal(await page.$(".quiz-stage [data-qid]"), null, "the question is hidden while paused");
  assert.match(squash(await page.textContent(".quiz-paused")), /计时已停，还剩 0:4\d，已答 1 \/ 3 题/);
  // Away for five minutes, far past the one-minute limit, and the page reloaded meanwhile.
  await page.clock.fastForward(5 * 60000);
  await page.reload();
  await page.waitForSelector(".quiz-paused");
  assert.deepEqual(dialogs, [], "a paused exam is left without asking");
  assert.match(await page.textContent(".quiz-resumed"), /仍在暂停中/);
  assert.equal(await page.$(".quiz-result"), null, "not handed in while paused");
  await page.click(".quiz-unpause");
  await page.waitForSelector(".quiz-stage > .quiz-card[data-qid]");
  const left = await secondsLeft(page);
  assert.ok(left >= 38 && left <= 41, `the time left at the pause: ${left}`);
  assert.equal(squash(await page.textContent(".quiz-counter")), "第 2 / 3 题");
  const u1 = await answerExamTf(page, false);
  const u2 = await answerExamTf(page, true);
  await handIn(page);
  assert.equal(await page.$(".quiz-timeout"), null, "handed in, not timed out");
  assert.match(await page.textContent(".quiz-stats"), /另暂停 1 次，共 5 分/);
  // The questions taken from the unit's quiz are its own in the 错题本.
  const d = await storedProgress(page);
  assert.deepEqual(inMistakes(d.wrong).sort(), ["exam/e-1", `unit/${u1}`].sort());
  assert.equal(u1, "u-1");
  assert.equal(u2, "u-2");
  // The record keeps the time it took and the pause, for the trainer.
  const r = d.quizzes.exam;
  assert.ok(r.lastTime >= 20000 && r.lastTime < 30000, `time answering: ${r.lastTime}`);
  assert.equal(r.lastPauses, 1);
  assert.ok(Math.abs(r.lastPausedMs - 5 * 60000) < 2000, `paused: ${r.lastPausedMs}`);
  // 学员进度汇总, from the learner's exported file: the exam's row says so.
  const file = join(book, "exam-pause-progress.json");
  const bookId = await page.evaluate(() => document.body.dataset.book);
  writeFileSync(file, JSON.stringify({ handbook: "progress", book: bookId, exported: new Date().toISOString(), progress: { ...d, name: "王五" } }));
  const trainer = await browser.newContext(); // (without this one's stopped clock)
  const team = await trainer.newPage();
  await team.goto(fileUrl(join(book, "site/progress/team/index.html")));
  await team.setInputFiles("#team-files", [file]);
  await team.locator(".team-table .team-who", { hasText: "王五" }).click();
  assert.match(await team.textContent('.team-detail .team-quiz-table tr[data-quiz="exam"]'), /用时不到 1 分钟，暂停 1 次，共 5 分钟/);
  await trainer.close();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("pausable exam: not paused, the clock runs on while away, as before", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  page.on("dialog", (d) => d.accept());
  await page.clock.install();
  await page.goto(examUrl());
  await page.click(".quiz-start");
  await page.clock.fastForward(30000);
  await page.reload();
  await page.waitForSelector(".quiz-stage > .quiz-card[data-qid]");
  assert.match(await page.textContent(".quiz-resumed"), /离开期间没有停（下次离开前先点“暂停计时”）/);
  assert.ok(await secondsLeft(page) <= 30);
  await page.clock.fastForward(31000);
  await page.waitForSelector(".quiz-result");
  assert.match(await page.textContent(".quiz-timeout"), /时间到/);
  // Away a whole day and handed in on return: 用时 is the time limit, not the day.
  const { quizzes } = await storedProgress(page);
  assert.ok(quizzes.exam.lastTime <= 60000 && quizzes.exam.lastTime >= 59000, `用时 ${quizzes.exam.lastTime}`);
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith("handbook-attempt:")) localStorage.removeItem(k); });
  await page.reload();
  await page.click(".quiz-start");
  await page.goto(fileUrl(join(book, "site/index.html"))); // the tab left for the day
  await page.clock.fastForward(24 * 3600e3);
  await page.goto(examUrl());
  await page.waitForSelector(".quiz-result");
  const again = (await storedProgress(page)).quizzes.exam;
  assert.ok(again.lastTime <= 60000 && again.lastTime >= 59000, `用时 ${again.lastTime}`);
  assert.deepEqual(errors, []);
  await ctx.close();
});
