// 清除进度 in a book given an `id` after it was in use: its learners' records were kept under its
// title, and handbook.js carries them over to the id while the id's key is empty. Clearing the
// default learner's progress removed the id's key only, so the next page brought it all back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { bin, initBook, withBrowserAndBook, fileUrl } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = initBook();
  execFileSync(bin, ["--root", r, "build"], { stdio: "pipe" });
  return r;
});

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
