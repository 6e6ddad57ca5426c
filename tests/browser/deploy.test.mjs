// From an intranet administrator's review: the site is published again every month over the
// old one while 95598 agents keep their tabs open all day, on servers the administrator does
// not fully control (IIS and nginx as installed send no Cache-Control) and some with a strict
// Content-Security-Policy and nosniff.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { withBrowserAndBook, bin, repo, fileUrl, leavePage, staticServer } from "./helpers.mjs";

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".ico": "image/x-icon" };

/** `dir` served under `/handbook/` as nginx serves it with `error_page 404 /handbook/404.html`
 *  (the 404 page's text at the missing address, with status 404); `headers(file)` gives each
 *  answer's extra headers. */
function server(dir, headers) {
  const requests = [];
  const srv = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    requests.push(url.pathname + url.search);
    const path = decodeURIComponent(url.pathname);
    if (!path.startsWith("/handbook/")) { res.writeHead(404); res.end(); return; }
    let file = join(dir, normalize(path.slice("/handbook/".length)).replace(/^\/+/, ""));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    let status = 200;
    if (!existsSync(file)) { status = 404; file = join(dir, "404.html"); }
    res.writeHead(status, { "Content-Type": types[extname(file)] || "application/octet-stream", ...headers(file) });
    res.end(req.method === "HEAD" ? undefined : readFileSync(file));
  });
  return new Promise((ok) => srv.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${srv.address().port}/handbook/`, requests, close: () => srv.close() })));
}

function edit(rel, from, to) {
  const p = join(root, rel);
  const text = readFileSync(p, "utf8");
  assert.ok(text.includes(from), `${rel}: ${from}`);
  writeFileSync(p, text.replace(from, to));
}

test("a monthly publish under a server that sends no Cache-Control: a reload shows this month's sidebar and grades with this month's quiz", async () => {
  // IIS and nginx as installed: Last-Modified and no Cache-Control, so a browser keeps a
  // month-old file for days by its own guess, even across F5 (which asks again for the page
  // only).
  const lastMonth = new Date(Date.now() - 30 * 86400e3).toUTCString();
  const srv = await server(join(root, "site"), () => ({ "Last-Modified": lastMonth }));
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    const prompt = () => page.evaluate(() => JSON.stringify(window.HANDBOOK_QUIZZES.principles.questions.map((q) => q.prompt)));
    await page.goto(srv.url + "quizzes/principles/index.html");
    await page.waitForSelector(".quiz-stage");
    assert.ok(!(await prompt()).includes("（本月修订）"));
    // A page that loads a quiz's data by itself (the 错题本 does) caches it as well.
    await page.goto(srv.url + "basics/why-complaints-matter/index.html");
    await page.waitForSelector("#sidebar a");
    const loadPrinciples = () => page.evaluate(() => new Promise((ok) => {
      delete window.HANDBOOK_QUIZZES;
      window.HandbookQuiz.loadQuiz("quizzes/principles/index.html", () => ok(JSON.stringify(window.HANDBOOK_QUIZZES.principles.questions.map((q) => q.prompt))));
    }));
    assert.ok(!(await loadPrinciples()).includes("（本月修订）"));

    // This month's build: a lesson renamed, a question reworded.
    edit("content/basics/why-complaints-matter.md", "title: 为什么要重视投诉", "title: 为什么要重视投诉（本月修订）");
    const quiz = readFileSync(join(root, "content/quizzes/principles.quiz.yaml"), "utf8");
    writeFileSync(join(root, "content/quizzes/principles.quiz.yaml"), quiz.replace(/(\n\s+prompt: )/, "$1（本月修订）"));
    execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });

    await page.reload();
    await page.waitForSelector("#sidebar a");
    assert.match(await page.textContent("#sidebar"), /为什么要重视投诉（本月修订）/, "the sidebar is this month's");
    assert.match(await loadPrinciples(), /（本月修订）/, "quiz data loaded by script is this month's");
    await page.goto(srv.url + "quizzes/principles/index.html");
    await page.reload();
    await page.waitForSelector(".quiz-stage");
    assert.match(await prompt(), /（本月修订）/, "the quiz page grades with this month's data");
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    srv.close();
  }
});

test("from a shared drive (file://) the versioned scripts load by their plain names", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(fileUrl(join(root, "site/procedure/time-limits/index.html")));
  assert.match(await page.getAttribute("script[src*='nav.js']", "src"), /^\.\.\/\.\.\/nav\.js\?v=[0-9a-f]{8}$/);
  await page.waitForSelector("#sidebar a");
  // Which build this is, at the foot of the page, for a call to whoever publishes the site.
  const build = /"build":"([0-9a-f]+)"/.exec(readFileSync(join(root, "site/nav.js"), "utf8"))[1];
  assert.equal(await page.locator(".footer .build-id").textContent(), "网站版本 " + build);
  await page.goto(fileUrl(join(root, "site/quizzes/principles/index.html")));
  await page.waitForSelector(".quiz-stage");
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** Every Content-Security-Policy violation and script error in `ctx`, as text. */
async function watchCsp(ctx) {
  const problems = [];
  await ctx.exposeBinding("__cspViolation", (_src, v) => problems.push(v));
  await ctx.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${location.pathname}`));
  });
  // (Not every "Refused": without site-url the 404 page's own address is the base until its
  // script has run, and Chromium's look-ahead asks for its styles from there first.)
  ctx.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/i.test(m.text())) problems.push(m.text()); });
  ctx.on("page", (p) => p.on("pageerror", (e) => problems.push(String(e))));
  return problems;
}

const strict = "default-src 'self'";

test("under Content-Security-Policy: default-src 'self' and nosniff nothing is blocked: navigation, theme, search, a quiz, 404, old addresses", async () => {
  // The 404 page finds its way from `site-url` (README: a strict CSP needs it, or the hash).
  const dest = join(root, "csp-site");
  // An old address forwarding to its page (`aliases`, with the #section of a deep link).
  const lesson = join(root, "content/procedure/time-limits.md");
  writeFileSync(lesson, readFileSync(lesson, "utf8").replace("\ntitle: ", "\naliases: [old/limits]\ntitle: "));
  writeFileSync(join(root, "book.toml"), readFileSync(join(root, "book.toml"), "utf8").replace("[output]", '[output]\nsite-url = "/handbook/"'));
  execFileSync(bin, ["--root", root, "build", "--dest", dest], { stdio: "pipe" });
  const srv = await server(dest, () => ({ "Content-Security-Policy": strict, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache" }));
  const ctx = await browser.newContext();
  const problems = await watchCsp(ctx);
  const page = await ctx.newPage();
  try {
    await page.goto(srv.url);
    // Theme toggle.
    await page.waitForSelector("#theme-toggle:not([hidden])");
    const dark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    const was = await dark();
    await page.click("#theme-toggle");
    assert.equal(await dark(), !was);
    // The sidebar, built by script from nav.js, and a link in it.
    await page.waitForSelector("#sidebar a[href*='basics/']");
    await Promise.all([page.waitForNavigation(), page.click("#sidebar a[href*='basics/'] >> nth=0")]);
    assert.equal(await dark(), !was, "the theme is kept");
    // Search, and Enter on its first result.
    await page.fill("#search", "投诉时限");
    await page.waitForSelector("#search-results a.search-hit-link");
    await leavePage(page, () => page.press("#search", "Enter"));
    // A quiz: one question answered.
    await page.goto(srv.url + "quizzes/principles/index.html");
    await page.waitForSelector(".quiz-stage");
    const input = page.locator(".quiz-stage input").first();
    if ((await input.getAttribute("type")) === "text") await input.fill("5个工作日"); else await input.check();
    await page.click(".quiz-stage button[type=submit]");
    await page.waitForSelector(".quiz-stage .quiz-feedback-box");
    // A lesson with an embedded quiz and term hints; the pages whose scripts do the most.
    for (const rel of ["principles/confidentiality-recusal/index.html", "rules/time-limits/index.html", "rules/TS-PROC-002/index.html", "progress/index.html", "progress/mistakes/index.html", "progress/team/index.html", "phrases/index.html", "glossary/index.html", "print/index.html", "search/index.html?q=%E6%8A%95%E8%AF%89"]) {
      await page.goto(srv.url + rel);
      await page.waitForLoadState("load");
      await page.waitForTimeout(100);
    }
    await Promise.all([page.waitForURL(/procedure\/time-limits\/index\.html/), page.goto(srv.url + "old/limits/index.html")]);
    // A missing address at depth: the 404 page, styled, its links going to the site's top.
    const missing = await page.goto(srv.url + "basics/no/such/page");
    assert.equal(missing.status(), 404);
    await page.waitForSelector("#sidebar a");
    assert.equal(await page.evaluate(() => new URL(document.querySelector("a.brand").href).pathname), "/handbook/index.html");
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector(".topbar")).display), "inline");
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
    srv.close();
  }
});

test("without site-url, the 404 page's one inline script runs under the hash the README gives, and finds the site's top", async () => {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  const hash = readme.match(/script-src 'self' ('sha256-[A-Za-z0-9+/=]+')/)?.[1];
  assert.ok(hash, "the README gives the 404 page's script hash");
  const html = readFileSync(join(root, "site/404.html"), "utf8");
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 1);
  assert.equal(`'sha256-${createHash("sha256").update(inline[0]).digest("base64")}'`, hash, "README's hash is the built page's");
  const srv = await server(join(root, "site"), () => ({ "Content-Security-Policy": `${strict}; script-src 'self' ${hash}`, "X-Content-Type-Options": "nosniff" }));
  const ctx = await browser.newContext();
  const problems = await watchCsp(ctx);
  const page = await ctx.newPage();
  try {
    await page.goto(srv.url + "basics/no/such/page");
    await page.waitForSelector("#sidebar a");
    assert.equal(await page.evaluate(() => new URL(document.querySelector("a.brand").href).pathname), "/handbook/index.html");
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
    srv.close();
  }
});

test("the replaced site kept beside the current one (.site.spare), opened from a shared drive, says it is an old copy and links to the current site", async () => {
  // Two builds: the first site is replaced and kept as the spare, in plain sight on a share.
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  const spare = join(root, ".site.spare");
  assert.ok(existsSync(join(spare, "procedure/time-limits/index.html")));
  assert.match(readFileSync(join(spare, "nav.js"), "utf8"), /"build":"retired","retired":"site","spare":".site.spare","was":"[0-9a-f]+"/);
  assert.doesNotMatch(readFileSync(join(root, "site/nav.js"), "utf8"), /retired/);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(fileUrl(join(spare, "procedure/time-limits/index.html")));
  const note = page.locator(".stale-notice");
  await note.waitFor();
  assert.match(await note.textContent(), /这是手册的旧副本，不是现行版本.*不要照此答复客户/);
  // Not one of the pages 最近查看 lists (those of the current site).
  const recent = () => page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith("handbook-pages:"))
    .flatMap((k) => (JSON.parse(localStorage.getItem(k)).recent || []).map((e) => e.u)));
  assert.deepEqual(await recent(), []);
  // Opened at a part far down the page (a link to a clause, shared): the notice is in sight,
  // the part below it (agent review: 2,300 px above the screen).
  const far = await page.evaluate(() => { const hs = document.querySelectorAll("article.content h2[id]"); return hs[hs.length - 1].id; });
  await page.goto(fileUrl(join(spare, "procedure/time-limits/index.html")) + "#" + encodeURIComponent(far));
  await page.locator(".stale-notice").waitFor();
  await page.waitForTimeout(100);
  const seen = await page.evaluate((id) => {
    const n = document.querySelector(".stale-bar").getBoundingClientRect();
    const h = document.getElementById(id).getBoundingClientRect();
    return { n: [n.top, n.bottom], h: h.top, scrolled: scrollY, height: innerHeight };
  }, far);
  assert.ok(seen.scrolled > 300, JSON.stringify(seen));
  // Said again at the window's foot, the part linked to where it lands, above it.
  assert.ok(seen.n[0] >= seen.height * 0.8 && seen.n[1] <= seen.height + 1, JSON.stringify(seen));
  assert.ok(seen.h >= 0 && seen.h < seen.n[0], JSON.stringify(seen));
  assert.match(await page.textContent(".stale-bar"), /旧副本，不是现行版本/);
  assert.equal(await page.getAttribute(".stale-bar a", "href"), "../../../site/index.html");
  // On a page with a filter box and letter bar stuck at the top, they are not covered.
  await page.goto(fileUrl(join(spare, "glossary/index.html")));
  await page.locator(".stale-bar").waitFor();
  await page.evaluate(() => window.scrollTo(0, 2000));
  const free = await page.evaluate(() => {
    const letters = document.querySelector(".glossary-letters").getBoundingClientRect();
    const hit = document.elementFromPoint(letters.left + 10, letters.top + letters.height / 2);
    return !!hit.closest(".glossary-letters");
  });
  assert.ok(free, "the letter bar is under nothing");
  await page.goto(fileUrl(join(spare, "procedure/time-limits/index.html")));
  await note.waitFor();
  const link = note.locator("a", { hasText: "打开现行手册" });
  assert.equal(await link.getAttribute("href"), "../../../site/index.html");
  await link.click();
  await page.waitForSelector("#sidebar a");
  assert.ok(page.url().endsWith("/site/index.html"), page.url());
  assert.equal(await page.locator(".stale-notice").count(), 0);
  // The next build writes into the spare and its site is the current one again.
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  await page.goto(fileUrl(join(root, "site/procedure/time-limits/index.html")));
  await page.waitForSelector("#sidebar a");
  assert.equal(await page.locator(".revised-notice").count(), 0);
  assert.deepEqual(await recent(), ["procedure/time-limits/"]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a rollback: the spare renamed into the site's place is the current site, with no old-copy notice", async () => {
  // A bad publish: the administrator puts the site aside and the spare (last month's) in its
  // place. Its nav.js still says it was replaced, naming the site's folder: itself now.
  const book = join(root, "rollback-book");
  cpSync(join(root, "content"), join(book, "content"), { recursive: true });
  cpSync(join(root, "book.toml"), join(book, "book.toml"));
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  renameSync(join(book, "site"), join(book, "site.bad"));
  renameSync(join(book, ".site.spare"), join(book, "site"));
  assert.match(readFileSync(join(book, "site/nav.js"), "utf8"), /"retired":"site"/);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(fileUrl(join(book, "site/procedure/time-limits/index.html")));
  await page.waitForSelector("#sidebar a");
  assert.equal(await page.locator(".stale-notice").count(), 0, "no old-copy notice in the site's own place");
  // Under another name it is an old copy still.
  const was = /"was":"([0-9a-f]+)"/.exec(readFileSync(join(book, "site/nav.js"), "utf8"))[1];
  assert.equal(await page.textContent(".footer .build-id"), "网站版本 " + was, "the footer names the build put back");
  renameSync(join(book, "site"), join(book, "site-2026-11"));
  await page.goto(fileUrl(join(book, "site-2026-11/procedure/time-limits/index.html")));
  await page.locator(".stale-notice").waitFor();
  assert.equal(await page.locator(".footer .build-id").count(), 0);
  renameSync(join(book, "site-2026-11"), join(book, "site"));
  // On a web server whose address does not name the folder (nginx's alias: /handbook/ is
  // /srv/site), the site put back is the current one too; served with its parent folder,
  // the spare kept at /.site.spare/ is an old copy.
  const srv = await staticServer(join(book, "site"));
  try {
    await page.goto(srv.url + "procedure/time-limits/index.html");
    await page.waitForSelector("#sidebar a");
    assert.equal(await page.locator(".stale-notice").count(), 0, "no old-copy notice over http");
    assert.equal(await page.textContent(".footer .build-id"), "网站版本 " + was);
  } finally {
    srv.close();
  }
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  execFileSync(bin, ["--root", book, "build"], { stdio: "pipe" });
  const parent = await staticServer(book);
  try {
    await page.goto(parent.url + ".site.spare/procedure/time-limits/index.html");
    await page.locator(".stale-notice").waitFor();
    await page.goto(parent.url + "site/procedure/time-limits/index.html");
    await page.waitForSelector("#sidebar a");
    assert.equal(await page.locator(".stale-notice").count(), 0);
  } finally {
    parent.close();
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a new site copied over the old folder: a page it no longer has says it is not in the current handbook; its own pages say nothing", async () => {
  // Last month's site had a lesson this month's has not; the administrator copies the new
  // site over the old folder (cp -r, unzipping over it), which leaves that page in place.
  const pub = join(root, "published");
  writeFileSync(join(root, "content/old-notice.md"), "---\ntitle: 旧通知：答复时限为 10 个工作日\n---\n\n# 旧通知：答复时限为 10 个工作日\n\n这是上个月的内容。\n");
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  cpSync(join(root, "site"), pub, { recursive: true });
  const oldCopy = readFileSync(join(pub, "procedure/time-limits/index.html"));
  rmSync(join(root, "content/old-notice.md"));
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  cpSync(join(root, "site"), pub, { recursive: true });
  assert.ok(existsSync(join(pub, "old-notice/index.html")), "the copy over the old folder left the page");

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(fileUrl(join(pub, "old-notice/index.html")));
  const note = page.locator(".stale-notice");
  await note.waitFor();
  assert.match(await note.textContent(), /不属于手册的当前版本.*可能已经过时/);
  assert.equal(await page.evaluate(() => document.querySelector("article.content").firstElementChild.className), "revised-notice stale-notice", "at the top of the page");
  assert.match(await page.textContent(".stale-bar"), /这一页不属于手册的当前版本/);
  // Its way to the current text: the search page, asked for the page's title.
  const find = note.locator("a", { hasText: "搜索" });
  assert.match(await find.getAttribute("href"), /^\.\.\/search\/index\.html\?q=/);
  await find.click();
  await page.waitForFunction(() => document.getElementById("search") && document.getElementById("search").value === "旧通知：答复时限为 10 个工作日");

  // A page the new build has too, in an old copy (a publish still copying, a cache): to reload.
  const current = readFileSync(join(pub, "procedure/time-limits/index.html"));
  writeFileSync(join(pub, "procedure/time-limits/index.html"), oldCopy);
  await page.goto(fileUrl(join(pub, "procedure/time-limits/index.html")));
  const old = page.locator("article.content > .revised-notice").first();
  await old.waitFor();
  assert.match(await old.textContent(), /旧副本.*请重新载入/);
  assert.equal(await page.locator(".stale-notice").count(), 0, "not the red note: the page is in the handbook");
  writeFileSync(join(pub, "procedure/time-limits/index.html"), current);

  // Every page the new build wrote says nothing.
  for (const rel of ["index.html", "procedure/time-limits/index.html", "rules/TS-PROC-002/index.html", "quizzes/principles/index.html"]) {
    await page.goto(fileUrl(join(pub, rel)));
    await page.waitForSelector("#sidebar a");
    assert.equal(await page.locator(".stale-notice").count(), 0, rel);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});
