/* handbook 错题本 (progress/mistakes/): the questions this learner answered wrong, or only partly
 * right, in any quiz (quiz.js records them: the `wrong` entries of the progress record), listed
 * by quiz and practised together; a question answered right once leaves the book.
 * The questions come from each quiz's data.js, loaded by <script> (works from file://).
 * Plain ES5, no dependencies. */
(function () {
  "use strict";
  var app = document.getElementById("mistakes-app");
  var player = document.querySelector(".mistakes-player");
  var body = document.body;
  if (!app || !player || !body) return;
  var Q = window.HandbookQuiz;
  if (!Q || !Q.store || !Q.dom || !Q.play || !Q.loadQuiz) {
    app.textContent = "错题本需要主题的 quiz.js，它没有载入。";
    return;
  }
  var el = Q.dom.el, attrs = Q.dom.attrs, button = Q.dom.button;
  var root = body.getAttribute("data-root") || "";
  function arr(x) { return x instanceof Array ? x : []; }
  function str(x) { return x == null ? "" : String(x); }
  function date(ms) {
    var d = new Date(ms);
    return (d.getMonth() + 1) + " 月 " + d.getDate() + " 日";
  }

  // The book's quizzes (progress/data.js): id -> { title, href }.
  var book = window.HANDBOOK_PROGRESS_DATA && window.HANDBOOK_PROGRESS_DATA.book;
  var quizzes = {}, order = [];
  var list = arr(book && book.quizzes);
  for (var i = 0; i < list.length; i++) {
    if (list[i] && list[i].id) { quizzes[str(list[i].id)] = list[i]; order.push(str(list[i].id)); }
  }

  /** Loads the data of `ids` (quizzes), then calls done(). A quiz that fails to load counts as
   *  having none of its questions (deleted since, or a damaged copy of the site). */
  function loadQuizzes(ids, done) {
    var left = ids.length;
    if (!left) { done(); return; }
    for (var i = 0; i < ids.length; i++) {
      var q = quizzes[ids[i]];
      Q.loadQuiz(q.href, function () { if (--left === 0) done(); });
    }
  }

  /** The 错题本 now: [{ quiz, title, href, items: [{ q (the question's data), n, last }] }],
   *  quizzes in the book's order; questions no longer in their quiz are left out. */
  function groups() {
    var entries = Q.store.wrongList(Q.store.load().data), by = {}, out = [], i;
    for (i = 0; i < entries.length; i++) {
      var e = entries[i], data = quizzes[e.quiz] ? Q.quizData(e.quiz) : null;
      if (!data) continue;
      var qs = arr(data.questions), raw = null;
      for (var j = 0; j < qs.length; j++) if (qs[j] && str(qs[j].id) === e.id) raw = qs[j];
      if (!raw) continue;
      (by[e.quiz] = by[e.quiz] || []).push({ q: raw, n: e.n, last: e.last, picks: arr(e.picks), shuffle: data.shuffle });
    }
    for (i = 0; i < order.length; i++) {
      var id = order[i];
      if (by[id]) out.push({ quiz: id, title: str(quizzes[id].title), href: str(quizzes[id].href), items: by[id] });
    }
    return out;
  }

  // The wrong answers kept, in words (quiz.js: the team page says them too).
  var picksNote = Q.picksNote;

  function practise(gs, heading) {
    var questions = [];
    for (var g = 0; g < gs.length; g++) {
      for (var k = 0; k < gs[g].items.length; k++) {
        var raw = gs[g].items[k].q, copy = {};
        for (var f in raw) if (Object.prototype.hasOwnProperty.call(raw, f)) copy[f] = raw[f];
        copy.from = gs[g].quiz;
        copy.from_title = gs[g].title;
        copy.shuffle = gs[g].items[k].shuffle !== false;
        questions.push(copy);
      }
    }
    app.hidden = true;
    exit.hidden = false;
    player.hidden = false;
    player.innerHTML = "";
    player.className = "quiz-app mistakes-player";
    var ok = Q.play(player, {
      id: "", title: heading, questions: questions, pass_mark: 100, mixed: true,
      onDone: back
    });
    if (!ok) back();
  }
  function back() {
    // (A practice sent as a link is done: a reload shows the 错题本, not the practice again.)
    if (/^#practice=/.test(location.hash)) {
      try { history.replaceState(null, "", location.pathname + location.search); } catch (e) { /* file:// in an old browser */ }
    }
    assigned.hidden = true;
    player.hidden = true;
    player.innerHTML = "";
    exit.hidden = true;
    show(true);
  }
  // Leaving a practice half-way: what was answered is already recorded.
  var exit = el("p", "mistakes-exit");
  exit.hidden = true;
  exit.appendChild(button("结束练习，回到错题本", "secondary mistakes-leave", back));
  player.parentNode.insertBefore(exit, player);
  var assigned = el("p", "mistakes-assigned");
  assigned.hidden = true;
  player.parentNode.insertBefore(assigned, player);

  /** A practice sent as a link (学员进度汇总's 复制错题练习链接: a team leader's to one agent):
   *  #practice=<quiz>/<question>,… -> [{ quiz, id }] of this book's quizzes; null for none. */
  function sentKeys() {
    var m = /^#practice=(.*)$/.exec(location.hash || ""), out = [], text;
    if (!m) return null;
    try { text = decodeURIComponent(m[1]); } catch (e) { return null; }
    var keys = text.split(",");
    for (var k = 0; k < keys.length; k++) {
      var at = keys[k].indexOf("/"), quiz = keys[k].slice(0, at), id = keys[k].slice(at + 1);
      if (at > 0 && id && Object.prototype.hasOwnProperty.call(quizzes, quiz)) out.push({ quiz: quiz, id: id });
    }
    return out.length ? out : null;
  }
  /** The questions `keys` names, grouped as groups() does, and how many are gone from the book. */
  function sentGroups(keys) {
    var by = {}, out = [], gone = 0, i;
    for (i = 0; i < keys.length; i++) {
      var data = Q.quizData(keys[i].quiz), qs = arr(data && data.questions), raw = null;
      for (var j = 0; j < qs.length; j++) if (qs[j] && str(qs[j].id) === keys[i].id) raw = qs[j];
      if (!raw) { gone++; continue; }
      (by[keys[i].quiz] = by[keys[i].quiz] || []).push({ q: raw, shuffle: data.shuffle });
    }
    for (i = 0; i < order.length; i++) {
      var id = order[i];
      if (by[id]) out.push({ quiz: id, title: str(quizzes[id].title), href: str(quizzes[id].href), items: by[id] });
    }
    return { gs: out, gone: gone };
  }

  function show(focusIt) {
    app.hidden = false;
    app.innerHTML = "";
    var gs = groups(), total = 0, g;
    for (g = 0; g < gs.length; g++) total += gs[g].items.length;
    var h = attrs(el("h2", null, total ? "共 " + total + " 道错题" : "错题本是空的"), { id: "mistakes-h", tabindex: "-1" });
    app.appendChild(h);
    if (!total) {
      var p = el("p", "mistakes-empty", "做测验时答错或只答对一部分的题，会自动记在这里。");
      p.appendChild(document.createTextNode(" "));
      p.appendChild(attrs(el("a", null, "去做测验"), { href: root + "quizzes/index.html" }));
      app.appendChild(p);
      if (focusIt) h.focus();
      return;
    }
    app.appendChild(el("p", "mistakes-lead", "来自 " + gs.length + " 套测验。练习时题目打乱顺序；答对的题移出错题本，答错的留下，可以反复练。练习不计入测验成绩。"));
    var acts = el("div", "quiz-actions");
    acts.appendChild(button("练习全部错题（" + total + "）", "primary mistakes-all", function () { practise(gs, "错题本"); }));
    app.appendChild(acts);
    for (g = 0; g < gs.length; g++) (function (grp) {
      var sec = attrs(el("section", "mistakes-quiz"), { "data-quiz": grp.quiz });
      var head = el("h3");
      head.appendChild(attrs(el("a", null, grp.title), { href: root + grp.href }));
      head.appendChild(el("span", "mistakes-count", "（" + grp.items.length + " 题）"));
      sec.appendChild(head);
      var ul = el("ul", "mistakes-items");
      for (var k = 0; k < grp.items.length; k++) {
        var it = grp.items[k];
        var li = attrs(el("li", "mistakes-item"), { "data-qid": str(it.q.id) });
        li.appendChild(el("span", "tag", str(it.q.type_label) || "题"));
        li.appendChild(el("span", "mistakes-prompt", Q.dom.plainText(it.q.prompt)));
        li.appendChild(el("span", "mistakes-meta", "错 " + it.n + " 次 · 最近 " + date(it.last)));
        var said = picksNote(it.q, it.picks);
        if (said) li.appendChild(el("span", "mistakes-picks", " · " + said));
        ul.appendChild(li);
      }
      sec.appendChild(ul);
      if (gs.length > 1) {
        var a2 = el("div", "quiz-actions");
        a2.appendChild(button("只练这套的错题（" + grp.items.length + "）", "secondary mistakes-one", function () { practise([grp], grp.title + " · 错题"); }));
        sec.appendChild(a2);
      }
      app.appendChild(sec);
    })(gs[g]);
    if (focusIt) h.focus();
  }

  // Only the quizzes with questions in the book are loaded, and those of a practice sent.
  var need = [], seen = {}, entries = Q.store.wrongList(Q.store.load().data), sent = sentKeys();
  for (var e = 0; e < entries.length + (sent ? sent.length : 0); e++) {
    var id = e < entries.length ? entries[e].quiz : sent[e - entries.length].quiz;
    if (quizzes[id] && !seen[id]) { seen[id] = true; need.push(id); }
  }
  if (need.length) app.appendChild(el("p", "quiz-loading", "正在载入错题…"));
  loadQuizzes(need, function () {
    show(false);
    var got = sent && sentGroups(sent), n = 0;
    for (var g = 0; got && g < got.gs.length; g++) n += got.gs[g].items.length;
    if (!n) return;
    assigned.textContent = "这是发给你的一组练习，共 " + n + " 题" + (got.gone ? "（另有 " + got.gone + " 题已从手册删除）" : "") +
      "：答对的题移出你的错题本，答错的记进去。练习不计入测验成绩。";
    assigned.hidden = false;
    practise(got.gs, "指定练习");
  });
})();
