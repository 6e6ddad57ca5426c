// A half-done quiz or phone call survives a reload, Back after following a rule link in the
// feedback, or the next day: the attempt in progress is kept (answers, position, the drawn
// order, the call's steps so far), restored with a note and 重新开始, and dropped once done.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));
const squash = (s) => s.replace(/\s+/g, " ").trim();
const attemptKey = (page, quiz) => page.evaluate((q) => "handbook-attempt:" + document.body.dataset.book + ":" + q, quiz);
const kept = async (page, quiz) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "null"), await attemptKey(page, quiz));

async function current(page, quiz) {
  const qid = await page.getAttribute(".quiz-stage > .quiz-card", "data-qid");
  return quiz.questions.find((x) => x.id === qid);
}

/** Answers the current question right (ordering and matching always right) or wrong. */
async function answer(page, q, right) {
  const card = page.locator(".quiz-stage > .quiz-card");
  switch (q.type) {
    case "single": await card.locator(`input[data-index="${q.options.findIndex((o) => o.correct === right)}"]`).check(); break;
    case "multiple":
      if (right) { for (let i = 0; i < q.options.length; i++) if (q.options[i].correct) await card.locator(`input[data-index="${i}"]`).check(); }
      else await card.locator(`input[data-index="${q.options.findIndex((o) => !o.correct)}"]`).check();
      break;
    case "true_false": await card.locator(`input[data-index="${q.answer === right ? 0 : 1}"]`).check(); break;
    case "short": await card.locator("input[type=text]").fill(right ? q.accepted[0] : "完全不对的答案"); break;
    case "ordering": {
      for (let target = 0; target < q.items.length; target++) {
        const order = await card.locator(".quiz-order-item").evaluateAll((els) => els.map((e) => +e.dataset.index));
        let at = order.indexOf(target);
        if (at === target) continue;
        await card.locator(`.quiz-order-item[data-index="${target}"] button[data-dir=up]`).focus();
        while (at > target) { await page.keyboard.press("Alt+ArrowUp"); at--; }
      }
      break;
    }
    case "matching":
      for (let i = 0; i < q.pairs.length; i++) await card.locator(`select[data-index="${i}"]`).selectOption(q.pairs[i].right);
      break;
    default: throw new Error(q.type);
  }
  await card.locator("button[type=submit]").click();
}

test("a half-done quiz comes back after a rule link and Back, a reload, or a new browser session", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site("quizzes/principles/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await page.evaluate(() => window.HANDBOOK_QUIZZES.principles);
  const total = quiz.questions.length;
  const rights = [];
  for (let i = 0; i < 6; i++) {
    const q = await current(page, quiz);
    const right = i % 2 === 0 || q.type === "ordering" || q.type === "matching";
    rights.push(right);
    await answer(page, q, right);
    if (i < 5) await page.click(".quiz-stage .quiz-next");
  }
  // The sixth answer's feedback is open, with its links: follow one, then come Back.
  const link = page.locator(".quiz-stage .quiz-feedback .quiz-links a").first();
  if (await link.count()) {
    await link.click();
    await page.waitForLoadState("load");
    await page.goBack();
  } else {
    await page.reload();
  }
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(squash(await page.textContent(".quiz-stage .quiz-counter")), `第 7 / ${total} 题`);
  assert.match(await page.textContent(".quiz-resumed"), new RegExp(`已恢复上次未完成的作答（第 7 / ${total} 题）`));
  // The sixth, answered before its 下一题: its result and explanation, folded above the seventh.
  assert.equal(squash(await page.textContent(".quiz-last-review summary")), "第 6 题已经作答：看它的结果和解析");
  await page.click(".quiz-last-review summary");
  assert.equal(squash(await page.textContent(".quiz-last-review .quiz-counter")), `第 6 / ${total} 题`);
  assert.ok(await page.isVisible(".quiz-last-review .quiz-feedback"), "its feedback is shown");
  assert.equal(await page.isVisible(".quiz-resumed .quiz-restart"), true);

  // Another day: a new page of the same browser profile finds it too.
  await page.close();
  const page2 = await ctx.newPage();
  page2.on("pageerror", (e) => errors.push(String(e)));
  await page2.goto(site("quizzes/principles/index.html"));
  await page2.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(squash(await page2.textContent(".quiz-stage .quiz-counter")), `第 7 / ${total} 题`);
  // The rest, all right: the score counts the six answers given before.
  for (let i = 6; i < total; i++) {
    await answer(page2, await current(page2, quiz), true);
    await page2.click(".quiz-stage .quiz-next");
  }
  await page2.waitForSelector(".quiz-result");
  const wrong = rights.filter((r) => !r).length;
  assert.match(await page2.textContent(".quiz-stats"), new RegExp(`答对 ${total - wrong} 题.*答错 ${wrong} 题`));
  assert.equal(await kept(page2, "principles"), null, "a finished attempt is not kept");
  await page2.reload();
  await page2.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(await page2.isVisible(".quiz-resumed"), false);
  assert.equal(squash(await page2.textContent(".quiz-stage .quiz-counter")), `第 1 / ${total} 题`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a drawn quiz keeps its draw and order; 重新开始 starts afresh and forgets the kept attempt", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("quizzes/procedure-time-limits/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await page.evaluate(() => window.HANDBOOK_QUIZZES["procedure-time-limits"]);
  assert.ok(quiz.draw && quiz.draw < quiz.questions.length);
  for (let i = 0; i < 3; i++) {
    await answer(page, await current(page, quiz), true);
    await page.click(".quiz-stage .quiz-next");
  }
  const before = await kept(page, "procedure-time-limits");
  assert.equal(before.qs.length, quiz.draw);
  assert.equal(before.index, 3);
  await page.reload();
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(await page.getAttribute(".quiz-stage > .quiz-card", "data-qid"), before.qs[3], "the same draw, in the same order");
  assert.equal(squash(await page.textContent(".quiz-stage .quiz-counter")), `第 4 / ${quiz.draw} 题`);
  await page.click(".quiz-resumed .quiz-restart");
  assert.equal(squash(await page.textContent(".quiz-stage .quiz-counter")), `第 1 / ${quiz.draw} 题`);
  assert.equal(await page.isVisible(".quiz-resumed"), false);
  assert.equal(await kept(page, "procedure-time-limits"), null);
  await ctx.close();
});

test("a phone call half played comes back at the step it stopped at, with the call so far", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site("quizzes/scenario-wrong-bill/index.html"));
  await page.waitForSelector(".scenario-option");
  // Two steps that do not end the call (the options are shuffled: chosen by the data).
  const q = await page.evaluate(() => window.HANDBOOK_QUIZZES["scenario-wrong-bill"].questions.find((x) => x.type === "scenario"));
  const nodes = Object.fromEntries(q.nodes.map((n) => [n.id, n]));
  let node = nodes[q.start];
  const said = [];
  for (let i = 0; i < 2; i++) {
    const k = node.options.findIndex((o) => nodes[o.next] && !nodes[o.next].ending && (nodes[o.next].options || []).length);
    assert.ok(k >= 0, `step ${i + 1} can go on`);
    const b = page.locator(`.scenario-option[data-index="${k}"]`);
    said.push(squash(await b.textContent()));
    await b.click();
    await page.click(".scenario-stage button.primary"); // 继续通话
    node = nodes[node.options[k].next];
  }
  const path = (await kept(page, "scenario-wrong-bill")).path;
  assert.equal(path.length, 2);
  await page.reload();
  await page.waitForSelector(".scenario-option");
  const log = squash(await page.textContent(".scenario-log"));
  for (const s of said) assert.ok(log.includes(s), `the call so far shows “${s}”`);
  // (A quiz of one call says it in a call's words.)
  assert.match(await page.textContent(".quiz-resumed"), /已恢复上次没打完的电话，接着打下去。/);
  assert.equal(await page.locator(".scenario-log .scenario-me").count(), 2);
  assert.deepEqual(errors, []);
  await ctx.close();
});
