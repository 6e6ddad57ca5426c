// 规则索引 at provincial scale (400 rules in 16 categories was a 42-screen list): a box that
// keeps the rules whose id, title or summary has what is typed (any case, full-width as
// half-width, traditional as simplified), hides the categories left empty with their entries
// in 按分类跳转 and says how many remain; with JavaScript off, the whole list and no box. A
// rule card pages through its category (上一条规则 / 下一条规则, ← / → too).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, freshPage, fileUrl, axeViolations } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));

/** The ids of the rules shown, the categories shown, and the jump list's entries shown with
 *  their numbers. */
function state(page) {
  return page.evaluate(() => {
    const visible = (n) => !!n.offsetParent || n.getClientRects().length > 0;
    return {
      rules: [...document.querySelectorAll(".rule-list li")].filter(visible).map((li) => li.querySelector(".mono").textContent),
      groups: [...document.querySelectorAll(".rule-group")].filter(visible).map((g) => g.querySelector("h2").id),
      entries: [...document.querySelectorAll(".rules-contents li")].filter(visible).map((li) => li.textContent),
      count: document.querySelector(".rules-count").textContent,
    };
  });
}

/** The rules whose id, title or summary (as the page has them) hold `word`, in any case. */
function holding(page, word) {
  return page.evaluate((w) => [...document.querySelectorAll(".rule-list li")]
    .filter((li) => [".mono", "strong", ".rule-summary"].some((s) => li.querySelector(s).textContent.toLowerCase().includes(w)))
    .map((li) => li.querySelector(".mono").textContent), word);
}

async function type(page, text) {
  await page.fill(".rules-filter-input", text);
  // (A book of more than 300 rules filters once the typing pauses: none here.)
  await page.waitForFunction((t) => document.querySelector(".rules-filter-input").value === t, text);
}

test("规则索引's filter keeps the rules with what is typed, in any case or width, and counts them", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(at("rules/index.html"));
  await page.waitForSelector(".rules-filter:not([hidden])");
  const all = await state(page);
  const total = all.rules.length;
  assert.ok(total >= 20 && all.groups.length >= 4, JSON.stringify(all));
  assert.equal(all.count, "");
  assert.equal(all.entries.length, all.groups.length);

  // An id typed in lower case: that category's rules alone, its entry's number the same.
  await type(page, "ts-proc");
  let s = await state(page);
  const proc = all.rules.filter((id) => id.startsWith("TS-PROC-"));
  assert.ok(proc.length >= 5);
  assert.deepEqual(s.rules, proc);
  assert.deepEqual(s.groups, ["投诉办理"]);
  assert.deepEqual(s.entries, [`投诉办理${proc.length} 条规则`]);
  assert.equal(s.count, `显示 ${proc.length} / ${total} 条规则`);
  // The count line is what a screen reader is told.
  assert.equal(await page.getAttribute(".rules-count", "aria-live"), "polite");

  // Full-width, as a Chinese input method types it.
  await type(page, "ＴＳ－ＰＲＯＣ－００２");
  s = await state(page);
  assert.deepEqual(s.rules, ["TS-PROC-002"]);
  assert.equal(s.count, `显示 1 / ${total} 条规则`);

  // A Chinese word: the rules whose id, title or summary says it, across categories.
  await type(page, "停电");
  s = await state(page);
  const outage = await holding(page, "停电");
  assert.ok(outage.includes("TS-CAT-003") && outage.includes("TS-CAT-008"), outage.join());
  assert.deepEqual(s.rules, outage);
  assert.equal(s.count, `显示 ${outage.length} / ${total} 条规则`);
  assert.ok(s.groups.length < all.groups.length);
  assert.deepEqual(await axeViolations(page), []);

  // Two words: both must be there.
  await type(page, "答复 投诉人");
  s = await state(page);
  const complainant = new Set(await holding(page, "投诉人"));
  assert.deepEqual(s.rules, (await holding(page, "答复")).filter((id) => complainant.has(id)));
  assert.ok(s.rules.includes("TS-PROC-003"), s.rules.join());

  // Traditional, once the search's table is there (停電).
  await type(page, "停電");
  await page.waitForFunction((n) => document.querySelector(".rules-count").textContent.startsWith(`显示 ${n} /`), outage.length);
  assert.deepEqual((await state(page)).rules, outage);

  // Nothing: no category left, and where else to look.
  await type(page, "xyz无此规则");
  s = await state(page);
  assert.deepEqual([s.rules, s.groups, s.entries], [[], [], []]);
  assert.equal(s.count, `显示 0 / ${total} 条规则`);
  assert.match(await page.textContent(".rules-more"), /没有符合“xyz无此规则”的规则/);
  assert.match(await page.getAttribute(".rules-more a", "href"), /search\/index\.html\?q=/);
  assert.deepEqual(await axeViolations(page), []);

  // Cleared: the whole list again, numbers as they were.
  await type(page, "");
  s = await state(page);
  assert.deepEqual(s, all);
  assert.equal(await page.isVisible(".rules-more"), false);

  // A category jumped to lands below the top bar and the box that stays at the top.
  const last = all.groups[all.groups.length - 1];
  await page.click(`.rules-contents a[href="#${last}"]`);
  await page.waitForFunction((id) => location.hash && decodeURIComponent(location.hash) === "#" + id, last);
  const [top, below] = await page.evaluate((id) => [
    document.getElementById(id).getBoundingClientRect().top,
    document.querySelector(".rules-filter").getBoundingClientRect().bottom,
  ], last);
  assert.ok(top >= below - 1, `heading at ${top}px, the box ends at ${below}px`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("规则索引 without JavaScript: the whole list and the jump list, no filter box", async () => {
  const { ctx, page } = await freshPage(browser, { javaScriptEnabled: false });
  await page.goto(at("rules/index.html"));
  assert.equal(await page.isVisible(".rules-filter"), false);
  assert.equal(await page.isVisible(".rules-contents"), true);
  const shown = await page.$$eval(".rule-list li", (lis) => lis.filter((li) => li.getClientRects().length > 0).length);
  assert.ok(shown >= 20, `${shown} rules shown`);
  await ctx.close();
});

test("a rule card: its category links to its heading; → and ← page through the category", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(at("rules/TS-PROC-002/index.html"));
  assert.equal(await page.textContent(".breadcrumbs li:nth-child(3) a"), "投诉办理");
  assert.equal(await page.textContent(".pager-rules .pager-prev span"), "上一条规则");
  assert.deepEqual(await axeViolations(page), []);
  await page.keyboard.press("ArrowRight");
  await page.waitForURL(/rules\/TS-PROC-003\/index\.html$/);
  await page.keyboard.press("ArrowLeft");
  await page.waitForURL(/rules\/TS-PROC-002\/index\.html$/);
  await page.click(".rule-id a.rule-category");
  await page.waitForURL(/rules\/index\.html#/);
  assert.equal(decodeURIComponent(new URL(page.url()).hash), "#投诉办理");
  // The last of its category has no 下一条规则 (none across categories).
  await page.goto(at("rules/TS-PROC-006/index.html"));
  assert.equal(await page.$(".pager-rules .pager-next"), null);
  assert.equal(await page.textContent(".pager-rules .pager-prev"), "上一条规则TS-PROC-005 下级处理结果的复核");
  assert.deepEqual(errors, []);
  await ctx.close();
});
