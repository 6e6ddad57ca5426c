// A learner's progress when the trainers reorganise: a lesson renamed (its old path kept in its
// `aliases`), a rule renumbered (its old id in the rule's `aliases`) and a quiz renamed (its
// old id in the quiz's `aliases`) keep what the learner did, in the course's count too, and the
// record is rewritten under the new names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { readdirSync } from "node:fs";
import { bin, repo, tempDir, withBrowserAndBook, fileUrl } from "./helpers.mjs";

function files(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(md|ya?ml)$/.test(e.name)) out.push(p);
  }
  return out;
}

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = join(tempDir(), "book");
  for (const p of ["book.toml", "content", "themes"]) cpSync(join(repo, p), join(r, p), { recursive: true });
  const content = join(r, "content");
  // basics/why-complaints-matter -> basics/why-complaints; TS-PROC-001 -> TS-PROC-101.
  for (const f of files(content)) {
    const t = readFileSync(f, "utf8");
    const n = t.replaceAll("why-complaints-matter", "why-complaints").replaceAll("TS-PROC-001", "TS-PROC-101")
      // (The quiz's id, not its questions': a question id is never renumbered.)
      .replaceAll("quiz:procedure-time-limits", "quiz:time-limits-quiz").replaceAll("quiz: procedure-time-limits", "quiz: time-limits-quiz")
      .replace(/^id: procedure-time-limits$/m, "id: time-limits-quiz\naliases: [procedure-time-limits]");
    if (n !== t) writeFileSync(f, n);
  }
  renameSync(join(content, "basics/why-complaints-matter.md"), join(content, "basics/why-complaints.md"));
  const lesson = join(content, "basics/why-complaints.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8").replace("---\n", "---\naliases: [basics/why-complaints-matter]\n"));
  const rule = files(content).find((f) => /^id: TS-PROC-101$/m.test(readFileSync(f, "utf8")));
  writeFileSync(rule, readFileSync(rule, "utf8").replace(/^id: TS-PROC-101$/m, "id: TS-PROC-101\naliases: [TS-PROC-001]"));
  const out = execFileSync(bin, ["--root", r, "build"], { stdio: "pipe" });
  assert.match(String(out), /0 errors/);
  return r;
});

test("what a learner did before a lesson was renamed, a rule renumbered and a quiz renamed still counts", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const site = (rel) => fileUrl(join(root, "site", rel));
  await page.goto(site("index.html"));
  // What the learner's browser kept from the site before the change.
  const read = Date.now() - 86400000;
  await page.evaluate((t) => {
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({
      v: 1, lessons: { "basics/why-complaints-matter/": t, "rules/TS-PROC-001/": t },
      quizzes: { "procedure-time-limits": { best: 100, passed: true, attempts: 1, last: t, passedAt: t } }, scenarios: {}, cards: {},
      wrong: { "procedure-time-limits/procedure-time-limits-03": { n: 1, last: t, ok: 0 } }
    }));
  }, read);
  await page.reload();
  await page.waitForSelector(".course-resume");
  assert.match((await page.textContent(".course-resume")).replace(/\s+/g, ""), /^继续入职课程（已完成3\/\d+项）/);
  // The course page marks both done.
  await page.goto(site("course/index.html"));
  await page.waitForSelector(".course-modules .course-item");
  await page.waitForSelector(".course-item.is-done");
  const done = await page.$$eval(".course-modules .course-item.is-done a", (as) => as.map((a) => a.getAttribute("href")));
  assert.equal(done.length, 3, done.join());
  assert.ok(done.some((h) => h.includes("quizzes/time-limits-quiz/")), done.join());
  assert.ok(done.some((h) => h.includes("basics/why-complaints/")) && done.some((h) => h.includes("rules/TS-PROC-101/")), done.join());
  // Reading another page writes the record back: under the new folders, the old keys gone.
  await page.goto(site("basics/service-mindset/index.html"));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => Object.keys(window.HandbookQuiz.load().lessons).length === 3);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book)).lessons);
  assert.deepEqual(Object.keys(stored).sort(), ["basics/service-mindset/", "basics/why-complaints/", "rules/TS-PROC-101/"]);
  assert.equal(stored["basics/why-complaints/"], read);
  const record = await page.evaluate(() => JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book)));
  assert.deepEqual(Object.keys(record.quizzes), ["time-limits-quiz"]);
  assert.equal(record.quizzes["time-limits-quiz"].passed, true);
  assert.deepEqual(Object.keys(record.wrong), ["time-limits-quiz/procedure-time-limits-03"]);
  // The quiz's old address forwards to it.
  await page.goto(site("quizzes/procedure-time-limits/index.html"));
  await page.waitForURL(/quizzes\/time-limits-quiz\/index\.html/);
  await ctx.close();
});

test("收藏 and 最近查看 follow a renamed lesson and a renumbered rule: each page once, at its new address", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const site = (rel) => fileUrl(join(root, "site", rel));
  await page.goto(site("index.html"));
  await page.evaluate(() => {
    localStorage.setItem("handbook-pages:" + document.body.dataset.book, JSON.stringify({
      stars: [{ u: "rules/TS-PROC-001/", t: "投诉成立认定与责任归属" }],
      recent: [{ u: "basics/why-complaints-matter/", t: "旧标题" }, { u: "rules/TS-PROC-001/", t: "投诉成立认定与责任归属" }],
    }));
  });
  // The renamed lesson opened again, by its new address.
  await page.goto(site("basics/why-complaints/index.html"));
  await page.goto(site("index.html"));
  await page.waitForSelector("#my-pages:not([hidden])");
  const lists = await page.$$eval("#my-pages .my-pages-list", (ls) => ls.map((l) => [...l.querySelectorAll("a")].map((a) => a.getAttribute("href"))));
  const recent = lists.find((l) => l.some((h) => /why-complaints/.test(h)));
  assert.deepEqual(recent.filter((h) => /why-complaints/.test(h)), ["basics/why-complaints/index.html"], lists.join(" | "));
  assert.ok(recent.includes("rules/TS-PROC-101/index.html"), lists.join(" | "));
  assert.equal(await page.$("#my-pages .my-pages-gone"), null, "no entry is told as deleted or renamed");
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("handbook-pages:" + document.body.dataset.book)));
  assert.deepEqual(kept.stars.map((x) => x.u), ["rules/TS-PROC-101/"]);
  await ctx.close();
});

test("every learner of a shared PC keeps what they did under the old names, not only the current one", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const site = (rel) => fileUrl(join(root, "site", rel));
  await page.goto(site("index.html"));
  const read = Date.now() - 86400000;
  // Two learners' records from before the change: the default one's, and 李四's (current).
  await page.evaluate((t) => {
    const book = document.body.dataset.book;
    const old = (name, lesson) => JSON.stringify({
      v: 1, name, lessons: { [lesson]: t }, scenarios: {}, cards: {},
      quizzes: { "procedure-time-limits": { best: 100, passed: true, attempts: 1, last: t, passedAt: t } },
      wrong: { "procedure-time-limits/procedure-time-limits-03": { n: 1, last: t, ok: 0 } }
    });
    localStorage.setItem("handbook-progress:" + book, old("张三", "rules/TS-PROC-001/"));
    localStorage.setItem("handbook-progress:" + book + "@L-lisi-0001", old("李四", "basics/why-complaints-matter/"));
    localStorage.setItem("handbook-learner:" + book, "L-lisi-0001");
  }, read);
  await page.goto(site("course/index.html"));
  await page.waitForSelector(".course-item.is-done");
  assert.match(await page.textContent(".learner-current"), /学员：李四/);
  const done = await page.$$eval(".course-modules .course-item.is-done a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(done.some((h) => h.includes("basics/why-complaints/")) && done.some((h) => h.includes("quizzes/time-limits-quiz/")), done.join());
  assert.ok(!done.some((h) => h.includes("rules/TS-PROC-101/")), "张三's reading is not 李四's");
  // 李四's 错题本 has the miss under the quiz's new id; written back under the new names.
  await page.goto(site("basics/service-mindset/index.html"));
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => Object.keys(window.HandbookQuiz.load().lessons).length === 2);
  const lisi = await page.evaluate(() => JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book + "@L-lisi-0001")));
  assert.deepEqual(Object.keys(lisi.lessons).sort(), ["basics/service-mindset/", "basics/why-complaints/"]);
  assert.deepEqual(Object.keys(lisi.wrong), ["time-limits-quiz/procedure-time-limits-03"]);
  // Back to 张三: theirs moved too.
  await page.goto(site("progress/index.html"));
  await Promise.all([page.waitForEvent("load"), page.click('.learner-switch:text-is("换成张三")')]);
  await page.waitForSelector(".learner-now");
  const zs = await page.$$eval(".progress-item.is-done", (els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(zs, ["TS-PROC-101", "time-limits-quiz"]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
