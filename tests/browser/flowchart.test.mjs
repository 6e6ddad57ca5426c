// Flowcharts (```mermaid flowchart, drawn at build time as SVG): the bundled 八步流程 shows
// every step inside its box with nothing overlapping, in light and dark; a box that links to a
// rule opens it from disk; text only in a chart is found by search; a wide chart scrolls on a
// phone rather than shrinking its text; a chart's subgraphs are labelled boxes around their
// steps, in light and dark; the page passes axe.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { bin, repo, tempDir, withBrowserAndBook, fileUrl, freshPage, axeViolations } from "./helpers.mjs";

// Stages as trainers paste them from the Mermaid live editor: each subgraph's steps.
const STAGES = `flowchart TD
  subgraph 受理阶段
    A([客户来电]) --> B[登记工单]
  end
  subgraph 处理阶段
    C[派单] --> D[现场处理]
    subgraph 复核环节
      E[上级复核]
    end
    D --> E
  end
  B -->|派发| C
  E --> F([回访归档])
`;
const MEMBERS = { 受理阶段: ["客户来电", "登记工单"], 处理阶段: ["派单", "现场处理", "上级复核"], 复核环节: ["上级复核"] };

let browser, root;
withBrowserAndBook((b, r) => { browser = b; root = r; }, () => {
  const r = join(tempDir(), "book");
  for (const p of ["book.toml", "content", "themes"]) cpSync(join(repo, p), join(r, p), { recursive: true });
  const steps = ["甲乙丙丁登记", "核对用户信息", "派发工单", "现场勘查", "制定方案", "组织施工", "恢复送电", "回访客户", "归档"];
  const chart = "flowchart LR\n" + steps.map((s, i) => `  S${i}[${s}]`).join("\n") + "\n" +
    steps.slice(1).map((_, i) => `  S${i} --> S${i + 1}`).join("\n") + "\n";
  writeFileSync(join(r, "content/procedure/wide-chart.md"),
    "---\ntitle: 抢修流程图\norder: 99\n---\n\n## 抢修的步骤 {#steps}\n\n```mermaid\n" + chart + "```\n");
  writeFileSync(join(r, "content/procedure/stages-chart.md"),
    "---\ntitle: 分阶段流程图\norder: 98\n---\n\n```mermaid\n" + STAGES + "```\n");
  const out = execFileSync(bin, ["--root", r, "build"], { stdio: "pipe" });
  assert.match(String(out), /0 errors/);
  return r;
});

const site = (rel) => fileUrl(join(root, "site", rel));

/** Each box's shape and text rectangles, on the page. */
async function boxes(page) {
  return page.$$eval("figure.flow .flow-node", (gs) => gs.map((g) => {
    const r = (el) => { const b = el.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
    return { text: g.textContent, shape: r(g.firstElementChild), label: r(g.querySelector("text")), fill: getComputedStyle(g.firstElementChild).fill };
  }));
}

const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;
const apart = (a, b) => a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;

test("the bundled 八步流程 draws every step inside its box, nothing overlapping, light and dark", async () => {
  const fills = {};
  for (const colorScheme of ["light", "dark"]) {
    const { ctx, page, errors } = await freshPage(browser, { colorScheme });
    await page.goto(site("procedure/overview/index.html"));
    const bs = await boxes(page);
    assert.equal(bs.length, 14, "fourteen boxes");
    for (const b of bs) {
      assert.ok(b.shape.w > 0 && b.shape.h > 0, `${b.text} is drawn`);
      // (A diamond's text sits in its middle: its own box inside the diamond's.)
      assert.ok(inside(b.label, b.shape), `${b.text}: text ${JSON.stringify(b.label)} outside its box ${JSON.stringify(b.shape)}`);
    }
    for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++)
      assert.ok(apart(bs[i].shape, bs[j].shape), `${bs[i].text} overlaps ${bs[j].text}`);
    // The chart fits the lesson's column on a desktop screen.
    const fit = await page.$eval("figure.flow", (f) => f.scrollWidth <= f.clientWidth + 1);
    assert.ok(fit, "no scrolling on a desktop");
    fills[colorScheme] = bs[1].fill;
    assert.deepEqual(errors, []);
    await ctx.close();
  }
  assert.notEqual(fills.light, fills.dark, "dark mode recolours the boxes");
});

test("a step's box opens its rule, from disk and by keyboard", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(site("procedure/overview/index.html"));
  const review = page.locator("figure.flow a.flow-link", { hasText: "上级复核" });
  await Promise.all([page.waitForURL(/rules\/TS-PROC-005\/index\.html$/), review.click()]);
  assert.match(await page.locator("h1").innerText(), /复核/);
  await page.goBack();
  await page.waitForLoadState("load");
  // Tab reaches the links in the chart; Enter follows one.
  const link = page.locator("figure.flow a.flow-link").first();
  await link.focus();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("flow-link")), true);
  await Promise.all([page.waitForURL(/procedure\/intake-recording\/index\.html$/), page.keyboard.press("Enter")]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("text only in a chart is found by search, and the hit opens the chart's section", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await page.goto(site("index.html"));
  await page.fill("#search", "甲乙丙丁");
  await page.waitForFunction(() => document.getElementById("search-results").getAttribute("data-query") === "甲乙丙丁", null, { timeout: 15000 });
  const first = await page.$eval("#search-results a", (a) => a.getAttribute("href"));
  assert.match(decodeURIComponent(first), /procedure\/wide-chart\/index\.html#steps$/);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("printed, a tall chart shrinks onto one A4 sheet and a wide one to the sheet's width", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  for (const rel of ["procedure/overview/index.html", "procedure/wide-chart/index.html"]) {
    await page.goto(site(rel));
    await page.emulateMedia({ media: "print" });
    const m = await page.$eval("figure.flow svg", (svg) => {
      const r = svg.getBoundingClientRect(), w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height"));
      return { w: r.width, h: r.height, ratio: (r.width / r.height) / (w / h), column: svg.closest("figure").clientWidth };
    });
    // A4 less margins: 240 mm of height at 96 px per inch is 907 px.
    assert.ok(m.h <= 908, `${rel}: ${m.h}px high`);
    assert.ok(m.w <= m.column + 1, `${rel}: ${m.w}px wide in a ${m.column}px column`);
    assert.ok(Math.abs(m.ratio - 1) < 0.02, `${rel}: kept its proportions (${m.ratio})`);
    await page.emulateMedia({ media: "screen" });
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a wide chart scrolls on a phone, its text kept readable; the page passes axe", async () => {
  const { ctx, page, errors } = await freshPage(browser, { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
  await page.goto(site("procedure/wide-chart/index.html"));
  const m = await page.$eval("figure.flow", (f) => {
    const svg = f.querySelector("svg"), t = f.querySelector(".flow-text").getBoundingClientRect();
    return { scroll: f.scrollWidth > f.clientWidth, drawn: svg.getBoundingClientRect().width, natural: Number(svg.getAttribute("width")), text: t.height, pageWide: document.documentElement.scrollWidth };
  });
  assert.ok(m.scroll, "the figure scrolls sideways");
  assert.ok(Math.abs(m.drawn - m.natural) < 1, `drawn at its own size (${m.drawn} vs ${m.natural})`);
  assert.ok(m.text >= 14, `text ${m.text}px high`);
  assert.ok(m.pageWide <= 391, `the page itself does not scroll sideways (${m.pageWide})`);
  await page.goto(site("procedure/overview/index.html"));
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("a chart's subgraphs are labelled boxes around their own steps only, light and dark", async () => {
  const fills = {};
  for (const colorScheme of ["light", "dark"]) {
    const { ctx, page, errors } = await freshPage(browser, { colorScheme });
    await page.goto(site("procedure/stages-chart/index.html"));
    const bs = await boxes(page);
    assert.equal(bs.length, 6, "six steps");
    const groups = await page.$$eval("figure.flow .flow-group", (gs) => gs.map((g) => {
      const r = (el) => { const b = el.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
      const box = g.querySelector(".flow-group-box"), title = g.querySelector(".flow-group-title");
      return { title: title.textContent, box: r(box), label: r(title), fill: getComputedStyle(box).fill, ink: getComputedStyle(title).fill };
    }));
    assert.deepEqual(groups.map((g) => g.title).sort(), Object.keys(MEMBERS).sort());
    for (const g of groups) {
      assert.ok(g.box.w > 0 && g.box.h > 0, `${g.title} is drawn`);
      for (const b of bs) {
        if (MEMBERS[g.title].includes(b.text)) assert.ok(inside(b.shape, g.box), `${b.text} outside ${g.title}: ${JSON.stringify(b.shape)} ${JSON.stringify(g.box)}`);
        else assert.ok(apart(b.shape, g.box), `${b.text} inside ${g.title}`);
        assert.ok(apart(b.shape, g.label), `${g.title}'s title on ${b.text}`);
      }
      assert.ok(inside(g.label, g.box), `${g.title}'s title ${JSON.stringify(g.label)} outside its box ${JSON.stringify(g.box)}`);
      assert.ok(g.label.y - g.box.y < g.box.h / 3, `${g.title}'s title at the top of its box`);
      assert.notEqual(g.ink, g.fill, `${g.title}'s title stands out`);
    }
    const by = Object.fromEntries(groups.map((g) => [g.title, g]));
    assert.ok(inside(by["复核环节"].box, by["处理阶段"].box), "复核环节 inside 处理阶段");
    assert.ok(apart(by["受理阶段"].box, by["处理阶段"].box), "the stages apart");
    assert.ok(apart(by["复核环节"].box, by["处理阶段"].label), "the inner box below the outer's title");
    fills[colorScheme] = by["受理阶段"].fill;
    if (colorScheme === "light") assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await ctx.close();
  }
  assert.notEqual(fills.light, fills.dark, "dark mode recolours the boxes");
});
