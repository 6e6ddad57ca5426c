// handbook serve while a trainer saves quickly: a rebuild published while the open page was
// loading (its first poll then answered with the new generation, taken as the page's own) left
// the tab on the older text until the next save (trainer serve review: 2 of 4 trials of ten
// saves 100 ms apart). The page carries the generation it was read from.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { initBook, launch, serve } from "./helpers.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The server's generation once it differs from `since` (a rebuild published). */
async function nextGeneration(url, since) {
  const r = await fetch(`${url}__handbook/status?since=${since}&wait=20`);
  return (await r.json()).generation;
}

test("a rebuild published while the page loads reloads it: the tab never stays on the older text", async () => {
  const root = initBook();
  const srv = await serve(root);
  try {
    const lesson = join(root, "content/basics/first-lesson.md");
    const text = readFileSync(lesson, "utf8");
    const now = await (await fetch(`${srv.url}__handbook/status?since=-1`)).json();
    const page = await browser.newPage();
    // The page is read; before its live-reload script runs, the lesson is saved and rebuilt.
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route("**/__handbook/livereload.js*", async (route) => { await held; await route.continue().catch(() => {}); });
    await page.goto(`${srv.url}basics/first-lesson/index.html`, { waitUntil: "commit" });
    await page.waitForSelector("footer", { state: "attached" });
    assert.doesNotMatch(await page.textContent("main"), /第二版的句子/);
    writeFileSync(lesson, text + "\n第二版的句子。\n");
    const after = await nextGeneration(srv.url, now.generation);
    assert.ok(after > now.generation);
    release();
    // (Asked while the page reloads too: a document not yet read has no <main>.)
    await page.waitForFunction(() => /第二版的句子/.test((document.querySelector("main") || {}).textContent || ""), null, { timeout: 10000 });
    await page.close();
  } catch (e) {
    throw new Error(`${e.message}\n--- handbook serve log ---\n${srv.log()}`);
  } finally {
    srv.stop();
  }
});

test("the 404 page offers the page whose address is nearest: a lesson renamed by hand, an id with a slip", async () => {
  const root = initBook();
  const srv = await serve(root);
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${srv.url}basics/first-lesson2/`, { waitUntil: "load" });
    const near = page.locator(".nearest-page a");
    await near.waitFor();
    assert.equal(await near.getAttribute("href"), "basics/first-lesson/index.html");
    assert.match(await page.textContent(".nearest-page"), /^是不是要找：.+（basics\/first-lesson）$/);
    await near.click();
    await page.waitForURL(/\/basics\/first-lesson\/index\.html$/);
    await page.goto(`${srv.url}rules/EX-PROC-01/index.html`, { waitUntil: "load" });
    await page.locator(".nearest-page a").waitFor();
    assert.equal(await page.getAttribute(".nearest-page a", "href"), "rules/EX-PROC-001/index.html");
    // Nothing near: nothing offered.
    await page.goto(`${srv.url}zzzz/qqqq/wwww/`, { waitUntil: "load" });
    await page.waitForSelector("h1");
    assert.equal(await page.locator(".nearest-page").count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    srv.stop();
  }
});
