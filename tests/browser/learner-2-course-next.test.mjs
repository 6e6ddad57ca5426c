// A quiz on a page of the onboarding course (a checkpoint) ends with 接下来： leading first
// to the course's next item -- the page's own 下一项, with the title .course-continue gives
// it -- so a learner goes on in the course's order; elsewhere the list is as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, freshPage, playCall } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

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
  // The quiz's related pages are listed just below (相关内容): one link there, not the list
  // again in this line.
  const related = await page.$$eval("section.related li a", (as) => as.length);
  assert.ok(related > 1, `${related}`);
  const line = await page.$$eval(".quiz-result .quiz-links a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
  assert.deepEqual(line.slice(-1), [[`相关内容（${related} 项）`, "#相关内容"]], JSON.stringify(line));
  assert.ok(line.length <= 4, JSON.stringify(line));
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

test("the home page offers 继续入职课程 once the course is started, and not before", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("index.html"));
  await page.waitForLoadState("load");
  assert.equal(await page.$(".course-resume"), null, "nothing for whoever has not started");
  // The course's first two items, as the course page lists them.
  await page.goto(site("course/index.html"));
  const items = await page.$$eval(".course-modules .course-item a", (as) => as.slice(0, 2).map((a) => ({ href: a.href, title: a.textContent.trim() })));
  const readToEnd = async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => {
      const p = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book) || "null");
      return p && Object.keys(p.lessons || {}).length > 0;
    });
  };
  // A reader who opens the first lesson by itself (a search result) and reads it to its end
  // has not set out on the course: no 继续入职课程（1 / 61） on the home page.
  await page.goto(items[0].href);
  await readToEnd();
  await page.goto(site("index.html"));
  await page.waitForSelector("#my-pages", { state: "attached" });
  assert.equal(await page.$(".course-resume"), null, "one lesson read by itself");
  // Gone into the course by its page: started, kept for the next visit.
  await page.goto(site("course/index.html"));
  await page.click(".course-modules .course-item a >> nth=0");
  await page.waitForLoadState("load");
  assert.equal(page.url(), items[0].href);
  await page.goto(site("index.html"));
  await page.waitForSelector(".course-resume");
  assert.match(squash(await page.textContent(".course-resume")), /^继续入职课程（已完成 1 \/ \d+ 项）：/);
  const link = page.locator(".course-resume a");
  assert.equal(await link.textContent(), items[1].title);
  await link.click();
  await page.waitForLoadState("load");
  assert.equal(page.url(), items[1].href);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("the course's strip on a course item shows for learners, not for a reader who never started", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("course/index.html"));
  const items = await page.$$eval(".course-modules .course-item a", (as) => as.map((a) => a.href));
  const rule = items.find((h) => /\/rules\/TS-[A-Z]+-\d+\//.test(h));
  const lessons = items.filter((h) => !/\/(rules|quizzes)\//.test(h));
  assert.ok(rule && lessons.length >= 2, items.join("\n"));
  // A frontline worker opening the rule card by itself: no 入职课程 › … strip, no 继续入职课程.
  const other = await freshPage(browser);
  await other.page.goto(rule);
  await other.page.waitForFunction(() => document.body.className.indexOf("course-quiet") >= 0);
  assert.equal(await other.page.isHidden("nav.course-step"), true);
  assert.equal(await other.page.isHidden("nav.course-continue"), true);
  // Through the course page: shown, and on along the strip's 下一项 too.
  await page.click(`.course-modules .course-item a[href$="${new URL(lessons[0]).pathname.split("/site/")[1]}"]`);
  await page.waitForLoadState("load");
  assert.equal(await page.isVisible("nav.course-step"), true);
  await page.click("nav.course-step a.course-step-next");
  await page.waitForLoadState("load");
  assert.equal(await page.isVisible("nav.course-step"), true);
  // A reader who has read another item of the course by itself is not a learner yet.
  await other.page.goto(lessons[0]);
  await other.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await other.page.waitForFunction(() => /"lessons":\{"[^"]/.test(JSON.stringify(window.HandbookQuiz.load())));
  await other.page.goto(rule);
  await other.page.waitForFunction(() => document.body.className.indexOf("course-quiet") >= 0);
  assert.equal(await other.page.isHidden("nav.course-step"), true);
  // One who went into the course by its page, opening the card by itself in another tab: shown.
  await other.page.goto(site("course/index.html"));
  await other.page.click(".course-modules .course-item a >> nth=0");
  await other.page.waitForLoadState("load");
  const tab = await other.ctx.newPage();
  await tab.goto(rule);
  await tab.waitForLoadState("load");
  assert.equal(await tab.isVisible("nav.course-step"), true);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await ctx.close();
  await other.ctx.close();
});

test("the course page tells a quiz tried and not passed from one never begun", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("course/index.html"));
  const quizzes = await page.$$eval(".course-item[data-kind=quiz]", (ls) => ls.map((l) => l.getAttribute("data-id")));
  assert.ok(quizzes.length >= 3, quizzes.join(" "));
  const [failed, passed, untried] = quizzes;
  // A learner who scored 53% on the first and passed the second.
  await page.evaluate(([failed, passed]) => {
    const now = Date.now();
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: {}, scenarios: {}, cards: {}, wrong: {},
      quizzes: { [failed]: { best: 53, passed: false, attempts: 2, last: now }, [passed]: { best: 90, passed: true, attempts: 1, last: now } } }));
  }, [failed, passed]);
  await page.reload();
  const state = (id) => page.$eval(`.course-item[data-kind=quiz][data-id="${id}"]`, (l) => ({
    done: l.classList.contains("is-done"), tried: (l.querySelector(".course-tried") || {}).textContent || "" }));
  assert.deepEqual(await state(failed), { done: false, tried: "最好 53% · 未通过" });
  assert.deepEqual(await state(passed), { done: true, tried: "" });
  assert.deepEqual(await state(untried), { done: false, tried: "" });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a checkpoint not passed offers what to look at first, the next item last as skipping it", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/scenario-wrong-bill/index.html"));
  // The worst answer each time: a bad ending, not passed. (By its score, not its place: the
  // options are shuffled, and the last one shown was at times a good one -- the call then
  // passed: the CI run at 240a177 failed on it.)
  for (;;) {
    await page.waitForSelector(".scenario-option, .scenario-ending");
    if (await page.$(".scenario-ending")) break;
    const worst = await page.evaluate(() => {
      const shown = [...document.querySelectorAll(".scenario-option")];
      const q = window.HANDBOOK_QUIZZES["scenario-wrong-bill"].questions.find((x) => x.kind === "scenario" || x.nodes);
      const texts = shown.map((b) => b.textContent.trim());
      const node = q.nodes.find((n) => n.options && n.options.length === shown.length && n.options.every((o) => texts.includes(o.text.trim())));
      let best = 0;
      shown.forEach((b, k) => {
        if (node.options[+b.dataset.index].score < node.options[+shown[best].dataset.index].score) best = k;
      });
      return best;
    });
    await page.locator(".scenario-option").nth(worst).click();
    await page.click(".scenario-stage button:text-is('继续通话')");
  }
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");
  const passed = await page.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.startsWith("handbook-progress:"));
    return JSON.parse(localStorage.getItem(k)).quizzes["scenario-wrong-bill"].passed;
  });
  assert.equal(passed, false);
  const block = squash(await page.textContent(".quiz-result .quiz-links"));
  assert.match(block, /^这个检查点还没通过，可以先看：/);
  const links = await page.$$eval(".quiz-result .quiz-links a", (as) => as.map((a) => a.textContent.replace(/\s+/g, " ").trim()));
  assert.match(links.at(-1), /^先跳过，学下一项：/);
  assert.equal(links[0], "我的学习进度");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("the course's start is kept by a record's cleaning and merged as the earlier of two", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("index.html"));
  const r = await page.evaluate(() => {
    const S = window.HandbookQuiz.store;
    const a = S.clean({ v: 1, course: 2000 }), b = S.clean({ v: 1, course: 1000 }), none = S.clean({ v: 1, course: "x" });
    return { a: a.course, none: "course" in none, merged: S.mergeInto(a, b).course, into: S.mergeInto(S.clean({ v: 1 }), S.clean({ v: 1, course: 3000 })).course };
  });
  assert.deepEqual(r, { a: 2000, none: false, merged: 1000, into: 3000 });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a course item's strip says a page counts as read at its end, and says 已读 once it does", async () => {
  const { ctx, page, errors } = await fresh({ viewport: { width: 1200, height: 500 } });
  await page.goto(site("course/index.html"));
  // (A new hire went through a module by the strip's 下一项 and found every lesson 未读.)
  await page.click(".course-modules .course-item a >> nth=0");
  await page.waitForLoadState("load");
  assert.equal(squash(await page.textContent("nav.course-step .course-read")), "· 读到页尾记为已读");
  assert.equal(await page.locator(".course-read-done").count(), 0);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForSelector("nav.course-step .course-read.is-read");
  assert.equal(squash(await page.textContent("nav.course-step .course-read")), "· ✓ 已读");
  assert.equal(squash(await page.textContent("nav.course-continue .course-read-done")), "✓ 本页已记为已读");
  assert.equal(await page.isVisible("nav.course-continue .course-read-done"), true);
  // Opened again: 已读 at once.
  await page.reload();
  assert.equal(squash(await page.textContent("nav.course-step .course-read")), "· ✓ 已读");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a checkpoint's result leads to the course's next item not done yet, when the strip's next is done", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("quizzes/scenario-wrong-bill/index.html"));
  // The item after this one in the course, done already (a learner who came back to the quiz).
  const { next, after } = await page.evaluate(() => {
    const list = window.HANDBOOK_NAV.course, at = list.findIndex((x) => x.u === document.body.dataset.page);
    return { next: list[at + 1], after: list[at + 2] };
  });
  await page.evaluate((next) => {
    const d = { v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {}, wrong: {} }, now = Date.now();
    if (next.k === "quiz") d.quizzes[next.i] = { best: 100, passed: true, attempts: 1, last: now };
    else d.lessons[next.u] = now;
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify(d));
  }, next);
  await page.reload();
  await playCall(page);
  await page.click(".quiz-next");
  await page.waitForSelector(".quiz-result");
  const first = page.locator(".quiz-result .quiz-links a").first();
  assert.equal(squash(await first.textContent()), "接着学还没完成的：" + after.t);
  await first.click();
  await page.waitForLoadState("load");
  assert.equal(await page.evaluate(() => document.body.dataset.page), after.u);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a record kept before the course's start was noted reads as started by any item done, as it did then", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("index.html"));
  const items = await page.evaluate(() => window.HANDBOOK_NAV.course.slice(0, 4));
  // A learner part way through the first module, the record from before (no cs, no course).
  await page.evaluate((items) => {
    const t = Date.now() - 86400000, lessons = {};
    for (const it of items.slice(0, 3)) lessons[it.u] = t;
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons, quizzes: {}, scenarios: {}, cards: {}, wrong: {} }));
  }, items);
  await page.reload();
  await page.waitForSelector(".course-resume");
  assert.match(squash(await page.textContent(".course-resume")), /^继续入职课程（已完成 3 \/ \d+ 项）：/);
  await page.goto(site(items[3].u + "index.html"));
  assert.equal(await page.isVisible("nav.course-step"), true);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("the strip says 已读 only once the page is kept as read: not where the browser keeps nothing", async () => {
  const { ctx, page, errors } = await fresh();
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { if (String(k).startsWith("handbook-progress")) throw new Error("QuotaExceededError"); return set.call(this, k, v); };
  });
  await page.goto(site("course/index.html"));
  await page.click(".course-modules .course-item a >> nth=0");
  await page.waitForLoadState("load");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(400);
  assert.equal(squash(await page.textContent("nav.course-step .course-read")), "· 读到页尾记为已读");
  assert.equal(await page.locator(".course-read-done").count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("one question of a course quiz answered from its link is not setting out on the course", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("index.html"));
  const { quiz, lesson } = await page.evaluate(() => {
    const list = window.HANDBOOK_NAV.course;
    return { quiz: list.find((x) => x.k === "quiz" && x.i === "principles"), lesson: list.find((x) => x.k === "lesson") };
  });
  assert.ok(quiz && lesson);
  // A worker follows a rule card's 相关测验 link to one question and answers it.
  const q = await page.goto(site("quizzes/principles/index.html")).then(() => page.evaluate(() => window.HANDBOOK_QUIZZES.principles.questions.find((x) => x.type === "true_false")));
  await page.goto(site(`quizzes/principles/index.html#${q.id}`));
  await page.locator(`.quiz-stage input[data-index="${q.answer ? 0 : 1}"]`).check();
  await page.click(".quiz-stage button[type=submit]");
  await page.waitForFunction(() => /"wrong":\{"principles\//.test(JSON.stringify(window.HandbookQuiz.load())));
  // Then reads a lesson of the course by itself: no 继续入职课程 on the home page.
  await page.goto(site(lesson.u + "index.html"));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => Object.keys(window.HandbookQuiz.load().lessons).length > 0);
  await page.goto(site("index.html"));
  assert.equal(await page.$(".course-resume"), null);
  assert.deepEqual(errors, []);
  await ctx.close();
});
