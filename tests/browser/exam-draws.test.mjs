// 每章抽题: a quiz that takes questions from the chapters' quizzes (`from`) may draw so many of
// each at every attempt (`draw` under the entry), and a 卷号 of its paper holds the same mix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildQuizBook, launch, fileUrl } from "./helpers.mjs";

const tf = (id, n) => Array.from({ length: n }, (_, i) => `  - {id: ${id}-${i + 1}, type: true_false, prompt: "${id} 第 ${i + 1} 题", answer: true}`).join("\n");
let root, browser;
before(async () => {
  root = buildQuizBook({
    ch1: `id: ch1\ntitle: 第一章\nquestions:\n${tf("ch1", 5)}\n`,
    ch2: `id: ch2\ntitle: 第二章\nquestions:\n${tf("ch2", 4)}\n`,
    mix: `id: mix\ntitle: 综合练习\nfrom:\n  - quiz: ch1\n    draw: 2\n  - quiz: ch2\n    draw: 1\nquestions:\n${tf("mix", 1)}\n`,
    // Then 2 of those 3 in all.
    few: `id: few\ntitle: 抽查\ndraw: 2\nfrom:\n  - quiz: ch1\n    draw: 2\n  - quiz: ch2\n    draw: 1\nquestions: []\n`,
    // A source drawn from, one taken whole, and the quiz's own draw of all that.
    big: `id: big\ntitle: 大卷\ndraw: 5\nfrom:\n  - quiz: ch2\n    draw: 3\n  - quiz: ch1\nquestions:\n${tf("big", 3)}\n`,
    // Single choice and true/false: the paper puts them in parts, 单选题 first.
    kinds: `id: kinds\ntitle: 题型混合\ndraw: 4\nfrom:\n  - quiz: ch1\n    draw: 2\nquestions:\n${tf("kt", 2)}\n` +
      `  - {id: ks-1, type: single, prompt: "单选一", options: [{text: 甲, correct: true}, {text: 乙}]}\n` +
      `  - {id: ks-2, type: single, prompt: "单选二", options: [{text: 甲, correct: true}, {text: 乙}]}\n`,
  });
  browser = await launch();
});
after(async () => { await browser?.close(); });

const chapter = (id) => id.replace(/-\d+$/, "");
const count = (ids) => ids.reduce((c, id) => { c[chapter(id)] = (c[chapter(id)] || 0) + 1; return c; }, {});

test("an attempt asks each chapter's draw of its questions, a different mix each time", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(root, "site/quizzes/mix/index.html")));
  assert.match(await page.textContent(".meta"), /10 题.*每次随机抽取 4 题/);
  await page.goto(fileUrl(join(root, "site/quizzes/index.html")));
  assert.match(await page.textContent("main"), /每次 4 题（题库 10 题）/);
  const seen = new Set();
  for (let i = 0; i < 6; i++) {
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith("handbook-attempt:")) localStorage.removeItem(k); });
    await page.goto(fileUrl(join(root, "site/quizzes/mix/index.html")));
    await page.waitForSelector(".quiz-stage .quiz-card");
    // (An attempt is kept once something is answered.)
    await page.locator('.quiz-stage input[data-index="0"]').check();
    await page.click(".quiz-stage button[type=submit]");
    const qs = await page.evaluate(() => {
      const k = Object.keys(localStorage).find((k) => k.startsWith("handbook-attempt:") && k.endsWith(":mix"));
      return JSON.parse(localStorage.getItem(k)).qs;
    });
    assert.deepEqual(count(qs), { mix: 1, ch1: 2, ch2: 1 }, qs.join());
    // In the order written: its own, then the chapters'.
    assert.deepEqual(qs.map(chapter), ["mix", "ch1", "ch1", "ch2"]);
    seen.add(qs.join());
  }
  assert.ok(seen.size > 1, "six attempts drew the same questions");
  // The quiz's own draw, of what the chapters' draws gave.
  for (let i = 0; i < 4; i++) {
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith("handbook-attempt:")) localStorage.removeItem(k); });
    await page.goto(fileUrl(join(root, "site/quizzes/few/index.html")));
    await page.waitForSelector(".quiz-stage .quiz-card");
    await page.locator('.quiz-stage input[data-index="0"]').check();
    await page.click(".quiz-stage button[type=submit]");
    const qs = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith("handbook-attempt:") && k.endsWith(":few")))).qs);
    const c = count(qs);
    assert.ok(qs.length === 2 && (c.ch1 || 0) <= 2 && (c.ch2 || 0) <= 1, qs.join());
  }
  await ctx.close();
});

test("a 卷号 of the paper holds each chapter's draw, and the same 卷号 the same questions", async () => {
  const page = await browser.newPage();
  const drawnSet = async () => page.evaluate(() => Array.from(document.querySelectorAll(".paper-q")).filter((q) => !q.hidden).map((q) => q.getAttribute("data-qid")));
  await page.goto(fileUrl(join(root, "site/quizzes/mix/paper/index.html")) + "#set-AB12");
  const first = await drawnSet();
  assert.deepEqual(count(first), { mix: 1, ch1: 2, ch2: 1 }, first.join());
  assert.match(await page.textContent(".paper-rules"), /共 4 题/);
  await page.reload();
  assert.deepEqual(await drawnSet(), first, "the same 卷号 after a reload");
  const sets = new Set([first.join()]);
  for (const code of ["ZZ99", "K3F9", "QW2E", "M7N8"]) {
    await page.goto(fileUrl(join(root, "site/quizzes/mix/paper/index.html")) + "#set-" + code);
    await page.reload();
    const ids = await drawnSet();
    assert.deepEqual(count(ids), { mix: 1, ch1: 2, ch2: 1 }, code + ": " + ids.join());
    sets.add(ids.join());
  }
  assert.ok(sets.size > 1, "five 卷号 drew the same questions");
  await page.close();
});

// A 卷号 printed last month must still give the same paper: these were drawn by the paper's
// draw as first written, and every draw since must give them again.
const PAPERS = {
  "mix AB12": "mix-1 ch1-3 ch1-5 ch2-2",
  "mix ZZ99": "mix-1 ch1-1 ch1-4 ch2-1",
  "mix K3F9": "mix-1 ch1-1 ch1-2 ch2-1",
  "few AB12": "ch1-3 ch2-2",
  "few ZZ99": "ch1-4 ch2-1",
  "few QW2E": "ch1-4 ch1-5",
  "big AB12": "ch1-1 ch1-2 ch1-3 ch1-4 ch1-5",
  "big ZZ99": "big-2 big-3 ch2-4 ch1-2 ch1-3",
  "big K3F9": "big-1 big-2 big-3 ch2-4 ch1-5",
  "kinds AB12": "ks-1 kt-1 ch1-3 ch1-5",
  "kinds ZZ99": "ks-1 ks-2 kt-1 ch1-1",
  "kinds QW2E": "ks-1 kt-1 ch1-4 ch1-5",
};

test("a 卷号 draws the questions it always drew", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  for (const [key, ids] of Object.entries(PAPERS)) {
    const [quiz, code] = key.split(" ");
    await page.goto(fileUrl(join(root, `site/quizzes/${quiz}/paper/index.html`)) + "#set-" + code);
    await page.reload();
    const shown = await page.evaluate(() => Array.from(document.querySelectorAll(".paper-q")).filter((q) => !q.hidden).map((q) => q.getAttribute("data-qid")).join(" "));
    assert.equal(shown, ids, key);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("the player draws as the paper does: given a 卷号's numbers, an attempt asks that paper's questions", async () => {
  for (const key of ["mix AB12", "few ZZ99", "big K3F9"]) {
    const [quiz, code] = key.split(" ");
    const ctx = await browser.newContext();
    // handbook.js's draw, as quiz.js calls it, fed the 卷号's generator instead of Math.random.
    await ctx.addInitScript((code) => {
      let h;
      Object.defineProperty(window, "Handbook", {
        configurable: true, get: () => h,
        set: (v) => { h = Object.assign({}, v, { draw: (n, fromOf, draws, d) => v.draw(n, fromOf, draws, d, v.seeded(code)) }); },
      });
    }, code);
    const page = await ctx.newPage();
    await page.goto(fileUrl(join(root, `site/quizzes/${quiz}/index.html`)));
    await page.waitForSelector(".quiz-stage .quiz-card");
    await page.locator('.quiz-stage input[data-index="0"]').check();
    await page.click(".quiz-stage button[type=submit]");
    const qs = await page.evaluate((quiz) => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith("handbook-attempt:") && k.endsWith(":" + quiz)))).qs, quiz);
    // (The paper lists them in the order written; the player, in the draw's.)
    const order = await page.evaluate((quiz) => window.HANDBOOK_QUIZZES[quiz].questions.map((q) => q.id), quiz);
    assert.equal(qs.sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(" "), PAPERS[key], key);
    await ctx.close();
  }
});
