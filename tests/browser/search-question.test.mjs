// A question's scaffolding weighs little (tuning.askWords, docs/search-index.md section 6): in a
// book whose headings are phrased as questions (…怎么办, as FAQ-style books are), the query
// 客户骂人怎么办 ranked first a section headed 办结时限怎么办 that only mentions 骂人 in passing
// (its 怎么办 matched the heading), and the section that answers dropped to 4th (scale audit L8).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, initBook, launch, fileUrl } from "./helpers.mjs";

// Sections of an FAQ page, each headed with a question ending in 怎么办 / 怎么说, about something
// else, each pointing to the lesson for a customer who swears (a passing mention of 骂人).
const FAQ = [
  ["办结时限怎么办", "工单快到办结时限还没查清，按规定申请延期，并告诉客户延期的原因和新的答复时间"],
  ["延期申请怎么办", "延期要在时限届满前提出，写明原因，经负责人批准后告知客户"],
  ["电费退补怎么办", "核实电量电费差错后，按规定退补，并向客户说明计算方法"],
  ["现场核查怎么办", "约好时间上门，核查时请客户在场，结果当场告知客户"],
  ["工单派发怎么办", "受理后当日派发到责任部门，派错了及时改派，不让客户再打一次电话"],
  ["答复口径怎么说", "答复客户要有依据、有时限、有结果，不说没把握的话"],
];

let browser, root;
before(async () => {
  root = initBook();
  let faq = "---\ntitle: 常见问题\nsummary: 坐席常问的几件事\norder: 30\n---\n\n";
  for (const [h, body] of FAQ) {
    faq += `## ${h}\n\n${body}。对方骂人的，另见接听的基本功。\n\n`;
  }
  faq += "## 客户问怎么办\n\n客户只问一句“我该怎么办”时，先弄清他遇到了什么事，再告诉他下一步。\n";
  writeFileSync(join(root, "content/basics/faq.md"), faq);
  writeFileSync(join(root, "content/basics/listening.md"),
    "---\ntitle: 接听的基本功\nsummary: 开场与倾听\norder: 20\n---\n\n" +
    "## 开场问候\n\n接起电话先问好，报上工号。\n\n" +
    "## 让客户把话说完 {#let-vent}\n\n客户开口就骂人、话说得很难听时，不顶嘴，不跟着骂人的字眼走，" +
    "先让他把火发出来，再把注意力放回他遇到的事情上。\n");
  execFileSync(bin, ["--root", root, "build"], { stdio: "pipe" });
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** The hits of `q` through the client's API: "title › heading" each. */
async function hits(q) {
  const page = await browser.newPage();
  await page.goto(fileUrl(join(root, "site/index.html")));
  await page.waitForFunction(() => window.HandbookSearch && window.HandbookSearch.search);
  const out = await page.evaluate((q) => new Promise((done) =>
    window.HandbookSearch.search(q, (o) => done(o.hits.map((h) => h.title + " › " + (h.heading || ""))))), q);
  await page.close();
  return out;
}

test("a question's tail does not pull the query to headings ending in it", async () => {
  for (const q of ["客户骂人怎么办", "客户骂人咋办", "客户一直骂人怎么办啊", "客户骂人该怎么说"]) {
    const got = await hits(q);
    assert.equal(got[0], "接听的基本功 › 让客户把话说完", `${q}:\n${got.slice(0, 5).join("\n")}`);
  }
});

test("a query of only a question word still finds the headings that hold it", async () => {
  const got = await hits("怎么办");
  assert.ok(got.length >= FAQ.length, got.join("\n"));
  assert.match(got[0], /怎么办$/, got.slice(0, 5).join("\n"));
});

test("a heading that is the question, with more than the tail, is still found first", async () => {
  const got = await hits("客户问怎么办");
  assert.equal(got[0], "常见问题 › 客户问怎么办", got.slice(0, 5).join("\n"));
});
