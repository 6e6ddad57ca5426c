// A rule card is printed to be pinned at a desk or filed in a binder: on one A4 sheet. Before,
// 22 of the bundled 24 ran onto a second sheet (the time limits stacked, each step two lines);
// then, with a real Chinese font, 4 still did.
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

// A stand-in Chinese font, for a machine without one (CI): each CJK character a framed square
// 1em wide, as in 微软雅黑 or any real Chinese font. Without one, Chromium draws them as boxes a
// third as wide (0.37em), the text wraps onto far fewer lines than on paper, and the cards
// measured a fifth to a quarter shorter than they print at the desks (TS-CAT-003: 871 px
// without, 1,107 with WenQuanYi Micro Hei; this font, 1,107 too). A TrueType font of two
// glyphs, its cmap one format-13 table (every character the one glyph).
function cjkFont() {
  const u16 = (n) => [(n >> 8) & 255, n & 255];
  const u32 = (n) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const utf16 = (s) => [...s].flatMap((c) => u16(c.charCodeAt(0)));
  // CJK radicals to ideographs, compatibility ideographs and forms, full-width punctuation.
  const ranges = [[0x2e80, 0x9fff], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6]];
  // Glyph 1: a square frame (two contours), 1000 units wide on a 1000-unit em.
  const pts = [[[100, -50], [100, 750], [900, 750], [900, -50]], [[160, 10], [840, 10], [840, 690], [160, 690]]];
  const flat = pts.flat();
  const dx = flat.map(([x], i) => x - (i ? flat[i - 1][0] : 0));
  const dy = flat.map(([, y], i) => y - (i ? flat[i - 1][1] : 0));
  const glyph = [...u16(2), ...u16(100), ...u16(-50 & 0xffff), ...u16(900), ...u16(750), ...u16(3), ...u16(7), ...u16(0),
    ...flat.map(() => 1), ...dx.flatMap((v) => u16(v & 0xffff)), ...dy.flatMap((v) => u16(v & 0xffff))];
  const names = [[1, "Handbook Test CJK"], [2, "Regular"], [3, "Handbook Test CJK"], [4, "Handbook Test CJK"], [6, "HandbookTestCJK"]];
  let at = 0;
  const records = names.flatMap(([id, s]) => { const r = [...u16(3), ...u16(1), ...u16(0x409), ...u16(id), ...u16(s.length * 2), ...u16(at)]; at += s.length * 2; return r; });
  const tables = {
    "OS/2": [...u16(4), ...u16(1000), ...u16(400), ...u16(5), ...u16(0), ...[650, 600, 0, 75, 650, 600, 0, 350, 50, 300, 0].flatMap(u16),
      ...new Array(10).fill(0), ...u32(0), ...u32(1 << 27), ...u32(0), ...u32(0), ...[78, 79, 78, 69], ...u16(0x40), ...u16(0x2e80), ...u16(0xffe6),
      ...u16(880), ...u16(-120 & 0xffff), ...u16(0), ...u16(880), ...u16(120), ...u32(0x40000), ...u32(0), ...u16(500), ...u16(700), ...u16(0), ...u16(32), ...u16(1)],
    cmap: [...u16(0), ...u16(1), ...u16(3), ...u16(10), ...u32(12),
      ...u16(13), ...u16(0), ...u32(16 + 12 * ranges.length), ...u32(0), ...u32(ranges.length), ...ranges.flatMap(([a, b]) => [...u32(a), ...u32(b), ...u32(1)])],
    glyf: glyph,
    head: [...u32(0x10000), ...u32(0x10000), ...u32(0), ...u32(0x5f0f3cf5), ...u16(0x000b), ...u16(1000), ...new Array(16).fill(0),
      ...u16(100), ...u16(-50 & 0xffff), ...u16(900), ...u16(750), ...u16(0), ...u16(8), ...u16(2), ...u16(0), ...u16(0)],
    hhea: [...u32(0x10000), ...u16(880), ...u16(-120 & 0xffff), ...u16(0), ...u16(1000), ...u16(0), ...u16(0), ...u16(900), ...u16(1), ...u16(0), ...u16(0),
      ...new Array(8).fill(0), ...u16(0), ...u16(2)],
    hmtx: [...u16(1000), ...u16(0), ...u16(1000), ...u16(100)],
    loca: [...u16(0), ...u16(0), ...u16(glyph.length / 2)],
    maxp: [...u32(0x10000), ...u16(2), ...u16(8), ...u16(2), ...u16(0), ...u16(0), ...u16(2), ...new Array(16).fill(0)],
    name: [...u16(0), ...u16(names.length), ...u16(6 + 12 * names.length), ...records, ...names.flatMap(([, s]) => utf16(s))],
    post: [...u32(0x30000), ...u32(0), ...u16(-100 & 0xffff), ...u16(50), ...new Array(20).fill(0)],
  };
  const tags = Object.keys(tables).sort();
  const sum = (b) => { let s = 0; for (let i = 0; i < b.length; i += 4) s = (s + ((b[i] << 24) | (b[i + 1] << 16) | ((b[i + 2] || 0) << 8) | (b[i + 3] || 0))) >>> 0; return s; };
  const pad = (b) => [...b, ...new Array((4 - (b.length % 4)) % 4).fill(0)];
  const log = Math.floor(Math.log2(tags.length));
  let offset = 12 + 16 * tags.length;
  const dir = [], body = [];
  for (const t of tags) {
    const b = tables[t];
    dir.push(...[...t].map((c) => c.charCodeAt(0)), ...u32(sum(pad(b))), ...u32(offset), ...u32(b.length));
    body.push(...pad(b));
    offset += pad(b).length;
  }
  const font = [...u32(0x10000), ...u16(tags.length), ...u16(16 << log), ...u16(log), ...u16(tags.length * 16 - (16 << log)), ...dir, ...body];
  const adjust = (0xb1b0afba - sum(font)) >>> 0;
  const head = 12 + 16 * tags.length + tags.slice(0, tags.indexOf("head")).reduce((n, t) => n + pad(tables[t]).length, 0);
  font.splice(head + 8, 4, ...u32(adjust));
  return Uint8Array.from(font);
}

// The stand-in, after the page's own fonts (a Chinese font main.css names, where there is one,
// comes first).
async function chineseFont(page) {
  await page.evaluate(async (bytes) => {
    document.fonts.add(await new FontFace("Handbook Test CJK", Uint8Array.from(bytes)).load());
    const root = document.documentElement;
    for (const v of ["--font", "--mono"]) root.style.setProperty(v, getComputedStyle(root).getPropertyValue(v) + ', "Handbook Test CJK"');
    await document.fonts.ready;
  }, [...cjkFont()]);
}

test("the bundled rule cards print on one A4 sheet each", async () => {
  const page = await browser.newPage({ viewport: SHEET });
  await page.emulateMedia({ media: "print" });
  const ids = readdirSync(join(root, "site/rules")).filter((d) => /^[A-Z]+-[A-Z]+-\d+$/.test(d));
  assert.ok(ids.length >= 20, ids.join());
  // The printed height, laid out at the sheet's width (measured, rather than printed to PDF
  // 24 times): the page's own height (the document's scrollHeight is never less than the
  // window's, so a card of any height up to the sheet read as 1,009), with the print stamp's
  // 打印于 and address, added as the page is printed, on it.
  const heights = {};
  for (const id of ids) {
    await page.goto(fileUrl(join(root, "site/rules", id, "index.html")));
    await chineseFont(page);
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    heights[id] = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  }
  const tallest = ids.reduce((a, b) => (heights[a] >= heights[b] ? a : b));
  assert.ok(heights[tallest] <= SHEET.height, "taller than a sheet: " + JSON.stringify(heights));
  // And the tallest printed for real, to keep the measure honest: one page.
  await page.goto(fileUrl(join(root, "site/rules", tallest, "index.html")));
  await chineseFont(page);
  const pdf = await page.pdf({ format: "A4" });
  assert.equal((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length, 1, `${tallest}: ${heights[tallest]} px`);
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

test("a classroom's handouts: a paper carries no address and keeps a part's heading with its questions; 话术汇编 prints no empty 对照 lines nor its jump list; 学员进度汇总 its tables alone", async () => {
  const page = await browser.newPage({ viewport: SHEET });
  await page.emulateMedia({ media: "print" });
  // The students' sheet: the day it was printed, not the address of the page with the key.
  await page.goto(fileUrl(join(root, "site/quizzes/procedure-time-limits/paper/index.html")));
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const stamp = await page.textContent(".print-stamp");
  assert.match(stamp, /打印于 \d{4}-\d{2}-\d{2}$/);
  assert.doesNotMatch(stamp, /file:|http/);
  assert.deepEqual(await page.$$eval(".paper-part > h2, .paper-hint", (es) => [...new Set(es.map((e) => getComputedStyle(e).breakAfter))]), ["avoid"]);
  // 话术汇编: the good dialogues, none of the closed 对照 (a summary line with nothing under it).
  await page.goto(fileUrl(join(root, "site/phrases/index.html")));
  const shown = (sel) => page.$$eval(sel, (es) => es.filter((e) => getComputedStyle(e).display !== "none").length);
  assert.ok((await page.locator(".phrase-contrast").count()) > 10);
  assert.equal(await shown(".phrase-contrast"), 0);
  assert.equal(await shown(".phrases-contents, .phrases-filter"), 0);
  // A scenario printed for the trainer: each step's answers with their points, 一票否决 and
  // feedback (a crib sheet for the call played with the class).
  await page.goto(fileUrl(join(root, "site/quizzes/scenario-outage/index.html")));
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const key = page.locator(".scenario-key").first();
  assert.ok(await key.isVisible());
  assert.match(await key.textContent(), /第 1 步\+2 分：.+——.+-2 分 · 一票否决：/);
  // 学员进度汇总: the tables, not the day box, the explanations or the copy-link column.
  await page.goto(fileUrl(join(root, "site/progress/team/index.html")));
  await page.evaluate(() => {
    const box = document.createElement("div");
    box.innerHTML = '<p class="team-period">x</p><p class="team-period-note">x</p><p class="team-legend">x</p><p class="team-hard-lead">x</p>' +
      '<table class="team-hard-table"><tr><th>题目</th><th>单题链接</th></tr><tr><td>q</td><td class="team-hard-link">c</td></tr></table>';
    document.querySelector("main").appendChild(box);
  });
  assert.equal(await shown(".team-period, .team-period-note, .team-legend, .team-hard-lead, .team-hard-table th:last-child, .team-hard-link"), 0);
  assert.equal(await shown(".team-hard-table td:first-child"), 1);
  await page.close();
});
