// A lesson (or rule card) counts as read once its end has been on screen, not when it is
// opened: a long lesson is 未读 until the reader scrolls to its end; one short enough to end
// on the first screen is read at once; a browser without IntersectionObserver marks on load.
// The revised-since notice and 新 (handbook.js, from the same record) follow what was read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));
const LESSON = "basics/why-complaints-matter/";
const readAt = (page, dir) => page.evaluate((d) => {
  const s = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book) || "null");
  return s && s.lessons && typeof s.lessons[d] === "number" ? s.lessons[d] : null;
}, dir);

test("a long lesson is read when its end is reached, not when it is opened", async () => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 640 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site(LESSON + "index.html"));
  assert.ok(await page.evaluate(() => document.documentElement.scrollHeight > 3 * innerHeight), "the lesson is long");
  await page.waitForTimeout(400);
  assert.equal(await readAt(page, LESSON), null, "opened, not read");
  // Half-way is not the end.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2 - innerHeight));
  await page.waitForTimeout(300);
  assert.equal(await readAt(page, LESSON), null, "half-way, not read");
  await page.goto(site("progress/index.html"));
  assert.equal(await page.textContent(`.progress-item[data-id="${LESSON}"] .progress-state`), "未读");

  await page.goto(site(LESSON + "index.html"));
  // The lesson's last paragraph at the foot of the screen: its 资料来源 below are not needed.
  await page.evaluate(() => {
    const end = document.querySelector("article.content > .read-end");
    (end || document.querySelector("article.content > section.revisions").previousElementSibling).scrollIntoView({ block: "end" });
  });
  assert.ok(await page.evaluate(() => document.querySelector("article.content > section.revisions").getBoundingClientRect().top > innerHeight - 40), "the revisions and sources are below the screen");
  await page.waitForFunction((d) => {
    const s = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book) || "null");
    return s && typeof s.lessons[d] === "number";
  }, LESSON);
  // One marker, at the end of the lesson's text, before its 资料来源 (and 修订记录).
  assert.equal(await page.$$eval("article.content > .read-end", (l) => l.length), 1);
  assert.equal(await page.evaluate(() => document.querySelector("article.content .read-end").nextElementSibling.className), "revisions");
  await page.goto(site("progress/index.html"));
  assert.equal(await page.textContent(`.progress-item[data-id="${LESSON}"] .progress-state`), "已读");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a page whose end shows on the first screen is read at once", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 30000 } });
  const page = await ctx.newPage();
  await page.goto(site(LESSON + "index.html"));
  await page.waitForFunction((d) => {
    const s = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book) || "null");
    return s && typeof s.lessons[d] === "number";
  }, LESSON);
  await ctx.close();
});

test("without IntersectionObserver a lesson is marked read on load", async () => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 640 } });
  await ctx.addInitScript(() => { delete window.IntersectionObserver; });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site(LESSON + "index.html"));
  assert.equal(typeof (await readAt(page, LESSON)), "number");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a revised rule card opened but not read to its end stays new", async () => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 640 } });
  const page = await ctx.newPage();
  await page.goto(site("index.html"));
  // A reader who last looked long ago, and read TS-PROC-002 then.
  await page.evaluate(() => {
    const book = document.body.dataset.book;
    localStorage.setItem("handbook-changes-seen:" + book, "2000-01-01");
    localStorage.setItem("handbook-progress:" + book, JSON.stringify({ v: 1, lessons: { "rules/TS-PROC-002/": 1 }, quizzes: {}, scenarios: {}, cards: {} }));
  });
  await page.goto(site("rules/TS-PROC-002/index.html"));
  await page.waitForSelector(".revised-notice");
  await page.waitForTimeout(300);
  assert.equal(await readAt(page, "rules/TS-PROC-002/"), 1, "opened: the record of the old reading stays");
  await page.reload();
  assert.equal(await page.$$eval(".revised-notice", (l) => l.length), 1, "still revised since it was read");
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => {
    const s = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book) || "null");
    return s && s.lessons["rules/TS-PROC-002/"] > 1;
  });
  await page.reload();
  assert.equal(await page.$(".revised-notice"), null, "read now");
  await ctx.close();
});
