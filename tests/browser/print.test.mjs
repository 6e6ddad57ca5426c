// A rule card is printed to be pinned at a desk or filed in a binder: on one A4 sheet. Before,
// 22 of the bundled 24 ran onto a second sheet (the time limits stacked, each step two lines).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { buildBundled, launch, fileUrl } from "./helpers.mjs";

let root, browser;
before(async () => { root = buildBundled(); browser = await launch(); });
after(async () => { await browser?.close(); });

// An A4 sheet inside print.css's margins (14 mm at the sides, 14 and 16 mm at top and foot), in
// CSS pixels: 182 x 267 mm.
const SHEET = { width: 688, height: 1009 };

test("the bundled rule cards print on one A4 sheet each, all but the longest", async () => {
  const page = await browser.newPage({ viewport: SHEET });
  await page.emulateMedia({ media: "print" });
  const ids = readdirSync(join(root, "site/rules")).filter((d) => /^[A-Z]+-[A-Z]+-\d+$/.test(d));
  assert.ok(ids.length >= 20, ids.join());
  // The printed height, laid out at the sheet's width (measured, rather than printed to PDF
  // 24 times); and one card printed for real, to keep the measure honest.
  const heights = {};
  for (const id of ids) {
    await page.goto(fileUrl(join(root, "site/rules", id, "index.html")));
    heights[id] = await page.evaluate(() => document.documentElement.scrollHeight);
  }
  const two = ids.filter((id) => heights[id] > SHEET.height);
  assert.ok(two.length <= 2, "taller than a sheet: " + JSON.stringify(heights));
  const fits = ids.find((id) => heights[id] <= SHEET.height);
  await page.goto(fileUrl(join(root, "site/rules", fits, "index.html")));
  const pdf = await page.pdf({ format: "A4" });
  assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length, 1, fits);
  await page.close();
});

test("a printout says when and from where; 最近修订 prints the notice's rows, breaking between them", async () => {
  const page = await browser.newPage({ viewport: SHEET });
  await page.emulateMedia({ media: "print" });
  // A rule card filed with a quality check's report: its version is on it, and the day it was
  // printed and its address are added at the foot.
  await page.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  assert.match(await page.textContent(".rule-governance"), /版本 \S+ · 生效日期/);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const stamp = await page.textContent(".print-stamp");
  assert.match(stamp, /内容更新至 \d{4}-\d{2}-\d{2} · 打印于 \d{4}-\d{2}-\d{2} · file:\/\/.*rules\/TS-PROC-002\/index\.html/);
  assert.ok(await page.isVisible(".print-stamp"));
  await page.emulateMedia({ media: "screen" });
  assert.ok(!(await page.isVisible(".print-stamp")), "on screen it is not shown");
  await page.emulateMedia({ media: "print" });

  // 最近修订 for the month's review meeting: from the day chosen for the notice only.
  await page.goto(fileUrl(join(root, "site/rules/changes/index.html")));
  await page.waitForSelector("#changes-since", { state: "attached" });
  // (The box is not printed: set as a reader did on screen before printing.)
  const pick = (day) => page.evaluate((d) => {
    const box = document.querySelector("#changes-since");
    box.value = d;
    box.dispatchEvent(new Event("input"));
  }, day);
  const all = await page.$$eval("tr[data-change-date]", (rs) => rs.map((r) => r.dataset.changeDate));
  const oldest = all.reduce((a, b) => (a < b ? a : b));
  const newest = all.reduce((a, b) => (a > b ? a : b));
  assert.notEqual(oldest, newest);
  await pick(newest);
  const shown = await page.$$eval("tr[data-change-date]", (rs) => rs.filter((r) => getComputedStyle(r).display !== "none").map((r) => r.dataset.changeDate));
  assert.ok(shown.length > 0 && shown.every((d) => d >= newest), shown.join());
  assert.ok(shown.length < all.length);
  assert.equal(await page.textContent(".changes-printed"), `本打印件列出 ${newest} 起的修订，共 ${shown.length} 条。`);
  assert.ok(!(await page.isVisible("#changes-since")), "the date box is not printed");
  // The whole history from the oldest day: the table breaks between rows (a table kept whole,
  // longer than a page, left page 1 blank) and the date stays on one line.
  await pick(oldest);
  const look = await page.evaluate(() => {
    const t = document.querySelector("table.notice-ready");
    const d = document.querySelector("td.change-date");
    return { table: getComputedStyle(t).breakInside, row: getComputedStyle(t.rows[1]).breakInside, date: getComputedStyle(d).whiteSpace, head: getComputedStyle(t.tHead).display };
  });
  assert.deepEqual(look, { table: "auto", row: "avoid", date: "nowrap", head: "table-header-group" });
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 2, `${pages} pages`);
  await page.close();
});

test("打印质检表 prints a rule card as a scoring sheet: each step, limit and clause a row to tick", async () => {
  const page = await browser.newPage({ viewport: SHEET });
  await page.goto(fileUrl(join(root, "site/rules/TS-PROC-002/index.html")));
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed++; }; });
  const counts = await page.evaluate(() => ({
    steps: document.querySelectorAll(".rule-steps .timeline li").length,
    limits: document.querySelectorAll(".rule-limits .limit").length,
    must: document.querySelectorAll(".must li").length,
    mustNot: document.querySelectorAll(".must-not li").length,
  }));
  await page.click(".qc-print");
  assert.equal(await page.evaluate(() => window.printed), 1);
  await page.emulateMedia({ media: "print" });
  const sheet = await page.evaluate(() => {
    const s = document.querySelector(".qc-sheet");
    const rows = [...s.querySelectorAll("tbody tr")].map((r) => [...r.cells].map((c) => c.textContent));
    return { visible: getComputedStyle(s).display, card: getComputedStyle(document.querySelector(".layout")).display,
      title: s.querySelector("h1").textContent, head: [...s.querySelectorAll("th")].map((t) => t.textContent), rows };
  });
  assert.equal(sheet.visible, "block");
  assert.equal(sheet.card, "none", "nothing else is printed");
  assert.equal(sheet.title, "质检评分表：TS-PROC-002 投诉办理时限");
  assert.deepEqual(sheet.head, ["条款", "要求", "符合", "不符合", "不适用", "备注"]);
  assert.equal(sheet.rows.length, counts.steps + counts.limits + counts.must + counts.mustNot);
  assert.ok(counts.steps >= 3 && counts.mustNot >= 2, JSON.stringify(counts));
  assert.match(sheet.rows[0][0], /^办理步骤 1$/);
  assert.deepEqual(sheet.rows[0].slice(2, 5), ["☐", "☐", "☐"]);
  assert.ok(sheet.rows.some((r) => r[0] === "时限" && /5个工作日/.test(r[1])), JSON.stringify(sheet.rows));
  const last = sheet.rows.at(-1);
  assert.equal(last[0], "严禁 " + counts.mustNot);
  assert.ok(!last[1].includes("#"), last[1]);
  // The printout fits a sheet or two, and the page is itself again after printing.
  const pdf = await page.pdf({ format: "A4" });
  assert.ok((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length <= 2);
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  assert.equal(await page.evaluate(() => document.body.classList.contains("print-qc")), false);
  await page.close();
});
