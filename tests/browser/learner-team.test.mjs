// 学员进度汇总 tells learners apart by a learner id kept in each record, not by name or file
// name: two unnamed learners' files (both 学习进度-<date>.json) are two rows; a learner can
// give a name and 工号 on 我的学习进度 at any time, and the export file is named after them;
// two old files without an id and of one name stay two rows, and the page says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, tempDir, storedProgress } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));
const stored = storedProgress;

/** A learner in a browser of their own with one result of the principles quiz; exports. */
async function learner(best, passed, name, job) {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site("progress/index.html"));
  await page.evaluate(([best, passed]) => {
    const k = "handbook-progress:" + document.body.dataset.book;
    localStorage.setItem(k, JSON.stringify({ v: 1, lessons: {}, quizzes: { principles: { best, passed, attempts: 1, last: 1 } }, scenarios: {}, cards: {},
      wrong: passed ? {} : { "principles/principles-01": { n: 1, last: 5, ok: 0 } } }));
  }, [best, passed]);
  await page.reload();
  if (name) {
    // At any time, not only on the completion record.
    await page.fill("#learner-profile-name", name);
    if (job) await page.fill("#learner-profile-job", job);
    await page.click(".progress-learner-form button[type=submit]");
    assert.match(await page.textContent(".progress-learner-note"), new RegExp(`已保存：${name}`));
    assert.equal(await page.inputValue("#learner-profile-name"), name);
  }
  // The page says the intranet address and the shared folder keep two records.
  assert.match(await page.textContent("#team-app, #progress-app, main"), /从内网网址打开手册和直接打开共享文件夹里的网页.*各记各的/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".progress-export")]);
  // What the learner is told is missing for the trainer's table: a name, else a 工号.
  const said = await page.textContent(".progress-transfer-note");
  assert.match(said, !name ? /还没有填写姓名/ : !job ? /还没有填写工号.*姓名和工号/ : /^已导出 [^。]*。$/);
  const dir = tempDir();
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, "utf8"));
  // Exported again: the same id.
  const [again] = await Promise.all([page.waitForEvent("download"), page.click(".progress-export")]);
  const id2 = JSON.parse(readFileSync(await again.path(), "utf8")).progress.learner;
  const rec = await stored(page);
  assert.deepEqual(errors, []);
  await ctx.close();
  return { path, name: download.suggestedFilename(), id: file.progress.learner, id2, rec };
}

test("two unnamed learners' files of the same name are two rows, each with its own result", async () => {
  const a = await learner(66, false);
  const b = await learner(100, true);
  assert.equal(a.name, b.name, "both files are called 学习进度-<date>.json");
  assert.ok(a.id && b.id && a.id !== b.id, "each record has its own learner id");
  assert.equal(a.id, a.id2, "the id is made once");
  assert.equal(a.rec.learner, a.id, "and kept in the record");

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [a.path, b.path]);
  await page.waitForFunction(() => /已汇总 2 名学员/.test(document.querySelector(".team-note").textContent));
  const book = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book);
  const cps = book.course.modules.flatMap((m) => m.items).filter((i) => i.kind === "quiz" && i.checkpoint);
  const heads = await page.$$eval(".team-table thead th", (ths) => ths.map((t) => t.textContent));
  const col = heads.indexOf(cps.find((c) => c.id === "principles").title);
  // (The best score; the latest attempt is under it.)
  const cells = await page.$$eval(".team-table tbody tr", (trs) => trs.map((tr) => [...tr.children].map((c) => (c.querySelector(".team-best") || c).textContent)));
  assert.deepEqual(cells.map((r) => r[col]).sort(), ["100% ✓", "66%"]);
  assert.equal(await page.textContent(".team-hard-table tbody tr td:nth-child(3)"), "1 / 2");
  // Nameless, each row says so (its file's name alone read as a learner's), and the two,
  // shown alike, each say their file.
  const rows = await page.$$eval(".team-table tbody tr.team-row > th", (ths) => ths.map((t) => [t.querySelector(".team-who").textContent, t.querySelector(".team-file")?.textContent]));
  assert.deepEqual(rows.map((r) => r[0]), [`未署名（${a.name.replace(/\.json$/, "")}）`, `未署名（${b.name.replace(/\.json$/, "")}）`]);
  // (Their files are named alike: each says when it was exported.)
  assert.ok(rows.every((r) => /^导出于 \S+日 \d{2}:\d{2}:\d{2}$/.test(r[1] || "")) && rows[0][1] !== rows[1][1], JSON.stringify(rows));
  await ctx.close();
});

test("an exam left half done goes in the exported file, and the trainer's table says 未交卷 where it said —", async () => {
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(site("quizzes/final-exam/index.html"));
  await page.click(".quiz-start");
  await page.waitForSelector(".quiz-stage > .quiz-card");
  // (Its first question drawn: any kind; one answer given.)
  const first = page.locator(".quiz-stage input, .quiz-stage select").first();
  // (An ordering question is answered as it stands: no input.)
  const kind = (await first.count()) ? await first.evaluate((e) => e.tagName === "SELECT" ? "select" : e.type) : "order";
  if (kind === "text") await first.fill("x");
  else if (kind === "select") await first.selectOption({ index: 1 });
  else if (kind !== "order") await first.check();
  await page.click(".quiz-stage button[type=submit]");
  await page.goto(site("progress/index.html"));
  await page.fill("#learner-profile-name", "陈静");
  await page.click(".progress-learner-form button[type=submit]");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".progress-export")]);
  const path = join(tempDir(), download.suggestedFilename());
  await download.saveAs(path);
  assert.deepEqual(JSON.parse(readFileSync(path, "utf8")).open, ["final-exam"]);
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [path]);
  await page.waitForSelector(".team-table");
  const heads = await page.$$eval(".team-table thead th", (ths) => ths.map((t) => t.getAttribute("data-head")));
  const title = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book.course.modules.flatMap((m) => m.items).find((i) => i.id === "final-exam").title);
  const cell = await page.$$eval(".team-table tbody tr.team-row > *", (cs, at) => cs[at].textContent, heads.indexOf(title));
  assert.equal(cell, "—未交卷（做到一半）");
  // (Its details closed until asked for, as any row's.)
  assert.equal(await page.locator(".team-detail").count(), 0);
  assert.equal(await page.getAttribute(".team-who", "aria-expanded"), "false");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a name and 工号 given on 我的学习进度 name the export file and the trainer's row", async () => {
  const a = await learner(90, true, "张三", "A1024");
  assert.match(a.name, /^学习进度-张三-A1024-\d{8}\.json$/);
  assert.equal(a.rec.name, "张三");
  assert.equal(a.rec.job, "A1024");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [a.path]);
  await page.waitForSelector(".team-table");
  assert.equal(await page.textContent(".team-table tbody th"), "张三（A1024）");
  // On a PC its table takes the width a page's contents column would (none on this page).
  await page.setViewportSize({ width: 1366, height: 800 });
  const right = await page.evaluate(() => [document.querySelector(".team-wrap").getBoundingClientRect().right, document.documentElement.clientWidth]);
  assert.ok(right[0] >= right[1] - 48, JSON.stringify(right));
  await ctx.close();
});

test("old files without a learner id and of one name stay two rows, and the page says so", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  const title = await page.evaluate(() => document.body.dataset.bookTitle || document.body.dataset.book);
  const dir = tempDir();
  const paths = [];
  for (const [i, best] of [[1, 50], [2, 95]]) {
    mkdirSync(join(dir, `d${i}`));
    const p = join(dir, `d${i}`, "学习进度-20261201.json");
    writeFileSync(p, JSON.stringify({ handbook: "progress", book: title, exported: "2026-12-01T08:00:00Z",
      progress: { v: 1, lessons: {}, quizzes: { principles: { best, passed: best >= 80, attempts: 1, last: 1 } }, scenarios: {}, cards: {} } }));
    paths.push(p);
  }
  await page.setInputFiles("#team-files", paths);
  await page.waitForSelector(".team-table");
  const names = await page.$$eval(".team-table tbody th", (ths) => ths.map((t) => t.textContent));
  // (Two files of one name: no file named under either, which would tell nothing apart.)
  assert.deepEqual(names, ["未署名（学习进度-20261201）", "未署名（学习进度-20261201）"]);
  assert.match(await page.textContent(".team-same"), /“未署名（学习进度-20261201）”2 行.*没有学员编号的旧文件/);
  await ctx.close();
});

test("a file naming two learner ids joins the two rows opened before it, whatever the order", async () => {
  // One learner on two computers (two ids), then a file from after importing one into the other.
  const a = await learner(66, false);
  const b = await learner(100, true);
  const both = JSON.parse(readFileSync(a.path, "utf8"));
  both.progress.also = [b.id];
  const dir = tempDir();
  const c = join(dir, "学习进度-合并后.json");
  writeFileSync(c, JSON.stringify(both));
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [a.path, b.path, c]);
  await page.waitForFunction(() => /已汇总 1 名学员/.test(document.querySelector(".team-note").textContent));
  assert.equal(await page.$$eval(".team-table tbody tr", (trs) => trs.length), 1);
  await ctx.close();
});

test("one person on two computers (two learner ids, the same name and 工号) is one row; the page says what each opening did", async () => {
  // 王芳 (1003) changes desks: a record on each computer, each with its own learner id.
  const pc1 = await learner(60, false, "王芳", "1003");
  const pc2 = await learner(95, true, "王芳", "1003");
  assert.notEqual(pc1.id, pc2.id);
  // Another 王芳, with another 工号, and one who gave no 工号: other people, maybe.
  const other = await learner(70, false, "王芳", "2001");
  await learner(80, true, "李娜");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  const note = () => page.textContent(".team-note");
  await page.setInputFiles("#team-files", [pc1.path]);
  await page.waitForFunction(() => /已汇总 1 名学员/.test(document.querySelector(".team-note").textContent));
  assert.match(await note(), /这次打开 1 份文件：新增 1 名学员。/);
  await page.setInputFiles("#team-files", [pc2.path, other.path]);
  await page.waitForFunction(() => /已汇总 2 名学员/.test(document.querySelector(".team-note").textContent));
  assert.match(await note(), /这次打开 2 份文件：新增 1 名学员，1 份并入已有学员的记录。/);
  const rows = await page.$$eval(".team-table tbody > tr > th", (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(rows.sort(), ["王芳（1003）", "王芳（2001）"]);
  // The row holds the better of the two computers' results: passed on the second.
  const cell = await page.$$eval(".team-table tbody > tr", (trs) => trs.find((tr) => tr.querySelector("th").textContent === "王芳（1003）").textContent);
  assert.match(cell, /95%/);
  // The same file again: nothing new, and said so.
  await page.setInputFiles("#team-files", [pc1.path]);
  await page.waitForFunction(() => /1 份没有新内容/.test(document.querySelector(".team-note").textContent));
  assert.match(await note(), /已汇总 2 名学员。这次打开 1 份文件：1 份没有新内容/);
  // Two of one name, one row each: not told as the same person.
  assert.equal(await page.$(".team-same"), null);
  await ctx.close();
});

test("on paper the whole table fits A4 landscape: no column cut at the sheet's edge, other pages portrait", async () => {
  const a = await learner(60, false, "赵六", "3001");
  const b = await learner(95, true, "钱七", "3002");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [a.path, b.path]);
  await page.waitForFunction(() => /已汇总 2 名学员/.test(document.querySelector(".team-note").textContent));
  // A4 landscape less the margins (297 - 28 mm) at 96 px an inch.
  await page.setViewportSize({ width: Math.floor((297 - 28) / 25.4 * 96), height: 700 });
  await page.emulateMedia({ media: "print" });
  const fit = await page.evaluate(() => {
    const t = document.querySelector(".team-table"), last = t.querySelector("thead th:last-child");
    return { table: t.getBoundingClientRect().right, last: last.getBoundingClientRect().right, last_text: last.textContent, width: document.documentElement.clientWidth };
  });
  assert.equal(fit.last_text, "导出日期");
  assert.ok(fit.table <= fit.width + 1 && fit.last <= fit.width + 1, JSON.stringify(fit));
  // Its headings are words on paper, not buttons: a header row Chromium repeats on the next
  // sheets was painted without its buttons' words.
  const heads = await page.$$eval(".team-table thead th", (ths) => ths.map((t) => [t.querySelector(".team-sort").textContent,
    getComputedStyle(t, "::before").content, getComputedStyle(t.querySelector(".team-sort")).display]));
  assert.ok(heads.length > 5 && heads.every(([words, before, shown]) => before === JSON.stringify(words) && shown === "none"), JSON.stringify(heads));
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const boxes = [...pdf.matchAll(/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  // Every sheet landscape, the print stamp's too (on a portrait sheet of its own, it was).
  assert.ok(boxes.length >= 1 && boxes.every((b) => +b[1] > +b[2]), `landscape: ${boxes.map((b) => b.slice(1))}`);
  // Another page prints portrait.
  await page.goto(site("progress/index.html"));
  const other = /MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec((await page.pdf({ preferCSSPageSize: true })).toString("latin1"));
  assert.ok(other && +other[1] < +other[2], `portrait: ${other && other.slice(1)}`);
  await ctx.close();
});

test("on a phone the learner's name stays in sight as the table scrolls sideways", async () => {
  const a = await learner(60, false, "孙八", "4001");
  const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [a.path]);
  await page.waitForSelector(".team-table");
  const at = () => page.evaluate(() => {
    const wrap = document.querySelector(".team-wrap"), th = document.querySelector(".team-table tbody th");
    window.scrollTo(0, th.getBoundingClientRect().top + window.scrollY - 200);
    const r = th.getBoundingClientRect(), w = wrap.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
    return { left: r.left - w.left, visible: th.contains(hit), scrolled: wrap.scrollLeft, wide: wrap.scrollWidth > wrap.clientWidth * 2 };
  });
  assert.ok((await at()).wide);
  await page.evaluate(() => { document.querySelector(".team-wrap").scrollLeft = 600; });
  const now = await at();
  assert.ok(now.scrolled > 500, JSON.stringify(now));
  assert.ok(Math.abs(now.left) < 2 && now.visible, JSON.stringify(now));
  await ctx.close();
});

test("a heading sorts the learners by its column, pressed again the other way; the CSV keeps the order shown", async () => {
  const slow = await learner(50, false, "周一", "5001");
  const fast = await learner(100, true, "吴二", "5002");
  const mid = await learner(70, false, "郑三", "5003");
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [slow.path, fast.path, mid.path]);
  await page.waitForFunction(() => /已汇总 3 名学员/.test(document.querySelector(".team-note").textContent));
  const names = () => page.$$eval(".team-table tbody > tr.team-row > th", (ths) => ths.map((t) => t.textContent.replace(/（.*/, "")));
  const heads = await page.$$eval(".team-table thead th", (ths) => ths.map((t) => t.textContent));
  const book = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book);
  const title = book.course.modules.flatMap((m) => m.items).find((i) => i.id === "principles").title;
  const col = heads.indexOf(title);
  assert.ok(col > 0, JSON.stringify(heads));
  const button = () => page.locator(".team-table thead th").nth(col).locator("button");
  await button().click();
  assert.deepEqual(await names(), ["周一", "郑三", "吴二"]);
  assert.equal(await page.locator(".team-table thead th").nth(col).getAttribute("aria-sort"), "ascending");
  // The focus stays on the heading pressed: Enter again turns the order round.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), title);
  await page.keyboard.press("Enter");
  assert.deepEqual(await names(), ["吴二", "郑三", "周一"]);
  assert.equal(await page.locator(".team-table thead th").nth(col).getAttribute("aria-sort"), "descending");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".team-csv")]);
  const { readFileSync: read } = await import("node:fs");
  const rows = read(await download.path(), "utf8").trim().split("\r\n").slice(1).map((l) => l.split('","')[0].replace(/^\ufeff?"/, "").replace(/（.*/, ""));
  assert.deepEqual(rows, ["吴二", "郑三", "周一"]);
  await ctx.close();
});

test("the files opened stay for the tab (a reload keeps the table); one learner can be taken out; 清空 forgets them", async () => {
  const a = await learner(60, false, "冯九", "6001");
  const b = await learner(90, true, "陈十", "6002");
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  await page.setInputFiles("#team-files", [a.path, b.path]);
  await page.waitForFunction(() => /已汇总 2 名学员/.test(document.querySelector(".team-note").textContent));
  const rows = () => page.$$eval(".team-table tbody > tr.team-row > th", (ths) => ths.map((t) => t.textContent));
  await page.reload();
  await page.waitForSelector(".team-table");
  assert.deepEqual((await rows()).sort(), ["冯九（6001）", "陈十（6002）"]);
  assert.match(await page.textContent(".team-note"), /已汇总 2 名学员（这个标签页里打开过的 2 份文件/);
  // Out of the table: 冯九, by the button in his details.
  await page.locator(".team-table .team-who", { hasText: "冯九" }).click();
  await page.click(".team-detail .team-remove");
  assert.deepEqual(await rows(), ["陈十（6002）"]);
  assert.match(await page.textContent(".team-note"), /已从汇总中移除“冯九（6001）”.*已汇总 1 名学员/);
  await page.reload();
  await page.waitForSelector(".team-table");
  assert.deepEqual(await rows(), ["陈十（6002）"]);
  // Another tab starts empty (sessionStorage is the tab's).
  const other = await ctx.newPage();
  await other.goto(site("progress/team/index.html"));
  await other.waitForSelector(".team-empty");
  await page.click(".team-clear");
  await page.reload();
  await page.waitForSelector(".team-empty");
  await ctx.close();
});

test("keyboard: each button's action leaves the focus on the page's buttons or the next learner, never on the page's body", async () => {
  const a = await learner(60, false, "冯九", "6001");
  const b = await learner(90, true, "陈十", "6002");
  const c = await learner(70, false, "褚十一", "6003");
  const ctx = await browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(site("progress/team/index.html"));
  const focused = () => page.evaluate(() => document.activeElement.className + "|" + document.activeElement.textContent);
  // (The file chooser closes onto the button that opened it.)
  await page.focus(".team-open");
  await page.setInputFiles("#team-files", [a.path, b.path, c.path]);
  await page.waitForFunction(() => /已汇总 3 名学员/.test(document.querySelector(".team-note").textContent));
  assert.match(await focused(), /team-open/);
  await page.focus(".team-csv");
  await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  await page.waitForFunction(() => /已保存/.test(document.querySelector(".team-note").textContent));
  assert.match(await focused(), /team-csv/);
  // Out of the table from its details: the focus is on the name that took its place.
  const names = await page.$$eval(".team-who", (bs) => bs.map((x) => x.textContent));
  await page.locator(".team-who").first().focus();
  await page.keyboard.press("Enter");
  await page.focus(".team-detail .team-remove");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /已从汇总中移除/.test(document.querySelector(".team-note").textContent));
  assert.equal(await focused(), "team-who|" + names[1]);
  assert.match(await page.textContent(".team-note"), /要放回来，重新打开这些文件/);
  // The last row out: the one above it.
  await page.locator(".team-who").last().click();
  await page.focus(".team-detail .team-remove");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /已汇总 1 名学员/.test(document.querySelector(".team-note").textContent));
  assert.equal(await focused(), "team-who|" + names[1]);
  await page.focus(".team-clear");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".team-empty");
  assert.match(await focused(), /team-open/);
  assert.match(await page.textContent(".team-note"), /已清空（学员的进度文件没有动/);
  await ctx.close();
});
