// A desk keeps the handbook open all day while a trainer publishes a new build into the same
// folder. The page's next search, well within the meta re-check interval (60 s), is sent the
// new build's index files (a server ignores `?v=`; from disk there is none) while it still holds
// the old build's meta. Each file names its build: the client must notice, read meta.js again
// and answer from the new build, never decode a new file with the old meta's character trades
// and document numbers (garbled excerpts, wrong rule ids, wrong documents).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { bin, buildBundled, launch, fileUrl, freshPage, tempDir, staticServer } from "./helpers.mjs";

let browser, root, server, origin;

before(async () => {
  root = buildBundled();
  // The README's recommended set-up: every file revalidated (no-cache), `?v=` ignored.
  server = await staticServer(join(root, "site"), { "Cache-Control": "no-cache" });
  origin = server.url;
  browser = await launch();
});
after(async () => { await browser?.close(); server?.close(); });

const original = {};
/** Publishes a new build into the same folder: the home page gets a section before every
 *  other document (all later document numbers move), full of characters the book rarely uses
 *  so that the document files' character trades change too. */
function publish(tag) {
  const file = join(root, "content/index.md");
  original.index ??= readFileSync(file, "utf8");
  const rare = "蓦然鞑靼龃龉饕餮魑魅魍魉";
  const text = original.index.replace(
    "\n## 一线人员",
    `\n## 发布说明${tag} {#release-${tag}}\n\n${(rare + "，").repeat(40)}\n\n## 一线人员`,
  );
  writeFileSync(file, text);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
}

function stamp() {
  return /"stamp":"([0-9a-f]+)"/.exec(readFileSync(join(root, "site/search/meta.js"), "utf8"))[1];
}

/** Types `q` into the box; the hits as shown: [href, kind, title, heading, excerpt]. */
async function query(page, q) {
  await page.fill("#search", "");
  await page.fill("#search", q);
  await page.waitForFunction((q) => document.getElementById("search-results").getAttribute("data-query") === q, q, { timeout: 20000 });
  return page.$$eval("#search-results a.search-hit-link", (as) => as.map((a) => {
    const text = (sel) => (a.querySelector(sel)?.textContent || "");
    return [decodeURIComponent(a.href), text(".search-kind"), text(".search-hit-title"), text(".search-hit-heading"), text(".search-hit-excerpt")];
  }));
}

const cjk = (s) => (s.match(/[\u3400-\u9fff]/g) || []).join("");

/** The Chinese characters of a built page, read from disk (the site as it is now). */
function pageText(href) {
  const u = new URL(href);
  let file = u.protocol === "file:" ? decodeURIComponent(u.pathname) : join(root, "site", decodeURIComponent(u.pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  assert.ok(existsSync(file), `no page ${file}`);
  return cjk(readFileSync(file, "utf8").replace(/<[^>]*>/g, ""));
}

/** Every hit is of the site as it is now: its page exists, a rule's title has a well-formed
 *  id, and its title, heading and excerpt are text of its page. */
function assertTrue(hits, label) {
  assert.ok(hits.length > 0, `${label}: no hits`);
  const texts = {};
  for (const [href, kind, title, heading, excerpt] of hits) {
    assert.doesNotMatch(title + heading + excerpt, /[\u0100-\u024f\u0370-\u03ff]/, `${label}: traded characters left in ${JSON.stringify([href, title, heading, excerpt])}`);
    if (kind === "规则") assert.match(title, /^TS-[A-Z]+-\d{3}\s/, `${label}: rule id of ${href}: ${title}`);
    const url = href.split("#")[0];
    texts[url] ??= pageText(url);
    // (Each run of Chinese characters: links and fields are written differently on the page.)
    for (const run of (title + "|" + heading + "|" + excerpt).split(/[^\u3400-\u9fff]+/)) {
      if (run.length >= 2) assert.ok(texts[url].includes(run), `${label}: "${run}" of ${JSON.stringify([title, heading, excerpt])} is not on ${url}`);
    }
  }
}

// Asked before the publish (meta and some files loaded), then after it (files not loaded yet:
// they come from the new build).
const BEFORE = ["停电", "电费算错了"];
const QUERIES = ["升级处理", "投诉时限", "回访"];

async function publishedUnderOpenPage(url, tag) {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(url);
  for (const q of BEFORE) assertTrue(await query(page, q), `before, ${q}`);
  const before = stamp();

  publish(tag);
  assert.notEqual(stamp(), before, "the index changed");

  // The same page, not reloaded, seconds later: its meta is the old build's.
  const after = {};
  for (const q of [...QUERIES, `发布说明${tag}`]) {
    after[q] = await query(page, q);
    assertTrue(after[q], `after, ${q}`);
  }
  assert.ok(after[`发布说明${tag}`].some(([h, , , heading]) => h.endsWith(`#release-${tag}`) && heading.includes(`发布说明${tag}`)),
    JSON.stringify(after[`发布说明${tag}`]));
  const now = await page.evaluate(() => new Promise((ok) => window.HandbookSearch.loadMeta((m) => ok(m.stamp))));
  assert.equal(now, stamp(), "the page went on with the new build's meta");

  // The same answers as a page opened on the new build.
  const fresh = await freshPage(browser);
  await fresh.page.goto(url);
  for (const q of QUERIES) assert.deepEqual(after[q], await query(fresh.page, q), q);
  await fresh.ctx.close();
  assert.deepEqual(errors, []);
  await ctx.close();
}

test("opened from disk: a search right after a publish answers from the new build whole", async () => {
  await publishedUnderOpenPage(fileUrl(join(root, "site/index.html")), "f");
});

test("served (no-cache, ?v= ignored): a search right after a publish answers from the new build whole", async () => {
  await publishedUnderOpenPage(origin, "h");
});

test("a file of another build is never decoded with this meta: no answer rather than a wrong one", async () => {
  // meta.js stays the old build's while the other files are a new one's (a publish copying
  // files one by one, meta.js last): after its one retry the page says so and shows nothing.
  const dir = tempDir();
  publish("x1");
  const oldMeta = readFileSync(join(root, "site/search/meta.js"));
  const { ctx, page } = await freshPage(browser);
  await page.goto(fileUrl(join(root, "site/index.html")));
  assertTrue(await query(page, "升级处理"), "x1");
  publish("x2");
  writeFileSync(join(dir, "meta.js"), readFileSync(join(root, "site/search/meta.js")));
  writeFileSync(join(root, "site/search/meta.js"), oldMeta);
  const hits = await query(page, "投诉时限");
  assert.deepEqual(hits, []);
  assert.match(await page.textContent("#search-results"), /网站正在更新/);
  // Once the publish ends, the next search answers.
  writeFileSync(join(root, "site/search/meta.js"), readFileSync(join(dir, "meta.js")));
  assertTrue(await query(page, "回访"), "x2");
  await ctx.close();
});
