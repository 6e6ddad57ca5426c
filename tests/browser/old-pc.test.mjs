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
  const shown = await page.$eval(`.rule-list li >> nth=${n - 1}`, (li) => li.getBoundingClientRect().height);
  assert.ok(Math.abs(shown - held) <= 2, `held at ${held}px, ${shown}px drawn`);
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
