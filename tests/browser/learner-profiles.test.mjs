// Learners sharing a PC (hot-desking, shifts): each names themself on 我的学习进度 and switches
// to their own record; read pages, quiz results, the 错题本, exams left half done, 收藏 and
// recent searches are kept per learner. A record from before there were learners is the
// default learner's, claimed by whoever names it first. Export and import keep learners apart:
// a file is merged into its own learner's record, never into another's; 学员进度汇总 shows each.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, tempDir } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));

async function fresh() {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { ctx, page, errors };
}

/** Every progress record this browser keeps: { key: record }. */
const records = (page) => page.evaluate(() => {
  const out = {};
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k.startsWith("handbook-progress:")) out[k] = JSON.parse(localStorage.getItem(k));
  }
  return out;
});
const current = (page) => page.evaluate(() => window.HandbookQuiz.store.load());
const defaultKey = (page) => page.evaluate(() => "handbook-progress:" + document.body.dataset.book);

async function readLesson(page, rel) {
  await page.goto(site(rel));
  await page.evaluate(() => document.querySelector("article.content .read-end").scrollIntoView());
  await page.waitForFunction(() => typeof window.HandbookQuiz.load().lessons[document.body.dataset.page] === "number");
}

/** The first question of the principles quiz (single choice), answered wrong on its own. */
async function missPrinciples01(page) {
  await page.goto(site("quizzes/principles/index.html#principles-01"));
  const card = page.locator(".quiz-stage > .quiz-card");
  await card.locator('input[data-index="1"]').check();
  await card.locator("button[type=submit]").click();
  await page.waitForSelector(".quiz-feedback-box");
  await page.waitForFunction(() => !!window.HandbookQuiz.load().wrong["principles/principles-01"]);
}

async function newLearner(page, name, job) {
  await page.goto(site("progress/index.html"));
  await page.click(".learner-new summary");
  await page.fill("#learner-new-name", name);
  if (job) await page.fill("#learner-new-job", job);
  await Promise.all([page.waitForEvent("load"), page.click(".learner-new-form button[type=submit]")]);
  await page.waitForSelector(".learner-now");
}

async function switchTo(page, name) {
  await page.goto(site("progress/index.html"));
  await Promise.all([page.waitForEvent("load"), page.click(`.learner-switch:text-is("换成${name}")`)]);
  await page.waitForSelector(".learner-now");
  assert.match(await page.textContent(".learner-now"), new RegExp(`当前学员：${name}`));
}

async function mistakes(page) {
  await page.goto(site("progress/mistakes/index.html"));
  await page.waitForSelector("#mistakes-app > *");
  return page.$$eval(".mistakes-item", (els) => els.map((e) => e.dataset.qid));
}

test("two learners on one browser keep their own progress and 错题本; the record from before is the first to name it", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("index.html"));
  // What the browser kept before there were learners: read pages, a result, a miss.
  const t = Date.now() - 86400000;
  await page.evaluate((t) => {
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({
      v: 1, lessons: { "basics/why-complaints-matter/": t }, scenarios: {}, cards: {},
      quizzes: { "procedure-time-limits": { best: 100, passed: true, attempts: 1, last: t, passedAt: t } },
      wrong: { "procedure-time-limits/procedure-time-limits-03": { n: 1, last: t, ok: 0 } }
    }));
    localStorage.setItem("handbook-pages:" + document.body.dataset.book, JSON.stringify({ stars: [{ u: "glossary/", t: "术语表" }], recent: [] }));
  }, t);
  // No name, nobody else: nothing is said about learners above the course (nobody asked).
  await page.goto(site("course/index.html"));
  await page.waitForSelector(".course-next");
  assert.equal(await page.$(".learner-current"), null);
  // 我的学习进度: the record has no name yet, and whoever names it has it.
  await page.goto(site("progress/index.html"));
  assert.match(await page.textContent(".learner-now"), /当前学员：未署名学员/);
  assert.match(await page.textContent(".learner-claim"), /还没有署名/);
  await page.fill("#learner-profile-name", "张三");
  await page.fill("#learner-profile-job", "1001");
  await page.click(".progress-learner-form button[type=submit]");
  assert.match(await page.textContent(".learner-now"), /当前学员：张三（工号 1001）/);
  assert.equal(await page.$(".learner-claim"), null);
  assert.match(await page.textContent(".learner-current"), /学员：张三（工号 1001）/);
  const dk = await defaultKey(page);
  let all = await records(page);
  assert.deepEqual(Object.keys(all), [dk], "the old record is kept where it was");
  assert.equal(all[dk].name, "张三");
  assert.equal(all[dk].lessons["basics/why-complaints-matter/"], t);

  // 李四 sits down at the same PC: a record of their own, empty.
  await newLearner(page, "李四", "1002");
  assert.match(await page.textContent(".learner-now"), /当前学员：李四（工号 1002）/);
  assert.match(await page.textContent(".progress-learner-note"), /已新建学员“李四”/);
  assert.match(await page.textContent(".progress-big"), /^0%$/);
  assert.match(await page.textContent(".learner-list"), /张三（工号 1001）/);
  assert.deepEqual(await mistakes(page), []);
  assert.match(await page.textContent(".learner-current"), /学员：李四/);
  await readLesson(page, "principles/handling-principles/index.html");
  await missPrinciples01(page);
  await page.goto(site("basics/service-mindset/index.html"));
  await page.click(".star-button");
  // The course says whose progress it shows.
  await page.goto(site("course/index.html"));
  await page.waitForSelector(".course-next");
  assert.match(await page.textContent(".learner-current"), /学员：李四（工号 1002）.*不是你？换一位学员/);
  assert.equal(await page.$$eval(".course-item.is-done", (e) => e.length), 1);
  assert.deepEqual(await mistakes(page), ["principles-01"]);
  all = await records(page);
  assert.equal(Object.keys(all).length, 2);
  assert.deepEqual(Object.keys(all[dk].lessons), ["basics/why-complaints-matter/"], "张三's record has nothing of 李四's");
  assert.deepEqual(Object.keys(all[dk].wrong), ["procedure-time-limits/procedure-time-limits-03"]);
  const mine = await current(page);
  assert.equal(mine.data.name, "李四");
  assert.ok(mine.data.learner && mine.data.learner !== all[dk].learner, "each has a learner id of their own");

  // Back to 张三: their progress, 错题本 and 收藏, as they left them.
  await switchTo(page, "张三");
  const done = await page.$$eval(".progress-item.is-done", (els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(done, ["basics/why-complaints-matter/", "procedure-time-limits"]);
  assert.deepEqual(await mistakes(page), ["procedure-time-limits-03"]);
  await page.goto(site("index.html"));
  assert.match(await page.textContent("#my-pages"), /术语表/);
  assert.doesNotMatch(await page.textContent("#my-pages"), /服务意识|service-mindset/);
  // And 李四 again.
  await switchTo(page, "李四");
  assert.deepEqual(await mistakes(page), ["principles-01"]);
  // A new learner of a name this PC already has goes back to that record.
  await newLearner(page, "张三");
  assert.match(await page.textContent(".learner-now"), /当前学员：张三/);
  assert.match(await page.textContent(".progress-learner-note"), /已有学员“张三（工号 1001）”/);
  assert.equal(Object.keys(await records(page)).length, 2);
  // 清除进度 starts 张三's progress afresh; who they are stays, and 李四's record too -- and
  // the button, its note and its question say so (not "全部学习进度").
  assert.equal(await page.textContent(".progress-clear"), "清除“张三”的进度");
  assert.match(await page.textContent(".progress-reset p"), /学员“张三”.*其他学员的记录不受影响.*清除我的记录/);
  let asked = "";
  page.once("dialog", (d) => { asked = d.message(); d.accept(); });
  await page.click(".progress-clear");
  assert.equal(asked, "确定要清除学员“张三”的学习进度吗？姓名和工号保留，其他学员的记录不受影响。清除后无法恢复。");
  assert.match(await page.textContent(".progress-big"), /^0%$/);
  assert.match(await page.textContent(".learner-now"), /当前学员：张三（工号 1001）/);
  all = await records(page);
  assert.equal(Object.keys(all).length, 2);
  assert.deepEqual([all[dk].name, all[dk].job, Object.keys(all[dk].lessons || {}).length], ["张三", "1001", 0]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("清除我的记录 removes the learner's records only; a tab open for them stops recording; an exam left half done waits for its learner", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("progress/index.html"));
  await page.fill("#learner-profile-name", "张三");
  await page.click(".progress-learner-form button[type=submit]");
  await readLesson(page, "basics/why-complaints-matter/index.html");
  // 张三 starts the final exam and answers a question, then is called away.
  await page.goto(site("quizzes/final-exam/index.html"));
  assert.match(await page.textContent(".quiz-exam-learner"), /成绩记在学员“张三”名下/);
  await page.click(".quiz-start");
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const exam = await page.evaluate(() => window.HANDBOOK_QUIZZES["final-exam"]);
  const qid = await page.getAttribute(".quiz-stage > .quiz-card", "data-qid");
  assert.ok(exam.questions.some((q) => q.id === qid));
  // Switching learner asks first, naming the exam whose clock runs on.
  page.once("dialog", (d) => d.accept()); // (leaving the exam page)
  await page.goto(site("progress/index.html")).catch(() => {});
  await page.waitForSelector(".learner-new");
  await page.click(".learner-new summary");
  await page.fill("#learner-new-name", "李四");
  let asked = "";
  page.once("dialog", (d) => { asked = d.message(); d.accept(); });
  await Promise.all([page.waitForEvent("load"), page.click(".learner-new-form button[type=submit]")]);
  assert.match(asked, /“张三”还有没有交卷的考试：《结业综合考试》/);
  // 李四 sees the exam's start, not 张三's attempt.
  await page.goto(site("quizzes/final-exam/index.html"));
  await page.waitForSelector(".quiz-start");
  assert.equal(await page.$(".quiz-exam-learner") !== null, true);
  assert.match(await page.textContent(".quiz-exam-learner"), /李四/);

  // A second tab, opened for 李四; 李四 leaves the PC in the first.
  const tab = await ctx.newPage();
  await tab.goto(site("basics/service-mindset/index.html"));
  await tab.waitForSelector(".star-button");
  await page.goto(site("progress/index.html"));
  page.once("dialog", (d) => d.accept());
  await Promise.all([page.waitForEvent("load"), page.click(".learner-leave")]);
  await page.waitForSelector(".learner-now");
  assert.match(await page.textContent(".progress-learner-note"), /已清除“李四”在这台设备上的记录/);
  // Said to a screen reader too (the status line, once the page is made), the focus where
  // the learner was: 学员信息's heading.
  await page.waitForFunction(() => /已清除“李四”在这台设备上的记录/.test(document.getElementById("progress-status").textContent));
  assert.equal(await page.evaluate(() => document.activeElement.id), "progress-learner-h");
  // Back to the default learner: 张三, whose record is untouched.
  assert.match(await page.textContent(".learner-now"), /当前学员：张三/);
  assert.equal(await page.$(".learner-list"), null, "李四 is gone from the list");
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("@")));
  assert.deepEqual(left, [], "nothing of 李四's is left");
  // The tab left open for 李四 says so, and records nothing more.
  await tab.waitForSelector(".learner-bar");
  assert.match(await tab.textContent(".learner-bar"), /已在另一个页面清除/);
  await tab.evaluate(() => document.querySelector("article.content .read-end").scrollIntoView());
  await tab.waitForTimeout(300);
  assert.deepEqual(await tab.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("@"))), []);
  // 张三 comes back to the exam where they left it.
  await page.goto(site("quizzes/final-exam/index.html"));
  await page.waitForSelector(".quiz-resumed, .quiz-stage > .quiz-card");
  assert.equal(await page.getAttribute(".quiz-stage > .quiz-card", "data-qid"), qid);
  assert.match(await page.textContent(".quiz-app"), /已恢复上次没有交卷的考试/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a tab open when another switches learner says so, and goes on recording for its own", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("progress/index.html"));
  await page.fill("#learner-profile-name", "张三");
  await page.click(".progress-learner-form button[type=submit]");
  const tab = await ctx.newPage();
  await tab.goto(site("basics/service-mindset/index.html"));
  await newLearner(page, "李四");
  await tab.waitForSelector(".learner-bar");
  assert.match(await tab.textContent(".learner-bar"), /换成学员“李四”.*仍记在张三名下/);
  await tab.evaluate(() => document.querySelector("article.content .read-end").scrollIntoView());
  const dk = await defaultKey(tab);
  await tab.waitForFunction((k) => !!JSON.parse(localStorage.getItem(k)).lessons["basics/service-mindset/"], dk);
  assert.deepEqual(Object.keys((await current(page)).data.lessons), [], "李四 has not read it");
  await Promise.all([tab.waitForEvent("load"), tab.click(".learner-reload")]);
  assert.equal(await tab.evaluate(() => window.HandbookQuiz.store.load().data.name), "李四");
  assert.deepEqual(errors, []);
  await ctx.close();
});

async function exportFile(page) {
  await page.goto(site("progress/index.html"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".progress-export")]);
  const path = join(tempDir(), download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename(), file: JSON.parse(readFileSync(path, "utf8")) };
}

test("export and import keep learners apart: a file goes to its own learner, and 学员进度汇总 shows each", async () => {
  const { ctx, page, errors } = await fresh();
  await page.goto(site("progress/index.html"));
  await page.fill("#learner-profile-name", "张三");
  await page.click(".progress-learner-form button[type=submit]");
  await missPrinciples01(page);
  const a = await exportFile(page);
  assert.match(a.name, /^学习进度-张三-/);
  await newLearner(page, "李四", "1002");
  await readLesson(page, "basics/service-mindset/index.html");
  const b = await exportFile(page);
  assert.match(b.name, /^学习进度-李四-1002-/);
  assert.equal(b.file.progress.name, "李四");
  assert.deepEqual(Object.keys(b.file.progress.wrong), [], "李四's file has nothing of 张三's");
  assert.notEqual(a.file.progress.learner, b.file.progress.learner);

  // 李四, current, imports 张三's file: it goes to 张三's record, not 李四's.
  const before = (await current(page)).data;
  await page.setInputFiles("#progress-import-file", a.path);
  await page.waitForFunction(() => /张三/.test(document.querySelector(".progress-transfer-note").textContent));
  assert.match(await page.textContent(".progress-transfer-note"), /另一位学员“张三”.*当前学员“李四（工号 1002）”的记录没有改动/);
  assert.deepEqual((await current(page)).data, before);
  assert.equal(Object.keys(await records(page)).length, 2);

  // Another PC, where 王五 is the learner: 张三's file becomes a learner of its own there.
  const other = await fresh();
  await other.page.goto(site("progress/index.html"));
  await other.page.fill("#learner-profile-name", "王五");
  await other.page.click(".progress-learner-form button[type=submit]");
  await readLesson(other.page, "basics/why-complaints-matter/index.html");
  const wang = (await current(other.page)).data;
  await other.page.goto(site("progress/index.html"));
  await other.page.setInputFiles("#progress-import-file", a.path);
  await other.page.waitForFunction(() => /张三/.test(document.querySelector(".progress-transfer-note").textContent));
  assert.match(await other.page.textContent(".progress-transfer-note"), /不是当前学员“王五”的：已在这台设备上另建学员“张三”.*请用“学员进度汇总”页/);
  assert.deepEqual((await current(other.page)).data, wang, "王五's record is untouched");
  // Imported twice: the same learner, nothing more.
  await other.page.setInputFiles("#progress-import-file", a.path);
  await other.page.waitForFunction(() => /另一位学员“张三”/.test(document.querySelector(".progress-transfer-note").textContent));
  assert.equal(Object.keys(await records(other.page)).length, 2);
  await Promise.all([other.page.waitForEvent("load"), other.page.click('.progress-transfer .learner-switch')]);
  assert.match(await other.page.textContent(".learner-now"), /当前学员：张三/);
  assert.deepEqual(await mistakes(other.page), ["principles-01"]);
  // 王五's file and 张三's and 李四's: three rows on the trainer's page, by name.
  const c = await exportFile(other.page);
  assert.equal(c.file.progress.learner, a.file.progress.learner, "the imported learner keeps their id");
  await switchTo(other.page, "王五");
  const w = await exportFile(other.page);
  await other.page.goto(site("progress/team/index.html"));
  await other.page.setInputFiles("#team-files", [a.path, b.path, w.path]);
  await other.page.waitForFunction(() => /已汇总 3 名学员/.test(document.querySelector(".team-note").textContent));
  const rows = await other.page.$$eval(".team-table tbody tr", (trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.deepEqual(rows.map((r) => r.replace(/（.*/, "")).sort(), ["张三", "李四", "王五"].sort());
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.ctx.close();
  await ctx.close();
});

test("演示模式 at the projector: the trainer's reading, misses and stars stay in the tab; the learner's record is untouched and back after", async () => {
  const { ctx, page, errors } = await fresh();
  // A learner's record on the classroom PC.
  await readLesson(page, "basics/service-mindset/index.html");
  await page.goto(site("progress/index.html"));
  await page.fill("#learner-profile-name", "王五");
  await page.fill("#learner-profile-job", "3003");
  await page.click(".progress-learner-form button[type=submit]");
  await page.waitForSelector(".learner-current");
  const before = await records(page);
  const keysBefore = await page.evaluate(() => Object.keys(localStorage).sort());
  // The trainer switches this tab to 演示模式 on 我的学习进度.
  await page.goto(site("progress/index.html"));
  await page.click(".progress-demo-on");
  await page.waitForSelector(".demo-note");
  assert.match(await page.textContent(".demo-note"), /演示模式：这个浏览器里打开的本手册页面，阅读、答题、收藏和搜索记录都不记入学员的学习进度.*\d\d:\d\d 自动结束。/);
  // 退出演示模式 drawn as the theme's buttons are (a plain grey browser button on the projector).
  assert.deepEqual(await page.$eval(".demo-off", (b) => [getComputedStyle(b).borderTopLeftRadius, getComputedStyle(b).cursor]), ["6px", "pointer"]);
  // The learner's name and reading are not on the projector.
  assert.doesNotMatch(await page.textContent("#progress-app"), /王五/);
  await missPrinciples01(page);
  await readLesson(page, "phone/difficult-calls/index.html");
  // Its part for trainers alone is folded on the projector, to be opened where it helps.
  const part = page.locator('.readers-part[data-readers="trainer"]').first();
  assert.equal(await part.locator("p").first().isVisible(), false);
  await part.locator(".demo-unfold").click();
  assert.equal(await part.locator("p").first().isVisible(), true);
  await page.click(".star-button");
  assert.ok(await page.isVisible(".demo-note"), "every page of the tab says so");
  // A link opened in a new tab (no opener, no copy of this tab's storage) is in it too.
  const other = await ctx.newPage();
  await readLesson(other, "basics/why-complaints-matter/index.html");
  assert.ok(await other.isVisible(".demo-note"));
  await other.close();
  assert.deepEqual(await records(page), before, "the learner's record is as it was");
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => !k.startsWith("handbook-demo:")).sort()), keysBefore, "nothing new in the browser's storage but the mode itself");
  assert.ok(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith("handbook-progress:"))));
  // Out of it: the tab's demonstration is forgotten, the learner's record is there again.
  await page.click(".demo-off");
  await page.waitForSelector(".demo-note", { state: "detached" });
  await page.waitForLoadState("load");
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => /^handbook-(progress|pages|demo|searches|attempt)/.test(k))), []);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("handbook-demo:"))), []);
  // Left on, it ends by itself (8 hours on): the next learners' work is kept again.
  await page.evaluate(() => localStorage.setItem("handbook-demo:" + document.body.dataset.book, String(Date.now() - 1000)));
  await page.reload();
  await page.waitForLoadState("load");
  assert.equal(await page.$(".demo-note"), null);
  const now = (await current(page)).data;
  assert.equal(now.name, "王五");
  assert.equal(now.wrong["principles/principles-01"], undefined);
  assert.equal(typeof now.lessons["phone/difficult-calls/"], "undefined");
  assert.deepEqual(errors, []);
  await ctx.close();
});
