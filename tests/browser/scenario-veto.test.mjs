// A phone role-play's answer marked `veto` (一票否决: a forbidden phrase, hanging up on the
// customer) fails the call whatever its points, as a call-quality check fails it; and after
// 继续通话 the focus is on the question, not on an answer a second Enter would pick unread.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildQuizBook, launch, fileUrl, freshPage, handIn } from "./helpers.mjs";
import { join } from "node:path";

const yaml = `id: veto-call
title: 一票否决
pass_mark: 30
shuffle: false
questions:
  - id: call
    type: scenario
    prompt: 客户来电问停电的事。
    start: ask
    nodes:
      - id: ask
        customer: 我家怎么又停电了？
        options:
          - text: 这个不归我管，您问别人吧。
            next: more
            score: 0
            veto: true
            feedback: 这是服务禁语，推诿客户。
          - text: 您别急，我马上帮您查。
            next: more
            score: 2
            feedback: 先接住，再办事。
          - text: 您等着吧。
            next: more
            score: 0
            feedback: 太生硬。
      - id: more
        customer: 那什么时候来电？
        options:
          - text: 抢修人员报回的时间是下午四点，我会接着催。
            next: end
            score: 1
            feedback: 说真实进度。
          - text: 我也不知道。
            next: end
            score: 0
            feedback: 没有去查。
      - id: end
        ending: good
        outcome: 客户挂了电话。
`;

let browser, root;
before(async () => {
  browser = await launch();
  // The same call twice, in one quiz passed at 50 %: a full call and a vetoed one would pass.
  const two = yaml.replace("id: veto-call", "id: two-calls").replace("pass_mark: 30", "pass_mark: 50")
    .replace(/questions:\n([\s\S]*)$/, (m, q) => "questions:\n" + q + q.replace("- id: call", "- id: call-2"));
  // An exam holding the call after a true/false question.
  const exam = yaml.replace("id: veto-call", "id: exam-call").replace("shuffle: false", "shuffle: false\nexam: true")
    .replace("questions:\n", "questions:\n  - id: tf\n    type: true_false\n    prompt: 对吗\n    answer: true\n");
  root = buildQuizBook({ "veto-call": yaml, "two-calls": two, "exam-call": exam });
});
after(async () => { await browser?.close(); });

const squash = (s) => s.replace(/\s+/g, " ").trim();

async function say(page, i) {
  await page.goto(fileUrl(join(root, "site/quizzes/veto-call/index.html")));
  await page.waitForSelector(".scenario-option");
  await page.click(`.scenario-option[data-index="${i}"]`);
}

test("a veto answer fails the call at 0 % whatever its points, and says why", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await say(page, 0);
  assert.equal(squash(await page.textContent(".scenario-feedback .scenario-points")), "0 分 · 一票否决");
  assert.match(await page.textContent(".scenario-score"), /已一票否决，这通电话计 0 分/);
  await page.click(".scenario-stage button:text-is('继续通话')");
  // The best answer next: 1 of 3 points would be 33 %; the veto makes it 0 %.
  await page.click('.scenario-option[data-index="0"]');
  await page.click(".scenario-stage button:text-is('继续通话')");
  const ending = page.locator(".scenario-ending");
  assert.match(squash(await ending.locator(".scenario-total").textContent()), /^本次得分：1 \/ 3 分（0%；第 1 步一票否决，这通电话计 0 分）$/);
  // Listed first among the lost answers, marked.
  assert.match(squash(await ending.locator(".scenario-lost-head").first().textContent()), /^第 1 步 · 一票否决 · 0 分/);
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");
  assert.equal(await page.textContent(".quiz-score strong"), "0%");
  assert.equal(await page.textContent(".quiz-verdict"), "未通过");
  assert.match(await page.textContent(".quiz-verdict-text"), /一票否决的回答.*不论得分多少都不及格/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("the best call scores as before; after 继续通话 the focus is on the question, not an answer", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await say(page, 1);
  assert.equal(squash(await page.textContent(".scenario-feedback .scenario-points")), "+2 分");
  assert.doesNotMatch(await page.textContent(".scenario-score"), /一票否决/);
  await page.click(".scenario-stage button:text-is('继续通话')");
  await page.waitForSelector(".scenario-ask");
  assert.equal(await page.evaluate(() => document.activeElement.className), "scenario-ask");
  // Enter there picks nothing; Tab reaches the first answer.
  await page.keyboard.press("Enter");
  assert.equal(await page.locator(".scenario-option").count(), 2);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("scenario-option")), true);
  await page.keyboard.press("Enter");
  await page.click(".scenario-stage button:text-is('继续通话')");
  assert.match(squash(await page.textContent(".scenario-total")), /^本次得分：3 \/ 3 分（100%）$/);
  await page.click(".quiz-next");
  assert.equal(await page.textContent(".quiz-verdict"), "通过");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("in a quiz of several calls, a vetoed call fails the quiz whatever its score, and says which", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(fileUrl(join(root, "site/quizzes/two-calls/index.html")));
  await page.waitForSelector(".scenario-option");
  // First call: the veto, then the best answer (1 / 3); second call: the best throughout (3 / 3).
  for (const picks of [[0, 0], [1, 0]]) {
    for (const i of picks) {
      await page.click(`.scenario-option[data-index="${i}"]`);
      await page.click(".scenario-stage button:text-is('继续通话')");
    }
    await page.click(".quiz-next");
  }
  await page.waitForSelector(".quiz-result");
  assert.equal(await page.textContent(".quiz-score strong"), "50%");
  assert.equal(await page.textContent(".quiz-verdict"), "未通过");
  assert.match(await page.textContent(".quiz-verdict-text"), /^第 1 通电话里有一票否决的回答（见下面失分的回答），这套测验不论得分多少都不及格。/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("in an exam a call shows no points, veto, ending or replay until the hand-in", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(fileUrl(join(root, "site/quizzes/exam-call/index.html")));
  await page.click(".quiz-start");
  await page.locator('.quiz-stage input[data-index="0"]').check();
  await page.click(".quiz-stage button[type=submit]");
  await page.waitForSelector(".scenario-option");
  await page.click('.scenario-option[data-index="0"]'); // the veto
  assert.equal(await page.locator(".scenario-feedback").count(), 0, "no points or feedback");
  assert.equal(await page.isVisible(".scenario-score"), false);
  await page.click(".scenario-stage button:text-is('继续通话')");
  await page.click('.scenario-option[data-index="0"]');
  await page.click(".scenario-stage button:text-is('继续通话')");
  const over = page.locator(".scenario-ending");
  assert.equal(squash(await over.textContent()), "通话结束这通电话的结局、得分和复盘，交卷后在成绩里看。");
  assert.equal(await page.locator(".scenario-total, .scenario-lost, button:text-is('再打一次')").count(), 0);
  assert.doesNotMatch(await page.textContent(".quiz-stage"), /一票否决|好结局|分）/);
  await page.click(".quiz-next");
  await handIn(page);
  // Handed in: the call fails the exam, and its review tells all.
  assert.equal(await page.textContent(".quiz-verdict"), "未通过");
  assert.match(await page.textContent(".quiz-verdict-text"), /一票否决/);
  assert.deepEqual(errors, []);
  await ctx.close();
});
