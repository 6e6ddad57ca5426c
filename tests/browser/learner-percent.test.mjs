// Percentages are rounded to the nearest, the same way on the quiz, 我的学习进度 and the
// trainer's page: 2 of 3 is 67% (and one more right answer passes 80%), not 66%. 已读 counts items
// (项) of the course, lessons and rule cards, over the same total on both pages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

/** The first learner's cell under the heading `name` on 学员进度汇总 (a score: the best). */
async function teamCell(page, name) {
  const heads = await page.$$eval(".team-table thead th", (ths) => ths.map((t) => t.textContent));
  assert.ok(heads.includes(name), JSON.stringify(heads));
  return page.$$eval(".team-table tbody tr.team-row > *", (cs, i) => (cs[i].querySelector(".team-best") || cs[i]).textContent, heads.indexOf(name));
}
import { withBrowserAndBook, initBook, fileUrl, repo, bin, tempDir } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

test("a quiz score of 2 / 3 is 67%, 13 points short of 80%", async () => {
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  const tf = (n) => `  - id: t-${n}\n    type: true_false\n    prompt: 第${n}题\n    answer: true\n`;
  writeFileSync(join(book, "content/quizzes/three.quiz.yaml"), `id: three\ntitle: 三题\npass_mark: 80\nshuffle: false\nquestions:\n${tf(1)}${tf(2)}${tf(3)}`);
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(book, "site/quizzes/three/index.html")));
  for (const right of [true, true, false]) {
    await page.locator(`.quiz-stage input[data-index="${right ? 0 : 1}"]`).check();
    await page.click(".quiz-stage button[type=submit]");
    await page.click(".quiz-stage .quiz-next");
  }
  await page.waitForSelector(".quiz-result");
  assert.equal(await page.textContent(".quiz-score strong"), "67%");
  assert.match(await page.textContent(".quiz-result .quiz-verdict-text"), /及格线是 80%，再多答对 1 题就能通过。/);
  const d = await page.evaluate(() => JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book)));
  assert.equal(d.quizzes.three.best, 67);
  assert.equal(await page.evaluate(() => [HandbookQuiz.percent(99.6), HandbookQuiz.percent(0.2), HandbookQuiz.percent(66.666)].join()), "99,1,67");
  await ctx.close();
});

test("a fail counts the questions to answer right by what each would add: half-right ones add half", async () => {
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  const m = (n) => `  - id: m-${n}\n    type: matching\n    prompt: 配对${n}\n    pairs:\n      - {left: 甲${n}, right: 一${n}}\n      - {left: 乙${n}, right: 二${n}}\n`;
  writeFileSync(join(book, "content/quizzes/part.quiz.yaml"), `id: part\ntitle: 部分\npass_mark: 80\nshuffle: false\nquestions:\n${m(1)}${m(2)}${m(3)}${m(4)}  - id: t-1\n    type: true_false\n    prompt: 对吗\n    answer: true\n`);
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(book, "site/quizzes/part/index.html")));
  for (let n = 1; n <= 4; n++) {
    // One pair right, one wrong: half right.
    await page.locator('.quiz-stage select[data-index="0"]').selectOption(`一${n}`);
    await page.locator('.quiz-stage select[data-index="1"]').selectOption(`一${n}`);
    await page.click(".quiz-stage button[type=submit]");
    await page.click(".quiz-stage .quiz-next");
  }
  await page.locator('.quiz-stage input[data-index="0"]').check();
  await page.click(".quiz-stage button[type=submit]");
  await page.click(".quiz-stage .quiz-next");
  await page.waitForSelector(".quiz-result");
  // 3 of 5 = 60 %; one more right adds 0.5 (70 %), two reach 80 %.
  assert.equal(await page.textContent(".quiz-score strong"), "60%");
  assert.match(await page.textContent(".quiz-result .quiz-verdict-text"), /及格线是 80%，再多答对 2 题就能通过。/);
  await ctx.close();
});

/** Each course item's weight in 总体进度: its minutes, a module with an estimate sharing that
 *  among its items by their minutes (so the course's total is the course page's). */
function weights(book) {
  const w = new Map();
  for (const m of book.course.modules) {
    const own = m.items.reduce((n, i) => n + i.minutes, 0);
    for (const i of m.items) w.set(i, m.estimate > 0 ? i.minutes * m.estimate / own : i.minutes);
  }
  return w;
}

/** The progress exported (学习进度-….json) and read on 学员进度汇总, in the same tab. */
async function toTeamPage(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".progress-export")]);
  const path = join(tempDir(), "p.json");
  await download.saveAs(path);
  await page.goto(fileUrl(join(root, "site/progress/team/index.html")));
  await page.setInputFiles("#team-files", [path]);
  await page.waitForSelector(".team-table");
}

/** 我的学习进度 of the bundled book in a fresh context: the page, the course's data and its items. */
async function openProgress() {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(root, "site/progress/index.html")));
  const book = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book);
  return { ctx, page, book, items: book.course.modules.flatMap((m) => m.items) };
}

test("已读 on 我的学习进度 and on the trainer's page: the same items, the same total", async () => {
  const { ctx, page, book, items } = await openProgress();
  const readable = items.filter((i) => i.kind !== "quiz");
  const lesson = readable.find((i) => i.kind === "lesson");
  const rule = readable.find((i) => i.kind === "rule");
  await page.evaluate(([l, r]) => {
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: { [l]: 1, ["rules/" + r + "/"]: 2 }, quizzes: {}, scenarios: {}, cards: {} }));
  }, [lesson.id, rule.id]);
  await page.reload();
  const overview = await page.textContent(".progress-overview");
  assert.match(overview, new RegExp(`已完成 2 / ${items.length} 项`));
  assert.doesNotMatch(overview, /篇/);
  assert.equal(await page.textContent(".progress-part:first-child"), `已读课程和规则2 / ${readable.length} 项`);
  const decks = items.filter((i) => i.cards === true);
  assert.equal(decks.length, 1, "the bundled course has one deck of cards");
  assert.equal(await page.textContent(".progress-part:nth-child(2)"), `通过测验0 / ${items.length - readable.length - 1} 套`);
  assert.equal(await page.textContent(".progress-part:nth-child(3)"), "练完卡片0 / 1 套");
  // The two items' share of the course's minutes, rounded to the nearest.
  const w = weights(book);
  const minutes = (list) => list.reduce((n, i) => n + w.get(i), 0);
  assert.ok(items.every((i) => i.minutes >= 1), "every course item carries its minutes");
  const share = minutes([lesson, rule]) / minutes(items);
  assert.equal(await page.textContent(".progress-big"), `${Math.max(1, Math.round(share * 100))}%`);
  assert.notEqual(share, 2 / items.length, "weighed by minutes, not by count");
  await toTeamPage(page);
  assert.equal(await teamCell(page, "已读课程和规则"), `2 / ${readable.length}`);
  // 总体进度 in the trainer's table is the learner's own page's.
  assert.equal(await teamCell(page, "总体进度"), `${Math.max(1, Math.round(share * 100))}%`);
  await ctx.close();
});

test("reading every page of the course is its reading time's share, not most of the course", async () => {
  const { ctx, page, book, items } = await openProgress();
  const readable = items.filter((i) => i.kind !== "quiz");
  const lessons = {};
  for (const i of readable) lessons[i.kind === "rule" ? "rules/" + i.id + "/" : i.id] = 1;
  await page.evaluate((l) => {
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: l, quizzes: {}, scenarios: {}, cards: {} }));
  }, lessons);
  await page.reload();
  const w = weights(book);
  const sum = (list) => list.reduce((n, i) => n + w.get(i), 0);
  const read = sum(readable), all = sum(items);
  const big = Number((await page.textContent(".progress-big")).replace("%", ""));
  assert.equal(big, Math.round(read / all * 100));
  assert.ok(big < 70, `reading everything shows ${big}%, not the ${Math.round(readable.length / items.length * 100)}% a count gives`);
  assert.match(await page.textContent(".progress-overview"), new RegExp(`按各项的预计用时计算（阅读约 ${Math.round(read)} 分钟，测验约 ${Math.round(all - read)} 分钟）`));
  // The minutes add up to the course's total on the course page (预计共 N 分钟): every
  // module of the bundled course has an estimate.
  const total = book.course.modules.reduce((n, m) => n + m.estimate, 0);
  assert.ok(book.course.modules.every((m) => m.estimate > 0));
  assert.ok(Math.abs(Math.round(read) + Math.round(all - read) - total) <= 1, `${read} + ${all - read} vs ${total}`);
  assert.equal(await page.getAttribute(".progress-part:first-child .progress-meter", "aria-valuenow"), "100");
  assert.equal(await page.getAttribute(".progress-part:nth-child(2) .progress-meter", "aria-valuenow"), "0");
  assert.equal(await page.getAttribute(".progress-part:nth-child(2) .progress-meter", "aria-label"), "通过测验");
  await page.goto(fileUrl(join(root, "site/course/index.html")));
  assert.match(await page.textContent("main"), new RegExp(`预计共 ${total} 分钟`));
  await ctx.close();
});

test("a deck of cards gone through is not a quiz passed: 练完卡片 on 我的学习进度, not counted on the trainer's page", async () => {
  const { ctx, page, book, items } = await openProgress();
  const deck = items.find((i) => i.cards === true);
  const tests = items.filter((i) => i.kind === "quiz" && i.cards !== true);
  assert.equal(deck.id, "phrasing-cards");
  // Every card known: the deck's record says passed at 100 %, as the quiz page leaves it.
  await page.evaluate((id) => {
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: {}, quizzes: { [id]: { best: 100, passed: true, attempts: 1, last: Date.now() } }, scenarios: {}, cards: { [id + "/" + id + "-01"]: { n: 8, known: [], done: true, rounds: 1, last: Date.now() } } }));
  }, deck.id);
  await page.reload();
  assert.equal(await page.textContent(".progress-part:nth-child(2)"), `通过测验0 / ${tests.length} 套`);
  assert.equal(await page.textContent(".progress-part:nth-child(3)"), "练完卡片1 / 1 套");
  const row = page.locator(`.progress-item[data-id="${deck.id}"]`);
  assert.equal(await row.locator(".tag").textContent(), "卡片");
  assert.equal(await row.locator(".progress-state").textContent(), "已练完");
  assert.match(await row.getAttribute("class"), /is-done/);
  await toTeamPage(page);
  const all = book.quizzes.filter((q) => q.cards !== true).length;
  assert.equal(await teamCell(page, "通过的测验"), `0 / ${all}`);
  // The course page names it a deck too.
  await page.goto(fileUrl(join(root, "site/course/index.html")));
  assert.equal(await page.textContent(`.course-item[data-id="${deck.id}"] .badge`), "卡片");
  await ctx.close();
});
