// Accessibility review findings that axe cannot see (it found none of them): what a screen
// reader hears of the search results and of 复制, where the focus and a jump land under the
// sticky bars, ← → beside a wide code block, printing in dark mode and a quiz's answers on
// paper, Windows high contrast, no JavaScript, a strict Content-Security-Policy, the top bar
// between 861 and 950px, the edges of form fields, and the favicon asked of the server root.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { withBrowserAndBook, initBook, bin, repo, fileUrl, axeViolations, staticServer, leavePage } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));

/** A page in a fresh context (options: the context's), with its script errors. */
async function open(rel, options = {}, init) {
  const ctx = await browser.newContext(options);
  if (init) await ctx.addInitScript(init);
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(typeof rel === "string" && /^(https?|file):/.test(rel) ? rel : at(rel));
  await page.waitForLoadState("load");
  return { ctx, page, errors };
}

/** WCAG contrast of two computed colours ("rgb(r, g, b)"). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      v = Number(v) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const x = lum(a), y = lum(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The background an element is drawn on: its own, or the first ancestor's that is not clear. */
const backdrop = (el) => {
  for (let n = el; n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && !/rgba\(.*, 0\)$/.test(c) && c !== "transparent") return c;
  }
  return "rgb(255, 255, 255)";
};

test("search: a polite status region is in the page from the start, and says how many results, none, or the mended query", async () => {
  const { ctx, page, errors } = await open("procedure/time-limits/index.html");
  const region = await page.evaluate(() => {
    const s = document.getElementById("search-status");
    return s && { role: s.getAttribute("role"), live: s.getAttribute("aria-live"), text: s.textContent, inForm: !!s.closest("form"), hidden: s.getBoundingClientRect().width <= 1 };
  });
  assert.deepEqual(region, { role: "status", live: "polite", text: "", inForm: true, hidden: true });
  const said = () => page.textContent("#search-status");

  await page.fill("#search", "投诉时限");
  // (找到 N 条, or 显示最相关的 30 条 when more matched than are listed.)
  await page.waitForFunction(() => /(找到|显示最相关的) \d+ 条结果/.test(document.getElementById("search-status").textContent));
  const n = await page.$$eval("#search-results a.search-hit-link", (as) => as.length);
  const total = Number((await said()).match(/(?:找到|显示最相关的) (\d+) 条结果/)[1]);
  assert.ok(total >= n && n > 0, await said());
  assert.match(await said(), /规则 \d+/);
  // More than the box lists at first: said so, not heard as all of them on screen.
  if (total > n) assert.match(await said(), new RegExp(`先列出前 ${n} 条，其余在“显示更多结果”里。$`));
  assert.ok(total > n, `${total} results, ${n} listed: the case above is met`);
  // A filter pressed: what it leaves.
  await page.click('.search-filter[data-filter="rule"]');
  // (显示最相关的 30 条 when more rules matched than its list holds.)
  await page.waitForFunction(() => /“规则”中(有|显示最相关的) \d+ 条结果/.test(document.getElementById("search-status").textContent));

  await page.fill("#search", "");
  await page.fill("#search", "qqzzxxkk");
  await page.waitForFunction(() => document.getElementById("search-status").textContent.indexOf("没有找到与“qqzzxxkk”相关的内容") === 0);

  // The query typed with a wrong character of the right sound: the sentence above the results.
  await page.fill("#search", "受理等级");
  await page.waitForSelector("#search-results .search-suggest");
  await page.waitForFunction(() => /^没有找到“受理等级”，以下是“.+”的结果。/.test(document.getElementById("search-status").textContent));

  // Escape closes the results, and the region is emptied.
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => document.getElementById("search-status").textContent === "");
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** Tab (or Shift+Tab) `times` from where the focus is; the stops that sit partly under the
 *  sticky top bar (and under `also`, another sticky box), with what they are. */
async function hiddenStops(page, key, times, also) {
  const bad = [];
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    const r = await page.evaluate((also) => {
      const a = document.activeElement;
      if (!a || a === document.body) return null;
      // (The bar's own controls, and those in boxes of their own that scroll -- the
      // sidebar, the page's contents -- are not moved by the page.)
      if (a.closest(".topbar, .sidebar, .toc, .phrases-filter, .drawer")) return null;
      const box = a.getBoundingClientRect();
      let cover = document.querySelector(".topbar").getBoundingClientRect().bottom;
      const extra = also && document.querySelector(also);
      if (extra && getComputedStyle(extra).position === "sticky") cover = Math.max(cover, extra.getBoundingClientRect().bottom);
      return box.top < cover - 1 && box.height > 0 ? `${a.tagName} "${(a.textContent || "").trim().slice(0, 20)}" at ${Math.round(box.top)} under ${Math.round(cover)}` : null;
    }, also);
    if (r) bad.push(r);
  }
  return bad;
}

test("Shift+Tab and Tab never leave the focused link under the sticky top bar (desktop and phone)", async () => {
  for (const [viewport, rel] of [[{ width: 1280, height: 800 }, "rules/TS-PROC-002/index.html"], [{ width: 1280, height: 800 }, "glossary/index.html"], [{ width: 375, height: 700 }, "phone/difficult-calls/index.html"]]) {
    const { ctx, page } = await open(rel, { viewport });
    // From the end of the page, backwards.
    await page.focus(".footer a");
    const bad = await hiddenStops(page, "Shift+Tab", 40);
    assert.deepEqual(bad, [], `${rel} at ${viewport.width}px`);
    await ctx.close();
  }
});

test("话术汇编: a jump to a lesson's dialogues and the focused 复制 buttons stop below the sticky filter; in a short window the filter does not stay", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 700 }]) {
    const { ctx, page } = await open("phrases/index.html", { viewport });
    const link = page.locator('.phrases-contents a[href="#procedure/time-limits"]');
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForTimeout(100);
    const r = await page.evaluate(() => ({
      heading: document.getElementById("procedure/time-limits").getBoundingClientRect().top,
      filter: document.querySelector(".phrases-filter").getBoundingClientRect().bottom,
    }));
    assert.ok(r.heading >= r.filter, `${viewport.width}px: heading at ${r.heading}, filter's bottom at ${r.filter}`);
    // Tab on through the dialogues' 复制 buttons and 出自 links.
    const bad = await hiddenStops(page, "Tab", 30, ".phrases-filter");
    assert.deepEqual(bad, [], `${viewport.width}px`);
    await ctx.close();
  }
  // 1280x1024 at 400 %: 320x256. The filter scrolls with the page.
  const { ctx, page } = await open("phrases/index.html", { viewport: { width: 320, height: 256 } });
  assert.equal(await page.$eval(".phrases-filter", (f) => getComputedStyle(f).position), "static");
  await page.focus(".phrases-contents a");
  const bad = await hiddenStops(page, "Tab", 40, ".phrases-filter");
  assert.deepEqual(bad, []);
  await ctx.close();
});

test("printed in dark mode, the page is black on white: callouts, limit boxes and code are readable", async () => {
  const dark = () => { try { localStorage.setItem("handbook-theme", "dark"); } catch (e) {} };
  for (const [rel, sels] of [
    ["self-care/discipline-and-stress/index.html", [".callout-caution", ".callout-caution p", ".summary"]],
    ["rules/TS-PROC-002/index.html", [".limit", ".limit-value", ".must-not li", "th"]],
    ["trainer/writing-quizzes/index.html", ["pre.hl-code", "pre.hl-code span"]],
  ]) {
    const { ctx, page } = await open(rel, {}, dark);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), true);
    await page.emulateMedia({ media: "print" });
    for (const sel of sels) {
      const c = await page.$eval(sel, (el, backdropSrc) => {
        const backdrop = new Function("return " + backdropSrc)();
        return { fg: getComputedStyle(el).color, bg: backdrop(el) };
      }, backdrop.toString());
      assert.ok(contrast(c.fg, c.bg) >= 4.5, `${rel} ${sel}: ${c.fg} on ${c.bg} (${contrast(c.fg, c.bg).toFixed(2)}:1)`);
      assert.ok(contrast(c.bg, "rgb(255, 255, 255)") < 1.3, `${rel} ${sel}: a dark fill on paper (${c.bg})`);
    }
    await ctx.close();
  }
});

test("forced colours: the selected search result, the pressed filter and the current page in the contents stay visible", async () => {
  const { ctx, page } = await open("procedure/time-limits/index.html", { viewport: { width: 1280, height: 800 } });
  await page.emulateMedia({ forcedColors: "active" });
  await page.fill("#search", "投诉时限");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "投诉时限");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const s = await page.evaluate(() => {
    const look = (el) => { const c = getComputedStyle(el); return { outline: c.outlineStyle + " " + c.outlineWidth, bg: c.backgroundColor, border: c.borderTopColor }; };
    return {
      active: look(document.querySelector(".search-hit.active .search-hit-link")),
      other: look(document.querySelector(".search-hit:not(.active) .search-hit-link")),
      pressed: look(document.querySelector(".search-filter.selected")),
      unpressed: look(document.querySelector(".search-filter:not(.selected):not([disabled])")),
      current: look(document.querySelector('#sidebar a[aria-current="page"]')),
      link: look(document.querySelector("#sidebar a:not([aria-current])")),
    };
  });
  assert.notDeepEqual(s.active, s.other, "the selected result looks like the others");
  assert.notEqual(s.active.outline.split(" ")[0], "none");
  assert.notDeepEqual(s.pressed, s.unpressed, "the pressed filter looks like the others");
  assert.notDeepEqual(s.current, s.link, "the current page looks like the other entries");
  await ctx.close();
});

test("forced colours: a quiz's progress bar and 我的进度's bars keep their fill", async () => {
  const { ctx, page } = await open("quizzes/principles/index.html", { viewport: { width: 1280, height: 800 } });
  await page.emulateMedia({ forcedColors: "active" });
  await page.waitForSelector(".quiz-stage input");
  for (let n = 0; n < 2; n++) {
    await page.locator(".quiz-stage input").first().check();
    await page.click(".quiz-stage button[type=submit]");
    await page.click(".quiz-stage .quiz-next");
  }
  const look = (sel) => page.evaluate((sel) => {
    const fill = document.querySelector(sel + " > span"), bar = document.querySelector(sel);
    const page = getComputedStyle(document.body).backgroundColor;
    return { fill: getComputedStyle(fill).backgroundColor, page, width: fill.getBoundingClientRect().width, edge: getComputedStyle(bar).borderTopStyle };
  }, sel);
  const q = await look(".quiz-bar");
  assert.ok(q.width > 0, "some of the bar is filled");
  assert.notEqual(q.fill, q.page, "the quiz bar's fill is the page's colour");
  assert.notEqual(q.edge, "none");
  await page.goto(at("progress/index.html"));
  await page.evaluate(() => localStorage.setItem("handbook-progress:" + document.body.dataset.book, JSON.stringify({ v: 1, lessons: { "basics/why-complaints-matter/": 1 }, quizzes: {}, scenarios: {}, cards: {} })));
  await page.reload();
  await page.waitForSelector(".progress-meter > span");
  const p = await look(".progress-meter");
  assert.notEqual(p.fill, p.page, "the progress meter's fill is the page's colour");
  await ctx.close();
});

test("the 话术 page's many 复制这句话术 buttons are each described by the line they copy", async () => {
  const { ctx, page } = await open("phrases/index.html");
  const buttons = await page.evaluate(() => Array.from(document.querySelectorAll(".dialogue-staff .copy-button")).map((b) => {
    const d = document.getElementById(b.getAttribute("aria-describedby") || "");
    return { name: b.getAttribute("aria-label") || b.textContent, said: d ? d.textContent : null, own: d ? b.parentNode.contains(d) : false };
  }));
  assert.ok(buttons.length > 20, `${buttons.length} buttons`);
  assert.ok(buttons.every((b) => b.said && b.own), JSON.stringify(buttons.find((b) => !b.said || !b.own)));
  assert.ok(new Set(buttons.map((b) => b.said)).size > buttons.length * 0.9, "descriptions tell the buttons apart");
  // What a screen reader reads: the accessibility tree's description.
  const cdp = await ctx.newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const described = nodes.filter((n) => n.role?.value === "button" && n.description?.value && /复制这句话术/.test(n.name?.value || ""));
  assert.ok(described.length >= buttons.length * 0.9, `${described.length} of ${buttons.length} described`);
  await ctx.close();
});

test("复制 and 复制要点 say 已复制 (or 复制失败) through a polite status region in the page before the click", async () => {
  for (const [rel, sel] of [["rules/TS-PROC-002/index.html", ".copy-rule"], ["phrases/index.html", ".dialogue-staff .copy-button"]]) {
    const { ctx, page, errors } = await open(rel, { permissions: ["clipboard-read", "clipboard-write"] });
    const region = await page.evaluate(() => {
      const s = document.getElementById("copy-status");
      return s && { role: s.getAttribute("role"), live: s.getAttribute("aria-live"), text: s.textContent, inMain: !!s.closest("main") };
    });
    assert.deepEqual(region, { role: "status", live: "polite", text: "", inMain: true }, rel);
    await page.focus(sel);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.getElementById("copy-status").textContent !== "");
    const said = await page.textContent("#copy-status");
    const shown = await page.textContent(sel);
    assert.ok(said === "已复制" ? shown === "已复制" : /^复制失败/.test(said) && shown === "复制失败", `${rel}: said ${said}, shown ${shown}`);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});

test("← → do not leave the page while a wide code block is being scrolled; wide blocks and tables are focusable regions", async () => {
  const rel = "trainer/writing-quizzes/index.html";
  const { ctx, page, errors } = await open(rel, { viewport: { width: 320, height: 600 } });
  const wide = await page.$$eval("article pre, .table-wrap", (bs) => bs.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => ({
    tabindex: b.getAttribute("tabindex"), role: b.getAttribute("role"), label: b.getAttribute("aria-label"),
  })));
  assert.ok(wide.length > 3, `${wide.length} wide blocks`);
  for (const w of wide) {
    assert.equal(w.tabindex, "0");
    assert.equal(w.role, "region");
    assert.match(w.label || "", /^(代码|表格) \d+（可左右滚动）$/);
  }
  // Labels differ (regions are landmarks: two of the same name cannot be told apart).
  assert.equal(new Set(wide.map((w) => w.label)).size, wide.length);

  // A click in a code block, then →.
  const pre = page.locator("pre[data-scroller]").first();
  await pre.scrollIntoViewIfNeeded();
  const box = await pre.boundingBox();
  await page.mouse.click(box.x + 30, box.y + 20);
  await page.keyboard.press("ArrowRight");
  await page.waitForTimeout(400);
  assert.equal(decodeURIComponent(page.url()), decodeURIComponent(at(rel)));

  // The block focused from the keyboard: → scrolls it.
  await pre.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.waitForTimeout(400);
  assert.equal(decodeURIComponent(page.url()), decodeURIComponent(at(rel)));
  assert.ok(await pre.evaluate((p) => p.scrollLeft > 0), "→ did not scroll the focused block");
  assert.deepEqual(errors, []);

  // Wide enough for everything: no region, no extra Tab stop.
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.waitForTimeout(400);
  const still = await page.$$eval("[data-scroller]", (bs) => bs.filter((b) => b.scrollWidth <= b.clientWidth + 1).length);
  assert.equal(still, 0);
  // While reading (the focus on the page), → still turns the page.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.mouse.click(5, 500);
  const next = await page.getAttribute('a[rel="next"]', "href");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("ArrowRight")]);
  assert.ok(page.url().endsWith(next.replace(/^(\.\.\/)+/, "")), page.url());
  await ctx.close();
});

test("without JavaScript: no aria-expanded on a plain search field, and no control that does nothing", async () => {
  const checks = async (page) => page.evaluate(() => {
    // (The theme toggle keeps its room, invisible, until the script shows it: not shown.)
    const shown = (sel) => { const e = document.querySelector(sel); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; };
    const s = document.getElementById("search");
    return {
      searchAria: s.hasAttribute("aria-expanded") ? s.getAttribute("role") : "none",
      theme: shown("#theme-toggle"),
      sortButtons: document.querySelectorAll("#time-limits th button").length,
      sortHint: shown(".sort-hint"),
    };
  });
  const off = await open("rules/time-limits/index.html", { javaScriptEnabled: false });
  assert.deepEqual(await checks(off.page), { searchAria: "none", theme: false, sortButtons: 0, sortHint: false });
  await off.page.goto(at("print/index.html"));
  assert.equal(await off.page.evaluate(() => document.querySelector(".print-button").getClientRects().length), 0);
  await off.ctx.close();

  const on = await open("rules/time-limits/index.html");
  assert.deepEqual(await checks(on.page), { searchAria: "combobox", theme: true, sortButtons: 5, sortHint: true });
  assert.equal(await on.page.getAttribute("#search", "aria-expanded"), "false");
  // The buttons sort, and say so.
  await on.page.click('#time-limits th:nth-child(2) button');
  assert.equal(await on.page.getAttribute("#time-limits th:nth-child(2)", "aria-sort"), "ascending");
  assert.equal(await on.page.getAttribute("#time-limits th:nth-child(1)", "aria-sort"), "none");
  // Each button's name says it sorts (the column's word first, as shown); what it did is said.
  const head = (await on.page.textContent("#time-limits th:nth-child(2) button")).replace("（按此列排序）", "").trim();
  assert.equal(await on.page.getByRole("button", { name: new RegExp(`^${head}\\s*（按此列排序）$`) }).count(), 1, head);
  assert.equal(await on.page.textContent("#time-limits + [role=status]"), `已按“${head}”升序排列。`);
  await on.page.click('#time-limits th:nth-child(2) button');
  assert.equal(await on.page.textContent("#time-limits + [role=status]"), `已按“${head}”降序排列。`);
  await on.page.goto(at("print/index.html"));
  assert.equal(await on.page.evaluate(() => document.querySelector(".print-button").getClientRects().length > 0), true);
  await on.ctx.close();
});

test("under a strict CSP an old address forwards keeping its #section, with no script blocked", async () => {
  const book = initBook();
  const lesson = join(book, "content/basics/first-lesson.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8").replace("---\n", "---\naliases: [basics/old-name]\n") + "\n## 新的一节\n\n正文。\n");
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const srv = await cspServer(join(book, "site"));
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  try {
    await page.goto(srv.url + "basics/old-name/index.html#新的一节");
    await page.waitForURL(/\/basics\/first-lesson\/index\.html#/);
    assert.equal(decodeURIComponent(new URL(page.url()).hash), "#新的一节");
    await page.waitForLoadState("load");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
    srv.close();
  }
});

/** The site over http with a strict Content-Security-Policy; `requests` lists every path asked. */
const cspServer = (dir) => staticServer(dir, {
  "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
});

test("a strict CSP (script-src 'self') blocks nothing: the theme is set at load, search works, no inline script or handler; no /favicon.ico asked", async () => {
  const srv = await cspServer(join(root, "site"));
  try {
    for (const [scheme, saved, dark] of [["light", null, false], ["dark", null, true], ["light", "dark", true], ["dark", "light", false]]) {
      const ctx = await browser.newContext({ colorScheme: scheme });
      if (saved) await ctx.addInitScript((v) => { try { localStorage.setItem("handbook-theme", v); } catch (e) {} }, saved);
      const page = await ctx.newPage();
      const problems = [];
      page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
      page.on("pageerror", (e) => problems.push(String(e)));
      await page.goto(srv.url + "rules/TS-PROC-002/index.html");
      await page.waitForLoadState("load");
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), dark, `${scheme} system, saved ${saved}`);
      if (!saved && scheme === "light") {
        await page.fill("#search", "投诉时限");
        await page.waitForSelector("#search-results a.search-hit-link");
        const first = await page.getAttribute("#search-results a.search-hit-link", "href");
        await leavePage(page, () => page.press("#search", "Enter"));
        assert.ok(decodeURIComponent(page.url()).split("#")[0].endsWith(decodeURIComponent(first).split("#")[0].replace(/^(\.\.\/)+/, "")), page.url());
        await page.goto(srv.url + "print/index.html");
        await page.waitForLoadState("load");
      }
      await page.waitForTimeout(300);
      assert.deepEqual(problems, [], `${scheme} system, saved ${saved}`);
      await ctx.close();
    }
    // The theme's own icon, never the server root's.
    assert.deepEqual(srv.requests.filter((p) => p === "/favicon.ico"), []);
  } finally {
    srv.close();
  }
  // No page of the theme's has an inline handler or script (404 and redirect pages aside,
  // which must run before anything loads).
  const bad = [];
  (function walk(d) {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) { walk(p); continue; }
      if (!f.endsWith(".html")) continue;
      const html = readFileSync(p, "utf8");
      if (/http-equiv="refresh"/.test(html) || f === "404.html") continue;
      if (/<[a-z][^>]*\son[a-z]+=/i.test(html)) bad.push(`${relative(root, p)}: inline handler`);
      if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) bad.push(`${relative(root, p)}: inline script`);
      if (!/<link rel="icon" href="(\.\.\/)*static\/favicon\.ico">/.test(html)) bad.push(`${relative(root, p)}: no icon link`);
    }
  })(join(root, "site"));
  assert.deepEqual(bad.slice(0, 5), []);
});

test("printed, a quiz shows its answers (opened for the paper, closed after); a scenario's 继续 names its step", async () => {
  const { ctx, page } = await open("quizzes/principles/index.html");
  const openCount = () => page.$$eval("details.answer", (ds) => ds.filter((d) => d.open).length);
  const total = await page.$$eval("details.answer", (ds) => ds.length);
  assert.ok(total > 3);
  assert.equal(await openCount(), 0);
  await page.emulateMedia({ media: "print" });
  // Even before the script opens them, the paper shows the explanations (print.css).
  // (Its box is laid out even when not drawn: checkVisibility says whether it is drawn.)
  const drawn = () => page.$eval("details.answer .explanation", (e) => e.checkVisibility());
  assert.equal(await drawn(), true, "a closed answer prints as its summary alone");
  await page.emulateMedia({ media: "screen" });
  assert.equal(await drawn(), false);
  await page.emulateMedia({ media: "print" });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  assert.equal(await openCount(), total);
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await page.emulateMedia({ media: "screen" });
  assert.equal(await openCount(), 0);

  await page.goto(at("quizzes/scenario-outage/index.html"));
  const links = await page.$$eval(".scenario-nodes a", (as) => as.map((a) => {
    const target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    const step = Array.prototype.indexOf.call(target.parentNode.children, target) + 1;
    return { text: a.textContent, step };
  }));
  assert.ok(links.length > 2);
  for (const l of links) assert.equal(l.text, `继续：第 ${l.step} 步`);
  await ctx.close();
});

test("861-1000px: the quick links stay whole words on one line, and the top bar one row high", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(at("rules/TS-PROC-002/index.html"));
  for (const width of [861, 880, 900, 930, 950, 1000]) {
    await page.setViewportSize({ width, height: 700 });
    const r = await page.evaluate(() => ({
      bar: document.querySelector(".topbar").getBoundingClientRect().height,
      links: [...document.querySelectorAll(".quick-links a")].map((a) => ({ t: a.textContent, lines: a.getClientRects().length, h: a.getBoundingClientRect().height })),
    }));
    for (const l of r.links) assert.ok(l.lines === 1 && l.h < 32, `${width}px: ${l.t} is ${l.h}px high`);
    assert.ok(r.bar < 60, `${width}px: bar ${r.bar}px`);
  }
  await ctx.close();
});

test("text fields and selects have edges of 3:1 at least, in light and dark mode", async () => {
  for (const mode of ["light", "dark"]) {
    const { ctx, page } = await open("rules/time-limits/index.html", {}, mode === "dark" ? () => { try { localStorage.setItem("handbook-theme", "dark"); } catch (e) {} } : undefined);
    const edges = async () => page.evaluate((backdropSrc) => {
      const backdrop = new Function("return " + backdropSrc)();
      const out = [];
      // The quiz player's fields are made by quiz.js: one of each, as it makes them.
      const short = document.createElement("input"); short.className = "quiz-short-input";
      const select = document.createElement("select"); select.className = "quiz-match-select";
      const host = document.querySelector("main"); host.appendChild(short); host.appendChild(select);
      for (const sel of ["#search", "#deadline-from", "#deadline-at", ".phrases-filter-input", ".quiz-short-input", ".quiz-match-select"]) {
        const e = document.querySelector(sel);
        if (!e || !e.getClientRects().length) continue;
        out.push({ sel, border: getComputedStyle(e).borderTopColor, outside: backdrop(e.parentElement), inside: getComputedStyle(e).backgroundColor });
      }
      short.remove(); select.remove();
      return out;
    }, backdrop.toString());
    const found = await edges();
    await page.goto(at("phrases/index.html"));
    found.push(...(await edges()).filter((e) => e.sel === ".phrases-filter-input"));
    assert.equal(new Set(found.map((e) => e.sel)).size, 6, JSON.stringify(found.map((e) => e.sel)));
    for (const e of found) {
      const c = contrast(e.border, e.outside);
      assert.ok(c >= 3, `${mode}: ${e.sel} edge ${e.border} on ${e.outside}: ${c.toFixed(2)}:1`);
    }
    await ctx.close();
  }
});

test("the pages these fixes touch still pass axe, in light and dark mode", async () => {
  const found = [];
  for (const mode of ["light", "dark"]) {
    const { ctx, page } = await open("trainer/writing-quizzes/index.html", { viewport: { width: 320, height: 700 } }, mode === "dark" ? () => { try { localStorage.setItem("handbook-theme", "dark"); } catch (e) {} } : undefined);
    for (const v of await axeViolations(page)) found.push(`${mode} writing-quizzes 320: ${v}`);
    await page.click("pre[data-scroller] .copy-button");
    await page.waitForFunction(() => document.getElementById("copy-status").textContent !== "");
    for (const v of await axeViolations(page)) found.push(`${mode} after 复制: ${v}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.fill("#search", "投诉时限");
    await page.waitForFunction(() => /找到|显示最相关/.test(document.getElementById("search-status").textContent));
    for (const v of await axeViolations(page)) found.push(`${mode} search said: ${v}`);
    // (rules/time-limits and print/ at this width: a11y.test.mjs's sweeps, in both modes.)
    for (const rel of ["quizzes/scenario-outage/index.html"]) {
      await page.goto(at(rel));
      for (const v of await axeViolations(page)) found.push(`${mode} ${rel}: ${v}`);
    }
    await ctx.close();
  }
  assert.deepEqual(found, []);
});

test("the print page's button opens one print dialog, also under a book's old print.html with onclick", async () => {
  const count = async (old) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript((old) => {
      window.__prints = 0;
      window.print = function () { window.__prints++; };
      if (old) {
        // The button as an older theme's print.html wrote it, before handbook.js runs.
        new MutationObserver(function () {
          var b = document.querySelector(".print-button");
          if (b && !b.hasAttribute("onclick")) b.setAttribute("onclick", "window.print()");
        }).observe(document, { childList: true, subtree: true });
      }
    }, old);
    await page.goto(at("print/index.html"));
    await page.click(".print-button");
    await page.waitForTimeout(100);
    const n = await page.evaluate(() => window.__prints);
    await ctx.close();
    return n;
  };
  assert.equal(await count(false), 1);
  assert.equal(await count(true), 1);
});

test("时限速查's calculator: each new date is heard (with many rows, the dates counted from: the same words again are not read out); the note is no live region", async () => {
  // (A book of 7 limits: up to 6, each row's due day is read out.)
  const book = initBook();
  cpSync(join(repo, "themes"), join(book, "themes"), { recursive: true });
  const file = join(book, "content/rules/example.rule.yaml");
  const limits = [1, 2, 3, 4, 5, 6, 7].map((n) => `  - label: 第${n}项时限\n    value: ${n}\n    unit: working_days\n    condition: ordinary\n`).join("");
  writeFileSync(file, readFileSync(file, "utf8").replace(/time_limits:\n(  .*\n|    .*\n)*/, "time_limits:\n" + limits));
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const { ctx, page, errors } = await open(fileUrl(join(book, "site/rules/time-limits/index.html")));
  await page.waitForSelector("#deadline-calc:not([hidden])");
  assert.equal(await page.locator("#time-limits tbody tr").count(), 7);
  assert.equal(await page.getAttribute("#deadline-note", "aria-live"), null);
  // The time box has a label in sight, not only a name for screen readers.
  assert.ok(await page.isVisible('label[for="deadline-at"]'));
  assert.equal(await page.textContent('label[for="deadline-at"]'), "时刻：");
  const status = (re) => page.waitForFunction((s) => new RegExp(s).test(document.getElementById("deadline-status").textContent), re.source);
  await page.fill("#deadline-from", "2026-12-07");
  await status(/^已按起算日 2026-12-07重新计算 7 项时限的截止日期。注意：本手册没有录入节假日安排/);
  await page.fill("#deadline-from", "2026-12-08");
  await status(/^已按起算日 2026-12-08重新计算/);
  assert.deepEqual(errors, []);
  await ctx.close();
});
