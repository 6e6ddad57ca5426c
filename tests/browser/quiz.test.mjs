// The quiz player, scenarios, flash cards and the progress page, as a learner uses them from
// disk (file://): answers right and wrong, retakes, review, storage kept, corrupt storage, reset.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { buildBundled, initBook, launch, fileUrl, repo, bin, freshPage, handIn, inMistakes } from "./helpers.mjs";

let browser;
let root;
before(async () => {
  browser = await launch();
  root = buildBundled(); // one build for every test; each test gets a fresh browser context
});
after(async () => { await browser?.close(); });

const site = (rel) => fileUrl(join(root, "site", rel));

/** A fresh context (empty localStorage) and a page that collects script errors. */
const fresh = (opts = {}) => freshPage(browser, opts);

const strip = (html) => html.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim();
const squash = (s) => s.replace(/\s+/g, " ").trim();
const storageKey = (page) => page.evaluate(() => "handbook-progress:" + document.body.dataset.book);
const stored = async (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "null"), await storageKey(page));
/** Opens a lesson or rule card and reads it to its end: quiz.js records it as read then. */
async function readPage(page, url) {
  await page.goto(url);
  await page.evaluate(() => document.querySelector("article.content .read-end").scrollIntoView());
  await page.waitForFunction(() => {
    const s = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book) || "null");
    return !!s && typeof s.lessons[document.body.dataset.page] === "number";
  });
}

async function quizData(page, id) {
  return page.evaluate((id) => window.HANDBOOK_QUIZZES[id], id);
}

/** Current question card: its question from the data. */
async function current(page, quiz) {
  const qid = await page.getAttribute(".quiz-stage > .quiz-card", "data-qid");
  const q = quiz.questions.find((x) => x.id === qid);
  assert.ok(q, `question ${qid} is in the data`);
  return q;
}

const fullWidth = (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Answers the current question right or wrong (ordering and matching always right) and submits. */
async function answer(page, q, right) {
  const card = page.locator(".quiz-stage > .quiz-card");
  switch (q.type) {
    case "single": {
      const i = q.options.findIndex((o) => o.correct === right);
      await card.locator(`input[data-index="${i}"]`).check();
      break;
    }
    case "multiple": {
      if (right) {
        for (let i = 0; i < q.options.length; i++) if (q.options[i].correct) await card.locator(`input[data-index="${i}"]`).check();
      } else {
        await card.locator(`input[data-index="${q.options.findIndex((o) => !o.correct)}"]`).check();
      }
      break;
    }
    case "true_false":
      await card.locator(`input[data-index="${q.answer === right ? 0 : 1}"]`).check();
      break;
    case "short":
      // Full-width characters, spaces and punctuation must not matter.
      await card.locator("input[type=text]").fill(right ? " " + fullWidth(q.accepted[0]) + "。" : "完全不对的答案");
      break;
    case "ordering": {
      // Keyboard only: Alt+↑ on a row's button moves that row up.
      const n = q.items.length;
      for (let target = 0; target < n; target++) {
        const order = await card.locator(".quiz-order-item").evaluateAll((els) => els.map((e) => +e.dataset.index));
        let at = order.indexOf(target);
        if (at === target) continue;
        await card.locator(`.quiz-order-item[data-index="${target}"] button[data-dir=up]`).focus();
        while (at > target) { await page.keyboard.press("Alt+ArrowUp"); at--; }
      }
      const done = await card.locator(".quiz-order-item").evaluateAll((els) => els.map((e) => +e.dataset.index));
      assert.deepEqual(done, [...Array(n).keys()], "ordering sorted with the keyboard");
      break;
    }
    case "matching":
      for (let i = 0; i < q.pairs.length; i++) await card.locator(`select[data-index="${i}"]`).selectOption(q.pairs[i].right);
      break;
    default:
      throw new Error(`no test answer for ${q.type}`);
  }
  await card.locator("button[type=submit]").click();
  if (q.type === "ordering") {
    // Each row in its place says so, not only by its colour.
    const said = await card.locator(".quiz-order-item").evaluateAll((els) => els.map((e) => e.querySelector(".quiz-mark") && e.querySelector(".quiz-mark").textContent));
    assert.deepEqual(said, q.items.map(() => "✓位置正确"));
  }
  return card.locator(".quiz-feedback-box");
}

/** Plays a whole quiz; `plan(q, i)` says whether to answer right. Returns the question ids. */
async function play(page, quiz, plan, check) {
  const total = quiz.draw || quiz.questions.length;
  const ids = [];
  for (let i = 0; i < total; i++) {
    assert.equal(squash(await page.textContent(".quiz-stage > .quiz-card .quiz-counter")), `第 ${i + 1} / ${total} 题`);
    const q = await current(page, quiz);
    ids.push(q.id);
    const right = plan(q, i);
    const box = await answer(page, q, right);
    if (check) await check(q, right, box);
    // Focus lands on 下一题 / 查看成绩: Enter continues.
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("quiz-next")), true);
    await page.keyboard.press("Enter");
  }
  await page.waitForSelector(".quiz-result");
  return ids;
}

test("a quiz: right and wrong answers with feedback, score and pass, review, retake reshuffles", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/principles/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(await page.isVisible(".quiz-static"), false, "the static list is hidden when JS runs");
  assert.equal(await page.getAttribute(".quiz-card .quiz-feedback", "aria-live"), "polite");
  const quiz = await quizData(page, "principles");
  const n = quiz.questions.length;

  // Attempt 1: everything right except the first single-choice and the first true/false question.
  const wrongIds = [];
  const orders1 = [];
  const plan1 = (q) => {
    const wrong = (q.type === "single" || q.type === "true_false") && !wrongIds.some((id) => quiz.questions.find((x) => x.id === id).type === q.type);
    if (wrong) wrongIds.push(q.id);
    return !wrong;
  };
  await play(page, quiz, plan1, async (q, right, box) => {
    const text = squash(await box.innerText());
    if (q.type === "single" || q.type === "multiple") {
      orders1.push(await page.locator(".quiz-stage > .quiz-card input").evaluateAll((els) => els.map((e) => e.dataset.index).join("")));
    }
    if (right) {
      assert.match(text, /回答正确/, `${q.id}: ${text}`);
    } else {
      assert.match(text, /回答错误/, `${q.id}: ${text}`);
      if (q.type === "single") {
        // Why the chosen option is wrong, and the right one.
        const chosen = q.options.find((o) => !o.correct);
        assert.ok(text.includes(strip(chosen.feedback)), `${q.id}: chosen option's feedback shown`);
        assert.ok(text.includes(strip(q.options.find((o) => o.correct).text)), `${q.id}: the right option shown`);
        assert.equal(await page.locator(".quiz-stage .quiz-option.is-wrong").count(), 1);
        assert.equal(await page.locator(".quiz-stage .quiz-option.is-missed").count(), 1);
      }
      if (q.wrong_feedback) assert.ok(text.includes(strip(q.wrong_feedback)), `${q.id}: wrong_feedback shown`);
    }
    if (q.explanation) assert.ok(text.includes(strip(q.explanation)), `${q.id}: explanation shown`);
    // Links to rules and lessons are made relative to this page and work from disk.
    for (const l of q.links) {
      const href = await box.locator(`.quiz-links a:text-is("${l.title}")`).first().getAttribute("href");
      assert.equal(href, "../../" + l.href);
    }
  });
  // Rounded to the nearest (13 / 15 = 87%).
  const expected = Math.round(((n - 2) / n) * 100);
  assert.equal(await page.textContent(".quiz-score strong"), `${expected}%`);
  assert.equal(await page.textContent(".quiz-verdict"), "通过");
  assert.match(await page.textContent(".quiz-stats"), new RegExp(`答对 ${n - 2} 题.*答错 2 题`));
  assert.match(await page.textContent(".quiz-best"), new RegExp(`最好成绩：${expected}%（已通过）`));

  // Review: exactly the two wrong questions, with their feedback.
  await page.click(".quiz-review-btn");
  const reviewed = await page.$$eval(".quiz-review .quiz-card", (els) => els.map((e) => e.dataset.qid));
  assert.deepEqual(reviewed.sort(), [...wrongIds].sort());
  assert.equal(await page.locator(".quiz-review .quiz-feedback-box.is-wrong").count(), 2);
  assert.equal(await page.locator(".quiz-review input:not([disabled])").count(), 0, "review is read-only");
  // The questions just read can be practised from here too, as from the result.
  assert.equal(await page.textContent(".quiz-review button.quiz-practice"), "只练错题（2）");
  await page.click(".quiz-review button:text-is('返回成绩')");

  // Practice on just the two missed questions (one wrong again, then the one left right): shown
  // to the learner, not stored as an attempt.
  await page.click(".quiz-practice");
  const practised = await play(page, { ...quiz, draw: 2 }, (q, i) => i !== 0);
  assert.deepEqual([...practised].sort(), [...wrongIds].sort());
  assert.equal(await page.textContent(".quiz-result-title"), "错题练习");
  assert.match(await page.textContent(".quiz-result"), /这 2 道错题答对了 1 道/);
  await page.click(".quiz-practice");
  const last = await current(page, quiz);
  assert.equal(last.id, practised[0]);
  await answer(page, last, true);
  await page.keyboard.press("Enter");
  await page.waitForSelector(".quiz-result");
  // (The one question left, right now: not "都答对了".)
  assert.match(await page.textContent(".quiz-result"), /这道错题这次答对了/);
  assert.equal(await page.$(".quiz-practice"), null, "nothing left to practise");
  assert.equal((await stored(page)).quizzes.principles.attempts, 1, "practice is not an attempt");
  assert.match(await page.textContent(".quiz-best"), new RegExp(`最好成绩：${expected}%（已通过） · 已做 1 次`));

  // Attempt 2: options reshuffled; answer wrong where possible → fail; best score stays.
  await page.click(".quiz-retake");
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("quiz-counter")), true, "focus moves to the new question");
  const orders2 = [];
  await play(page, quiz, () => false, async (q) => {
    if (q.type === "single" || q.type === "multiple") {
      orders2.push(await page.locator(".quiz-stage > .quiz-card input").evaluateAll((els) => els.map((e) => e.dataset.index).join("")));
    }
  });
  assert.notDeepEqual(orders2, orders1, "options are reshuffled on a retake");
  const rightOnes = quiz.questions.filter((q) => q.type === "ordering" || q.type === "matching").length;
  assert.equal(await page.textContent(".quiz-score strong"), `${Math.round((rightOnes / n) * 100)}%`);
  assert.equal(await page.textContent(".quiz-verdict"), "未通过");
  // What is missing is said as questions to answer right (one question is worth 100 / n
  // percentage points: "还差 1 个百分点" could mean a whole question), not 分.
  let more = 1;
  while (await page.evaluate((x) => HandbookQuiz.percent(x), ((rightOnes + more) / n) * 100) < quiz.pass_mark) more++;
  assert.match(await page.textContent(".quiz-verdict-text"), new RegExp(`及格线是 ${quiz.pass_mark}%，再多答对 ${more} 题就能通过。`));
  assert.doesNotMatch(await page.textContent(".quiz-verdict-text"), /还差 \d+ 分/);
  assert.match(await page.textContent(".quiz-best"), new RegExp(`最好成绩：${expected}%（已通过） · 已做 2 次`));

  const s = await stored(page);
  assert.equal(s.v, 1);
  assert.equal(s.quizzes.principles.best, expected);
  assert.equal(s.quizzes.principles.passed, true);
  assert.equal(s.quizzes.principles.attempts, 2);
  assert.equal(typeof s.quizzes.principles.last, "number");

  // Reload: the best score is kept, on the quiz page and on the progress page.
  await page.reload();
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.match(await page.textContent(".quiz-best"), new RegExp(`${expected}%（已通过）`));
  await page.goto(site("progress/index.html"));
  const state = await page.textContent('.progress-item[data-id="principles"] .progress-state');
  assert.equal(state, `最好 ${expected}% · 通过`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("draw: a retake draws a fresh set of questions", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/procedure-time-limits/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await quizData(page, "procedure-time-limits");
  assert.ok(quiz.draw && quiz.draw < quiz.questions.length);
  const first = await play(page, quiz, () => true);
  assert.equal(new Set(first).size, quiz.draw);
  assert.equal(await page.textContent(".quiz-score strong"), "100%");
  await page.click(".quiz-retake");
  const second = await play(page, quiz, () => true);
  assert.equal(new Set(second).size, quiz.draw);
  assert.notDeepEqual(second, first, "a different draw");
  assert.equal((await stored(page)).quizzes["procedure-time-limits"].attempts, 2);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("keyboard: arrows pick an option, Enter submits and continues; ←/→ do not leave the quiz", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/common-mistakes/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await quizData(page, "common-mistakes");
  const q = await current(page, quiz);
  const url = page.url();
  if (q.type === "single" || q.type === "true_false") {
    assert.equal(await page.getAttribute(".quiz-options", "role"), "radiogroup");
    await page.focus(".quiz-stage input >> nth=0");
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    assert.equal(page.url(), url, "arrow keys inside the quiz do not turn the page");
    assert.equal(await page.locator(".quiz-stage input:checked").count(), 1);
    await page.keyboard.press("Enter");
  } else {
    await answer(page, q, true);
  }
  await page.waitForSelector(".quiz-stage .quiz-feedback-box");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "下一题");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".quiz-stage .quiz-counter:text('第 2 /')");
  assert.equal(await page.evaluate(() => document.activeElement.className), "quiz-counter");
  // Submitting nothing explains what to do instead of grading.
  await page.click(".quiz-stage button[type=submit]");
  assert.match(await page.textContent(".quiz-stage .quiz-error"), /请/);
  assert.equal(await page.locator(".quiz-stage .quiz-feedback-box").count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("scenario: two paths reach two endings, recorded; works on a phone-sized screen", async () => {
  const { ctx, page, errors } = await fresh({ viewport: { width: 375, height: 740 } });
  await page.goto(site("quizzes/scenario-outage/index.html"));
  await page.waitForSelector(".scenario-option");
  const quiz = await quizData(page, "scenario-outage");
  const sc = quiz.questions[0];
  const nodes = Object.fromEntries(sc.nodes.map((n) => [n.id, n]));

  async function walk(pick) {
    let node = nodes[sc.start];
    let score = 0;
    let steps = 0;
    while (!node.ending) {
      steps++;
      assert.ok((await page.textContent(".scenario-log")).includes(node.customer), `customer line of ${node.id}`);
      const i = pick(node.options);
      const o = node.options[i];
      await page.click(`.scenario-option[data-index="${i}"]`);
      const fb = await page.locator(".scenario-feedback").last().innerText();
      assert.ok(squash(fb).includes(strip(o.feedback)), `feedback after choosing in ${node.id}`);
      score += o.score;
      await page.click(".scenario-stage button:text-is('继续通话')");
      node = nodes[o.next];
    }
    const ending = page.locator(".scenario-ending");
    assert.equal(await ending.getAttribute("data-ending"), node.id);
    assert.ok((await ending.innerText()).includes(node.outcome));
    return { node, score, steps };
  }
  const byScore = (best) => (opts) => opts.reduce((k, o, i) => ((best ? o.score > opts[k].score : o.score < opts[k].score) ? i : k), 0);

  const good = await walk(byScore(true));
  assert.equal(good.node.ending, "good");
  assert.match(await page.textContent(".scenario-ending"), /本次得分.*（100%）/);
  // The call's score is said once, in its ending: not as a running 当前得分 above it, nor
  // again as 情景得分 or in the note that it was recorded.
  assert.equal(await page.isVisible(".scenario-score"), false, "当前得分 gives way to 本次得分");
  const after = await page.innerText(".quiz-stage");
  assert.equal((after.match(/100%/g) || []).length, 1, after);
  assert.doesNotMatch(after, /情景得分|当前得分/);
  assert.match(await page.textContent(".scenario-endings-lead"), /1 \/ 3/);
  let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);

  await page.click(".scenario-ending button:text-is('再打一次')");
  assert.equal(await page.isVisible(".quiz-after"), false);
  assert.equal(await page.locator(".scenario-log .scenario-me").count(), 0, "a new call starts");
  const bad = await walk(byScore(false));
  assert.equal(bad.node.ending, "bad");
  assert.notEqual(bad.node.id, good.node.id);
  assert.match(await page.textContent(".scenario-endings-lead"), /2 \/ 3/);
  assert.equal(await page.locator(".scenario-endings li.reached").count(), 2);

  const s = await stored(page);
  assert.deepEqual(s.scenarios[`scenario-outage/${sc.id}`].sort(), [good.node.id, bad.node.id].sort());
  assert.equal(s.quizzes["scenario-outage"].best, 100);
  assert.equal(s.quizzes["scenario-outage"].attempts, 2);

  await page.click(".quiz-next");
  assert.equal(await page.textContent(".quiz-score strong"), "0%");
  assert.equal(await page.textContent(".quiz-verdict"), "未通过");
  // Review shows the call as it went.
  await page.click(".quiz-review-btn");
  assert.equal(await page.locator(".quiz-review .scenario-me").count(), bad.steps);
  assert.equal(await page.locator(".quiz-review .scenario-feedback").count(), bad.steps);
  assert.equal(await page.getAttribute(".quiz-review .scenario-ending", "data-ending"), bad.node.id);
  overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);

  await page.goto(site("progress/index.html"));
  assert.match(await page.textContent('.progress-item[data-id="scenario-outage"] .progress-state'), /最好 100% · 通过 · 已走到 2 个结局/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** Plays the scenario of the page's quiz, `pick(node)` choosing the option (its index in the
 *  data); after every answer the running score must not be negative. Returns the path taken. */
async function callThrough(page, sc, pick) {
  const nodes = Object.fromEntries(sc.nodes.map((n) => [n.id, n]));
  let node = nodes[sc.start];
  const path = [];
  while (!node.ending) {
    const i = pick(node);
    path.push({ node, option: node.options[i] });
    await page.click(`.scenario-option[data-index="${i}"]`);
    assert.doesNotMatch(await page.textContent(".scenario-score"), /-\s*\d/, `running score after ${node.id}`);
    await page.click(".scenario-stage button:text-is('继续通话')");
    node = nodes[node.options[i].next];
  }
  return { path, ending: node };
}

/** The steps of a call the learner should hear about: the answer lost points, or another answer
 *  at that step was worth more. */
const lostOf = (path) => path.filter(({ node, option }) => option.score < 0 || option.score < Math.max(...node.options.map((o) => o.score)));

/** Each .scenario-lost-item of `box` is one of the learner's own lost-point answers, in order,
 *  with that answer's own feedback. */
async function assertOwnSteps(box, path) {
  const lost = lostOf(path);
  const items = box.locator(".scenario-lost-item");
  assert.equal(await items.count(), lost.length, "one entry per answer that lost points");
  assert.match(await box.locator(".scenario-lost-title").first().textContent(), new RegExp(`失分的回答（${lost.length} 处）`));
  for (const [k, { node, option }] of lost.entries()) {
    const item = items.nth(k);
    assert.equal(await item.getAttribute("data-node"), node.id);
    const text = squash(await item.innerText());
    assert.ok(text.includes(squash(option.text)), `${node.id}: the learner's own answer`);
    assert.ok(text.includes(strip(option.feedback)), `${node.id}: that answer's feedback`);
    assert.ok(text.includes(`第 ${path.findIndex((p) => p.node === node) + 1} 步`), `${node.id}: its step`);
    // What was said, and the step's best answer, marked as such (a class discussing the call
    // heard "最好的回答 +2 分" without what it was); no other answer of that step is quoted.
    const top = Math.max(...node.options.map((o) => o.score));
    const best = node.options.find((o) => o.score === top);
    if (option.score < top) assert.ok(text.includes("这一步最好的回答：" + squash(best.text)), `${node.id}: the best answer`);
    for (const other of node.options) if (other !== option && other !== best) assert.ok(!text.includes(squash(other.text)), `${node.id}: no other answer`);
  }
}

test("scenario: a bad call's debrief and result list the learner's own lost answers; the score is never below 0", async () => {
  const { ctx, page, errors } = await fresh();
  // (The rude-staff call: in the outage call every bad ending is reached by a 一票否决 answer,
  // whose call reads as vetoed, not as 净扣; scenario-veto.test.mjs covers those.)
  await page.goto(site("quizzes/scenario-rude-staff/index.html"));
  await page.waitForSelector(".scenario-option");
  assert.match(await page.textContent(".page-header .meta"), /1 通电话/);
  assert.doesNotMatch(await page.textContent(".page-header .meta"), /\d+ 题/);
  const quiz = await quizData(page, "scenario-rude-staff");
  const sc = quiz.questions[0];
  const best = (node) => node.options.reduce((k, o, i) => (o.score > node.options[k].score ? i : k), 0);
  const worst = (node) => node.options.reduce((k, o, i) => (o.veto ? k : k < 0 || o.score < node.options[k].score ? i : k), -1);

  // The worst answer at every step that is not 一票否决: more points lost than earned.
  const bad = await callThrough(page, sc, worst);
  const raw = bad.path.reduce((a, p) => a + p.option.score, 0);
  assert.ok(raw < 0, "(this call sums below 0)");
  assert.equal(bad.ending.ending, "bad");
  const ending = page.locator(".scenario-ending");
  await assertOwnSteps(ending, bad.path);
  const total = squash(await ending.locator(".scenario-total").textContent());
  assert.match(total, /^本次得分：0 \/ \d+ 分（0%；净扣 \d+ 分，按 0 分计）$/);
  assert.ok(total.includes(`净扣 ${-raw} 分`));
  assert.doesNotMatch(await page.textContent(".scenario-score"), /-\s*\d/);

  // The result: a call, its ending and the same answers; no 题 / 错题 / 错题本.
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");
  const result = page.locator(".quiz-result");
  assert.equal(await page.textContent(".quiz-result-title"), "通话成绩");
  assert.equal(await page.textContent(".quiz-score strong"), "0%");
  assert.match(await page.textContent(".quiz-stats"), /^结局：不理想的结局 · 用时/);
  assert.match(await page.textContent(".quiz-verdict-text"), new RegExp(`还差 ${quiz.pass_mark} 个百分点`));
  await assertOwnSteps(result, bad.path);
  for (const part of [".quiz-result-title", ".quiz-verdict-text", ".quiz-stats", ".quiz-result > .quiz-actions"]) {
    assert.doesNotMatch(await page.textContent(part), /题/, `${part}: a phone call is not spoken of as questions`);
  }
  assert.doesNotMatch(await page.textContent(".quiz-score"), /-/, "no negative total");
  assert.equal(await result.locator('a[href$="progress/mistakes/index.html"]').count(), 0, "a call is not put in the 错题本");
  assert.equal(await page.textContent(".quiz-review-btn"), "回看这通电话");
  assert.equal(await page.textContent(".quiz-retake"), "再打一次");
  await page.click(".quiz-review-btn");
  assert.equal(await page.textContent(".quiz-review .quiz-result-title"), "通话回顾");
  assert.doesNotMatch(await page.textContent(".quiz-review .quiz-hint"), /题/);
  await assertOwnSteps(page.locator(".quiz-review .scenario-ending"), bad.path);

  // A call that goes wrong early and recovers: the debrief names those answers, not others,
  // and the ending reached says nothing of what went well "before".
  await page.click(".quiz-review .quiz-retake");
  await page.waitForSelector(".scenario-option");
  const firstBad = (node) => (node.id === sc.start ? worst(node) : best(node));
  const mixed = await callThrough(page, sc, firstBad);
  const lost = lostOf(mixed.path);
  assert.ok(lost.length >= 1 && lost[0].node.id === sc.start);
  await assertOwnSteps(page.locator(".scenario-ending"), mixed.path);

  // The best answers throughout: nothing lost, and it says so.
  await page.click(".scenario-ending button:text-is('再打一次')");
  const top = await callThrough(page, sc, best);
  assert.equal(await page.locator(".scenario-ending .scenario-lost-item").count(), 0);
  assert.match(await page.textContent(".scenario-ending .scenario-lost"), /每一步都选了得分最高的回答/);
  assert.equal(top.ending.ending, "good");
  await page.click(".quiz-next");
  assert.equal(await page.textContent(".quiz-result-title"), "通话成绩");
  assert.equal(await page.locator(".quiz-review-btn").count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("scenario endings: every ending's text holds for every call that reaches it", async () => {
  // An ending reached after mistakes must not praise the whole call or say it went well before;
  // an ending reached by either of two last answers must not charge the learner with both.
  const { ctx, page, errors } = await fresh();
  for (const id of ["scenario-outage", "scenario-wrong-bill", "scenario-rude-staff"]) {
    await page.goto(site(`quizzes/${id}/index.html`));
    const quiz = await quizData(page, id);
    for (const sc of quiz.questions.filter((q) => q.type === "scenario")) {
      const nodes = Object.fromEntries(sc.nodes.map((n) => [n.id, n]));
      // Every way into each ending: the answers given on the way and the last one.
      const ways = {};
      const walk = (id, path) => {
        const n = nodes[id];
        if (n.ending) { (ways[id] ||= []).push(path); return; }
        for (const o of n.options) walk(o.next, [...path, o]);
      };
      walk(sc.start, []);
      for (const [end, paths] of Object.entries(ways)) {
        const text = strip(nodes[end].outcome + " " + nodes[end].debrief);
        const anyMistake = paths.some((p) => p.some((o) => o.score < 0));
        if (anyMistake) {
          assert.doesNotMatch(text, /前面做对了|前面的安抚做得不错|安抚到位了|做得好的地方/, `${id}/${end}: reached after mistakes too`);
        }
        const lasts = new Set(paths.map((p) => p[p.length - 1]));
        if (lasts.size > 1) assert.match(text, /之一|一种或几种/, `${id}/${end}: reached by ${lasts.size} different last answers`);
      }
    }
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("one word for the quizzes the completion record needs: 检查点, on the course and progress pages", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("course/index.html"));
  const badges = await page.$$eval(".course-item .checkpoint", (l) => l.map((x) => x.textContent));
  assert.ok(badges.length >= 3);
  assert.deepEqual([...new Set(badges)], ["检查点"]);
  const course = await page.textContent(".content, main, body");
  assert.match(course, /检查点/);
  assert.doesNotMatch(course, /必考/);
  await page.goto(site("progress/index.html"));
  await page.waitForSelector(".progress-item");
  const marks = await page.$$eval(".progress-item .checkpoint", (l) => l.map((x) => x.textContent));
  assert.equal(marks.length, badges.length);
  assert.deepEqual([...new Set(marks)], ["检查点"]);
  assert.match(await page.textContent(".progress-checkpoints-lead"), /^检查点测验/);
  assert.doesNotMatch(await page.textContent("body"), /必考/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a link to one question (quiz:id#question) opens it for practice alone, then the whole quiz", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/procedure-time-limits/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await quizData(page, "procedure-time-limits");
  assert.equal(await page.isVisible(".quiz-linked"), false, "no note on the plain quiz page");
  const target = quiz.questions.find((q, i) => i > 2 && q.type === "single");
  await page.goto(site(`quizzes/procedure-time-limits/index.html#${target.id}`));
  await page.reload(); // a new address with only another hash does not load the page again
  await page.waitForSelector(".quiz-stage > .quiz-card");
  assert.equal(await page.getAttribute(".quiz-stage > .quiz-card", "data-qid"), target.id);
  assert.equal(squash(await page.textContent(".quiz-stage > .quiz-card .quiz-counter")), target.type_label, "one question, not 第 1 / N 题");
  assert.match(await page.textContent(".quiz-linked"), /只练链接指向的这一题/);
  const box = await answer(page, target, false);
  assert.ok(squash(await box.innerText()).length > 0, "feedback at once, as in any practice");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".quiz-result");
  assert.equal(await page.textContent(".quiz-result-title"), "单题练习");
  // (One single-choice question: wrong, not "还没有全部答对".)
  assert.match(await page.textContent(".quiz-verdict-text"), /这一题答错了/);
  assert.equal((await stored(page))?.quizzes?.["procedure-time-limits"], undefined, "a practice is not a quiz attempt");

  // Another question's link on the same page: practised in turn.
  const other = quiz.questions.find((q) => q.type === "single" && q.id !== target.id);
  await page.evaluate((id) => { location.hash = id; }, other.id);
  await page.waitForFunction((id) => document.querySelector(".quiz-stage > .quiz-card")?.dataset.qid === id, other.id);

  // 做整套测验: the whole quiz, and the note goes.
  await page.click(".quiz-linked .quiz-whole");
  assert.equal(squash(await page.textContent(".quiz-stage > .quiz-card .quiz-counter")), `第 1 / ${quiz.draw || quiz.questions.length} 题`);
  assert.equal(await page.isVisible(".quiz-linked"), false);

  // An exam's question is not practised alone (its answer would show): the exam's start.
  const exam = await (async () => {
    await page.goto(site("quizzes/final-exam/index.html"));
    await page.waitForSelector(".quiz-exam-start");
    return quizData(page, "final-exam");
  })();
  assert.equal(exam.exam, true);
  await page.goto(site(`quizzes/final-exam/index.html#${exam.questions[0].id}`));
  await page.reload();
  await page.waitForSelector(".quiz-exam-start");
  assert.equal(await page.isVisible(".quiz-linked"), false);
  assert.equal(await page.locator(".quiz-stage > .quiz-card[data-qid]").count(), 0);
  await page.evaluate((id) => { location.hash = id; }, exam.questions[1].id);
  await page.waitForTimeout(200);
  assert.equal(await page.locator(".quiz-stage > .quiz-card[data-qid]").count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("flash cards: 还不熟 brings a card back a few cards later; known cards are remembered", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/phrasing-cards/index.html"));
  await page.waitForSelector(".flashcard");
  const quiz = await quizData(page, "phrasing-cards");
  const n = quiz.questions[0].cards.length;
  // A deck is not scored: the page counts its cards and names no pass mark.
  const meta = await page.textContent("main .meta");
  assert.match(meta, new RegExp(`${n} 张卡片.*不打分`));
  assert.doesNotMatch(meta, /及格线|1 题/);
  const front = () => page.textContent(".flash-front .flash-text");
  const backVisible = () => page.isVisible(".flash-back");

  // Each front shown, with its label.
  const sides = [];
  const seen = async () => sides.push([await front(), await page.textContent(".flash-front .flash-side")]);
  const first = await front();
  await seen();
  assert.equal(await backVisible(), false);
  await page.click("button:text-is('翻面')");
  assert.equal(await backVisible(), true);
  // The focus is on the back, to be read (once: it is in no live region, the front is, to be
  // heard as the next card comes); 记住了 is one Tab on.
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("flash-back")), true);
  assert.deepEqual(await page.evaluate(() => [".flash-back", ".flash-front"].map((s) => !!document.querySelector(s).closest("[aria-live]"))), [false, true]);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "记住了");
  const card = quiz.questions[0].cards.find((c) => c.front === first);
  assert.equal(await page.textContent(".flash-back .flash-text"), card.back);
  await page.click("button:text-is('还不熟')");
  for (let i = 0; i < 2; i++) {
    assert.notEqual(await front(), first);
    await seen();
    await page.click("button:text-is('翻面')");
    await page.keyboard.press("Enter"); // on the back: nothing
    assert.equal(await backVisible(), true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // 记住了
  }
  assert.equal(await front(), first, "the 还不熟 card comes back after two others");
  assert.match(await page.textContent(".flash-status"), new RegExp(`已记住 2 / ${n} 张`));
  let s = await stored(page);
  assert.equal(s.cards[`phrasing-cards/${quiz.questions[0].id}`].known.length, 2);

  await page.reload();
  await page.waitForSelector(".flashcard");
  assert.match(await page.textContent(".flash-status"), new RegExp(`已记住 2 / ${n} 张 · 还要练 ${n - 2} 张`));
  for (let i = 0; i < n - 2; i++) {
    await seen();
    await page.click("button:text-is('翻面')");
    await page.click("button:text-is('记住了')");
  }
  // Each front is labelled as what it is: a customer's words, or a situation in brackets
  // (（问题处理完毕，准备结束通话）: every card was shown).
  for (const [text, side] of sides) assert.equal(side, /^（[^）]*）$/.test(text) ? "正面 · 情形" : "正面 · 客户说", text);
  assert.ok(sides.some(([, side]) => side === "正面 · 情形"), JSON.stringify(sides));
  assert.match(await page.textContent(".flash-status"), new RegExp(`全部 ${n} 张卡片都记住了`));
  s = await stored(page);
  assert.equal(s.quizzes["phrasing-cards"].passed, true);
  assert.equal(await page.textContent(".quiz-next"), "完成", "a deck is not scored: no 查看成绩");
  await page.click(".quiz-next");
  assert.equal(await page.textContent(".quiz-result-title"), "练习完成");
  // Its record said as a deck's: gone through, no 成绩 or 通过.
  await page.reload();
  await page.waitForSelector(".quiz-best:not([hidden])");
  assert.match(await page.textContent(".quiz-best"), /^这组卡片已经练完 · 练过 1 遍$/);
  // The round it starts on is said as the second: 已记住 0 under 已经练完 read as work lost.
  await page.waitForSelector(".flashcard");
  assert.equal(await page.textContent(".flash-status"), `第 2 遍：本遍已记住 0 / ${n} 张 · 还要练 ${n} 张`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("flash cards at the projector: Space turns the card, 1 and 2 say 记住了 / 还不熟; the shortcuts box lists them", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/phrasing-cards/index.html"));
  await page.waitForSelector(".flashcard");
  const front = () => page.textContent(".flash-front .flash-text");
  const first = await front();
  // Nothing focused (the page just opened): Space turns the card, not the page.
  await page.keyboard.press(" ");
  assert.equal(await page.isVisible(".flash-back"), true);
  await page.keyboard.press("1");
  await page.waitForFunction(() => /已记住 1 \//.test(document.querySelector(".flash-status").textContent));
  assert.notEqual(await front(), first);
  const second = await front();
  await page.keyboard.press(" ");
  await page.keyboard.press("2");
  await page.waitForFunction((t) => document.querySelector(".flash-front .flash-text").textContent !== t, second);
  assert.match(await page.textContent(".flash-status"), /已记住 1 \//);
  await page.keyboard.press("Shift+?");
  await page.waitForSelector(".keys-dialog");
  assert.match(await page.textContent(".keys-dialog"), /空格话术卡片：翻面.*1 或 2话术卡片：记住了 \/ 还不熟/);
  await page.keyboard.press("Escape");
  // With the one-key shortcuts off, 1 and 2 are left to the page (speech input types them).
  await page.evaluate(() => localStorage.setItem("handbook-keys", "off"));
  await page.keyboard.press(" ");
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press("1");
  assert.match(await page.textContent(".flash-status"), /已记住 1 \//);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("corrupt or unavailable localStorage never breaks the quiz page or the progress page", async () => {
  const bad = [
    "{not json",
    "[]",
    "null",
    '"text"',
    '{"v":0,"quizzes":{"principles":{"best":100,"passed":true}}}',
    '{"v":2,"quizzes":{}}',
    '{"v":1,"lessons":[1,2],"quizzes":{"principles":"x","common-mistakes":{"best":"90"}},"scenarios":{"a/b":7},"cards":{"x/y":{"n":"3"}},"name":5}',
  ];
  {
    const { ctx, page, errors } = await fresh();
    await page.goto(site("index.html"));
    const key = await storageKey(page);
    for (const value of bad) {
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, value]);
      await page.goto(site("quizzes/principles/index.html"));
      await page.waitForSelector(".quiz-stage > .quiz-card");
      assert.equal(await page.isVisible(".quiz-best"), false, `no best score from ${value}`);
      const quiz = await quizData(page, "principles");
      await answer(page, await current(page, quiz), true);
      await page.goto(site("progress/index.html"));
      await page.waitForSelector(".progress-summary");
      assert.equal(await page.textContent('.progress-item[data-id="principles"] .progress-state'), "未做");
      if (value.includes('"v":2')) assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), value, "a newer format is left alone");
      assert.deepEqual(errors, [], `errors with stored ${value}`);
    }
    await ctx.close();
  }

  // Well-typed entries survive next to broken ones.
  {
    const { ctx, page, errors } = await fresh();
    await page.goto(site("index.html"));
    const key = await storageKey(page);
    await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({
      v: 1,
      lessons: { "basics/why-complaints-matter/": 1700000000000, "basics/service-mindset/": "yesterday" },
      quizzes: { principles: { best: 90, passed: true, attempts: "2", last: 1 }, other: 5 },
    })), key);
    await page.goto(site("progress/index.html"));
    assert.equal(await page.textContent('.progress-item[data-id="principles"] .progress-state'), "最好 90% · 通过");
    assert.equal(await page.textContent('.progress-item[data-id="basics/why-complaints-matter/"] .progress-state'), "已读");
    assert.equal(await page.textContent('.progress-item[data-id="basics/service-mindset/"] .progress-state'), "未读");
    assert.deepEqual(errors, []);
    await ctx.close();
  }

  // localStorage that throws (privacy settings): everything still works, nothing is saved.
  {
    const { ctx, page, errors } = await fresh();
    await ctx.addInitScript(() => {
      Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
    });
    await page.goto(site("quizzes/scenario-wrong-bill/index.html"));
    await page.waitForSelector(".scenario-option");
    const quiz = await quizData(page, "scenario-wrong-bill");
    const nodes = Object.fromEntries(quiz.questions[0].nodes.map((n) => [n.id, n]));
    let node = nodes[quiz.questions[0].start];
    while (!node.ending) {
      await page.click('.scenario-option[data-index="0"]');
      await page.click(".scenario-stage button:text-is('继续通话')");
      node = nodes[node.options[0].next];
    }
    await page.click(".quiz-next");
    await page.waitForSelector(".quiz-result");
    await page.goto(site("progress/index.html"));
    assert.match(await page.textContent(".progress-notice"), /不允许网页保存数据/);
    await page.goto(site("basics/why-complaints-matter/index.html"));
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("lessons are recorded as read; reset clears progress after confirming", async () => {
  const { ctx, page, errors } = await fresh();
  // Every page loads quiz.js, which records the lesson as read once its end is reached.
  await readPage(page, site("basics/why-complaints-matter/index.html"));
  assert.equal(await page.evaluate(() => !!window.HandbookQuiz), true);
  const s = await stored(page);
  assert.equal(typeof s.lessons["basics/why-complaints-matter/"], "number");

  await page.goto(site("progress/index.html"));
  assert.equal(await page.textContent('.progress-item[data-id="basics/why-complaints-matter/"] .progress-state'), "已读");
  assert.match(await page.textContent(".progress-part:first-child .progress-part-count"), /^1 \//);
  // Links from the progress page work from disk.
  const href = await page.getAttribute('.progress-item[data-id="basics/why-complaints-matter/"] a', "href");
  assert.equal(href, "../basics/why-complaints-matter/index.html");

  // Dismissing the confirmation keeps everything.
  page.once("dialog", (d) => d.dismiss());
  await page.click(".progress-clear");
  assert.equal(await page.textContent('.progress-item[data-id="basics/why-complaints-matter/"] .progress-state'), "已读");
  page.once("dialog", (d) => d.accept());
  await page.click(".progress-clear");
  assert.equal(await page.textContent('.progress-item[data-id="basics/why-complaints-matter/"] .progress-state'), "未读");
  assert.equal(await stored(page), null);
  assert.match(await page.textContent(".progress-big"), /^0%$/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("progress moves to another computer: exported to a file, imported and merged there", async () => {
  const a = await fresh({ acceptDownloads: true });
  await readPage(a.page, site("basics/why-complaints-matter/index.html"));
  const key = await storageKey(a.page);
  const t1 = Date.UTC(2026, 10, 20);
  await a.page.evaluate(([k, t1]) => {
    const d = JSON.parse(localStorage.getItem(k));
    d.quizzes.principles = { best: 60, passed: false, attempts: 2, last: t1, lastScore: 60 };
    d.scenarios["scenario-outage/call"] = ["calm"];
    localStorage.setItem(k, JSON.stringify(d));
  }, [key, t1]);
  await a.page.goto(site("progress/index.html"));
  const [download] = await Promise.all([a.page.waitForEvent("download"), a.page.click(".progress-export")]);
  assert.match(download.suggestedFilename(), /^学习进度-\d{8}\.json$/);
  const text = readFileSync(await download.path(), "utf8");
  const file = JSON.parse(text);
  assert.equal(file.handbook, "progress");
  assert.equal(file.book, "供电服务投诉处理手册");
  assert.equal(file.title, "供电服务投诉处理手册");
  assert.equal(file.progress.quizzes.principles.best, 60);
  assert.match(await a.page.textContent(".progress-transfer-note"), /已导出/);
  assert.deepEqual(a.errors, []);
  await a.ctx.close();

  // The other computer passed the same quiz earlier and read another lesson.
  const b = await fresh();
  await readPage(b.page, site("phone/opening-and-listening/index.html"));
  const t0 = Date.UTC(2026, 10, 10);
  await b.page.evaluate(([k, t0]) => {
    const d = JSON.parse(localStorage.getItem(k));
    d.quizzes.principles = { best: 90, passed: true, attempts: 1, last: t0, lastScore: 90, passedAt: t0 };
    d.scenarios["scenario-outage/call"] = ["escalated"];
    localStorage.setItem(k, JSON.stringify(d));
  }, [key, t0]);
  await b.page.goto(site("progress/index.html"));
  const pathOf = (name, content) => { const p = join(root, name); writeFileSync(p, content); return p; };
  const good = pathOf("progress-a.json", text);
  await b.page.setInputFiles("#progress-import-file", good);
  await b.page.waitForFunction(() => /已导入/.test(document.querySelector(".progress-transfer-note").textContent));
  const merged = await stored(b.page);
  assert.deepEqual(Object.keys(merged.lessons).sort(), ["basics/why-complaints-matter/", "phone/opening-and-listening/"]);
  const p = merged.quizzes.principles;
  assert.deepEqual([p.best, p.passed, p.attempts, p.last, p.lastScore, p.passedAt], [90, true, 2, t1, 60, t0]);
  assert.deepEqual([...merged.scenarios["scenario-outage/call"]].sort(), ["calm", "escalated"]);
  assert.equal(await b.page.textContent('.progress-item[data-id="basics/why-complaints-matter/"] .progress-state'), "已读");
  // Importing the same file again changes nothing.
  await b.page.setInputFiles("#progress-import-file", good);
  await b.page.waitForFunction(() => /已导入/.test(document.querySelector(".progress-transfer-note").textContent));
  assert.deepEqual(await stored(b.page), merged);
  // Another book's file, or not a progress file at all: refused, nothing changed.
  const other = pathOf("progress-other.json", JSON.stringify({ ...file, book: "other-book", title: "别的手册" }));
  await b.page.setInputFiles("#progress-import-file", other);
  await b.page.waitForFunction(() => /别的手册/.test(document.querySelector(".progress-transfer-note").textContent));
  await b.page.setInputFiles("#progress-import-file", pathOf("not-progress.json", "{\"x\": 1}"));
  await b.page.waitForFunction(() => /不是手册“我的学习进度”页导出的进度文件/.test(document.querySelector(".progress-transfer-note").textContent));
  assert.deepEqual(await stored(b.page), merged);
  assert.deepEqual(b.errors, []);
  await b.ctx.close();
});

test("progress is kept under book.toml's id, so a new title keeps it; files name the book by id or by its title", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("progress/index.html"));
  assert.equal(await page.getAttribute("body", "data-book"), "供电服务投诉处理手册");
  assert.equal(await page.getAttribute("body", "data-book-title"), "供电服务投诉处理手册");
  const read = (file, id, title) => page.evaluate(([f, id, title]) => {
    const r = window.HandbookQuiz.store.readFile(JSON.stringify(f), id, title);
    return r.error || "ok";
  }, [file, id, title]);
  const progress = { v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {} };
  // A file of this book by its id; one made before the book had an id, by the title it has.
  assert.equal(await read({ handbook: "progress", book: "complaints", title: "旧名", progress }, "complaints", "新名"), "ok");
  assert.equal(await read({ handbook: "progress", book: "新名", progress }, "complaints", "新名"), "ok");
  // Another book's: refused, named by its title.
  assert.equal(await read({ handbook: "progress", book: "other-book", title: "别的手册", progress }, "complaints", "新名"),
    "这是《别的手册》的进度文件，不是本手册的。");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a trainer sees several learners' progress files side by side, and saves them as CSV", async () => {
  const { ctx, page, errors } = await fresh({ acceptDownloads: true });
  await page.goto(site("progress/index.html"));
  await page.click(".progress-team-link a");
  await page.waitForSelector(".team-open");
  const book = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book);
  const checkpoints = book.course.modules.flatMap((m) => m.items).filter((i) => i.kind === "quiz" && i.checkpoint);
  assert.ok(checkpoints.length >= 3);
  const file = (name, progress, title = book.title) => {
    const p = join(root, `team-${name}.json`);
    writeFileSync(p, JSON.stringify({ handbook: "progress", book: title, exported: "2026-11-28T08:00:00Z", progress: { v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {}, ...progress } }));
    return p;
  };
  const passedAll = Object.fromEntries(checkpoints.map((c) => [c.id, { best: 90, passed: true, attempts: 1, last: 1 }]));
  // 已读 counts what the learner's own page counts: the course's lessons and rule cards.
  const readable = book.course.modules.flatMap((m) => m.items).filter((i) => i.kind !== "quiz");
  const lessonItems = readable.filter((i) => i.kind === "lesson");
  const zhang = file("zhang", { name: "张三", quizzes: passedAll, lessons: { [lessonItems[0].id]: 1, [lessonItems[1].id]: 2 },
    wrong: { "principles/principles-01": { n: 1, last: 5, ok: 9 }, "no-such-quiz/q1": { n: 4, last: 5, ok: 0 } } });
  // 李四 sent two files (two computers, one learner id): they are merged.
  const li1 = file("li1", { name: "李四", learner: "L-lisi-1", lessons: { [lessonItems[0].id]: 1 }, wrong: { "principles/principles-01": { n: 2, last: 7, ok: 0 } } });
  const li2 = file("li2", { name: "李四", learner: "L-lisi-1", quizzes: { [checkpoints[0].id]: { best: 50, passed: false, attempts: 2, last: 3 } },
    wrong: { "procedure-time-limits/procedure-time-limits-08": { n: 3, last: 8, ok: 0 } } });
  const other = file("other", { name: "王五" }, "别的手册");
  await page.setInputFiles("#team-files", [zhang, li1, li2, other]);
  await page.waitForFunction(() => /已汇总 2 名学员/.test(document.querySelector(".team-note").textContent));
  // (A checkpoint's cell: the best score; the latest attempt is under it.)
  const rows = await page.$$eval(".team-table tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => (c.querySelector(".team-best") || c).textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ["张三", "李四"]);
  const [z, l] = rows;
  // 总体进度 (as the learner's own page weighs it) and the last day studied, then what was read.
  assert.match(z[1], /^\d+%$/);
  assert.ok(parseInt(z[1], 10) > parseInt(l[1], 10), `${z[1]} ${l[1]}`);
  assert.match(z[2], /1970年1月1日/);
  assert.equal(z[3], `2 / ${readable.length}`);
  assert.equal(z.at(-2), "已结业");
  assert.equal(z[5], "90% ✓");
  assert.deepEqual([l[3], l[5], l[6], l.at(-2), l.at(-1)], [`1 / ${readable.length}`, "50%", "—", "未完成", "2026-11-28"]);
  assert.match(await page.textContent(".team-problems"), /team-other\.json：这是《别的手册》的进度文件/);
  // 易错题: by how many learners missed a question, then how often; the question's own text.
  await page.waitForFunction(() => !/^principles-01$/.test(document.querySelector(".team-hard-prompt").textContent));
  const hard = await page.$$eval(".team-hard-table tbody tr", (trs) => trs.map((tr) => [tr.dataset.key, ...[...tr.children].slice(2, 6).map((c) => c.textContent)]));
  // (No wrong answers kept in these files: none to name.)
  assert.deepEqual(hard, [
    ["principles/principles-01", "2 / 2", "3", "1", "—"],
    ["procedure-time-limits/procedure-time-limits-08", "1 / 2", "3", "1", "—"],
  ]);
  const principles = await page.evaluate(() => window.HANDBOOK_QUIZZES.principles.questions.find((q) => q.id === "principles-01").prompt);
  assert.equal(await page.textContent(".team-hard-prompt"), strip(principles));
  // As CSV for Excel: UTF-8 with a byte-order mark, one row per learner.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".team-csv")]);
  assert.match(download.suggestedFilename(), /^学员进度汇总-\d{8}\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  assert.ok(csv.startsWith("\ufeff\"学员\",\"总体进度\",\"下一项\",\"最近学习\",\"已读课程和规则\""), csv.slice(0, 60));
  const lines = csv.trim().split("\r\n");
  assert.equal(lines.length, 3);
  assert.ok(lines[1].startsWith("\"张三\"") && lines[1].includes("\"已结业\""), lines[1]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("all checkpoints passed: a printable completion record with the learner's name", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("progress/index.html"));
  assert.equal(await page.locator("#learner-name").count(), 0, "no completion record before the checkpoints");
  const checkpoints = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book.course.modules
    .flatMap((m) => m.items).filter((i) => i.checkpoint && i.kind === "quiz"));
  assert.ok(checkpoints.length >= 2);
  const key = await storageKey(page);
  await page.evaluate(([k, cps]) => {
    const quizzes = {};
    cps.forEach((c, i) => { quizzes[c.id] = { best: 90 + (i % 10), passed: true, attempts: 1, last: Date.UTC(2024, 4, 1 + i), passedAt: Date.UTC(2024, 4, 1 + i) }; });
    localStorage.setItem(k, JSON.stringify({ v: 1, lessons: {}, quizzes, scenarios: {}, cards: {} }));
  }, [key, checkpoints]);
  await page.reload();
  assert.match(await page.textContent(".progress-checkpoints"), new RegExp(`已通过 ${checkpoints.length} / ${checkpoints.length} 套`));
  await page.click(".progress-name-form button[type=submit]");
  assert.match(await page.textContent(".progress-name-form .quiz-error"), /姓名/);
  await page.fill("#learner-name", "张小明");
  await page.press("#learner-name", "Enter");
  const cert = page.locator("#certificate");
  const text = await cert.innerText();
  assert.match(text, /张小明/);
  assert.match(text, /供电服务投诉处理手册/);
  assert.match(text, /2024 年 5 月/);
  for (const [i, c] of checkpoints.entries()) {
    assert.ok(text.includes(c.title), c.title);
    assert.ok(text.includes(`${90 + (i % 10)}%`));
  }
  assert.equal((await stored(page)).name, "张小明");
  // The name is kept; the print button calls window.print.
  await page.reload();
  assert.match(await page.textContent("#certificate"), /张小明/);
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  await page.click("#print-certificate");
  assert.equal(await page.evaluate(() => window.__printed), 1);
  // Print: only the record.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#certificate"), true);
  for (const sel of [".progress-modules", ".progress-summary", ".progress-reset", "#print-certificate", ".topbar", "h1"]) {
    assert.equal(await page.isVisible(sel), false, `${sel} is not printed`);
  }
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("matching on a phone: the choice made is shown in full under its select", async () => {
  for (const [width, shown] of [[375, true], [1366, false]]) {
    const { ctx, page, errors } = await fresh({ viewport: { width, height: 740 } });
    await page.goto(site("quizzes/complaint-types/index.html"));
    const quiz = await quizData(page, "complaint-types");
    const q = quiz.questions.find((x) => x.type === "matching");
    await page.goto(site(`quizzes/complaint-types/index.html#${q.id}`));
    const sel = page.locator('.quiz-stage select[data-index="0"]');
    await sel.selectOption(q.pairs[0].right);
    const chosen = page.locator(".quiz-stage .quiz-match-chosen").first();
    assert.equal(await chosen.textContent(), "已选：" + q.pairs[0].right);
    assert.equal(await chosen.isVisible(), shown, `${width}: shown ${shown}`);
    assert.equal(await page.locator(".quiz-stage .quiz-match-chosen").nth(1).isVisible(), false, "nothing chosen: nothing shown");
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("a matching answer written in quotation marks is quoted once in its feedback and in the 错题本", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/complaint-types/index.html#complaint-types-14"));
  const quiz = await quizData(page, "complaint-types");
  const q = quiz.questions.find((x) => x.id === "complaint-types-14");
  assert.match(q.pairs[0].right, /^“.*”$/, "(its sayings are written in quotation marks)");
  // The first two swapped, the rest right.
  const card = page.locator(".quiz-stage > .quiz-card");
  for (let i = 0; i < q.pairs.length; i++) await card.locator(`select[data-index="${i}"]`).selectOption(q.pairs[i < 2 ? 1 - i : i].right);
  await card.locator("button[type=submit]").click();
  const said = squash(await page.textContent(".quiz-stage .quiz-feedback-box"));
  assert.ok(said.includes("你选了" + q.pairs[1].right + "，应为" + q.pairs[0].right), said);
  // Each row's mark is its select's description (read after the select, it was heard as the
  // next row's first words), and not read again as text.
  const cdp = await ctx.newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const boxes = nodes.filter((x) => x.role?.value === "combobox" && !x.ignored).map((x) => x.description?.value || "");
  assert.deepEqual(boxes.filter(Boolean).slice(0, 3), ["配对不对，应为：" + q.pairs[0].right, "配对不对，应为：" + q.pairs[1].right, "配对正确"], JSON.stringify(boxes));
  assert.equal(await page.getAttribute(".quiz-stage .quiz-match-row .quiz-mark", "aria-hidden"), "true");
  assert.ok(!said.includes("““") && !said.includes("””"), said);
  // The 错题本 quotes the answer given (pairs left：right) once, the sayings' marks made single.
  await page.goto(site("progress/mistakes/index.html"));
  const entry = squash(await page.textContent('.mistakes-item[data-qid="complaint-types-14"] .mistakes-picks'));
  const inner = (t) => t.replace(/“/g, "‘").replace(/”/g, "’");
  assert.ok(entry.includes("上次答的是“" + q.pairs[0].left + "：" + inner(q.pairs[1].right)), entry);
  assert.ok(!entry.includes("““") && !entry.includes("””"), entry);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a right option left out is said as 漏选, its feedback without the 对。 written for whoever picked it", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/principles/index.html"));
  const quiz = await quizData(page, "principles");
  const q = quiz.questions.find((x) => x.type === "multiple" && x.options.filter((o) => o.correct && /^对。/.test(o.feedback || "")).length >= 2);
  assert.ok(q, "(a multiple-choice question with right options whose feedback opens 对。)");
  await page.goto(site(`quizzes/principles/index.html#${q.id}`));
  const right = q.options.map((o, i) => [o, i]).filter(([o]) => o.correct);
  // Only the first right option ticked.
  await page.locator(`.quiz-stage input[data-index="${right[0][1]}"]`).check();
  await page.click(".quiz-stage button[type=submit]");
  await page.waitForSelector(".quiz-option-feedback li.missed");
  const missed = await page.$$eval(".quiz-option-feedback li.missed", (ls) => ls.map((l) => ({
    label: l.querySelector("strong").textContent, why: (l.querySelector(".quiz-why") || { textContent: "" }).textContent.trim() })));
  assert.equal(missed.length, right.length - 1, JSON.stringify(missed));
  for (const m of missed) {
    assert.equal(m.label, "漏选（这一项也该选）：");
    assert.ok(!/^(对|正确)[。，]/.test(m.why), m.why);
  }
  const want = right[1][0].feedback.replace(/^对。/, "").replace(/<[^>]+>/g, "").trim().slice(0, 8);
  assert.ok(missed.some((m) => m.why.startsWith(want)), JSON.stringify(missed) + " " + want);
  // The one picked keeps its 对。
  assert.match(await page.textContent(".quiz-option-feedback li.good .quiz-why"), /^\s*对。/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a question missed on one computer and answered right on another is out of the 错题本 and the trainer's table once merged", async () => {
  const rec = async (plan) => {
    const { ctx, page, errors } = await fresh();
    await page.goto(site("quizzes/principles/index.html"));
    await page.waitForSelector(".quiz-stage > .quiz-card");
    const quiz = await quizData(page, "principles");
    const ids = await play(page, quiz, plan);
    await page.evaluate(() => { const d = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book)); d.name = "张伟"; d.job = "1001"; localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify(d)); });
    const out = await page.evaluate(() => ({ book: document.body.dataset.book, record: JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book)) }));
    assert.deepEqual(errors, []);
    await ctx.close();
    return { ids, ...out };
  };
  // Computer 1: the first question missed. Computer 2 (the next day): all right.
  const one = await rec((q, i) => i > 0);
  const two = await rec(() => true);
  const missed = `principles/${one.ids[0]}`;
  assert.equal(one.record.wrong[missed].n, 1);
  assert.deepEqual(two.record.wrong[missed], { n: 0, last: 0, ok: two.record.wrong[missed].ok }, "(the right answer is kept)");
  assert.ok(two.record.wrong[missed].ok > one.record.wrong[missed].last);
  // The learner's own import of computer 2's file on computer 1: out of the 错题本.
  const { ctx, page, errors } = await fresh();
  await page.goto(site("progress/index.html"));
  const left = await page.evaluate(([a, b]) => {
    const S = window.HandbookQuiz.store;
    return S.wrongList(S.mergeInto(S.clean(a), S.clean(b))).map((e) => e.quiz + "/" + e.id);
  }, [one.record, two.record]);
  assert.deepEqual(left, []);
  // The trainer's table, given both files: 错题本 0, nothing still to put right.
  const dir = join(root, "team-files");
  execFileSync("mkdir", ["-p", dir]);
  const files = [one, two].map((r, i) => {
    const f = join(dir, `学习进度-张伟-1001-${i}.json`);
    writeFileSync(f, JSON.stringify({ handbook: "progress", book: r.book, title: "x", exported: new Date().toISOString(), progress: r.record }));
    return f;
  });
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", files);
  await page.waitForFunction(() => /已汇总 1 名学员/.test(document.querySelector(".team-note").textContent));
  const heads = await page.$$eval(".team-table thead th", (ths) => ths.map((t) => t.textContent.replace("（按此列排序）", "").trim()));
  const row = await page.$$eval(".team-table tbody tr.team-row > *", (cs) => cs.map((c) => c.textContent));
  assert.equal(row[heads.findIndex((h) => h.startsWith("错题本"))], "0", JSON.stringify([heads, row]));
  // 易错题 lists it (missed once), put right since, of the one learner who took the quiz.
  const hard = await page.$$eval(`.team-hard-table tbody tr[data-key="${missed}"] td`, (ts) => ts.map((t) => t.textContent));
  assert.deepEqual([hard[2], hard[3], hard[4]], ["1 / 1", "1", "0"], JSON.stringify(hard));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a right option left out whose feedback opens 选对了 loses that too", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/common-mistakes/index.html"));
  const quiz = await quizData(page, "common-mistakes");
  const q = quiz.questions.find((x) => x.type === "multiple" && x.options.some((o, i) => o.correct && /^选对了/.test(o.feedback || "") && x.options.some((p, j) => j !== i && p.correct)));
  assert.ok(q, "(a question with such an option)");
  const missed = q.options.findIndex((o) => o.correct && /^选对了/.test(o.feedback || ""));
  await page.goto(site(`quizzes/common-mistakes/index.html#${q.id}`));
  await page.locator(`.quiz-stage input[data-index="${q.options.findIndex((o, j) => j !== missed && o.correct)}"]`).check();
  await page.click(".quiz-stage button[type=submit]");
  const why = await page.textContent(`.quiz-option-feedback li.missed[data-index="${missed}"] .quiz-why`);
  assert.ok(!/^\s*选对了/.test(why), why);
  assert.ok(why.trim().startsWith(q.options[missed].feedback.replace(/^选对了[。，！]/, "").replace(/<[^>]+>/g, "").trim().slice(0, 6)), why);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("Space on 下一题 below the window scrolls to it first; Enter goes on at once", async () => {
  const { ctx, page, errors } = await fresh({ viewport: { width: 1000, height: 360 } });
  await page.goto(site("quizzes/principles/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await quizData(page, "principles");
  const q = await current(page, quiz);
  await answer(page, q, false);
  const state = () => page.evaluate(() => ({
    counter: document.querySelector(".quiz-stage .quiz-counter").textContent,
    below: document.activeElement.getBoundingClientRect().bottom > window.innerHeight,
    y: window.scrollY,
  }));
  const first = await state();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("quiz-next")), true);
  assert.ok(first.below, "(the feedback pushes 下一题 below this window)");
  await page.keyboard.press(" ");
  const after = await state();
  assert.equal(after.counter, first.counter, "Space did not go on");
  assert.ok(after.y > first.y, "it scrolled");
  let s = after;
  for (let i = 0; i < 10 && s.below; i++) { await page.keyboard.press(" "); s = await state(); }
  assert.equal(s.below, false);
  assert.equal(s.counter, first.counter);
  await page.keyboard.press(" ");
  assert.notEqual((await state()).counter, first.counter, "in sight, Space goes on");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a new hire on a phone finds the course on the home page's first screen", async () => {
  const { ctx, page, errors } = await fresh({ viewport: { width: 375, height: 740 } });
  await page.goto(site("index.html"));
  const link = page.locator('main a[href="course/index.html"]').first();
  assert.match(await link.textContent(), /入职课程/);
  const top = await link.evaluate((a) => a.getBoundingClientRect().top);
  assert.ok(top > 0 && top < 740, `in the first screen (${top})`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("passing the last checkpoint says the course is done and leads to the completion record", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("progress/index.html"));
  const checkpoints = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book.course.modules
    .flatMap((m) => m.items).filter((i) => i.checkpoint && i.kind === "quiz"));
  // The last one to pass: a quiz of questions (the player below answers those).
  let last = null;
  for (const c of checkpoints) {
    await page.goto(site(`quizzes/${c.id}/index.html`));
    const quiz = await quizData(page, c.id);
    if (!quiz.exam && quiz.questions.every((q) => !["scenario", "flashcards"].includes(q.type))) { last = c; break; }
  }
  assert.ok(last, "(a checkpoint of plain questions)");
  const key = await storageKey(page);
  const passAllBut = (except) => page.evaluate(([k, cps, except]) => {
    const quizzes = {};
    for (const c of cps) if (c.id !== except) quizzes[c.id] = { best: 90, passed: true, attempts: 1, last: Date.now() };
    localStorage.setItem(k, JSON.stringify({ v: 1, lessons: {}, quizzes, scenarios: {}, cards: {} }));
  }, [key, checkpoints, except]);
  // With another checkpoint still missing, passing this one says nothing of the kind.
  await passAllBut(checkpoints.find((c) => c.id !== last.id).id);
  await page.goto(site(`quizzes/${last.id}/index.html`));
  let quiz = await quizData(page, last.id);
  await play(page, quiz, () => true);
  assert.equal(await page.textContent(".quiz-verdict"), "通过");
  assert.equal(await page.locator(".quiz-course-done").count(), 0);
  // The last one missing: its pass completes the course.
  await passAllBut(last.id);
  await page.goto(site(`quizzes/${last.id}/index.html`));
  await play(page, quiz, () => true);
  const done = page.locator(".quiz-result .quiz-course-done");
  assert.match(squash(await done.textContent()), new RegExp(`入职课程的 ${checkpoints.length} 个检查点测验已全部通过。 填写姓名，打印结业记录 →`));
  await done.locator("a").click();
  await page.waitForSelector("#learner-name");
  assert.equal(await page.evaluate(() => document.activeElement.id), "progress-complete-h");
  const top = await page.evaluate(() => document.getElementById("progress-complete-h").getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 200, `the record's heading is at the top of the window (${top})`);
  // Named: the record is below, the box is for a change; the printout names no folder of
  // the learner's PC; the quiz's result no longer asks for the name.
  await page.fill("#learner-name", "赵六");
  await page.click(".progress-name-form button[type=submit]");
  await page.waitForSelector("#certificate");
  assert.match(await page.textContent(".progress-complete"), /下面是你的结业记录（姓名：赵六）/);
  // One 姓名 box then, 学员信息's (two left a new hire asking which to use): the record's
  // words lead there.
  assert.equal(await page.locator(".progress-name-form").count(), 0);
  assert.match(await page.textContent(".progress-complete"), /姓名要改的，在“学员信息”里改。$/);
  await page.click(".progress-complete a[href='#progress-learner-h']");
  assert.equal(await page.evaluate(() => document.activeElement.id), "learner-profile-name");
  assert.equal(await page.inputValue("#learner-profile-name"), "赵六");
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  assert.match(await page.textContent(".print-stamp"), /打印于 \d{4}-\d{2}-\d{2}$/);
  await page.goto(site(`quizzes/${last.id}/index.html`));
  await play(page, quiz, () => true);
  assert.match(squash(await page.locator(".quiz-result .quiz-course-done").textContent()), /已全部通过。 打印结业记录 →$/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a quiz embedded in a lesson loads its data.js by <script> from file://", async () => {
  const lesson = join(root, "site/basics/why-complaints-matter/index.html");
  let html = readFileSync(lesson, "utf8");
  html = html.replace("</article>", '<div class="quiz-app" data-quiz="confidentiality-recusal" data-src="../../quizzes/confidentiality-recusal/data.js"></div>\n<div class="quiz-app" data-quiz="no-such-quiz" data-src="../../quizzes/no-such-quiz/data.js"></div></article>');
  if (!html.includes("static/js/quiz.")) html = html.replace("</body>", '<script src="../../static/js/quiz.js"></script></body>');
  const embed = join(root, "site/basics/why-complaints-matter/embed.html");
  writeFileSync(embed, html);
  const { ctx, page, errors } = await fresh();
  await page.goto(fileUrl(embed));
  await page.waitForSelector('.quiz-app[data-quiz="confidentiality-recusal"] .quiz-card');
  await page.waitForSelector('.quiz-app[data-quiz="no-such-quiz"] .quiz-error');
  assert.equal(await page.getAttribute(".quiz-embed-head a", "href"), "../../quizzes/confidentiality-recusal/index.html");
  const quiz = await quizData(page, "confidentiality-recusal");
  const q = await current(page, quiz);
  const box = await answer(page, q, true);
  assert.match(await box.innerText(), /回答正确/);
  for (const l of q.links) {
    assert.equal(await box.locator(`.quiz-links a:text-is("${l.title}")`).first().getAttribute("href"), "../../" + l.href);
  }
  assert.equal(typeof (await stored(page)).lessons["basics/why-complaints-matter/"], "number");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("short answers: full-width, spaces, punctuation, case and traditional characters are ignored", async () => {
  const { ctx, page } = await fresh();
  await page.goto(site("quizzes/principles/index.html"));
  const r = await page.evaluate(() => {
    const A = window.HandbookQuiz.accepts;
    return [
      A(["3个工作日"], "３ 个工作日。"),
      A(["动作快一点"], "動作快一點！"),
      A(["TS-PROC-002"], "ts proc 002"),
      A(["4%"], "４％"),
      A(["回避"], "回 避"),
      A(["3个工作日"], "5个工作日"),
      A(["回避"], ""),
      A(["回避"], "，。"),
    ];
  });
  assert.deepEqual(r, [true, true, true, true, true, false, false, false]);
  // With the search client's table (search/meta.js), every traditional character folds.
  const full = await page.evaluate(() => new Promise((ok) => {
    if (!window.HandbookSearch || !HandbookSearch.loadMeta) return ok(null);
    HandbookSearch.loadMeta(() => ok(window.HandbookQuiz.accepts(["台湾电网"], "臺灣電網")));
  }));
  if (full !== null) assert.equal(full, true);
  await ctx.close();
});

test("a book built without search still folds traditional characters in short answers", async () => {
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  writeFileSync(join(book, "book.toml"), readFileSync(join(book, "book.toml"), "utf8") + "\n[search]\nenabled = false\n");
  writeFileSync(
    join(book, "content/quizzes/short.quiz.yaml"),
    "id: short\ntitle: 填空\nquestions:\n  - id: short-01\n    type: short\n    prompt: 哪里的电网？\n    accepted: [台湾电网]\n",
  );
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const { ctx, page, errors } = await fresh();
  await page.goto(fileUrl(join(book, "site/quizzes/short/index.html")));
  // 臺 and 灣 are not in quiz.js's small table: only the full one (static/js/fold.js) folds them.
  await page.waitForFunction(() => typeof window.HandbookFold === "string", null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.HandbookQuiz.accepts(["台湾电网"], "臺灣電網")), true);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a book without a course: the progress page lists its quizzes and lessons", async () => {
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const { ctx, page, errors } = await fresh();
  await page.goto(fileUrl(join(book, "site/progress/index.html")));
  assert.equal(await page.textContent('.progress-item[data-kind="quiz"][data-id="example"] .progress-state'), "未做");
  assert.equal(await page.textContent('.progress-item[data-kind="lesson"] .progress-state'), "未读");
  assert.equal(await page.locator("#learner-name").count(), 0);
  await page.click('.progress-item[data-id="example"] a');
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const quiz = await quizData(page, "example");
  assert.equal(await page.textContent(".quiz-stage .quiz-counter"), "单选题", "a one-question quiz shows no counter");
  await answer(page, await current(page, quiz), true);
  await page.click(".quiz-next");
  assert.equal(await page.textContent(".quiz-score strong"), "100%");
  await page.goto(fileUrl(join(book, "site/progress/index.html")));
  assert.equal(await page.textContent('.progress-item[data-id="example"] .progress-state'), "最好 100% · 通过");
  assert.match(await page.textContent(".progress-overview"), /已完成 1 \/ 2 项/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a quiz embedded in a lesson is played in place", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("principles/confidentiality-recusal/index.html"));
  const embed = page.locator(".quiz-embed");
  await embed.locator("button").first().waitFor();
  assert.equal(await embed.locator(".quiz-embed-fallback").isVisible().catch(() => false), false);
  assert.ok((await embed.textContent()).includes("题"));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("the course page marks what the learner has done and says where to go on", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("course/index.html"));
  const items = await page.$$eval(".course-modules .course-item", (ls) => ls.map((l) => ({ kind: l.dataset.kind, id: l.dataset.id, title: l.querySelector("a").textContent, href: l.querySelector("a").href })));
  assert.ok(items.length > 10);
  // What the course still takes: each module's estimate for its items not done yet, each
  // weighing its minutes (as 我的进度 weighs them).
  const left = () => page.$$eval(".course-module[data-estimate]", (ms) => {
    let min = 0;
    for (const m of ms) {
      const its = Array.from(m.querySelectorAll(".course-item"));
      const all = its.reduce((n, i) => n + +i.dataset.minutes, 0);
      const open = its.filter((i) => !i.classList.contains("is-done")).reduce((n, i) => n + +i.dataset.minutes, 0);
      min += +m.dataset.estimate * open / all;
    }
    min = Math.round(min / 5) * 5;
    return `${Math.floor(min / 60)} 小时 ${min % 60} 分钟`;
  });
  const total = await page.$$eval(".course-module[data-estimate]", (ms) => ms.reduce((a, m) => a + +m.dataset.estimate, 0));
  assert.equal(total % 60 !== 0, true, "(the expected text below has minutes)");
  // A new learner: start at the first item; the whole course lies ahead.
  assert.equal(await page.textContent(".course-next"), `从第一项开始：${items[0].title}（预计还需约 ${Math.floor(total / 60)} 小时 ${total % 60} 分钟）`);
  assert.equal(await page.$$eval(".course-item.is-done", (l) => l.length), 0);
  // Read the first lesson (and pass nothing): it is ticked, the second is next.
  assert.equal(items[0].kind, "lesson");
  await readPage(page, items[0].href);
  await page.goto(site("course/index.html"));
  assert.deepEqual(await page.$$eval(".course-item.is-done", (l) => l.map((x) => x.dataset.id)), [items[0].id]);
  assert.equal(await page.textContent(".course-next"), `继续学习（已完成 1 / ${items.length} 项）：${items[1].title}（预计还需约 ${await left()}）`);
  assert.notEqual(await left(), `${Math.floor(total / 60)} 小时 ${total % 60} 分钟`, "less once a lesson is read");
  await page.click(".course-next-link");
  await page.waitForLoadState("load");
  assert.equal(page.url(), items[1].href);
  // Read to its end, that one is read too; the progress page points to the one after it.
  await readPage(page, items[1].href);
  await page.goto(site("progress/index.html"));
  assert.equal(await page.textContent(".progress-summary .course-next"), "继续学习：" + items[2].title);
  assert.equal(await page.$eval(".progress-summary .course-next a", (a) => a.href), items[2].href);
  // Everything done (lessons and rule cards read, quizzes passed): off to the completion record.
  await page.evaluate((items) => {
    const book = document.body.dataset.book, lessons = {}, quizzes = {};
    for (const it of items) {
      if (it.kind === "quiz") quizzes[it.id] = { best: 100, passed: true, attempts: 1, last: 1 };
      else lessons[it.kind === "rule" ? `rules/${it.id}/` : `${it.id}/`] = 1;
    }
    localStorage.setItem("handbook-progress:" + book, JSON.stringify({ v: 1, lessons, quizzes, scenarios: {}, cards: {} }));
  }, items);
  await page.goto(site("course/index.html"));
  assert.equal(await page.$$eval(".course-item.is-done", (l) => l.length), items.length);
  assert.match(await page.textContent(".course-next"), new RegExp(`课程的 ${items.length} 项都已完成`));
  assert.equal(await page.getAttribute(".course-next a", "href"), "../progress/index.html");
  await page.goto(site("progress/index.html"));
  assert.equal(await page.$(".progress-summary .course-next"), null, "nothing left to go on to");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("纸质试卷: a drawn paper keeps its 卷号, its key answers it, and each prints alone", async () => {
  const { ctx, page, errors } = await fresh();
  // The quiz's data, as quiz.js gets it, to check the key against.
  const sandbox = { window: {} };
  (await import("node:vm")).runInNewContext(readFileSync(join(root, "site/quizzes/procedure-time-limits/data.js"), "utf8"), sandbox);
  const data = JSON.parse(JSON.stringify(sandbox.window.HANDBOOK_QUIZZES["procedure-time-limits"]));
  const text = (html) => strip(html);

  await page.goto(site("quizzes/procedure-time-limits/index.html"));
  await page.click("a.paper-link");
  await page.waitForURL(/#set-/);
  assert.match(page.url(), /quizzes\/procedure-time-limits\/paper\/index\.html#set-[A-Z0-9]{4}$/);
  const code = page.url().split("#set-")[1];
  assert.equal(await page.textContent(".paper-head .paper-set-no"), code);

  // On screen the key is put away until asked for (a paper projected in class showed it).
  assert.equal(await page.isVisible(".paper-key"), false);
  await page.click(".paper-show-key");
  assert.equal(await page.isVisible(".paper-key"), true);
  // Its table gives the explanation the room: 题号 on one line, the answer a third at most
  // (题号 wrapped to 题/号 beside an answer column half the sheet wide, holding one letter).
  const cols = await page.evaluate(() => {
    const t = document.querySelector(".paper-key-table"), [no, ans] = t.querySelectorAll("thead th");
    const line = parseFloat(getComputedStyle(no).lineHeight) || 24;
    return { noLines: Math.round((no.getBoundingClientRect().height - 8) / line), answer: ans.getBoundingClientRect().width / t.getBoundingClientRect().width };
  });
  assert.ok(cols.noLines <= 1 && cols.answer <= 0.34, JSON.stringify(cols));
  /** What the paper shows: visible questions (number, id) and key rows, and the parts' numbers. */
  const shown = () => page.evaluate(() => {
    const vis = (e) => !e.closest("[hidden]");
    return {
      qs: [...document.querySelectorAll(".paper-q")].filter(vis).map((q) => [q.querySelector(".paper-no").textContent, q.dataset.qid]),
      key: [...document.querySelectorAll(".paper-key-row")].filter(vis).map((r) => [r.querySelector(".paper-key-no").textContent + ".", r.dataset.qid]),
      parts: [...document.querySelectorAll(".paper-part")].filter(vis).map((p) => p.querySelector(".paper-part-no").textContent),
      counts: [...document.querySelectorAll(".paper-part")].filter(vis).map((p) => +p.querySelector(".paper-count").textContent),
      total: document.querySelector(".paper-total").textContent,
    };
  });
  let s = await shown();
  assert.equal(s.qs.length, data.draw, "the quiz's draw");
  assert.deepEqual(s.qs.map((q) => q[0]), s.qs.map((_, i) => `${i + 1}.`), "numbered through");
  assert.deepEqual(s.key, s.qs, "the key has the paper's questions, numbered alike");
  assert.deepEqual(s.parts, "一二三四五六".slice(0, s.parts.length).split(""));
  assert.equal(s.counts.reduce((a, b) => a + b, 0), data.draw);
  assert.equal(s.total, String(data.draw));
  const drawn = s.qs.map((q) => q[1]);

  // A reload (the 卷号 is in the address) gives the same paper; 换一套 another.
  await page.reload();
  assert.deepEqual((await shown()).qs.map((q) => q[1]), drawn);
  await page.click(".paper-reroll");
  const code2 = page.url().split("#set-")[1];
  assert.notEqual(code2, code);
  assert.equal(await page.textContent(".paper-key .paper-set-no"), code2);
  // 全部: every printable question of the pool; back to the draw: the same set as before.
  await page.check('input[name="paper-size"][value="all"]');
  s = await shown();
  const printable = data.questions.filter((q) => !["scenario", "flashcards"].includes(q.type));
  assert.equal(s.qs.length, printable.length);
  assert.match(page.url(), /#all$/);
  assert.equal(await page.isVisible(".paper-reroll"), false);
  await page.check('input[name="paper-size"][value="draw"]');
  assert.match(page.url(), new RegExp(`#set-${code2}$`));

  // The key answers the paper: read each answer's letters off the printed options and items.
  await page.check('input[name="paper-size"][value="all"]');
  const paper = await page.evaluate(() => [...document.querySelectorAll(".paper-q")].map((q) => ({
    id: q.dataset.qid,
    options: [...q.querySelectorAll(".paper-options > li")].map((li) => li.textContent.replace(/^\s*[A-Z]+\.\s*/, "").trim()),
    right: [...q.querySelectorAll(".paper-right > li")].map((li) => li.textContent.replace(/^\s*[A-Z]+\.\s*/, "").trim()),
    answer: document.querySelector(`.paper-key-row[data-qid="${q.dataset.qid}"] .paper-key-answer`).firstChild.textContent.trim(),
  })));
  const at = (letters) => letters.split("").map((l) => l.charCodeAt(0) - 65);
  const kinds = {};
  for (const p of paper) {
    const q = data.questions.find((x) => x.id === p.id);
    kinds[q.type] = true;
    if (q.type === "single" || q.type === "multiple") {
      assert.deepEqual(at(p.answer).map((i) => p.options[i]).sort(), q.options.filter((o) => o.correct).map((o) => text(o.text)).sort(), p.id);
    } else if (q.type === "true_false") {
      assert.equal(p.answer, q.answer ? "√" : "×", p.id);
    } else if (q.type === "short") {
      assert.equal(p.answer, q.accepted[0], p.id);
    } else if (q.type === "ordering") {
      const shownItems = p.options;
      assert.notDeepEqual(shownItems, q.items, "the items are not printed in their answer order");
      assert.deepEqual(p.answer.split("→").map((l) => shownItems[at(l)[0]]), q.items, p.id);
    } else if (q.type === "matching") {
      const rows = p.answer.split("　").map((r) => r.split("—")[1]);
      assert.deepEqual(rows.map((l) => p.right[at(l)[0]]), q.pairs.map((x) => x.right), p.id);
    }
  }
  assert.deepEqual(Object.keys(kinds).sort(), ["matching", "multiple", "ordering", "short", "single", "true_false"]);
  // Not every single-choice answer is A (options are printed shuffled, like the quiz plays them).
  assert.ok(new Set(paper.filter((p) => data.questions.find((x) => x.id === p.id).type === "single").map((p) => p.answer)).size > 1);

  // Printing: 打印试卷 prints the paper without the key; 打印参考答案 the key alone.
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => {
    window.__printed = [];
    window.print = () => {
      const shows = (sel) => getComputedStyle(document.querySelector(sel)).display !== "none";
      window.__printed.push({ paper: shows(".paper"), key: shows(".paper-key"), bar: shows(".paper-actions") });
    };
  });
  // (The buttons themselves are not printed: clicked as under print media.)
  await page.$eval(".paper-print", (b) => b.click());
  await page.$eval(".paper-print-key", (b) => b.click());
  assert.deepEqual(await page.evaluate(() => window.__printed), [
    { paper: true, key: false, bar: false },
    { paper: false, key: true, bar: false },
  ]);
  // After printing the key, the page prints the paper again.
  assert.equal(await page.isVisible(".paper"), true);
  assert.equal(await page.isVisible(".paper-key"), false);
  await page.emulateMedia({ media: "screen" });

  // A quiz of scenarios only has no paper and no link to one.
  await page.goto(site("quizzes/scenario-outage/index.html"));
  assert.equal(await page.locator("a.paper-link").count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("错题本: questions missed in any quiz are practised together and leave once answered right", async () => {
  const { ctx, page, errors } = await fresh();
  const wrongable = (q) => ["single", "multiple", "true_false", "short"].includes(q.type);
  const missed = [];
  for (const [id, howMany] of [["principles", 2], ["confidentiality-recusal", 1]]) {
    await page.goto(site(`quizzes/${id}/index.html`));
    await page.waitForSelector(".quiz-stage > .quiz-card");
    const quiz = await quizData(page, id);
    let left = howMany;
    await play(page, quiz, (q) => {
      if (left > 0 && wrongable(q)) { left--; missed.push(`${id}/${q.id}`); return false; }
      return true;
    });
    // The result points to the 错题本.
    assert.equal(await page.locator('.quiz-result a[href$="progress/mistakes/index.html"]').count(), 1);
  }
  let d = await stored(page);
  assert.deepEqual(inMistakes(d.wrong).sort(), [...missed].sort());
  for (const k of missed) assert.equal(d.wrong[k].n, 1);
  // (The questions answered right are kept for that answer's time: n 0, out of the 错题本.)
  assert.ok(Object.keys(d.wrong).filter((k) => !missed.includes(k)).every((k) => d.wrong[k].n === 0 && d.wrong[k].ok > 0), JSON.stringify(d.wrong));

  await page.goto(site("progress/index.html"));
  assert.match(await page.textContent(".progress-mistakes"), /错题本里有 3 道题待复习/);
  await page.click(".progress-mistakes a");
  await page.waitForSelector("#mistakes-h");
  assert.equal(await page.textContent("#mistakes-h"), "共 3 道错题");
  // In the order of the book's quiz list.
  assert.deepEqual(await page.locator(".mistakes-quiz").evaluateAll((s) => s.map((x) => x.dataset.quiz)), ["confidentiality-recusal", "principles"]);
  assert.deepEqual((await page.locator(".mistakes-item").evaluateAll((s) => s.map((x) => x.closest(".mistakes-quiz").dataset.quiz + "/" + x.dataset.qid))).sort(), [...missed].sort());
  assert.match(await page.textContent(".mistakes-item .mistakes-meta"), /错 1 次/);

  // Practise all three, mixed: the first answered wrong again, the others right.
  const data = { questions: [] };
  for (const id of ["principles", "confidentiality-recusal"]) data.questions.push(...(await quizData(page, id)).questions);
  await page.click(".mistakes-all");
  let again = null;
  for (let i = 0; i < 3; i++) {
    assert.equal(squash(await page.textContent(".mistakes-player .quiz-counter")), `第 ${i + 1} / 3 题`);
    assert.match(await page.textContent(".mistakes-player .quiz-type"), / · (投诉处理原则测验|.*保密.*)/);
    const q = await current(page, data);
    if (i === 0) again = missed.find((k) => k.endsWith("/" + q.id));
    await answer(page, q, i > 0);
    await page.keyboard.press("Enter");
  }
  await page.waitForSelector(".mistakes-player .quiz-result");
  assert.match(await page.textContent(".mistakes-player .quiz-result"), /答对了 2 道，已从错题本移出；其余 1 道还在错题本里/);
  assert.equal(await page.locator(".mistakes-player .quiz-practice").count(), 1, "只练错题 goes on with the one left");
  d = await stored(page);
  assert.equal(d.wrong[again].n, 2);
  assert.ok(d.wrong[again].last > d.wrong[again].ok);
  for (const k of missed.filter((k) => k !== again)) assert.ok(d.wrong[k].ok > d.wrong[k].last, k);
  // A practice is no quiz attempt.
  assert.equal(d.quizzes.principles.attempts, 1);
  assert.equal(d.quizzes["confidentiality-recusal"].attempts, 1);
  await page.click(".quiz-back");
  assert.equal(await page.textContent("#mistakes-h"), "共 1 道错题");
  assert.match(await page.textContent(".mistakes-meta"), /错 2 次/);
  // A practice can be left half-way.
  await page.click(".mistakes-all");
  assert.equal(await page.isVisible("#mistakes-app"), false);
  await page.click(".mistakes-leave");
  assert.equal(await page.isVisible(".mistakes-player"), false);
  assert.equal(await page.textContent("#mistakes-h"), "共 1 道错题");

  // Right in the whole quiz, it leaves too: the book is empty.
  const [qid, rest] = [again.split("/")[0], again.split("/")[1]];
  await page.goto(site(`quizzes/${qid}/index.html`));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  await play(page, await quizData(page, qid), () => true);
  await page.goto(site("progress/mistakes/index.html"));
  await page.waitForSelector("#mistakes-h");
  assert.equal(await page.textContent("#mistakes-h"), "错题本是空的");
  assert.ok(rest);

  // Merged from another computer: a later right answer there takes a question out here; a
  // mistake there that this browser never saw comes in.
  const merged = await page.evaluate(() => {
    const S = window.HandbookQuiz.store;
    const a = S.clean({ v: 1, wrong: { "q/1": { n: 1, last: 100, ok: 0 }, "bad": { n: 1, last: 5 }, "q/x": { n: "2", last: 1 } } });
    const b = S.clean({ v: 1, wrong: { "q/1": { n: 1, last: 100, ok: 200 }, "q/2": { n: 3, last: 300, ok: 0 } } });
    return { keys: Object.keys(a.wrong), book: S.wrongList(S.mergeInto(a, b)).map((e) => e.quiz + "/" + e.id + ":" + e.n) };
  });
  assert.deepEqual(merged, { keys: ["q/1"], book: ["q/2:3"] });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("exam: no right or wrong until handed in; a time limit hands it in when it runs out", async () => {
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  const tf = (n, answer) => `  - id: e-${n}\n    type: true_false\n    prompt: 第${n}题的说法\n    answer: ${answer}\n    explanation: 第${n}题的解析。\n`;
  writeFileSync(join(book, "content/quizzes/exam.quiz.yaml"),
    `id: exam\ntitle: 结业考试\nexam: true\ntime_limit: 1\npass_mark: 60\nshuffle: false\nquestions:\n${tf(1, true)}${tf(2, false)}${tf(3, true)}`);
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.clock.install();
  await page.goto(fileUrl(join(book, "site/quizzes/exam/index.html")));
  assert.match(await page.textContent(".page-header .meta"), /考试：交卷后才显示对错和解析.*限时 1 分钟/);
  // Nothing runs until 开始考试: no question, no clock.
  await page.waitForSelector(".quiz-exam-start");
  assert.match(await page.textContent(".quiz-exam-start"), /共 3 题.*限时 1 分钟/s);
  assert.equal(await page.locator(".quiz-timer").count(), 0);
  await page.click(".quiz-start");
  const quiz = await quizData(page, "exam");
  const answerTf = async (right) => {
    const q = await current(page, quiz);
    await page.locator(`.quiz-stage input[data-index="${q.answer === right ? 0 : 1}"]`).check();
    await page.click(".quiz-stage button[type=submit]");
  };
  assert.match(await page.textContent(".quiz-timer"), /剩余 (1:00|0:59)/);
  assert.equal(await page.textContent(".quiz-stage button[type=submit]"), "下一题");
  await answerTf(false);
  // Straight on to question 2: no feedback shown.
  assert.equal(squash(await page.textContent(".quiz-counter")), "第 2 / 3 题");
  assert.equal(await page.locator(".quiz-feedback-box").count(), 0);
  await answerTf(true);
  assert.equal(await page.textContent(".quiz-stage button[type=submit]"), "检查并交卷");
  await answerTf(true);
  await handIn(page);
  assert.equal(await page.textContent(".quiz-score strong"), "67%");
  assert.equal(await page.locator(".quiz-timeout").count(), 0);
  // Handed in: the missed question with its explanation.
  await page.click(".quiz-review-btn");
  assert.match(await page.textContent(".quiz-review"), /第1题的解析/);
  let d = await stored(page);
  assert.equal(d.quizzes.exam.attempts, 1);
  assert.equal(d.wrong["exam/e-1"].n, 1);

  // Again, answering one question and then letting the minute run out.
  await page.click(".quiz-retake");
  await answerTf(true);
  await page.clock.fastForward(50000);
  await page.waitForSelector(".quiz-timer.is-low");
  await page.clock.fastForward(11000);
  await page.waitForSelector(".quiz-result");
  assert.match(await page.textContent(".quiz-timeout"), /时间到，已自动交卷：没有作答的 2 题计 0 分/);
  assert.equal(await page.textContent(".quiz-score strong"), "33%");
  // The two left unanswered are not said to be answered wrong (错题本 says 未作答 too).
  assert.match(await page.textContent(".quiz-stats"), /^共 3 题：答对 1 题，答错 0 题，未作答 2 题 · /);
  d = await stored(page);
  assert.equal(d.quizzes.exam.attempts, 2);
  assert.equal(d.quizzes.exam.lastScore, 33);
  assert.deepEqual(errors, []);

  // Leaving an exam in progress asks first; a handed-in exam leaves quietly.
  const asked = async (inProgress) => {
    const p = await ctx.newPage();
    await p.goto(fileUrl(join(book, "site/quizzes/exam/index.html")));
    // (The exam left in progress before is taken up again: no 开始考试 then.)
    await p.waitForSelector(".quiz-start, .quiz-resumed");
    if (await p.locator(".quiz-start").count()) await p.click(".quiz-start");
    if (!inProgress) {
      for (let i = 0; i < 3; i++) {
        await p.locator(".quiz-stage input[data-index=\"0\"]").check();
        await p.click(".quiz-stage button[type=submit]");
      }
      await handIn(p);
    }
    let dialog = null;
    p.on("dialog", async (dlg) => { dialog = dlg.type(); await dlg.accept(); });
    await p.close({ runBeforeUnload: true });
    for (let i = 0; i < 20 && dialog === null && inProgress; i++) await new Promise((r) => setTimeout(r, 50));
    return dialog;
  };
  assert.equal(await asked(true), "beforeunload");
  assert.equal(await asked(false), null);
  await ctx.close();
});

test("演示模式's note says the day it ends when that is not today", async () => {
  const { ctx, page, errors } = await fresh();
  const url = site("index.html");
  await page.goto(url);
  for (const days of [1, 0]) {
    // Tomorrow at 03:57; today two minutes on (as it was, the time alone -- unless that is
    // past midnight already, which says 明天 too).
    const said = await page.evaluate((days) => {
      const now = new Date(), d = days ? new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 3, 57) : new Date(now.getTime() + 120000);
      localStorage.setItem("handbook-demo:" + document.body.dataset.book, String(d.getTime()));
      const p = (n) => (n < 10 ? "0" : "") + n;
      return (d.getDate() !== now.getDate() ? "明天 " : "") + p(d.getHours()) + ":" + p(d.getMinutes()) + " 自动结束。";
    }, days);
    if (days) assert.equal(said, "明天 03:57 自动结束。");
    await page.goto(url);
    const note = await page.textContent(".demo-note");
    assert.ok(note.includes("仅供培训师的段落先收起。" + said), note);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a call ended in 演示模式 says it is kept for this tab only, not that it went into anyone's record", async () => {
  const { ctx, page, errors } = await fresh();
  const url = site("quizzes/scenario-outage/index.html");
  await page.goto(url);
  await page.evaluate(() => localStorage.setItem("handbook-demo:" + document.body.dataset.book, String(Date.now() + 3600000)));
  await page.goto(url);
  for (;;) {
    await page.waitForSelector(".scenario-option, .scenario-ending");
    if (await page.$(".scenario-ending")) break;
    await page.click('.scenario-option[data-index="0"]');
    await page.click(".scenario-stage button.primary");
  }
  const said = squash(await page.textContent(".quiz-recorded"));
  assert.match(said, /^演示模式：(通过|未通过)（及格线 \d+%），只在这个标签页里看，不记入任何学员的学习进度。/);
  assert.doesNotMatch(said, /已记入学习进度/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("scenario in 演示模式: a class takes a choice back with 改选这一步, and the options keep one order from play to play", async () => {
  const { ctx, page, errors } = await fresh();
  const url = site("quizzes/scenario-outage/index.html");
  await page.goto(url);
  await page.waitForSelector(".scenario-option");
  // A learner's own call: no taking back.
  await page.click(".scenario-option >> nth=0");
  assert.equal(await page.locator(".scenario-redo").count(), 0);
  await page.evaluate(() => localStorage.setItem("handbook-demo:" + document.body.dataset.book, String(Date.now() + 3600000)));
  await page.goto(url);
  await page.waitForSelector(".scenario-option");
  const order = () => page.$$eval(".scenario-option", (bs) => bs.map((b) => b.dataset.index).join());
  const first = await order();
  await page.reload();
  await page.waitForSelector(".scenario-option");
  assert.equal(await order(), first, "the same order on another play");
  const lines = () => page.locator(".scenario-log .scenario-me").count();
  await page.click(".scenario-option >> nth=1");
  assert.equal(await lines(), 1);
  // The class talks it over before the verdict: points and feedback wait for 显示点评.
  assert.equal(await page.isVisible(".scenario-log .scenario-feedback"), false);
  await page.click(".scenario-verdict");
  assert.equal(await page.isVisible(".scenario-log .scenario-feedback"), true);
  await page.click(".scenario-redo");
  await page.waitForSelector(".scenario-option");
  assert.equal(await lines(), 0, "the answer taken back is out of the call");
  assert.equal(await page.locator(".scenario-log .scenario-feedback").count(), 0);
  assert.equal(await order(), first);
  assert.equal(await page.locator(".scenario-log .scenario-customer").count(), 1, "the customer's words not said twice");
  await page.click(".scenario-option >> nth=0");
  assert.equal(await lines(), 1);
  // 继续通话 without asking: the verdict is in the call's record above the customer's reply.
  await page.click(".scenario-stage button.primary");
  assert.equal(await page.isVisible(".scenario-log .scenario-feedback"), true);
  assert.deepEqual(errors, []);
  await ctx.close();
});
