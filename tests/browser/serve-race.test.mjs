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
    await page.waitForFunction(() => /第二版的句子/.test(document.querySelector("main").textContent), null, { timeout: 10000 });
    await page.close();
  } catch (e) {
    throw new Error(`${e.message}\n--- handbook serve log ---\n${srv.log()}`);
  } finally {
    srv.stop();
  }
});
