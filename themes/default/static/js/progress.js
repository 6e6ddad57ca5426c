/* handbook "我的学习进度" page: what this browser has recorded (see quiz.js for the storage
 * format), per course module and item; checkpoints; a printable completion record; the record
 * exported to a file and merged back in on another computer; reset.
 * Plain ES5, no dependencies, works from file://. */
(function () {
  "use strict";
  var app = document.getElementById("progress-app");
  var body = document.body;
  if (!app || !body) return;

  /* ---------------------------------------------------------------- shared with quiz.js */

  // quiz.js (loaded on every page, before this file) owns the storage format and the DOM
  // helpers; this page only reads and presents the record.
  var Q = window.HandbookQuiz;
  if (!Q || !Q.store || !Q.dom) {
    app.textContent = "进度页需要主题的 quiz.js，它没有载入。";
    return;
  }
  var load = Q.store.load, update = Q.store.update, clearAll = Q.store.clear;
  var el = Q.dom.el, attrs = Q.dom.attrs, button = Q.dom.button;
  function siteHref(h) { return Q.dom.siteHref(String(h || "")); }
  function own(o, k) { return k !== "__proto__" && Object.prototype.hasOwnProperty.call(o, k); }
  function isObj(x) { return x !== null && typeof x === "object" && !(x instanceof Array); }
  function isNum(x) { return typeof x === "number" && isFinite(x); }

  /* ---------------------------------------------------------------- helpers */

  function arr(x) { return x instanceof Array ? x : []; }
  function str(x) { return x == null ? "" : String(x); }
  function date(ms) {
    var d = new Date(ms);
    return d.getFullYear() + " 年 " + (d.getMonth() + 1) + " 月 " + d.getDate() + " 日";
  }
  // Rounded as the quiz scores are (quiz.js): 2 / 3 = 67%, never 100% before the end.
  function pct(done, total) { return total ? (Q.percent ? Q.percent(done / total * 100) : Math.floor(done / total * 100 + 1e-9)) : 0; }
  function meter(value, label) {
    var m = attrs(el("div", "progress-meter"), {
      role: "progressbar", "aria-label": label, "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(value)
    });
    m.appendChild(el("span")).style.width = value + "%";
    return m;
  }

  /** One of the overview's two bars: a label, the bar, "n / of". */
  function part(label, n, of, unit) {
    var row = el("div", "progress-part");
    row.appendChild(el("span", "progress-part-label", label));
    row.appendChild(meter(pct(n, of), label));
    row.appendChild(el("span", "progress-part-count", n + " / " + of + " " + unit));
    return row;
  }

  var KIND_LABELS = { lesson: "课程", rule: "规则", quiz: "测验" };

  /* ---------------------------------------------------------------- state of one item */

  function quizExtras(d, id) {
    var prefix = id + "/", endings = [], cards = null, k, i;
    for (k in d.scenarios) if (own(d.scenarios, k) && k.indexOf(prefix) === 0) {
      for (i = 0; i < d.scenarios[k].length; i++) if (endings.indexOf(d.scenarios[k][i]) < 0) endings.push(d.scenarios[k][i]);
    }
    for (k in d.cards) if (own(d.cards, k) && k.indexOf(prefix) === 0) {
      var c = d.cards[k];
      if (!cards) cards = { n: 0, known: 0, done: true };
      cards.n += c.n;
      cards.known += c.done && c.known.length === 0 ? c.n : c.known.length;
      cards.done = cards.done && c.done;
    }
    return { endings: endings, cards: cards };
  }

  /** { done, text, cls } for a course item or a plain lesson / quiz. */
  function itemState(d, item) {
    if (item.kind === "quiz") {
      var r = own(d.quizzes, item.id) ? d.quizzes[item.id] : null;
      var x = quizExtras(d, item.id);
      var parts = [];
      if (r && x.cards && r.passed && r.best >= 100 && !x.endings.length && x.cards.n) parts.push("已练完");
      else if (r) parts.push("最好 " + r.best + "% · " + (r.passed ? "通过" : "未通过"));
      else parts.push("未做");
      if (x.endings.length) parts.push("已走到 " + x.endings.length + " 个结局");
      if (x.cards && !(r && r.passed)) parts.push("已记住 " + x.cards.known + " / " + x.cards.n + " 张");
      return { done: Q.store.itemDone(d, "quiz", item.id), text: parts.join(" · "), cls: r ? (r.passed ? "is-pass" : "is-fail") : "is-todo" };
    }
    var read = Q.store.itemDone(d, str(item.kind), str(item.id), str(item.href));
    return { done: read, text: read ? "已读" : "未读", cls: read ? "is-read" : "is-todo" };
  }

  /* ---------------------------------------------------------------- page */

  var status = attrs(el("p", "visually-hidden"), { "aria-live": "polite", id: "progress-status" });

  function render(focusHeading) {
    var data = window.HANDBOOK_PROGRESS_DATA && window.HANDBOOK_PROGRESS_DATA.book;
    // The whole page is rebuilt on changes; announcements go through `status` instead.
    app.removeAttribute("aria-live");
    app.innerHTML = "";
    body.className = body.className.replace(/\s*\bprint-certificate\b/g, "");
    if (!isObj(data)) {
      app.appendChild(el("p", "quiz-error", "没有找到手册的课程数据（progress/data.js 没有载入）。"));
      return;
    }
    var st = load(), d = st.data;
    if (st.problem === "unavailable") app.appendChild(el("p", "progress-notice", "这个浏览器不允许网页保存数据（可能是隐私模式或设置所限），学习进度无法记录。课程和测验仍然可以正常使用。"));
    else if (st.problem === "unreadable") app.appendChild(el("p", "progress-notice", "原来保存的学习进度无法识别，已忽略。继续学习会重新记录。"));
    else if (st.problem === "newer") app.appendChild(el("p", "progress-notice", "保存的学习进度来自更新版本的手册，本页无法读取，也不会改动它。"));

    var summary = el("section", "progress-summary");
    var h = attrs(el("h2", null, "总体进度"), { id: "progress-overall", tabindex: "-1" });
    summary.appendChild(h);
    app.appendChild(summary);

    var course = isObj(data.course) ? data.course : null;
    var checkpoints = [];
    if (course) renderCourse(course, d, summary, checkpoints);
    else renderPlain(data, d, summary);

    // 错题本: the questions answered wrong in the book's quizzes, to practise on their page.
    var known = {}, qs = arr(data.quizzes), wrong = 0;
    for (var i = 0; i < qs.length; i++) if (isObj(qs[i])) known[str(qs[i].id)] = true;
    var wl = Q.store.wrongList ? Q.store.wrongList(d) : [];
    for (i = 0; i < wl.length; i++) if (own(known, wl[i].quiz)) wrong++;
    if (qs.length) {
      var wp = el("p", "progress-mistakes");
      wp.appendChild(document.createTextNode(wrong ? "错题本里有 " + wrong + " 道题待复习：" : "错题本是空的：测验里答错的题会记在那里。"));
      wp.appendChild(attrs(el("a", null, wrong ? "练习错题" : "打开错题本"), { href: "mistakes/index.html" }));
      summary.appendChild(wp);
    }

    if (checkpoints.length) renderCompletion(data, course, d, checkpoints, st.writable);

    renderLearner(d, st.writable);
    renderTransfer(st);
    try { L.show(); } catch (e) { /* the line under the title only */ }

    renderDemo();

    var reset = el("section", "progress-reset");
    reset.appendChild(el("h2", null, "清除进度"));
    // (Only this learner's: another learner on the PC keeps theirs, and the words say so.)
    var whose = d.name ? "学员“" + d.name + "”" : "当前学员";
    reset.appendChild(el("p", null, "从头再学：清除后，" + whose + "在这个浏览器里保存的已读记录、测验成绩、情景结局、卡片记录和错题本都会删除，无法恢复" + (d.name ? "（姓名和工号保留）" : "") +
      "；这台设备上其他学员的记录不受影响。" + (L.list().length > 1 || d.name ? "要离开共用电脑、连姓名一起清除，用上面的“清除我的记录”。" : "")));
    reset.appendChild(button("清除" + (d.name ? "“" + d.name + "”的" : "") + "进度", "danger progress-clear", function () {
      var ok = true;
      try { ok = window.confirm("确定要清除" + whose + "的学习进度吗？" + (d.name ? "姓名和工号保留，" : "") + "其他学员的记录不受影响。清除后无法恢复。"); } catch (e) { ok = true; }
      if (!ok) return;
      var done = clearAll();
      render(true);
      say(done ? "学习进度已清除。" : "无法清除：这个浏览器不允许网页保存数据。");
    }));
    app.appendChild(reset);
    app.appendChild(status);
    if (focusHeading) h.focus();
  }

  // 演示模式 for a trainer at the projector (handbook.js keeps it: this tab's records in its
  // sessionStorage, no learner's).
  function renderDemo() {
    var H = window.Handbook;
    if (!H || !H.setDemo) return;
    var sec = attrs(el("section", "progress-demo"), { "aria-labelledby": "progress-demo-h" });
    sec.appendChild(attrs(el("h2", null, "投影讲课：演示模式"), { id: "progress-demo-h" }));
    if (H.demo()) {
      sec.appendChild(el("p", null, "这个浏览器正在演示模式：阅读、答题、情景演练、卡片、收藏和搜索都只记在各个标签页里，不记入任何学员的学习进度，关闭标签页就清除。"));
      sec.appendChild(button("退出演示模式", "secondary progress-demo-off", function () { H.setDemo(false); location.reload(); }));
    } else {
      sec.appendChild(el("p", null, "培训师在投影的电脑上给学员演示答题、情景演练或话术卡片之前，先在这里开启演示模式：这个浏览器里打开的本手册页面（新开的标签页也一样）做的一切都不记入任何学员的学习进度（下一位在这台电脑上学习的学员不会看到，也不会导出到他的进度文件里），学员已有的成绩也不显示在投影上。讲完点页面顶部的“退出演示模式”；忘了退出的，8 小时后自动结束。"));
      var failed = el("p", "progress-demo-failed");
      failed.hidden = true;
      sec.appendChild(button("开启演示模式", "secondary progress-demo-on", function () {
        if (H.setDemo(true)) { location.reload(); return; }
        failed.textContent = "无法开启演示模式：这个浏览器不允许网页保存数据。";
        failed.hidden = false;
      }));
      sec.appendChild(failed);
    }
    app.appendChild(sec);
  }

  /* ---------------------------------------------------------------- export / import */

  // A progress file: { handbook: "progress", book: <book.toml's id, else its title>,
  //   title: <the book's title>, exported: <ISO time>, progress: <the record, as stored> }.
  //   Importing merges it into this browser's record.
  function bookId() { return body.getAttribute("data-book") || ""; }
  function bookTitle() { return body.getAttribute("data-book-title") || ""; }
  var transferNote = ""; // shown under the buttons after the page is rebuilt

  function renderTransfer(st) {
    var sec = attrs(el("section", "progress-transfer"), { "aria-labelledby": "progress-transfer-h" });
    sec.appendChild(attrs(el("h2", null, "备份与换设备"), { id: "progress-transfer-h" }));
    sec.appendChild(el("p", null, "学习进度只保存在这台设备的这个浏览器里。换电脑或手机、换浏览器或清理浏览器数据之前，先导出进度文件；到另一台设备打开本手册的这一页，导入这个文件，两边的记录会合并（成绩取较好的一次）。收藏的页面也在文件里，导入后一并加入；“最近查看”只留在这台设备上。" +
      "同一台电脑上，从内网网址打开手册和直接打开共享文件夹里的网页，浏览器当作两个地方，进度各记各的：请一直用同一种方式打开；换方式时，先在原来的方式下导出，再到新的方式下导入。"));
    var acts = el("div", "quiz-actions");
    acts.appendChild(button("导出进度文件", "secondary progress-export", function () { exportFile(sec); }));
    var pick = attrs(el("input", "visually-hidden"), { type: "file", accept: ".json,application/json", id: "progress-import-file", tabindex: "-1", "aria-hidden": "true" });
    pick.addEventListener("change", function () {
      var f = pick.files && pick.files[0];
      if (f) importFile(f);
    });
    var imp = button("导入进度文件", "secondary progress-import", function () { pick.click(); });
    if (!st.writable) imp.disabled = true;
    acts.appendChild(imp);
    acts.appendChild(pick);
    sec.appendChild(acts);
    var note = attrs(el("p", "progress-transfer-note", transferNote), { role: "status" });
    transferNote = "";
    sec.appendChild(note);
    if (transferSwitch) {
      var to = transferSwitch;
      transferSwitch = null;
      var sw = el("div", "quiz-actions");
      sw.appendChild(attrs(button("换成" + to.label, "secondary learner-switch", function () { becomeLearner(to.slot, "已换成学员：" + to.label + "。"); }), { "data-slot": to.slot }));
      sec.appendChild(sw);
    }
    app.appendChild(sec);
  }

  /* ---------------------------------------------------------------- learners */

  // Several learners on one browser (a shared PC): each has a record of their own, kept by
  // quiz.js (Q.learners); this page names the current one, edits their name and 工号,
  // switches to another or a new one (the page is opened again: every script then reads the
  // other record), and removes the current one's (清除我的记录).
  var L = Q.learners;
  var NOTE_KEY = "handbook-learner-note:" + bookId(); // said after switching (the page reloads)
  function quizTitle(id) {
    var qs = arr(window.HANDBOOK_PROGRESS_DATA && window.HANDBOOK_PROGRESS_DATA.book && window.HANDBOOK_PROGRESS_DATA.book.quizzes);
    for (var i = 0; i < qs.length; i++) if (isObj(qs[i]) && str(qs[i].id) === id) return str(qs[i].title) || id;
    return id;
  }
  function idsOf(d) { return (d.learner ? [d.learner] : []).concat(arr(d.also)); }
  function count(o) { var n = 0; for (var k in o) if (own(o, k)) n++; return n; }
  function shortWho(d) { return d.name || "未署名学员"; }
  /** The current learner's timed exams not handed in, and still running: their titles. */
  function runningExams() {
    var a = L.attempts(L.slot), out = [];
    for (var i = 0; i < a.length; i++) if (a[i].exam && a[i].deadline && !a[i].paused) out.push("《" + quizTitle(a[i].quiz) + "》");
    return out;
  }
  /** Opens the page again as learner `slot`, saying `note` there. */
  function becomeLearner(slot, note) {
    var me = load().data, exams = runningExams();
    if (exams.length) {
      var ok = true;
      try {
        ok = window.confirm("“" + shortWho(me) + "”还有没有交卷的考试：" + exams.join("、") + "。换学员后计时不停；换回来后打开考试页面可以接着作答，时间到了按当时的作答交卷。确定要换学员吗？");
      } catch (e) { ok = true; }
      if (!ok) return;
    }
    if (!L.switchTo(slot)) { learnerDone("无法换学员：这个浏览器不允许网页保存数据。"); return; }
    try { sessionStorage.setItem(NOTE_KEY, note); } catch (e) { /* said nowhere */ }
    window.location.reload();
  }
  var learnerNote = "";
  try { learnerNote = sessionStorage.getItem(NOTE_KEY) || ""; sessionStorage.removeItem(NOTE_KEY); } catch (e) { learnerNote = ""; }
  // (What the page said before it reloaded itself -- a learner switched to, a record
  // cleared: said again once it is made, where the learner was; written into the status
  // line at load it was heard by no screen reader, the focus on the page's top.)
  var saidBefore = learnerNote;
  function learnerDone(message) {
    learnerNote = message;
    render(false);
    var h = document.getElementById("progress-learner-h");
    if (h && h.scrollIntoView) h.scrollIntoView({ block: "start" });
    say(message);
  }
  function trim(x) { return String(x || "").replace(/^\s+|\s+$/g, ""); }
  function field(form, id, text, value, auto) {
    var row = el("span", "progress-field");
    row.appendChild(attrs(el("label", null, text), { "for": id }));
    var input = attrs(el("input"), { id: id, type: "text", autocomplete: auto, maxlength: "40" });
    input.value = value || "";
    row.appendChild(input);
    form.appendChild(row);
    return input;
  }

  /** The learner's name and 工号, to type in at any time: they name the exported file and
   *  the completion record, and the trainer's 学员进度汇总 shows them; the other learners of
   *  this browser, a new one, and 清除我的记录. */
  function renderLearner(d, writable) {
    var sec = attrs(el("section", "progress-learner"), { "aria-labelledby": "progress-learner-h" });
    sec.appendChild(attrs(el("h2", null, "学员信息"), { id: "progress-learner-h", tabindex: "-1" }));
    var all = L.list();
    sec.appendChild(el("p", "learner-now", "当前学员：" + L.who(d) + (d.name ? "" : "（没有填写姓名）")));
    sec.appendChild(el("p", null, "填写姓名（和工号），导出的进度文件、结业记录和培训负责人的汇总表都会用它，分得清是谁的记录。几个人共用这台设备时，每人用自己的姓名，学习进度、错题本和考试各自分开保存。"));
    // A record kept before anyone named it: whoever names it first has it.
    if (!d.name && L.hasWork(d)) sec.appendChild(el("p", "learner-claim", "这台设备上的这份学习进度还没有署名。填写姓名后，它就记在你的名下；如果它不是你的，请用下面的“新学员”另建一份自己的记录。"));
    var form = el("form", "progress-learner-form");
    var name = field(form, "learner-profile-name", "姓名", d.name, "name");
    var job = field(form, "learner-profile-job", "工号（可不填）", d.job, "off");
    var save = el("button", "quiz-btn secondary", "保存");
    save.type = "submit";
    if (!writable) save.disabled = true;
    form.appendChild(save);
    var note = attrs(el("p", "progress-learner-note", learnerNote), { role: "status" });
    learnerNote = "";
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var n = trim(name.value), j = trim(job.value);
      Q.store.learnerId();
      update(function (x) { if (n) x.name = n; else delete x.name; if (j) x.job = j; else delete x.job; });
      var message = n ? "已保存：" + n + (j ? "（工号 " + j + "）" : "") + "。" : "已清除姓名。";
      learnerNote = message;
      render(false);
      var again = document.getElementById("learner-profile-name");
      if (again) again.focus();
      say(message);
    });
    sec.appendChild(form);
    sec.appendChild(note);

    // The others of this browser: one click back to one's own record.
    if (all.length > 1) {
      sec.appendChild(el("h3", null, "这台设备上的其他学员"));
      var ul = el("ul", "learner-list");
      for (var i = 1; i < all.length; i++) {
        var r = all[i].record, li = el("li", "learner-item");
        li.appendChild(el("span", "learner-name", L.who(r)));
        li.appendChild(el("span", "learner-meta", "已读 " + count(r.lessons) + " 页 · 做过 " + count(r.quizzes) + " 套测验"));
        li.appendChild(attrs(button("换成" + shortWho(r), "secondary learner-switch", (function (slot, label) {
          return function () { becomeLearner(slot, "已换成学员：" + label + "。"); };
        })(all[i].slot, L.who(r))), { "data-slot": all[i].slot }));
        ul.appendChild(li);
      }
      sec.appendChild(ul);
    }

    // A new learner: a record of their own (the current one's stays as it is).
    var more = el("details", "learner-new");
    more.appendChild(el("summary", null, "新学员：在这台设备上另建一份自己的记录"));
    var nf = el("form", "learner-new-form");
    var nn = field(nf, "learner-new-name", "姓名", "", "off");
    var nj = field(nf, "learner-new-job", "工号（可不填）", "", "off");
    var go = el("button", "quiz-btn primary", "新建并换成这位学员");
    go.type = "submit";
    if (!writable) go.disabled = true;
    nf.appendChild(go);
    var err = attrs(el("p", "quiz-error"), { role: "alert" });
    nf.appendChild(err);
    nf.addEventListener("submit", function (e) {
      e.preventDefault();
      var n = trim(nn.value), j = trim(nj.value), k;
      if (!n) { err.textContent = "请填写新学员的姓名。"; nn.focus(); return; }
      // Already a learner here (the same name, and 工号 where both have one): theirs again.
      for (k = 0; k < all.length; k++) {
        var r = all[k].record;
        if (r.name === n && (!j || !r.job || r.job === j)) {
          if (all[k].current) { learnerDone("“" + n + "”就是当前学员。"); return; }
          becomeLearner(all[k].slot, "这台设备上已有学员“" + L.who(r) + "”：已换成这位学员的记录。");
          return;
        }
      }
      // The current record is empty and has no name: it is simply named (nothing to keep apart).
      if (!d.name && !L.hasWork(d) && all.length === 1) {
        Q.store.learnerId();
        update(function (x) { x.name = n; if (j) x.job = j; });
        learnerDone("已保存：" + n + (j ? "（工号 " + j + "）" : "") + "。");
        return;
      }
      var slot = L.add(n, j);
      if (!slot) { err.textContent = "无法新建：这个浏览器不允许网页保存数据。"; return; }
      becomeLearner(slot, "已新建学员“" + n + "”并换成这位学员。之前的学员的记录没有改动，可以随时换回去。");
    });
    more.appendChild(nf);
    sec.appendChild(more);

    // Leaving a shared PC: nothing of theirs stays behind.
    var leave = el("div", "learner-leave-box");
    leave.appendChild(el("p", null, "离开共用电脑（调岗、培训结束）时：先导出进度文件带走，再点“清除我的记录”，这台设备上就不再留下" + (d.name ? "“" + d.name + "”" : "你") + "的学习进度、错题本、没交卷的考试、收藏、最近查看和搜索记录。"));
    leave.appendChild(button("清除我的记录", "danger learner-leave", function () {
      var ok = true;
      try { ok = window.confirm("确定要清除" + (d.name ? "学员“" + d.name + "”" : "当前学员") + "在这台设备上的全部记录吗？包括学习进度、错题本、没交卷的考试、收藏和搜索记录，清除后无法恢复。还没导出的话，先点“取消”导出进度文件。"); } catch (e) { ok = true; }
      if (!ok) return;
      if (!L.remove(L.slot)) { learnerDone("无法清除：这个浏览器不允许网页保存数据。"); return; }
      try { sessionStorage.setItem(NOTE_KEY, "已清除" + (d.name ? "“" + d.name + "”" : "当前学员") + "在这台设备上的记录。"); } catch (e) { /* said nowhere */ }
      // Opened again: as the default learner, every script with the record now kept.
      window.location.reload();
    }));
    sec.appendChild(leave);
    app.appendChild(sec);
  }

  function exportFile(sec) {
    // (Made once: the file carries the learner's id, which tells learners apart.)
    Q.store.learnerId();
    var d = load().data;
    var file0 = { handbook: "progress", book: bookId(), title: bookTitle(), exported: new Date().toISOString(), progress: d };
    // 收藏 go along (merged on import); 最近查看 stays with this browser.
    if (Q.store.stars) file0.pages = { stars: Q.store.stars() };
    // The quizzes and exams left half done, by id: the trainer's table says 未交卷 where it
    // said — as for one never begun (an exam left at question 6).
    var open = L.attempts(L.slot), ids = [];
    for (var o = 0; o < open.length; o++) if (open[o].quiz && ids.indexOf(open[o].quiz) < 0) ids.push(open[o].quiz);
    if (ids.length) file0.open = ids;
    var text = JSON.stringify(file0, null, 1);
    var safe = function (x) { return x.replace(/[\\\/:*?"<>|\s]+/g, "_"); };
    var who = (d.name ? "-" + safe(d.name) : "") + (d.job ? "-" + safe(d.job) : "");
    var file = "学习进度" + who + "-" + Q.dom.dateStamp() + ".json";
    var note = sec.querySelector(".progress-transfer-note");
    if (Q.dom.download(text, file, "application/json")) {
      note.textContent = "已导出 " + file + "（在浏览器的下载文件夹里）。" + (!d.name ? "还没有填写姓名：在上面的“学员信息”里填写后再导出，培训负责人才知道这是谁的记录。" :
        !d.job ? "还没有填写工号：在两台设备上学习的，两边的“学员信息”都填上相同的姓名和工号，培训负责人那边才会合并成一行。" : "");
      return;
    }
    var area = attrs(el("textarea", "progress-export-text"), { rows: "6", readonly: "readonly", "aria-label": "进度文件内容" });
    area.value = text;
    sec.appendChild(area);
    note.textContent = "这个浏览器不能直接下载文件：请复制下面的全部文字，保存为以 .json 结尾的文本文件。";
    try { area.focus(); area.select(); } catch (e) { /* ignore */ }
  }

  function importFile(f) {
    if (!window.FileReader) { transferDone("这个浏览器不能读取文件，无法导入。"); return; }
    var r = new FileReader();
    r.onload = function () { importText(String(r.result)); };
    r.onerror = function () { transferDone("无法读取这个文件。"); };
    r.readAsText(f);
  }

  /** Whose record a file imported here goes into: a learner of this browser (the current
   *  one first) whose learner ids meet the file's (the same learner's other computer), else
   *  one of the file's name (and 工号, where both have one); else the current learner when
   *  they, or the file, have no name (as before there were learners); else null: a learner of
   *  their own. Another learner's record is never merged into. */
  function importTarget(r) {
    var all = L.list(), ids = idsOf(r), i, j;
    for (i = 0; i < all.length; i++) {
      var mine = idsOf(all[i].record);
      for (j = 0; j < ids.length; j++) if (mine.indexOf(ids[j]) >= 0) return all[i];
    }
    if (r.name) for (i = 0; i < all.length; i++) {
      var x = all[i].record;
      if (x.name === r.name && (!r.job || !x.job || x.job === r.job)) return all[i];
    }
    return !all[0].record.name || !r.name ? all[0] : null;
  }

  function importText(text) {
    var got = Q.store.readFile(text, bookId(), bookTitle());
    if (got.error) { transferDone("没有导入：" + got.error); return; }
    var n = 0;
    for (var k in got.record.quizzes) if (own(got.record.quizzes, k)) n++;
    var to = importTarget(got.record), slot = to ? to.slot : "", me = load().data;
    var when = got.exported ? "（导出于 " + got.exported.slice(0, 10) + "）" : "";
    if (!to) {
      // Someone else's file: a learner of their own here, the current one's record untouched.
      slot = L.add("", "", got.record);
      if (!slot) { transferDone("没有导入：这个浏览器不允许网页保存数据。"); return; }
      if (got.stars && got.stars.length) Q.store.addStars(got.stars, slot);
      transferSwitch = { slot: slot, label: shortWho(got.record) };
      transferDone("这是学员“" + L.who(got.record) + "”的进度文件" + when + "，不是当前学员“" + L.who(me) + "”的：已在这台设备上另建学员“" + shortWho(got.record) + "”，含 " + n + " 套测验的成绩；" + shortWho(me) + "的记录没有改动。" +
        "（培训负责人要汇总几位学员的进度，请用“学员进度汇总”页：在那里打开的文件不会存进这台设备。）");
      return;
    }
    if (!to.current) {
      update(function (d) { Q.store.mergeInto(d, got.record); }, L.key(slot));
      if (got.stars && got.stars.length) Q.store.addStars(got.stars, slot);
      transferSwitch = { slot: slot, label: shortWho(to.record) };
      transferDone("这是这台设备上另一位学员“" + L.who(to.record) + "”的进度文件" + when + "：已并入这位学员的记录，含 " + n + " 套测验的成绩；当前学员“" + L.who(me) + "”的记录没有改动。");
      return;
    }
    update(function (d) { Q.store.mergeInto(d, got.record); });
    var starred = got.stars && Q.store.addStars ? Q.store.addStars(got.stars) : 0;
    transferDone("已导入" + when + "，含 " + n + " 套测验的成绩" + (starred ? "和 " + starred + " 个收藏的页面" : "") + "，已与本机记录合并。");
  }

  var transferSwitch = null; // { slot, label }: the learner a file was imported for, to switch to
  function transferDone(message) {
    transferNote = message;
    render(false);
    var h = document.getElementById("progress-transfer-h");
    if (h && h.scrollIntoView) h.scrollIntoView({ block: "start" });
    say(message);
  }

  function say(t) {
    status.textContent = "";
    setTimeout(function () { status.textContent = t; }, 50);
  }

  function renderCourse(course, d, summary, checkpoints) {
    var total = 0, done = 0, reads = 0, readTotal = 0, quizDone = 0, quizTotal = 0, cardDone = 0, cardTotal = 0;
    // 总体进度 weighs each item by its minutes (reading time; a quiz's time_limit, time_guide or a
    // minute a question), as the build estimates them, so reading every page is not most of
    // the course; by count when the data has no minutes (a site built before they were). (The
    // trainer's table says the same: quiz.js's.)
    var whole = Q.store.courseProgress(course, d), next = whole.next;
    var modules = el("ol", "progress-modules");
    var list = arr(course.modules);
    for (var m = 0; m < list.length; m++) {
      var mod = isObj(list[m]) ? list[m] : {};
      var items = arr(mod.items);
      var li = el("li", "progress-module");
      var head = el("div", "progress-module-head");
      var title = el("h3", null, str(mod.title) || "第 " + (m + 1) + " 单元");
      head.appendChild(title);
      var ul = el("ul", "progress-items");
      var modDone = 0, modTotal = 0;
      for (var i = 0; i < items.length; i++) {
        var item = items[i];
        if (!isObj(item)) continue;
        var s = itemState(d, item);
        modTotal++;
        if (s.done) modDone++;
        // A deck of cards is gone through, not passed: not among the tests passed.
        var deck = item.kind === "quiz" && item.cards === true;
        if (deck) { cardTotal++; if (s.done) cardDone++; }
        else if (item.kind === "quiz") { quizTotal++; if (s.done) quizDone++; }
        else { readTotal++; if (s.done) reads++; }
        if (item.checkpoint && item.kind === "quiz") checkpoints.push({ item: item, passed: s.done, record: own(d.quizzes, item.id) ? d.quizzes[item.id] : null });
        var row = attrs(el("li", "progress-item " + s.cls + (s.done ? " is-done" : "")), { "data-kind": str(item.kind), "data-id": str(item.id) });
        row.appendChild(attrs(el("span", "progress-check", s.done ? "✓" : "○"), { "aria-hidden": "true" }));
        var main = el("span", "progress-item-main");
        main.appendChild(el("span", "tag", deck ? "卡片" : KIND_LABELS[item.kind] || "内容"));
        main.appendChild(attrs(el("a", null, str(item.title) || str(item.id)), { href: siteHref(item.href) }));
        if (item.checkpoint) main.appendChild(attrs(el("span", "checkpoint", "检查点"), { title: "检查点：通过这套测验才能获得结业记录" }));
        row.appendChild(main);
        row.appendChild(el("span", "progress-state", s.text));
        ul.appendChild(row);
      }
      total += modTotal;
      done += modDone;
      var meta = [modDone + " / " + modTotal + " 项已完成"];
      if (isNum(mod.estimate)) meta.push("约 " + mod.estimate + " 分钟");
      head.appendChild(el("p", "progress-module-meta", meta.join(" · ")));
      if (modTotal && modDone === modTotal) li.className += " is-done";
      li.appendChild(head);
      li.appendChild(ul);
      modules.appendChild(li);
    }
    var weighed = whole.weighed, p = whole.percent;
    summary.appendChild(el("p", "progress-big", p + "%"));
    summary.appendChild(meter(p, "总体进度"));
    summary.appendChild(el("p", "progress-overview", "《" + str(course.title) + "》已完成 " + done + " / " + total + " 项" +
      (weighed ? "，百分比按各项的预计用时计算（阅读约 " + Math.round(whole.read) + " 分钟，测验约 " + Math.round(whole.quiz) + " 分钟）。" : "。")));
    // Reading and quizzes apart: reading every page is not passing the course.
    if (readTotal && quizTotal) {
      var parts = summary.appendChild(el("div", "progress-parts"));
      parts.appendChild(part("已读课程和规则", reads, readTotal, "项"));
      parts.appendChild(part("通过测验", quizDone, quizTotal, "套"));
      if (cardTotal) parts.appendChild(part("练完卡片", cardDone, cardTotal, "套"));
    }
    // Where to go on: the first item of the course not done yet.
    if (next) {
      var on = el("p", "course-next", done ? "继续学习：" : "从第一项开始：");
      on.appendChild(attrs(el("a", "course-next-link", str(next.title) || str(next.id)), { href: siteHref(next.href) }));
      summary.appendChild(on);
    }
    if (checkpoints.length) {
      var passed = 0, missing = [];
      for (var c = 0; c < checkpoints.length; c++) { if (checkpoints[c].passed) passed++; else missing.push(checkpoints[c]); }
      var cp = el("div", "progress-checkpoints");
      cp.appendChild(el("p", "progress-checkpoints-lead", "检查点测验：已通过 " + passed + " / " + checkpoints.length + " 套" + (missing.length ? "，还需通过：" : "，全部通过！")));
      if (missing.length) {
        var ml = el("ul");
        for (var k = 0; k < missing.length; k++) {
          var it = missing[k].item, mli = el("li");
          mli.appendChild(attrs(el("a", null, str(it.title)), { href: siteHref(it.href) }));
          var rec = missing[k].record;
          mli.appendChild(document.createTextNode("（及格线 " + (isNum(it.pass_mark) ? it.pass_mark : 80) + "%" + (rec ? "，最好 " + rec.best + "%" : "，还没做") + "）"));
          ml.appendChild(mli);
        }
        cp.appendChild(ml);
      }
      summary.appendChild(cp);
    }
    var sec = el("section", "progress-course");
    var h = el("h2", null, "课程单元");
    sec.appendChild(h);
    if (course.href) {
      var lead = el("p");
      lead.appendChild(attrs(el("a", null, "打开入职课程"), { href: siteHref(course.href) }));
      sec.appendChild(lead);
    }
    sec.appendChild(modules);
    app.appendChild(sec);
  }

  function renderPlain(data, d, summary) {
    var quizzes = arr(data.quizzes), lessons = arr(data.lessons), done = 0, total = 0;
    function section(title, list, kind) {
      var sec = el("section", "progress-course");
      sec.appendChild(el("h2", null, title));
      var ul = el("ul", "progress-items");
      var n = 0;
      for (var i = 0; i < list.length; i++) {
        if (!isObj(list[i])) continue;
        var item = { kind: kind, id: str(list[i].id), href: str(list[i].href), title: str(list[i].title), pass_mark: list[i].pass_mark };
        var s = itemState(d, item);
        total++; n++;
        if (s.done) done++;
        var row = attrs(el("li", "progress-item " + s.cls + (s.done ? " is-done" : "")), { "data-kind": kind, "data-id": item.id });
        row.appendChild(attrs(el("span", "progress-check", s.done ? "✓" : "○"), { "aria-hidden": "true" }));
        var main = el("span", "progress-item-main");
        main.appendChild(attrs(el("a", null, item.title || item.id), { href: siteHref(item.href) }));
        row.appendChild(main);
        row.appendChild(el("span", "progress-state", s.text));
        ul.appendChild(row);
      }
      if (!n) return;
      sec.appendChild(ul);
      app.appendChild(sec);
    }
    section("测验", quizzes, "quiz");
    section("课程", lessons, "lesson");
    var p = pct(done, total);
    summary.appendChild(el("p", "progress-big", p + "%"));
    summary.appendChild(meter(p, "总体进度"));
    summary.appendChild(el("p", "progress-overview", "已完成 " + done + " / " + total + " 项（读过的课程、通过的测验）。"));
  }

  function renderCompletion(data, course, d, checkpoints, writable) {
    for (var i = 0; i < checkpoints.length; i++) if (!checkpoints[i].passed) return;
    var sec = attrs(el("section", "progress-complete"), { "aria-labelledby": "progress-complete-h" });
    sec.appendChild(attrs(el("h2", null, "结业记录"), { id: "progress-complete-h" }));
    // (A name given already, in 学员信息: the record is below, and the name is changed there,
    // in the one box for it -- a second 姓名 box here left a new hire asking which to use.)
    var intro = sec.appendChild(el("p", null, "恭喜！你已通过全部 " + checkpoints.length + " 个检查点测验。" + (d.name
      ? "下面是你的结业记录（姓名：" + d.name + "），打印（或在打印对话框中另存为 PDF）后交给培训负责人。姓名要改的，在"
      : "填写姓名，生成结业记录，打印（或在打印对话框中另存为 PDF）后交给培训负责人。")));
    if (d.name && writable) {
      var there = intro.appendChild(attrs(el("a", null, "“学员信息”"), { href: "#progress-learner-h" }));
      there.addEventListener("click", function (e) {
        var f = document.getElementById("learner-profile-name");
        if (!f) return;
        e.preventDefault();
        f.focus();
        if (f.scrollIntoView) f.scrollIntoView({ block: "center" });
      });
      intro.appendChild(document.createTextNode("里改。"));
    } else {
      if (d.name) intro.appendChild(document.createTextNode("这里改。"));
      sec.appendChild(completionForm(d));
    }
    app.appendChild(sec);
    certificate(data, course, d, checkpoints, writable);
  }

  /** The completion record's 姓名 box, while the learner has no name (or none can be kept). */
  function completionForm(d) {
    var form = el("form", "progress-name-form");
    var label = attrs(el("label", null, "姓名"), { "for": "learner-name" });
    var input = attrs(el("input"), { id: "learner-name", type: "text", autocomplete: "name", maxlength: "40" });
    input.value = d.name || "";
    var err = attrs(el("p", "quiz-error"), { role: "alert" });
    var submit = el("button", "quiz-btn " + (d.name ? "secondary" : "primary"), d.name ? "改用这个姓名" : "生成结业记录");
    submit.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(submit);
    form.appendChild(err);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var name = input.value.replace(/^\s+|\s+$/g, "");
      if (!name) { err.textContent = "请先填写姓名。"; input.focus(); return; }
      shown = name;
      Q.store.learnerId();
      update(function (x) { x.name = name; });
      render(false);
      var c = document.getElementById("certificate");
      var pb = document.getElementById("print-certificate");
      if (pb) pb.focus();
      if (c && c.scrollIntoView) c.scrollIntoView({ block: "start" });
      say("结业记录已生成。");
    });
    return form;
  }

  function certificate(data, course, d, checkpoints, writable) {
    var name = d.name || (!writable ? shown : "");
    if (!name) return;
    var cert = attrs(el("div", "certificate"), { id: "certificate", role: "region", "aria-label": "结业记录" });
    cert.appendChild(el("p", "certificate-book", str(data.title)));
    cert.appendChild(el("h2", "certificate-title", "结业记录"));
    cert.appendChild(el("p", "certificate-name", name));
    cert.appendChild(el("p", "certificate-text", "已完成" + (course && course.title ? "《" + str(course.title) + "》" : "入职课程") + "的学习，并通过全部检查点测验，成绩如下："));
    var table = el("table", "certificate-table");
    var thead = table.appendChild(el("thead")).appendChild(el("tr"));
    var heads = ["检查点测验", "成绩", "及格线", "通过日期"];
    for (var h = 0; h < heads.length; h++) thead.appendChild(attrs(el("th", null, heads[h]), { scope: "col" }));
    var tb = table.appendChild(el("tbody"));
    var latest = 0;
    for (var k = 0; k < checkpoints.length; k++) {
      var it = checkpoints[k].item, rec = checkpoints[k].record || { best: 0 };
      var tr = tb.appendChild(el("tr"));
      tr.appendChild(el("td", null, str(it.title)));
      tr.appendChild(el("td", null, rec.best + "%"));
      tr.appendChild(el("td", null, (isNum(it.pass_mark) ? it.pass_mark : 80) + "%"));
      var when = isNum(rec.passedAt) ? rec.passedAt : isNum(rec.last) && rec.last ? rec.last : 0;
      if (when > latest) latest = when;
      tr.appendChild(el("td", null, when ? date(when) : "—"));
    }
    cert.appendChild(table);
    cert.appendChild(el("p", "certificate-date", "结业日期：" + date(latest || Date.now())));
    cert.appendChild(el("p", "certificate-sign", "培训负责人签字：________________　　日期：________________"));
    cert.appendChild(el("p", "certificate-note", "本记录根据学员在本机浏览器中的学习记录生成，打印于 " + date(Date.now()) + "。"));
    app.appendChild(cert);
    var acts = el("div", "quiz-actions progress-print");
    var pb = button("打印结业记录", "primary", function () { try { window.print(); } catch (e) { /* no printer */ } });
    pb.id = "print-certificate";
    acts.appendChild(pb);
    app.appendChild(acts);
    body.className += " print-certificate";
  }
  var shown = ""; // the name typed when the browser cannot save it

  render(false);
  if (saidBefore) {
    var lh = document.getElementById("progress-learner-h");
    if (lh) {
      if (lh.scrollIntoView) lh.scrollIntoView({ block: "start" });
      try { lh.focus({ preventScroll: true }); } catch (e) { lh.focus(); }
    }
    say(saidBefore);
  }
  // A link to a part of the page (#progress-complete-h, from a quiz whose pass completed the
  // course): the part is made by the script, after the browser looked for it.
  var target = null;
  try { target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null; } catch (e) { /* a malformed address: no part */ }
  if (target && target.scrollIntoView) {
    target.scrollIntoView({ block: "start" });
    if (target.tabIndex < 0 && target.getAttribute("tabindex") == null) target.setAttribute("tabindex", "-1");
    try { target.focus({ preventScroll: true }); } catch (e) { target.focus(); }
  }
})();
