// 学员进度汇总 for a team leader who coaches: each checkpoint's latest attempt (its day, score,
// passed or not) under the best score; a learner's row opens on their quizzes, their 错题本
// with the answers they gave and each question's 单题练习 link (复制本题链接 to send it), and
// the pages revised since a chosen day, read since or not (已读本期修订 12 / 18). 易错题 links
// each question alone and says the wrong answer most of the group gave. The CSV gains them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withBrowserAndBook, fileUrl, freshPage, axeViolations, fakeClipboard, copyField } from "./helpers.mjs";

let browser;
let root;
withBrowserAndBook((b, r) => { browser = b; root = r; });

const site = (rel) => fileUrl(join(root, "site", rel));
const DAY = 86400000;
const pad = (n) => String(n).padStart(2, "0");
const iso = (ms) => { const d = new Date(ms); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; };
const short = (ms) => { const d = new Date(ms); return (d.getFullYear() === new Date().getFullYear() ? "" : d.getFullYear() + "年") + (d.getMonth() + 1) + "月" + d.getDate() + "日"; };
const dayStart = (s) => { const [y, m, d] = s.split("-").map(Number); return new Date(y, m - 1, d).getTime(); };

test("a leader sees each learner's latest attempts, wrong answers with their links, and who read this period's revisions", async () => {
  const { ctx, page, errors } = await freshPage(browser, { acceptDownloads: true });
  // The clipboard as the page writes it.
  await ctx.addInitScript(() => {
    window.__copied = [];
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: (t) => { window.__copied.push(t); return Promise.resolve(); } } });
  });
  await page.goto(site("progress/team/index.html"));
  const book = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book);
  const cps = book.course.modules.flatMap((m) => m.items).filter((i) => i.kind === "quiz" && i.checkpoint);
  assert.equal(cps[0].id, "principles");
  assert.ok(book.revisions.length, "the revisions of rule cards and lessons are in the data");
  assert.ok(!book.revisions.some((r) => r.id.startsWith("trainer/")), "not the trainer guide's");
  // The period: from the latest day of revisions; two of its pages, one read since, one before.
  const d0 = book.revisions.map((r) => r.date).filter((d) => d <= iso(Date.now())).sort().at(-1);
  const period = [...new Set(book.revisions.filter((r) => r.date >= d0).map((r) => r.id))];
  assert.ok(period.length >= 2, JSON.stringify(period));
  const exam = book.quizzes.find((q) => q.exam);
  assert.ok(exam, "the book has an exam");

  const last = Date.now() - 3 * DAY, passedAt = Date.now() - 10 * DAY;
  const file = (name, progress) => {
    const p = join(root, `detail-${name}.json`);
    writeFileSync(p, JSON.stringify({ handbook: "progress", book: book.title, exported: new Date().toISOString(),
      progress: { v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {}, ...progress } }));
    return p;
  };
  const zhang = file("zhang", {
    name: "张三", job: "A1", learner: "L-zhang-1",
    // Passed, coached, redone: the latest attempt failed.
    quizzes: { principles: { best: 90, passed: true, attempts: 3, last, lastScore: 60, passedAt } },
    wrong: {
      "principles/principles-01": { n: 2, last, ok: 0, picks: [{ a: 1, t: last - DAY }, { a: 1, t: last }] },
      [`${exam.id}/q-own`]: { n: 1, last: last - DAY, ok: 0 },
    },
    lessons: { [period[0]]: dayStart(d0) + 10 * 3600000, [period[1]]: dayStart(d0) - 5 * DAY },
  });
  const li = file("li", {
    name: "李四", learner: "L-li-1",
    quizzes: { principles: { best: 50, passed: false, attempts: 1, last: last - DAY, lastScore: 50 } },
    wrong: { "principles/principles-01": { n: 1, last, ok: 0, picks: [{ a: 1, t: last }] } },
  });
  await page.setInputFiles("#team-files", [zhang, li]);
  await page.waitForFunction(() => /已汇总 2 名学员/.test(document.querySelector(".team-note").textContent));

  // 1. Each checkpoint: the best score, and under it the latest attempt.
  const heads = await page.$$eval(".team-table thead th", (ths) => ths.map((t) => t.textContent));
  const col = heads.indexOf(cps[0].title);
  const cell = (who, c) => page.$eval(`.team-table tbody tr.team-row:nth-child(${who}) > :nth-child(${c + 1})`, (td) => [...td.children].map((s) => s.textContent));
  assert.deepEqual(await cell(1, col), ["90% ✓", `最近 ${short(last)} 60% 未通过`]);
  assert.deepEqual(await cell(2, col), ["50%", `最近 ${short(last - DAY)} 50% 未通过`]);
  assert.equal(await page.textContent(`.team-table tbody tr.team-row:nth-child(1) > :nth-child(${heads.indexOf("错题本") + 1})`), "2 题");
  // 2. 已读本期修订: from the latest day, as on 最近修订.
  assert.equal(await page.inputValue("#team-since"), d0);
  const rcol = heads.indexOf("已读本期修订") + 1;
  assert.ok(rcol > 0, JSON.stringify(heads));
  assert.equal(await page.textContent(`.team-table tbody tr.team-row:nth-child(1) > :nth-child(${rcol})`), `1 / ${period.length}`);
  assert.equal(await page.textContent(`.team-table tbody tr.team-row:nth-child(2) > :nth-child(${rcol})`), `0 / ${period.length}`);
  assert.match(await page.textContent(".team-period-note"), /不记读的是哪个版本/);

  // 3. 张三's details.
  const who = page.locator(".team-table .team-who", { hasText: "张三" });
  assert.equal(await who.getAttribute("aria-expanded"), "false");
  await who.click();
  assert.equal(await who.getAttribute("aria-expanded"), "true");
  const box = page.locator(".team-detail .team-detail-box");
  assert.deepEqual(await box.locator(`.team-quiz-table tr[data-quiz="principles"] > *`).allTextContents(),
    [cps[0].title, "90% ✓", "3 次", `${iso(last)} 60% 未通过`, iso(passedAt)]);
  // The 错题本: the question's text, the answer given, its practice link; an exam's has none.
  const item = box.locator('.team-wrong-item[data-key="principles/principles-01"]');
  await page.waitForFunction(() => !/^principles-01$/.test(document.querySelector('.team-wrong-item[data-key="principles/principles-01"] .team-wrong-prompt').textContent));
  const q = await page.evaluate(() => window.HANDBOOK_QUIZZES.principles.questions.find((x) => x.id === "principles-01"));
  const given = await page.evaluate((q) => window.HandbookQuiz.answerText(q, 1), q);
  assert.ok(given, "option 1 of principles-01 in words");
  assert.equal(await item.locator(".team-wrong-prompt").textContent(), await page.evaluate((h) => window.HandbookQuiz.dom.plainText(h), q.prompt));
  assert.equal(await item.locator(".team-wrong-picks").textContent(), `· 有 2 次答成“${given}”`);
  assert.match(await item.locator(".team-wrong-meta").textContent(), /错 2 次/);
  const practice = await item.locator("a.team-practice").evaluate((a) => a.href);
  assert.equal(practice, site("quizzes/principles/index.html") + "#principles-01");
  const own = box.locator(`.team-wrong-item[data-key="${exam.id}/q-own"]`);
  assert.equal(await own.locator(".team-copy").count(), 0, "no single-question link to an exam's question");
  assert.equal(await own.locator("a.team-practice").evaluate((a) => a.getAttribute("href")), "../../" + exam.href);
  // 复制本题链接: the whole address, with the question.
  await item.locator(".team-copy").click();
  await page.waitForFunction(() => window.__copied.length === 1);
  const copied = await page.evaluate(() => window.__copied[0]);
  assert.ok(copied.endsWith("单题练习：" + practice), copied);
  assert.ok(copied.startsWith(`【${book.quizzes.find((x) => x.id === "principles").title}】`), copied);
  assert.equal(await item.locator(".team-copy").textContent(), "已复制");
  // The period's pages: unread first, each saying why.
  const revised = await box.locator(".team-revised-list li").evaluateAll((lis) => lis.map((li) => [li.dataset.page, li.className, li.querySelector(".team-read-why").textContent]));
  assert.equal(revised.length, period.length);
  assert.deepEqual(revised.at(-1).slice(0, 2), [period[0], "is-read"]);
  const before = revised.find((r) => r[0] === period[1]);
  assert.equal(before[1], "is-unread");
  assert.match(before[2], /修订前读过（最后一次读到页尾 .*），修订后还没读/);
  assert.match(revised.find((r) => r[0] === period.at(-1))[2], period.length > 2 ? /没有读到过页尾/ : /./);

  // (The open row and its lists pass axe: the name is a button that says it is expanded.)
  assert.deepEqual(await axeViolations(page), []);

  // 4. Another day: the period and the count follow; the open row stays open.
  await page.fill("#team-since", "2099-01-01");
  await page.waitForFunction((c) => document.querySelector(`.team-table tbody tr.team-row > :nth-child(${c})`).textContent === "—", rcol);
  assert.equal(await page.locator(".team-detail").count(), 1);
  assert.match(await page.textContent(".team-detail .team-detail-h:last-of-type"), /本期修订：已读 0 \/ 0 页/);
  await page.fill("#team-since", d0);
  await page.waitForFunction((c) => document.querySelector(`.team-table tbody tr.team-row > :nth-child(${c})`).textContent !== "—", rcol);

  // 5. 易错题: the question alone, and the wrong answer most of the group gave.
  const hard = page.locator('.team-hard-table tr[data-key="principles/principles-01"]');
  assert.equal(await hard.locator(".team-hard-prompt a").evaluate((a) => a.href), practice);
  assert.equal(await hard.locator(".team-hard-most").textContent(), `“${given}”（2 人）`);
  await hard.locator(".team-copy").click();
  await page.waitForFunction(() => window.__copied.length === 2);

  // 6. The CSV: each checkpoint's latest attempt, the 错题本, the period's revisions read.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".team-csv")]);
  const lines = readFileSync(await download.path(), "utf8").replace(/^\ufeff/, "").trim().split("\r\n").map((l) => l.slice(1, -1).split('","'));
  const h = lines[0];
  const z = lines.find((l) => l[0] === "张三（A1）");
  assert.equal(z[h.indexOf(cps[0].title)], "90% ✓");
  assert.equal(z[h.indexOf(cps[0].title + "（最近一次）")], `${iso(last)} 60% 未通过`);
  assert.equal(z[h.indexOf("错题本（未改对）")], "2");
  assert.equal(z[h.indexOf(`已读 ${d0} 起修订的页面`)], `1 / ${period.length}`);
  assert.deepEqual(h.slice(-2), ["结业", "导出日期"]);
  // Where each is: the next item of the course not done (as their own page's 继续学习), the
  // last day they read or answered.
  const items = book.course.modules.flatMap((m) => m.items);
  const read = new Set([period[0], period[1]]);
  const next = items.find((i) => i.kind === "quiz" ? i.id !== "principles" : !read.has(i.id) && !read.has(i.id + "/") && !read.has("rules/" + i.id + "/"));
  assert.equal(z[h.indexOf("下一项")], next.title);
  assert.equal(z[h.indexOf("最近学习")], iso(Math.max(last, dayStart(d0) + 10 * 3600000)));
  assert.match(z[h.indexOf("总体进度")], /^\d+%$/);
  const liRow = lines.find((l) => l[0] === "李四");
  assert.equal(liRow[h.indexOf("下一项")], items[0].title);
  assert.equal(liRow[h.indexOf("最近学习")], iso(last - DAY));
  // Following the link plays that question alone.
  await page.goto(practice);
  await page.waitForSelector(".quiz-whole");
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("复制错题练习链接: a leader sends one learner all their wrong questions as one practice, which that learner's 错题本 page plays", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await ctx.addInitScript(() => {
    window.__copied = [];
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: (t) => { window.__copied.push(t); return Promise.resolve(); } } });
  });
  await page.goto(site("progress/team/index.html"));
  const book = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book);
  const exam = book.quizzes.find((q) => q.exam);
  const last = Date.now() - DAY;
  const p = join(root, "send-zhao.json");
  writeFileSync(p, JSON.stringify({ handbook: "progress", book: book.title, exported: new Date().toISOString(),
    progress: { v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {}, name: "赵六", learner: "L-zhao-1",
      wrong: {
        "principles/principles-01": { n: 2, last, ok: 0 },
        "principles/principles-02": { n: 1, last, ok: 0 },
        "procedure-time-limits/procedure-time-limits-08": { n: 1, last, ok: 0 },
        [`${exam.id}/q-own`]: { n: 1, last, ok: 0 },
      } } }));
  await page.setInputFiles("#team-files", [p]);
  await page.locator(".team-table .team-who", { hasText: "赵六" }).click();
  // An exam's question is left out, as from 复制本题链接.
  const all = page.locator(".team-detail .team-copy-all");
  assert.equal(await all.textContent(), "复制全部 3 道错题的练习链接（考试题除外）");
  // Opened from a file: the links copied are this computer's, and the page says so.
  assert.match(await page.textContent(".team-detail .team-detail-lead"), /本页是直接从文件打开的.*本机磁盘.*从内网网址打开本页再复制/);
  await all.click();
  await page.waitForFunction(() => window.__copied.length === 1);
  const text = await page.evaluate(() => window.__copied[0]);
  assert.match(text, /^【错题练习】赵六的 3 道错题，打开后直接练：file:\/\//);
  const link = text.slice(text.indexOf("file://"));
  assert.ok(link.startsWith(site("progress/mistakes/index.html") + "#practice="), link);
  await ctx.close();

  // The learner's own browser, its 错题本 empty: the link plays the three questions.
  const learner = await freshPage(browser);
  await learner.page.goto(link);
  await learner.page.waitForSelector(".mistakes-player .quiz-card");
  assert.match(await learner.page.textContent(".mistakes-assigned"), /发给你的一组练习，共 3 题/);
  assert.equal((await learner.page.textContent(".mistakes-player .quiz-counter")).trim(), "第 1 / 3 题");
  // Done with it: the 错题本, and a reload does not start it again.
  await learner.page.click(".mistakes-leave");
  await learner.page.waitForSelector("#mistakes-h");
  assert.equal(await learner.page.evaluate(() => location.hash), "");
  assert.ok(await learner.page.locator(".mistakes-assigned").isHidden());
  // A link naming a question twice, a quiz the book no longer has, and an exam's question
  // (not in this learner's 错题本): the one question, once; pasted into the open page.
  const odd = ["principles/principles-02", "principles/principles-02", "gone-quiz/q-1", `${exam.id}/q-own`].map(encodeURIComponent).join(",");
  await learner.page.evaluate((h) => { location.hash = h; }, "practice=" + odd);
  await learner.page.waitForSelector(".mistakes-player .quiz-card");
  assert.match(await learner.page.textContent(".mistakes-assigned"), /共 1 题（另有 2 题已从手册删除，或是考试题）/);
  assert.deepEqual([...errors, ...learner.errors], []);
  await learner.ctx.close();
});

test("复制本题链接 and 复制全部错题的练习链接 where nothing can be copied: 复制失败, and the address selected beside the button to copy by hand", async () => {
  const { ctx, page, errors } = await freshPage(browser);
  await fakeClipboard(ctx, false);
  await page.goto(site("progress/team/index.html"));
  const book = await page.evaluate(() => window.HANDBOOK_PROGRESS_DATA.book);
  const p = join(root, "no-clipboard.json");
  writeFileSync(p, JSON.stringify({ handbook: "progress", book: book.title, exported: new Date().toISOString(),
    progress: { v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {}, name: "钱七", learner: "L-qian-1",
      wrong: { "principles/principles-01": { n: 1, last: Date.now(), ok: 0 }, "principles/principles-02": { n: 1, last: Date.now(), ok: 0 } } } }));
  await page.setInputFiles("#team-files", [p]);
  await page.locator(".team-table .team-who", { hasText: "钱七" }).click();
  const item = page.locator('.team-detail .team-wrong-item[data-key="principles/principles-01"]');
  const practice = await item.locator("a.team-practice").evaluate((a) => a.href);
  for (const [button, address, said] of [
    [item.locator(".team-copy"), practice, "复制失败，链接在按钮旁，请手动复制"],
    [page.locator(".team-detail .team-copy-all"), null, "复制失败，链接在按钮旁，请手动复制"],
  ]) {
    await button.click();
    await page.waitForFunction(() => document.getElementById("copy-status").textContent !== "");
    assert.equal(await page.textContent("#copy-status"), said);
    assert.equal(await button.textContent(), "复制失败");
    // The address alone, in a field just after the button, selected and focused.
    const field = await copyField(button);
    assert.ok(field && field.focused && field.selected && field.name, JSON.stringify(field));
    if (address) assert.equal(field.value, address);
    else assert.ok(field.value.startsWith(site("progress/mistakes/index.html") + "#practice="), field.value);
    await page.evaluate(() => { document.getElementById("copy-status").textContent = ""; });
  }
  assert.deepEqual(await page.evaluate(() => window.__copied), []);
  assert.deepEqual(errors, []);
  await ctx.close();
});
