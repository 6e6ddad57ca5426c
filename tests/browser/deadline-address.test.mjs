// 时限速查 as a call-quality inspector uses it, weeks after the call: the dates typed are kept in
// the page's address (sent to an agent, reloaded, bookmarked) without filling the back button's
// list; a rule card's link shows that rule's rows alone, with a way back to all; a rule repealed
// since is still counted for a case accepted before its day.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { bin, repo, tempDir, withBrowserAndBook, fileUrl, axeViolations } from "./helpers.mjs";

// The reader's day: after TS-PROC-003 (答复, 3 working days from 办结) was repealed on
// 2026-11-01, so the build (run after that day too) leaves its rows hidden.
const NOW = new Date(2026, 11, 2, 10, 0);
let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = join(tempDir(), "book");
  for (const p of ["book.toml", "content", "themes"]) cpSync(join(repo, p), join(r, p), { recursive: true });
  // (Its bundled version is in force from 2026-12-03; here it was in force before the repeal.)
  const rule = join(r, "content/rules/ts-proc-003.rule.yaml");
  writeFileSync(rule, readFileSync(rule, "utf8").replace(/^effective: .*$/m, "effective: 2025-01-01") + "repealed: 2026-11-01\nreplaced_by: TS-PROC-002\n");
  writeFileSync(join(r, "content/calendar.yaml"),
    "years: [2026]\nholidays:\n  - 2026-10-01..2026-10-07\nworkdays:\n  - 2026-10-10\n");
  execFileSync(bin, ["--root", r, "build"], { stdio: "pipe" });
  return r;
});

async function open(url, viewport, ready = "#deadline-calc:not([hidden])") {
  const ctx = await browser.newContext(viewport ? { viewport } : {});
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.clock.setFixedTime(NOW);
  await page.goto(url);
  await page.waitForSelector(ready);
  return { ctx, page, errors };
}
const calc = () => fileUrl(join(root, "site/rules/time-limits/index.html"));
/** The shown rows: [rule, 时限, 截止]. */
const shown = (page) => page.$$eval("#time-limits tbody tr", (rows) => rows.filter((r) => !r.hidden && r.offsetParent !== null)
  .map((r) => [r.dataset.rule, r.cells[1].querySelector("strong").textContent + r.cells[1].querySelector("strong").nextSibling.nodeValue, r.cells[2].textContent]));
const box = (page, kind) => page.$eval("#deadline-calc", (c, kind) =>
  "#" + [...c.querySelectorAll("label")].find((l) => l.textContent.includes(kind)).htmlFor, kind);

test("the dates typed are kept in the address, restored on load, and add nothing to the history", async () => {
  const { ctx, page, errors } = await open(calc());
  // Repealed on 2026-11-01: out of a case accepted today.
  assert.ok(!(await shown(page)).some((r) => r[0] === "TS-PROC-003"));
  const length = await page.evaluate(() => history.length);
  const closed = await box(page, "办结");
  await page.fill("#deadline-from", "2026-10-20");
  await page.fill(closed, "2026-10-27");
  await page.fill("#deadline-at", "16:30");
  assert.equal(new URL(page.url()).hash, "#from=2026-10-20&closed=2026-10-27&at=16:30");
  assert.equal(await page.evaluate(() => history.length), length, "no entry per change");
  const before = await shown(page);
  // Closed on 10-27, before the repeal: the reply is still due under TS-PROC-003.
  assert.deepEqual(before.filter((r) => r[0] === "TS-PROC-003").map((r) => r[2]), ["10月30日（周五）"]);
  assert.match(before.find((r) => r[0] === "TS-PROC-002" && r[1] === "5个工作日")[2], /^10月27日（周二）/);
  // Reloaded (or sent to someone): the same dates, the same due days.
  await page.reload();
  await page.waitForSelector("#deadline-calc:not([hidden])");
  assert.equal(await page.inputValue("#deadline-from"), "2026-10-20");
  assert.equal(await page.inputValue(closed), "2026-10-27");
  assert.equal(await page.inputValue("#deadline-at"), "16:30");
  assert.deepEqual(await shown(page), before);
  // Closed after the repeal: the rule no longer applies, its rows go.
  await page.fill(closed, "2026-11-05");
  assert.ok(!(await shown(page)).some((r) => r[0] === "TS-PROC-003"));
  // A date that is no day (typed by hand into the address) is left at today's.
  await page.goto(calc() + "#from=2026-02-30&closed=2026-10-27");
  await page.reload();
  await page.waitForSelector("#deadline-calc:not([hidden])");
  assert.equal(await page.inputValue("#deadline-from"), "2026-12-02");
  assert.equal(await page.inputValue(closed), "2026-10-27");
  // A start in a year the calendar does not give, for an old case: 没有录入 (not 还没有).
  await page.fill("#deadline-from", "2025-12-19");
  assert.match(await page.textContent("#deadline-note"), /2025 年的节假日安排没有录入/);
  // A screen reader hears the dates counted from (each change in its own words) and the
  // warning, once typing pauses: the note is no live region (a date half typed emptied it).
  assert.equal(await page.getAttribute("#deadline-note", "aria-live"), null);
  await page.waitForFunction(() => /12月26日（周五）；.*（周五）。注意：2025 年的节假日安排没有录入：这一年只扣除了周六、周日，遇法定节假日和调休请顺延。$/.test(document.getElementById("deadline-status").textContent));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a rule card's link shows that rule's rows alone, with a way back to all of them", async () => {
  const { ctx, page, errors } = await open(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")), null, ".limits-calc a");
  assert.match(await page.getAttribute(".limits-calc a", "href"), /time-limits\/index\.html#rule=TS-PROC-002$/);
  await page.click(".limits-calc a");
  await page.waitForSelector("#deadline-focus:not([hidden])");
  const rows = await shown(page);
  assert.deepEqual(rows.map((r) => r[0]), ["TS-PROC-002", "TS-PROC-002", "TS-PROC-002"]);
  assert.match(await page.textContent("#deadline-focus"), /只显示 TS-PROC-002 投诉办理时限 的 3 项时限/);
  // Its limits count from 受理: the 办结 box is put away meanwhile.
  assert.equal(await page.isVisible(await box(page, "办结")), false);
  // The date typed joins the rule in the address; a screen reader hears the due days.
  await page.fill("#deadline-from", "2026-10-20");
  assert.match(new URL(page.url()).hash, /^#from=2026-10-20&closed=2026-12-02&at=\d\d:\d\d&rule=TS-PROC-002$/);
  await page.waitForFunction(() => /10月27日（周二）/.test(document.getElementById("deadline-status").textContent));
  // A date the box does not hold (cleared, or a year of five digits) reads no rows of blank
  // due days: it asks for the date.
  await page.fill("#deadline-from", "");
  await page.waitForFunction(() => !/10月27日/.test(document.getElementById("deadline-status").textContent));
  assert.equal(await page.textContent("#deadline-status"), "请选择起算日期。");
  await page.fill("#deadline-from", "2026-10-20");
  await page.waitForFunction(() => /10月27日（周二）/.test(document.getElementById("deadline-status").textContent));
  // Back to every row, the dates kept, the focus on the table.
  await page.click("#deadline-focus-all");
  assert.equal(await page.isVisible("#deadline-focus"), false);
  assert.ok((await shown(page)).length > 3);
  assert.doesNotMatch(new URL(page.url()).hash, /rule=/);
  assert.equal(await page.inputValue("#deadline-from"), "2026-10-20");
  assert.equal(await page.evaluate(() => document.activeElement.id), "time-limits");
  assert.equal(await page.isVisible(await box(page, "办结")), true);
  // A kind of complaint borrowing TS-PROC-002's limits links to those.
  await page.goto(fileUrl(join(root, "site/rules/TS-CAT-008/index.html")));
  assert.match(await page.getAttribute(".limits-calc a", "href"), /#rule=TS-PROC-002$/);
  // A repealed rule's card: its rows, for a case closed before the day.
  await page.goto(calc() + "#closed=2026-10-27&rule=TS-PROC-003");
  await page.reload();
  await page.waitForSelector("#deadline-focus:not([hidden])");
  assert.deepEqual(await shown(page), [["TS-PROC-003", "3个工作日", "10月30日（周五）"]]);
  assert.match(await page.textContent('tr[data-rule="TS-PROC-003"] td:last-child'), /2026-11-01 起废止/);
  // An id the table does not have: every row, and it says so.
  await page.goto(calc() + "#rule=TS-NOPE-001");
  await page.reload();
  await page.waitForSelector("#deadline-focus:not([hidden])");
  assert.match(await page.textContent("#deadline-focus"), /时限速查中没有 TS-NOPE-001 的时限/);
  assert.ok((await shown(page)).length > 3);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("on a phone, a rule's rows alone show as cards, the way back a button to tap; light and dark pass axe", async () => {
  const { ctx, page, errors } = await open(calc() + "#from=2026-10-20&rule=TS-PROC-002", { width: 375, height: 740 });
  await page.waitForSelector("#deadline-focus:not([hidden])");
  assert.equal((await shown(page)).length, 3);
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(fits, "no sideways scrolling");
  const b = await page.$eval("#deadline-focus-all", (x) => x.getBoundingClientRect().height);
  assert.ok(b >= 36, `the button is ${b}px high`);
  assert.deepEqual(await axeViolations(page), []);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => { try { localStorage.setItem("handbook-theme", "dark"); } catch (e) {} });
  await page.reload();
  await page.waitForSelector("#deadline-focus:not([hidden])");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("the home page's 常用时限速查 table links to 时限速查 showing its own rules' rows", async () => {
  const { ctx, page, errors } = await open(fileUrl(join(root, "site/index.html")), null, ".limits-table");
  const href = await page.getAttribute(".limits-more a", "href");
  // (TS-PROC-003, repealed in this copy, is left out of the table and of the link.)
  assert.equal(href, "rules/time-limits/index.html#rule=TS-INT-001,TS-PROC-002");
  await page.click(".limits-more a");
  await page.waitForSelector("#deadline-calc:not([hidden])");
  const rules = [...new Set((await shown(page)).map((r) => r[0]))];
  assert.deepEqual(rules, ["TS-INT-001", "TS-PROC-002"]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
