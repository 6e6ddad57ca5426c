// Five small faults of the default theme a review found, most of them on a phone (360 px):
// the course's 从第一项开始 opened from disk (file://, no referrer) led to a lesson with the
// course strip put away; the paper's answer key and a long inline path ran past the screen's
// edge; the filter boxes cut their example at 如 with room to spare; and the ☰ menu stayed open
// when the reader tapped beside it. (Layout checks that hold with or without a Chinese font.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, freshPage } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));
const PHONE = { viewport: { width: 360, height: 740 } };

/** How much wider than its window the page is (0 when it does not scroll sideways). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether the course strip and 继续入职课程 (下一项) of the course item open in `page` are shown. */
const courseShown = (page) => page.evaluate(() => ({
  quiet: document.body.classList.contains("course-quiet"),
  strip: !!document.querySelector("nav.course-step") && document.querySelector("nav.course-step").getClientRects().length > 0,
  next: !!document.querySelector("nav.course-continue") && document.querySelector("nav.course-continue").getClientRects().length > 0,
}));

for (const [from, rel] of [["the course page", "course/index.html"], ["the progress page", "progress/index.html"]]) {
  test(`file://: ${from}'s 从第一项开始 leads into the course with its strip and 下一项 shown`, async () => {
    const { ctx, page, errors } = await freshPage(browser);
    await page.goto(at(rel));
    const start = page.locator("p.course-next a.course-next-link");
    await start.waitFor();
    assert.match(await page.textContent("p.course-next"), /^从第一项开始：/);
    const href = await start.evaluate((a) => a.href);
    await start.click();
    await page.waitForURL(href);
    await page.waitForLoadState("load");
    // (file://: no referrer tells the page where the learner came from.)
    assert.equal(await page.evaluate(() => document.referrer), "");
    assert.deepEqual(await courseShown(page), { quiet: false, strip: true, next: true });
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("file://: the same lesson opened on its own, in a new tab, keeps the course strip put away", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(at("course/index.html"));
  const href = await page.locator("p.course-next a.course-next-link").evaluate((a) => a.href);
  // (A new tab: this one's sessionStorage, where a click into the course is noted, not shared.)
  await page.close();
  const other = await ctx.newPage();
  await other.goto(href);
  await other.waitForLoadState("load");
  assert.deepEqual(await courseShown(other), { quiet: true, strip: false, next: false });
  assert.deepEqual(errors, []);
  await ctx.close();
});

for (const quiz of ["best-practices", "complaint-types"]) {
  test(`360px: ${quiz}'s paper answer key fits the screen, its explanations in a column wider than the answers`, async () => {
    const { ctx, page, errors } = await freshPage(browser, PHONE);
    await page.goto(at(`quizzes/${quiz}/paper/index.html`));
    await page.waitForSelector(".paper-key-table", { state: "attached" });
    await page.click(".paper-show-key");
    assert.ok(await sideways(page) <= 0, `the page scrolls sideways by ${await sideways(page)}px`);
    const cols = await page.$eval(".paper-key-table", (t) => {
      const row = [...t.querySelectorAll(".paper-key-row")].find((r) => r.getClientRects().length);
      const w = (e) => e.getBoundingClientRect().width;
      return { table: w(t), right: t.getBoundingClientRect().right, answer: w(row.querySelector(".paper-key-answer")), explanation: w(row.lastElementChild) };
    });
    assert.ok(cols.right <= 360, JSON.stringify(cols));
    assert.ok(cols.explanation >= 0.45 * cols.table && cols.answer < cols.explanation, JSON.stringify(cols));
    // The longest answers wrap; a one-letter one is on one line.
    const a = await page.$$eval(".paper-key-answer", (cells) => cells.filter((c) => c.getClientRects().length).map((c) => ({
      text: c.firstChild.textContent, ws: getComputedStyle(c).whiteSpace, fits: c.scrollWidth <= c.clientWidth + 1,
      lines: (() => { const r = document.createRange(); r.selectNodeContents(c.firstChild); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; })(),
    })));
    for (const c of a) assert.ok(c.fits, `${c.text} runs out of its cell`);
    const one = a.find((c) => /^[A-Z]$/.test(c.text));
    assert.equal(one.lines, 1, JSON.stringify(one));
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("1280px: the paper answer key keeps each answer on one line", async () => {
  const { ctx, page } = await freshPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(at("quizzes/complaint-types/paper/index.html"));
  assert.equal(await page.$eval(".paper-key-answer", (c) => getComputedStyle(c).whiteSpace), "nowrap");
  await ctx.close();
});

test("360px: a long path in inline code breaks within the screen (trainer/publishing), and a code block still scrolls", async () => {
  const { ctx, page, errors } = await freshPage(browser, PHONE);
  await page.goto(at("trainer/publishing/index.html"));
  await page.waitForSelector("main code", { state: "attached" });
  const codes = await page.$$eval(":not(pre) > code", (cs) => cs.map((c) => {
    const rects = [...c.getClientRects()];
    return { text: c.textContent, wrap: getComputedStyle(c).overflowWrap, right: Math.max(...rects.map((r) => r.right)) };
  }));
  const long = codes.find((c) => c.text === "/training/complaints/");
  assert.ok(long, codes.map((c) => c.text).join(" "));
  for (const c of codes) {
    assert.notEqual(c.wrap, "normal", `${c.text} cannot break`);
    assert.ok(c.right <= 360, `${c.text} ends at ${c.right}px of 360`);
  }
  assert.ok(await sideways(page) <= 0, `the page scrolls sideways by ${await sideways(page)}px`);
  // A code block keeps its lines whole and scrolls sideways on its own.
  assert.deepEqual(await page.$eval("pre", (p) => [getComputedStyle(p).overflowX, getComputedStyle(p.querySelector("code") || p).overflowWrap]), ["auto", "normal"]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

for (const rel of ["phrases/index.html", "glossary/index.html", "rules/time-limits/index.html"]) {
  test(`360px: ${rel.split("/").slice(0, -1).join("/")}'s filter box takes the whole width of its bar`, async () => {
    const { ctx, page, errors } = await freshPage(browser, PHONE);
    await page.goto(at(rel));
    const input = page.locator(".phrases-filter input");
    await input.waitFor();
    const r = await input.evaluate((i) => {
      const bar = i.closest(".phrases-filter"), cs = getComputedStyle(bar), b = bar.getBoundingClientRect(), me = i.getBoundingClientRect();
      const inner = { left: b.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft), right: b.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight) };
      return { left: me.left, right: me.right, width: me.width, inner, placeholder: i.placeholder };
    });
    assert.match(r.placeholder, /如：/);
    assert.ok(r.width >= 0.95 * (r.inner.right - r.inner.left), JSON.stringify(r));
    assert.ok(r.left >= r.inner.left - 1 && r.right <= r.inner.right + 1, JSON.stringify(r));
    assert.ok(await sideways(page) <= 0);
    // Still a filter: a word typed narrows the list.
    await input.fill("投诉");
    await page.waitForFunction(() => (document.querySelector(".phrases-count, .glossary-count, .limits-count")?.textContent || "").length > 0);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test("1280px: the filter box keeps its width beside 筛选：", async () => {
  const { ctx, page } = await freshPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(at("phrases/index.html"));
  const input = page.locator(".phrases-filter input");
  await input.waitFor();
  const w = await input.evaluate((i) => ({ width: i.getBoundingClientRect().width, display: getComputedStyle(i).display }));
  assert.ok(w.width <= 22 * 16 + 1 && w.display !== "block", JSON.stringify(w));
  await ctx.close();
});

test("each page's filter box is named for what it filters, on a phone too (its words said to screen readers only)", async () => {
  for (const [vw, shown] of [[1280, true], [320, false]]) {
    const { ctx, page } = await freshPage(browser, { viewport: { width: vw, height: 700 } });
    for (const [path, name] of [["glossary/index.html", "筛选术语："], ["phrases/index.html", "筛选话术："], ["rules/index.html", "筛选规则："], ["rules/time-limits/index.html", "筛选时限："]]) {
      await page.goto(at(path));
      const box = page.getByRole("searchbox", { name });
      assert.equal(await box.count(), 1, `${path}: ${name}`);
      const label = await box.evaluate((i) => { const r = i.closest("label").querySelector(".filter-label").getBoundingClientRect(); return r.width > 2 && r.height > 2; });
      assert.equal(label, shown, `${path} at ${vw}px: label shown ${shown}`);
    }
    await ctx.close();
  }
});

const PHONE_TOUCH = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

/** A point of the page right of the open ☰ menu, on no link or control. */
const besideMenu = (page) => page.evaluate(() => {
  const d = document.querySelector(".drawer").getBoundingClientRect();
  for (let y = 200; y < window.innerHeight - 20; y += 20) {
    for (let x = Math.ceil(d.right) + 10; x < window.innerWidth - 4; x += 8) {
      const e = document.elementFromPoint(x, y);
      if (e && !e.closest("a, button, input, summary, label, .drawer, .topbar")) return { x, y };
    }
  }
  return null;
});

/** Where the focus is: the id of its element (or its tag), and whether that is in the menu. */
const focus = (page) => page.evaluate(() => {
  const f = document.activeElement;
  return { at: !f || f === document.body ? "nowhere" : f.id || f.tagName.toLowerCase(), inMenu: !!(f && f.closest(".drawer")) };
});

const menuOpen = async (page) => ({
  open: await page.evaluate(() => document.body.classList.contains("nav-open")),
  expanded: await page.getAttribute("#nav-toggle", "aria-expanded"),
});

test("phone: a tap beside the open ☰ menu closes it, as Esc does; taps in the menu keep it open", async () => {
  const { ctx, page, errors } = await freshPage(browser, PHONE_TOUCH);
  await page.goto(at("procedure/time-limits/index.html"));
  await page.waitForSelector("#sidebar a", { state: "attached" });
  await page.tap("#nav-toggle");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  assert.deepEqual(await menuOpen(page), { open: true, expanded: "true" });

  // A section's ▸ in the menu opens or closes the section; the menu stays.
  const toggle = page.locator("#sidebar .nav-toggle").first();
  const was = await toggle.getAttribute("aria-expanded");
  await toggle.tap();
  assert.notEqual(await toggle.getAttribute("aria-expanded"), was);
  assert.deepEqual(await menuOpen(page), { open: true, expanded: "true" });

  // Beside it: closed, and the focus not left on the ▸ tapped, now hidden: on the page's text
  // tapped (<main>), or back on ☰ as after Esc.
  const p = await besideMenu(page);
  assert.ok(p, "a point beside the menu");
  assert.equal((await focus(page)).inMenu, true);
  await page.touchscreen.tap(p.x, p.y);
  assert.deepEqual(await menuOpen(page), { open: false, expanded: "false" });
  const f = await focus(page);
  assert.ok(!f.inMenu && ["main", "nav-toggle"].includes(f.at), JSON.stringify(f));
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().right <= 0);

  // ☰ still opens and closes it, once each tap.
  await page.tap("#nav-toggle");
  assert.deepEqual(await menuOpen(page), { open: true, expanded: "true" });
  await page.tap("#nav-toggle");
  assert.deepEqual(await menuOpen(page), { open: false, expanded: "false" });

  // A link in the menu is followed.
  await page.tap("#nav-toggle");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  const link = page.locator(".drawer-links a", { hasText: "话术汇编" });
  const href = await link.evaluate((a) => a.href);
  await link.tap();
  await page.waitForURL(href);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("phone: a click beside the open ☰ menu closes it; a click in the page's search box keeps the focus there", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 375, height: 667 } });
  await page.goto(at("procedure/time-limits/index.html"));
  await page.waitForSelector("#sidebar a", { state: "attached" });
  await page.click("#nav-toggle");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  const p = await besideMenu(page);
  await page.mouse.click(p.x, p.y);
  assert.deepEqual(await menuOpen(page), { open: false, expanded: "false" });
  const f = await focus(page);
  assert.ok(!f.inMenu && ["main", "nav-toggle"].includes(f.at), JSON.stringify(f));

  // Beside it where nothing takes the focus (the page's header, the bar's free room): ☰ has it.
  await page.click("#nav-toggle");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  assert.equal((await focus(page)).inMenu, true);
  const bar = await page.evaluate(() => {
    const d = document.querySelector(".drawer").getBoundingClientRect(), t = document.querySelector(".topbar").getBoundingClientRect();
    for (let x = Math.ceil(d.right) + 2; x < t.right - 2; x += 4) {
      for (let y = Math.ceil(t.top) + 2; y < t.bottom - 2; y += 4) {
        const e = document.elementFromPoint(x, y);
        if (e && e.closest(".topbar") && !e.closest("a, button, input, form, .search-form")) return { x, y };
      }
    }
    return null;
  });
  assert.ok(bar, "room on the bar beside the menu");
  await page.mouse.click(bar.x, bar.y);
  assert.deepEqual(await menuOpen(page), { open: false, expanded: "false" });
  assert.deepEqual(await focus(page), { at: "nav-toggle", inMenu: false });

  await page.click("#nav-toggle");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  await page.click("#search");
  assert.deepEqual(await menuOpen(page), { open: false, expanded: "false" });
  assert.equal(await page.evaluate(() => document.activeElement.id), "search");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("phone: Tab past the open ☰ menu's last entry closes it, so the focus is never under it", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 375, height: 700 } });
  await page.goto(at("rules/TS-PROC-002/index.html"));
  await page.waitForSelector("#sidebar a", { state: "attached" });
  await page.focus("#nav-toggle");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().left >= 0);
  assert.equal((await focus(page)).inMenu, true);
  let f = await focus(page), n = 0;
  for (; f.inMenu && n < 400; n++) {
    await page.keyboard.press("Tab");
    f = await focus(page);
  }
  assert.ok(n > 1 && !f.inMenu, `left the menu after ${n} Tabs`);
  assert.deepEqual(await menuOpen(page), { open: false, expanded: "false" });
  // What has the focus is on top where it is, not covered by the menu (once it has slid away).
  await page.waitForFunction(() => document.querySelector(".drawer").getBoundingClientRect().right <= 0);
  const onTop = await page.evaluate(() => {
    const a = document.activeElement, r = a.getBoundingClientRect();
    const e = document.elementFromPoint(r.left + Math.min(4, r.width / 2), r.top + r.height / 2);
    return !!e && (e === a || a.contains(e) || e.contains(a));
  });
  assert.ok(onTop, "the focused element is not under the menu");
  // Shift+Tab back from the menu's first entry to the bar above it, in sight, keeps it open.
  await page.focus("#nav-toggle");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.body.classList.contains("nav-open"));
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => !!document.activeElement.closest(".topbar")), true);
  assert.deepEqual(await menuOpen(page), { open: true, expanded: "true" });
  assert.deepEqual(errors, []);
  await ctx.close();
});
