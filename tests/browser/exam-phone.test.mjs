// A timed exam on a phone: a long question scrolls under the top bar, and its countdown (with
// the question's number) stays on screen below the bar, as the new-staff review asked; an
// untimed quiz's head scrolls away with its question as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, buildQuizBook, freshPage, fileUrl } from "./helpers.mjs";

let browser;
let book;
withBrowserAndBook((b, r) => { browser = b; book = r; }, () => {
  const long = "这道题先讲一个情况：" + "客户来电反映家里的电费比上个月多了很多，坐席需要先听清楚、再核实抄表记录。".repeat(30);
  const tf = (n) => `  - id: e-${n}\n    type: true_false\n    prompt: ${long}第${n}题的说法对吗？\n    answer: true\n`;
  const quiz = (id, exam) => `id: ${id}\ntitle: 长题${exam ? "考试" : "测验"}\n${exam ? "exam: true\ntime_limit: 10\n" : ""}questions:\n${tf(1)}${tf(2)}`;
  return buildQuizBook({ exam: quiz("exam", true), practice: quiz("practice", false) });
});

/** The head's place once the window has scrolled well into the long question. */
async function headAfterScroll(page) {
  const q = page.locator(".quiz-stage > .quiz-card .quiz-prompt, .quiz-stage > .quiz-card legend").first();
  await q.waitFor();
  await page.evaluate(() => {
    const card = document.querySelector(".quiz-stage > .quiz-card");
    window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY + 500);
  });
  return page.evaluate(() => ({
    head: document.querySelector(".quiz-stage > .quiz-card .quiz-head").getBoundingClientRect().top,
    bar: document.querySelector(".topbar").getBoundingClientRect().bottom,
  }));
}

test("a timed exam's countdown stays on screen below the top bar while a long question scrolls", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 360, height: 640 } });
  await page.goto(fileUrl(join(book, "site/quizzes/exam/index.html")));
  await page.click(".quiz-start");
  await page.waitForSelector(".quiz-timer");
  const at = await headAfterScroll(page);
  assert.ok(at.head >= at.bar - 1 && at.head < at.bar + 20, JSON.stringify(at));
  assert.ok(await page.isVisible(".quiz-timer"));
  // The timer is not covered by the bar or anything else.
  const hit = await page.evaluate(() => {
    const r = document.querySelector(".quiz-timer").getBoundingClientRect();
    const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!e && !!e.closest(".quiz-timer");
  });
  assert.ok(hit, "the countdown is on top");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("an untimed quiz's head scrolls away with its question", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 360, height: 640 } });
  await page.goto(fileUrl(join(book, "site/quizzes/practice/index.html")));
  const at = await headAfterScroll(page);
  assert.ok(at.head < at.bar - 100, JSON.stringify(at));
  assert.deepEqual(errors, []);
  await ctx.close();
});
