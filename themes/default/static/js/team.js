/* handbook 学员进度汇总 (progress/team/): a trainer opens the progress files several learners
 * exported from 我的学习进度 and sees them side by side -- lessons read, quizzes passed, each
 * checkpoint quiz, completion -- and saves the table as CSV for Excel. The files are read in
 * the browser and go nowhere. Plain ES5, works from file://. */
(function () {
  "use strict";
  var app = document.getElementById("team-app");
  var body = document.body;
  if (!app || !body) return;
  var Q = window.HandbookQuiz, H = window.Handbook;
  var data = window.HANDBOOK_PROGRESS_DATA && window.HANDBOOK_PROGRESS_DATA.book;
  if (!Q || !Q.store || !Q.dom || !H || !data) {
    app.textContent = "汇总页需要主题的 quiz.js 和 progress/data.js，它们没有载入。";
    return;
  }
  var el = Q.dom.el, attrs = Q.dom.attrs, button = Q.dom.button;
  var book = body.getAttribute("data-book") || "";
  var root = body.getAttribute("data-root") || "";
  function own(o, k) { return k !== "__proto__" && Object.prototype.hasOwnProperty.call(o, k); }
  function str(x) { return x == null ? "" : String(x); }

  // The checkpoint quizzes of the course, in its order; without a course, every quiz.
  var checkpoints = [];
  var modules = data.course && data.course.modules instanceof Array ? data.course.modules : [];
  for (var m = 0; m < modules.length; m++) {
    var items = modules[m].items instanceof Array ? modules[m].items : [];
    for (var i = 0; i < items.length; i++) {
      if (items[i].kind === "quiz" && items[i].checkpoint) checkpoints.push(items[i]);
    }
  }
  if (!modules.length) checkpoints = data.quizzes instanceof Array ? data.quizzes : [];
  var lessons = data.lessons instanceof Array ? data.lessons : [];
  // What 已读 counts: as on the learner's 我的学习进度, the course's lessons and rule cards
  // (not the trainer guide); without a course, every lesson.
  var readable = [];
  for (m = 0; m < modules.length; m++) {
    var its = modules[m] && modules[m].items instanceof Array ? modules[m].items : [];
    for (i = 0; i < its.length; i++) if (its[i] && its[i].kind !== "quiz") readable.push({ kind: str(its[i].kind), id: str(its[i].id), href: str(its[i].href) });
  }
  if (!modules.length) for (i = 0; i < lessons.length; i++) readable.push({ kind: "lesson", id: str(lessons[i].id), href: str(lessons[i].href) });
  var quizzes = data.quizzes instanceof Array ? data.quizzes : [];
  // 通过的测验 counts the quizzes that score: a deck of cards is gone through, not passed.
  var tests = [];
  for (i = 0; i < quizzes.length; i++) if (quizzes[i] && quizzes[i].cards !== true) tests.push(quizzes[i]);

  var learners = [];   // { name, ids: [learner ids], record, files: [file names], exported: ISO time }
  var problems = [];   // "file: why"

  function idsOf(r) { return (r.learner ? [r.learner] : []).concat(r.also || []); }
  function shares(a, b) {
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) >= 0) return true;
    return false;
  }

  /** Whether rows `a` and `b` are one learner: the same learner id (a record carries its own
   *  and those of the records merged into it), or the same name and 工号 given on both (one
   *  person on two computers, each with its own id: a 工号 is the person's) -- never by name
   *  alone or file name, which two learners may share. */
  function samePerson(a, b) {
    if (shares(a.ids, b.ids)) return true;
    var ja = trim(a.record.job), jb = trim(b.record.job);
    return a.named && b.named && !!ja && ja === jb && trim(a.name) === trim(b.name);
  }
  function trim(x) { return str(x).replace(/^\s+|\s+$/g, ""); }

  /** One file: merged into the row of the same learner (samePerson), else a row of its own
   *  (a file from before learner ids, without a 工号, too). What it did: "new", "merged"
   *  (into a learner's row: newer or older, what either holds is kept), "same" (a file
   *  already opened, or one that adds nothing), "bad". */
  function add(fileName, text, key) {
    var got = Q.store.readFile(text, book, body.getAttribute("data-book-title") || "");
    if (got.error) { problems.push(fileName + "：" + got.error); return "bad"; }
    var ids = idsOf(got.record);
    var name = got.record.name || fileName.replace(/\.json$/i, "");
    var row = { name: name, named: !!got.record.name, ids: ids, record: got.record, files: [fileName], exported: got.exported, keys: key ? [key] : [], unfinished: got.open || [] };
    for (var k = 0; k < learners.length; k++) {
      if (!samePerson(row, learners[k])) continue;
      var was = JSON.stringify(learners[k].record);
      absorb(learners[k], row);
      var now = JSON.stringify(learners[k].record);
      // A file that names two ids joins rows opened before as two learners (whatever the
      // order the files were opened in).
      for (var m = learners.length - 1; m > k; m--) {
        if (samePerson(learners[k], learners[m])) { absorb(learners[k], learners[m]); learners.splice(m, 1); }
      }
      return was === now && JSON.stringify(learners[k].record) === now ? "same" : "merged";
    }
    learners.push(row);
    return "new";
  }

  /** Row `from` merged into row `l`: the records, files and ids; the name given last. */
  function absorb(l, from) {
    Q.store.mergeInto(l.record, from.record);
    for (var f = 0; f < from.files.length; f++) l.files.push(from.files[f]);
    for (f = 0; f < from.keys.length; f++) l.keys.push(from.keys[f]);
    for (var i = 0; i < from.ids.length; i++) if (l.ids.indexOf(from.ids[i]) < 0) l.ids.push(from.ids[i]);
    // (A file without a name keeps the row's.)
    if (from.named && (!l.named || from.exported > l.exported)) { l.name = from.name; l.named = true; }
    if (from.record.job && (!l.record.job || from.exported > l.exported)) l.record.job = from.record.job;
    // (Left half done: as the latest file has it -- an exam handed in since is not open.)
    if (from.exported > l.exported) { l.unfinished = from.unfinished; l.exported = from.exported; }
  }

  /** A row's learner as shown: 张三（1001）; a file without a name, 未署名（its file's name):
   *  a file name alone (学习进度-20261205) read as a learner's. */
  function who(l) { return (l.named ? l.name : "未署名（" + l.name + "）") + (l.record.job ? "（" + l.record.job + "）" : ""); }

  /** Rows that show the same name: [[name, count, how many of them have no learner id]]. */
  function sameNames() {
    var by = {}, out = [], k;
    for (k = 0; k < learners.length; k++) {
      var n = who(learners[k]);
      by[n] = by[n] || [0, 0];
      by[n][0]++;
      if (!learners[k].ids.length) by[n][1]++;
    }
    for (k in by) if (own(by, k) && by[k][0] > 1) out.push([k, by[k][0], by[k][1]]);
    return out;
  }

  var quizIndex = {};
  for (i = 0; i < quizzes.length; i++) quizIndex[str(quizzes[i].id)] = quizzes[i];
  var revisions = data.revisions instanceof Array ? data.revisions : [];

  // A time (ms) as its local day, YYYY-MM-DD; the local start of a day so written (ms, null
  // for anything else): handbook.js's, as the revisions' notes on the pages count them.
  var isoDay = H.isoDay, dayStart = H.dayStart;
  var today = isoDay(new Date().getTime());
  /** A day for the table: 11月20日, with the year when it is not this year. */
  function shortDay(ms) {
    var d = new Date(ms);
    return (d.getFullYear() === new Date().getFullYear() ? "" : d.getFullYear() + "年") + (d.getMonth() + 1) + "月" + d.getDate() + "日";
  }
  /** The day a learner's file was exported (local), "" when it does not say. */
  function exportDay(l) {
    var t = Date.parse(l.exported || "");
    return isNaN(t) ? "" : isoDay(t);
  }

  // 本期修订 (the monthly review: who has read what was revised): the revisions from a day the
  // trainer picks, by default the latest day of revisions that has come, as 最近修订's
  // 更新通知 starts.
  var since = "";
  for (i = 0; i < revisions.length; i++) {
    var rd = str(revisions[i].date);
    if (dayStart(rd) !== null && rd <= today && rd > since) since = rd;
  }
  if (!since) for (i = 0; i < revisions.length; i++) {
    if (dayStart(str(revisions[i].date)) !== null && (!since || str(revisions[i].date) < since)) since = str(revisions[i].date);
  }

  /** The pages revised on or after `since`, each once: [{ id (the page's folder, as the
   *  record keeps it), kind, title, href, date (its latest revision), changes: [{ date,
   *  change }] }], the latest first. */
  function revisedPages() {
    var by = {}, out = [], k;
    for (k = 0; k < revisions.length; k++) {
      var r = revisions[k], d = str(r.date), id = str(r.id);
      if (!since || !id || dayStart(d) === null || d < since || id === "__proto__") continue;
      var p = own(by, id) ? by[id] : null;
      if (!p) { p = by[id] = { id: id, kind: str(r.kind), title: str(r.title), href: str(r.href), date: d, changes: [] }; out.push(p); }
      if (d > p.date) p.date = d;
      p.changes.push({ date: d, change: str(r.change) });
    }
    out.sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; });
    return out;
  }
  /** Whether learner `l` has read page `p` since its latest revision: the record keeps, per
   *  page, when its end was last reached (ms); it counts when that is on the revision's day
   *  or later -- the rule the learner's own pages use for 新 and “你上次打开这一页之后……有修订”. */
  function readSince(l, p) {
    var t = own(l.record.lessons, p.id) ? l.record.lessons[p.id] : null;
    return { at: t, read: t !== null && t >= dayStart(p.date) };
  }

  /** `ms` as whole minutes after a word: " 12 分钟" (spaced from it), or "不到 1 分钟" below
   *  half a minute (用时不到 1 分钟). */
  function minutes(ms) {
    var m = Math.round(ms / 60000);
    return m < 1 ? "不到 1 分钟" : " " + m + " 分钟";
  }

  /** A quiz record's latest attempt in words: its day, score, and whether it passed (the
   *  rounded score against the pass mark); "" when the record has no time. */
  function lastAttempt(r, quiz, day) {
    if (!r || !(r.last > 0)) return "";
    var s = (day || shortDay)(r.last);
    if (typeof r.lastScore === "number") {
      s += " " + r.lastScore + "%";
      if (quiz && typeof quiz.pass_mark === "number") s += r.lastScore >= quiz.pass_mark ? " 通过" : " 未通过";
    }
    // An exam's: the time it took, and 暂停计时 if it was used.
    if (typeof r.lastTime === "number") s += "，用时" + minutes(r.lastTime);
    if (typeof r.lastPauses === "number" && r.lastPauses > 0) s += "，暂停 " + r.lastPauses + " 次，共" + minutes(r.lastPausedMs || 0);
    return s;
  }

  /** The 错题本 entries of learner `l` still open (answered wrong since last right), of this
   *  book's quizzes: [{ quiz, id, n, last, picks }], the latest first. */
  function openWrong(l) {
    var list = Q.store.wrongList(l.record), out = [];
    for (var k = 0; k < list.length; k++) if (own(quizIndex, list[k].quiz)) out.push(list[k]);
    return out;
  }

  /** What the table says of learner `l`: lessons read, quizzes passed, each checkpoint's
   *  record, completion, the 错题本's open entries, the period's revised pages read. */
  function facts(l, pages) {
    var d = l.record, f = { read: 0, passed: 0, through: 0, cps: [], wrong: openWrong(l), pages: [], pagesRead: 0 }, k;
    for (k = 0; k < readable.length; k++) if (Q.store.itemDone(d, readable[k].kind, readable[k].id, readable[k].href)) f.read++;
    for (k = 0; k < tests.length; k++) if (own(d.quizzes, tests[k].id) && d.quizzes[tests[k].id].passed) f.passed++;
    for (k = 0; k < checkpoints.length; k++) {
      var r = own(d.quizzes, checkpoints[k].id) ? d.quizzes[checkpoints[k].id] : null;
      if (r && r.passed) f.through++;
      f.cps.push(r);
    }
    f.done = !!checkpoints.length && f.through === checkpoints.length;
    // Where the learner is (总体进度 and the next item, as on their own 我的学习进度), and
    // the last time they read a page or answered a quiz.
    f.course = modules.length ? Q.store.courseProgress(data.course, d) : null;
    f.active = 0;
    for (k in d.lessons) if (own(d.lessons, k) && d.lessons[k] > f.active) f.active = d.lessons[k];
    for (k in d.quizzes) if (own(d.quizzes, k) && d.quizzes[k].last > f.active) f.active = d.quizzes[k].last;
    for (k = 0; k < pages.length; k++) {
      var s = readSince(l, pages[k]);
      f.pages.push(s);
      if (s.read) f.pagesRead++;
    }
    return f;
  }

  /** What a link copied here is, when this page was opened from a file: an address on this
   *  computer (file:///D:/…), which a learner's computer opens only where the site is at the
   *  same place (a shared drive by its network name); "" over http. */
  function fromDisk() {
    if (location.protocol !== "file:") return "";
    return "注意：本页是直接从文件打开的，复制的链接是这台电脑上的文件地址（" + (location.host ? "共享文件夹 \\\\" + location.host : "本机磁盘") + "），" +
      "学员的电脑只有在同一位置也能打开手册时才能用；从内网网址打开本页再复制最稳妥。";
  }

  /** The title of the next course item learner facts `f` have not done, "" when none. */
  function nextTitle(f) {
    var n = f.course && f.course.next;
    return n ? str(n.title) || str(n.id) : "";
  }

  /** One learner's row for the CSV: [name, (with a course) 总体进度 and the next item, the
   *  last day studied, lessons read, quizzes passed, each checkpoint's best and latest
   *  attempt, 错题本, revisions read, completed, exported]. */
  function row(l, pages) {
    var f = facts(l, pages), k;
    var cells = [who(l)];
    if (f.course) cells.push(f.course.percent + "%", nextTitle(f) || "—");
    cells.push(f.active ? isoDay(f.active) : "—", f.read + " / " + readable.length, f.passed + " / " + tests.length);
    for (k = 0; k < checkpoints.length; k++) {
      var r = f.cps[k];
      cells.push(r ? r.best + "%" + (r.passed ? " ✓" : "") : "—", lastAttempt(r, checkpoints[k], isoDay) || "—");
    }
    cells.push(String(f.wrong.length));
    if (revisions.length) cells.push(pages.length ? f.pagesRead + " / " + pages.length : "—");
    cells.push(f.done ? "已结业" : "未完成");
    cells.push(l.exported ? l.exported.slice(0, 10) : "—");
    return cells;
  }
  function heads() {
    var h = ["学员"];
    if (modules.length) h.push("总体进度", "下一项");
    h.push("最近学习", modules.length ? "已读课程和规则" : "已读课程", "通过的测验");
    for (var k = 0; k < checkpoints.length; k++) h.push(str(checkpoints[k].title), str(checkpoints[k].title) + "（最近一次）");
    h.push("错题本（未改对）");
    if (revisions.length) h.push(since ? "已读 " + since + " 起修订的页面" : "已读本期修订");
    h.push("结业", "导出日期");
    return h;
  }

  /** A cell Excel would read as a formula (= + - @, or a tab or carriage return before one)
   *  is given a leading ' : a learner's name comes from their own progress file, and
   *  =HYPERLINK(…) or a DDE call there would run on the trainer's computer. (rules.csv does
   *  the same in the Rust build.) */
  function inert(v) { return /^[=+\-@\t\r]/.test(v) ? "'" + v : v; }

  function csv() {
    var lines = [heads()], pages = revisedPages();
    for (var k = 0; k < learners.length; k++) lines.push(row(learners[k], pages));
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      var cells = [];
      for (var j = 0; j < lines[i].length; j++) cells.push('"' + inert(str(lines[i][j])).replace(/"/g, '""') + '"');
      out.push(cells.join(","));
    }
    // (The byte-order mark makes Excel read the file as UTF-8.)
    return "\ufeff" + out.join("\r\n") + "\r\n";
  }

  var note = attrs(el("p", "team-note"), { role: "status" });
  /** Draws the page again with `message` in its status line. The button pressed is drawn
   *  anew: where the focus was in the page (or `focus`, a selector or an element, for a row
   *  taken out), it is put back on its new self -- never left on the page's body, a keyboard
   *  user's Tab starting over from the top bar. */
  function render(message, focus) {
    var had = document.activeElement && app.contains(document.activeElement) ? document.activeElement : null;
    if (!focus && had) focus = had.classList && had.classList.contains("team-open") ? ".team-open" :
      had.classList && had.classList.contains("team-csv") ? ".team-csv" : ".team-open";
    drawn(message);
    if (!focus) return;
    var to = typeof focus === "string" ? app.querySelector(focus) : typeof focus === "function" ? focus() : focus;
    if (to && to.focus) to.focus();
  }
  function drawn(message) {
    app.innerHTML = "";
    tableBox = null;
    var acts = el("div", "quiz-actions");
    var pick = attrs(el("input", "visually-hidden"), { type: "file", accept: ".json,application/json", multiple: "multiple", id: "team-files", tabindex: "-1", "aria-hidden": "true" });
    pick.addEventListener("change", function () { readAll(pick.files); });
    acts.appendChild(button("选择学员的进度文件（可多选）", "primary team-open", function () { pick.click(); }));
    acts.appendChild(pick);
    if (learners.length) {
      acts.appendChild(button("保存为 CSV（Excel 可打开）", "secondary team-csv", function () {
        var name = "学员进度汇总-" + Q.dom.dateStamp() + ".csv";
        render(Q.dom.download(csv(), name, "text/csv") ? "已保存 " + name + "（在浏览器的下载文件夹里）。" : "这个浏览器不能直接保存文件。");
      }));
      acts.appendChild(button("清空", "secondary team-clear", function () { learners = []; problems = []; keepList([]); render("已清空（学员的进度文件没有动，要再看就重新选择这些文件）。"); }));
    }
    app.appendChild(acts);
    note.textContent = message || "";
    app.appendChild(note);
    if (problems.length) {
      var warn = attrs(el("div", "team-problems"), { role: "alert" });
      warn.appendChild(el("p", null, "下列文件没有汇总："));
      var ul = el("ul");
      for (var p = 0; p < problems.length; p++) ul.appendChild(el("li", null, problems[p]));
      warn.appendChild(ul);
      app.appendChild(warn);
    }
    if (!learners.length) {
      app.appendChild(el("p", "team-empty", "还没有打开进度文件。"));
      return;
    }
    // Two rows of one name: kept apart, and said so.
    var same = sameNames();
    if (same.length) {
      var sn = el("div", "team-same");
      var parts = [];
      for (var s = 0; s < same.length; s++) parts.push("“" + same[s][0] + "”" + same[s][1] + " 行" + (same[s][2] ? "（其中 " + same[s][2] + " 行来自没有学员编号的旧文件）" : ""));
      sn.appendChild(el("p", null, "名字相同的记录分开列出：" + parts.join("，") + "。" +
        "它们没有相同的学员编号，也没有都填相同的工号，可能是同名的不同学员，也可能是同一人在不同电脑上的记录。请核对后，让学员在每台电脑的“我的学习进度”里填上工号再导出（姓名和工号都相同的文件会自动合并），或导入另一台电脑的文件、合并后重新导出。"));
      app.appendChild(sn);
    }
    // 本期修订: from a day the trainer picks (only a book with revisions has the column).
    if (revisions.length) {
      var bar = el("p", "team-period");
      bar.appendChild(attrs(el("label", null, "本期修订从这一天算起："), { "for": "team-since" }));
      var box = attrs(el("input"), { type: "date", id: "team-since", value: since });
      bar.appendChild(box);
      var count = attrs(el("span", "team-period-count"), { "aria-live": "polite" });
      bar.appendChild(count);
      var change = function () {
        if (dayStart(box.value) === null || box.value === since) return;
        since = box.value;
        fillTable();
      };
      box.addEventListener("change", change);
      box.addEventListener("input", change);
      app.appendChild(bar);
      app.appendChild(el("p", "team-period-note", "“已读本期修订”数的是这一天起修订过的课程和规则卡里，学员在修订日期当天或以后读到过页尾的有几页（点学员的名字看是哪几页）。" +
        "进度文件只记每页最后一次读到页尾的时间，不记读的是哪个版本：修订当天读的算已读；提前发布、按以后的生效日期记的修订，要到那天以后再读才算；文件导出以后才读的，要学员重新导出文件才看得到。"));
    }
    app.appendChild(el("p", "team-legend", "检查点一栏：上面是最好成绩（✓ 已通过），下面是最近一次作答的日期、成绩和是否通过。点学员的名字，展开他的各套测验记录、错题本（答错的答案和单题练习链接）和本期修订的阅读情况。"));
    tableBox = el("div", "team-table-box");
    app.appendChild(tableBox);
    fillTable();
    renderHard();
  }

  // The learners' table (again when the period's day changes): one row each, and under a
  // learner whose name was clicked, the learner's details.
  var tableBox = null;
  function fillTable() {
    if (!tableBox) return;
    tableBox.innerHTML = "";
    var pages = revisedPages();
    var count = document.querySelector(".team-period-count");
    if (count) count.textContent = since ? "（" + pages.length + " 页在 " + since + " 或以后有修订）" : "";
    // (A wide table scrolls sideways; the region takes the focus so keys can scroll it.)
    var wrap = attrs(el("div", "table-wrap team-wrap"), { role: "region", "aria-label": "学员进度表", tabindex: "0" });
    var table = el("table", "team-table");
    table.appendChild(attrs(el("caption", null, learners.length + " 名学员"), {}));
    var tr = table.appendChild(el("thead")).appendChild(el("tr"));
    var cols = columns(), c;
    sortLearners(cols, pages);
    for (c = 0; c < cols.length; c++) (function (c) {
      var th = tr.appendChild(attrs(el("th"), { scope: "col", "aria-sort": sorted.col === c ? (sorted.asc ? "ascending" : "descending") : "none" }));
      var b = th.appendChild(attrs(el("button", "team-sort", cols[c].t), { type: "button" }));
      // (On paper the header's words as text: Chromium paints a header row repeated on the
      // next sheets without its buttons' words -- the columns were nameless after the first.)
      th.setAttribute("data-head", cols[c].t);
      b.addEventListener("click", function () {
        sorted = { col: c, asc: sorted.col === c ? !sorted.asc : true };
        fillTable();
        // (The focus stays on the header pressed, drawn again.)
        var again = tableBox.querySelectorAll(".team-table thead .team-sort")[c];
        if (again) again.focus();
      });
    })(c);
    var tb = table.appendChild(el("tbody"));
    for (var k = 0; k < learners.length; k++) learnerRow(tb, learners[k], k, pages, cols.length);
    wrap.appendChild(table);
    tableBox.appendChild(wrap);
  }

  // Sorting: a header's button orders the learners by its column (pressed again, the other
  // way; 总体进度 lowest first finds who is behind); the CSV keeps the order shown. Each
  // column: its heading and what it sorts by (a number, or text in pinyin order).
  var sorted = { col: -1, asc: true };
  function columns() {
    var cols = [{ t: "学员", key: function (l) { return who(l); } }];
    if (modules.length) cols.push({ t: "总体进度", key: function (l, f) { return f.course ? f.course.percent : 0; } });
    cols.push(
      { t: "最近学习", key: function (l, f) { return f.active; } },
      { t: modules.length ? "已读课程和规则" : "已读课程", key: function (l, f) { return f.read; } },
      { t: "通过的测验", key: function (l, f) { return f.passed; } });
    for (var c = 0; c < checkpoints.length; c++) (function (c) {
      // (Not tried below any score.)
      cols.push({ t: str(checkpoints[c].title), key: function (l, f) { return f.cps[c] ? f.cps[c].best : -1; } });
    })(c);
    cols.push({ t: "错题本", key: function (l, f) { return f.wrong.length; } });
    if (revisions.length) cols.push({ t: "已读本期修订", key: function (l, f) { return f.pagesRead; } });
    cols.push({ t: "结业", key: function (l, f) { return f.done ? 1 : 0; } }, { t: "导出日期", key: function (l) { return l.exported || ""; } });
    return cols;
  }
  function sortLearners(cols, pages) {
    var col = cols[sorted.col];
    if (!col) return;
    var keyed = [];
    for (var k = 0; k < learners.length; k++) keyed.push({ l: learners[k], i: k, v: col.key(learners[k], facts(learners[k], pages)) });
    keyed.sort(function (a, b) {
      var r = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v).localeCompare(String(b.v), "zh-CN");
      // (Ties keep their order: IE 11's sort is not stable.)
      return (sorted.asc ? r : -r) || a.i - b.i;
    });
    for (k = 0; k < keyed.length; k++) learners[k] = keyed[k].l;
  }

  function learnerRow(tb, l, k, pages, span) {
    var f = facts(l, pages), j;
    var r = tb.appendChild(el("tr", "team-row"));
    var th = r.appendChild(attrs(el("th"), { scope: "row", title: l.files.join("、") + (l.ids.length ? "" : "（没有学员编号的旧文件）") }));
    // (Not a .quiz-btn: the name stays on paper, where buttons are left out.)
    var tog = th.appendChild(attrs(el("button", "team-who", who(l)), { type: "button", "aria-expanded": "false" }));
    // Two rows of one name (two 王芳 without a 工号): each says its file, to be told apart,
    // where the files' names do; else the time each was exported (two 王芳's files are both
    // 学习进度-王芳-<day>.json); neither for two files of one name and time.
    var same = 0, byFile = true, byTime = !!l.exported;
    for (j = 0; j < learners.length; j++) {
      if (learners[j] === l || who(learners[j]) !== who(l)) continue;
      same++;
      if (learners[j].files.join("、") === l.files.join("、")) byFile = false;
      if (learners[j].exported === l.exported) byTime = false;
    }
    var when = byTime ? new Date(l.exported) : null;
    if (when && isNaN(when.getTime())) when = null;
    if (same && (byFile || when)) {
      th.appendChild(el("span", "team-last team-file", byFile ? "文件：" + l.files.join("、")
        : "导出于 " + shortDay(when.getTime()) + " " + [when.getHours(), when.getMinutes(), when.getSeconds()].map(function (n) { return (n < 10 ? "0" : "") + n; }).join(":")));
    }
    if (f.course) {
      var at = r.appendChild(el("td", "team-overall"));
      at.appendChild(el("span", "team-best" + (f.course.next ? "" : " is-passed"), f.course.percent + "%"));
      if (f.course.next) at.appendChild(el("span", "team-last", "下一项：" + nextTitle(f)));
    }
    r.appendChild(el("td", null, f.active ? shortDay(f.active) : "—"));
    r.appendChild(el("td", null, f.read + " / " + readable.length));
    r.appendChild(el("td", null, f.passed + " / " + tests.length));
    for (j = 0; j < checkpoints.length; j++) {
      var q = f.cps[j], td = r.appendChild(el("td", "team-quiz"));
      td.appendChild(el("span", "team-best" + (q && q.passed ? " is-passed" : ""), q ? q.best + "%" + (q.passed ? " ✓" : "") : "—"));
      if ((l.unfinished || []).indexOf(str(checkpoints[j].id)) >= 0) td.appendChild(el("span", "team-last team-open", "未交卷（做到一半）"));
      var last = lastAttempt(q, checkpoints[j]);
      if (last) td.appendChild(el("span", "team-last", "最近 " + last));
    }
    r.appendChild(el("td", null, f.wrong.length ? f.wrong.length + " 题" : "0"));
    if (revisions.length) r.appendChild(el("td", pages.length && f.pagesRead === pages.length ? "team-all-read" : null, pages.length ? f.pagesRead + " / " + pages.length : "—"));
    r.appendChild(el("td", f.done ? "team-done" : null, f.done ? "已结业" : "未完成"));
    r.appendChild(el("td", null, l.exported ? l.exported.slice(0, 10) : "—"));
    var more = null;
    function open(on) {
      l.open = on;
      tog.setAttribute("aria-expanded", on ? "true" : "false");
      if (!on) {
        if (more) more.parentNode.removeChild(more);
        more = null;
        tog.removeAttribute("aria-controls");
        return;
      }
      more = el("tr", "team-detail");
      more.id = "team-detail-" + k;
      var cell = attrs(more.appendChild(el("td")), { colspan: String(span) });
      cell.appendChild(detail(l, f, pages));
      r.parentNode.insertBefore(more, r.nextSibling);
      tog.setAttribute("aria-controls", more.id);
    }
    tog.addEventListener("click", function () { open(!l.open); });
    if (l.open) open(true);
  }

  // The quizzes' data (their questions' text), each loaded once; done() once all have come
  // (or failed: a quiz deleted since shows its question ids).
  var loads = {};
  function withQuizzes(ids, done) {
    var left = 1, k;
    function one() { if (--left === 0) done(); }
    for (k = 0; k < ids.length; k++) {
      var id = ids[k];
      if (!own(quizIndex, id) || !Q.loadQuiz || Q.quizData(id)) continue;
      var w = own(loads, id) ? loads[id] : null;
      if (w === true) continue;
      left++;
      if (w) { w.push(one); continue; }
      loads[id] = [one];
      (function (id) {
        Q.loadQuiz(quizIndex[id].href, function () {
          var list = loads[id];
          loads[id] = true;
          for (var n = 0; n < list.length; n++) list[n]();
        });
      })(id);
    }
    one();
  }
  /** A question's data, once its quiz's data.js is loaded; null before, or when it is gone. */
  function question(quiz, id) {
    var d = Q.quizData ? Q.quizData(quiz) : null, qs = d && d.questions instanceof Array ? d.questions : [];
    for (var x = 0; x < qs.length; x++) if (qs[x] && str(qs[x].id) === id) return qs[x];
    return null;
  }
  /** The address that plays one question alone (单题练习), from this page; null for an
   *  exam's (its page opens at the exam's start: a question alone would give the answer away). */
  function questionHref(quiz, id) {
    var q = own(quizIndex, quiz) ? quizIndex[quiz] : null;
    return q && !q.exam ? root + str(q.href) + "#" + encodeURIComponent(id) : null;
  }

  // 复制本题链接: the question's practice link (the whole address, to send to one learner) and
  // its text, as the learner's own quiz pages and 错题本 copy it (quiz.js).
  function copyButton(quiz, id, promptOf) {
    var href = questionHref(quiz, id);
    var b = href && Q.questionCopy ? Q.questionCopy(str(quizIndex[quiz].title), href, id, promptOf, "team-copy") : null;
    if (b) b.setAttribute("data-key", quiz + "/" + id);
    return b;
  }

  /** Learner `l`'s details: each quiz done (best, attempts, the latest attempt, when first
   *  passed), the 错题本 with the answers given and each question's practice link, and the
   *  period's revised pages, read or not since. */
  function detail(l, f, pages) {
    var box = el("div", "team-detail-box"), d = l.record, k;
    box.appendChild(el("h2", "team-detail-h", who(l) + " 的测验记录"));
    // (A file opened by mistake, a learner who left: out of the table, the others kept.)
    box.appendChild(button("从汇总中移除这位学员", "secondary team-remove", function () { removeLearner(l); }));
    var done = [];
    for (k = 0; k < quizzes.length; k++) if (own(d.quizzes, quizzes[k].id)) done.push(quizzes[k]);
    if (done.length) {
      var t = el("table", "team-quiz-table");
      var tr = t.appendChild(el("thead")).appendChild(el("tr"));
      var hs = ["测验", "最好成绩", "做过", "最近一次", "首次通过"];
      for (k = 0; k < hs.length; k++) tr.appendChild(attrs(el("th", null, hs[k]), { scope: "col" }));
      var tb = t.appendChild(el("tbody"));
      for (k = 0; k < done.length; k++) {
        var q = done[k], r = d.quizzes[q.id], row2 = tb.appendChild(attrs(el("tr"), { "data-quiz": str(q.id) }));
        var c0 = row2.appendChild(attrs(el("th"), { scope: "row" }));
        c0.appendChild(attrs(el("a", null, str(q.title)), { href: root + str(q.href) }));
        row2.appendChild(el("td", r.passed ? "team-done" : null, r.best + "%" + (r.passed ? " ✓" : "")));
        row2.appendChild(el("td", null, r.attempts + " 次"));
        row2.appendChild(el("td", null, lastAttempt(r, q, isoDay) || "—"));
        row2.appendChild(el("td", null, typeof r.passedAt === "number" ? isoDay(r.passedAt) : r.passed ? "已通过（时间未记）" : "—"));
      }
      var tw = attrs(el("div", "table-wrap"), {});
      tw.appendChild(t);
      box.appendChild(tw);
    } else box.appendChild(el("p", "team-none", "还没有做过测验。"));

    box.appendChild(el("h2", "team-detail-h", f.wrong.length ? "错题本：" + f.wrong.length + " 道题还没改对" : "错题本是空的"));
    if (f.wrong.length) {
      box.appendChild(el("p", "team-detail-lead", "最近答错的在前。“单题练习”只打开这一道题；复制本题链接，可以发给这位学员单独练。" + fromDisk()));
      var ul = el("ul", "team-wrong-list"), fills = [], quizIds = [];
      for (k = 0; k < f.wrong.length; k++) (function (e) {
        var qz = quizIndex[e.quiz];
        if (quizIds.indexOf(e.quiz) < 0) quizIds.push(e.quiz);
        var li = ul.appendChild(attrs(el("li", "team-wrong-item"), { "data-key": e.quiz + "/" + e.id }));
        var prompt = li.appendChild(el("span", "team-wrong-prompt", e.id));
        li.appendChild(el("span", "team-wrong-meta", "（" + str(qz.title) + "）错 " + e.n + " 次 · 最近 " + shortDay(e.last)));
        var said = li.appendChild(el("span", "team-wrong-picks"));
        var href = questionHref(e.quiz, e.id);
        var acts = li.appendChild(el("span", "team-wrong-acts"));
        acts.appendChild(attrs(el("a", "team-practice", href ? "单题练习" : "打开测验"), { href: href || root + str(qz.href) }));
        var cb = copyButton(e.quiz, e.id, function () { return prompt.textContent === e.id ? "" : prompt.textContent; });
        if (cb) acts.appendChild(cb);
        fills.push(function () {
          var q = question(e.quiz, e.id);
          if (!q) return;
          prompt.textContent = Q.dom.plainText(q.prompt);
          var note = Q.picksNote ? Q.picksNote(q, e.picks) : "";
          said.textContent = note ? "· " + note : "";
        });
      })(f.wrong[k]);
      // All of them (but an exam's) as one practice to send: the 错题本 page plays them.
      var keys = [];
      for (k = 0; k < f.wrong.length; k++) if (questionHref(f.wrong[k].quiz, f.wrong[k].id)) keys.push(encodeURIComponent(f.wrong[k].quiz + "/" + f.wrong[k].id));
      if (keys.length > 1 && H.copyButton) (function (name) {
        var label = "复制全部 " + keys.length + " 道错题的练习链接" + (keys.length < f.wrong.length ? "（考试题除外）" : "");
        var a = el("a");
        a.href = root + "progress/mistakes/index.html#practice=" + keys.join(",");
        var row = el("p", "quiz-actions team-wrong-all");
        row.appendChild(H.copyButton(label, "【错题练习】" + name + "的 " + keys.length + " 道错题，打开后直接练：" + a.href,
          { copied: "已复制错题练习链接", failed: "复制失败，链接在按钮旁，请手动复制", manual: a.href, field: "错题练习链接" }, "quiz-btn secondary team-copy-all"));
        box.appendChild(row);
      })(who(l));
      box.appendChild(ul);
      var fillAll = function () { for (var n = 0; n < fills.length; n++) fills[n](); };
      fillAll();
      withQuizzes(quizIds, fillAll);
    }

    if (revisions.length) {
      box.appendChild(el("h2", "team-detail-h", "本期修订：已读 " + f.pagesRead + " / " + pages.length + " 页"));
      if (!pages.length) box.appendChild(el("p", "team-none", since + " 起没有修订过的课程或规则卡。"));
      else {
        var ex = exportDay(l);
        box.appendChild(el("p", "team-detail-lead", "从 " + since + " 起修订过的页面，没读的在前。已读：修订日期当天或以后读到过页尾。"));
        var list = [];
        for (k = 0; k < pages.length; k++) list.push([pages[k], f.pages[k]]);
        list.sort(function (a, b) { return (a[1].read ? 1 : 0) - (b[1].read ? 1 : 0); });
        var ol = el("ul", "team-revised-list");
        for (k = 0; k < list.length; k++) {
          var p = list[k][0], s = list[k][1];
          var li2 = ol.appendChild(attrs(el("li", s.read ? "is-read" : "is-unread"), { "data-page": p.id }));
          li2.appendChild(el("span", "team-read-mark", s.read ? "已读" : "未读"));
          li2.appendChild(attrs(el("a", null, p.title), { href: root + p.href }));
          li2.appendChild(el("span", "team-revised-change", "　" + p.date + " 修订：" + p.changes[0].change + (p.changes.length > 1 ? "（这期共修订 " + p.changes.length + " 次）" : "")));
          var why;
          if (s.read) why = "修订后 " + shortDay(s.at) + " 读到页尾";
          else if (ex && p.date > ex) why = "修订在这份文件导出（" + ex + "）之后，请学员重新导出";
          else if (s.at !== null) why = "修订前读过（最后一次读到页尾 " + shortDay(s.at) + "），修订后还没读";
          else why = "没有读到过页尾";
          li2.appendChild(el("span", "team-read-why", "（" + why + "）"));
        }
        box.appendChild(ol);
      }
    }
    return box;
  }

  // 易错题: the questions most learners have missed (each learner's 错题本, past and present),
  // to explain again in class or to rewrite. Their text comes from the quizzes' data.js.
  /** The wrong answer most learners gave to question `q`, of the wrong answers their files
   *  keep (`lists`: each learner's picks): { text, who }; each learner counts once for an
   *  answer, however often they gave it (ties: the one given more often). Null when none
   *  can be told (files from before answers were kept, a scenario or a deck). */
  function mostGiven(q, lists) {
    var who = {}, times = {}, best = null, k, n;
    for (k = 0; k < lists.length; k++) {
      var mine = {};
      for (n = 0; n < lists[k].length; n++) {
        var t = Q.answerText ? Q.answerText(q, lists[k][n] && lists[k][n].a) : "";
        if (!t) continue;
        var key = "=" + t;
        times[key] = (times[key] || 0) + 1;
        if (!mine[key]) { mine[key] = true; who[key] = (who[key] || 0) + 1; }
      }
    }
    for (k in who) if (own(who, k)) {
      if (!best || who[k] > who[best] || who[k] === who[best] && times[k] > times[best]) best = k;
    }
    return best ? { text: best.slice(1), who: who[best] } : null;
  }
  function renderHard() {
    var by = {}, list = [], k, l, tried = {};
    for (l = 0; l < learners.length; l++) {
      var w = learners[l].record.wrong || {}, qs = learners[l].record.quizzes || {}, mine = {};
      // (Who took each quiz -- done, or a question of it answered: 答错人数 is of them; 5 / 8
      // read as a minority where all five who took it missed it.)
      for (k in qs) if (own(qs, k)) mine[k] = true;
      for (k in w) if (own(w, k)) {
        var quiz = k.slice(0, k.indexOf("/"));
        mine[quiz] = true;
        if (!own(quizIndex, quiz) || !(w[k].n >= 1)) continue;
        var e = by[k] || (by[k] = { key: k, quiz: quiz, id: k.slice(quiz.length + 1), who: 0, times: 0, open: 0, picks: [] });
        e.who++;
        if (w[k].picks) e.picks.push(w[k].picks);
        e.times += w[k].n;
        if (w[k].last > w[k].ok) e.open++;
      }
      for (k in mine) if (own(mine, k)) tried[k] = (tried[k] || 0) + 1;
    }
    for (k in by) if (own(by, k)) list.push(by[k]);
    if (!list.length) return;
    list.sort(function (a, b) { return b.who - a.who || b.times - a.times || (a.key < b.key ? -1 : 1); });
    var shown = list.slice(0, 15);
    var sec = attrs(el("section", "team-hard"), { "aria-labelledby": "team-hard-h" });
    sec.appendChild(attrs(el("h2", null, "易错题"), { id: "team-hard-h" }));
    sec.appendChild(el("p", "team-hard-lead", "这些学员答错过的题，按答错的人数排列" + (list.length > shown.length ? "（前 " + shown.length + " 道，共 " + list.length + " 道）" : "（共 " + list.length + " 道）") + "。答错的人多，可能是课上没讲透，也可能是题目或选项有歧义，值得再看一遍。"));
    var table = el("table", "team-hard-table");
    var tr = table.appendChild(el("thead")).appendChild(el("tr"));
    var hs = ["题目", "测验", "答错人数 / 做过的人数", "答错次数", "还没改对", "最多人答成", "单题链接"];
    for (var c = 0; c < hs.length; c++) tr.appendChild(attrs(el("th", null, hs[c]), { scope: "col" }));
    var tb = table.appendChild(el("tbody"));
    var cells = [];
    for (var j = 0; j < shown.length; j++) {
      var e2 = shown[j], r = attrs(tb.appendChild(el("tr")), { "data-key": e2.key });
      var q = quizIndex[e2.quiz];
      // (The question alone, to try it as the learners met it; an exam's, its quiz.)
      var first = r.appendChild(el("td", "team-hard-prompt"));
      var href = questionHref(e2.quiz, e2.id);
      var text = href ? first.appendChild(attrs(el("a", null, e2.id), { href: href })) : first.appendChild(document.createTextNode(e2.id));
      var qa = el("td");
      qa.appendChild(attrs(el("a", null, str(q.title)), { href: root + str(q.href) }));
      r.appendChild(qa);
      r.appendChild(el("td", null, e2.who + " / " + (tried[e2.quiz] || e2.who)));
      r.appendChild(el("td", null, String(e2.times)));
      r.appendChild(el("td", null, String(e2.open)));
      var most = r.appendChild(el("td", "team-hard-most", "—"));
      var link = r.appendChild(el("td", "team-hard-link"));
      var cb = copyButton(e2.quiz, e2.id, (function (t, id) { return function () { return t.textContent === id ? "" : t.textContent; }; })(text, e2.id));
      if (cb) link.appendChild(cb); else link.appendChild(document.createTextNode("—"));
      cells.push([text, e2, most]);
    }
    var wrap = attrs(el("div", "table-wrap team-wrap"), { role: "region", "aria-label": "易错题表", tabindex: "0" });
    wrap.appendChild(table);
    sec.appendChild(wrap);
    app.appendChild(sec);
    // The question's text, once its quiz's data is loaded (an id stays where it fails).
    var need = {};
    for (j = 0; j < shown.length; j++) need[shown[j].quiz] = true;
    function fill() {
      for (var n = 0; n < cells.length; n++) {
        var d = Q.quizData ? Q.quizData(cells[n][1].quiz) : null;
        var qs = d && d.questions instanceof Array ? d.questions : [];
        for (var x = 0; x < qs.length; x++) {
          if (qs[x] && str(qs[x].id) === cells[n][1].id) {
            cells[n][0].textContent = Q.dom.plainText(qs[x].prompt);
            var m = mostGiven(qs[x], cells[n][1].picks);
            cells[n][2].textContent = m ? Q.dom.quote(m.text) + "（" + m.who + " 人）" : "—";
          }
        }
      }
    }
    var ids = [];
    for (k in need) if (own(need, k)) ids.push(k);
    fill();
    withQuizzes(ids, fill);
  }

  function readAll(files) {
    if (!files || !files.length) return;
    if (!window.FileReader) { render("这个浏览器不能读取文件。"); return; }
    var left = files.length, did = { "new": 0, merged: 0, same: 0, bad: 0 };
    for (var i = 0; i < files.length; i++) (function (f) {
      var r = new FileReader();
      r.onload = function () {
        var text = String(r.result), key = keepFile(f.name, text), what = add(f.name, text, key);
        if (what === "bad") forget([key]);
        did[what]++;
        done();
      };
      r.onerror = function () { problems.push(f.name + "：无法读取。"); did.bad++; done(); };
      r.readAsText(f);
    })(files[i]);
    function done() {
      if (--left) return;
      learners.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
      render("已汇总 " + learners.length + " 名学员。" + saidDid(did, files.length), ".team-open");
    }
  }
  /** What opening `n` files did, said after the count: 这次打开 3 份文件：新增 1 名学员，
   *  1 份并入已有学员的记录，1 份没有新内容（已经打开过）. */
  function saidDid(did, n) {
    var parts = [];
    if (did["new"]) parts.push("新增 " + did["new"] + " 名学员");
    if (did.merged) parts.push(did.merged + " 份并入已有学员的记录");
    if (did.same) parts.push(did.same + " 份没有新内容（已经打开过，或是较早的同一份记录）");
    if (did.bad) parts.push(did.bad + " 份无法汇总（原因见下）");
    return "这次打开 " + n + " 份文件：" + parts.join("，") + "。";
  }

  // The files opened, kept for this tab (sessionStorage: gone with the tab, never sent
  // anywhere): a reload, or Back from a learner's practice link, finds the table as it was.
  var KEPT = "handbook-team-files:" + book;
  function keptList() {
    var v = null;
    try { v = JSON.parse(window.sessionStorage.getItem(KEPT) || "[]"); } catch (e) { v = null; }
    return v instanceof Array ? v : [];
  }
  function keepList(list) {
    try {
      if (list.length) window.sessionStorage.setItem(KEPT, JSON.stringify(list));
      else window.sessionStorage.removeItem(KEPT);
    } catch (e) { /* full or refused: the table lives in the page only */ }
  }
  /** Keeps file `name`'s `text` for the tab; its key (the same file again: the same key). */
  function keepFile(name, text) {
    var list = keptList(), next = 1;
    for (var i = 0; i < list.length; i++) {
      if (list[i] && list[i].n === name && list[i].t === text) return list[i].k;
      if (list[i] && list[i].k >= next) next = list[i].k + 1;
    }
    list.push({ k: next, n: name, t: text });
    keepList(list);
    return next;
  }
  function forget(keys) {
    var list = keptList(), out = [];
    for (var i = 0; i < list.length; i++) if (list[i] && keys.indexOf(list[i].k) < 0) out.push(list[i]);
    keepList(out);
  }
  /** Takes learner `l` out of the table (and out of what the tab keeps). */
  function removeLearner(l) {
    // (The focus goes to the name that took the row's place, else the one above, else to
    // the first button.)
    var at = -1;
    for (var i = 0; i < learners.length; i++) if (learners[i] === l) at = i;
    for (i = 0; i < learners.length; i++) if (learners[i] === l) learners.splice(i, 1);
    forget(l.keys);
    render("已从汇总中移除“" + who(l) + "”（" + l.files.length + " 份文件；要放回来，重新打开这些文件）。已汇总 " + learners.length + " 名学员。", function () {
      var names = app.querySelectorAll(".team-who");
      return names[Math.min(at, names.length - 1)] || app.querySelector(".team-open");
    });
  }

  var again = keptList();
  for (var a = 0; a < again.length; a++) if (again[a] && typeof again[a].t === "string") add(String(again[a].n), again[a].t, again[a].k);
  if (learners.length) {
    learners.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
    problems = [];
    render("已汇总 " + learners.length + " 名学员（这个标签页里打开过的 " + again.length + " 份文件；关闭标签页后不再保留）。");
  } else render("");
})();
