// The bundled handbook on a phone (375 and 320 px wide), where frontline staff look things up
// with a customer on the line: a search box they can type into, the top bar's quick links one
// tap away in the ☰ menu, and 时限速查 as cards that fit the screen -- and the desktop and
// the printed page as they were.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, axeViolations } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));
const PHONES = [375, 320];

/** A page at `width` px (800 high), opened once `ready` matches, with its script errors. */
async function open(width, rel, ready, options = {}) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, ...options });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(at(rel));
  // (Attached, not visible: on a phone the closed ☰ menu's contents are hidden.)
  await page.waitForSelector(ready, { state: "attached" });
  return { ctx, page, errors };
}

/** Where `sel`'s first match is on the screen. */
const box = (page, sel) => page.$eval(sel, (e) => {
  const r = e.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
});

/** How much wider than the window the page is. */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const width of PHONES) {
  test(`${width}px: the search box has a row of its own, the bar keeps ☰, the book's name and ◐, and the results fit the screen`, async () => {
    const { ctx, page, errors } = await open(width, "procedure/time-limits/index.html", "#sidebar a");
    const input = await box(page, "#search");
    assert.ok(input.width >= 0.8 * width, `the box is ${input.width}px of ${width}`);
    assert.ok(input.height >= 36, `the box is ${input.height}px high (a finger's width)`);
    // (16px or more: iOS zooms the page into a box with a smaller font when it is tapped.)
    assert.ok(await page.$eval("#search", (e) => parseFloat(getComputedStyle(e).fontSize)) >= 16);
    const bar = await box(page, ".topbar");
    for (const sel of ["#nav-toggle", ".brand", "#theme-toggle"]) {
      const b = await box(page, sel);
      assert.ok(await page.isVisible(sel), `${sel} is shown`);
      assert.ok(b.left >= 0 && b.right <= width && b.bottom <= input.top, `${sel} is on the bar's first row: ${JSON.stringify(b)}`);
    }
    assert.ok(bar.height <= 110, `the bar is ${bar.height}px high`);
    // The book's name is not cut short to make room.
    assert.equal(await page.$eval(".brand", (e) => e.scrollWidth <= e.clientWidth), true);
    assert.ok(await overflow(page) <= 1);

    // The results drop down under the box, within the screen, and are read from there.
    await page.fill("#search", "时限");
    await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "时限");
    const results = await box(page, "#search-results");
    assert.ok(results.top >= input.bottom - 1, `the results (${results.top}) do not cover the box (${input.bottom})`);
    assert.ok(results.left >= 0 && results.right <= width && results.bottom <= 800, JSON.stringify(results));
    assert.ok(results.width >= 0.9 * width, `the results are ${results.width}px wide`);
    const hit = await box(page, "#search-results .search-hit-link");
    assert.ok(hit.top >= results.top && hit.bottom <= results.bottom, "the first hit is in view");
    assert.ok(await overflow(page) <= 1);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("375px: the ☰ menu opens with the quick links at its top, one tap to 时限速查, and reached by keyboard", async () => {
  const { ctx, page, errors } = await open(375, "procedure/time-limits/index.html", "#sidebar a");
  // The bar has no room for them on a phone: one 常用入口, and it is the menu's.
  assert.equal(await page.isVisible(".topbar .quick-links"), false);
  const links = ".drawer-links a";
  assert.ok((await box(page, ".drawer")).right <= 0, "the menu is off the screen while closed");
  await page.click("#nav-toggle");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  const names = await page.$$eval(links, (as) => as.map((a) => a.textContent.trim()));
  for (const name of ["规则索引", "时限速查", "话术汇编", "我的进度"]) assert.ok(names.includes(name), names.join());
  // Each in full view, above the contents, not covered by anything, big enough for a finger.
  const bar = await box(page, ".topbar");
  const drawer = await box(page, ".drawer");
  assert.ok(drawer.top >= bar.bottom - 1, `the menu (${drawer.top}) starts under the bar (${bar.bottom})`);
  const side = await box(page, "#sidebar");
  const shown = await page.$$eval(links, (as) => as.map((a) => {
    const r = a.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { text: a.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height, onTop: top === a || a.contains(top) };
  }));
  for (const l of shown) {
    assert.ok(l.onTop, `${l.text} is not covered`);
    assert.ok(l.left >= 0 && l.right <= 375 && l.top >= bar.bottom && l.bottom <= side.top + 1, `${l.text}: ${JSON.stringify(l)}`);
    assert.ok(l.height >= 36, `${l.text} is ${l.height}px high`);
  }
  assert.equal(await page.$$eval('nav[aria-label="常用入口"]', (ns) => ns.filter((n) => n.getClientRects().length).length), 1);
  // The menu's contents still scroll on their own under the links.
  assert.ok(side.bottom <= 800 + 1 && side.height > 300, JSON.stringify(side));

  // By keyboard: the menu opened puts the focus on its first entry, the first quick link;
  // the contents follow the links.
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.id), "nav-toggle");
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("#nav-toggle", "aria-expanded"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.closest(".drawer-links") !== null), true);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), names[0]);
  for (let i = 1; i < names.length; i++) await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), names[names.length - 1]);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.closest("#sidebar") !== null), true);

  // One tap.
  await page.click(`${links} >> text=时限速查`);
  await page.waitForSelector("#time-limits");
  assert.match(page.url(), /\/rules\/time-limits\/index\.html$/);
  // There, the menu marks where the reader is.
  await page.click("#nav-toggle");
  assert.equal(await page.$eval('.drawer-links a[aria-current="page"]', (a) => a.textContent), "时限速查");
  assert.deepEqual(errors, []);
  await ctx.close();
});

for (const width of PHONES) {
  test(`${width}px: 时限速查 is a card per row, every cell in view and labelled, the due day in full, and it still sorts`, async () => {
    const { ctx, page, errors } = await open(width, "rules/time-limits/index.html", "#deadline-calc:not([hidden])");
    // (After the bundled rules' effective dates: a day before one gets no due day of that rule.)
    await page.fill("#deadline-from", "2026-12-15");
    assert.ok(await overflow(page) <= 1, `the page is ${await overflow(page)}px wider than the screen`);
    assert.equal(await page.$eval(".table-wrap", (w) => w.scrollWidth - w.clientWidth), 0, "nothing to scroll sideways to");
    const rows = await page.$$eval("#time-limits tbody tr", (trs) => trs.map((tr) => {
      const r = tr.getBoundingClientRect();
      return {
        left: r.left, right: r.right, width: r.width,
        cells: [...tr.cells].filter((td) => td.getClientRects().length).map((td) => {
          const c = td.getBoundingClientRect();
          return {
            text: td.textContent, left: c.left, right: c.right, width: c.width,
            label: getComputedStyle(td, "::before").content, clipped: td.scrollWidth > td.clientWidth + 1,
          };
        }),
      };
    }));
    assert.ok(rows.length >= 5);
    for (const row of rows) {
      assert.ok(row.left >= 0 && row.right <= width, `a card is in view: ${JSON.stringify(row)}`);
      // 事项, 时限, 截止, 适用情形, 规则: all shown, each the width of its card.
      assert.equal(row.cells.length, 5, JSON.stringify(row));
      for (const c of row.cells) {
        assert.ok(c.left >= 0 && c.right <= width, `${c.text} is in view`);
        assert.ok(c.width >= 0.8 * row.width, `${c.text} is ${c.width}px wide of ${row.width}`);
        assert.equal(c.clipped, false, `${c.text} is cut off`);
      }
      // The 事项 heads the card; the others say what they are.
      assert.deepEqual(row.cells.map((c) => c.label), ["none", '"时限"', '"截止"', '"适用情形"', '"规则"']);
    }
    // The due day read in full, year and weekday (the review found "2027年1月12日（周二" cut off).
    const due = rows.flatMap((r) => r.cells.filter((c) => c.label === '"截止"').map((c) => c.text));
    assert.ok(due.some((d) => /^\d{4}年\d+月\d+日（周.）/.test(d)), due.join(" | "));
    // Not a column of three characters a line: a card's title is one or two lines.
    const title = await page.$$eval("#time-limits tbody tr td:first-child", (tds) =>
      Math.max(...tds.map((td) => td.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight))));
    assert.ok(title <= 2.5, `a title runs to ${title} lines`);

    // The header's buttons sort the cards, and are in view to be tapped.
    for (const b of await page.$$eval("#time-limits thead th:not([hidden]) button", (bs) => bs.map((x) => {
      const r = x.getBoundingClientRect();
      return { left: r.left, right: r.right, height: r.height };
    }))) assert.ok(b.left >= 0 && b.right <= width && b.height >= 32, JSON.stringify(b));
    const values = () => page.$$eval("#time-limits tbody tr td:nth-child(2)", (tds) => tds.map((td) => parseFloat(td.dataset.value)));
    await page.click("#time-limits th:nth-child(2) button");
    const asc = await values();
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
    await page.click("#time-limits th:nth-child(2) button");
    assert.deepEqual(await values(), [...asc].sort((a, b) => b - a));
    await page.click("#time-limits th:nth-child(3) button");
    const byDue = await page.$$eval("#time-limits tbody tr td:nth-child(3)", (tds) => tds.map((td) => parseFloat(td.dataset.value)));
    assert.deepEqual(byDue, [...byDue].sort((a, b) => a - b));
    assert.equal(await page.getAttribute("#time-limits th:nth-child(3)", "aria-sort"), "ascending");
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("on a desktop the bar, the sidebar and 时限速查's table are as they were; printed, the table is a table at any width", async () => {
  const { ctx, page, errors } = await open(1280, "rules/time-limits/index.html", "#deadline-calc:not([hidden])");
  assert.equal(await page.isVisible("#nav-toggle"), false);
  assert.equal(await page.isVisible(".topbar .quick-links a >> text=时限"), true);
  assert.equal(await page.isVisible(".drawer-links"), false);
  assert.equal(await page.$$eval('nav[aria-label="常用入口"]', (ns) => ns.filter((n) => n.getClientRects().length).length), 1);
  const bar = await box(page, ".topbar");
  assert.ok(bar.height < 60, `the bar is one row (${bar.height}px)`);
  const side = await box(page, "#sidebar");
  assert.ok(side.left >= 0 && side.width > 200 && side.top >= bar.bottom - 1, `the sidebar is a column: ${JSON.stringify(side)}`);
  const search = await box(page, "#search");
  assert.ok(search.width >= 300 && search.width <= 360, `the box is ${search.width}px`);

  const table = () => page.$eval("#time-limits", (t) => {
    const tr = t.tBodies[0].rows[0];
    const tops = [...tr.cells].filter((td) => td.getClientRects().length).map((td) => Math.round(td.getBoundingClientRect().top));
    return {
      display: getComputedStyle(t).display, head: getComputedStyle(t.tHead).display,
      row: getComputedStyle(tr).display, label: getComputedStyle(tr.cells[1], "::before").content,
      cells: tops.length, oneLine: new Set(tops).size === 1,
    };
  });
  const desk = { display: "table", head: "table-header-group", row: "table-row", label: "none", cells: 5, oneLine: true };
  assert.deepEqual(await table(), desk);
  // On paper, whatever the width of the window it was printed from.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ media: "print" });
  assert.deepEqual(await table(), desk);
  assert.equal(await page.$eval(".drawer-links", (n) => getComputedStyle(n).display), "none");
  assert.deepEqual(errors, []);
  await ctx.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`375px, ${colorScheme}: the open menu, 时限速查's cards and the search results pass axe`, async () => {
    const { ctx, page } = await open(375, "rules/time-limits/index.html", "#deadline-calc:not([hidden])", { colorScheme });
    const found = [];
    const check = async (state) => { for (const v of await axeViolations(page)) found.push(`${state}: ${v}`); };
    await check("时限速查 as cards");
    await page.click("#time-limits th:nth-child(2) button");
    await check("时限速查 sorted");
    await page.click("#nav-toggle");
    await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
    await check("the ☰ menu open");
    await page.keyboard.press("Escape");
    await page.fill("#search", "投诉时限");
    await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "投诉时限");
    await check("search results");
    assert.deepEqual(found, []);
    await ctx.close();
  });
}

test("on a touch screen the small controls are thumb-sized (24 px) and a heading's hidden # is no target", async () => {
  for (const rel of ["rules/TS-PROC-001/index.html", "phone/opening-and-listening/index.html"]) {
    const { ctx, page, errors } = await open(390, rel, "main", { isMobile: true, hasTouch: true });
    const small = await page.evaluate(() => {
      const out = [];
      for (const e of document.querySelectorAll(".copy-button, .footer a, .footer button, input[type=date], .anchor")) {
        const r = e.getBoundingClientRect();
        if (!r.width && !r.height) continue;  // not shown
        if (r.height < 23.5 || r.width < 23.5) out.push(`${e.className || e.tagName} ${e.textContent.trim().slice(0, 8)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      return { out, anchors: [...document.querySelectorAll(".anchor")].filter((a) => a.getClientRects().length).length };
    });
    assert.deepEqual(small.out, [], rel);
    assert.equal(small.anchors, 0, rel);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("with 200 % text on a phone nothing scrolls sideways, and the stacked top bar scrolls away instead of covering the page", async () => {
  for (const rel of ["index.html", "rules/TS-PROC-002/index.html", "basics/why-complaints-matter/index.html"]) {
    const { ctx, page, errors } = await open(390, rel, "main", { isMobile: true, hasTouch: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
    await page.waitForFunction(() => document.documentElement.classList.contains("topbar-loose"));
    const at = await page.evaluate(() => {
      scrollTo(0, 1500);
      return { wide: document.documentElement.scrollWidth, width: document.documentElement.clientWidth, bar: document.querySelector(".topbar").getBoundingClientRect().bottom };
    });
    assert.ok(at.wide <= at.width, `${rel}: ${at.wide} px wide in ${at.width}`);
    assert.ok(at.bar <= 0, `${rel}: the bar is still on screen (${at.bar})`);
    // Back to ordinary text: the bar stays at the top again.
    await page.evaluate(() => { document.documentElement.style.fontSize = ""; });
    await page.waitForFunction(() => !document.documentElement.classList.contains("topbar-loose"));
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("a phone on its side (or a laptop at 200 %): a timed exam's clock stays in sight while the question scrolls, over no button or link", async () => {
 for (const [w, h, opts] of [[844, 390, { isMobile: true, hasTouch: true }], [640, 360, {}]]) {
  const { ctx, page, errors } = await open(w, "quizzes/final-exam/index.html", ".quiz-start", opts);
  await page.setViewportSize({ width: w, height: h });
  await page.click(".quiz-start");
  await page.waitForSelector(".quiz-timer");
  const seen = await page.evaluate(() => {
    scrollTo(0, document.documentElement.scrollHeight);
    const t = document.querySelector(".quiz-timer").getBoundingClientRect();
    const hidden = [];
    for (const b of document.querySelectorAll(".quiz-app button")) {
      const r = b.getBoundingClientRect();
      if (!r.width || r.bottom < 0 || r.top > innerHeight) continue;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit && !b.contains(hit)) hidden.push(b.textContent);
    }

    return { top: t.top, bottom: t.bottom, height: innerHeight, hidden };
  });
  assert.ok(seen.top >= 0 && seen.bottom <= seen.height, JSON.stringify(seen));
  assert.deepEqual(seen.hidden, [], `${w}×${h}`);
  // Tab through the page: no link or button the focus lands on is under the clock (the
  // footer's 内容更新至 was, at 640×360).
  const under = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press("Tab");
    const at = await page.evaluate(() => {
      const a = document.activeElement, r = a.getBoundingClientRect(), t = document.querySelector(".quiz-timer").getBoundingClientRect();
      return { body: a === document.body, text: a.textContent.trim().slice(0, 30), over: r.bottom > t.top && r.top < t.bottom && r.right > t.left && r.left < t.right };
    });
    if (at.body) break;
    if (at.over) under.push(at.text);
  }
  assert.deepEqual(under, [], `${w}×${h}`);
  assert.deepEqual(errors, []);
  await ctx.close();
 }
});

test("a question's hint names keys only where there is a keyboard, and no left or right where the columns stack", async () => {
  const hint = async (opts, rel) => {
    const { ctx, page, errors } = await open(opts.viewport.width, rel, ".quiz-stage .quiz-hint", opts);
    const text = await page.textContent(".quiz-stage .quiz-hint");
    assert.deepEqual(errors, []);
    await ctx.close();
    return text;
  };
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const pc = { viewport: { width: 1280, height: 800 } };
  const ordering = "quizzes/principles/index.html#principles-10";
  assert.doesNotMatch(await hint(phone, ordering), /Alt|键盘/);
  assert.match(await hint(pc, ordering), /Alt \+ ↑/);
  assert.doesNotMatch(await hint(phone, "quizzes/best-practices/index.html#best-practices-16"), /左边|右边/);
});
