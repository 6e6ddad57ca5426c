// The handbook on an old intranet browser: a call centre's locked-down PC may run an old
// Chromium (360 安全浏览器, an XP-era Chrome) or Edge's IE mode. Every script the site ships is
// ES5 (checked by parsing it as ES5), and every newer browser feature the scripts use is
// optional: here Chromium runs with those features taken away, and the pages a frontline
// worker and a learner use still work, with no script error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as acorn from "acorn";
import { withBrowserAndBook, freshPage, fileUrl, leavePage, tempDir } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Where `src` does not parse as ES5 (ECMAScript 5.1, what IE 11 runs), or null. */
function notEs5(src) {
  try {
    acorn.parse(src, { ecmaVersion: 5, sourceType: "script" });
    return null;
  } catch (e) {
    return `${e.message}: ${JSON.stringify(src.slice(Math.max(0, e.pos - 40), e.pos + 40))}`;
  }
}

test("the ES5 check itself: arrow functions, let, template strings and for…of are caught", () => {
  assert.equal(notEs5("var a = function (x) { return x + 1; };"), null);
  for (const later of ["var f = (x) => x;", "let a = 1;", "var s = `a`;", "for (var x of [1]) {}", "var o = { a, b };", "class A {}"]) {
    assert.notEqual(notEs5(later), null, later);
  }
});

test("every script the site ships, its files and the pages' inline scripts, is ES5", () => {
  const bad = [];
  let scripts = 0, inline = 0;
  for (const p of files(join(root, "site"))) {
    const rel = relative(join(root, "site"), p);
    if (p.endsWith(".js")) {
      scripts++;
      const why = notEs5(readFileSync(p, "utf8"));
      if (why) bad.push(`${rel}: ${why}`);
    } else if (p.endsWith(".html")) {
      const html = readFileSync(p, "utf8");
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        const type = /\btype\s*=\s*"?([^"\s>]+)/i.exec(m[1]);
        // (A module does not load from file:// nor in an old browser at all.)
        if (type && /module/i.test(type[1])) bad.push(`${rel}: a <script type="module">`);
        if (type && !/javascript/i.test(type[1])) continue; // data (application/json ...)
        if (!m[2].trim()) continue;
        inline++;
        const why = notEs5(m[2]);
        if (why) bad.push(`${rel} (inline script): ${why}`);
      }
      // An event handler written in an attribute is script too.
      for (const m of html.matchAll(/\son[a-z]+\s*=\s*"([^"]*)"/gi)) {
        const code = m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
        const why = notEs5(code);
        if (why) bad.push(`${rel} (${m[0].trim().split("=")[0]}): ${why}`);
      }
    }
  }
  assert.ok(scripts >= 30, `${scripts} script files`);
  assert.ok(inline >= 1, `${inline} inline scripts`);
  assert.deepEqual(bad, []);
});

// What an old browser lacks that the scripts could reach for: each taken away before any of
// the page's scripts runs. (Playwright drives the page from a world of its own, which keeps
// them.)
function takeAway() {
  const gone = (o, k) => { try { delete o[k]; } catch (e) {} try { if (k in o) Object.defineProperty(o, k, { value: undefined, configurable: true, writable: true }); } catch (e) {} };
  for (const k of ["normalize", "includes", "startsWith", "endsWith", "repeat", "padStart", "padEnd", "codePointAt", "trimStart", "trimEnd", "replaceAll", "at"]) gone(String.prototype, k);
  gone(String, "fromCodePoint");
  for (const k of ["includes", "find", "findIndex", "fill", "flat", "flatMap", "at"]) gone(Array.prototype, k);
  gone(Array, "from");
  gone(Array, "of");
  for (const k of ["assign", "entries", "values", "fromEntries"]) gone(Object, k);
  for (const k of ["closest", "matches", "remove", "append", "prepend", "before", "after", "replaceWith", "toggleAttribute", "checkVisibility", "scrollIntoViewIfNeeded", "replaceChildren"]) {
    gone(Element.prototype, k);
    gone(CharacterData.prototype, k);
  }
  for (const k of ["IntersectionObserver", "ResizeObserver", "fetch", "URLSearchParams", "TextEncoder", "TextDecoder", "structuredClone", "queueMicrotask", "CSS", "matchMedia", "requestIdleCallback", "AbortController"]) gone(window, k);
  try { if (window.Intl) gone(Intl, "Segmenter"); } catch (e) {}
  try { gone(navigator, "clipboard"); gone(Navigator.prototype, "clipboard"); } catch (e) {}
  // (Kept: Promise, Map, Set, Symbol, URL and JSON, which Playwright's evaluate needs in this
  // world or IE 11 has; the scripts' own uses of URL are guarded, see quiz.js.)
  window.__takenAway = typeof "".normalize === "undefined" && typeof window.IntersectionObserver === "undefined" && !(window.Intl && Intl.Segmenter);
}

async function oldPage(opts = {}) {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 1280, height: 800 }, ...opts });
  await ctx.addInitScript(takeAway);
  return { ctx, page, errors };
}

/** The results' addresses for query `q` typed into the home page's search box. */
async function search(page, q) {
  await page.fill("#search", q);
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q, { timeout: 15000 });
  // (Read through locators, which run in Playwright's own world: its code in the page's world
  // needs some of what was taken away.)
  const links = page.locator("#search-results a.search-hit-link");
  const hits = [];
  for (let i = 0; i < (await links.count()); i++) hits.push(await links.nth(i).getAttribute("href"));
  return hits;
}

test("without the newer features: search finds what it finds in a new browser, in the same order, and opens it", async () => {
  const now = await freshPage(browser, { viewport: { width: 1280, height: 800 } });
  const { ctx, page, errors } = await oldPage();
  await now.page.goto(at("index.html"));
  await page.goto(at("index.html"));
  assert.equal(await page.evaluate(() => window.__takenAway), true, "the features are gone in the page's own world");
  // Traditional characters, full-width digits, a rule id, a colloquial phrase, one character.
  for (const q of ["投訴處理時限", "９５５９８", "TS-PROC-002", "电表走得快", "停"]) {
    const want = await search(now.page, q);
    assert.ok(want.length >= 1, q);
    assert.deepEqual(await search(page, q), want, q);
  }
  assert.ok(await page.locator("#search-results mark").count() > 0, "matched terms marked");
  // Arrow and Enter open the first result.
  const first = (await search(page, "投訴處理時限"))[0];
  await page.focus("#search");
  await page.keyboard.press("ArrowDown");
  await leavePage(page, () => page.keyboard.press("Enter"));
  assert.ok(decodeURI(page.url()).endsWith(first), `${page.url()} is ${first}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(now.errors, []);
  await ctx.close();
  await now.ctx.close();
});

test("without the newer features: a lesson, the rules, 时限速查, glossary and progress pages run their scripts", async () => {
  const { ctx, page, errors } = await oldPage();
  for (const rel of ["procedure/time-limits/index.html", "rules/index.html", "rules/TS-CAT-001/index.html", "glossary/index.html", "progress/index.html", "phrases/index.html", "print/index.html", "course/index.html"]) {
    await page.goto(at(rel));
    await page.waitForLoadState("load");
    assert.ok(await page.locator("main, #main, [role=main]").first().isVisible(), rel);
  }
  // ◐ (dark or light) is not offered where the styles are the light theme's only (no CSS
  // custom properties, IE 11; here window.CSS is gone), and is in a new browser.
  assert.equal(await page.locator("#theme-toggle").isVisible(), false, "◐ in an old browser");
  // 时限速查: a start date gives each limit's last day, the same days a new browser gives.
  const now = await freshPage(browser, { viewport: { width: 1280, height: 800 } });
  await now.page.goto(at("course/index.html"));
  assert.equal(await now.page.locator("#theme-toggle").isVisible(), true, "◐ in a new browser");
  const due = async (p) => {
    await p.goto(at("rules/time-limits/index.html"));
    await p.waitForSelector("#deadline-calc:not([hidden])");
    const from = p.locator("#deadline-calc input[type=date]").first();
    await from.fill("2026-12-01");
    await from.press("Tab");
    const cells = p.locator("#time-limits tbody tr td:nth-child(3)");
    const out = [];
    for (let i = 0; i < (await cells.count()); i++) out.push(await cells.nth(i).innerText());
    return out;
  };
  const want = await due(now.page);
  assert.ok(want.filter((d) => /\d+月\d+日/.test(d)).length >= 3, want.join(" | "));
  assert.deepEqual(await due(page), want);
  assert.deepEqual(errors, []);
  await ctx.close();
  await now.ctx.close();
});

test("without the newer features: a quiz grades an answer with feedback, and the progress is kept", async () => {
  const { ctx, page, errors } = await oldPage();
  await page.goto(at("quizzes/principles/index.html"));
  await page.waitForSelector(".quiz-stage > .quiz-card");
  const card = page.locator(".quiz-stage > .quiz-card");
  const choice = card.locator("input[data-index]").first();
  if (await choice.count()) await choice.check();
  else await card.locator("input[type=text]").fill("答案");
  await card.locator("button[type=submit]").click();
  assert.match(await card.locator(".quiz-feedback-box").innerText(), /回答(正确|错误)/);
  await card.locator(".quiz-next").click();
  assert.match(await page.locator(".quiz-stage > .quiz-card .quiz-counter").innerText(), /第\s*2\s*\//);
  // Kept in the browser: the progress page knows the quiz was started.
  const stored = await page.evaluate(() => Object.keys(localStorage).join(" "));
  assert.ok(stored.length > 0, "something stored");
  assert.deepEqual(errors, []);
  await ctx.close();
});

// The styles as IE 11 (Edge's IE mode, 360's 兼容模式) or an XP-era Chrome 49 take them: each
// declaration such an engine drops -- a custom property or a value using one (`var()`), grid,
// `display: contents`, `gap` -- taken out of a copy of the site's style sheets.
function asAnOldEngine(css) {
  css = css.replace(/\/\*[\s\S]*?\*\//g, "");
  return css.replace(/([{;])([^{};]*)(?=[;}])/g, (m, open, decl) => {
    const d = decl.trim();
    if (!d.includes(":")) return m;
    const name = d.split(":")[0].trim().toLowerCase();
    const drop = d.includes("var(") || name.startsWith("--") || name.startsWith("grid") || /^(row-|column-)?gap$/.test(name) ||
      /^display\s*:\s*(grid|inline-grid|contents)\b/i.test(d);
    return drop ? open : m;
  });
}

test("in an old browser's styles (no var(), grid or display: contents) the page keeps its colours and starts beside its contents", async () => {
  const old = join(tempDir(), "site");
  cpSync(join(root, "site"), old, { recursive: true });
  const css = join(old, "static", "css");
  let dropped = 0;
  for (const f of readdirSync(css).filter((f) => f.endsWith(".css"))) {
    const text = readFileSync(join(css, f), "utf8");
    const taken = asAnOldEngine(text);
    assert.doesNotMatch(taken, /var\(|display:\s*(grid|contents)/, f);
    dropped += text.length - taken.length;
    writeFileSync(join(css, f), taken);
  }
  assert.ok(dropped > 5000, `${dropped} bytes of declarations taken out`);

  const opts = { viewport: { width: 1280, height: 800 }, colorScheme: "light" };
  const now = await freshPage(browser, opts);
  const { ctx, page, errors } = await freshPage(browser, opts);
  const look = (p) => p.evaluate(() => {
    const style = (sel, prop) => { const e = document.querySelector(sel); return e ? getComputedStyle(e)[prop] : null; };
    const box = (sel) => { const e = document.querySelector(sel); if (!e) return null; const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, width: r.width }; };
    return {
      colours: {
        page: style("body", "backgroundColor"), text: style("body", "color"), link: style("main a[href]", "color"),
        bar: style(".topbar", "backgroundColor"), line: style(".topbar", "borderBottomColor"), code: style("main :not(pre) > code, main .callout, main table th", "backgroundColor"),
      },
      sidebar: box("#sidebar"), main: box("main"), toc: box(".toc"),
    };
  });
  for (const rel of ["procedure/time-limits/index.html", "rules/TS-PROC-002/index.html", "index.html"]) {
    await now.page.goto(at(rel));
    await page.goto(fileUrl(join(old, rel)));
    const want = await look(now.page), got = await look(page);
    // The light theme's colours, as a new browser draws them.
    assert.deepEqual(got.colours, want.colours, rel);
    assert.notEqual(got.colours.page, "rgba(0, 0, 0, 0)", rel);
    // The contents column on the left, the page beside it from the top, the page's own
    // contents (a lesson's) on the right, as in a new browser.
    assert.ok(got.sidebar.right <= got.main.left + 1, `${rel}: contents ${JSON.stringify(got.sidebar)} left of the page ${JSON.stringify(got.main)}`);
    assert.ok(got.main.top < 120, `${rel}: the page starts ${got.main.top}px down, not under the contents`);
    assert.ok(got.main.width >= want.main.width - 40, `${rel}: the page is ${got.main.width}px wide (${want.main.width} in a new browser)`);
    if (want.toc) assert.ok(got.toc && got.toc.left >= got.main.right - 1 && got.toc.top < 120, `${rel}: its contents ${JSON.stringify(got.toc)} right of the page`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
  await now.ctx.close();
});
