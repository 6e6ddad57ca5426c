// 清除进度 in a book given an `id` after it was in use: its learners' records were kept under its
// title, and handbook.js carries them over to the id while the id's key is empty. Clearing the
// default learner's progress removed the id's key only, so the next page brought it all back.
// Every key a book keeps for a learner is in one list (handbook.js's storedKey), which the
// carrying over, 清除进度 and 清除我的记录 all go by.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, withBrowserAndBook, fileUrl } from "./helpers.mjs";

// A quiz of three questions, to leave one half done.
const THREE = `id: three
title: 三道判断题
questions:
${[1, 2, 3].map((n) => `  - id: three-0${n}
    type: true_false
    prompt: 第 ${n} 句话是对的。
    answer: true
`).join("")}`;

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = initBook();
  writeFileSync(join(r, "content/quizzes/three.quiz.yaml"), THREE);
  execFileSync(bin, ["--root", r, "build"], { stdio: "pipe" });
  return r;
});

const site = (rel) => fileUrl(join(root, "site", rel));
/** Every localStorage key of the page's browser. */
const allKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

/** A context whose localStorage holds `items` when its first page opens (once). */
async function seeded(items) {
  const ctx = await browser.newContext();
  await ctx.addInitScript((items) => {
    if (sessionStorage.getItem("seeded")) return;
    sessionStorage.setItem("seeded", "1");
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => d.accept());
  return { ctx, page, errors };
}

test("清除进度 stays cleared in a book whose records were first kept under its title", async () => {
  const ctx = await browser.newContext();
  // A record from before the book had an id, under its title (seeded once).
  await ctx.addInitScript(() => {
    if (sessionStorage.getItem("seeded")) return;
    sessionStorage.setItem("seeded", "1");
    localStorage.setItem("handbook-progress:我的培训手册", JSON.stringify({ v: 1, lessons: { "basics/first-lesson": 1700000000000 }, quizzes: {}, scenarios: {}, cards: {} }));
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("dialog", (d) => d.accept());
  await page.goto(fileUrl(join(root, "site/progress/index.html")));
  await page.waitForSelector(".progress-clear");
  const id = await page.getAttribute("body", "data-book");
  assert.notEqual(id, "我的培训手册");
  const lessons = () => page.evaluate((id) => {
    const r = JSON.parse(localStorage.getItem("handbook-progress:" + id) || "{}");
    return Object.keys(r.lessons || {});
  }, id);
  assert.deepEqual(await lessons(), ["basics/first-lesson"], "carried over from the title's key");
  await page.click(".progress-clear");
  assert.deepEqual(await lessons(), []);
  await page.reload();
  await page.waitForSelector(".progress-clear");
  assert.deepEqual(await lessons(), [], "still cleared after the next page");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("every key kept under the title is carried over: a quiz left half done then is offered again, and 清除进度 clears it for good", async () => {
  const { ctx, page, errors } = await seeded({
    "handbook-attempt:我的培训手册:three": JSON.stringify({ v: 1, qs: ["three-01", "three-02", "three-03"], answers: [0, null, null], scores: [1, null, null], index: 1, started: Date.now() - 60000, practice: false, exam: false, saved: Date.now() - 50000 }),
    "handbook-changes-seen:我的培训手册": "2020-01-01",
  });
  await page.goto(site("quizzes/three/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.match(await page.textContent(".quiz-resumed"), /已恢复上次未完成的作答（第 2 \/ 3 题）/);
  const id = await page.getAttribute("body", "data-book");
  assert.equal(await page.evaluate((id) => localStorage.getItem("handbook-changes-seen:" + id), id), "2020-01-01", "the revisions seen, carried over too");

  await page.goto(site("progress/index.html"));
  await page.click(".progress-clear");
  assert.deepEqual((await allKeys(page)).filter((k) => k.startsWith("handbook-attempt:")), [], "under the id and the title");
  await page.goto(site("quizzes/three/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(await page.isVisible(".quiz-resumed"), false);
  assert.match(await page.textContent(".quiz-stage .quiz-counter"), /第 1 \/ 3 题/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("清除我的记录 of a learner other than the default one stays cleared in a book whose records were first kept under its title", async () => {
  const t = Date.now() - 86400000;
  const record = (name) => JSON.stringify({ v: 1, name, lessons: { "basics/first-lesson/": t }, quizzes: {}, scenarios: {}, cards: {} });
  const { ctx, page, errors } = await seeded({
    "handbook-progress:我的培训手册": record("张三"),
    "handbook-progress:我的培训手册@L-lisi-0001": record("李四"),
    "handbook-pages:我的培训手册@L-lisi-0001": JSON.stringify({ stars: [{ u: "basics/first-lesson/", t: "第一课" }], recent: [] }),
    "handbook-attempt:我的培训手册@L-lisi-0001:three": JSON.stringify({ v: 1, qs: ["three-01", "three-02", "three-03"], answers: [0, null, null], scores: [1, null, null], index: 1, started: t, practice: false, exam: false, saved: t }),
    "handbook-learner:我的培训手册": "L-lisi-0001",
  });
  await page.goto(site("progress/index.html"));
  await page.waitForSelector(".learner-now");
  assert.match(await page.textContent(".learner-now"), /当前学员：李四/, "carried over from the title's keys");
  await Promise.all([page.waitForEvent("load"), page.click(".learner-leave")]);
  await page.waitForSelector(".learner-now");
  assert.match(await page.textContent(".learner-now"), /当前学员：张三/);
  await page.reload();
  await page.waitForSelector(".learner-now");
  assert.match(await page.textContent(".learner-now"), /当前学员：张三/, "still 张三 after the next page");
  assert.deepEqual((await allKeys(page)).filter((k) => k.includes("L-lisi-0001")), [], "nothing of 李四's, under the id or the title");
  assert.equal(await page.$('.learner-switch:text-is("换成李四")'), null);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("every key the pages keep for a learner is one handbook.js's storedKey knows, and 清除我的记录 leaves none of them", async () => {
  const { ctx, page, errors } = await seeded({});
  // A learner of their own (a slot: the browser's first name is the default learner's), who
  // reads, stars, searches and leaves a quiz half done.
  await page.goto(site("progress/index.html"));
  await page.fill("#learner-profile-name", "张三");
  await page.click(".progress-learner-form button[type=submit]");
  assert.match(await page.textContent(".learner-now"), /当前学员：张三/);
  await page.click(".learner-new summary");
  await page.fill("#learner-new-name", "王五");
  await Promise.all([page.waitForEvent("load"), page.click(".learner-new-form button[type=submit]")]);
  await page.waitForSelector(".learner-now");
  assert.match(await page.textContent(".learner-now"), /当前学员：王五/);
  const slot = await page.evaluate(() => window.HandbookQuiz.learners.slot);
  assert.ok(slot);
  await page.goto(site("basics/first-lesson/index.html"));
  await page.evaluate(() => document.querySelector("article.content .read-end").scrollIntoView());
  await page.waitForFunction(() => typeof window.HandbookQuiz.load().lessons[document.body.dataset.page] === "number");
  await page.click(".star-button");
  await page.fill("#search", "投诉");
  await page.waitForSelector("#search-results a");
  await Promise.all([page.waitForEvent("load"), page.press("#search", "Enter")]);
  await page.goto(site("index.html"));
  await page.goto(site("quizzes/three/index.html"));
  await page.locator('.quiz-stage input[data-index="0"]').check();
  await page.click(".quiz-stage button[type=submit]");
  await page.click(".quiz-stage .quiz-next");

  const id = await page.getAttribute("body", "data-book");
  const kept = (await allKeys(page)).filter((k) => k.startsWith("handbook-") && k !== "handbook-theme");
  for (const kind of ["progress", "pages", "searches", "attempt"]) assert.ok(kept.some((k) => k.startsWith(`handbook-${kind}:${id}@${slot}`)), `${kind}: ${kept}`);
  const whose = await page.evaluate(([keys, id]) => keys.map((k) => [k, window.Handbook.storedKey(k, id)]), [kept, id]);
  for (const [k, o] of whose) {
    assert.ok(o, `${k}: a key storedKey does not know, which 清除我的记录 would leave behind`);
    assert.ok(k.startsWith("handbook-learner:") ? o.slot === null : o.slot === slot || o.slot === "", k);
  }
  // 王五 leaves: 张三's keys stay, none of 王五's.
  assert.ok(await page.evaluate((slot) => window.HandbookQuiz.learners.remove(slot), slot));
  const left = (await allKeys(page)).filter((k) => k.startsWith("handbook-") && k !== "handbook-theme");
  assert.ok(left.includes(`handbook-progress:${id}`), left.join());
  assert.deepEqual(left.filter((k) => !k.endsWith(":" + id)), [], "nothing but the default learner's");
  assert.deepEqual(errors, []);
  await ctx.close();
});
