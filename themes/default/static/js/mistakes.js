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
      (by[e.quiz] = by[e.quiz] || []).push({ q: raw, n: e.n, blank: e.blank || 0, last: e.last, picks: arr(e.picks), shuffle: data.shuffle });
    }
    for (i = 0; i < order.length; i++) {
      var id = order[i];
      if (by[id]) out.push({ quiz: id, title: str(quizzes[id].title), href: str(quizzes[id].href), items: by[id] });
    }
    return out;
  }

  /** The page that plays one of quiz `id`'s questions alone (from the site's root); "" for an
   *  exam's, whose page opens at its start (a question alone would give its answer away). */
  function questionPage(id) {
    var q = Object.prototype.hasOwnProperty.call(quizzes, id) ? quizzes[id] : null;
    return q && !q.exam ? str(q.href) : "";
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
        copy.from_href = questionPage(gs[g].quiz);
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

  /** A practice sent as a link (学员进度汇总's 复制全部错题的练习链接: a team leader's to one
   *  agent): #practice=<quiz>/<question>,… (each key encoded) -> { keys: [{ quiz, id }] of this
   *  book's quizzes, each once, asked: how many the link names }; null without one. An exam's
   *  question is taken only when it is in the learner's own 错题本 already (its answer would
   *  otherwise be given away before the exam). */
  function sentKeys() {
    var m = /^#practice=(.*)$/.exec(location.hash || ""), out = [], seen = {}, parts;
    if (!m) return null;
    parts = m[1].split(",");
    var mine = {}, list = Q.store.wrongList(Q.store.load().data);
    for (var w = 0; w < list.length; w++) mine[list[w].quiz + "/" + list[w].id] = true;
    for (var k = 0; k < parts.length; k++) {
      var key;
      try { key = decodeURIComponent(parts[k]); } catch (e) { continue; }
      var at = key.indexOf("/"), quiz = key.slice(0, at), id = key.slice(at + 1);
      if (!(at > 0 && id) || seen[key]) continue;
      seen[key] = true;
      var q = Object.prototype.hasOwnProperty.call(quizzes, quiz) ? quizzes[quiz] : null;
      if (q && (!q.exam || mine[key])) out.push({ quiz: quiz, id: id });
    }
    var asked = 0;
    for (var x in seen) if (Object.prototype.hasOwnProperty.call(seen, x)) asked++;
    return { keys: out, asked: asked };
  }
  /** The questions `keys` names, grouped as groups() does. */
  function sentGroups(keys) {
    var by = {}, out = [], i;
    for (i = 0; i < keys.length; i++) {
      var data = Q.quizData(keys[i].quiz), qs = arr(data && data.questions), raw = null;
      for (var j = 0; j < qs.length; j++) if (qs[j] && str(qs[j].id) === keys[i].id) raw = qs[j];
      if (!raw) continue;
      (by[keys[i].quiz] = by[keys[i].quiz] || []).push({ q: raw, shuffle: data.shuffle });
    }
    for (i = 0; i < order.length; i++) {
      var id = order[i];
      if (by[id]) out.push({ quiz: id, title: str(quizzes[id].title), href: str(quizzes[id].href), items: by[id] });
    }
    return out;
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
        // (A question an exam's time ran out on was not answered wrong: it was not answered.)
        var wrongN = it.n - Math.min(it.blank, it.n);
        li.appendChild(el("span", "mistakes-meta", (wrongN ? "错 " + wrongN + " 次 · " : "") +
          (it.blank ? "未作答 " + it.blank + " 次 · " : "") + "最近 " + date(it.last)));
        var said = picksNote(it.q, it.picks);
        if (said) li.appendChild(el("span", "mistakes-picks", " · " + said));
        // 复制本题链接: to ask a colleague or the trainer about it (not an exam's question).
        var page = questionPage(grp.quiz);
        var copy = page && Q.questionCopy ? Q.questionCopy(grp.title, root + page + "#" + encodeURIComponent(str(it.q.id)), str(it.q.id), Q.dom.plainText(it.q.prompt), "mistakes-copy") : null;
        if (copy) li.appendChild(copy);
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
  var sentList = sent ? sent.keys : [];
  for (var e = 0; e < entries.length + sentList.length; e++) {
    var id = e < entries.length ? entries[e].quiz : sentList[e - entries.length].quiz;
    if (quizzes[id] && !seen[id]) { seen[id] = true; need.push(id); }
  }
  if (need.length) app.appendChild(el("p", "quiz-loading", "正在载入错题…"));
  loadQuizzes(need, function () {
    show(false);
    if (!sent) return;
    var gs = sentGroups(sent.keys), n = 0;
    for (var g = 0; g < gs.length; g++) n += gs[g].items.length;
    var gone = sent.asked - n;
    if (!n) {
      app.insertBefore(el("p", "mistakes-assigned", "这个练习链接里的题" + (sent.asked ? "已从手册删除，或是考试题" : "没有写全") + "，没有可练的。下面是你自己的错题本。"), app.firstChild);
      return;
    }
    assigned.textContent = "这是发给你的一组练习，共 " + n + " 题" + (gone ? "（另有 " + gone + " 题已从手册删除，或是考试题）" : "") +
      "：答对的题移出你的错题本，答错的记进去。练习不计入测验成绩。";
    assigned.hidden = false;
    practise(gs, "指定练习");
  });
  // A link pasted into this page when it is open already: played as if opened.
  window.addEventListener("hashchange", function () {
    if (/^#practice=/.test(location.hash)) location.reload();
  });
})();
