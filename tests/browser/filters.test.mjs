// 术语表 and 时限速查 at provincial scale (303 terms were 45 screens on a PC, 63 on a phone, with
// a letter bar 13 screens up after a jump to F; 636 time-limit rows were 50 and 168 screens,
// with no way to narrow them): each has a box, as 规则索引's, that keeps what has every word
// typed (any case, full-width as half-width, traditional as simplified), hides the groups left
// empty and says how many remain; the glossary's letter bar stays at the top, on a phone too;
// 时限速查's dates and sorting go on with the box. Without JavaScript or on paper, no box.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, freshPage, fileUrl, axeViolations } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));
const PC = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

async function type(page, box, text) {
  await page.fill(`${box} input`, text);
  await page.waitForFunction(([b, t]) => document.querySelector(`${b} input`).value === t, [box, text]);
}

/** The glossary's terms shown, its letter headings shown, the letters in the bar shown, and
 *  the count line. */
function glossary(page) {
  return page.evaluate(() => {
    const visible = (n) => n.getClientRects().length > 0;
    return {
      terms: [...document.querySelectorAll(".glossary dt")].filter(visible).map((dt) => dt.textContent.trim()),
      letters: [...document.querySelectorAll("h2.glossary-letter")].filter(visible).map((h) => h.textContent),
      bar: [...document.querySelectorAll(".glossary-letters a")].filter(visible).map((a) => a.textContent),
      count: document.querySelector(".glossary-count").textContent,
    };
  });
}

/** The terms whose term, 又称 or definition (not its 相关规则) holds every one of `words`. */
function termsHolding(page, words) {
  return page.evaluate((ws) => [...document.querySelectorAll(".glossary dt")].filter((dt) => {
    const dd = dt.nextElementSibling.cloneNode(true);
    dd.querySelectorAll(".related-rules").forEach((n) => n.remove());
    const text = (dt.textContent + "\n" + dd.textContent).toLowerCase();
    return ws.every((w) => text.includes(w));
  }).map((dt) => dt.textContent.trim()), words);
}

test("术语表's filter keeps the terms with what is typed, in their term, 又称 or definition", async () => {
  const { ctx, page, errors } = await freshPage(browser, PC);
  await page.goto(at("glossary/index.html"));
  await page.waitForSelector(".glossary-filter:not([hidden])");
  const all = await glossary(page);
  const total = all.terms.length;
  assert.ok(total >= 50 && all.letters.length >= 10, JSON.stringify(all));
  assert.equal(all.count, "");
  assert.deepEqual(all.bar, all.letters.map((l) => l));
  assert.equal(await page.getAttribute(".glossary-count", "aria-live"), "polite");
  // No ids in the box: `check` offers a page's ids as link targets.
  assert.equal(await page.$$eval(".glossary-filter [id]", (n) => n.length), 0);

  // A term: the terms that name it, their letters alone in the bar.
  await type(page, ".glossary-filter", "工单");
  let s = await glossary(page);
  const ticket = await termsHolding(page, ["工单"]);
  assert.ok(ticket.includes("工单") && ticket.length < total, ticket.join());
  assert.deepEqual(s.terms, ticket);
  assert.equal(s.count, `显示 ${ticket.length} / ${total} 个术语`);
  assert.ok(s.letters.length < all.letters.length);
  assert.deepEqual(s.bar, s.letters);
  assert.deepEqual(await axeViolations(page), []);

  // A synonym (又称 检举, of 举报): its term.
  await type(page, ".glossary-filter", "检举");
  s = await glossary(page);
  assert.ok(s.terms.includes("举报"), s.terms.join());
  assert.deepEqual(s.terms, await termsHolding(page, ["检举"]));
  const report = s.terms;

  // Traditional, once the search's table is there (檢舉 for 检举).
  await type(page, ".glossary-filter", "檢舉");
  await page.waitForFunction((n) => document.querySelector(".glossary-count").textContent.startsWith(`显示 ${n} /`), report.length);
  assert.deepEqual((await glossary(page)).terms, report);

  // Two words, one of them a line of the definition: both must be there.
  await type(page, ".glossary-filter", "投诉 客户");
  s = await glossary(page);
  assert.deepEqual(s.terms, await termsHolding(page, ["投诉", "客户"]));
  assert.ok(s.terms.length > 1);

  // Nothing: no letter left, and where else to look.
  await type(page, ".glossary-filter", "xyz无此术语");
  s = await glossary(page);
  assert.deepEqual([s.terms, s.letters, s.bar], [[], [], []]);
  assert.equal(s.count, `显示 0 / ${total} 个术语`);
  assert.match(await page.textContent(".glossary-more"), /没有符合“xyz无此术语”的术语/);
  assert.match(await page.getAttribute(".glossary-more a", "href"), /^\.\.\/search\/index\.html\?q=/);
  assert.deepEqual(await axeViolations(page), []);

  // Cleared: every term again.
  await type(page, ".glossary-filter", "");
  assert.deepEqual(await glossary(page), all);
  assert.equal(await page.isVisible(".glossary-more"), false);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("术语表: a link to a term the box hides (a search result's) empties the box and shows the term", async () => {
  const { ctx, page, errors } = await freshPage(browser, PC);
  await page.goto(at("glossary/index.html"));
  await page.waitForSelector(".glossary-filter:not([hidden])");
  await type(page, ".glossary-filter", "停电");
  const hidden = await page.evaluate(() => {
    const dt = [...document.querySelectorAll(".glossary dt")].find((d) => !d.getClientRects().length);
    return dt && dt.id;
  });
  assert.ok(hidden, "a term the box hides");
  // As the search box's result does: the address's hash, on this page.
  await page.evaluate((id) => { location.hash = "#" + encodeURIComponent(id); }, hidden);
  await page.waitForFunction((id) => {
    const dt = document.getElementById(id), r = dt.getBoundingClientRect();
    return dt.getClientRects().length > 0 && r.top >= 0 && r.bottom <= innerHeight;
  }, hidden);
  assert.equal(await page.inputValue(".glossary-filter input"), "");
  assert.equal(await page.textContent(".glossary-count"), "");
  // The same term linked to again, its hash already in the address (no hashchange), after a
  // filter that hides it: shown again too.
  await type(page, ".glossary-filter", "停电");
  await page.waitForFunction((id) => !document.getElementById(id).getClientRects().length, hidden);
  await page.evaluate((id) => {
    const a = document.createElement("a");
    a.href = "#" + encodeURIComponent(id);
    a.textContent = "again";
    document.querySelector("h1").appendChild(a);
  }, hidden);
  await page.click("h1 a");
  await page.waitForFunction((id) => document.getElementById(id).getClientRects().length > 0, hidden);
  assert.equal(await page.inputValue(".glossary-filter input"), "");
  // Marked, among the terms, as a clause linked to is (its definition too).
  const marked = await page.evaluate((id) => {
    const dt = document.getElementById(id), bg = (n) => getComputedStyle(n).backgroundColor;
    return [bg(dt), bg(dt.nextElementSibling), bg(document.querySelector(".glossary dt:not(:target)"))];
  }, hidden);
  assert.notEqual(marked[0], marked[2], JSON.stringify(marked));
  assert.equal(marked[0], marked[1], JSON.stringify(marked));
  // By one of its 又称 (an id of its own in the term) too.
  const synonym = await page.evaluate(() => document.querySelector(".glossary dt > span[id]").id);
  await page.evaluate((id) => { location.hash = "#" + encodeURIComponent(id); }, synonym);
  await page.waitForFunction((id) => decodeURIComponent(location.hash.slice(1)) === id, synonym);
  assert.equal(await page.evaluate((id) => getComputedStyle(document.getElementById(id).parentNode).backgroundColor, synonym), marked[0]);
  // A term the box shows: the box is left as typed.
  await type(page, ".glossary-filter", "停电");
  const shown = await page.evaluate(() => [...document.querySelectorAll(".glossary dt")].find((d) => d.getClientRects().length).id);
  await page.evaluate((id) => { location.hash = "#" + encodeURIComponent(id); }, shown);
  await page.waitForFunction((id) => decodeURIComponent(location.hash.slice(1)) === id, shown);
  assert.equal(await page.inputValue(".glossary-filter input"), "停电");
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** Where the letter bar is, and whether its letter `to` is the element at its centre (on
 *  screen, under nothing), once the bar's own line is scrolled sideways to it (a phone's). */
function bar(page, to) {
  return page.evaluate((to) => {
    const a = [...document.querySelectorAll(".glossary-letters a")].find((x) => x.textContent === to);
    const line = document.querySelector(".glossary-letters");
    line.scrollLeft += a.getBoundingClientRect().left - line.getBoundingClientRect().left - 8;
    const r = a.getBoundingClientRect(), nav = line.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const topbar = document.querySelector(".topbar").getBoundingClientRect().bottom;
    return { top: nav.top, bottom: nav.bottom, topbar, reachable: a === hit || a.contains(hit), scrolled: scrollY, height: innerHeight };
  }, to);
}

for (const [name, opts] of [["a PC", PC], ["a phone", PHONE], ["a window at 400 % zoom (320 × 256)", { viewport: { width: 320, height: 256 } }]]) {
  test(`术语表's letter bar stays on screen after a jump far down, on ${name}`, async () => {
    const { ctx, page, errors } = await freshPage(browser, opts);
    await page.goto(at("glossary/index.html"));
    await page.waitForSelector(".glossary-filter:not([hidden])");
    const letters = await page.$$eval("h2.glossary-letter", (hs) => hs.map((h) => [h.id, h.textContent]));
    const [lastId, last] = letters[letters.length - 1];
    const [firstId, first] = letters[1];
    await page.click(`.glossary-letters a[href="#${lastId}"]`);
    await page.waitForFunction((id) => location.hash === "#" + id, lastId);
    await page.waitForTimeout(100);
    let b = await bar(page, first);
    assert.ok(b.scrolled > b.height * 2, `scrolled ${b.scrolled}px`);
    // Below the top bar, on screen, under nothing; the heading jumped to below it.
    assert.ok(b.top >= b.topbar - 2 && b.bottom < b.height / 2, JSON.stringify(b));
    assert.ok(b.reachable, JSON.stringify(b));
    const h = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, lastId);
    assert.ok(h >= b.bottom - 1, `${last} at ${h}px under a bar ending at ${b.bottom}px`);
    // And back up in one tap: the second letter's heading lands below the bar.
    await page.click(`.glossary-letters a[href="#${firstId}"]`);
    await page.waitForFunction((id) => location.hash === "#" + id, firstId);
    await page.waitForTimeout(100);
    b = await bar(page, last);
    const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, firstId);
    assert.ok(top >= b.bottom - 1 && top < b.height / 2, `${first} at ${top}px, the bar ends at ${b.bottom}px`);
    // A term linked from a lesson (glossary/#term) lands below it too, filter box included.
    const term = await page.$eval("h2.glossary-letter:last-of-type + dl dt", (dt) => dt.id);
    await page.goto(at("rules/index.html"));
    await page.goto(at(`glossary/index.html#${term}`));
    await page.waitForSelector(".glossary-filter:not([hidden])");
    await page.waitForTimeout(100);
    b = await bar(page, first);
    const dt = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, term);
    assert.ok(dt >= b.bottom - 1, `the term at ${dt}px, the bar ends at ${b.bottom}px`);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("术语表 on a phone: the top bar, the box and the letter bar stay one under the other, no gap, in under a third of the screen", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 400, height: 800 }, isMobile: true, hasTouch: true });
  await page.goto(at("glossary/index.html"));
  await page.waitForSelector(".glossary-filter:not([hidden])");
  await type(page, ".glossary-filter", "电");
  await page.evaluate(() => window.scrollTo(0, 900));
  await page.waitForTimeout(150);
  const r = await page.evaluate(() => {
    const at = (s) => document.querySelector(s).getBoundingClientRect();
    return { topbar: at(".topbar").bottom, box: [at(".glossary-filter").top, at(".glossary-filter").bottom], bar: [at(".glossary-letters").top, at(".glossary-letters").bottom], height: innerHeight, scrolled: scrollY };
  });
  assert.ok(r.scrolled >= 800, JSON.stringify(r));
  // (Text scrolling under them showed through a gap of 4 px, then of a fraction of one.)
  assert.ok(r.box[0] <= r.topbar - 0.5, JSON.stringify(r));
  assert.ok(r.bar[0] <= r.box[1] - 0.5, JSON.stringify(r));
  assert.ok(r.bar[1] < r.height * 0.3, JSON.stringify(r));
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** 时限速查's rows shown (事项 · 适用情形 · rule id), their due dates, and the count line. */
function limits(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll("#time-limits tbody tr")].filter((tr) => tr.getClientRects().length > 0);
    return {
      rows: rows.map((tr) => `${tr.cells[0].textContent} · ${tr.cells[3].textContent} · ${tr.dataset.rule}`),
      due: rows.map((tr) => tr.querySelector("td.tl-due").textContent),
      count: document.querySelector(".limits-count").textContent,
    };
  });
}

for (const [name, opts] of [["a PC", PC], ["a phone", PHONE], ["a window at 400 % zoom (320 × 256)", { viewport: { width: 320, height: 256 } }]]) {
  test(`时限速查's filter keeps the rows with what is typed; dates and sorting go on, on ${name}`, async () => {
    const { ctx, page, errors } = await freshPage(browser, opts);
    await page.goto(at("rules/time-limits/index.html"));
    await page.waitForSelector(".limits-filter:not([hidden])");
    const all = await limits(page);
    const total = all.rows.length;
    assert.ok(total >= 5, JSON.stringify(all));
    assert.equal(all.count, "");
    assert.equal(await page.$$eval(".limits-filter [id]", (n) => n.length), 0);

    // A word of one row's 事项 (答复投诉人时限): that row alone, its due date still there.
    await type(page, ".limits-filter", "答复");
    let s = await limits(page);
    assert.equal(s.rows.length, 1, s.rows.join("\n"));
    assert.match(s.rows[0], /^答复投诉人时限 · .* · TS-PROC-003$/);
    assert.equal(s.count, `显示 1 / ${total} 项时限`);
    assert.match(s.due[0], /\d+月\d+日/);

    // A word of 适用情形 and 事项 both (办结), the rule named in full-width: the rows of
    // TS-PROC-002 that say it.
    await type(page, ".limits-filter", "办结 ＴＳ－ＰＲＯＣ－００２");
    s = await limits(page);
    assert.ok(s.rows.length >= 2 && s.rows.every((r) => r.endsWith("TS-PROC-002")), s.rows.join("\n"));
    const proc2 = s.rows;
    assert.equal(s.count, `显示 ${proc2.length} / ${total} 项时限`);

    // Sorting the filtered rows by 时限, longest first: the same rows, in that order.
    const longest = page.locator("#time-limits thead th", { hasText: /^时限/ }).locator("button");
    await longest.click();
    await longest.click();
    s = await limits(page);
    assert.deepEqual([...s.rows].sort(), [...proc2].sort());
    const values = await page.$$eval("#time-limits tbody tr", (trs) => trs.filter((tr) => tr.getClientRects().length > 0).map((tr) => +tr.cells[1].dataset.value));
    assert.deepEqual(values, [...values].sort((a, b) => b - a));

    // Another start day: the shown rows' dates counted again, the box's rows and count kept.
    const before = s.due;
    await page.fill(".deadline-calc input[type=date]", "2026-03-02");
    await page.waitForFunction((d) => [...document.querySelectorAll("#time-limits tbody tr")].filter((tr) => tr.getClientRects().length > 0).some((tr, i) => tr.querySelector("td.tl-due").textContent !== d[i]), before);
    s = await limits(page);
    assert.deepEqual([...s.rows].sort(), [...proc2].sort());
    assert.equal(s.count, `显示 ${proc2.length} / ${total} 项时限`);
    assert.ok(s.due.every((d, i) => /^[34]月\d+日/.test(d) && d !== before[i]), s.due.join());

    // Traditional, once the search's table is there (辦結 for 办结).
    await type(page, ".limits-filter", "辦結");
    const closed = all.rows.filter((r) => r.includes("办结"));
    await page.waitForFunction((n) => document.querySelector(".limits-count").textContent.startsWith(`显示 ${n} /`), closed.length);
    assert.deepEqual([...(await limits(page)).rows].sort(), [...closed].sort());
    assert.deepEqual(await axeViolations(page), []);

    // Nothing: no table, and where else to look.
    await type(page, ".limits-filter", "xyz无此时限");
    s = await limits(page);
    assert.deepEqual(s.rows, []);
    assert.equal(await page.isVisible("#time-limits"), false);
    assert.equal(s.count, `显示 0 / ${total} 项时限`);
    assert.match(await page.textContent(".limits-more"), /没有符合“xyz无此时限”的时限/);
    assert.match(await page.getAttribute(".limits-more a", "href"), /^\.\.\/\.\.\/search\/index\.html\?q=/);
    assert.deepEqual(await axeViolations(page), []);

    // Cleared: every row again.
    await type(page, ".limits-filter", "");
    s = await limits(page);
    assert.deepEqual([...s.rows].sort(), [...all.rows].sort());
    assert.equal(s.count, "");
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("时限速查: one rule's rows (#rule=, from its card) and the box together, counted of those", async () => {
  const { ctx, page, errors } = await freshPage(browser, PC);
  await page.goto(at("rules/time-limits/index.html#rule=TS-PROC-002"));
  await page.waitForSelector(".limits-filter:not([hidden])");
  const mine = (await limits(page)).rows;
  assert.ok(mine.length >= 3 && mine.every((r) => r.endsWith("TS-PROC-002")), mine.join("\n"));
  await type(page, ".limits-filter", "复杂");
  const s = await limits(page);
  assert.deepEqual(s.rows, mine.filter((r) => r.includes("复杂")));
  assert.ok(s.rows.length >= 1 && s.rows.length < mine.length);
  assert.equal(s.count, `显示 ${s.rows.length} / ${mine.length} 项时限`);
  // Every row again (显示全部时限): the box still keeps its rows, now of all of them.
  await page.click("#deadline-focus-all");
  const again = await limits(page);
  const total = await page.$$eval("#time-limits tbody tr:not([hidden])", (trs) => trs.length);
  assert.equal(again.count, `显示 ${again.rows.length} / ${total} 项时限`);
  assert.ok(again.rows.every((r) => r.includes("复杂")));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("without JavaScript: every term and row, the letter bar, no box; on paper no box either", async () => {
  let { ctx, page } = await freshPage(browser, { javaScriptEnabled: false });
  await page.goto(at("glossary/index.html"));
  assert.equal(await page.isVisible(".glossary-filter"), false);
  assert.equal(await page.isVisible(".glossary-letters"), true);
  assert.ok(await page.$$eval(".glossary dt", (dts) => dts.every((dt) => dt.getClientRects().length > 0)));
  await page.goto(at("rules/time-limits/index.html"));
  assert.equal(await page.isVisible(".limits-filter"), false);
  assert.ok(await page.$$eval("#time-limits tbody tr:not([hidden])", (trs) => trs.length >= 5));
  await ctx.close();

  ({ ctx, page } = await freshPage(browser, PC));
  for (const [rel, box] of [["glossary/index.html", ".glossary-filter"], ["rules/time-limits/index.html", ".limits-filter"]]) {
    await page.goto(at(rel));
    await page.waitForSelector(`${box}:not([hidden])`);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible(box), false, rel);
    await page.emulateMedia({ media: "screen" });
  }
  await ctx.close();
});

// A worker narrows a list, opens an entry and comes Back (or serve reloads the page after a
// trainer's save): the list is as it was left, not whole again with an empty box -- a browser
// restores no value of an autocomplete="off" box. A jump within the page (a letter) keeps it
// too; the words typed are those of that page only.
for (const [page0, box, entry, typed] of [
  ["rules/index.html", ".rules-filter", ".rule-list > li:not([hidden]) a", "時限"],
  ["glossary/index.html", ".glossary-filter", ".glossary dd:not([hidden]) .related-rules a", "工单"],
  ["rules/time-limits/index.html", ".limits-filter", "#time-limits tbody tr:not(.tl-filtered) a", "办结"],
  ["phrases/index.html", ".phrases-box", ".phrase:not([hidden]) a", "电费"],
]) {
  test(`${page0}: the words in ${box} and the list they leave survive Back and a reload`, async () => {
    const { ctx, page, errors } = await freshPage(browser, PC);
    const count = box.replace(/-(filter|box)$/, "-count");
    const seen = () => page.evaluate(([b, c]) => ({
      value: document.querySelector(`${b} input`).value,
      count: document.querySelector(c).textContent,
    }), [box, count]);
    await page.goto(at(page0));
    await page.waitForSelector(`${box}:not([hidden])`);
    await type(page, box, typed);
    await page.waitForFunction((c) => document.querySelector(c).textContent !== "", count);
    // (Traditional characters fold once the search index's table is in.)
    await page.waitForTimeout(300);
    const left = await seen();
    assert.equal(left.value, typed);
    assert.match(left.count, /\d/);
    if (box === ".glossary-filter") {
      // A letter of the bar: a new history entry within the page.
      const letter = await page.$eval(".glossary-letters a:not([hidden])", (a) => a.getAttribute("href"));
      await page.click(`.glossary-letters a[href="${letter}"]`);
      await page.waitForFunction((h) => location.hash === h, letter);
    }
    await Promise.all([page.waitForNavigation(), page.click(entry)]);
    assert.ok(!page.url().includes(page0), page.url());
    await page.goBack();
    await page.waitForSelector(`${box}:not([hidden])`);
    await page.waitForFunction(([c, n]) => document.querySelector(c).textContent === n, [count, left.count]);
    assert.deepEqual(await seen(), left);
    await page.reload();
    await page.waitForSelector(`${box}:not([hidden])`);
    await page.waitForFunction(([c, n]) => document.querySelector(c).textContent === n, [count, left.count]);
    assert.deepEqual(await seen(), left);
    // Emptied, it stays empty (nothing brought back by the next reload).
    await type(page, box, "");
    await page.waitForTimeout(500);
    await page.reload();
    await page.waitForSelector(`${box}:not([hidden])`);
    assert.equal((await seen()).value, "");
    // Another page of the site does not get them.
    await page.goto(at("rules/index.html" === page0 ? "glossary/index.html" : "rules/index.html"));
    await page.waitForSelector(":is(.rules-filter, .glossary-filter):not([hidden])");
    assert.equal(await page.$eval(":is(.rules-filter, .glossary-filter) input", (i) => i.value), "");
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}
