// 演示模式 is decided once, as a page opens (handbook.js's learnerStorage): a tab opened before
// another tab turned the mode on keeps a learner's records in localStorage, so a call it plays
// later in the same quiz (one question per screen: the widget is made on 下一题) is the
// learner's own, scored call -- never one with 改选这一步 (second read of the demo mode).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, buildQuizBook, freshPage, fileUrl } from "./helpers.mjs";

let browser;
let book;
withBrowserAndBook((b, r) => { browser = b; book = r; }, () => buildQuizBook({
  mixed: `id: mixed
title: 判断加情景
questions:
  - id: m-1
    type: true_false
    prompt: 受理当天不计入时限，对吗？
    answer: true
  - id: m-2
    type: scenario
    prompt: 客户来电说家里停电了。
    start: open
    nodes:
      - id: open
        customer: 我家停电了，怎么回事？
        options:
          - text: 您好，很抱歉给您添麻烦了，我马上帮您查。
            next: end
            score: 2
            feedback: 好。先致歉，再办事。
          - text: 不归我管。
            next: end
            score: -2
            feedback: 不好。服务禁语。
      - id: end
        ending: good
        outcome: 通话结束。
`,
}));

test("a tab opened outside 演示模式 plays its later call as the learner's own, though another tab turned the mode on", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(fileUrl(join(book, "site/quizzes/mixed/index.html")));
  await page.waitForSelector(".quiz-stage input[data-index]");
  await page.locator('.quiz-stage input[data-index="0"]').check();
  await page.click(".quiz-stage button[type=submit]");
  // Another tab of this browser: 开启演示模式 (its flag, as handbook.js writes it).
  await page.evaluate(() => localStorage.setItem("handbook-demo:" + document.body.dataset.book, String(Date.now() + 3600000)));
  await page.click(".quiz-next");
  await page.waitForSelector(".scenario-option");
  await page.click(".scenario-option >> nth=0");
  assert.equal(await page.locator(".scenario-redo").count(), 0, "no taking back in a learner's own call");
  assert.equal(await page.locator(".scenario-verdict").count(), 0, "the verdict is not held back");
  // Its records went where the page's first answer went: the learner's localStorage.
  const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("handbook")));
  assert.deepEqual(stored, []);
  assert.deepEqual(errors, []);
  await ctx.close();
});
