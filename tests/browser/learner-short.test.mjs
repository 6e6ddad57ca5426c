// Short answers as a new staff member types them: hedges (约, 左右, 以内, 最长, 共), Chinese
// numerals or digits, 大类, 种 or 项 for 类, 应该 before and 一些 after are the same answer; a
// different number or a unit of time never is. The
// feedback names one reference answer, not every accepted spelling.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));

test("short answers: hedges, numerals and 大类 are accepted; a wrong number is not", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const cases = [
    // [quiz, question, answers that must pass, answers that must fail]
    ["principles", "principles-03", ["约4%", "大约4%", "4%左右", "四", "百分之4"], ["3", "40", "14%"]],
    ["final-exam", "final-exam-04", ["约80%", "八十", "大约80", "80"], ["8", "800", "90"]],
    ["final-exam", "final-exam-05", ["三十个工作日内", "最长30个工作日", "30个工作日以内", "三十"], ["3个工作日", "3", "20个工作日"]],
    ["procedure-time-limits", "procedure-time-limits-01", ["5个工作日以内", "五个工作日内", "5"], ["3个工作日", "15个工作日", "3个工作日以内"]],
    ["procedure-time-limits", "procedure-time-limits-04", ["3个工作日以内", "三个工作日"], ["5个工作日", "30个工作日"]],
    ["common-mistakes", "common-mistakes-16", ["客户心情", "客户的情绪"], ["事情"]],
    ["complaint-types", "complaint-types-04", ["7大类", "七大类", "共7类", "一共七类", "七种", "7种", "7项"], ["8类", "17类", "七十种"]],
  ];
  for (const [quiz, qid, good, bad] of cases) {
    await page.goto(site(`quizzes/${quiz}/index.html`));
    await page.waitForFunction((id) => window.HANDBOOK_QUIZZES && window.HANDBOOK_QUIZZES[id], quiz);
    const got = await page.evaluate(([quiz, qid, good, bad]) => {
      const q = window.HANDBOOK_QUIZZES[quiz].questions.find((x) => x.id === qid);
      const H = window.HandbookQuiz;
      return { good: good.filter((a) => !H.accepts(q.accepted, a)), bad: bad.filter((a) => H.accepts(q.accepted, a)) };
    }, [quiz, qid, good, bad]);
    assert.deepEqual(got.good, [], `${qid}: these right answers are accepted`);
    assert.deepEqual(got.bad, [], `${qid}: these wrong answers are refused`);
  }
  // Whatever a quiz lists: 百分之N is N% (its 百 is no numeral), 一百 is 100.
  const direct = await page.evaluate(() => {
    const H = window.HandbookQuiz;
    return [H.accepts(["4%"], "百分之四"), H.accepts(["80%"], "百分之八十"), H.accepts(["100"], "一百"), H.accepts(["4%"], "百分之四十"),
      // 应该 / 应当 before, 一些 / 一点 after: the same answer; not 不应该, nor a unit of time.
      H.accepts(["应当回避"], "应该回避"), H.accepts(["回避"], "要回避"), H.accepts(["动作快点"], "动作快一些"),
      H.accepts(["回避"], "不应该回避"), H.accepts(["5个工作日"], "5天"), H.accepts(["5"], "5天"), H.accepts(["4点"], "4"),
      // (点 is a word's own in 特点 and 重点.)
      H.accepts(["特点"], "特"), H.accepts(["重点"], "重"), H.accepts(["动作快"], "动作快点"), H.accepts(["回避"], "需要回避")];
  });
  assert.deepEqual(direct, [true, true, true, false, true, true, true, false, false, false, false, false, false, true, true]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("short answers: the feedback shows one reference answer", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(site("quizzes/principles/index.html#principles-03"));
  await page.waitForSelector(".quiz-stage .quiz-short-input");
  await page.fill(".quiz-stage .quiz-short-input", "3%");
  await page.click(".quiz-stage button[type=submit]");
  const text = await page.textContent(".quiz-short-feedback");
  assert.match(text, /参考答案：4%$/);
  assert.doesNotMatch(text, / \/ /);
  await ctx.close();
});
