// A quiz on a page of the onboarding course (a checkpoint) ends with 接下来： leading first
// to the course's next item -- the page's own 下一项, with the title .course-continue gives
// it -- so a learner goes on in the course's order; elsewhere the list is as before.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildBundled, launch, fileUrl, freshPage, playCall } from "./helpers.mjs";

let browser;
let root;
before(async () => {
  browser = await launch();
  root = buildBundled();
});
after(async () => { await browser?.close(); });

const site = (rel) => fileUrl(join(root, "site", rel));
const squash = (s) => s.replace(/\s+/g, " ").trim();

const fresh = () => freshPage(browser);

test("a checkpoint's result leads first to the course's next item", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/scenario-wrong-bill/index.html"));
  await playCall(page);
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");

  // 接下来： the course's next item first, as the page's own 下一项 has it.
  const next = await page.evaluate(() => {
    const a = document.querySelector("nav.course-step a.course-step-next");
    const c = document.querySelector(".course-continue a").cloneNode(true);
    c.querySelector("span").remove();
    return { href: a.getAttribute("href"), title: c.textContent.replace(/\s*→\s*$/, "").trim() };
  });
  assert.ok(next.title.length > 1, JSON.stringify(next));
  const first = page.locator(".quiz-result .quiz-links a").first();
  assert.equal(await first.getAttribute("href"), next.href);
  assert.equal(squash(await first.textContent()), "下一项：" + next.title);
  assert.equal(await first.getAttribute("class"), "quiz-course-next");
  await first.click();
  await page.waitForLoadState("load");
  assert.equal(page.url(), new URL(next.href, site("quizzes/scenario-wrong-bill/index.html")).href);
  assert.deepEqual(errors, []);
  await ctx.close();
});


test("a quiz on a page outside the course: no course link in 接下来", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/scenario-wrong-bill/index.html"));
  await page.evaluate(() => { for (const n of document.querySelectorAll("nav.course-step, nav.course-continue")) n.remove(); });
  await playCall(page);
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");
  assert.equal(await page.$(".quiz-result .quiz-course-next"), null);
  assert.equal(await page.textContent(".quiz-result .quiz-links a"), "我的学习进度");
  assert.deepEqual(errors, []);
  await ctx.close();
});
