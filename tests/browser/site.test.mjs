// The built site as a reader uses it: opened straight from disk, navigation, sorting,
// and live reload in the preview server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { join, extname, normalize } from "node:path";
import { bin, buildBundled, initBook, serve, launch, fileUrl } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// One build of the bundled handbook for the tests that only read it.
let bundledRoot;
function bundled() {
  bundledRoot ??= buildBundled();
  return bundledRoot;
}

/** A page of the built site opened from disk once `ready` matches, with its script errors. */
async function openFromDisk(root, rel, ready) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(fileUrl(join(root, rel)));
  await page.waitForSelector(ready);
  return { page, errors };
}

test("a page opened from disk (file://) renders with its sidebar nav and works", async () => {
  const root = bundled();
  const { page, errors } = await openFromDisk(root, "site/procedure/time-limits/index.html", "#sidebar a[aria-current=page]");
  const current = await page.textContent("#sidebar a[aria-current=page]");
  assert.equal(current.trim(), await page.textContent("h1"));
  // Every section is in the sidebar (a closed one's pages are made when it is opened).
  const sections = await page.$$eval("#sidebar > ol > li", (lis) => lis.length);
  assert.ok(sections >= 15, `sidebar has ${sections} entries`);
  const here = await page.$$eval("#sidebar li.nav-group.open > ol a", (as) => as.length);
  assert.ok(here >= 3, `the open section lists ${here} pages`);
  // Follow the "next" link and a sidebar link: relative links work from disk.
  await page.click("a[rel=next]");
  await page.waitForLoadState();
  assert.match(page.url(), /^file:\/\/.*\/index\.html$/);
  await page.click("#sidebar a >> text=术语表");
  await page.waitForSelector("dl.glossary dt");
  // Keyboard: ArrowLeft goes to the previous page.
  await page.goto(fileUrl(join(root, "site/procedure/time-limits/index.html")));
  const prevHref = await page.getAttribute("a[rel=prev]", "href");
  await page.keyboard.press("ArrowLeft");
  await page.waitForURL((u) => u.href.endsWith(prevHref.replace(/^(\.\.\/)+/, "")));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the print page: reached from the footer, its contents jump within it, and printed it keeps only the book", async () => {
  const root = bundled();
  const { page, errors } = await openFromDisk(root, "site/procedure/index.html", "#sidebar a[aria-current=page]");
  await page.click("footer a >> text=全书打印版");
  await page.waitForSelector(".print-toc");
  assert.match(page.url(), /\/print\/index\.html$/);
  // A table-of-contents entry scrolls to that lesson on this page.
  await page.click(".print-toc a >> text=办理时限与答复");
  const hash = await page.evaluate(() => decodeURIComponent(location.hash));
  assert.match(hash, /^#p\d+$/);
  const top = await page.$eval(hash, (s) => Math.round(s.getBoundingClientRect().top));
  assert.ok(top >= 0 && top < 120, `the lesson is at the top of the window (${top})`);
  // Numbered as in the contents (on paper the numbers stand in for page numbers).
  const entry = await page.textContent(".print-toc a >> text=办理时限与答复");
  assert.match(entry, /^\d+\.\d+办理时限与答复$/);
  assert.equal(await page.$eval(`${hash} h1`, (h) => h.textContent), entry);
  // A link in a lesson to a rule jumps to its card on this page.
  const toCard = await page.$eval(`${hash} a[href^="#r-TS-"]`, (a) => a.getAttribute("href"));
  assert.ok(await page.$(`[id="${toCard.slice(1)}"] .rule-card`), `${toCard} is a card here`);
  // Printed: no sidebar, bar or button; each chapter and rule card starts a page.
  const shown = (sel) => page.$eval(sel, (e) => getComputedStyle(e).display !== "none");
  // A link to another chapter says where it is, on paper only (（见 4.4）).
  const ref = `${hash} a[href^="#p"]:not([href^="${hash}"]) + .print-ref`;
  assert.equal(await shown(ref), false, "not on the screen");
  await page.emulateMedia({ media: "print" });
  assert.equal(await shown(ref), true, "on paper");
  assert.match(await page.textContent(ref), /^（见 \d+(\.\d+)*）$/);
  assert.equal(await shown("#sidebar"), false);
  assert.equal(await shown(".topbar"), false);
  // Every sheet is numbered at its foot: the browser keeps the page rule's margin box (one
  // it cannot read would be dropped from the style sheet).
  const foot = await page.evaluate(() => {
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (!(rule instanceof CSSPageRule)) continue;
        for (const box of rule.cssRules || []) if (box.name === "bottom-center") return box.style.getPropertyValue("content");
      }
    }
    return null;
  });
  assert.equal(foot, '"第 " counter(page) " 页 / 共 " counter(pages) " 页"');
  assert.equal(await shown(".print-actions"), false);
  const breaks = await page.$$eval(".print-d1, .print-rule", (ss) => ss.map((s) => getComputedStyle(s).breakBefore));
  assert.ok(breaks.length > 30 && breaks.every((b) => b === "page"), breaks.join());
  // One chapter alone: its own print page (print-pages.test.mjs prints it).
  const own = await page.$eval(`${hash}`, (s) => {
    let c = s;
    while (!c.classList.contains("print-d1")) c = c.previousElementSibling;
    return c.querySelector(".print-chapter-link").getAttribute("href");
  });
  assert.equal(own, "procedure/index.html");
  assert.deepEqual(errors, []);
  await page.close();
});

test("starred and recently viewed pages: a star beside the breadcrumbs, both lists on the home page", async () => {
  const root = bundled();
  const at = (rel) => fileUrl(join(root, "site", rel));
  const { page, errors } = await openFromDisk(root, "site/index.html", "#sidebar a");
  assert.equal(await page.$eval("#my-pages", (p) => p.hidden), true, "nothing yet: no panel");
  await page.goto(at("procedure/time-limits/index.html"));
  await page.click(".star-button");
  assert.equal(await page.textContent(".star-button"), "★ 已收藏");
  await page.goto(at("rules/TS-PROC-002/index.html"));
  assert.equal(await page.textContent(".star-button"), "☆ 收藏");
  await page.goto(at("index.html"));
  const lists = () => page.$$eval("#my-pages .my-pages-list", (ls) => ls.map((l) => [...l.querySelectorAll("a")].map((a) => a.textContent)));
  assert.deepEqual(await lists(), [["办理时限与答复"], ["TS-PROC-002 投诉办理时限", "办理时限与答复"]]);
  // One click opens a starred page.
  await page.click("#my-pages .my-pages-list:first-child a");
  await page.waitForURL(/\/procedure\/time-limits\/index\.html$/);
  // Unstarred from the home page: gone there, and the page's button says so.
  await page.goto(at("index.html"));
  await page.click("#my-pages .my-pages-list:first-child .my-pages-remove");
  assert.deepEqual((await lists())[0], []);
  await page.goto(at("procedure/time-limits/index.html"));
  assert.equal(await page.textContent(".star-button"), "☆ 收藏");
  // What storage holds becomes links only if it is a folder of this site.
  await page.evaluate(() => localStorage.setItem("handbook-pages:" + document.body.getAttribute("data-book"),
    JSON.stringify({ stars: [{ u: "javascript:alert(1)//", t: "x" }, { u: "../../etc/", t: "y" }], recent: "no" })));
  await page.goto(at("index.html"));
  assert.equal(await page.$eval("#my-pages", (p) => p.hidden), true);
  // A page deleted or renamed since it was starred is listed without a link, to be cleared.
  await page.evaluate(() => localStorage.setItem("handbook-pages:" + document.body.getAttribute("data-book"),
    JSON.stringify({ stars: [{ u: "procedure/old-name/", t: "旧的课程" }, { u: "rules/TS-PROC-002/", t: "TS-PROC-002 投诉办理时限" }, { u: "quizzes/principles/", t: "测验" }, { u: "tags/时限/", t: "#时限" }], recent: [] })));
  await page.goto(at("index.html"));
  assert.deepEqual((await lists())[0], ["TS-PROC-002 投诉办理时限", "测验", "#时限"]);
  assert.equal(await page.textContent("#my-pages .my-pages-gone"), "旧的课程（已删除或改名）×");
  await page.click("#my-pages .my-pages-gone .my-pages-remove");
  assert.equal(await page.$("#my-pages .my-pages-gone"), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test("? lists the keyboard shortcuts; Esc closes the list and gives the focus back", async () => {
  const root = bundled();
  const { page, errors } = await openFromDisk(root, "site/procedure/time-limits/index.html", "#sidebar a[aria-current=page]");
  await page.focus("a[rel=next]");
  await page.keyboard.press("?");
  await page.waitForSelector(".keys-dialog:not([hidden])");
  const text = await page.textContent(".keys-dialog");
  for (const s of ["跳到搜索框", "上一页 / 下一页", "Esc"]) assert.ok(text.includes(s), `${s} in ${text}`);
  assert.equal(await page.evaluate(() => document.activeElement.className), "keys-close");
  // Tab goes round the box's switch and its button, never out of it.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "keys-single");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "keys-close");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "keys-single");
  await page.keyboard.press("Escape");
  assert.equal(await page.isHidden(".keys-dialog"), true);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("rel")), "next");
  // Typing "?" in the search box is text, not the shortcut.
  await page.fill("#search", "");
  await page.type("#search", "?");
  assert.equal(await page.isHidden(".keys-dialog"), true);
  assert.equal(await page.inputValue("#search"), "?");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the one-key shortcuts (/ s ?) can be turned off, and on again from the footer's 键盘快捷键", async () => {
  const root = bundled();
  const { page, errors } = await openFromDisk(root, "site/procedure/time-limits/index.html", "#sidebar a[aria-current=page]");
  await page.focus("a[rel=next]");
  await page.keyboard.press("?");
  await page.waitForSelector(".keys-dialog:not([hidden])");
  assert.equal(await page.isChecked("#keys-single"), true);
  const hint = () => page.getAttribute("#search", "placeholder");
  assert.equal(await hint(), "搜索规则、课程、术语（按 / 聚焦）");
  await page.uncheck("#keys-single");
  // The box no longer names a key that does nothing.
  assert.equal(await hint(), "搜索规则、课程、术语");
  await page.keyboard.press("Escape");
  // Off, and kept for the next page: / s ? are keys like any other.
  await page.reload();
  assert.equal(await hint(), "搜索规则、课程、术语");
  await page.focus("a[rel=next]");
  for (const key of ["/", "s", "?"]) {
    await page.keyboard.press(key);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("rel")), "next", key);
    assert.equal(await page.isHidden(".keys-dialog").catch(() => true), true, key);
  }
  // The footer's button opens the list; turned on again, / goes to the search box.
  await page.click(".footer .keys-open");
  await page.waitForSelector(".keys-dialog:not([hidden])");
  assert.equal(await page.isChecked("#keys-single"), false);
  await page.check("#keys-single");
  assert.equal(await hint(), "搜索规则、课程、术语（按 / 聚焦）");
  await page.click(".keys-close");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  assert.deepEqual(errors, []);
  await page.close();
  // On a phone (a touch screen, no hover) there is no / to press.
  const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
  const phone = await ctx.newPage();
  await phone.goto(fileUrl(join(root, "site/index.html")));
  assert.equal(await phone.getAttribute("#search", "placeholder"), "搜索规则、课程、术语");
  await ctx.close();
});

test("dark mode toggle persists across pages; showing it moves nothing", async () => {
  const root = bundled();
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/index.html")));
  // The toggle appears when handbook.js runs, after the page may have been drawn: its room is
  // kept, or the search box and the whole page jump down on every page opened.
  const bars = await page.evaluate(() => {
    const b = document.getElementById("theme-toggle"), bar = document.querySelector(".topbar");
    const at = () => [bar.getBoundingClientRect().height, document.getElementById("search").getBoundingClientRect().top];
    const shown = at();
    b.hidden = true;
    const hidden = at();
    b.hidden = false;
    return { shown, hidden };
  });
  assert.deepEqual(bars.hidden, bars.shown, "the top bar and the search box stay where they are");
  const dark0 = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  // A switch named 深色模式: pressed says which mode is on (a screen reader hears it).
  const pressed = () => page.getAttribute("#theme-toggle", "aria-pressed");
  assert.equal(await page.getAttribute("#theme-toggle", "aria-label"), "深色模式");
  assert.equal(await pressed(), String(dark0));
  await page.click("#theme-toggle");
  assert.equal(await pressed(), String(!dark0));
  await page.goto(fileUrl(join(root, "site/glossary/index.html")));
  const dark1 = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  assert.equal(dark1, !dark0);
  assert.equal(await pressed(), String(dark1));
  await page.close();
});

test("dark mode: pressed back to the system's setting, the pages follow the system again, also as it changes", async () => {
  const root = bundled();
  const ctx = await browser.newContext({ colorScheme: "light" });
  const page = await ctx.newPage();
  const dark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
  const saved = () => page.evaluate(() => localStorage.getItem("handbook-theme"));
  await page.goto(fileUrl(join(root, "site/index.html")));
  assert.equal(await dark(), false);
  // Dark on a light system: kept, and the system's change does not undo it.
  await page.click("#theme-toggle");
  assert.equal(await saved(), "dark");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await dark(), true);
  // Back to light, the system's: no choice kept; the page follows the system from then on.
  await page.click("#theme-toggle");
  assert.equal(await dark(), false);
  assert.equal(await saved(), null);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => document.documentElement.classList.contains("dark"));
  assert.equal(await page.getAttribute("#theme-toggle", "aria-pressed"), "true");
  await page.goto(fileUrl(join(root, "site/glossary/index.html")));
  assert.equal(await dark(), true);
  await ctx.close();
});

test("the time-limit table sorts by clicking its headers", async () => {
  const root = bundled();
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/rules/time-limits/index.html")));
  const values = () => page.$$eval("#time-limits tbody tr td:nth-child(2)", (tds) => tds.map((td) => parseFloat(td.dataset.value)));
  assert.ok((await values()).length >= 5);
  await page.click("#time-limits th:nth-child(2) button");
  const asc = await values();
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
  assert.equal(await page.getAttribute("#time-limits th:nth-child(2)", "aria-sort"), "ascending");
  await page.click("#time-limits th:nth-child(2) button");
  const desc = await values();
  assert.deepEqual(desc, [...asc].sort((a, b) => b - a));
  // Sorting by rule (text) works too.
  await page.click("#time-limits th:nth-child(5) button");
  const ids = await page.$$eval("#time-limits tbody tr td:nth-child(5)", (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(ids, [...ids].sort((a, b) => a.localeCompare(b, "zh-CN")));
  await page.close();
});

test("时限速查 counts each time limit's last day from the day it starts, skipping weekends and the book's holidays", async () => {
  // Without calendar.yaml (the bundled book): weekends only, and the page says so.
  const plain = await openFromDisk(bundled(), "site/rules/time-limits/index.html", "#deadline-calc:not([hidden])");
  const due = (page) => page.$$eval("#time-limits tbody tr", (rows) => rows.map((r) => [
    r.cells[0].textContent, r.cells[1].textContent, r.cells[2].textContent]));
  await plain.page.fill("#deadline-from", "2030-09-27"); // a Friday
  let rows = await due(plain.page);
  const row = (rows, label, limit) => rows.find((r) => r[0].includes(label) && r[1] === limit)?.[2];
  assert.equal(row(rows, "办结", "5个工作日"), "10月4日（周五）");
  assert.match(await plain.page.textContent("#deadline-note"), /没有录入节假日安排/);
  assert.deepEqual(plain.errors, []);
  await plain.page.close();
  // A case accepted before the rule's present version (2026-12-01, a revision of its wording
  // naming no limit it changed: a rule with a version before, whose changed limits the
  // trainer guide has written with `previous`), looked at after that day (a quality check of
  // last month's calls) or before it (the version still ahead): the limit is the same on
  // both sides of the day, counted as it stands, with nothing to caution -- a step added
  // ahead once took the busiest rule's due dates away for a month.
  for (const [now, want] of [
    [new Date(2026, 11, 2, 10, 0), "11月27日（周五）"],
    [new Date(2026, 10, 25, 10, 0), "11月27日（周五）"],
  ]) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await p.clock.setFixedTime(now);
    await p.goto(fileUrl(join(bundled(), "site/rules/time-limits/index.html")));
    await p.waitForSelector("#deadline-calc:not([hidden])");
    await p.fill("#deadline-from", "2026-11-20");
    assert.equal(row(await due(p), "办结", "5个工作日"), want, String(now));
    await ctx.close();
  }

  // With one: the National Day week off, a Saturday worked in its place.
  const root = buildBundled();
  writeFileSync(join(root, "content/calendar.yaml"),
    "years: [2030]\nholidays:\n  - 2030-10-01..2030-10-07\nworkdays:\n  - 2030-10-12\n");
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const { page, errors } = await openFromDisk(root, "site/rules/time-limits/index.html", "#deadline-calc:not([hidden])");
  // Today by default.
  const today = await page.evaluate(() => { const d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); });
  assert.equal(await page.inputValue("#deadline-from"), today);
  // Each kind of start has its date: the closing limits count from 受理 (the first box), the
  // reply from 办结 (its own box), not both from the day of the call.
  assert.equal(await page.textContent('label[for="deadline-from"]'), "算截止日期，受理日：");
  assert.equal(await page.textContent('label[for="deadline-from-1"]'), "办结日：");
  assert.equal(await page.inputValue("#deadline-from-1"), today);
  await page.fill("#deadline-from", "2030-09-27");
  await page.fill("#deadline-at", "16:30");
  await page.fill("#deadline-from-1", "2030-09-27");
  rows = await due(page);
  // The Friday itself is not counted; Sep 30 is day 1, Oct 8 day 2 ... Oct 12 (worked) day 6.
  assert.equal(row(rows, "答复", "3个工作日"), "10月9日（周三）");
  assert.equal(row(rows, "办结", "5个工作日"), "10月11日（周五）");
  // Closed on that day 5: the reply is due 3 working days on (Oct 12 is worked), whatever
  // the day it was accepted.
  await page.fill("#deadline-from-1", "2030-10-11");
  rows = await due(page);
  assert.equal(row(rows, "答复", "3个工作日"), "10月15日（周二）");
  assert.equal(row(rows, "办结", "5个工作日"), "10月11日（周五）");
  assert.equal(row(rows, "办结", "10个工作日"), "10月17日（周四）");
  assert.equal(row(rows, "办结", "30个工作日"), "11月14日（周四）");
  // Hours of service are not a deadline.
  assert.equal(row(rows, "95598", "24小时（时段，不是办理期限）"), "—");
  assert.doesNotMatch(await page.textContent("#deadline-note"), /没有录入/);
  assert.match(await page.textContent("#deadline-note"), /起算当天不计入/);
  // Past the years the calendar covers, it says which year counts weekends only.
  await page.fill("#deadline-from", "2030-12-20");
  rows = await due(page);
  assert.equal(row(rows, "办结", "30个工作日"), "2031年1月31日（周五）");
  assert.match(await page.textContent("#deadline-note"), /2031 年的节假日安排还没有录入/);
  // A screen reader hears, once typing pauses, the due days and the warning.
  await page.waitForFunction(() => /：2031年1月31日（周五）；.*。注意：2031 年的节假日安排还没有录入：这一年只扣除了周六、周日/.test(document.getElementById("deadline-status").textContent));
  // The due-date column sorts by date.
  await page.click("#time-limits th:nth-child(3) button");
  const sorted = await page.$$eval("#time-limits tbody tr td:nth-child(3)", (tds) => tds.map((td) => parseFloat(td.dataset.value)));
  assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));
  assert.deepEqual(errors, []);
  await page.close();

  // A rule card gives each limit's due day if it started today (here: that Friday).
  const ctx = await browser.newContext();
  const card = await ctx.newPage();
  await card.clock.setFixedTime(new Date(2030, 8, 27, 10, 0));
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  const dues = await card.$$eval(".rule-limits .limit", (ls) => ls.map((l) => l.querySelector(".limit-due")?.textContent ?? ""));
  assert.deepEqual(dues, ["今天受理的，截止 10月11日（周五）", "今天受理的，截止 10月17日（周四）", "今天受理的，截止 11月14日（周四）"]);
  // A kind of complaint without limits of its own shows its handling rule's, dated too.
  await card.goto(fileUrl(join(root, "site/rules/TS-CAT-008/index.html")));
  assert.equal(await card.textContent(".rule-limits-borrowed .limit-due"), "今天受理的，截止 10月11日（周五）");
  // A reply counts from closing, not from the call: the card says so.
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-003/index.html")));
  assert.equal(await card.textContent(".rule-limits .limit-due"), "今天办结的，截止 10月9日（周三）");
  await card.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  // Printed, a card keeps no 'from today' date (a binder is read long after it was printed).
  await card.emulateMedia({ media: "print" });
  assert.equal(await card.isVisible(".limit-due"), false);
  assert.equal(await card.isVisible(".limits-calc"), false);
  await card.emulateMedia({ media: "screen" });
  // Past the calendar's years it says that only weekends were skipped.
  await card.clock.setFixedTime(new Date(2030, 11, 20, 10, 0));
  await card.reload();
  assert.match(await card.textContent(".rule-limits .limit:last-child .limit-due"), /2031年1月31日（周五）（未计节假日）/);
  assert.equal(await card.isVisible(".rule-pending"), false);
  // Read before the day this version takes effect (published ahead): the card says so; its
  // limits, which the version does not change (no `previous`, a rule with a version before),
  // are counted as ever.
  await card.clock.setFixedTime(new Date(2026, 10, 20, 10, 0));
  await card.reload();
  assert.match(await card.textContent(".rule-pending:not([hidden])"), /本版自 2026-12-01 起施行：在此之前仍按原规定办理；本版没有改动时限，截止日期照常计算。/);
  assert.equal(await card.textContent(".rule-limits .limit-due"), "今天受理的，截止 11月27日（周五）（未计节假日）");
  // Hours of service get no due day.
  await card.goto(fileUrl(join(root, "site/rules/TS-INT-001/index.html")));
  assert.equal(await card.$(".limit-due"), null);
  assert.equal(await card.isVisible(".rule-pending"), false);
  await ctx.close();
});

test("with last_day: extend, a limit in calendar days that ends on a day off ends on the next working day", async () => {
  const root = buildBundled();
  const calendar = "years: [2030]\nholidays:\n  - 2030-10-01..2030-10-07\nworkdays:\n  - 2030-10-12\n";
  writeFileSync(join(root, "content/calendar.yaml"), calendar + "last_day: extend\n");
  writeFileSync(join(root, "content/rules/ts-test-001.rule.yaml"),
    "id: TS-TEST-001\ntitle: 回访时限测试\ncategory: procedure\nsummary: 办结后回访。\ntime_limits:\n" +
    "  - label: 回访时限\n    value: 7\n    unit: calendar_days\n  - label: 回访时限\n    value: 10\n    unit: calendar_days\n    condition: complex\n");
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const { page, errors } = await openFromDisk(root, "site/rules/time-limits/index.html", "#deadline-calc:not([hidden])");
  const cell = (label, limit) => page.$$eval("#time-limits tbody tr", (rows, [label, limit]) =>
    rows.find((r) => r.cells[0].textContent.includes(label) && r.cells[1].textContent === limit)?.cells[2].textContent, [label, limit]);
  // The new rule says nothing of its start: the first box is for it, 受理日 has a box of its own.
  assert.equal(await page.textContent('label[for="deadline-from"]'), "算截止日期，起算日：");
  assert.equal(await page.textContent('label[for="deadline-from-0"]'), "受理日：");
  await page.fill("#deadline-from", "2030-09-27"); // a Friday
  await page.fill("#deadline-from-0", "2030-09-27");
  // Day 7 is Oct 4, in the National Day week: the limit runs to Tuesday Oct 8. Day 10 is
  // Oct 7, a holiday too. Limits in working days are as before.
  assert.equal(await cell("回访时限", "7天"), "10月8日（周二）");
  assert.equal(await cell("回访时限", "10天"), "10月8日（周二）");
  assert.equal(await cell("办结", "5个工作日"), "10月11日（周五）");
  assert.match(await page.textContent("#deadline-note"), /顺延到其后第一个工作日/);
  // From Sep 20, day 7 is Sep 27, a working Friday: no change.
  await page.fill("#deadline-from", "2030-09-20");
  assert.equal(await cell("回访时限", "7天"), "9月27日（周五）");
  // A Sunday last day moves to Monday.
  await page.fill("#deadline-from", "2030-09-22");
  assert.equal(await cell("回访时限", "7天"), "9月30日（周一）");
  assert.deepEqual(errors, []);
  await page.close();
  const ctx = await browser.newContext();
  const card = await ctx.newPage();
  await card.clock.setFixedTime(new Date(2030, 8, 27, 10, 0));
  await card.goto(fileUrl(join(root, "site/rules/TS-TEST-001/index.html")));
  assert.deepEqual(await card.$$eval(".rule-limits .limit-due", (ds) => ds.map((d) => d.textContent)),
    ["今天起算，截止 10月8日（周二）", "今天起算，截止 10月8日（周二）"]);
  await card.clock.setFixedTime(new Date(2031, 0, 3, 10, 0));
  await card.reload();
  assert.match(await card.textContent(".rule-limits .limit-due"), /（未计节假日）/);
  // Without it (the default), the last day stays where it falls.
  writeFileSync(join(root, "content/calendar.yaml"), calendar);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  await card.clock.setFixedTime(new Date(2030, 8, 27, 10, 0));
  await card.reload();
  assert.deepEqual(await card.$$eval(".rule-limits .limit-due", (ds) => ds.map((d) => d.textContent)),
    ["今天起算，截止 10月4日（周五）", "今天起算，截止 10月7日（周一）"]);
  await ctx.close();
});

test("revisions a reader has not seen get 新 on the lists, and a revised page says so at its top", async () => {
  const root = initBook();
  const lessonFile = join(root, "content/basics/first-lesson.md");
  writeFileSync(lessonFile, readFileSync(lessonFile, "utf8").replace("order: 10\n", "order: 10\nrevised:\n  - date: 2025-03-01\n    change: 补充了示范对话\n"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const open = (rel) => page.goto(fileUrl(join(root, "site", rel)));
  const badges = () => page.$$eval("[data-change-date]", (items) => items.filter((i) => i.querySelector(".badge-new")).map((i) => i.getAttribute("data-change-page")));
  // A new reader: nothing is new.
  await open("index.html");
  assert.equal(await page.$$eval("[data-change-date]", (l) => l.length), 2);
  assert.deepEqual(await badges(), []);
  // A reader who last looked in December 2024, and opened both pages then.
  await page.evaluate(() => {
    const book = document.body.dataset.book;
    localStorage.setItem("handbook-changes-seen:" + book, "2024-12-01");
    const t = new Date(2024, 11, 15).getTime();
    localStorage.setItem("handbook-progress:" + book, JSON.stringify({ v: 1, lessons: { "rules/EX-PROC-001/": t, "basics/first-lesson/": t }, quizzes: {}, scenarios: {}, cards: {} }));
  });
  await open("index.html");
  assert.deepEqual((await badges()).sort(), ["basics/first-lesson/", "rules/EX-PROC-001/"]);
  // The revised lesson says what changed since; opened, it is no longer new.
  await open("basics/first-lesson/index.html");
  const note = await page.textContent(".revised-notice");
  assert.match(note, /2025-03-01 有修订：补充了示范对话/);
  await page.click(".revised-notice a");
  assert.equal(decodeURIComponent(new URL(page.url()).hash), "#修订记录");
  // (Read once its end has been on screen: the record is written a moment after the scroll.)
  await page.waitForFunction(() => {
    const p = JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book));
    return p.lessons["basics/first-lesson/"] > new Date(2025, 2, 1).getTime();
  });
  await open("basics/first-lesson/index.html");
  assert.equal(await page.$(".revised-notice"), null, "seen now");
  await open("index.html");
  assert.deepEqual(await badges(), ["rules/EX-PROC-001/"]);
  // 最近修订 shows the rest as new once, and marks them seen.
  await open("rules/changes/index.html");
  assert.deepEqual(await badges(), ["rules/EX-PROC-001/"]);
  await open("index.html");
  assert.deepEqual(await badges(), []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a quiz passed before its answer was corrected says so on its page", async () => {
  const root = initBook();
  const quizFile = join(root, "content/quizzes/example.quiz.yaml");
  writeFileSync(quizFile, readFileSync(quizFile, "utf8").replace("questions:\n", "revised:\n  - date: 2025-03-01\n    change: 第1题答案改为4个工作日\nquestions:\n"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const url = fileUrl(join(root, "site/quizzes/example/index.html"));
  const passedOn = (y, m, d) => page.evaluate(([y, m, d]) => {
    const t = new Date(y, m, d, 10).getTime();
    localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: {}, quizzes: { example: { best: 100, passed: true, attempts: 1, last: t, passedAt: t } }, scenarios: {}, cards: {} }));
  }, [y, m, d]);
  await page.goto(url);
  assert.equal(await page.$(".revised-notice"), null, "not passed: nothing to say");
  await passedOn(2024, 11, 15);
  await page.reload();
  assert.match(await page.textContent(".revised-notice"), /你在 2024-12-15 通过这套测验之后，它在 2025-03-01 有修订：第1题答案改为4个工作日/);
  assert.equal(await page.textContent("#修订记录"), "修订记录");
  // Passed after it: nothing.
  await passedOn(2025, 3, 1);
  await page.reload();
  await page.waitForSelector(".quiz-app");
  assert.equal(await page.$(".revised-notice"), null);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("话术汇编 keeps the dialogues with every word typed, in simplified or traditional", async () => {
  const { page, errors } = await openFromDisk(bundled(), "site/phrases/index.html", ".phrases-box:not([hidden])");
  // No ids in the box: `check` offers a page's ids as link targets.
  assert.equal(await page.$$eval(".phrases-box [id]", (n) => n.length), 0);
  const all = await page.$$eval(".phrase", (ps) => ps.length);
  assert.ok(all >= 20);
  const shown = () => page.$$eval(".phrase", (ps) => ps.filter((p) => !p.hidden).map((p) => p.textContent));
  await page.fill(".phrases-filter-input", "停電");
  await page.waitForFunction(() => /显示 \d+ \//.test(document.querySelector(".phrases-count").textContent));
  await page.waitForFunction(() => [...document.querySelectorAll(".phrase")].some((p) => !p.hidden));
  let seen = await shown();
  const withIt = await page.$$eval(".phrase", (ps) => ps.filter((p) => p.textContent.includes("停电")).length);
  assert.equal(seen.length, withIt);
  assert.ok(seen.length > 0 && seen.length < all, `${seen.length} of ${all}`);
  assert.match(await page.textContent(".phrases-count"), new RegExp(`显示 ${withIt} / ${all} 段`));
  // A word that is one of a glossary term's (道歉, of 致歉): the dialogues that say another of
  // them as written (抱歉, 说对不起 …) too, counted apart.
  const sorry = ["致歉", "道歉", "抱歉", "赔不是", "赔礼道歉", "说对不起"];
  await page.fill(".phrases-filter-input", "道歉");
  await page.waitForFunction(() => /同义说法/.test(document.querySelector(".phrases-count").textContent));
  seen = await shown();
  const saidSo = seen.filter((t) => t.includes("道歉")).length;
  assert.ok(seen.every((t) => sorry.some((w) => t.includes(w))), seen.join("\n---\n"));
  assert.ok(seen.length > saidSo, `${seen.length} shown, ${saidSo} with 道歉`);
  assert.match(await page.textContent(".phrases-count"), new RegExp(`显示 ${seen.length} / ${all} 段（其中 ${seen.length - saidSo} 段是同义说法）`));
  // Two words: both must be there; a lesson with none left is hidden with its contents entry.
  await page.fill(".phrases-filter-input", "停电 抱歉");
  await page.waitForFunction(() => !/同义说法/.test(document.querySelector(".phrases-count").textContent));
  seen = await shown();
  assert.ok(seen.every((t) => t.includes("停电") && sorry.some((w) => t.includes(w))));
  const hiddenGroups = await page.$$eval(".phrases-group", (gs) => gs.filter((g) => g.hidden).map((g) => g.id.replace(/-group$/, "")));
  assert.ok(hiddenGroups.length > 0);
  for (const id of hiddenGroups) assert.equal(await page.$eval(`.phrases-contents a[href="#${id}"]`, (a) => a.parentNode.hidden), true);
  // A bad example standing alone (its section has no good one) goes with any filter, also
  // in a lesson that stays (复述问题…: its good one holds the words typed).
  const aloneShown = () => page.$$eval(".phrase-alone", (ds) => ds.filter((d) => !d.hidden && d.offsetParent).length);
  await page.fill(".phrases-filter-input", "说得这么清楚");
  await page.waitForFunction(() => !document.getElementById("phone/steering-solving-group").hidden);
  assert.equal(await aloneShown(), 0);
  await page.fill(".phrases-filter-input", "");
  assert.equal((await shown()).length, all);
  assert.ok((await aloneShown()) >= 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test("serve: editing a lesson reloads the open tab; a broken edit shows the error; fixing it recovers", async () => {
  const root = initBook();
  // The edit renames the lesson's section: init's search check of that section would then be
  // an error of its own (a reference to a section that is gone); it checks the lesson whole.
  const checks = join(root, "content/search-checks.yaml");
  writeFileSync(checks, readFileSync(checks, "utf8").replace("#投诉是免费的反馈", ""));
  const srv = await serve(root);
  try {
    const page = await browser.newPage();
    try {
      await page.goto(srv.url + "basics/first-lesson/", { waitUntil: "load", timeout: 10000 });
    } catch (e) {
      // Every asset of the page must arrive (a lost connection once kept the page loading
      // forever; tests/serve.rs has the socket-level reproduction). Show the server's log.
      console.log(srv.log());
      throw e;
    }
    await page.waitForSelector("#sidebar a[aria-current=page]");
    const lesson = join(root, "content/basics/first-lesson.md");
    const good = readFileSync(lesson, "utf8");
    await page.waitForTimeout(300);
    writeFileSync(lesson, good.replace("投诉是免费的反馈", "投诉是宝贵的礼物"));
    await page.waitForSelector("h2:has-text('投诉是宝贵的礼物')", { timeout: 15000 });

    writeFileSync(lesson, "---\ntitle: 认识投诉\nsumary: 错字\n---\n");
    const overlay = await page.waitForSelector("#handbook-error-overlay", { timeout: 15000 });
    const text = await overlay.textContent();
    assert.match(text, /content\/basics\/first-lesson\.md:3/);
    assert.match(text, /summary/);

    writeFileSync(lesson, good);
    await page.waitForSelector("h2:has-text('投诉是免费的反馈')", { timeout: 15000 });
    assert.equal(await page.$("#handbook-error-overlay"), null);
    await page.close();
  } catch (e) {
    throw new Error(`${e.message}\n--- handbook serve log ---\n${srv.log()}`);
  } finally {
    srv.stop();
  }
});

test("serve: the build's warnings show in a bar on the open page, until hidden", async () => {
  const root = initBook();
  const lesson = join(root, "content/basics/first-lesson.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8") + "\n##没有空格的标题\n");
  const srv = await serve(root);
  try {
    const page = await browser.newPage();
    await page.goto(srv.url + "basics/first-lesson/", { waitUntil: "load", timeout: 10000 });
    const bar = await page.waitForSelector("#handbook-warnings", { timeout: 15000 });
    assert.match(await bar.textContent(), /1 条警告/);
    assert.match(await bar.textContent(), /first-lesson\.md:\d+:3: `##没有空格的标题` is no heading/);
    await page.click("#handbook-warnings button");
    assert.equal(await page.$("#handbook-warnings"), null);
    // Hidden until the warnings change.
    await page.reload({ waitUntil: "load" });
    await page.waitForTimeout(1000);
    assert.equal(await page.$("#handbook-warnings"), null);
    await page.close();
  } catch (e) {
    throw new Error(`${e.message}\n--- handbook serve log ---\n${srv.log()}`);
  } finally {
    srv.stop();
  }
});

test("phone-sized screen: sidebar opens from the menu button", async () => {
  const root = bundled();
  const ctx = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(root, "site/phone/opening-and-listening/index.html")));
  assert.equal(await page.isVisible("#nav-toggle"), true);
  await page.click("#nav-toggle");
  assert.equal(await page.getAttribute("#nav-toggle", "aria-expanded"), "true");
  await page.keyboard.press("Escape");
  assert.equal(await page.getAttribute("#nav-toggle", "aria-expanded"), "false");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
  await ctx.close();
});

/** `body(page, srv)` on `root`'s site served over http (file:// is not a secure context
 *  everywhere: as an intranet server does), in a context that may read the clipboard; no
 *  script error. */
async function withClipboard(root, body) {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const srv = await serve(root);
  try {
    await body(page, srv);
    assert.deepEqual(errors, []);
  } finally {
    srv.stop();
    await context.close();
  }
}

test("copy buttons put a code block, an agent's line of a good dialogue and a rule card's essentials on the clipboard", async () => {
  await withClipboard(buildBundled(), async (page, srv) => {
    await page.goto(srv.url + "prescriptions/by-category/");
    const line = page.locator(".dialogue-good .dialogue-staff").first();
    const said = (await line.locator(".said").textContent()).trim();
    assert.match(said, /用电记录/);
    // Bad examples get no button: their wording is not to be reused.
    assert.equal(await page.locator(".dialogue-bad .copy-button").count(), 0);
    await line.locator(".copy-button").click();
    await page.waitForFunction(() => document.querySelector(".dialogue-staff .copy-button").textContent === "已复制");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), said);

    await page.goto(srv.url + "trainer/");
    const pre = page.locator("article pre.has-copy").first();
    const code = await pre.locator("code").textContent();
    await pre.locator(".copy-button").click();
    await page.waitForFunction(() => document.querySelector("pre .copy-button").textContent === "已复制");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, code.replace(/\n$/, ""));
    assert.ok(!copied.includes("复制"), copied);

    // A rule card's 复制要点: the rule as text to paste into a work order, with its address.
    await page.goto(srv.url + "rules/TS-PROC-002/");
    await page.click(".copy-rule");
    await page.waitForFunction(() => document.querySelector(".copy-rule").textContent === "已复制");
    const rule = await page.evaluate(() => navigator.clipboard.readText());
    const lines = rule.split("\n");
    assert.equal(lines[0], "【TS-PROC-002 投诉办理时限】");
    assert.match(rule, /^要点：.+/m);
    assert.match(rule, /^时限：办结时限 · 一般情形 5个工作日（.+）；办结时限 · 复杂情形 10个工作日/m);
    assert.match(rule, /按办结后答复投诉人（TS-PROC-003）答复投诉人/);
    assert.match(rule, /^步骤：1\. .+：.+/m);
    assert.match(rule, /^必须：.+；.+/m);
    assert.match(rule, /^版本 .+ · 生效日期 \d{4}-\d{2}-\d{2}/m);
    assert.equal(lines.at(-1), `详见：${srv.url}rules/TS-PROC-002/`);
    // Nothing of the page's own furniture: due dates counted from today, buttons, headings.
    assert.ok(!/截止|今天起算|复制|办理步骤|✓ 必须做到/.test(rule), rule);
    // (Nor the clauses' own link marks.)
    assert.ok(!rule.includes("#"), rule);
    // Each step and clause has an address a quality check can cite: 严禁第 2 条.
    await page.goto(srv.url + "rules/TS-PROC-002/#" + encodeURIComponent("严禁-2"));
    const cited = await page.evaluate(() => {
      const t = document.querySelector(":target");
      const items = [...document.querySelectorAll(".must-not li")];
      return { id: t && t.id, at: items.indexOf(t), numbered: getComputedStyle(t.parentNode).listStyleType,
        link: t.querySelector("a.anchor").getAttribute("href"), label: t.querySelector("a.anchor").getAttribute("aria-label") };
    });
    assert.deepEqual(cited, { id: "严禁-2", at: 1, numbered: "decimal", link: "#严禁-2", label: "严禁第 2 条的链接" });
    const steps = await page.$$eval(".rule-steps li", (ls) => ls.map((l) => l.id));
    assert.ok(steps.length >= 3, steps.join());
    assert.deepEqual(steps, steps.map((_, i) => "办理步骤-" + (i + 1)));

    // 最近修订's 复制更新通知: the latest day's changes as a message for the team.
    await page.goto(srv.url + "rules/changes/");
    const newest = await page.$$eval("tr[data-change-date]", (rs) => rs.map((r) => r.dataset.changeDate).sort().at(-1));
    const count = await page.$$eval("tr[data-change-date]", (rs, d) => rs.filter((r) => r.dataset.changeDate === d).length, newest);
    await page.click(".changes-actions .copy-button");
    await page.waitForFunction(() => document.querySelector(".changes-actions .copy-button").textContent === "已复制");
    const notice = (await page.evaluate(() => navigator.clipboard.readText())).split("\n");
    assert.equal(notice[0], `【供电服务投诉处理手册 ${newest} 更新】`);
    // (Rules, lessons and quizzes each under its heading when there are several kinds,
    // numbered on through them.)
    const numbered = (lines) => lines.filter((l) => /^\d+\. /.test(l));
    const kinds = await page.$$eval("tr[data-change-date]", (rs, d) => [...new Set(rs.filter((r) => r.dataset.changeDate === d).map((r) => r.dataset.changeKind))], newest);
    assert.equal(numbered(notice).length, count, notice.join("\n"));
    // (The bundled book's latest day has more than ten: the list's address only, no page's.)
    assert.ok(count > 10, `${count}`);
    assert.equal(notice.length, count + 2 + (kinds.length > 1 ? kinds.length : 0), notice.join("\n"));
    if (kinds.length > 1) assert.equal(notice[1], kinds.includes("rule") ? "规则：" : "课程：");
    assert.match(numbered(notice)[0], /^1\. \S.*：\S/);
    assert.match(numbered(notice).at(-1), new RegExp(`^${count}\\. `));
    assert.equal(notice.at(-1), `详见：${srv.url}rules/changes/`);
    // A month's release: from an earlier day, every revision since (several of one rule too),
    // each line with its day, and the table marks them.
    const days = await page.$$eval("tr[data-change-date]", (rs) => [...new Set(rs.map((r) => r.dataset.changeDate))].sort());
    assert.ok(days.length >= 3, days.join());
    const from = days.at(-3);
    const since = await page.$$eval("tr[data-change-date]", (rs, d) => rs.filter((r) => r.dataset.changeDate >= d).length, from);
    await page.fill("#changes-since", from);
    await page.dispatchEvent("#changes-since", "change");
    assert.equal(await page.locator("tr.in-notice").count(), since);
    await page.waitForFunction(() => document.querySelector(".changes-actions .copy-button").textContent === "复制更新通知");
    await page.click(".changes-actions .copy-button");
    await page.waitForFunction(() => document.querySelector(".changes-actions .copy-button").textContent === "已复制");
    const month = (await page.evaluate(() => navigator.clipboard.readText())).split("\n");
    assert.equal(month[0], `【供电服务投诉处理手册 ${from} 至 ${newest} 更新】`);
    assert.equal(numbered(month).length, since, month.join("\n"));
    assert.match(numbered(month)[0], /^1\. \d{4}-\d{2}-\d{2} \S.*：\S/);
    assert.match(numbered(month).at(-1), new RegExp(`^${since}\\. \\d{4}-\\d{2}-\\d{2} \\S`));
    assert.ok(numbered(month).every((l) => l.split(" ")[1] >= from), month.join("\n"));
  });
});

test("复制更新通知 of ten revisions or fewer puts each revised page's address under its line", async () => {
  const root = initBook();
  const rule = join(root, "content/rules/example.rule.yaml");
  writeFileSync(rule, readFileSync(rule, "utf8").replace('version: "1.0"', 'version: "1.1"')
    .replace("revised:\n", 'revised:\n  - date: 2025-02-01\n    version: "1.1"\n    change: 补充受理步骤\n'));
  const lesson = join(root, "content/basics/first-lesson.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8").replace("---\n", "---\nrevised:\n  - date: 2025-02-01\n    change: 加了一个例子\n"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  await withClipboard(root, async (page, srv) => {
    await page.goto(srv.url + "rules/changes/");
    await page.click(".changes-actions .copy-button");
    await page.waitForFunction(() => document.querySelector(".changes-actions .copy-button").textContent === "已复制");
    const notice = (await page.evaluate(() => navigator.clipboard.readText())).split("\n");
    // Each page's own address on the line under it (a chat app would read the characters
    // after an address on the same line into it), the whole list's at the end.
    assert.equal(notice.length, 8, notice.join("\n"));
    assert.deepEqual([notice[1], notice[4]], ["规则：", "课程："], notice.join("\n"));
    assert.match(notice[2], /^1\. .*（1\.1 版）：补充受理步骤$/);
    assert.equal(notice[3], `   ${srv.url}rules/EX-001/`.replace("EX-001", notice[2].split(" ")[1]));
    assert.match(notice[5], /^2\. .*：加了一个例子$/);
    assert.equal(notice[6], `   ${srv.url}basics/first-lesson/`);
    assert.equal(notice.at(-1), `全部修订：${srv.url}rules/changes/`);
    for (const at of [notice[3], notice[6]]) {
      const res = await fetch(at.trim());
      assert.equal(res.status, 200, at);
    }
  });
});

test("a page the sidebar does not list marks the entry it belongs under", async () => {
  const root = bundled();
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  await page.waitForSelector("#sidebar a[aria-current]");
  assert.equal((await page.textContent("#sidebar a[aria-current=true]")).trim(), "规则索引");
  assert.equal(await page.locator("#sidebar a[aria-current=page]").count(), 0);
  await page.goto(fileUrl(join(root, "site/quizzes/principles/index.html")));
  await page.waitForSelector("#sidebar a[aria-current]");
  assert.equal((await page.textContent("#sidebar a[aria-current=true]")).trim(), "测验与情景演练");
  // A listed page is itself the current one.
  await page.goto(fileUrl(join(root, "site/rules/time-limits/index.html")));
  await page.waitForSelector("#sidebar a[aria-current]");
  assert.equal((await page.textContent("#sidebar a[aria-current=page]")).trim(), "时限速查");
  assert.equal(await page.locator("#sidebar a[aria-current=true]").count(), 0);
  await page.close();
});

test("the sidebar makes a closed section's entries only when it is opened", async () => {
  const { page, errors } = await openFromDisk(bundled(), "site/procedure/time-limits/index.html", "#sidebar a[aria-current=page]");
  // The current page's section is open and made; another section is closed and empty.
  const other = page.locator("#sidebar li.nav-group", { has: page.locator(".nav-row a", { hasText: "电话沟通与情绪安抚" }) });
  const toggle = other.locator("> .nav-row > .nav-toggle");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await toggle.getAttribute("aria-label"), "展开：电话沟通与情绪安抚");
  assert.equal(await other.locator("ol a").count(), 0);
  // Its toggle (a button of its own beside the link, so no control sits inside another)
  // opens it in place; the link still goes to the section's page.
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  assert.ok((await other.locator("ol a").count()) > 2);
  assert.match(page.url(), /procedure\/time-limits\/index\.html$/);
  // Closing hides them; opening again does not make its entries twice.
  await toggle.click();
  assert.equal(await other.locator("ol").isHidden(), true);
  await toggle.focus();
  await page.keyboard.press("Enter");
  assert.equal(await other.locator("ol").isVisible(), true);
  assert.equal(await page.locator("#sidebar summary").count(), 0);
  const links = await other.locator("ol a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.equal(new Set(links).size, links.length, links.join("\n"));
  assert.deepEqual(errors, []);
  await page.close();
});

test("a section of hundreds of pages lists those around the current one, and the rest on demand", async () => {
  const root = initBook();
  for (let i = 0; i < 300; i++) {
    const n = String(i).padStart(3, "0");
    writeFileSync(join(root, `content/basics/p${n}.md`), `---\ntitle: 第${n}篇\norder: ${100 + i}\n---\n\n正文${n}。\n`);
  }
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/basics/p150/index.html")));
  await page.waitForSelector("#sidebar a[aria-current=page]");
  assert.equal((await page.textContent("#sidebar a[aria-current=page]")).trim(), "第150篇");
  const shown = () => page.$$eval("#sidebar li.nav-group.open > ol a", (as) => as.map((a) => a.textContent.trim()));
  let titles = await shown();
  assert.ok(titles.length < 150, `${titles.length} entries made`);
  assert.ok(titles.includes("第100篇") && titles.includes("第200篇") && !titles.includes("第000篇"), titles.join(" "));
  const buttons = page.locator("#sidebar .nav-more button");
  assert.equal(await buttons.count(), 2);
  await buttons.last().click();
  titles = await shown();
  assert.ok(titles.includes("第000篇") && titles.includes("第299篇"), `${titles.length} entries`);
  assert.equal(await page.locator("#sidebar .nav-more").count(), 0);
  await page.close();
});

test("a moved page's old path forwards to it, from disk, keeping the anchor", async () => {
  const root = initBook();
  const lesson = join(root, "content/basics/first-lesson.md");
  const text = readFileSync(lesson, "utf8").replace("---\n", "---\naliases: [basics/old-name, 旧目录/认识投诉, intake/phone.html]\n");
  writeFileSync(lesson, text + "\n## 新的一节\n\n正文。\n");
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/basics/old-name/index.html")) + "#新的一节");
  await page.waitForURL(/\/basics\/first-lesson\/index\.html#/);
  assert.equal(decodeURIComponent(new URL(page.url()).hash), "#新的一节");
  await page.waitForSelector("h1");
  assert.equal(await page.textContent("h1"), "认识投诉");
  // It says the reader came by an old address, once.
  assert.match(await page.textContent(".forwarded-notice"), /旧地址.*请把书签改成现在的地址/);
  await page.reload();
  await page.waitForSelector("h1");
  assert.equal(await page.$(".forwarded-notice"), null);
  await page.goto(fileUrl(join(root, "site/旧目录/认识投诉/index.html")));
  await page.waitForURL(/\/basics\/first-lesson\/index\.html$/);
  // An old address naming a file (mdBook's `intake/phone.html`) is that file, not a folder.
  await page.goto(fileUrl(join(root, "site/intake/phone.html")) + "#新的一节");
  await page.waitForURL(/\/basics\/first-lesson\/index\.html#/);
  assert.equal(decodeURIComponent(new URL(page.url()).hash), "#新的一节");
  await page.close();
});

test("searching a renumbered rule's old id finds its card, and the old address forwards to it", async () => {
  const root = initBook();
  const file = join(root, "content/rules/example.rule.yaml");
  writeFileSync(file, readFileSync(file, "utf8") + "aliases: [EX-OLD-001]\n");
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const { page, errors } = await openFromDisk(root, "site/index.html", "#search");
  await page.fill("#search", "ex-old-001");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "ex-old-001");
  const first = await page.$eval("#search-results a.search-hit-link", (a) => a.getAttribute("href"));
  assert.match(first, /^rules\/EX-PROC-001\/index\.html/);
  await page.goto(fileUrl(join(root, "site/rules/EX-OLD-001/index.html")));
  await page.waitForURL(/\/rules\/EX-PROC-001\/index\.html$/);
  // The card says what became of the id bookmarked (renumbered, or merged into this one).
  await page.waitForSelector(".forwarded-notice");
  assert.match(await page.textContent(".forwarded-notice"), /规则 EX-OLD-001 的编号已改为 EX-PROC-001（或已并入这一条）/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a glossary term's first mention in a lesson shows its definition, on hover and on focus", async () => {
  const root = bundled();
  // Marked once the page is idle, not while it starts (finding them took a slow computer a
  // third of a second before the page answered): none yet when its scripts have run.
  const early = await browser.newPage();
  await early.addInitScript(() => document.addEventListener("DOMContentLoaded", () => {
    window.__hintsAtStart = document.querySelectorAll("a.term-hint").length;
  }));
  await early.goto(fileUrl(join(root, "site/phone/difficult-calls/index.html")));
  await early.waitForSelector("a.term-hint");
  assert.equal(await early.evaluate(() => window.__hintsAtStart), 0);
  await early.close();
  const { page, errors } = await openFromDisk(root, "site/phone/difficult-calls/index.html", "a.term-hint");
  const marks = await page.$$eval("a.term-hint", (as) => as.map((a) => ({
    text: a.textContent, href: a.getAttribute("href"),
    inside: !!a.closest("h1, h2, h3, .dialogue, a a, code, pre, .page-header"),
  })));
  const terms = await page.evaluate(() => window.HANDBOOK_TERMS);
  // Once per term on the page, never in a heading, a dialogue or code.
  const owners = marks.map((m) => terms.findIndex((t) => t.t === m.text || (t.s || []).includes(m.text)));
  assert.ok(owners.every((o) => o >= 0));
  assert.equal(new Set(owners).size, owners.length, "one mention per term");
  assert.ok(marks.every((m) => !m.inside), JSON.stringify(marks.filter((m) => m.inside)));
  assert.ok(marks.some((m) => m.text === "共情"));
  // 断电 (a synonym of 停电) is not marked inside 挂断电话: mentions keep to word boundaries.
  const callout = await page.textContent(".callout");
  assert.match(callout, /挂断电话/);
  assert.equal(await page.locator(".callout a.term-hint", { hasText: "断电" }).count(), 0);

  // Hover: the definition from the glossary; Esc hides it.
  const empathy = page.locator("a.term-hint", { hasText: "共情" }).first();
  await empathy.hover();
  await page.waitForSelector("#term-tip:not([hidden])");
  const def = terms.find((t) => t.t === "共情").d;
  assert.match(await page.textContent("#term-tip"), new RegExp(def.slice(0, 10)));
  assert.equal(await empathy.getAttribute("aria-describedby"), "term-tip");
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible("#term-tip"), false);
  // Keyboard: focus shows it too; the link opens the glossary at the term.
  await empathy.focus();
  await page.waitForSelector("#term-tip:not([hidden])");
  await empathy.click();
  await page.waitForURL(/glossary\/index\.html#/);
  const target = decodeURIComponent(page.url().split("#")[1]);
  assert.equal(await page.textContent(`[id="${target}"]`), "共情");
  assert.deepEqual(errors, []);
  await page.close();

  // A rule card and the home page load no hints; a book can turn them off.
  const card = readFileSync(join(root, "site/rules/TS-PROC-002/index.html"), "utf8");
  assert.ok(!card.includes("glossary/terms.js"));
  const toml = join(root, "book.toml");
  const before = readFileSync(toml, "utf8");
  writeFileSync(toml, before.includes("[output]") ? before.replace("[output]", "[output]\nglossary-hints = false") : before + "\n[output]\nglossary-hints = false\n");
  try {
    execFileSync(bin, ["--root", root, "build", "--dest", join(root, "nohints")], { stdio: "pipe" });
    assert.ok(!readFileSync(join(root, "nohints/phone/difficult-calls/index.html"), "utf8").includes("terms.js"));
    assert.throws(() => readFileSync(join(root, "nohints/glossary/terms.js")));
  } finally {
    writeFileSync(toml, before);
  }
});

test("the 404 page a web server shows at any depth under a sub-path finds its styles and links without site-url", async () => {
  const root = bundled();
  // nginx with `error_page 404 /handbook/404.html`: the page's body at the missing address.
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.startsWith("/handbook/") ? join(root, "site", normalize(path.slice("/handbook/".length))) : null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file || !existsSync(file)) {
      res.writeHead(404, { "content-type": types[".html"] });
      res.end(req.method === "HEAD" ? undefined : readFileSync(join(root, "site/404.html")));
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(req.method === "HEAD" ? undefined : readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const page = await browser.newPage();
  try {
    const response = await page.goto(`${origin}/handbook/rules/TS-PROC-099/index.html`);
    assert.equal(response.status(), 404);
    assert.equal(await page.textContent("h1"), "页面不存在");
    // Its links lead into the site, and its styles and scripts loaded (the sidebar is built
    // by nav.js and handbook.js; main.css lays the page out).
    const links = await page.$$eval(".content a", (as) => as.map((a) => a.href));
    assert.ok(links.includes(`${origin}/handbook/index.html`), links.join("\n"));
    assert.ok(links.includes(`${origin}/handbook/rules/index.html`), links.join("\n"));
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).margin), "8px");
    await page.waitForSelector("#sidebar a");
    // At the site's top it needs no help, and none is added.
    await page.goto(`${origin}/handbook/missing.html`);
    assert.equal(await page.$("base"), null);
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).margin), "8px");
  } finally {
    await page.close();
    server.close();
  }
});

test("我的常用 on the home page leads to 清除我的记录, for a shared PC", async () => {
  const root = bundled();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(root, "site/procedure/time-limits/index.html")));
  await page.goto(fileUrl(join(root, "site/index.html")));
  await page.waitForSelector("#my-pages:not([hidden])");
  const link = page.locator("#my-pages .my-pages-leave a");
  assert.equal(await link.textContent(), "清除我的记录");
  await Promise.all([page.waitForURL(/progress\/index\.html#progress-learner-h$/), link.click()]);
  const leave = page.locator("button.learner-leave");
  await leave.waitFor();
  await page.waitForFunction(() => {
    const r = document.getElementById("progress-learner-h").getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight;
  });
  await ctx.close();
});

test("dark mode where the browser keeps nothing: the choice made on the page holds while it is open, whatever the system does", async () => {
  const root = bundled();
  const ctx = await browser.newContext({ colorScheme: "light" });
  await ctx.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new Error("QuotaExceededError"); };
  });
  const page = await ctx.newPage();
  await page.goto(fileUrl(join(root, "site/index.html")));
  const dark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
  await page.click("#theme-toggle");
  assert.equal(await dark(), true);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForTimeout(50);
  assert.equal(await dark(), true, "the page's choice, not the system's");
  await ctx.close();
});
