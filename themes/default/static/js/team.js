/* handbook 学员进度汇总 (progress/team/): a trainer opens the progress files several learners
 * exported from 我的学习进度 and sees them side by side -- lessons read, quizzes passed, each
 * checkpoint quiz, completion -- and saves the table as CSV for Excel. The files are read in
 * the browser and go nowhere. Plain ES5, works from file://. */
(function () {
  "use strict";
  var app = document.getElementById("team-app");
  var body = document.body;
  if (!app || !body) return;
  var Q = window.HandbookQuiz;
  var data = window.HANDBOOK_PROGRESS_DATA && window.HANDBOOK_PROGRESS_DATA.book;
  if (!Q || !Q.store || !Q.dom || !data) {
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

  var learners = [];   // { name, ids: [learner ids], record, files: [file names], exported: ISO time }
  var problems = [];   // "file: why"

  function idsOf(r) { return (r.learner ? [r.learner] : []).concat(r.also || []); }
  function shares(a, b) {
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i]) >= 0) return true;
    return false;
  }

  /** One file: merged into the row of the same learner -- the same learner id (a record
   *  carries its own and those of the records merged into it) -- never by name or file name,
   *  which two learners may share. A file from before learner ids makes a row of its own. */
  function add(fileName, text) {
    var got = Q.store.readFile(text, book, body.getAttribute("data-book-title") || "");
    if (got.error) { problems.push(fileName + "：" + got.error); return; }
    var ids = idsOf(got.record);
    var name = got.record.name || fileName.replace(/\.json$/i, "");
    var row = { name: name, named: !!got.record.name, ids: ids, record: got.record, files: [fileName], exported: got.exported };
    for (var k = 0; ids.length && k < learners.length; k++) {
      if (!shares(ids, learners[k].ids)) continue;
      absorb(learners[k], row);
      // A file that names two ids joins rows opened before as two learners (whatever the
      // order the files were opened in).
      for (var m = learners.length - 1; m > k; m--) {
        if (shares(learners[k].ids, learners[m].ids)) { absorb(learners[k], learners[m]); learners.splice(m, 1); }
      }
      return;
    }
    learners.push(row);
  }

  /** Row `from` merged into row `l`: the records, files and ids; the name given last. */
  function absorb(l, from) {
    Q.store.mergeInto(l.record, from.record);
    for (var f = 0; f < from.files.length; f++) l.files.push(from.files[f]);
    for (var i = 0; i < from.ids.length; i++) if (l.ids.indexOf(from.ids[i]) < 0) l.ids.push(from.ids[i]);
    // (A file without a name keeps the row's.)
    if (from.named && (!l.named || from.exported > l.exported)) { l.name = from.name; l.named = true; }
    if (from.record.job && (!l.record.job || from.exported > l.exported)) l.record.job = from.record.job;
    if (from.exported > l.exported) l.exported = from.exported;
  }

  /** The learner as shown: name, and 工号 when given. */
  function who(l) { return l.name + (l.record.job ? "（" + l.record.job + "）" : ""); }

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

  /** One learner's row: [name, lessons read, quizzes passed, each checkpoint, completed, exported]. */
  function row(l) {
    var d = l.record, read = 0, passed = 0, through = 0, k;
    for (k = 0; k < readable.length; k++) if (Q.store.itemDone(d, readable[k].kind, readable[k].id, readable[k].href)) read++;
    for (k = 0; k < quizzes.length; k++) if (own(d.quizzes, quizzes[k].id) && d.quizzes[quizzes[k].id].passed) passed++;
    var cells = [who(l), read + " / " + readable.length, passed + " / " + quizzes.length];
    for (k = 0; k < checkpoints.length; k++) {
      var r = own(d.quizzes, checkpoints[k].id) ? d.quizzes[checkpoints[k].id] : null;
      if (r && r.passed) through++;
      cells.push(r ? r.best + "%" + (r.passed ? " ✓" : "") : "—");
    }
    cells.push(checkpoints.length && through === checkpoints.length ? "已结业" : "未完成");
    cells.push(l.exported ? l.exported.slice(0, 10) : "—");
    return cells;
  }
  function heads() {
    var h = ["学员", modules.length ? "已读课程和规则" : "已读课程", "通过的测验"];
    for (var k = 0; k < checkpoints.length; k++) h.push(str(checkpoints[k].title));
    h.push("结业", "导出日期");
    return h;
  }

  /** A cell Excel would read as a formula (= + - @, or a tab or carriage return before one)
   *  is given a leading ' : a learner's name comes from their own progress file, and
   *  =HYPERLINK(…) or a DDE call there would run on the trainer's computer. (rules.csv does
   *  the same in the Rust build.) */
  function inert(v) { return /^[=+\-@\t\r]/.test(v) ? "'" + v : v; }

  function csv() {
    var lines = [heads()];
    for (var k = 0; k < learners.length; k++) lines.push(row(learners[k]));
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
  function render(message) {
    app.innerHTML = "";
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
      acts.appendChild(button("清空", "secondary team-clear", function () { learners = []; problems = []; render("已清空。"); }));
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
        "它们没有相同的学员编号，可能是同名的不同学员，也可能是同一人在不同电脑上的记录。请核对后，让学员在“我的学习进度”里导入另一台电脑的文件、合并后重新导出。"));
      app.appendChild(sn);
    }
    // (A wide table scrolls sideways; the region takes the focus so keys can scroll it.)
    var wrap = attrs(el("div", "table-wrap team-wrap"), { role: "region", "aria-label": "学员进度表", tabindex: "0" });
    var table = el("table", "team-table");
    table.appendChild(attrs(el("caption", null, learners.length + " 名学员"), {}));
    var tr = table.appendChild(el("thead")).appendChild(el("tr"));
    var h = heads();
    for (var c = 0; c < h.length; c++) tr.appendChild(attrs(el("th", null, h[c]), { scope: "col" }));
    var tb = table.appendChild(el("tbody"));
    for (var k = 0; k < learners.length; k++) {
      var cells = row(learners[k]);
      var r = tb.appendChild(el("tr"));
      r.appendChild(attrs(el("th", null, cells[0]), { scope: "row", title: learners[k].files.join("、") + (learners[k].ids.length ? "" : "（没有学员编号的旧文件）") }));
      for (var j = 1; j < cells.length; j++) r.appendChild(el("td", cells[j] === "已结业" ? "team-done" : null, cells[j]));
    }
    wrap.appendChild(table);
    app.appendChild(wrap);
    renderHard();
  }

  // 易错题: the questions most learners have missed (each learner's 错题本, past and present),
  // to explain again in class or to rewrite. Their text comes from the quizzes' data.js.
  var quizIndex = {};
  for (i = 0; i < quizzes.length; i++) quizIndex[str(quizzes[i].id)] = quizzes[i];
  function renderHard() {
    var by = {}, list = [], k, l;
    for (l = 0; l < learners.length; l++) {
      var w = learners[l].record.wrong || {};
      for (k in w) if (own(w, k)) {
        var quiz = k.slice(0, k.indexOf("/"));
        if (!own(quizIndex, quiz)) continue;
        var e = by[k] || (by[k] = { key: k, quiz: quiz, id: k.slice(quiz.length + 1), who: 0, times: 0, open: 0 });
        e.who++;
        e.times += w[k].n;
        if (w[k].last > w[k].ok) e.open++;
      }
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
    var hs = ["题目", "测验", "答错人数", "答错次数", "还没改对"];
    for (var c = 0; c < hs.length; c++) tr.appendChild(attrs(el("th", null, hs[c]), { scope: "col" }));
    var tb = table.appendChild(el("tbody"));
    var cells = [];
    for (var j = 0; j < shown.length; j++) {
      var e2 = shown[j], r = attrs(tb.appendChild(el("tr")), { "data-key": e2.key });
      var q = quizIndex[e2.quiz];
      var first = r.appendChild(el("td", "team-hard-prompt", e2.id));
      cells.push([first, e2]);
      var qa = el("td");
      qa.appendChild(attrs(el("a", null, str(q.title)), { href: root + str(q.href) }));
      r.appendChild(qa);
      r.appendChild(el("td", null, e2.who + " / " + learners.length));
      r.appendChild(el("td", null, String(e2.times)));
      r.appendChild(el("td", null, String(e2.open)));
    }
    var wrap = attrs(el("div", "table-wrap team-wrap"), { role: "region", "aria-label": "易错题", tabindex: "0" });
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
          }
        }
      }
    }
    for (k in need) if (own(need, k)) {
      if (Q.loadQuiz) Q.loadQuiz(quizIndex[k].href, fill);
    }
    fill();
  }

  function readAll(files) {
    if (!files || !files.length) return;
    if (!window.FileReader) { render("这个浏览器不能读取文件。"); return; }
    var left = files.length;
    for (var i = 0; i < files.length; i++) (function (f) {
      var r = new FileReader();
      r.onload = function () { add(f.name, String(r.result)); done(); };
      r.onerror = function () { problems.push(f.name + "：无法读取。"); done(); };
      r.readAsText(f);
    })(files[i]);
    function done() {
      if (--left) return;
      learners.sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
      render("已汇总 " + learners.length + " 名学员。");
    }
  }

  render("");
})();
