// The handbook on a call-centre agent's old intranet PC: slow (what a page costs to open,
// measured by what the browser does, not by the clock, which on a shared machine says little)
// and sometimes with JavaScript turned off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, freshPage, fileUrl } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const at = (rel) => fileUrl(join(root, "site", rel));

test("规则索引: a rule out of the window's reach is not laid out until it is scrolled to", async () => {
  // On a book of 1,000 rules, laying out every rule of the list was 1.7 s of the page's start
  // at a sixth of this machine's speed; the bundled book's last rules are well below the window.
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 1280, height: 720 } });
  await page.goto(at("rules/index.html"));
  const laidOut = (i) => page.$eval(`.rule-list li >> nth=${i}`, (li) => li.firstElementChild.checkVisibility({ contentVisibilityAuto: true }));
  const n = await page.locator(".rule-list li").count();
  assert.ok(n >= 20, `${n} rules`);
  assert.equal(await laidOut(0), true, "the first rule is drawn");
  assert.equal(await laidOut(n - 1), false, "the last rule, far below, is not laid out yet");
  // Scrolled to, it is there as any other, at the height it was held at.
  const held = await page.$eval(`.rule-list li >> nth=${n - 1}`, (li) => li.getBoundingClientRect().height);
  await page.locator(".rule-list li").last().scrollIntoViewIfNeeded();
  await page.waitForFunction((i) => document.querySelectorAll(".rule-list li")[i].firstElementChild.checkVisibility({ contentVisibilityAuto: true }), n - 1);
  const [shown, line] = await page.$eval(`.rule-list li >> nth=${n - 1}`, (li) => [li.getBoundingClientRect().height, parseFloat(getComputedStyle(li.querySelector(".rule-summary") || li).lineHeight)]);
  // (Within a line: how a summary wraps depends on the Chinese font the machine has, and
  // the held height is one guess for them all.)
  assert.ok(Math.abs(shown - held) <= line + 2, `held at ${held}px, ${shown}px drawn (a line: ${line}px)`);
  assert.equal(await page.locator(".rule-list li").last().locator("a").isVisible(), true);
  await ctx.close();

  // A link to the last category lands on its heading, with its rules drawn under it.
  const other = await freshPage(browser, { viewport: { width: 1280, height: 720 } });
  const last = await other.page.goto(at("rules/index.html")).then(() => other.page.$$eval(".rule-group h2", (hs) => hs[hs.length - 1].id));
  await other.page.goto(at("rules/index.html") + "#" + encodeURIComponent(last));
  await other.page.waitForFunction((id) => {
    const h = document.getElementById(id), top = h.getBoundingClientRect().top;
    return top >= 0 && top < 200 && h.parentNode.querySelector(".rule-list li a").checkVisibility({ contentVisibilityAuto: true });
  }, last, { timeout: 5000 });
  await other.ctx.close();
  assert.deepEqual([...errors, ...other.errors], []);
});

/** The page's colours as drawn, and its palette (main.css's custom properties). */
function colours(page) {
  return page.evaluate(() => {
    const root = getComputedStyle(document.documentElement), body = getComputedStyle(document.body);
    const vars = {};
    for (const v of ["--bg", "--fg", "--muted", "--line", "--soft", "--accent", "--accent-soft", "--good", "--good-soft", "--bad", "--bad-soft", "--warn", "--warn-soft", "--note", "--note-soft", "--tip", "--imp", "--imp-soft", "--control-line"]) vars[v] = root.getPropertyValue(v).trim();
    return { bg: body.backgroundColor, fg: body.color, vars, cls: document.documentElement.className.trim() };
  });
}
const DARK_BG = "rgb(15, 20, 25)", LIGHT_BG = "rgb(255, 255, 255)";

test("with JavaScript off, a dark system gets the dark theme, the same as the ◐ button's", async () => {
  // Before, dark needed theme.js: with scripts off, a reader on a dark system got the light theme.
  const page1 = "procedure/time-limits/index.html";
  const off = await freshPage(browser, { javaScriptEnabled: false, colorScheme: "dark" });
  await off.page.goto(at(page1));
  const nojs = await colours(off.page);
  assert.equal(nojs.cls, "", "no script ran");
  assert.equal(nojs.bg, DARK_BG);
  // The same palette as the dark theme the button (or a dark system, with scripts) gives.
  const on = await freshPage(browser, { colorScheme: "light" });
  await on.ctx.addInitScript(() => { try { localStorage.setItem("handbook-theme", "dark"); } catch (e) {} });
  await on.page.goto(at(page1));
  assert.deepEqual(nojs.vars, (await colours(on.page)).vars);
  // Code stays readable: the light theme's colours highlight.css gives it, on a light box.
  await off.page.goto(at("trainer/writing-rules/index.html"));
  const code = await off.page.$eval("pre.hl-code", (pre) => [getComputedStyle(pre).backgroundColor, getComputedStyle(pre).color]);
  assert.deepEqual(code, ["rgb(246, 248, 250)", "rgb(50, 50, 50)"]);
  await off.ctx.close();
  await on.ctx.close();
  // A light system without scripts: light, as before.
  const light = await freshPage(browser, { javaScriptEnabled: false, colorScheme: "light" });
  await light.page.goto(at(page1));
  assert.equal((await colours(light.page)).bg, LIGHT_BG);
  await light.ctx.close();
});

test("the ◐ button's choice wins over the system's either way, from the first paint on", async () => {
  for (const [scheme, saved, bg] of [["dark", "light", LIGHT_BG], ["light", "dark", DARK_BG], ["dark", null, DARK_BG], ["light", null, LIGHT_BG]]) {
    const { ctx, page, errors } = await freshPage(browser, { colorScheme: scheme });
    // (Set before the first page only: the button's choice is then the page's to store.)
    if (saved) await ctx.addInitScript((v) => { try { if (!sessionStorage.getItem("set")) { sessionStorage.setItem("set", "1"); localStorage.setItem("handbook-theme", v); } } catch (e) {} }, saved);
    // The colour the page's first paint has: read in the first frame, once <body> exists
    // (no frame is drawn before the style sheets are in).
    await ctx.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (!document.body) return;
        obs.disconnect();
        requestAnimationFrame(() => { window.__firstBg = getComputedStyle(document.body).backgroundColor; });
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(at("procedure/time-limits/index.html"));
    await page.waitForFunction(() => window.__firstBg);
    assert.equal(await page.evaluate(() => window.__firstBg), bg, `${scheme} system, saved ${saved}: from the start`);
    assert.equal((await colours(page)).bg, bg, `${scheme} system, saved ${saved}`);
    // The button turns it over, and the other way is remembered for the next page.
    await page.click("#theme-toggle");
    const other = bg === DARK_BG ? LIGHT_BG : DARK_BG;
    assert.equal((await colours(page)).bg, other, `${scheme} system, saved ${saved}, turned over`);
    await page.reload();
    assert.equal((await colours(page)).bg, other, `${scheme} system, saved ${saved}, turned over, next page`);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
});
