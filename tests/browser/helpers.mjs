// Shared helpers for the browser tests: the real handbook binary, temp books, headless Chromium.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const bin = process.env.HANDBOOK_BIN || join(repo, "target/debug/handbook");
// The tests read handbook's messages in English (the bundled book would have them in Chinese);
// every test file imports this module, and child processes inherit it.
process.env.HANDBOOK_LANG ??= "en";

// Every temporary folder a test file makes is removed when its process ends (a full run made
// ~1,600 of them, 7 GB a day); HANDBOOK_KEEP_TEMP=1 keeps them for a look after a failure.
const made = [];
process.on("exit", () => {
  if (process.env.HANDBOOK_KEEP_TEMP) return;
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A folder still in use (Windows) stays; the system's temporary folder is cleaned anyway.
    }
  }
});

export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "handbook-browser-"));
  made.push(dir);
  return dir;
}

/** For a test file that uses one headless Chromium and one built book: registers node:test's
 *  `before`, which launches the browser, makes the book (`make`: a built copy of the bundled
 *  handbook unless given) and hands both to `ready(browser, root)`, and `after`, which closes
 *  the browser. */
export function withBrowserAndBook(ready, make = buildBundled) {
  let browser;
  before(async () => {
    browser = await launch();
    ready(browser, await make());
  });
  after(async () => { await browser?.close(); });
}

/** A copy of the bundled handbook, built into <copy>/site. Under tests/run.sh, which builds
 *  one such copy before the browser tests (HANDBOOK_BUILT_BUNDLED), that copy is copied
 *  instead of building the same book again in each of some 25 test files. */
export function buildBundled() {
  const root = join(tempDir(), "book");
  const built = process.env.HANDBOOK_BUILT_BUNDLED;
  if (built && existsSync(join(built, "site", "index.html"))) {
    cpSync(built, root, { recursive: true });
    return root;
  }
  for (const p of ["book.toml", "content", "themes"]) cpSync(join(repo, p), join(root, p), { recursive: true });
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  return root;
}

export function initBook() {
  const root = join(tempDir(), "book");
  execFileSync(bin, ["init", root], { stdio: "pipe" });
  return root;
}

/** A new book (`handbook init`) with this repository's theme and `quizzes` (a file's name
 *  without .quiz.yaml -> its YAML) written into content/quizzes, built into <root>/site;
 *  its root. */
export function buildQuizBook(quizzes) {
  const root = initBook();
  cpSync(join(repo, "themes"), join(root, "themes"), { recursive: true });
  for (const [name, yaml] of Object.entries(quizzes)) writeFileSync(join(root, `content/quizzes/${name}.quiz.yaml`), yaml);
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  return root;
}

/** Answers the current true/false question of the exam (quiz id `exam`) on `page` right or
 *  wrong and goes on; the question's id. */
export async function answerExamTf(page, right) {
  const qid = await page.getAttribute(".quiz-stage > .quiz-card", "data-qid");
  const q = await page.evaluate((id) => window.HANDBOOK_QUIZZES.exam.questions.find((x) => x.id === id), qid);
  await page.locator(`.quiz-stage input[data-index="${q.answer === right ? 0 : 1}"]`).check();
  await page.click(".quiz-stage button[type=submit]");
  return qid;
}

/** An exam all answered: its 交卷前检查 page, then 确认交卷; waits for the result. */
export async function handIn(page) {
  await page.waitForSelector(".quiz-check");
  await page.click(".quiz-handin");
  await page.waitForSelector(".quiz-result");
}

/** Starts `handbook serve --port 0`; resolves with { url, stop }. */
export function serve(root) {
  return new Promise((ok, fail) => {
    // (The preview is built in a folder of the system's temporary folder: this test's own.)
    const child = spawn(bin, ["--root", root, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: tempDir() } });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) ok({ url: m[0], stop: () => child.kill(), log: () => err });
    });
    child.on("exit", (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}

/** `dir` over http on loopback, as a plain static web server serves a published site (a
 *  folder's index.html, 404 otherwise), every answer with `headers` (the cache or security
 *  policy under test). Resolves with { url, requests (each path asked, decoded), close }. */
export function staticServer(dir, headers = {}) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json" };
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    let file = join(dir, normalize(path).replace(/^\/+/, ""));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "Content-Type": types[extname(file)] || "application/octet-stream", ...headers });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => server.close() })));
}

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("Chromium not found: install the Debian package `chromium` (tests/run.sh does this)");
}

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--allow-file-access-from-files",
      // CI machines may set http_proxy for the package registries; the preview server is on
      // loopback and must never be reached through a proxy.
      "--no-proxy-server",
    ],
  });
}

export function fileUrl(path) {
  return "file://" + path;
}

let axeSource = null;
/** axe-core's violations on `page` as it is now (WCAG 2 A/AA), as readable lines. */
export async function axeViolations(page, only = null) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate((only) => window.axe.run(document, {
    resultTypes: ["violations"],
    ...(only ? { runOnly: { type: "rule", values: only } } : {}),
  }), only);
  return result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} -- ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** A new browser context (`opts` as playwright takes them) and a page in it, collecting the
 *  page's script errors: { ctx, page, errors }. */
export async function freshPage(browser, opts = {}) {
  const ctx = await browser.newContext(opts);
  const errors = [];
  const page = await ctx.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  return { ctx, page, errors };
}

/** The clipboard of `ctx`'s pages as they write it: window.__copied, each text put on it.
 *  With `works` false there is none to write to: no clipboard API, and execCommand("copy")
 *  refused, as in an old or locked-down browser. */
export async function fakeClipboard(ctx, works = true) {
  await ctx.addInitScript((works) => {
    window.__copied = [];
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: works ? { writeText: (t) => { window.__copied.push(t); return Promise.resolve(); } } : undefined });
    if (!works) document.execCommand = () => false;
  }, works);
}

/** The field a copy that failed leaves after its `button` (a locator): { value, focused,
 *  selected (all of it), name }, or null when there is none. */
export function copyField(button) {
  return button.evaluate((b) => {
    const f = b.nextElementSibling;
    return f && f.tagName === "INPUT" ? { value: f.value, focused: document.activeElement === f, selected: f.selectionStart === 0 && f.selectionEnd === f.value.length, name: f.getAttribute("aria-label") } : null;
  });
}

/** The learner's progress record as the page's book stores it (handbook-progress:<book id>),
 *  or null. */
export function storedProgress(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("handbook-progress:" + document.body.dataset.book) || "null"));
}

/** Plays the phone call on the page to an ending, always the first option. */
export async function playCall(page) {
  for (;;) {
    await page.waitForSelector(".scenario-option, .scenario-ending");
    if (await page.$(".scenario-ending")) return;
    await page.click('.scenario-option[data-index="0"]');
    await page.click(".scenario-stage button:text-is('继续通话')");
  }
}

/** Runs `act` (Enter on a search result, a click) and waits until the page's address has
 *  changed (another page, or a section of this one). (Not waitForNavigation: opening a result
 *  first keeps the query in the page's history entry, a replaceState that leaves the address
 *  as it is and that Playwright counts as a navigation.) */
export async function leavePage(page, act) {
  const from = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== from), act()]);
}

/** The 错题本 of a stored record's `wrong`: its keys still missed (last > ok), without the
 *  questions kept only for a right answer's time ({ n: 0, last: 0, ok }). */
export function inMistakes(wrong) {
  return Object.keys(wrong || {}).filter((k) => wrong[k].n >= 1 && wrong[k].last > wrong[k].ok);
}
