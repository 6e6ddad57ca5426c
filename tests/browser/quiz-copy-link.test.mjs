// 复制本题链接 where a learner meets a question: in the quiz player once its feedback shows, and
// beside each question of the 错题本. It copies the whole address that plays that question
// alone (from file://, or a server's sub-path), to send to a colleague or the trainer; where
// nothing can be copied, the address is left selected beside the button. An exam offers none,
// running or handed in: its questions are not to be passed round.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { withBrowserAndBook, initBook, repo, bin, fileUrl, freshPage, fakeClipboard, copyField, staticServer, answerExamTf, handIn } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const tf = (id, n, answer) => `  - {id: ${id}, type: true_false, prompt: "${id} 的说法（第 ${n} 题）", answer: ${answer}, explanation: "${id} 的解析。"}\n`;
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  writeFileSync(join(book, "content/quizzes/ch1.quiz.yaml"), `id: ch1\ntitle: 第一章练习\nshuffle: false\nquestions:\n${tf("ch1-1", 1, true)}${tf("ch1-2", 2, false)}${tf("ch1-3", 3, true)}`);
  writeFileSync(join(book, "content/quizzes/exam.quiz.yaml"),
    `id: exam\ntitle: 结业考试\nexam: true\npass_mark: 60\nshuffle: false\nfrom:\n  - quiz: ch1\n    questions: [ch1-3]\nquestions:\n${tf("e-1", 1, true)}${tf("e-2", 2, false)}`);
  // The first lesson plays 第一章练习 in its page.
  const lesson = join(book, "content/basics/first-lesson.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8") + "\n## 练一练\n\n```quiz ch1\n```\n");
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  return book;
});

const site = (rel) => fileUrl(join(root, "site", rel));

/** Answers the true/false question on show (`right` or not) and submits it; its id. */
async function answerTf(page, scope, right) {
  const card = page.locator(`${scope} .quiz-stage > .quiz-card`);
  const qid = await card.getAttribute("data-qid");
  const answer = await page.evaluate((id) => Object.values(window.HANDBOOK_QUIZZES).flatMap((d) => d.questions).find((q) => q.id === id).answer, qid);
  await card.locator(`input[data-index="${answer === right ? 0 : 1}"]`).check();
  await card.locator("button[type=submit]").click();
  return qid;
}

/** What the status region says once it says something. */
async function said(page) {
  await page.waitForFunction(() => (document.getElementById("copy-status") || {}).textContent);
  return page.textContent("#copy-status");
}

/** Opens `address` in a page of its own: the question it plays alone, or null. */
async function playsAlone(ctx, address) {
  const page = await ctx.newPage();
  await page.goto(address);
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const alone = {
    qid: await page.getAttribute(".quiz-stage > .quiz-card", "data-qid"),
    cards: await page.locator(".quiz-stage > .quiz-card").count(),
    counter: (await page.textContent(".quiz-stage .quiz-counter")).trim(),
    whole: await page.locator(".quiz-whole").isVisible(),
  };
  await page.close();
  return alone;
}

test("after the feedback, 复制本题链接 copies the address that plays the question alone; the review of wrong answers has it too", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await fakeClipboard(ctx);
  await page.goto(site("quizzes/ch1/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  // Not before the question is answered.
  assert.equal(await page.locator(".quiz-stage .quiz-copy-link").isVisible(), false);
  const qid = await answerTf(page, "", true);
  assert.equal(qid, "ch1-1");
  const button = page.locator(".quiz-stage .quiz-after .quiz-copy-link");
  assert.equal(await button.isVisible(), true);
  assert.equal(await button.textContent(), "复制本题链接");
  await button.click();
  assert.equal(await said(page), "已复制本题链接");
  assert.equal(await button.textContent(), "已复制");
  const [text] = await page.evaluate(() => window.__copied);
  const address = site("quizzes/ch1/index.html") + "#ch1-1";
  assert.equal(text, "【第一章练习】ch1-1 的说法（第 1 题）\n单题练习：" + address);
  assert.deepEqual(await playsAlone(ctx, address), { qid: "ch1-1", cards: 1, counter: "判断题", whole: true });

  // A wrong answer, looked at again after the result: the same button on its card.
  await page.click(".quiz-next");
  assert.equal(await answerTf(page, "", false), "ch1-2");
  await page.click(".quiz-next");
  await answerTf(page, "", true);
  await page.click(".quiz-next");
  await page.click(".quiz-review-btn");
  const review = page.locator('.quiz-review .quiz-card[data-qid="ch1-2"] .quiz-copy-link');
  await review.click();
  await page.waitForFunction(() => window.__copied.length === 2);
  assert.ok((await page.evaluate(() => window.__copied[1])).endsWith("单题练习：" + site("quizzes/ch1/index.html") + "#ch1-2"));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a quiz played in a lesson, on a server under a sub-path: the address of the quiz's own page there", async () => {
  const server = await staticServer(root);
  try {
    const { ctx, page, errors } = await freshPage(browser);
    await fakeClipboard(ctx);
    await page.goto(server.url + "site/basics/first-lesson/index.html");
    await page.waitForSelector(".quiz-app .quiz-stage > .quiz-card");
    await answerTf(page, ".quiz-app", false);
    await page.click(".quiz-app .quiz-copy-link");
    await page.waitForFunction(() => window.__copied.length === 1);
    const address = server.url + "site/quizzes/ch1/index.html#ch1-1";
    assert.ok((await page.evaluate(() => window.__copied[0])).endsWith("单题练习：" + address));
    assert.deepEqual(await playsAlone(ctx, address), { qid: "ch1-1", cards: 1, counter: "判断题", whole: true });
    assert.deepEqual(errors, []);
    await ctx.close();
  } finally {
    server.close();
  }
});

test("where nothing can be copied: 复制失败, and the address selected beside the button, which plays the question alone", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await fakeClipboard(ctx, false);
  await page.goto(site("quizzes/ch1/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  await answerTf(page, "", false);
  const button = page.locator(".quiz-stage .quiz-copy-link");
  await button.click();
  assert.equal(await said(page), "复制失败，链接在按钮旁，请手动复制");
  assert.equal(await button.textContent(), "复制失败");
  const field = await copyField(button);
  assert.deepEqual(field, { value: site("quizzes/ch1/index.html") + "#ch1-1", focused: true, selected: true, name: "本题练习链接" });
  assert.deepEqual(await playsAlone(ctx, field.value), { qid: "ch1-1", cards: 1, counter: "判断题", whole: true });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("an exam offers no 复制本题链接: not while it runs, nor after 交卷 (result, 查看错题, 只练错题)", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await fakeClipboard(ctx);
  await page.goto(site("quizzes/exam/index.html"));
  await page.click(".quiz-start");
  const none = async (when) => assert.equal(await page.locator(".quiz-copy-link").count(), 0, when);
  for (const right of [true, false, false]) {
    await none("before answering");
    await answerExamTf(page, right);
  }
  await none("交卷前检查");
  await handIn(page);
  await none("the result");
  await page.click(".quiz-review-btn");
  await page.waitForSelector(".quiz-review .quiz-card");
  await none("查看错题");
  await page.click(".quiz-review button:has-text('返回成绩')");
  await page.click(".quiz-practice");
  await answerTf(page, "", false);
  await page.waitForSelector(".quiz-stage .quiz-feedback-box");
  await none("只练错题, the feedback shown");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("the 错题本: 复制本题链接 beside each question but an exam's, and in its practice after the feedback", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await fakeClipboard(ctx);
  await page.goto(site("progress/mistakes/index.html"));
  // Missed in the exam: its own question, and one it took from 第一章练习 (kept under that quiz).
  await page.evaluate(() => {
    const last = Date.now();
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {},
      wrong: { "exam/e-2": { n: 1, last, ok: 0 }, "ch1/ch1-3": { n: 1, last, ok: 0 } } }));
  });
  await page.reload();
  await page.waitForSelector(".mistakes-item");
  assert.equal(await page.locator('.mistakes-quiz[data-quiz="exam"] .mistakes-copy').count(), 0, "none for an exam's question");
  const button = page.locator('.mistakes-quiz[data-quiz="ch1"] .mistakes-item[data-qid="ch1-3"] .mistakes-copy');
  await button.click();
  assert.equal(await said(page), "已复制本题链接");
  const address = site("quizzes/ch1/index.html") + "#ch1-3";
  assert.equal(await page.evaluate(() => window.__copied[0]), "【第一章练习】ch1-3 的说法（第 3 题）\n单题练习：" + address);
  assert.deepEqual(await playsAlone(ctx, address), { qid: "ch1-3", cards: 1, counter: "判断题", whole: true });

  // Practised together: after each answer, the question's own quiz page, none for the exam's.
  await page.click(".mistakes-all");
  for (let i = 0; i < 2; i++) {
    const qid = await answerTf(page, ".mistakes-player", false);
    const copy = page.locator(".mistakes-player .quiz-after .quiz-copy-link");
    if (qid === "e-2") assert.equal(await copy.count(), 0, "the exam's question");
    else {
      assert.equal(qid, "ch1-3");
      await copy.click();
      await page.waitForFunction(() => window.__copied.length === 2);
      assert.ok((await page.evaluate(() => window.__copied[1])).endsWith("单题练习：" + address));
    }
    await page.click(".mistakes-player .quiz-next");
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});
