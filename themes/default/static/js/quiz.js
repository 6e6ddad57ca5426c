/* handbook quiz player: questions, phone role-play scenarios, flash cards, and the learner's
 * progress in localStorage. Plain ES5, no dependencies, no fetch: works from file:// and on phones.
 *
 * Cheap on any page: it records lessons and rules as read (body.kind-lesson / body.kind-rule)
 * once their end has been on screen, and does nothing else unless the page has a
 * <div class="quiz-app" data-quiz="id">.
 *
 * Storage: localStorage["handbook-progress:" + body[data-book]] =
 *   { v: 1,
 *     lessons:   { "<page dir>": <ms time last read to the end> },  // lesson and rule pages
 *     quizzes:   { "<quiz id>": { best, passed, attempts, last, lastScore, passedAt,
 *                                    lastTime, lastPauses, lastPausedMs } },
 *                //   best / lastScore: percent (integer, rounded to nearest: roundPct); last / passedAt: ms time
 *                //   a timed exam's latest attempt: lastTime, ms spent answering (pauses left out);
 *                //   lastPauses / lastPausedMs, how often and how long 暂停计时 stopped it
 *     scenarios: { "<quiz id>/<question id>": ["<ending node id>", ...] },
 *     cards:     { "<quiz id>/<question id>": { n, known: [card index...], done, rounds, last } },
 *     wrong:     { "<quiz id>/<question id>": { n, last, ok, picks, blank } },   // 错题本
 *                //   n: times answered wrong (or partly right) or, in an exam handed in when
 *                //   its time was up, left unanswered (blank, optional: how many of the n
 *                //   were that: no answer was given, not a wrong one), last: ms time of the latest
 *                //   such answer, ok: of the latest right one (0: never). In the 错题本 while
 *                //   last > ok: answering it right once takes it out. A question only ever
 *                //   answered right is kept too, { n: 0, last: 0, ok }: merged with a record
 *                //   of another computer that missed it, the later answer wins. picks (optional): the
 *                //   latest wrong answers, [{ a: answer as the widget gives it, t: ms }], at
 *                //   most PICKS, oldest first: which wrong option a learner keeps choosing.
 *     name:      "<learner name for the completion record and files>",  // optional
 *     job:       "<工号>",                                               // optional
 *     learner:   "<random learner id>", also: ["<ids of records merged in>"] }  // optional
 * That is the default learner's; each other learner of a shared PC has a record of their own,
 * under book + "@" + slot (see LEARNER_KEY below).
 * Anything else (bad JSON, wrong types, v != 1) is ignored; a newer version (v > 1) is neither
 * read nor overwritten. Every localStorage access may throw (privacy modes): nothing breaks.
 *
 * Scoring: every question except flash cards counts one point. single / multiple / true_false /
 * short: all or nothing. ordering: `scoring: pairs` (the default) gives the share of correct
 * neighbouring pairs, anything else all or nothing. matching: the share of correct rows.
 * scenario: points earned / best possible points on any path, clamped to 0..1 (the points are
 * never shown below 0: a call that lost more than it earned shows 0, and says by how much).
 * flash cards count nothing; a quiz made only of flash cards is passed (100%) once every card
 * has been marked 记住了. Score = points / counted questions, compared with pass_mark. */
(function () {
  "use strict";
  var body = document.body;
  if (!body) return;
  var root = body.getAttribute("data-root") || "";
  var BOOK = body.getAttribute("data-book") || "";

  /* Learners: a shared PC (hot-desking, shifts) keeps one record per learner. The learner
   * using this browser is localStorage["handbook-learner:" + book] = <slot> (a random id, as a
   * learner id is); none (or an unknown value) is the default learner, whose records keep the
   * keys they had before there were learners (so a record from before them is that learner's,
   * claimed by whoever first gives it a name). Another learner's records are under
   * book + "@" + slot: handbook-progress:<book>@<slot>, handbook-attempt:<book>@<slot>:<quiz>,
   * handbook-pages:…, handbook-searches:…, handbook-changes-seen:… (handbook.js and search.js
   * read the same; handbook.js's storedKey, the one list of them, says whose a key is). The
   * learner is fixed when the page opens: a page open in another tab when the learner is
   * switched goes on recording for the one it opened for (an exam in it too), and says so. */
  var LEARNER_KEY = "handbook-learner:" + BOOK;
  // (A slot is a learner id: handbook.js says which strings are.)
  var isLearnerId = window.Handbook.isLearnerId, storedKey = window.Handbook.storedKey;
  function slotBook(slot) { return slot ? BOOK + "@" + slot : BOOK; }
  function readSlot() {
    var v = null;
    try { v = storage().getItem(LEARNER_KEY); } catch (e) { v = null; }
    return isLearnerId(v) ? v : "";
  }
  // (handbook.js, run first, says which: the page's scripts agree even if a tab switched.)
  var SLOT = window.HANDBOOK_LEARNER && isLearnerId(window.HANDBOOK_LEARNER.slot) ? window.HANDBOOK_LEARNER.slot : readSlot();
  var KEY = "handbook-progress:" + slotBook(SLOT);
  // Writes stop once this learner's record is removed in another tab (清除我的记录): a page
  // left open on a shared PC does not bring it back.
  var stopped = false;

  /* ---------------------------------------------------------------- storage */

  function own(o, k) { return k !== "__proto__" && Object.prototype.hasOwnProperty.call(o, k); }
  function isObj(x) { return x !== null && typeof x === "object" && !(x instanceof Array); }
  function isNum(x) { return typeof x === "number" && isFinite(x); }
  function fresh() { return { v: 1, lessons: {}, quizzes: {}, scenarios: {}, cards: {}, wrong: {} }; }

  /** Pages read, kept by folder, moved to where their pages went: a lesson moved or renamed
   *  (its old path among its `aliases`), a rule renumbered (nav.js's `moved`, old folder to
   *  new). The latest reading of the two counts. */
  function moveRead(lessons) {
    var nav = window.HANDBOOK_NAV, moved = nav && isObj(nav.moved) ? nav.moved : null;
    if (!moved) return;
    for (var k in lessons) {
      if (!own(lessons, k) || !own(moved, k) || typeof moved[k] !== "string" || moved[k] === k) continue;
      var to = moved[k];
      lessons[to] = Math.max(own(lessons, to) ? lessons[to] : 0, lessons[k]);
      delete lessons[k];
    }
  }

  /** Renamed quizzes: nav.js's `movedQuizzes`, each old id (a quiz's `aliases`) to the new. */
  function movedQuizzes() {
    var nav = window.HANDBOOK_NAV;
    return nav && isObj(nav.movedQuizzes) ? nav.movedQuizzes : null;
  }
  /** A quiz's id now: `id`, or the id of the quiz it is an old id of. */
  function quizNow(id) {
    var moved = movedQuizzes();
    return moved && own(moved, id) && typeof moved[id] === "string" ? moved[id] : id;
  }

  /** What was done under a renamed quiz's old id (nav.js's `movedQuizzes`, old id to new):
   *  its score, scenario endings, cards and 错题本 entries, moved to the new id and merged
   *  with what is there as two computers' records are (mergeInto). */
  function moveQuizzes(d) {
    var moved = movedQuizzes();
    if (!moved) return;
    var lists = ["scenarios", "cards", "wrong"];
    // Each old id on its own, merged in turn: two old ids of one quiz (renamed twice) add up.
    for (var old in moved) {
      if (!own(moved, old) || typeof moved[old] !== "string") continue;
      var to = moved[old], b = fresh(), any = false, k;
      if (own(d.quizzes, old)) {
        b.quizzes[to] = d.quizzes[old];
        delete d.quizzes[old];
        any = true;
      }
      for (var l = 0; l < lists.length; l++) {
        var m = d[lists[l]];
        for (k in m) {
          if (!own(m, k) || k.indexOf(old + "/") !== 0) continue;
          b[lists[l]][to + k.slice(old.length)] = m[k];
          delete m[k];
          any = true;
        }
      }
      if (any) mergeInto(d, b);
    }
  }

  /** A clean copy of stored progress: only well-typed entries survive. */
  /** The wrong answers kept with a 错题本 entry: at most PICKS, each an answer as a widget
   *  gives it (an option's index, indices, a text, a list of texts) with its time. */
  var PICKS = 5;
  function pickOk(a) {
    if (isNum(a)) return true;
    if (typeof a === "string") return a.length <= 200;
    if (!(a instanceof Array) || a.length > 40) return false;
    for (var i = 0; i < a.length; i++) if (!isNum(a[i]) && !(typeof a[i] === "string" && a[i].length <= 200)) return false;
    return true;
  }
  function cleanPicks(list) {
    var out = [];
    if (!(list instanceof Array)) return out;
    for (var i = 0; i < list.length; i++) {
      var p = list[i];
      if (isObj(p) && isNum(p.t) && pickOk(p.a)) out.push({ a: p.a, t: p.t });
    }
    out.sort(function (x, y) { return x.t - y.t; });
    return out.slice(-PICKS);
  }
  function clean(d) {
    var out = fresh(), k, r, i, list;
    if (!isObj(d) || d.v !== 1) return out;
    if (isObj(d.lessons)) for (k in d.lessons) if (own(d.lessons, k) && isNum(d.lessons[k])) out.lessons[k] = d.lessons[k];
    if (isObj(d.quizzes)) for (k in d.quizzes) {
      if (!own(d.quizzes, k)) continue;
      r = d.quizzes[k];
      if (!isObj(r) || !isNum(r.best)) continue;
      out.quizzes[k] = {
        best: Math.max(0, Math.min(100, r.best)),
        passed: r.passed === true,
        attempts: isNum(r.attempts) && r.attempts >= 1 ? Math.floor(r.attempts) : 1,
        last: isNum(r.last) ? r.last : 0
      };
      if (isNum(r.lastScore)) out.quizzes[k].lastScore = Math.max(0, Math.min(100, r.lastScore));
      if (isNum(r.passedAt)) out.quizzes[k].passedAt = r.passedAt;
      var ex = ["lastTime", "lastPauses", "lastPausedMs"];
      for (i = 0; i < ex.length; i++) if (isNum(r[ex[i]]) && r[ex[i]] >= 0) out.quizzes[k][ex[i]] = Math.floor(r[ex[i]]);
    }
    if (isObj(d.scenarios)) for (k in d.scenarios) {
      if (!own(d.scenarios, k) || !(d.scenarios[k] instanceof Array)) continue;
      list = [];
      for (i = 0; i < d.scenarios[k].length; i++) {
        var e = d.scenarios[k][i];
        if (typeof e === "string" && list.indexOf(e) < 0) list.push(e);
      }
      out.scenarios[k] = list;
    }
    if (isObj(d.cards)) for (k in d.cards) {
      if (!own(d.cards, k)) continue;
      r = d.cards[k];
      if (!isObj(r) || !isNum(r.n) || r.n < 0) continue;
      list = [];
      if (r.known instanceof Array) for (i = 0; i < r.known.length; i++) {
        var c = r.known[i];
        if (isNum(c) && c >= 0 && c < r.n && c === Math.floor(c) && list.indexOf(c) < 0) list.push(c);
      }
      out.cards[k] = { n: Math.floor(r.n), known: list, done: r.done === true, rounds: isNum(r.rounds) ? r.rounds : 0, last: isNum(r.last) ? r.last : 0 };
    }
    if (isObj(d.wrong)) for (k in d.wrong) {
      if (!own(d.wrong, k) || k.indexOf("/") < 1) continue;
      r = d.wrong[k];
      if (!isObj(r) || !isNum(r.n) || r.n < 0 || !isNum(r.last)) continue;
      // (Never missed: kept for its right answer's time alone.)
      if (r.n < 1 && !(isNum(r.ok) && r.ok > 0)) continue;
      out.wrong[k] = { n: Math.floor(r.n), last: r.last, ok: isNum(r.ok) ? r.ok : 0 };
      if (isNum(r.blank) && r.blank >= 1) out.wrong[k].blank = Math.min(Math.floor(r.blank), out.wrong[k].n);
      var picks = cleanPicks(r.picks);
      if (picks.length) out.wrong[k].picks = picks;
    }
    moveRead(out.lessons);
    moveQuizzes(out);
    if (isNum(d.course) && d.course > 0) out.course = d.course;
    if (d.cs === 1) out.cs = 1;
    if (typeof d.name === "string") out.name = d.name.slice(0, 80);
    if (typeof d.job === "string" && d.job) out.job = d.job.slice(0, 40);
    if (isLearnerId(d.learner)) out.learner = d.learner;
    if (d.also instanceof Array) {
      list = [];
      for (i = 0; i < d.also.length && list.length < 20; i++) if (isLearnerId(d.also[i]) && d.also[i] !== out.learner && list.indexOf(d.also[i]) < 0) list.push(d.also[i]);
      if (list.length) out.also = list;
    }
    return out;
  }

  /* The learner's id: random, made once (at the first export or when the name is entered),
   * kept in the record and carried by its file, so that a trainer's 学员进度汇总 tells two
   * learners apart whatever their files are called. `also`: the ids of records merged into
   * this one (the same learner's other computer). */
  function newLearnerId() {
    var s = "L", i, r = null;
    try {
      var c = window.crypto || window.msCrypto;
      if (c && c.getRandomValues) { r = new Uint32Array(3); c.getRandomValues(r); }
    } catch (e) { r = null; }
    for (i = 0; i < 3; i++) s += "-" + ((r ? r[i] : Math.floor(Math.random() * 4294967296)) >>> 0).toString(36);
    return s + "-" + Date.now().toString(36);
  }
  /** The record's learner id, made (and stored) when it has none. */
  function learnerId() {
    var id = "";
    update(function (d) { if (!d.learner) d.learner = newLearnerId(); id = d.learner; });
    return id;
  }

  // (This tab's sessionStorage in 演示模式: handbook.js says which.)
  function storage() {
    if (window.Handbook && window.Handbook.learnerStorage) return window.Handbook.learnerStorage();
    try { return window.localStorage || null; } catch (e) { return null; }
  }

  /** { data, writable, problem }: never throws; problem is "", "unavailable", "unreadable"
   *  or "newer" (a record written by a newer version: neither read nor overwritten). */
  function load(key) {
    var s = storage(), raw = null, d;
    if (!s) return { data: fresh(), writable: false, problem: "unavailable" };
    try { raw = s.getItem(key || KEY); } catch (e) { return { data: fresh(), writable: false, problem: "unavailable" }; }
    if (!raw) return { data: fresh(), writable: true, problem: "" };
    try { d = JSON.parse(raw); } catch (e) { return { data: fresh(), writable: true, problem: "unreadable" }; }
    if (isObj(d) && isNum(d.v) && d.v > 1) return { data: fresh(), writable: false, problem: "newer" };
    if (!isObj(d) || d.v !== 1) return { data: fresh(), writable: true, problem: "unreadable" };
    return { data: clean(d), writable: true, problem: "" };
  }

  /** Reads, changes and writes back the progress record (re-read each time: other tabs). */
  function update(change, key) {
    var st = load(key);
    // (Kept by a page that knows the course's start, d.course: courseStarted reads a record
    // without this mark as one kept before.)
    if (!key && !hasWork(st.data)) st.data.cs = 1;
    change(st.data);
    if (st.writable && !(stopped && !key)) {
      try { storage().setItem(key || KEY, JSON.stringify(st.data)); } catch (e) { /* full or denied */ }
    }
    return st.data;
  }

  /** Removes every key this browser keeps of the book (handbook.js's storedKey) for which
   *  `which(o)` (o: storedKey's answer) is true: under the book's id and, for a book given an
   *  id once in use, under its title, which handbook.js would carry over again while the
   *  id's key is empty. Throws when the storage does. */
  function removeStored(s, which) {
    var title = body.getAttribute("data-book-title") || "", keys = [], i, o;
    for (i = 0; i < s.length; i++) keys.push(s.key(i));
    for (i = 0; i < keys.length; i++) {
      o = storedKey(keys[i], BOOK) || (title && title !== BOOK ? storedKey(keys[i], title) : null);
      if (o && which(o)) s.removeItem(keys[i]);
    }
  }

  /** 清除进度: the learner's progress record and the attempts they left half done. */
  function clearAll() {
    var s = storage();
    if (!s) return false;
    try {
      // (Who the learner is stays: their name, 工号 and id, on a PC shared by several.)
      var me = load().data, who = { v: 1 }, keep = false;
      if (me.name) { who.name = me.name; keep = true; if (me.job) who.job = me.job; if (me.learner) who.learner = me.learner; if (me.also) who.also = me.also; }
      removeStored(s, function (o) { return o.progress && o.slot === SLOT; });
      if (keep) s.setItem(KEY, JSON.stringify(who));
      return true;
    } catch (e) { return false; }
  }

  /* ---------------------------------------------------------------- learners */

  /** Whether a record holds anything a learner did (more than a name). */
  function hasWork(d) {
    var lists = ["lessons", "quizzes", "scenarios", "cards", "wrong"];
    for (var i = 0; i < lists.length; i++) for (var k in d[lists[i]]) if (own(d[lists[i]], k)) return true;
    return false;
  }
  /** A learner as shown: 张三（工号 1234）, or 未署名学员. */
  function who(d) { return d && d.name ? d.name + (d.job ? "（工号 " + d.job + "）" : "") : "未署名学员"; }
  function progressKey(slot) { return "handbook-progress:" + slotBook(slot); }

  /** The learners of this browser: [{ slot ("": the default learner), record (clean),
   *  current }], the current one first, the others by name. The default learner is listed
   *  when there is a record of theirs or they are the current one. */
  function learners() {
    var s = storage(), out = [], seen = {}, i, o;
    function add(slot) {
      if (own(seen, "s" + slot)) return;
      seen["s" + slot] = true;
      out.push({ slot: slot, record: load(progressKey(slot)).data, current: slot === SLOT });
    }
    add(SLOT);
    if (s) {
      try {
        if (s.getItem(progressKey("")) !== null) add("");
        for (i = 0; i < s.length; i++) {
          o = storedKey(s.key(i), BOOK);
          if (o && o.slot && o.prefix === "handbook-progress:") add(o.slot);
        }
      } catch (e) { /* unavailable: the current one only */ }
    }
    var first = out.shift();
    out.sort(function (a, b) { var x = a.record.name || "", y = b.record.name || ""; return x < y ? -1 : x > y ? 1 : 0; });
    out.unshift(first);
    return out;
  }

  /** Makes `slot` ("": the default learner) the learner of this browser: the pages opened
   *  from now on record for them. False when the browser cannot keep it. */
  function switchLearner(slot) {
    var s = storage();
    if (!s) return false;
    try {
      // (Back to the default learner: no key, under the title either, which handbook.js
      // would carry over again.)
      if (slot) s.setItem(LEARNER_KEY, slot); else removeStored(s, function (o) { return o.slot === null; });
      return true;
    } catch (e) { return false; }
  }

  /** A new learner of this browser, named `name` (工号 `job`), with a record of their own
   *  (`record`: a clean one, such as an imported file's; else an empty one). Their slot, or
   *  "" when the browser cannot keep it. Not switched to. */
  function addLearner(name, job, record) {
    var slot = newLearnerId(), d = record || fresh();
    if (name) d.name = String(name).slice(0, 80);
    if (job) d.job = String(job).slice(0, 40);
    if (!d.learner) d.learner = slot;
    try { storage().setItem(progressKey(slot), JSON.stringify(d)); } catch (e) { return ""; }
    return slot;
  }

  /** The quizzes and exams learner `slot` left half done: [{ quiz, exam, deadline, paused }]. */
  function openAttempts(slot) {
    var s = storage(), out = [];
    if (!s) return out;
    try {
      for (var i = 0; i < s.length; i++) {
        var k = s.key(i), o = storedKey(k, BOOK), d = null;
        if (!o || !o.quiz || o.slot !== slot) continue;
        try { d = JSON.parse(s.getItem(k) || "null"); } catch (e) { d = null; }
        if (isObj(d)) out.push({ quiz: quizNow(o.quiz), exam: d.exam === true, deadline: isNum(d.deadline) ? d.deadline : 0, paused: isNum(d.paused) && d.paused > 0 });
      }
    } catch (e) { /* unavailable: none */ }
    return out;
  }

  /** 清除我的记录: removes all this browser keeps for learner `slot` -- every key of theirs
   *  (handbook.js's storedKey): the record (progress, 错题本, name), the attempts left half
   *  done, 收藏 and 最近查看, recent searches, the revisions seen -- and, when they were its
   *  learner, the browser goes back to the default learner. (Their keys from before the book
   *  had an id go too: handbook.js would carry them over again.) */
  function removeLearner(slot) {
    var s = storage();
    if (!s) return false;
    try {
      var current = readSlot() === slot;
      removeStored(s, function (o) { return o.slot === slot || (current && o.slot === null); });
      return true;
    } catch (e) { return false; }
  }

  /** 学员：张三（工号 1234）  不是你？换一位学员 -- under the title of the course, a quiz, the
   *  错题本 and 我的学习进度, once this browser has a named learner or more than one (nothing
   *  for whoever never gives a name). Called again when it changes (progress.js). */
  function showLearner() {
    var old = document.querySelectorAll(".learner-current");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var h1 = document.querySelector("article.content h1, main h1");
    var here = document.getElementById("progress-app");
    if (!h1 || !(here || document.querySelector(".course-modules, #mistakes-app") ||
      /\bkind-quiz\b/.test(body.className) && document.querySelector(".quiz-app[data-quiz]"))) return;
    var all = learners(), me = all[0].record;
    if (!me.name && all.length < 2) return;
    var p = el("p", "learner-current");
    p.appendChild(document.createTextNode("学员：" + who(me) + "　"));
    p.appendChild(attrs(el("a", "learner-change", "不是你？换一位学员"), { href: (here ? "" : root + "progress/index.html") + "#progress-learner-h" }));
    h1.parentNode.insertBefore(p, h1.nextSibling);
  }

  /** Another tab switched the learner, or removed this one's record: this page says so (it
   *  goes on recording for the learner it was opened for; not at all once their record is
   *  gone), with 刷新 to go on as the learner now. */
  function watchLearner() {
    var bar = null;
    window.addEventListener("storage", function (e) {
      // (Only the storage this page keeps its learner's record in: a tab in 演示模式 keeps it in
      // its own sessionStorage, and another tab's 清除进度 is no news to it.)
      try { if (e.storageArea && e.storageArea !== storage()) return; } catch (x) { return; }
      if (e.key !== null && e.key !== LEARNER_KEY && e.key !== KEY) return;
      if (e.key === KEY && e.newValue !== null) return;
      var gone = false, now = readSlot();
      try { gone = storage().getItem(KEY) === null; } catch (x) { gone = false; }
      if (gone && e.key !== LEARNER_KEY) stopped = true;
      if (!stopped && now === SLOT) return;
      var text = stopped
        ? "这份学习记录已在另一个页面清除，本页不再保存学习记录。"
        : "这台设备已在另一个页面换成学员“" + who(load(progressKey(now)).data) + "”。本页是为“" + who(load().data) + "”打开的，在本页的学习（包括考试）仍记在" + who(load().data).replace(/（.*/, "") + "名下。";
      if (!bar) {
        bar = attrs(el("div", "learner-bar"), { role: "status" });
        var main = document.getElementById("main") || body;
        main.insertBefore(bar, main.firstChild);
      }
      bar.innerHTML = "";
      bar.appendChild(el("span", null, text + "　"));
      bar.appendChild(button("刷新本页", "secondary learner-reload", function () { window.location.reload(); }));
    });
  }

  /* An attempt in progress, kept so that a reload, the Back button or the next day finds the
   * quiz where the learner left it: localStorage["handbook-attempt:" + book + ":" + quiz id] =
   *   { v: 1, qs: [question ids, in the order drawn], answers: [...], scores: [...], index,
   *     started: ms, practice, exam, deadline: ms (a timed exam), path: [{ node, option }] (the
   *     steps of the phone call being played), saved: ms }
   * Removed when the attempt is scored (finished, handed in) or started again. */
  var ATTEMPT_PREFIX = "handbook-attempt:" + slotBook(SLOT) + ":";
  function attemptRead(s, quizId) {
    var d = null;
    try { d = JSON.parse(s.getItem(ATTEMPT_PREFIX + quizId) || "null"); } catch (e) { d = null; }
    if (!isObj(d) || d.v !== 1 || !(d.qs instanceof Array) || !(d.answers instanceof Array) || !isNum(d.index) || !isNum(d.started)) return null;
    return d;
  }
  /** The attempt kept for quiz `quizId`, or null. One left under an old id of the quiz
   *  (renamed since, the old id among its `aliases`) is the quiz's too, as its scores and
   *  错题本 are: taken over under its id (the latest saved, if under several). */
  function attemptGet(quizId) {
    var s = storage(), moved = movedQuizzes(), d, old, x, olds = [], i;
    if (!s) return null;
    d = attemptRead(s, quizId);
    if (d || !moved) return d;
    for (old in moved) {
      if (!own(moved, old) || moved[old] !== quizId || old === quizId || !(x = attemptRead(s, old))) continue;
      olds.push(old);
      if (!d || (isNum(x.saved) ? x.saved : 0) > (isNum(d.saved) ? d.saved : 0)) d = x;
    }
    if (d) {
      attemptPut(quizId, d);
      for (i = 0; i < olds.length; i++) attemptPut(olds[i], null);
    }
    return d;
  }
  function attemptPut(quizId, d) {
    var s = storage();
    if (!s || stopped) return;
    try {
      if (d) s.setItem(ATTEMPT_PREFIX + quizId, JSON.stringify(d));
      else s.removeItem(ATTEMPT_PREFIX + quizId);
    } catch (e) { /* full or denied: the attempt lives in the page only */ }
  }

  /** Adds a clean record `b` (e.g. a file exported on another computer) into `a`: what either
   *  holds is kept, the better of the two where both do (best score, passed, the later time,
   *  the union of endings and known cards). Importing the same file twice changes nothing. */
  function mergeInto(a, b) {
    var k, i, x, y;
    if (isNum(b.course) && !(a.course <= b.course)) a.course = b.course;
    for (k in b.lessons) if (own(b.lessons, k)) a.lessons[k] = Math.max(a.lessons[k] || 0, b.lessons[k]);
    for (k in b.quizzes) if (own(b.quizzes, k)) {
      x = a.quizzes[k]; y = b.quizzes[k];
      if (!x) { a.quizzes[k] = y; continue; }
      var later = y.last > x.last ? y : x;
      var m = { best: Math.max(x.best, y.best), passed: x.passed || y.passed, attempts: Math.max(x.attempts, y.attempts), last: later.last };
      if (isNum(later.lastScore)) m.lastScore = later.lastScore;
      if (isNum(later.lastTime)) m.lastTime = later.lastTime;
      if (isNum(later.lastPauses)) { m.lastPauses = later.lastPauses; m.lastPausedMs = later.lastPausedMs || 0; }
      if (isNum(x.passedAt) || isNum(y.passedAt)) m.passedAt = Math.min(isNum(x.passedAt) ? x.passedAt : Infinity, isNum(y.passedAt) ? y.passedAt : Infinity);
      a.quizzes[k] = m;
    }
    for (k in b.scenarios) if (own(b.scenarios, k)) {
      x = a.scenarios[k] || [];
      for (i = 0; i < b.scenarios[k].length; i++) if (x.indexOf(b.scenarios[k][i]) < 0) x.push(b.scenarios[k][i]);
      a.scenarios[k] = x;
    }
    for (k in b.cards) if (own(b.cards, k)) {
      x = a.cards[k]; y = b.cards[k];
      if (!x || x.n !== y.n) { if (!x || y.last > x.last) a.cards[k] = y; continue; }
      for (i = 0; i < y.known.length; i++) if (x.known.indexOf(y.known[i]) < 0) x.known.push(y.known[i]);
      x.done = x.done || y.done; x.rounds = Math.max(x.rounds, y.rounds); x.last = Math.max(x.last, y.last);
    }
    for (k in b.wrong) if (own(b.wrong, k)) {
      x = a.wrong[k]; y = b.wrong[k];
      a.wrong[k] = x ? { n: Math.max(x.n, y.n), last: Math.max(x.last, y.last), ok: Math.max(x.ok, y.ok) } : y;
      // (The unanswered of the record whose count is kept.)
      if (x) { var fromB = y.n > x.n, bl = (fromB ? y : x).blank; if (bl) a.wrong[k].blank = bl; }
      if (x && (x.picks || y.picks)) {
        // The wrong answers of both, each once (importing twice adds nothing).
        var seen = {}, both = [], all2 = (x.picks || []).concat(y.picks || []);
        for (i = 0; i < all2.length; i++) {
          var key = all2[i].t + ":" + JSON.stringify(all2[i].a);
          if (!seen[key]) { seen[key] = true; both.push(all2[i]); }
        }
        a.wrong[k].picks = cleanPicks(both);
      }
    }
    if (!a.name && b.name) a.name = b.name;
    if (!a.job && b.job) a.job = b.job;
    var ids = (b.learner ? [b.learner] : []).concat(b.also || []);
    if (!a.learner && ids.length) a.learner = ids.shift();
    for (i = 0; i < ids.length; i++) {
      if (ids[i] === a.learner) continue;
      a.also = a.also || [];
      if (a.also.indexOf(ids[i]) < 0 && a.also.length < 20) a.also.push(ids[i]);
    }
    return a;
  }

  /** A progress file's text (progress.js exports it: { handbook: "progress", book, title,
   *  exported, progress }) read for the book `book` (book.toml's id, else its title) titled
   *  `title`: { record, exported }, or { error } saying why not. A file names the book by its
   *  id; one from before the book had an id, by the title it had (so either is this book). */
  function readFile(text, book, title) {
    var o = null;
    try { o = JSON.parse(text); } catch (e) { o = null; }
    if (!isObj(o) || o.handbook !== "progress" || !isObj(o.progress)) return { error: "这不是手册“我的学习进度”页导出的进度文件。" };
    var named = String(o.book);
    if (named !== book && !(title && named === title)) {
      return { error: "这是《" + (typeof o.title === "string" && o.title ? o.title : named) + "》的进度文件，不是本手册的。" };
    }
    if (isNum(o.progress.v) && o.progress.v > 1) return { error: "这个文件来自更新版本的手册。" };
    var open = [];
    if (o.open instanceof Array) for (var i = 0; i < o.open.length && open.length < 100; i++) if (typeof o.open[i] === "string" && o.open[i].length <= 200) open.push(o.open[i]);
    return { record: clean(o.progress), exported: typeof o.exported === "string" ? o.exported : "", stars: pageList(isObj(o.pages) ? o.pages.stars : null), open: open };
  }

  /* 收藏 (handbook.js keeps them: localStorage["handbook-pages:" + book] = { stars: [{ u, t }],
   * recent: [...] }) travel in the progress file too: { ..., pages: { stars: [...] } }. */
  var PAGES_KEY = "handbook-pages:" + slotBook(SLOT);
  /** Well-formed entries only: u a folder of this site (no scheme, no absolute or parent
   *  path: it becomes a link), t its title. */
  function pageList(list) {
    var out = [];
    if (!(list instanceof Array)) return out;
    for (var i = 0; i < list.length && out.length < 60; i++) {
      var x = list[i];
      if (isObj(x) && typeof x.u === "string" && typeof x.t === "string" && /^([^\/:?#.][^:?#]*\/)?$/.test(x.u) && x.u.indexOf("..") < 0) out.push({ u: x.u, t: x.t });
    }
    return out;
  }
  function pagesStored(key) {
    var s = storage(), v = null;
    try { v = s && JSON.parse(s.getItem(key || PAGES_KEY) || "null"); } catch (e) { v = null; }
    return isObj(v) ? v : {};
  }
  /** This browser's 收藏 (the learner's). */
  function stars() { return pageList(pagesStored().stars); }
  /** Adds `list` to this browser's 收藏 (those not starred yet, at the end): how many. Those
   *  of the learner `slot` when given (a file imported for another learner of this browser). */
  function addStars(list, slot) {
    var key = typeof slot === "string" ? "handbook-pages:" + slotBook(slot) : PAGES_KEY;
    var s = storage(), v = pagesStored(key), have = pageList(v.stars), n = 0, i, j, dup;
    if (!s) return 0;
    for (i = 0; i < list.length && have.length < 60; i++) {
      for (dup = false, j = 0; j < have.length; j++) if (have[j].u === list[i].u) dup = true;
      if (!dup) { have.push(list[i]); n++; }
    }
    if (!n) return 0;
    v.stars = have;
    try { s.setItem(key, JSON.stringify(v)); } catch (e) { return 0; }
    return n;
  }

  /** 错题本: an answer to question `qid` of quiz `quizId` scored `s` (1: right). A wrong or
   *  partly right answer puts it in (or counts it again); a right one takes it out -- and is
   *  kept when it is not in (n 0): a learner who missed it on one computer and got it right on
   *  another has it out of the 错题本 once the two records are merged (the trainer's table
   *  showed 错题本 11 题 beside the quiz passed with 100%). `blank`: an exam's question left
   *  unanswered when it was handed in (kept apart: not a wrong answer). */
  function recordAnswer(quizId, qid, s, a, blank) {
    if (!quizId || !qid || !isNum(s)) return;
    var k = quizId + "/" + qid, now = Date.now();
    update(function (d) {
      var r = own(d.wrong, k) ? d.wrong[k] : null;
      if (s >= 1) { if (r) r.ok = Math.max(now, r.last + 1); else d.wrong[k] = { n: 0, last: 0, ok: now }; return; }
      if (!r) r = d.wrong[k] = { n: 0, last: 0, ok: 0 };
      r.n++;
      if (blank) r.blank = (r.blank || 0) + 1;
      r.last = Math.max(now, r.ok + 1);
      // The answer given (none: an exam's question left unanswered).
      if (a != null && pickOk(a)) r.picks = cleanPicks((r.picks || []).concat([{ a: a, t: r.last }]));
    });
  }

  /** The questions in the 错题本: [{ quiz, id, n, last, picks }], the latest mistake first. */
  function wrongList(d) {
    var list = [];
    for (var k in d.wrong) if (own(d.wrong, k)) {
      var r = d.wrong[k], cut = k.indexOf("/");
      if (r.last > r.ok) list.push({ quiz: k.slice(0, cut), id: k.slice(cut + 1), n: r.n, blank: r.blank || 0, last: r.last, picks: r.picks || [] });
    }
    list.sort(function (a, b) { return b.last - a.last; });
    return list;
  }

  /** A lesson or rule card counts as read once its end has been on screen -- at once when
   *  the page is short enough -- not when it is merely opened: one IntersectionObserver
   *  watches a marker after the last of article.content's text (before its 修订记录 and
   *  资料来源). (A browser without it marks the
   *  page on load, as before.) handbook.js reads the same record for its 新 badges. */
  function recordPage() {
    var page = body.getAttribute("data-page");
    var cl = body.classList;
    if (page == null || !cl || !(cl.contains("kind-lesson") || cl.contains("kind-rule"))) return;
    // On an item of the course, its strip says how it counts (a new hire went through a
    // module by the strip's 下一项 and found every lesson 未读), and says 已读 once it is;
    // 继续入职课程 at its foot says so where the reader is.
    var strip = document.querySelector("nav.course-step p"), foot = document.querySelector("nav.course-continue");
    var state = null, done = null;
    var shown = function (read) {
      if (!strip) return;
      if (!state) state = strip.appendChild(el("span", "course-read"));
      state.textContent = read ? " · ✓ 已读" : " · 读到页尾记为已读";
      state.className = "course-read" + (read ? " is-read" : "");
      if (read && foot && !done) done = foot.insertBefore(el("p", "course-read-done", "✓ 本页已记为已读"), foot.firstChild);
    };
    // (As the course reads it: a page kept under its folder without the slash, as older
    // records have it, is read too.)
    var isRead = function () { return itemDone(load().data, "lesson", page.replace(/\/$/, "")); };
    shown(isRead());
    // (已读 once it is kept: not where the browser keeps nothing -- storage blocked, a record
    // from a newer version, a learner cleared in another tab.)
    var mark = function () { update(function (d) { d.lessons[page] = Date.now(); }); shown(isRead()); };
    var article = document.querySelector("article.content");
    if (!article || typeof window.IntersectionObserver !== "function") { mark(); return; }
    var end = attrs(el("div", "read-end"), { "aria-hidden": "true" });
    // The end of what is read: before the page's 修订记录 and 资料来源, which close it (on a
    // phone they are a screen or two more, which a reader who has read it all need not scroll).
    var after = null;
    for (var c = article.firstElementChild; c && !after; c = c.nextElementSibling) {
      if (c.classList && (c.classList.contains("revisions") || c.classList.contains("sources"))) after = c;
    }
    article.insertBefore(end, after);
    var seen = new window.IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) { seen.disconnect(); mark(); return; }
      }
    });
    seen.observe(end);
    // (Or what follows it: a jump to the foot of the page, End, may pass the marker by.)
    for (; after; after = after.nextElementSibling) seen.observe(after);
  }

  /* ---------------------------------------------------------------- answers */

  // A few common traditional → simplified pairs, used only until the full OpenCC-derived table
  // is on the page: the search client's (HandbookSearch.normalise), or, in a book built
  // without search, static/js/fold.js (window.HandbookFold, loaded by preloadFold).
  var FOLD = "個个們们這这來来時时電电費费號号門门問问題题為为與与會会處处辦办應应復复務务訴诉" +
    "記记錄录單单據据點点錢钱後后裡里說说話话請请對对錯错戶户數数發发區区線线實实際际檢检" +
    "測测標标準准確确認认內内網网結结轉转聯联絡络賠赔償偿開开關关長长種种類类節节級级責责" +
    "態态緒绪動动愛爱讓让聽听員员歸归屬属報报";
  var foldMap = null, foldFrom = null;
  /** The characters of a string, astral ones (surrogate pairs) whole. */
  function chars(s) {
    return s.match(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g) || [];
  }
  function fold(s) {
    var table = typeof window.HandbookFold === "string" ? window.HandbookFold : FOLD;
    if (foldFrom !== table) {
      foldMap = {};
      foldFrom = table;
      var cs = chars(table);
      for (var i = 0; i + 1 < cs.length; i += 2) foldMap[cs[i]] = cs[i + 1];
    }
    var out = "", sc = chars(s);
    for (var j = 0; j < sc.length; j++) out += own(foldMap, sc[j]) ? foldMap[sc[j]] : sc[j];
    return out;
  }
  // Spaces and punctuation (ASCII, Latin-1, general punctuation, arrows, CJK symbols, full-width
  // forms); digits, letters and 〇 stay.
  var PUNCT = /[\s\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u21ff\u2500-\u257f\u3000-\u3004\u3008-\u3020\u3030\u30fb\ufe10-\ufe6f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/g;

  /** For comparing short answers: NFKC, lower case, traditional → simplified, no spaces or punctuation. */
  function normalise(s) {
    s = String(s == null ? "" : s);
    var H = window.HandbookSearch;
    if (H && typeof H.normalise === "function") {
      try { var t = H.normalise(s); if (typeof t === "string") s = t; } catch (e) { /* fall back */ }
    }
    if (s.normalize) { try { s = s.normalize("NFKC"); } catch (e) { /* old browser */ } }
    return fold(s.toLowerCase()).replace(PUNCT, "");
  }

  // Chinese numerals, for answers written either way (四 = 4, 三十 = 30, 两 = 2, 一百零五 = 105).
  var CN_DIGIT = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var CN_UNIT = { "十": 10, "百": 100, "千": 1000, "万": 10000 };
  function cnNumber(run) {
    var i, c, out = "";
    if (!/[十百千万]/.test(run)) {
      for (i = 0; i < run.length; i++) out += CN_DIGIT[run.charAt(i)];
      return out;
    }
    var total = 0, section = 0, num = 0, seen = false;
    for (i = 0; i < run.length; i++) {
      c = run.charAt(i);
      if (own(CN_DIGIT, c)) { num = CN_DIGIT[c]; seen = true; continue; }
      if (c === "万") { total += (section + num) * 10000; section = 0; num = 0; seen = true; continue; }
      if (!num && !seen) num = 1; // 十五: the 一 before 十 is left out
      section += num * CN_UNIT[c];
      num = 0;
      seen = true;
    }
    return String(total + section + num);
  }
  var NUMERAL = "[0-9零〇一二两三四五六七八九十百千万]";
  var HEDGE_BEFORE = new RegExp("^(?:大约|约|最长|最多|一共|共)(?=" + NUMERAL + ")");
  var HEDGE_AFTER = /(?:左右|以内|之内|内)$/;
  /** What a learner writes before an answer that asks what to do: 应该回避 is 回避. (Not
   *  不应该: that says the opposite, and is left whole.) */
  var MODAL_BEFORE = /^(?:应该|应当|必须|需要|要)(?=.)/;

  /** A short answer as compared: normalise(), then the words that only hedge or pad a number
   *  left out (约, 大约, 左右, 以内, 内, 最长, 最多, 共, 一共), numerals as digits (四 = 4), 大类 as 类,
   *  百分之 and 个 after a number, 的; a measure word after a number (七种, 7项: 7, as 7类 is),
   *  but never a unit of time (5天 stays 5天, not 5个工作日); 应该 / 应当 / 要 / 必须 / 需要
   *  before the answer; 一些 / 一点 after it, and 些 / 点 after 快 慢 多 少 早 晚 高 低 好 (快一些 =
   *  快点 = 快; 特点 and 重点 stay whole). Whole answers are still compared, so 3 never
   *  passes for 30. */
  function loose(s) {
    var a = normalise(s), prev;
    do {
      prev = a;
      a = a.replace(HEDGE_BEFORE, "").replace(HEDGE_AFTER, "").replace(MODAL_BEFORE, "");
    } while (a !== prev && a);
    // (Before the numerals: 一些's 一 is none; 三点, a time, keeps its 点.)
    a = a.replace(/([^0-9零〇一二两三四五六七八九十百千万])(?:一些|一点)$/, "$1").replace(/([快慢多少早晚高低好])(?:些|点)$/, "$1");
    // (百分之 first: read as a numeral, its 百 made 百分之四 "100分之4".)
    a = a.replace(/百分之(?=[零〇一二两三四五六七八九十百千万0-9])/g, "");
    a = a.replace(/[零〇一二两三四五六七八九十百千万]+/g, cnNumber);
    return a.replace(/([0-9])个/g, "$1").replace(/大类/g, "类").replace(/的/g, "")
      .replace(/([0-9])(?:种|类|项|条)/g, "$1");
  }

  function accepts(list, answer) {
    var a = loose(answer);
    if (!a) return false;
    for (var i = 0; i < list.length; i++) if (loose(list[i]) === a) return true;
    return false;
  }

  function preloadFold() {
    var H = window.HandbookSearch;
    if (H && typeof H.loadMeta === "function") {
      try { H.loadMeta(function () {}); } catch (e) { /* search index missing: the fallback table stays */ }
    } else if (window.HandbookFold == null && document.head) {
      // A book built without search writes the table on its own (a missing file leaves the
      // small table in use).
      var sc = document.createElement("script");
      sc.src = root + versioned("static/js/fold.js");
      document.head.appendChild(sc);
    }
  }

  /* ---------------------------------------------------------------- DOM helpers */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function attrs(e, a) {
    for (var k in a) if (own(a, k)) e.setAttribute(k, a[k]);
    return e;
  }
  function button(text, cls, onClick) {
    var b = el("button", "quiz-btn" + (cls ? " " + cls : ""), text);
    b.type = "button";
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }
  function isRelative(h) { return !!h && !/^(#|\/|[a-zA-Z][a-zA-Z0-9+.\-]*:)/.test(h); }
  /** A root-relative href from the data, usable from this page (also from file://). */
  /** Today as YYYYMMDD, for the names of saved files. */
  function dateStamp() {
    var now = new Date();
    return now.getFullYear() + ("0" + (now.getMonth() + 1)).slice(-2) + ("0" + now.getDate()).slice(-2);
  }

  /** Saves `text` as a file named `name` (a download; IE's msSaveOrOpenBlob). False when the
   *  browser can do neither, for the caller to show the text instead. */
  function download(text, name, type) {
    try {
      var blob = new Blob([text], { type: type });
      if (window.navigator.msSaveOrOpenBlob) {
        window.navigator.msSaveOrOpenBlob(blob, name);
        return true;
      }
      var a = document.createElement("a");
      if ("download" in a && window.URL && URL.createObjectURL) {
        a.href = URL.createObjectURL(blob);
        a.download = name;
        a.style.display = "none";
        body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); body.removeChild(a); }, 1000);
        return true;
      }
    } catch (e) { /* no Blob or downloads */ }
    return false;
  }

  /** 复制本题链接: a button (classes `cls`) that copies `href` (from this page: a quiz page
   *  with #<question>, which plays that question alone) as its whole address, under the quiz's
   *  title and the question's first words (`text`, or a function giving them once loaded), to
   *  send to a colleague or a trainer; null without handbook.js. */
  function questionCopy(title, href, id, text, cls) {
    var H = window.Handbook;
    if (!H || !H.copyButton) return null;
    var a = el("a");
    a.href = href;
    return attrs(H.copyButton("复制本题链接", function () {
      var t = typeof text === "function" ? text() : str(text);
      return "【" + title + "】" + (t ? t.slice(0, 60) + (t.length > 60 ? "…" : "") : id) + "\n单题练习：" + a.href;
    }, { copied: "已复制本题链接", failed: "复制失败，链接在按钮旁，请手动复制", manual: a.href, field: "本题练习链接" }, "quiz-btn link " + cls), { "data-qid": id });
  }

  function siteHref(h) {
    if (!isRelative(h)) return h;
    var m = /^([^?#]*)(.*)$/.exec(h);
    var path = m[1];
    if (path === "" || path.charAt(path.length - 1) === "/") path += "index.html";
    return root + path + m[2];
  }
  /** Inserts trusted HTML from the book's data, with its relative links made to work here. */
  function rich(node, html) {
    node.innerHTML = html || "";
    var i, list = node.querySelectorAll("a[href]");
    for (i = 0; i < list.length; i++) list[i].setAttribute("href", siteHref(list[i].getAttribute("href")));
    list = node.querySelectorAll("img[src]");
    for (i = 0; i < list.length; i++) list[i].setAttribute("src", siteHref(list[i].getAttribute("src")));
    return node;
  }
  function focusOn(node, scroll) {
    if (!node) return;
    if (scroll) { node.focus(); return; }
    try { node.focus({ preventScroll: true }); } catch (e) { node.focus(); }
  }
  /** Scrolls a node's top into view when it is hidden under the top bar or below the screen. */
  function reveal(node) {
    if (!node || !node.getBoundingClientRect) return;
    var r = node.getBoundingClientRect();
    var h = window.innerHeight || document.documentElement.clientHeight;
    if (r.top < 60 || r.top > h - 120) {
      try { node.scrollIntoView({ block: "start" }); } catch (e) { node.scrollIntoView(true); }
    }
  }
  function range(n) { var a = []; for (var i = 0; i < n; i++) a.push(i); return a; }
  /** `a` shuffled; by `rand` (a seeded generator, Handbook.seeded) where given. */
  function shuffle(a, rand) {
    a = a.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor((rand ? rand() : Math.random()) * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }
  function arr(x) { return x instanceof Array ? x : []; }
  function str(x) { return x == null ? "" : String(x); }
  function percent(fraction) { return roundPct(fraction * 100); }
  /** A percentage as shown everywhere (quiz scores, the progress and trainer pages): rounded
   *  to the nearest (10 / 15 = 67%), but never 100% for what is not all there, nor 0% for what
   *  is not nothing. */
  function roundPct(x) {
    if (!isNum(x)) return 0;
    var r = Math.round(x + 1e-9);
    if (r >= 100 && x < 100 - 1e-9) r = 99;
    if (r <= 0 && x > 1e-9) r = 1;
    return Math.max(0, Math.min(100, r));
  }
  function duration(ms) {
    var s = Math.max(0, Math.round(ms / 1000)), m = Math.floor(s / 60);
    s = s % 60;
    return m ? m + " 分 " + (s < 10 ? "0" : "") + s + " 秒" : s + " 秒";
  }

  /* ---------------------------------------------------------------- questions */

  var KINDS = {
    single: "single", single_choice: "single", multiple: "multiple", multiple_choice: "multiple",
    true_false: "true_false", short: "short", short_answer: "short", ordering: "ordering",
    matching: "matching", scenario: "scenario", flashcards: "flashcards"
  };
  var LABELS = {
    single: "单选题", multiple: "多选题", true_false: "判断题", short: "填空题", ordering: "排序题",
    matching: "连线题", scenario: "情景演练", flashcards: "话术卡片"
  };
  var ENDINGS = { good: "好结局", neutral: "一般结局", bad: "不理想的结局" };

  /** The data's question with every field this player reads, or null when it cannot be played. */
  function prepare(raw) {
    if (!isObj(raw)) return null;
    var kind = KINDS[raw.type];
    if (!kind) return null;
    var q = {
      id: str(raw.id), kind: kind, label: str(raw.type_label) || LABELS[kind], prompt: str(raw.prompt),
      options: [], answer: raw.answer, accepted: [], items: [], scoring: raw.scoring,
      pairs: [], distractors: [], cards: [], start: str(raw.start), nodes: [],
      explanation: str(raw.explanation), wrong_feedback: str(raw.wrong_feedback), links: [],
      // In a practice mixing several quizzes (错题本): the quiz it comes from, and that quiz's
      // page when it plays the question alone (none for an exam's).
      from: str(raw.from), fromTitle: str(raw.from_title), fromHref: str(raw.from_href), shuffle: typeof raw.shuffle === "boolean" ? raw.shuffle : null
    };
    var i, x;
    for (i = 0; i < arr(raw.options).length; i++) {
      x = raw.options[i];
      if (isObj(x)) q.options.push({ text: str(x.text), correct: x.correct === true, feedback: str(x.feedback) });
    }
    for (i = 0; i < arr(raw.accepted).length; i++) q.accepted.push(str(raw.accepted[i]));
    for (i = 0; i < arr(raw.items).length; i++) q.items.push(str(raw.items[i]));
    for (i = 0; i < arr(raw.pairs).length; i++) {
      x = raw.pairs[i];
      if (isObj(x)) q.pairs.push({ left: str(x.left), right: str(x.right) });
    }
    for (i = 0; i < arr(raw.distractors).length; i++) q.distractors.push(str(raw.distractors[i]));
    for (i = 0; i < arr(raw.cards).length; i++) {
      x = raw.cards[i];
      if (isObj(x)) q.cards.push({ front: str(x.front), back: str(x.back) });
    }
    for (i = 0; i < arr(raw.nodes).length; i++) {
      x = raw.nodes[i];
      if (!isObj(x)) continue;
      var node = {
        id: str(x.id), customer: str(x.customer), context: str(x.context), ending: x.ending ? str(x.ending) : "",
        outcome: str(x.outcome), debrief: str(x.debrief), options: []
      };
      for (var j = 0; j < arr(x.options).length; j++) {
        var o = x.options[j];
        if (isObj(o)) node.options.push({ text: str(o.text), next: str(o.next), score: isNum(o.score) ? o.score : 0, feedback: str(o.feedback), veto: o.veto === true });
      }
      q.nodes.push(node);
    }
    for (i = 0; i < arr(raw.links).length; i++) {
      x = raw.links[i];
      if (isObj(x) && x.href) q.links.push({ title: str(x.title) || str(x.href), href: str(x.href) });
    }
    if ((kind === "single" || kind === "multiple") && !q.options.length) return null;
    if (kind === "true_false" && typeof q.answer !== "boolean") return null;
    if (kind === "ordering" && !q.items.length) return null;
    if (kind === "matching" && !q.pairs.length) return null;
    if (kind === "flashcards" && !q.cards.length) return null;
    if (kind === "scenario") {
      var found = false;
      for (i = 0; i < q.nodes.length; i++) if (q.nodes[i].id === q.start) found = true;
      if (!found) return null;
    }
    return q;
  }

  /** The right answer of a question, as a paragraph (for one left unanswered). */
  function rightAnswer(q) {
    var t = [], i, plain = plainText;
    if (q.kind === "true_false") t.push(q.answer ? "正确" : "错误");
    else if (q.kind === "single" || q.kind === "multiple") { for (i = 0; i < q.options.length; i++) if (q.options[i].correct) t.push(plain(q.options[i].text)); }
    else if (q.kind === "short") { if (q.accepted.length) t.push(q.accepted[0]); }
    else if (q.kind === "ordering") t.push(q.items.join(" → "));
    else if (q.kind === "matching") { for (i = 0; i < q.pairs.length; i++) t.push(q.pairs[i].left + "：" + q.pairs[i].right); }
    if (!t.length) return null;
    var p = el("div", "quiz-short-feedback");
    p.appendChild(el("p", null, "你没有作答。"));
    p.appendChild(el("p", null, "正确答案：" + t.join(q.kind === "matching" ? "；" : "、")));
    return p;
  }

  /** Links { title, href (from the site's root; `page`: as this page has it), cls }. */
  function linksBlock(links, lead) {
    var p = el("p", "quiz-links");
    p.appendChild(el("span", "quiz-links-lead", lead));
    for (var i = 0; i < links.length; i++) {
      if (i) p.appendChild(document.createTextNode("、"));
      p.appendChild(attrs(el("a", links[i].cls || null, links[i].title), { href: links[i].page ? links[i].href : siteHref(links[i].href) }));
    }
    return p;
  }

  /** The onboarding course's next item after this page (base.html's nav.course-step), as a
   *  link for linksBlock, or null: its title is the one .course-continue gives after its
   *  <span>. */
  function courseNext() {
    var a = document.querySelector("nav.course-step a.course-step-next");
    var href = a && a.getAttribute("href");
    if (!href) return null;
    // The next item not done yet, as the course page's 继续学习 has it: the strip's next may
    // be done already (a learner who went back to a quiz), or one after it still to read.
    var nav = window.HANDBOOK_NAV, list = nav && nav.course, page = body.getAttribute("data-page"), at = -1, i;
    if (list instanceof Array) for (i = 0; i < list.length; i++) if (list[i] && list[i].u === page) { at = i; break; }
    if (at >= 0 && at + 1 < list.length) {
      var d = load().data, pick = null;
      for (i = at + 1; i < list.length + at && !pick; i++) {
        var it = list[i % list.length];
        if (!itemDone(d, it.k, it.i, it.u)) pick = it;
      }
      if (pick && pick !== list[at + 1]) return { title: "接着学还没完成的：" + pick.t, href: siteHref(String(pick.u)), page: true, cls: "quiz-course-next" };
    }
    var title = "", c = document.querySelector(".course-continue a");
    if (c && c.getAttribute("href") === href) {
      for (var n = c.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) title += n.nodeValue;
    }
    title = title.replace(/\s*→\s*$/, "").replace(/^\s+|\s+$/g, "");
    return { title: title ? "下一项：" + title : "入职课程的下一项", href: href, page: true, cls: "quiz-course-next" };
  }

  /* Every widget: { el, empty (message when nothing answered), answer() → answer or null,
   * grade(answer) → 0..1, set(answer) (review), lock(answer, score), details(answer, score) → node }.
   * Scenario and flash cards drive themselves and call ctx.done(answer, score). */

  function choiceWidget(q, ctx) {
    var multi = q.kind === "multiple";
    var opts = q.kind === "true_false"
      ? [{ text: "正确", correct: q.answer === true, feedback: "" }, { text: "错误", correct: q.answer === false, feedback: "" }]
      : q.options;
    var order = q.kind !== "true_false" && ctx.shuffle ? shuffle(range(opts.length)) : range(opts.length);
    var group = attrs(el("div", "quiz-options"), { role: multi ? "group" : "radiogroup", "aria-labelledby": ctx.promptId });
    var inputs = [], rows = [], marks = [];
    for (var p = 0; p < order.length; p++) {
      var i = order[p];
      var row = el("label", "quiz-option");
      var input = el("input");
      input.type = multi ? "checkbox" : "radio";
      input.name = ctx.uid;
      input.value = String(i);
      input.setAttribute("data-index", String(i));
      row.appendChild(input);
      row.appendChild(rich(el("span", "quiz-option-text"), opts[i].text));
      marks[i] = row.appendChild(el("span", "quiz-mark"));
      group.appendChild(row);
      inputs[i] = input;
      rows[i] = row;
    }
    function chosen(a, i) { return multi ? a.indexOf(i) >= 0 : a === i; }
    return {
      el: group,
      empty: multi ? "请至少选择一项，再提交。" : "请先选择一个答案，再提交。",
      answer: function () {
        var sel = [];
        for (var p = 0; p < order.length; p++) if (inputs[order[p]].checked) sel.push(order[p]);
        if (!sel.length) return null;
        return multi ? sel.sort(function (a, b) { return a - b; }) : sel[0];
      },
      grade: function (a) {
        if (!multi) return opts[a] && opts[a].correct ? 1 : 0;
        for (var i = 0; i < opts.length; i++) if (opts[i].correct !== chosen(a, i)) return 0;
        return 1;
      },
      set: function (a) { for (var i = 0; i < opts.length; i++) inputs[i].checked = chosen(a, i); },
      lock: function (a) {
        for (var i = 0; i < opts.length; i++) {
          inputs[i].disabled = true;
          var c = chosen(a, i), ok = opts[i].correct;
          if (c && ok) { rows[i].className += " is-correct"; marks[i].textContent = "✓ 你的选择，正确"; }
          else if (c) { rows[i].className += " is-wrong"; marks[i].textContent = "✗ 你的选择，不对"; }
          else if (ok) { rows[i].className += " is-missed"; marks[i].textContent = multi ? "漏选的正确项" : "正确答案"; }
        }
      },
      details: function (a) {
        var ul = el("ul", "quiz-option-feedback");
        for (var p = 0; p < order.length; p++) {
          var i = order[p], c = chosen(a, i), ok = opts[i].correct;
          if (!c && !ok) continue;
          var li = el("li", c ? (ok ? "good" : "bad") : "missed");
          li.setAttribute("data-index", String(i));
          li.appendChild(el("strong", null, c ? (ok ? "✓ 你选了：" : "✗ 你选了：") : (multi ? "漏选（这一项也该选）：" : "正确答案：")));
          li.appendChild(rich(el("span", "quiz-option-text"), opts[i].text));
          // An option's feedback is written to whoever picked it (对。这是四项原则之首…): to a
          // learner who left it out, its verdict read as praise of the wrong answer.
          var why = String(opts[i].feedback || "");
          if (!c && ok) why = why.replace(/^(<p>)?\s*(对|正确|没错|对的|选对了|答对了|说对了|对了)[。，！!,]\s*/, "$1");
          if (why && why !== "<p></p>") li.appendChild(rich(el("div", "quiz-why"), why));
          ul.appendChild(li);
        }
        return ul;
      }
    };
  }

  function shortWidget(q, ctx) {
    var wrap = el("div", "quiz-short");
    var label = el("label", "quiz-short-label", "你的答案");
    var input = attrs(el("input", "quiz-short-input"), {
      type: "text", id: ctx.uid + "-in", autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "done"
    });
    // (Its question, heard with the box: in an exam the focus goes from the question's number
    // straight to the box, as the choices' groups are named by their prompt.)
    if (ctx.promptId) input.setAttribute("aria-describedby", ctx.promptId);
    label.htmlFor = input.id;
    wrap.appendChild(label);
    wrap.appendChild(input);
    return {
      el: wrap,
      empty: "请先填写答案，再提交。",
      answer: function () { var v = input.value.replace(/^\s+|\s+$/g, ""); return v ? v : null; },
      grade: function (a) { return accepts(q.accepted, a) ? 1 : 0; },
      set: function (a) { input.value = a; },
      lock: function (a, s) { input.readOnly = true; wrap.className += s >= 1 ? " is-correct" : " is-wrong"; },
      details: function (a, s) {
        var d = el("div", "quiz-short-feedback");
        d.appendChild(el("p", null, "你的答案：" + a));
        // One reference answer, the first accepted (the others are ways of writing it).
        if (q.accepted.length && (s < 1 || loose(q.accepted[0]) !== loose(a))) {
          d.appendChild(el("p", null, "参考答案：" + q.accepted[0]));
        }
        return d;
      }
    };
  }

  function orderingWidget(q, ctx) {
    var n = q.items.length, order = range(n), locked = false;
    if (n > 1) { do { order = shuffle(range(n)); } while (same(order, range(n))); }
    var pairs = q.scoring == null || q.scoring === "" || q.scoring === "pairs";
    var wrap = el("div", "quiz-ordering");
    // (The keys where there is a keyboard: not on a touch screen.)
    wrap.appendChild(el("p", "quiz-hint", "用“上移”“下移”把各项排成正确的顺序，第一步放在最上面。" +
      (window.Handbook.touchOnly() ? "" : "键盘：在按钮上按 ↑ ↓ 换到上一项或下一项，按 Alt + ↑ / Alt + ↓ 直接移动这一项。")));
    var list = attrs(el("ol", "quiz-order"), { "aria-labelledby": ctx.promptId });
    wrap.appendChild(list);
    function same(a, b) { for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false; return true; }
    function draw(focusItem, dir) {
      list.innerHTML = "";
      var target = null;
      for (var pos = 0; pos < n; pos++) {
        var item = order[pos];
        var li = el("li", "quiz-order-item");
        li.setAttribute("data-index", String(item));
        li.appendChild(attrs(el("span", "quiz-order-pos", String(pos + 1)), { "aria-hidden": "true" }));
        li.appendChild(el("span", "quiz-order-text", q.items[item]));
        if (!locked) {
          var btns = el("span", "quiz-order-btns");
          var up = button("上移", "quiz-small"), down = button("下移", "quiz-small");
          attrs(up, { "data-dir": "up", "aria-label": "上移：" + q.items[item] + "（现在第 " + (pos + 1) + " 位）" });
          attrs(down, { "data-dir": "down", "aria-label": "下移：" + q.items[item] + "（现在第 " + (pos + 1) + " 位）" });
          if (pos === 0) up.setAttribute("aria-disabled", "true");
          if (pos === n - 1) down.setAttribute("aria-disabled", "true");
          up.addEventListener("click", mover(pos, -1, "up"));
          down.addEventListener("click", mover(pos, 1, "down"));
          btns.appendChild(up);
          btns.appendChild(down);
          li.appendChild(btns);
          if (item === focusItem) {
            target = (dir === "up" ? up : down);
            if (target.getAttribute("aria-disabled") === "true") target = dir === "up" ? down : up;
          }
        }
        list.appendChild(li);
      }
      if (target) target.focus();
    }
    function mover(pos, d, dir) { return function () { move(pos, d, dir); }; }
    function move(pos, d, dir) {
      var to = pos + d;
      if (locked || to < 0 || to >= n) return;
      var item = order[pos];
      order[pos] = order[to];
      order[to] = item;
      draw(item, dir);
      ctx.announce(quote(q.items[item]) + "移到了第 " + (to + 1) + " 位");
    }
    list.addEventListener("keydown", function (e) {
      var b = e.target;
      if (!b || b.tagName !== "BUTTON" || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
      e.preventDefault();
      var li = b.parentNode.parentNode, pos = 0;
      while (list.children[pos] && list.children[pos] !== li) pos++;
      var d = e.key === "ArrowUp" ? -1 : 1;
      if (e.altKey || e.ctrlKey || e.metaKey) { move(pos, d, b.getAttribute("data-dir")); return; }
      var other = list.children[pos + d];
      if (other) other.querySelector('[data-dir="' + b.getAttribute("data-dir") + '"]').focus();
    });
    draw(null);
    function text(a) {
      var t = [];
      for (var i = 0; i < a.length; i++) t.push(q.items[a[i]]);
      return t.join(" → ");
    }
    function goodPairs(a) {
      var c = 0;
      for (var i = 0; i + 1 < a.length; i++) if (a[i + 1] === a[i] + 1) c++;
      return c;
    }
    return {
      el: wrap,
      empty: "",
      answer: function () { return order.slice(); },
      grade: function (a) {
        if (same(a, range(n))) return 1;
        if (!pairs || n < 2) return 0;
        return goodPairs(a) / (n - 1);
      },
      set: function (a) { order = a.slice(); draw(null); },
      lock: function (a) {
        locked = true;
        order = a.slice();
        draw(null);
        for (var pos = 0; pos < n; pos++) {
          var li = list.children[pos];
          if (order[pos] === pos) {
            // (Said, not only coloured: a screen reader hears which stand right.)
            li.className += " is-correct";
            var ok = li.appendChild(el("span", "quiz-mark", "✓"));
            ok.appendChild(el("span", "visually-hidden", "位置正确"));
          } else {
            li.className += " is-wrong";
            li.appendChild(el("span", "quiz-mark", "应在第 " + (order[pos] + 1) + " 位"));
          }
        }
      },
      details: function (a) {
        var d = el("div", "quiz-order-feedback");
        d.appendChild(el("p", null, "你的顺序：" + text(a)));
        if (!same(a, range(n))) {
          d.appendChild(el("p", null, "正确顺序：" + text(range(n))));
          if (pairs && n > 1) d.appendChild(el("p", null, "相邻两项顺序正确的有 " + goodPairs(a) + " / " + (n - 1) + " 对，按对给分。"));
          else d.appendChild(el("p", null, "这道题要全部顺序正确才得分。"));
        }
        return d;
      }
    };
  }

  function matchingWidget(q, ctx) {
    var n = q.pairs.length, choices = [], i, j;
    for (i = 0; i < n; i++) if (choices.indexOf(q.pairs[i].right) < 0) choices.push(q.pairs[i].right);
    for (i = 0; i < q.distractors.length; i++) if (choices.indexOf(q.distractors[i]) < 0) choices.push(q.distractors[i]);
    choices = shuffle(choices);
    var wrap = attrs(el("div", "quiz-matching"), { role: "group", "aria-labelledby": ctx.promptId });
    // (No 左边 / 右边: on a phone the items and their choices stand one under the other.)
    wrap.appendChild(el("p", "quiz-hint", "为每一项选出对应的内容" + (q.distractors.length ? "（可选的内容里有多余的干扰项）" : "") + "。"));
    var selects = [], rows = [], marks = [], chosen = [];
    function showChosen(i) {
      return function () { chosen[i].textContent = selects[i].value ? "已选：" + selects[i].value : ""; };
    }
    for (i = 0; i < n; i++) {
      var row = el("div", "quiz-match-row");
      var id = ctx.uid + "-m" + i;
      var label = el("label", "quiz-match-left", q.pairs[i].left);
      label.htmlFor = id;
      var sel = attrs(el("select", "quiz-match-select"), { id: id, "data-index": String(i) });
      sel.appendChild(attrs(el("option", null, "请选择…"), { value: "" }));
      for (j = 0; j < choices.length; j++) sel.appendChild(attrs(el("option", null, choices[j]), { value: choices[j] }));
      row.appendChild(label);
      row.appendChild(sel);
      // On a phone a closed select shows some 16 characters of a choice of up to 30 or more:
      // the choice in full below it (quiz.css shows it on narrow screens only).
      chosen[i] = row.appendChild(attrs(el("span", "quiz-match-chosen"), { "aria-hidden": "true" }));
      sel.addEventListener("change", showChosen(i));
      // (Its mark, once answered, is the select's description: read after the row's select in
      // reading order, it was heard as the start of the next row's words.)
      marks[i] = row.appendChild(attrs(el("span", "quiz-mark"), { "aria-hidden": "true" }));
      wrap.appendChild(row);
      selects.push(sel);
      rows.push(row);
    }
    var missing = 0;
    return {
      el: wrap,
      get empty() { return "还有 " + missing + " 项没有选择，请全部选好再提交。"; },
      answer: function () {
        var a = [];
        missing = 0;
        for (var i = 0; i < n; i++) { a.push(selects[i].value); if (!selects[i].value) missing++; }
        return missing ? null : a;
      },
      grade: function (a) {
        var c = 0;
        for (var i = 0; i < n; i++) if (a[i] === q.pairs[i].right) c++;
        return c / n;
      },
      set: function (a) { for (var i = 0; i < n; i++) { selects[i].value = a[i]; showChosen(i)(); } },
      lock: function (a) {
        for (var i = 0; i < n; i++) {
          selects[i].disabled = true;
          var ok = a[i] === q.pairs[i].right;
          rows[i].className += ok ? " is-correct" : " is-wrong";
          marks[i].textContent = ok ? "✓" : "✗ 应为：" + q.pairs[i].right;
          var said = marks[i].parentNode.appendChild(attrs(el("span", null, ok ? "配对正确" : "配对不对，应为：" + q.pairs[i].right), { id: selects[i].id + "-said", hidden: "" }));
          selects[i].setAttribute("aria-describedby", said.id);
        }
      },
      details: function (a, s) {
        if (s >= 1) return null;
        var ul = el("ul", "quiz-option-feedback");
        for (var i = 0; i < n; i++) {
          var ok = a[i] === q.pairs[i].right;
          var li = el("li", ok ? "good" : "bad");
          li.appendChild(el("strong", null, (ok ? "✓ " : "✗ ") + q.pairs[i].left + "："));
          li.appendChild(el("span", null, ok ? a[i] : "你选了" + quote(a[i]) + "，应为" + quote(q.pairs[i].right)));
          ul.appendChild(li);
        }
        return ul;
      }
    };
  }

  /** The steps of a scenario's call (`path`: [{ node, option }], as played) where the answer
   *  lost points or was weaker than the best answer at that step: [{ step, node, option, top }]
   *  (step counts from 1, top: the points of the best answer there). */
  function lostSteps(q, path) {
    var nodes = {}, out = [], i, k;
    for (i = 0; i < q.nodes.length; i++) nodes[q.nodes[i].id] = q.nodes[i];
    for (i = 0; i < arr(path).length; i++) {
      var node = isObj(path[i]) ? nodes[path[i].node] : null;
      var o = node ? node.options[path[i].option] : null;
      if (!o) break;
      var top = -Infinity;
      for (k = 0; k < node.options.length; k++) top = Math.max(top, node.options[k].score);
      if (o.veto || o.score < 0 || o.score < top) out.push({ step: i + 1, node: node, option: o, top: top });
    }
    return out;
  }
  function points(n) { return (n > 0 ? "+" : "") + n + " 分"; }

  /** The learner's own call, for its debrief: each answer that lost points (or was the weaker
   *  one), with that answer's feedback; `tag` is the title's element. */
  function lostBlock(q, path, tag) {
    var lost = lostSteps(q, path);
    var box = el("div", "scenario-lost");
    if (!lost.length) {
      box.appendChild(el("p", "scenario-lost-none", "这通电话里，你每一步都选了得分最高的回答。"));
      return box;
    }
    box.appendChild(el(tag || "p", "scenario-lost-title", "你这通电话里失分的回答（" + lost.length + " 处）"));
    var ol = el("ol", "scenario-lost-list");
    for (var i = 0; i < lost.length; i++) {
      var x = lost[i], o = x.option;
      var li = el("li", "scenario-lost-item " + (o.veto || o.score < 0 ? "bad" : "meh"));
      li.setAttribute("data-node", x.node.id);
      li.appendChild(el("p", "scenario-lost-head", "第 " + x.step + " 步 · " + (o.veto ? VETO + " · " : "") + points(o.score) +
        (x.top > o.score ? "（这一步最好的回答 " + points(x.top) + "）" : "")));
      if (x.node.customer) li.appendChild(el("p", "scenario-lost-customer", "客户：" + x.node.customer));
      li.appendChild(el("p", "scenario-lost-said", "你：" + o.text));
      if (o.feedback) li.appendChild(rich(el("div", "scenario-why"), o.feedback));
      // (And what the best answer there was: "最好的回答 +2 分" alone left a class guessing.)
      for (var b = 0; x.top > o.score && b < x.node.options.length; b++) {
        if (x.node.options[b].score !== x.top) continue;
        li.appendChild(el("p", "scenario-lost-best", "这一步最好的回答：" + x.node.options[b].text));
        break;
      }
      ol.appendChild(li);
    }
    box.appendChild(ol);
    return box;
  }

  /** An answer marked `veto` (一票否决: a forbidden phrase, hanging up on the customer): the
   *  call scores 0 % whatever its points, as a quality check fails a call for it. */
  var VETO = "一票否决";
  /** The first step of a call's path (as in lostSteps) whose answer is a veto, from 1; 0: none. */
  function vetoStep(q, path) {
    var lost = lostSteps(q, path);
    for (var i = 0; i < lost.length; i++) if (lost[i].option.veto) return lost[i].step;
    return 0;
  }

  /** A scenario's points as shown: never below 0, with what a negative sum stands for. */
  function floorNote(raw) { return raw < 0 ? "净扣 " + (-raw) + " 分，按 0 分计" : ""; }

  function scenarioWidget(q, ctx) {
    var nodes = {}, i;
    for (i = 0; i < q.nodes.length; i++) nodes[q.nodes[i].id] = q.nodes[i];
    var memo = {}, onPath = {};
    function best(id) {
      if (own(memo, id)) return memo[id];
      var node = nodes[id];
      if (!node || node.ending || !node.options.length) return (memo[id] = 0);
      if (onPath[id]) return -Infinity;
      onPath[id] = true;
      var m = -Infinity;
      // (The best call says nothing vetoed.)
      for (var k = 0; k < node.options.length; k++) if (!node.options[k].veto) m = Math.max(m, node.options[k].score + best(node.options[k].next));
      onPath[id] = false;
      return (memo[id] = m);
    }
    var max = best(q.start);
    var endings = [];
    for (i = 0; i < q.nodes.length; i++) if (q.nodes[i].ending || !q.nodes[i].options.length) endings.push(q.nodes[i]);

    var wrap = el("div", "scenario");
    var scoreBox = el("p", "scenario-score");
    // The call so far: a list inside a live log region (a list given role=log would no
    // longer be a list, and its items would be orphans).
    var log = el("ol", "scenario-log");
    var logRegion = attrs(el("div", "scenario-log-region"), { role: "log", "aria-label": "通话记录" });
    if (ctx.readonly) logRegion.removeAttribute("role");
    logRegion.appendChild(log);
    var stage = el("div", "scenario-stage");
    wrap.appendChild(scoreBox);
    wrap.appendChild(logRegion);
    wrap.appendChild(stage);
    var run;

    function fraction(r) {
      if (vetoStep(q, r.path)) return 0;
      if (max > 0) return Math.max(0, Math.min(1, r.score / max));
      var e = nodes[r.ending];
      return e && e.ending === "good" ? 1 : e && e.ending === "neutral" ? 0.5 : 0;
    }
    function showScore() {
      if (ctx.exam) { scoreBox.hidden = true; scoreBox.textContent = ""; return; }
      var notes = [];
      if (max > 0) notes.push("最高可得 " + max + " 分");
      if (run.score < 0) notes.push(floorNote(run.score));
      if (vetoStep(q, run.path)) notes.push("已" + VETO + "，这通电话计 0 分");
      scoreBox.textContent = "当前得分：" + Math.max(0, run.score) + " 分" + (notes.length ? "（" + notes.join("；") + "）" : "");
    }
    function line(cls, who, text) {
      var li = el("li", "scenario-line " + cls);
      if (who) li.appendChild(el("span", "scenario-who", who));
      li.appendChild(el("span", "scenario-said", text));
      log.appendChild(li);
      return li;
    }
    function begin(focusIt, resume) {
      run = { path: [], score: 0, ending: "" };
      log.innerHTML = "";
      scoreBox.hidden = false;
      showScore();
      if (resume && resume.length) {
        // The call so far (kept from before a reload), then the step it stopped at.
        var id = q.start, guard = q.nodes.length * 4 + 8;
        for (var k = 0; k < resume.length && guard-- > 0; k++) {
          var node = nodes[id];
          if (!isObj(resume[k]) || !node || node.id !== resume[k].node || node.ending || !node.options[resume[k].option]) break;
          if (node.context) line("scenario-context", "", node.context);
          if (node.customer) line("scenario-customer", "客户", node.customer);
          id = choose(node, resume[k].option, false);
        }
        show(id, focusIt);
        return;
      }
      if (ctx.step) ctx.step([]);
      show(q.start, focusIt);
    }
    // 演示模式 (a class at the projector, handbook.js): the options in one order every time the
    // call is played (a class told "take the second one" found another there), and a choice
    // taken back with 改选这一步 to try another -- not for a learner's own scored call.
    // (The mode as the page opened, where its records are kept: a tab opened before another
    // turned it on plays the learner's own call.)
    var demo = !ctx.exam && !!(window.HANDBOOK_LEARNER && window.HANDBOOK_LEARNER.demo);
    function show(id, focusIt, again) {
      var node = nodes[id];
      stage.innerHTML = "";
      if (!node) { stage.appendChild(el("p", "quiz-error", "情景数据有误：找不到节点“" + id + "”。")); return; }
      if (!again && node.context) line("scenario-context", "", node.context);
      if (!again && node.customer) line("scenario-customer", "客户", node.customer);
      if (node.ending || !node.options.length) { finish(node); return; }
      if (ctx.readonly) return;
      var group = attrs(el("div", "scenario-options"), { role: "group", "aria-labelledby": ctx.uid + "-ask" });
      var ask = attrs(el("p", "scenario-ask", "你怎么回答？"), { id: ctx.uid + "-ask", tabindex: "-1" });
      group.appendChild(ask);
      var seeded = demo && window.Handbook.seeded ? window.Handbook.seeded(q.id + "/" + node.id) : null;
      var order = ctx.shuffle ? shuffle(range(node.options.length), seeded) : range(node.options.length);
      for (var k = 0; k < order.length; k++) {
        var b = button(node.options[order[k]].text, "scenario-option");
        b.setAttribute("data-index", String(order[k]));
        b.addEventListener("click", chooser(node, order[k]));
        group.appendChild(b);
      }
      stage.appendChild(group);
      // The question, not an answer: a second Enter must not choose one unread (Tab goes on
      // to the answers).
      if (focusIt) focusOn(ask, true);
    }
    function chooser(node, k) { return function () { choose(node, k, true); }; }
    function choose(node, k, live) {
      var o = node.options[k];
      run.path.push({ node: node.id, option: k });
      run.score += o.score;
      var said = line("scenario-me", "你", o.text);
      var fb = null;
      if (!ctx.exam) {
        fb = el("li", "scenario-feedback " + (o.veto ? "bad" : o.score > 0 ? "good" : o.score < 0 ? "bad" : "meh"));
        fb.appendChild(el("span", "scenario-points", (o.score > 0 ? "+" : "") + o.score + " 分" + (o.veto ? " · " + VETO : "")));
        fb.appendChild(rich(el("div", "scenario-why"), o.feedback));
        log.appendChild(fb);
      }
      showScore();
      stage.innerHTML = "";
      if (!live) return o.next;
      if (ctx.step) ctx.step(run.path.slice());
      var next = button("继续通话", "primary", function () {
        // (The verdict not asked for yet is in the call's record all the same.)
        if (fb) fb.hidden = false;
        scoreBox.hidden = false;
        show(o.next, true);
      });
      stage.appendChild(next);
      // (A class discusses the answer before it hears the verdict: the points and the
      // feedback wait for 显示点评, the running score with them.)
      if (demo && fb) {
        fb.hidden = true;
        scoreBox.hidden = true;
        var verdict = button("显示点评", "secondary scenario-verdict", function () {
          fb.hidden = false;
          scoreBox.hidden = false;
          if (verdict.parentNode) verdict.parentNode.removeChild(verdict);
          reveal(fb);
        });
        stage.appendChild(verdict);
      }
      if (demo) {
        stage.appendChild(button("改选这一步", "secondary scenario-redo", function () {
          run.path.pop();
          run.score -= o.score;
          if (said.parentNode) said.parentNode.removeChild(said);
          if (fb && fb.parentNode) fb.parentNode.removeChild(fb);
          showScore();
          if (ctx.step) ctx.step(run.path.slice());
          show(node.id, true, true);
        }));
      }
      focusOn(next);
      reveal(fb || next);
      return o.next;
    }
    function finish(node) {
      run.ending = node.id;
      // The running score gives way to the call's result in the ending (本次得分), said once.
      scoreBox.hidden = true;
      if (ctx.exam) {
        // (An exam: how the call went is told at the hand-in, with the rest.)
        var over = el("div", "scenario-ending");
        var oh = attrs(el("h3", "scenario-ending-title", "通话结束"), { tabindex: "-1" });
        over.appendChild(oh);
        over.appendChild(el("p", null, "这通电话的结局、得分和复盘，交卷后在成绩里看。"));
        stage.appendChild(over);
        ctx.done({ path: run.path.slice(), ending: node.id, score: run.score }, fraction(run), true);
        focusOn(oh);
        return;
      }
      var reached = ctx.readonly ? [] : ctx.recordEnding(node.id);
      var box = el("div", "scenario-ending ending-" + (node.ending || "neutral"));
      box.setAttribute("data-ending", node.id);
      var h = el("h3", "scenario-ending-title", "结局：" + (ENDINGS[node.ending] || "通话结束"));
      h.tabIndex = -1;
      box.appendChild(h);
      if (node.outcome) box.appendChild(el("p", "scenario-outcome", node.outcome));
      // What this learner said, step by step: the debrief below is the same for every call
      // that ends here.
      box.appendChild(lostBlock(q, run.path));
      if (node.debrief) {
        var deb = el("div", "scenario-debrief");
        deb.appendChild(el("p", "scenario-debrief-title", "复盘"));
        deb.appendChild(rich(el("div"), node.debrief));
        box.appendChild(deb);
      }
      var f = fraction(run), vetoAt = vetoStep(q, run.path);
      box.appendChild(el("p", "scenario-total", "本次得分：" + Math.max(0, run.score) + (max > 0 ? " / " + max : "") + " 分（" + percent(f) + "%" +
        (vetoAt ? "；第 " + vetoAt + " 步" + VETO + "，这通电话计 0 分" : run.score < 0 ? "；" + floorNote(run.score) : "") + "）"));
      if (!ctx.readonly) {
        var ul = el("ul", "scenario-endings");
        var got = 0;
        for (var k = 0; k < endings.length; k++) {
          var has = reached.indexOf(endings[k].id) >= 0;
          if (has) got++;
          ul.appendChild(el("li", has ? "reached" : "", (has ? "✓ " : "○ ") + (ENDINGS[endings[k].ending] || endings[k].id) + (has ? "" : "（还没走到）")));
        }
        box.appendChild(el("p", "scenario-endings-lead", "已走到的结局：" + got + " / " + endings.length + "。换一种回答，看看通话会怎样发展："));
        box.appendChild(ul);
        var again = button("再打一次", "secondary", function () { ctx.reset(); begin(true); });
        var acts = el("div", "quiz-actions");
        acts.appendChild(again);
        box.appendChild(acts);
      }
      stage.appendChild(box);
      if (!ctx.readonly) {
        ctx.done({ path: run.path.slice(), ending: node.id, score: run.score }, f, true);
        focusOn(h);
        reveal(box);
      }
    }
    if (!ctx.readonly) begin(false, ctx.resume);
    return {
      el: wrap,
      set: function (a) {
        run = { path: [], score: 0, ending: "" };
        log.innerHTML = "";
        var id = q.start;
        var nodeCount = q.nodes.length + 1;
        show(id, false);
        for (var k = 0; k < a.path.length && nodeCount-- > 0; k++) {
          var node = nodes[a.path[k].node];
          if (!node || !node.options[a.path[k].option]) break;
          id = choose(node, a.path[k].option, false);
          show(id, false);
        }
        showScore();
      },
      lock: function () {},
      details: function () { return null; }
    };
  }

  function cardsWidget(q, ctx) {
    var n = q.cards.length, key = ctx.quizId + "/" + q.id;
    var known = {}, knownCount = 0, rounds = 0, done = false, i;
    var rec = load().data.cards[key];
    if (rec && rec.n === n) {
      rounds = rec.rounds;
      done = rec.done;
      if (rec.known.length < n) for (i = 0; i < rec.known.length; i++) { known[rec.known[i]] = true; knownCount++; }
    }
    var queue = [];
    function fill() {
      queue = [];
      for (var i = 0; i < n; i++) if (!known[i]) queue.push(i);
      if (ctx.shuffle) queue = shuffle(queue);
    }
    fill();
    var AGAIN = 2; // a card marked 还不熟 comes back after this many other cards

    var wrap = el("div", "flashcards");
    var status = el("p", "flash-status");
    // (The next card's front is read out as it comes; its back is read where the focus goes
    // at 翻面 -- a live card read the back twice.)
    var card = el("div", "flashcard");
    var front = attrs(el("div", "flash-face flash-front"), { "aria-live": "polite" });
    var frontSide = front.appendChild(el("p", "flash-side", "正面 · 客户说"));
    var frontText = front.appendChild(el("p", "flash-text"));
    var back = attrs(el("div", "flash-face flash-back"), { tabindex: "-1" });
    back.id = ctx.uid + "-back";
    back.appendChild(el("p", "flash-side", "背面 · 示范说法"));
    var backText = back.appendChild(el("p", "flash-text"));
    card.appendChild(front);
    card.appendChild(back);
    var acts = el("div", "quiz-actions flash-actions");
    var flip = button("翻面", "primary", function () {
      back.hidden = false;
      card.className = "flashcard is-flipped";
      flip.hidden = true;
      yes.hidden = no.hidden = false;
      flip.setAttribute("aria-expanded", "true");
      // The back, to be read: 记住了 is one Tab on (a second Enter must not mark a card known
      // unread).
      focusOn(back);
    });
    attrs(flip, { "aria-controls": back.id, "aria-expanded": "false" });
    var yes = button("记住了", "good", function () {
      var c = queue.shift();
      if (!known[c]) { known[c] = true; knownCount++; }
      save();
      show(true);
    });
    var no = button("还不熟", "secondary", function () {
      var c = queue.shift();
      queue.splice(Math.min(AGAIN, queue.length), 0, c);
      save();
      ctx.announce(queue.length > 1 ? "这张卡片过两张会再出现。" : "这张卡片马上再练一次。");
      show(true);
    });
    var restart = button("从头再练全部卡片", "link", function () { known = {}; knownCount = 0; fill(); save(); ctx.reset(); show(true); });
    acts.appendChild(flip);
    acts.appendChild(yes);
    acts.appendChild(no);
    wrap.appendChild(status);
    wrap.appendChild(card);
    wrap.appendChild(acts);
    var foot = el("div", "quiz-actions flash-foot");
    foot.appendChild(restart);
    wrap.appendChild(foot);

    function save() {
      var list = [];
      for (var k in known) if (own(known, k)) list.push(+k);
      var finished = queue.length === 0;
      if (finished) { done = true; rounds++; }
      update(function (d) { d.cards[key] = { n: n, known: list, done: done, rounds: rounds, last: Date.now() }; });
    }
    function show(focusIt) {
      if (!queue.length) { complete(); return; }
      var c = queue[0];
      card.hidden = false;
      card.className = "flashcard";
      card.setAttribute("data-card", String(c));
      frontText.textContent = q.cards[c].front;
      // A front that is only a situation in brackets (（问题处理完毕，准备结束通话）) is no
      // words of the customer's.
      frontSide.textContent = /^\s*[（(][^）)]*[）)]\s*$/.test(q.cards[c].front) ? "正面 · 情形" : "正面 · 客户说";
      backText.textContent = q.cards[c].back;
      back.hidden = true;
      flip.hidden = false;
      flip.setAttribute("aria-expanded", "false");
      yes.hidden = no.hidden = true;
      // (A deck gone through before starts over: this round's count, said as this round's --
      // 已记住 0 / 19 under 这组卡片已经练完 read as the learner's work lost.)
      status.textContent = (rounds > 0 ? "第 " + (rounds + 1) + " 遍：本遍" : "") + "已记住 " + knownCount + " / " + n + " 张 · 还要练 " + queue.length + " 张";
      if (focusIt) focusOn(flip);
    }
    function complete() {
      card.hidden = true;
      flip.hidden = yes.hidden = no.hidden = true;
      status.textContent = "全部 " + n + " 张卡片都记住了！";
      known = {}; knownCount = 0; // the next round starts over
      fill();
      restart.textContent = "再练一遍";
      ctx.done({ cards: n }, null, false);
    }
    // Keys for a drill at the projector: Space turns the card, 1 and 2 say 记住了 / 还不熟 (not
    // where the focus is on a button or a field, which takes its own keys; the one-key
    // shortcuts switched off, Space alone).
    if (!ctx.readonly) document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || card.hidden || !document.documentElement.contains(wrap)) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|A|SUMMARY)$/.test(t.tagName || ""))) return;
      // (The one-key shortcuts' setting, as handbook.js reads it for / s ?.)
      var one = !(window.Handbook && window.Handbook.singleKeys) || window.Handbook.singleKeys();
      var hit = (e.key === " " || e.key === "Spacebar") && !flip.hidden ? flip
        : one && e.key === "1" && !yes.hidden ? yes
        : one && e.key === "2" && !no.hidden ? no : null;
      if (!hit) return;
      e.preventDefault();
      hit.click();
    });
    if (!ctx.readonly) show(false);
    return { el: wrap, set: function () {}, lock: function () {}, details: function () { return null; } };
  }

  var WIDGETS = {
    single: choiceWidget, multiple: choiceWidget, true_false: choiceWidget, short: shortWidget,
    ordering: orderingWidget, matching: matchingWidget, scenario: scenarioWidget, flashcards: cardsWidget
  };
  function selfDriven(q) { return q.kind === "scenario" || q.kind === "flashcards"; }
  /** Whether every counted question of `qs` is a phone call (scenario): then the results speak
   *  of calls, endings and answers that lost points, not of questions right and wrong. */
  function onlyCalls(qs) {
    var n = 0;
    for (var i = 0; i < qs.length; i++) {
      if (!counts(qs[i])) continue;
      if (qs[i].kind !== "scenario") return false;
      n++;
    }
    return n > 0;
  }
  function counts(q) { return q.kind !== "flashcards"; }

  /* ---------------------------------------------------------------- the player */

  var seq = 0;

  function mount(app, quiz) {
    var all = [];
    for (var i = 0; i < arr(quiz.questions).length; i++) {
      var q = prepare(quiz.questions[i]);
      if (q) all.push(q);
    }
    if (!all.length) return false;
    // 每章抽题: each `from` source's own draw of its questions (quiz.draws, by its quiz's id),
    // then the quiz's `draw` of those; without either, every question in the order written.
    // (The paper's 卷号 draws with the same function: handbook.js.)
    function drawn() {
      var picked = window.Handbook.draw(all.length, function (i) { return all[i].from; }, quiz.draws, quiz.draw, Math.random), out = [];
      for (var i = 0; i < picked.length; i++) out.push(all[picked[i]]);
      return out;
    }
    // How many questions an attempt asks (the build counts it: quiz.asked).
    var asked = isNum(quiz.asked) && quiz.asked >= 1 && quiz.asked < all.length ? Math.floor(quiz.asked)
      : isNum(quiz.draw) && quiz.draw >= 1 && quiz.draw < all.length ? Math.floor(quiz.draw) : all.length;
    var uid = "hq" + (++seq);
    var quizId = str(quiz.id || app.getAttribute("data-quiz"));
    var passMark = isNum(quiz.pass_mark) ? quiz.pass_mark : 80;
    var shuffleOptions = quiz.shuffle !== false;
    // 错题本: questions of several quizzes, practised (never stored as a quiz attempt); each
    // answer moves its question in or out of the 错题本 of its own quiz.
    var mixed = quiz.mixed === true;
    // An exam (`exam: true`): no right or wrong until it is handed in; with `time_limit`, a
    // countdown from 开始考试 hands it in when it runs out. Practice on the questions missed
    // afterwards (只练错题) shows the feedback at once, as any practice does.
    var exam = quiz.exam === true && !mixed;
    var limitMs = exam && isNum(quiz.time_limit) && quiz.time_limit > 0 ? quiz.time_limit * 60000 : 0;
    // `pausable: true`: a learner called away (a live call on the line) stops the clock, the
    // questions hidden meanwhile; the pauses are counted on the result, and the time shown
    // there is the time spent answering.
    var pausable = !!limitMs && quiz.pausable === true;
    var clock = null;

    // The static list stays for readers without JavaScript and for printing.
    var sib = app.nextElementSibling;
    while (sib && /\bquiz-static\b/.test(sib.className)) { sib.hidden = true; sib = sib.nextElementSibling; }

    app.innerHTML = "";
    app.className += " quiz-live";
    if (app.getAttribute("data-src") && quiz.title) {
      // Embedded in a lesson: say which quiz this is, and link to its own page.
      var head = el("p", "quiz-embed-head");
      head.appendChild(el("strong", null, str(quiz.title)));
      var facts = " · " + asked + (onlyCalls(all) ? " 通电话" : " 题") + " · 及格线 " + passMark + "%";
      head.appendChild(document.createTextNode(facts + " · "));
      head.appendChild(attrs(el("a", null, "打开测验页"), { href: siteHref(str(quiz.href) || "quizzes/" + quizId + "/") }));
      app.appendChild(head);
    }
    var info = el("p", "quiz-best");
    // Opened at one question (a `quiz:id#question` link): it is practised alone, and this says
    // so, with the way to the whole quiz.
    var linkNote = el("p", "quiz-linked");
    linkNote.hidden = true;
    linkNote.appendChild(el("span", null, "只练链接指向的这一题（练习，不计成绩）。"));
    linkNote.appendChild(button("做整套测验", "secondary quiz-whole", function () { wholeQuiz(); }));
    // An attempt taken up again after a reload, Back or another day: says so, with the way to
    // start afresh (not for an exam: its clock runs on).
    var resumeNote = el("p", "quiz-resumed");
    resumeNote.hidden = true;
    var resumeText = resumeNote.appendChild(el("span"));
    var resumeAgain = button("重新开始", "secondary quiz-restart", function () { newAttempt(); showQuestion(true); });
    resumeNote.appendChild(document.createTextNode(" "));
    resumeNote.appendChild(resumeAgain);
    var stage = el("div", "quiz-stage");
    var live = attrs(el("div", "visually-hidden"), { "aria-live": "polite" });
    app.appendChild(info);
    if (!app.getAttribute("data-src")) app.appendChild(linkNote);
    app.appendChild(stage);
    app.appendChild(live);
    // ←/→ move between pages elsewhere (handbook.js); inside a quiz they must not leave it.
    app.addEventListener("keydown", function (e) {
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") e.stopPropagation();
    });

    var attempt = null, attemptNo = 0, timer = null;
    function announce(t) {
      live.textContent = "";
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { live.textContent = t; }, 50);
    }
    // A deck of cards only (话术卡片): gone through, not scored -- no 成绩 or 通过 said of it.
    var deck = true;
    for (var di = 0; di < all.length; di++) if (all[di].kind !== "flashcards") deck = false;
    function showBest() {
      var r = load().data.quizzes[quizId];
      info.hidden = !r;
      if (r && deck) info.textContent = (r.passed ? "这组卡片已经练完" : "这组卡片还没有全部记住") + " · 练过 " + r.attempts + " 遍";
      else if (r) info.textContent = "你的最好成绩：" + r.best + "%" + (r.passed ? "（已通过）" : "（未通过）") + " · 已做 " + r.attempts + " 次";
    }
    /** A new attempt at the whole quiz, or, given `only` (questions), practice on just those:
     *  a practice is scored for the learner to see but not stored (it is not the quiz). */
    function newAttempt(only, linked) {
      var pick = all.slice();
      if (only) pick = only.slice();
      else if (mixed) { pick = shuffle(all); only = pick; }
      else pick = drawn();
      attempt = { qs: pick, answers: [], scores: [], index: 0, started: Date.now(), practice: !!only, linked: !!linked };
      linkNote.hidden = !linked;
      resumeNote.hidden = true;
      if (resumeNote.parentNode) resumeNote.parentNode.removeChild(resumeNote);
      attempt.exam = exam && !attempt.practice;
      if (attempt.exam && limitMs) attempt.deadline = attempt.started + limitMs;
      attemptNo++;
      save();
      tick();
    }

    /** Keeps the attempt in progress (see attemptGet), or drops it once there is nothing to
     *  come back to. A question practised from its link and the 错题本's mixed practice are
     *  not kept (nor do they touch a kept attempt of the whole quiz). */
    function save(path) {
      if (!attempt || mixed || attempt.linked || !quizId) return;
      var any = attempt.exam || (path && path.length) || attempt.index > 0;
      for (var i = 0; !any && i < attempt.answers.length; i++) if (attempt.answers[i] != null) any = true;
      if (attempt.result || !any) { attemptPut(quizId, null); return; }
      var ids = [];
      for (i = 0; i < attempt.qs.length; i++) ids.push(attempt.qs[i].id);
      var d = { v: 1, qs: ids, answers: [], scores: [], index: attempt.index, started: attempt.started, practice: attempt.practice, exam: !!attempt.exam, saved: Date.now() };
      for (i = 0; i < attempt.qs.length; i++) {
        d.answers.push(attempt.answers[i] === undefined ? null : attempt.answers[i]);
        d.scores.push(isNum(attempt.scores[i]) ? attempt.scores[i] : null);
      }
      if (attempt.deadline) d.deadline = attempt.deadline;
      if (attempt.paused) d.paused = attempt.paused;
      if (attempt.pausedMs) { d.pausedMs = attempt.pausedMs; d.pauses = attempt.pauses || 0; }
      if (path && path.length) d.path = path;
      attemptPut(quizId, d);
    }

    /** Takes up the kept attempt, if any still fits this quiz: true when it is shown. */
    function resume() {
      if (mixed || !quizId) return false;
      var d = attemptGet(quizId);
      if (!d) return false;
      var byId = {}, qs = [], i;
      for (i = 0; i < all.length; i++) byId[all[i].id] = all[i];
      for (i = 0; i < d.qs.length; i++) {
        if (typeof d.qs[i] !== "string" || !own(byId, d.qs[i])) { attemptPut(quizId, null); return false; } // the quiz has changed since
        qs.push(byId[d.qs[i]]);
      }
      var index = Math.floor(d.index);
      // (An exam all answered waits at 交卷前检查: index = the number of questions.)
      if (!qs.length || index < 0 || index > qs.length || (index === qs.length && !(d.exam === true && exam)) || (d.exam && !exam)) { attemptPut(quizId, null); return false; }
      attempt = { qs: qs, answers: [], scores: [], index: index, started: d.started, practice: d.practice === true, linked: false, exam: d.exam === true && exam };
      for (i = 0; i < qs.length; i++) {
        var a = d.answers[i];
        attempt.answers[i] = a == null ? undefined : a;
        attempt.scores[i] = a != null && d.scores instanceof Array && isNum(d.scores[i]) ? d.scores[i] : undefined;
      }
      if (attempt.exam && limitMs) attempt.deadline = isNum(d.deadline) ? d.deadline : attempt.started + limitMs;
      if (attempt.deadline && pausable) {
        if (isNum(d.paused) && d.paused > 0) attempt.paused = Math.min(d.paused, Date.now());
        if (isNum(d.pausedMs) && d.pausedMs > 0) { attempt.pausedMs = d.pausedMs; attempt.pauses = isNum(d.pauses) ? d.pauses : 1; }
      }
      // A question answered whose 下一题 was not clicked yet: on to the next one (in an exam,
      // the first not answered, else 交卷前检查).
      var path = d.path instanceof Array ? d.path : null, answered = -1;
      if (attempt.exam) { if (attempt.answers[index] != null || index >= qs.length) { attempt.index = nextOpen(); path = null; } }
      else if (attempt.answers[index] != null) { answered = index; attempt.index++; path = null; }
      attemptNo++;
      linkNote.hidden = true;
      if (attempt.index >= qs.length && !attempt.exam) {
        commit();
        showResult(false);
        return true;
      }
      if (attempt.deadline && attempt.deadline <= (attempt.paused || Date.now())) {
        // The time ran out while the learner was away: handed in as it stood.
        attempt.paused = 0;
        attempt.timedOut = true;
        commit();
        showResult(false);
        return true;
      }
      var where = attempt.index >= qs.length ? "（已全部作答，还没有交卷）" : "（第 " + (attempt.index + 1) + " / " + qs.length + " 题）";
      resumeText.textContent = attempt.paused
        ? "已恢复上次没有交卷的考试" + where + "，考试仍在暂停中。"
        : attempt.exam
        ? "已恢复上次没有交卷的考试" + where + "。计时从开始考试时算起，离开期间没有停" + (pausable ? "（下次离开前先点“暂停计时”）" : "") + "。"
        : onlyCalls(qs) && qs.filter(counts).length === 1 ? "已恢复上次没打完的电话，接着打下去。"
        : "已恢复上次未完成的作答" + where + "。";
      resumeAgain.hidden = !!attempt.exam;
      resumeNote.hidden = false;
      app.insertBefore(resumeNote, stage);
      // The question answered just before (a call came in before its 下一题): its result and
      // explanation, folded, above the next one -- not only at the end.
      dropLastReview();
      if (answered >= 0) {
        lastReview = el("details", "quiz-last-review");
        lastReview.appendChild(el("summary", null, "第 " + (answered + 1) + " 题已经作答：看它的结果和解析"));
        lastReview.appendChild(card(attempt.qs[answered], { index: answered, total: qs.length, review: true, answer: attempt.answers[answered], score: attempt.scores[answered] }).el);
        app.insertBefore(lastReview, stage);
      }
      if (attempt.paused) showPaused(false);
      else showCurrent(false, path);
      tick();
      return true;
    }

    /** 做整套测验 from a question practised alone: the attempt kept, else a new one. */
    function wholeQuiz() {
      if (!resume()) { newAttempt(); showQuestion(true); }
    }
    function fmtLeft(ms) {
      var s = Math.max(0, Math.ceil(ms / 1000)), m = Math.floor(s / 60);
      s -= m * 60;
      return m + ":" + (s < 10 ? "0" : "") + s;
    }
    /** The countdown of a timed exam: shown on the question, and the exam handed in at 0. */
    function tick() {
      if (clock) { clearInterval(clock); clock = null; }
      if (!attempt || !attempt.deadline || attempt.result || attempt.paused) return;
      var was = null;
      clock = setInterval(function () {
        if (!attempt || attempt.result || !attempt.deadline || attempt.paused) { clearInterval(clock); clock = null; return; }
        var left = attempt.deadline - Date.now();
        var t = app.querySelector(".quiz-timer");
        if (t) {
          t.textContent = "剩余 " + fmtLeft(left);
          if (left <= 60000 && !/\bis-low\b/.test(t.className)) { t.className += " is-low"; announce("考试还剩 1 分钟。"); }
          // (Five minutes before, too, where the clock passes that mark: time to check the
          // answers left, for whom the clock is not in sight.)
          else if (was !== null && was > 300000 && left <= 300000 && left > 60000) announce("考试还剩 5 分钟。");
        }
        was = left;
        if (left <= 0) {
          clearInterval(clock); clock = null;
          attempt.timedOut = true;
          commit();
          showResult(true);
        }
      }, 250);
    }
    /** 暂停计时: the clock stops, the question is hidden until 继续考试 (kept over a reload). */
    function pause() {
      if (!attempt || !attempt.deadline || attempt.result || attempt.paused) return;
      attempt.paused = Date.now();
      save();
      tick();
      showPaused(true);
      announce("考试已暂停，计时已停。");
    }
    function unpause() {
      if (!attempt || !attempt.paused) return;
      var now = Date.now(), away = Math.max(0, now - attempt.paused);
      attempt.deadline += away;
      attempt.pausedMs = (attempt.pausedMs || 0) + away;
      attempt.pauses = (attempt.pauses || 0) + 1;
      attempt.paused = 0;
      save();
      showCurrent(true);
      tick();
    }
    /** A timed exam's countdown (tick() keeps it), and 暂停计时 when it may pause, in `head`. */
    function clockInto(head) {
      if (!attempt.deadline || attempt.result) return;
      // (Kept on screen while a long question scrolls: .has-timer is sticky.)
      head.className += " has-timer";
      head.appendChild(attrs(el("span", "quiz-timer", "剩余 " + fmtLeft(attempt.deadline - Date.now())), { role: "timer", "aria-label": "考试剩余时间" }));
      if (pausable) head.appendChild(button("暂停计时", "secondary quiz-pause", pause));
    }
    function showPaused(focusIt) {
      var sec = attrs(el("section", "quiz-card quiz-paused"), { "aria-labelledby": uid + "-paused" });
      var h = attrs(el("h2", "quiz-counter", "考试已暂停"), { id: uid + "-paused", tabindex: "-1" });
      sec.appendChild(h);
      sec.appendChild(el("p", null, "计时已停，还剩 " + fmtLeft(attempt.deadline - attempt.paused) + "，已答 " + answeredCount() + " / " + attempt.qs.length + " 题。" +
        "题目先隐藏起来；回来后点“继续考试”，" + (attempt.index >= attempt.qs.length ? "回到交卷前检查" : "从第 " + (attempt.index + 1) + " 题接着作答") + "。关掉页面也没关系，再打开时仍是暂停的。"));
      var acts = el("div", "quiz-actions");
      acts.appendChild(button("继续考试", "primary quiz-unpause", unpause));
      sec.appendChild(acts);
      stage.innerHTML = "";
      stage.appendChild(sec);
      if (focusIt) { reveal(app); focusOn(h); }
    }
    function wrongQuestions() {
      var list = wrongOnes(), qs = [];
      for (var i = 0; i < list.length; i++) qs.push(attempt.qs[list[i]]);
      return qs;
    }

    /** One question; o = { index, total, review, answer, score }. */
    function card(q, o) {
      var cid = uid + "-" + attemptNo + "-" + o.index + (o.review ? "r" : "");
      var sec = attrs(el("section", "quiz-card quiz-" + q.kind), { "data-qid": q.id, "data-type": q.kind, "aria-labelledby": cid + "-h" });
      var head = el("div", "quiz-head");
      var h = el(o.review ? "h3" : "h2", "quiz-counter", o.total > 1 ? "第 " + (o.index + 1) + " / " + o.total + " 题" : q.label);
      h.id = cid + "-h";
      h.tabIndex = -1;
      head.appendChild(h);
      if (o.total > 1) head.appendChild(el("span", "quiz-type", q.label + (mixed && q.fromTitle ? " · " + q.fromTitle : "")));
      if (!o.review) clockInto(head);
      if (!o.review && o.total > 1) {
        // (An exam's question changed from 交卷前检查: the others are answered too.)
        var got = attempt.exam ? answeredCount() - (attempt.answers[o.index] != null ? 1 : 0) : o.index;
        var bar = attrs(el("div", "quiz-bar"), {
          role: "progressbar", "aria-label": "答题进度", "aria-valuemin": "0", "aria-valuemax": String(o.total),
          "aria-valuenow": String(got), "aria-valuetext": "已答 " + got + " 题，共 " + o.total + " 题"
        });
        var fill = bar.appendChild(el("span"));
        fill.style.width = (got / o.total * 100) + "%";
        head.appendChild(bar);
      }
      sec.appendChild(head);
      var prompt = rich(el("div", "quiz-prompt"), q.prompt);
      prompt.id = cid + "-p";
      sec.appendChild(prompt);

      var fb = el("div", "quiz-feedback");
      if (!o.review) fb.setAttribute("aria-live", "polite");
      // 复制本题链接, shown with the feedback (never in an exam: see questionAddress).
      var href = questionAddress(q);
      var copyLink = href ? questionCopy(mixed ? q.fromTitle : str(quiz.title), href, q.id, function () { return plainText(q.prompt); }, "quiz-copy-link") : null;
      var after = el("div", "quiz-actions quiz-after");
      after.hidden = true;
      var last = o.index + 1 >= o.total;
      // (A deck is not scored: 完成, not 查看成绩.)
      var next = button(last ? (attempt.exam ? "检查并交卷" : deck ? "完成" : "查看成绩") : "下一题", "primary quiz-next", function () {
        if (attempt.exam) { examOn(); return; }
        attempt.index++;
        if (attempt.index < attempt.qs.length) { save(); showQuestion(true); } else { commit(); showResult(true); }
      });
      after.appendChild(next);
      // The focus is on 下一题 after an answer, which long feedback may push below the window:
      // there Space (the reader's key to scroll on) scrolls until the button is in sight, and
      // only then goes on (Enter goes on at once).
      next.addEventListener("keydown", function (e) {
        if (e.key !== " " && e.key !== "Spacebar" && e.keyCode !== 32) return;
        var r = next.getBoundingClientRect(), h = window.innerHeight || document.documentElement.clientHeight;
        if (r.bottom <= h) return;
        e.preventDefault();
        window.scrollBy(0, Math.max(40, Math.min(h * 0.8, r.bottom - h + 24)));
      });
      if (copyLink) after.appendChild(copyLink);

      var w = null;
      function answered(a, s, keepFocus) {
        attempt.answers[o.index] = a;
        attempt.scores[o.index] = s;
        if (counts(q) && q.kind !== "scenario") recordAnswer(q.from || quizId, q.id, s, a);
        if (last && !attempt.exam) commit(); // recorded now, even if the learner never opens the results
        else save();
        if (!attempt.exam) feedback(q, w, a, s, fb);
        // A call that ends the quiz: its ending is where the learner is, with 重新开始 beside
        // it, so this says that the call is already recorded (or that a practice is not).
        if (q.kind === "scenario" && last && attempt.result && fb.firstChild) fb.firstChild.appendChild(el("p", "quiz-recorded", recordedNote()));
        after.hidden = false;
        if (!keepFocus) { reveal(fb); focusOn(next); }
      }
      var ctx = {
        uid: cid, promptId: prompt.id, shuffle: q.shuffle != null ? q.shuffle : shuffleOptions, quizId: q.from || quizId, readonly: !!o.review,
        // In a running exam a call shows no points, ending or debrief until the hand-in.
        exam: !!attempt.exam && !o.review,
        announce: announce,
        done: function (a, s, keepFocus) { answered(a, s, keepFocus); },
        reset: function () {
          // Played again after an ending: a new call, timed from now.
          if (attempt.result && o.total === 1) attempt.started = Date.now();
          fb.innerHTML = "";
          after.hidden = true;
          attempt.answers[o.index] = undefined;
          attempt.scores[o.index] = undefined;
          attempt.result = null; // playing the last question again makes a new attempt
        },
        step: function (path) { save(path); },
        resume: o.resume,
        recordEnding: function (id) {
          var k = quizId + "/" + q.id, list = [id];
          update(function (d) {
            list = d.scenarios[k] || [];
            if (list.indexOf(id) < 0) list.push(id);
            d.scenarios[k] = list;
          });
          return list;
        }
      };
      if (!(o.review && o.answer == null)) w = WIDGETS[q.kind](q, ctx);

      if (o.review && o.answer == null) {
        // Never answered (the exam's time ran out): the right answer and the explanation.
        sec.appendChild(el("p", "quiz-unanswered", "未作答（计 0 分）"));
        feedback(q, null, null, 0, fb);
        sec.appendChild(fb);
        if (copyLink) sec.appendChild(el("div", "quiz-actions")).appendChild(copyLink);
        return { el: sec, heading: h };
      }
      if (o.review) {
        sec.appendChild(w.el);
        w.set(o.answer);
        w.lock(o.answer, o.score);
        feedback(q, w, o.answer, o.score, fb);
        sec.appendChild(fb);
        if (copyLink) sec.appendChild(el("div", "quiz-actions")).appendChild(copyLink);
        return { el: sec, heading: h };
      }
      if (selfDriven(q)) {
        sec.appendChild(w.el);
      } else {
        var form = el("form", "quiz-form");
        form.noValidate = true;
        form.appendChild(w.el);
        var err = attrs(el("p", "quiz-error"), { role: "alert" });
        var acts = el("div", "quiz-actions");
        var inExam = attempt.exam && !o.review;
        // In an exam: the answer given before, when the learner came back from 交卷前检查 to
        // change it; on to the next question not answered, or back to the check.
        var before = inExam ? attempt.answers[o.index] : null;
        if (before != null && w.set) w.set(before);
        // (The other questions not answered yet.)
        var open = inExam ? attempt.qs.length - answeredCount() - (before != null ? 0 : 1) : 0;
        var submit = el("button", "quiz-btn primary", inExam ? (before != null ? "保存，回到交卷前检查" : open ? "下一题" : "检查并交卷") : "提交");
        submit.type = "submit";
        acts.appendChild(submit);
        form.appendChild(err);
        form.appendChild(acts);
        var done = false;
        form.addEventListener("submit", function (e) {
          e.preventDefault();
          if (done) return;
          var a = w.answer();
          if (a == null) { err.textContent = w.empty; return; }
          err.textContent = "";
          done = true;
          var s = w.grade(a);
          if (inExam) {
            // No right or wrong yet: on to the next question, or hand the exam in.
            // (The 错题本 hears of it at the hand-in: commit(). Put in now, a wrong answer
            // could be looked up there, with its right answer, while the exam still runs.)
            attempt.answers[o.index] = a;
            attempt.scores[o.index] = s;
            examOn();
            return;
          }
          acts.hidden = true;
          w.lock(a, s);
          answered(a, s, false);
        });
        sec.appendChild(form);
      }
      sec.appendChild(fb);
      sec.appendChild(after);
      return { el: sec, heading: h };
    }

    function feedback(q, w, a, s, fb) {
      var cls = s == null ? "is-info" : s >= 1 ? "is-right" : s <= 0 ? "is-wrong" : "is-partial";
      var box = el("div", "quiz-feedback-box " + cls);
      var title;
      if (a == null && s != null) title = "○ 未作答";
      // (A call ended on screen says its score in its ending; a call looked back at, not.)
      else if (q.kind === "scenario") title = w && w.el && w.el.querySelector(".scenario-ending") ? "" : "情景得分：" + percent(s) + "%";
      else if (s == null) title = "练习完成";
      else if (s >= 1) title = "✓ 回答正确";
      else if (s <= 0) title = "✗ 回答错误";
      else title = "◐ 部分正确，得 " + percent(s) + "% 的分";
      if (title) box.appendChild(el("p", "quiz-feedback-title", title));
      var d = a == null && s != null ? rightAnswer(q) : w && w.details ? w.details(a, s) : null;
      if (d) box.appendChild(d);
      if (s != null && s < 1 && q.wrong_feedback) box.appendChild(rich(el("div", "quiz-wrong-feedback"), q.wrong_feedback));
      if (q.explanation) {
        var ex = el("div", "quiz-explanation");
        ex.appendChild(el("p", "quiz-explanation-title", "解析"));
        ex.appendChild(rich(el("div"), q.explanation));
        box.appendChild(ex);
      }
      if (q.links.length) box.appendChild(linksBlock(q.links, "相关规则和课程："));
      fb.innerHTML = "";
      fb.appendChild(box);
    }

    function recordedNote() {
      var r = attempt.result;
      if (attempt.practice) return "这是练习，不计入成绩" + (attempt.linked ? "：做整套测验，成绩才会记入学习进度。" : "。");
      // 演示模式 (a class at the projector): kept for this tab only, no learner's record.
      if (window.HANDBOOK_LEARNER && window.HANDBOOK_LEARNER.demo) {
        return "演示模式：" + (attempt.qs.length > 1 ? "这次成绩 " + r.score + "%，" : "") + (r.passed ? "通过" : "未通过") +
          (attempt.qs.length > 1 ? "" : "（及格线 " + passMark + "%）") + "，只在这个标签页里看，不记入任何学员的学习进度。点“再打一次”可以重打这通电话。";
      }
      // (A call's score is in its ending just above: not said again.)
      return (attempt.qs.length > 1 ? "这次测验已记入学习进度：" + r.score + "%，" + (r.passed ? "通过" : "未通过")
        : "这通电话已记入学习进度：" + (r.passed ? "通过" : "未通过") + "（及格线 " + passMark + "%）") +
        "。点“查看成绩”看详情；点“再打一次”重打这通电话，会另记一次成绩。";
    }

    /** The first question of the attempt not answered yet, else the number of questions. */
    function nextOpen() {
      for (var i = 0; i < attempt.qs.length; i++) if (attempt.answers[i] == null) return i;
      return attempt.qs.length;
    }
    function answeredCount() {
      var n = 0;
      for (var i = 0; i < attempt.qs.length; i++) if (attempt.answers[i] != null) n++;
      return n;
    }
    /** An exam answered one more question: on to the first not answered, or 交卷前检查. */
    function examOn() { attempt.index = nextOpen(); save(); showCurrent(true); }
    /** Where the attempt stands: its question, or, for an exam all answered, 交卷前检查. */
    function showCurrent(focusIt, path) {
      if (attempt.exam && attempt.index >= attempt.qs.length) showCheck(focusIt);
      else showQuestion(focusIt, path);
    }
    /** 交卷前检查: an exam all answered, before it is handed in: each question with 修改 (its
     *  answer given shown again, to change), and 确认交卷. No right or wrong yet. */
    function showCheck(focusIt) {
      // (Moved on by the learner: the note on what was resumed no longer holds.)
      if (focusIt) resumeNote.hidden = true;
      var sec = attrs(el("section", "quiz-card quiz-check"), { "aria-labelledby": uid + "-check" });
      var head = el("div", "quiz-head");
      var h = attrs(el("h2", "quiz-counter", "交卷前检查"), { id: uid + "-check", tabindex: "-1" });
      head.appendChild(h);
      clockInto(head);
      sec.appendChild(head);
      sec.appendChild(el("p", null, "已答 " + answeredCount() + " / " + attempt.qs.length + " 题。交卷前可以回到任何一题修改答案；交卷后才显示对错和解析，不能再改。"));
      var ol = el("ol", "quiz-check-list");
      for (var i = 0; i < attempt.qs.length; i++) {
        var q = attempt.qs[i];
        var li = attrs(el("li", "quiz-check-item"), { "data-qid": q.id });
        var text = plainText(q.prompt);
        li.appendChild(el("span", "quiz-check-q", q.label + "：" + (text.length > 40 ? text.slice(0, 40) + "…" : text)));
        // The answer given, to check without opening each question (a matching's each pair:
        // cut short, the pairs after the cut could not be checked).
        var given = attempt.answers[i] == null ? "" : answerText({ type: q.kind, options: q.options, items: q.items, pairs: q.pairs }, attempt.answers[i]);
        var most = q.kind === "matching" ? 400 : 40;
        if (given) li.appendChild(el("span", "quiz-check-a", "你的答案：" + (given.length > most ? given.slice(0, most) + "…" : given)));
        if (selfDriven(q)) li.appendChild(el("span", "quiz-check-state", "已完成"));
        else li.appendChild(attrs(button("修改", "link quiz-check-edit", editor(i)), { "aria-label": "修改第 " + (i + 1) + " 题" }));
        ol.appendChild(li);
      }
      sec.appendChild(ol);
      var acts = el("div", "quiz-actions");
      acts.appendChild(button("确认交卷", "primary quiz-handin", function () { commit(); showResult(true); }));
      sec.appendChild(acts);
      stage.innerHTML = "";
      stage.appendChild(sec);
      if (focusIt) { reveal(app); focusOn(h); }
    }
    function editor(i) { return function () { attempt.index = i; save(); showQuestion(true); }; }

    var lastReview = null;
    function dropLastReview() {
      if (lastReview && lastReview.parentNode) lastReview.parentNode.removeChild(lastReview);
      lastReview = null;
    }
    function showQuestion(focusIt, path) {
      if (focusIt) { resumeNote.hidden = true; dropLastReview(); }
      var c = card(attempt.qs[attempt.index], { index: attempt.index, total: attempt.qs.length, resume: path });
      stage.innerHTML = "";
      stage.appendChild(c.el);
      if (focusIt) { reveal(app); focusOn(c.heading); }
    }

    /** Scores the attempt and stores it, once. */
    function commit() {
      if (attempt.result) return;
      var sum = 0, n = 0, right = 0, partial = 0, wrong = 0, blank = 0;
      for (var i = 0; i < attempt.qs.length; i++) {
        if (!counts(attempt.qs[i])) continue;
        var s = attempt.scores[i] || 0;
        n++;
        sum += s;
        if (s >= 1) right++; else if (s <= 0) wrong++; else partial++;
        // (Left unanswered when the time was up: 0 points, told apart from an answer wrong.)
        if (s <= 0 && attempt.answers[i] == null) blank++;
      }
      var exact = n ? sum / n * 100 : 100;
      // The score shown is the score compared with the pass mark: 80% passes an 80% mark.
      var score = roundPct(exact);
      var passed = score >= passMark && !vetoedCall();
      var now = Date.now();
      // (A pause, and one still on when the time was up, is not time spent answering.)
      if (attempt.paused) { attempt.pausedMs = (attempt.pausedMs || 0) + Math.max(0, now - attempt.paused); attempt.pauses = (attempt.pauses || 0) + 1; attempt.paused = 0; }
      attempt.result = { score: score, passed: passed, n: n, right: right, partial: partial, wrong: wrong, blank: blank, time: Math.max(0, Math.min(now, attempt.deadline || now) - attempt.started - (attempt.pausedMs || 0)) };
      save(); // scored: nothing left to come back to
      if (attempt.exam) {
        // Handed in: now the exam's answers go to the 错题本 (a practice's went in one by one).
        for (i = 0; i < attempt.qs.length; i++) {
          var eq = attempt.qs[i];
          // (A question left unanswered when the time ran out counts as missed too.)
          if (counts(eq) && eq.kind !== "scenario") recordAnswer(eq.from || quizId, eq.id, attempt.answers[i] != null ? attempt.scores[i] || 0 : 0, attempt.answers[i], attempt.answers[i] == null);
        }
      }
      if (attempt.practice) return;
      update(function (d) {
        var r = d.quizzes[quizId];
        if (!r) r = d.quizzes[quizId] = { best: score, passed: false, attempts: 0, last: now };
        r.attempts++;
        r.best = Math.max(r.best, score);
        r.last = now;
        r.lastScore = score;
        // A timed exam's: how long it took (to its deadline at most: one handed in on a return
        // the next day did not take the night), and its pauses, for the trainer's 学员进度汇总.
        delete r.lastTime; delete r.lastPauses; delete r.lastPausedMs;
        if (attempt.exam && attempt.deadline) {
          r.lastTime = Math.max(0, Math.round(attempt.result.time));
          if (attempt.pauses) { r.lastPauses = attempt.pauses; r.lastPausedMs = Math.round(attempt.pausedMs || 0); }
        }
        if (passed) { if (!r.passed) r.passedAt = now; r.passed = true; }
      });
      showBest();
    }

    /** How the attempt's phone calls ended: "结局：一般结局", or for several calls
     *  "共 3 通电话：好结局 2 通，不理想的结局 1 通". */
    function callStats() {
      var order = ["good", "neutral", "bad", ""], got = { good: 0, neutral: 0, bad: 0, "": 0 }, n = 0, one = "";
      for (var i = 0; i < attempt.qs.length; i++) {
        var q = attempt.qs[i], a = attempt.answers[i], kind = "";
        if (q.kind !== "scenario") continue;
        n++;
        for (var k = 0; isObj(a) && k < q.nodes.length; k++) if (q.nodes[k].id === a.ending) kind = q.nodes[k].ending || "neutral";
        if (!own(got, kind)) kind = "neutral";
        got[kind]++;
        one = kind;
      }
      var name = function (kind) { return kind ? ENDINGS[kind] : "没有打完"; };
      if (n === 1) return "结局：" + name(one);
      var parts = [];
      for (var j = 0; j < order.length; j++) if (got[order[j]]) parts.push(name(order[j]) + " " + got[order[j]] + " 通");
      return "共 " + n + " 通电话：" + parts.join("，");
    }

    /** The questions missed: answered wrong or partly right, and, once the attempt is scored
     *  (an exam whose time ran out), those never answered. */
    function wrongOnes() {
      var list = [];
      for (var i = 0; i < attempt.qs.length; i++) {
        if (!counts(attempt.qs[i])) continue;
        if (attempt.answers[i] == null ? attempt.result && attempt.qs[i].kind !== "scenario" : attempt.scores[i] < 1) list.push(i);
      }
      return list;
    }

    /** 只练错题: the questions missed, practised on their own, as often as it takes -- when
     *  there are some and they are not the whole quiz (a practice's may be) -- or null.
     *  `single`: a practice of one question missed, said as that question. */
    function practiseMissed(calls, single) {
      var wrongs = wrongOnes();
      if (!wrongs.length || !(attempt.practice || wrongs.length < attempt.qs.length)) return null;
      return button(single ? (calls ? "再打这通电话" : "再练这一题") : (calls ? "只重打失分的通话（" : "只练错题（") + wrongs.length + "）",
        "secondary quiz-practice", function () { newAttempt(wrongQuestions(), attempt.linked); showQuestion(true); });
    }

    /** How far a failed attempt is from the pass mark, said as a learner can act on it: how
     *  many more questions answered right would pass (a question is worth 100 / n points, so
     *  "1 个百分点" short may mean a whole question); for calls, in points of percentage. */
    function shortOf(r) {
      var pct = Math.max(1, Math.ceil(passMark - r.score - 1e-9)) + " 个百分点。";
      if (onlyCalls(attempt.qs) || !r.n) return "还差 " + pct;
      // What each question not fully right would add if answered right (a partly right one,
      // only its missing part), most first: the fewest questions that reach the pass mark.
      var gains = [], sum = 0;
      for (var i = 0; i < attempt.qs.length; i++) {
        if (!counts(attempt.qs[i])) continue;
        var s = isNum(attempt.scores[i]) ? attempt.scores[i] : 0;
        sum += s;
        if (s < 1) gains.push(1 - s);
      }
      gains.sort(function (a, b) { return b - a; });
      for (var k = 0; k < gains.length; k++) {
        sum += gains[k];
        if (roundPct(sum / r.n * 100) >= passMark) return "再多答对 " + (k + 1) + " 题就能通过。";
      }
      return "还差 " + pct;
    }
    /** Whether the attempt's one scored question is a call (the result speaks of 这通电话). */
    function onlyOneCall() {
      var c = [];
      for (var i = 0; i < attempt.qs.length; i++) if (counts(attempt.qs[i])) c.push(attempt.qs[i]);
      return c.length === 1 && c[0].kind === "scenario";
    }
    /** The first call of this attempt that said an answer marked `veto`, counted among its
     *  calls from 1; 0 when none did. Such a call fails the attempt whatever its score. */
    function vetoedCall() {
      for (var i = 0, call = 0; i < attempt.qs.length; i++) {
        if (attempt.qs[i].kind !== "scenario") continue;
        call++;
        var a = attempt.answers[i];
        if (isObj(a) && vetoStep(attempt.qs[i], a.path)) return call;
      }
      return 0;
    }

    function showResult(focusIt) {
      var r = attempt.result;
      // (Handed in: 已恢复上次没有交卷的考试 no longer holds.)
      resumeNote.hidden = true;
      // A quiz of phone calls: its result speaks of the call (通话, 结局, 失分的回答).
      var calls = onlyCalls(attempt.qs);
      var sec = attrs(el("section", "quiz-result " + (r.passed ? "is-pass" : "is-fail")), { "aria-labelledby": uid + "-result" });
      var h = el("h2", "quiz-result-title", attempt.linked ? (calls ? "通话练习" : "单题练习") : attempt.practice ? (calls ? "失分通话练习" : "错题练习") : r.n ? (calls ? "通话成绩" : attempt.exam ? "考试成绩" : "测验成绩") : "练习完成");
      h.id = uid + "-result";
      h.tabIndex = -1;
      sec.appendChild(h);
      if (calls && attempt.practice && r.n) {
        sec.className = "quiz-result " + (r.right === r.n ? "is-pass" : "is-fail");
        sec.appendChild(el("p", "quiz-verdict-text", (r.right === r.n
          ? (r.n > 1 ? "这 " + r.n + " 通电话都" : "这通电话") + "拿到了满分。"
          : (r.n > 1 ? "这 " + r.n + " 通电话里还有 " + (r.n - r.right) + " 通" : "这通电话") + "有失分的回答，看看下面的说明和复盘，换一种说法再打一次。") +
          "练习不计入成绩" + (attempt.linked ? "：做整套测验，成绩才会记入学习进度。" : "。")));
      } else if (attempt.practice && r.n) {
        // (A question opened by its link is a practice too.)
        sec.className = "quiz-result " + (r.right === r.n ? "is-pass" : "is-fail");
        // (One question: right, partly right or wrong -- "全部" only where there are several.)
        var oneMissed = r.partial ? "只答对了一部分" : "还是答错了";
        sec.appendChild(el("p", "quiz-verdict-text", attempt.linked
          ? (r.right === r.n
            ? "这一题答对了。练习不计入成绩：做整套测验，成绩才会记入学习进度。"
            : (r.partial ? "这一题只答对了一部分。" : "这一题答错了。") + "看看解析，复习相关规则后再练一次。练习不计入成绩。")
          : mixed
          ? (r.right === r.n
            ? (r.n > 1 ? "这 " + r.n + " 道错题这次都答对了" : "这道错题这次答对了") + "，已从错题本移出。"
            : r.n === 1
            ? "这道错题这次" + oneMissed + "，还在错题本里。看看解析，复习相关规则后再练。"
            : "这 " + r.n + " 道错题答对了 " + r.right + " 道，已从错题本移出；其余 " + (r.n - r.right) + " 道还在错题本里。看看解析，复习相关规则后再练。")
          : r.right === r.n
          ? (r.n > 1 ? "这 " + r.n + " 道错题这次都答对了。" : "这道错题这次答对了。") + "再做一次整套测验，成绩才会记入学习进度。"
          : r.n === 1
          ? "这道错题这次" + oneMissed + "。看看解析，复习相关规则后再练一次。练习不计入成绩。"
          : "这 " + r.n + " 道错题答对了 " + r.right + " 道。看看解析，复习相关规则后再练一次。练习不计入成绩。"));
      } else if (r.n) {
        var big = el("p", "quiz-score");
        big.appendChild(el("strong", null, r.score + "%"));
        big.appendChild(el("span", "quiz-verdict", r.passed ? "通过" : "未通过"));
        sec.appendChild(big);
        var vetoN = r.passed ? 0 : vetoedCall(), oneCall = vetoN > 0 && onlyOneCall();
        sec.appendChild(el("p", "quiz-verdict-text", r.passed
          ? "恭喜，达到了及格线 " + passMark + "%。"
          : vetoN
          ? (oneCall ? "这通电话里" : "第 " + vetoN + " 通电话里") + "有一票否决的回答（见下面失分的回答），" + (oneCall ? "" : "这套测验") + "不论得分多少都不及格。看看复盘，换一种说法再打一次。"
          : "及格线是 " + passMark + "%，" + shortOf(r) +
            (calls ? "看看下面失分的回答和复盘，换一种说法再打一次。" : "看看错题和解析，复习相关规则后再做一次。")));
        var blanks = isNum(r.blank) ? r.blank : 0;
        var stats = calls ? callStats() : "共 " + r.n + " 题：答对 " + r.right + " 题" + (r.partial ? "，部分正确 " + r.partial + " 题" : "") +
          "，答错 " + (r.wrong - blanks) + " 题" + (blanks ? "，未作答 " + blanks + " 题" : "");
        stats += " · 用时 " + duration(r.time);
        if (attempt.pauses) stats += "（另暂停 " + attempt.pauses + " 次，共 " + duration(attempt.pausedMs || 0) + "）";
        if (isNum(quiz.time_guide) && quiz.time_guide > 0) stats += "（建议 " + quiz.time_guide + " 分钟）";
        sec.appendChild(el("p", "quiz-stats", stats));
        if (attempt.timedOut) {
          var missing = 0;
          for (var u = 0; u < attempt.qs.length; u++) if (counts(attempt.qs[u]) && attempt.answers[u] == null) missing++;
          sec.appendChild(el("p", "quiz-timeout", "时间到，已自动交卷" + (missing ? "：没有作答的 " + missing + " 题计 0 分。" : "。")));
        }
      } else {
        sec.appendChild(el("p", "quiz-verdict-text", "全部卡片都已标为“记住了”。过几天再练一遍，记得更牢。"));
      }
      // The learner's own call: the answers that lost points, each with its feedback.
      if (calls && r.n) {
        for (var c = 0; c < attempt.qs.length; c++) {
          var cq = attempt.qs[c], ca = attempt.answers[c];
          if (cq.kind !== "scenario" || !isObj(ca)) continue;
          sec.appendChild(lostBlock(cq, ca.path, "h3"));
        }
      }
      var acts = el("div", "quiz-actions");
      var wrongs = wrongOnes();
      // A practice of one question missed: 查看错题 and 只练错题 would both mean that one
      // question. It is shown here (your answer, the right one, the explanation; a call's lost
      // answers are above), with one way to try it again.
      var single = attempt.practice && attempt.qs.length === 1 && wrongs.length === 1;
      if (single && !calls) {
        var again = card(attempt.qs[0], { index: 0, total: 1, review: true, answer: attempt.answers[0], score: attempt.scores[0] }).el;
        again.className += " quiz-result-review";
        sec.appendChild(again);
      }
      if (wrongs.length && !single) {
        acts.appendChild(button(calls ? (attempt.qs.length > 1 ? "回看失分的通话（" + wrongs.length + "）" : "回看这通电话") : "查看错题（" + wrongs.length + "）",
          "secondary quiz-review-btn", function () { showReview(); }));
      }
      // Practice on just the questions missed; then the whole quiz again.
      var practise = practiseMissed(calls, single);
      if (practise) acts.appendChild(practise);
      if (mixed) {
        if (typeof quiz.onDone === "function") acts.appendChild(button("回到错题本", "primary quiz-back", function () { quiz.onDone(); }));
      } else acts.appendChild(button(attempt.linked ? "做整套测验" : attempt.practice ? "重做整套" : calls ? "再打一次" : r.n ? "重做" : "再练一遍", "primary quiz-retake", function () {
        if (attempt.linked) wholeQuiz(); else { newAttempt(); showQuestion(true); }
      }));
      sec.appendChild(acts);
      if (mixed) {
        stage.innerHTML = "";
        stage.appendChild(sec);
        if (focusIt) { reveal(app); focusOn(h); }
        return;
      }
      // The course's last checkpoint passed: the course is done, and its record is printed on
      // the progress page (said here, where the learner is, not only there).
      var ids = (app.getAttribute("data-checkpoints") || "").split(" "), allPassed = r.passed && !attempt.practice && !!ids[0];
      var qd = load().data.quizzes;
      for (var ci = 0; allPassed && ci < ids.length; ci++) allPassed = own(qd, ids[ci]) && isObj(qd[ids[ci]]) && qd[ids[ci]].passed === true;
      if (allPassed) {
        var fin = el("p", "quiz-course-done");
        fin.appendChild(el("strong", null, "入职课程的 " + ids.length + " 个检查点测验已全部通过。"));
        fin.appendChild(document.createTextNode(" "));
        fin.appendChild(attrs(el("a", null, (load().data.name ? "" : "填写姓名，") + "打印结业记录 →"), { href: siteHref("progress/index.html#progress-complete-h") }));
        sec.appendChild(fin);
      }
      var more = [{ title: "我的学习进度", href: "progress/" }];
      // On a page of the onboarding course, its next item first -- last after a checkpoint
      // not passed, said as skipping it (the first thing offered was to move past it).
      var onward = app.getAttribute("data-src") ? null : courseNext();
      var behind = onward && !r.passed && !attempt.practice && (" " + (app.getAttribute("data-checkpoints") || "") + " ").indexOf(" " + quizId + " ") >= 0;
      if (behind) onward.title = onward.title.replace(/^下一项：/, "先跳过，学下一项：");
      else if (onward) more.unshift(onward);
      // (Phone calls are not kept in the 错题本: only the questions missed are.)
      for (var w = 0; w < wrongs.length; w++) {
        if (attempt.qs[wrongs[w]].kind !== "scenario") { more.push({ title: "错题本（答错的题已记入）", href: "progress/mistakes/" }); break; }
      }
      if (arr(quiz.related).length) {
        // On the quiz's own page they are listed just below (相关内容): one link there, not
        // the list again in this line.
        var below = !app.getAttribute("data-src") && document.getElementById("相关内容");
        if (below) more.push({ title: "相关内容（" + quiz.related.length + " 项）", href: "#相关内容", page: true });
        else for (var i = 0; i < quiz.related.length; i++) if (isObj(quiz.related[i]) && quiz.related[i].href) more.push({ title: str(quiz.related[i].title), href: str(quiz.related[i].href) });
      }
      if (behind) more.push(onward);
      sec.appendChild(linksBlock(more, behind ? "这个检查点还没通过，可以先看：" : "接下来："));
      stage.innerHTML = "";
      stage.appendChild(sec);
      if (focusIt) { reveal(app); focusOn(h); }
    }

    function showReview() {
      var list = wrongOnes(), unanswered = 0;
      for (var u = 0; u < list.length; u++) if (attempt.answers[list[u]] == null) unanswered++;
      var calls = onlyCalls(attempt.qs);
      var sec = attrs(el("section", "quiz-review"), { "aria-labelledby": uid + "-review" });
      var h = el("h2", "quiz-result-title", calls ? "通话回顾" + (list.length > 1 ? "（" + list.length + " 通）" : "") : "错题回顾（" + list.length + " 题）");
      h.id = uid + "-review";
      h.tabIndex = -1;
      sec.appendChild(h);
      sec.appendChild(el("p", "quiz-hint", calls
        ? "下面是" + (list.length > 1 ? "失分的这几通电话" : "这通电话") + "的经过：你的每个回答、得失分和说明，以及结局和复盘。"
        : "下面是这次没有全部答对" + (unanswered ? "或没有作答" : "") + "的题目：你的答案、正确答案和解析。"));
      for (var i = 0; i < list.length; i++) {
        var k = list[i];
        sec.appendChild(card(attempt.qs[k], { index: k, total: attempt.qs.length, review: true, answer: attempt.answers[k], score: attempt.scores[k] }).el);
      }
      var acts = el("div", "quiz-actions");
      acts.appendChild(button("返回成绩", "secondary", function () { showResult(true); }));
      // (The questions just read, practised at once: as 只练错题 on the result.)
      var practise = practiseMissed(calls, false);
      if (practise) acts.appendChild(practise);
      acts.appendChild(button(calls ? "再打一次" : "重做", "primary quiz-retake", function () { newAttempt(); showQuestion(true); }));
      sec.appendChild(acts);
      stage.innerHTML = "";
      stage.appendChild(sec);
      reveal(app);
      focusOn(h);
    }

    // Short answers compare best with the search client's full traditional → simplified table.
    for (i = 0; i < all.length; i++) if (all[i].kind === "short") { preloadFold(); break; }

    /** The address, from this page, that plays `q` alone (as linkedQuestion takes it): this
     *  quiz's page at #<id>, or in the 错题本's practice its own quiz's. None for an exam's
     *  questions, whether the exam is running or handed in: its page opens at the exam's start
     *  (a question alone would give the answer away), and a link sent on would show its
     *  questions to whoever has not sat it. */
    function questionAddress(q) {
      if (!q.id) return null;
      var page = mixed ? q.fromHref : exam ? "" : str(quiz.href) || (quizId ? "quizzes/" + quizId + "/" : "");
      return page ? siteHref(page) + "#" + encodeURIComponent(q.id) : null;
    }

    /** The question the page's address names (`#id`, or `#id-step` of a scenario's step),
     *  when this is the quiz's own page and the quiz is no exam. */
    function linkedQuestion() {
      // (An exam's questions are not practised one by one: that would show their answers.)
      if (app.getAttribute("data-src") || exam) return null;
      var h = String(location.hash || "").slice(1), i;
      try { h = decodeURIComponent(h); } catch (e) { /* as written */ }
      if (!h) return null;
      for (i = 0; i < all.length; i++) if (str(all[i].id) === h) return all[i];
      for (i = 0; i < all.length; i++) {
        if (all[i].kind === "scenario" && all[i].id && h.indexOf(all[i].id + "-") === 0) return all[i];
      }
      return null;
    }
    window.addEventListener("hashchange", function () {
      var q = linkedQuestion();
      if (!q || (attempt && attempt.exam && !attempt.result)) return;
      newAttempt([q], true);
      showQuestion(true);
    });

    showBest();
    var linked = linkedQuestion();
    if (linked) {
      newAttempt([linked], true);
      showQuestion(false);
      return true;
    }
    if (exam) {
      // Leaving in the middle of an exam: the browser asks first (the attempt is kept, and
      // its clock runs on).
      window.addEventListener("beforeunload", function (e) {
        if (!attempt || !attempt.exam || attempt.result || attempt.paused) return undefined;
        // (The preview's own reload after an edit, `handbook serve`: the attempt is kept and
        // resumes, and a trainer who chose to stay would have the tab left on the old page.)
        if (window.HANDBOOK_LIVE_RELOAD) return undefined;
        e.preventDefault();
        e.returnValue = "考试还没有交卷。离开后计时不停，回到本页可以接着作答。";
        return e.returnValue;
      });
    }
    if (resume()) return true;
    if (exam) {
      // An exam starts when the learner says so (the clock with it), not when the page opens.
      var intro = attrs(el("section", "quiz-card quiz-exam-start"), { "aria-labelledby": uid + "-start" });
      var ih = el("h2", "quiz-counter", "考试说明");
      ih.id = uid + "-start";
      intro.appendChild(ih);
      var n = asked;
      var ul = el("ul", "quiz-exam-rules");
      ul.appendChild(el("li", null, "共 " + n + " 题，及格线 " + passMark + "%。"));
      ul.appendChild(el("li", null, "每题提交后直接进入下一题，不显示对错；交卷后再看成绩、错题和解析。"));
      if (limitMs) ul.appendChild(el("li", null, "限时 " + quiz.time_limit + " 分钟，从点“开始考试”起计时；时间到自动交卷，没有作答的题计 0 分。"));
      if (pausable) ul.appendChild(el("li", null, "被来电等事情打断时，点题目上方的“暂停计时”：题目隐藏，计时停止；回来后点“继续考试”。暂停的次数和时长会显示在成绩里。"));
      ul.appendChild(el("li", null, "中途离开或刷新页面，回到本页会接着作答" + (pausable ? "；不点“暂停计时”就离开，计时不会停" : limitMs ? "；计时不会因此暂停" : "") + "。"));
      // A shared PC: whose exam this is, before the clock starts.
      var me = load().data;
      if (me.name) ul.appendChild(el("li", "quiz-exam-learner", "成绩记在学员“" + who(me) + "”名下；不是你的话，先在“我的学习进度”换成自己再开始。"));
      intro.appendChild(ul);
      var go = el("div", "quiz-actions");
      go.appendChild(button("开始考试", "primary quiz-start", function () { newAttempt(); showQuestion(true); }));
      intro.appendChild(go);
      stage.appendChild(intro);
      return true;
    }
    newAttempt();
    showQuestion(false);
    return true;
  }

  /* ---------------------------------------------------------------- start */

  var pending = {};
  function loadScript(src, done) {
    if (pending[src]) { pending[src].push(done); return; }
    pending[src] = [done];
    var s = document.createElement("script");
    function fire(ok) {
      var list = pending[src];
      pending[src] = null;
      for (var i = 0; list && i < list.length; i++) list[i](ok);
    }
    s.onload = function () { fire(true); };
    s.onerror = function () { fire(false); };
    s.src = src;
    (document.head || body).appendChild(s);
  }

  /** Loads the data.js of the quiz whose page is at `href` (from the site's root), then
   *  done(loaded). */
  function loadQuiz(href, done) {
    loadScript(root + versioned(str(href).replace(/index\.html$/, "") + "data.js"), done);
  }

  /** `path` (from the site's root) with the build's version of the file (nav.js lists them:
   *  HANDBOOK_NAV.versions), so that no cache answers with a copy from an earlier build. From
   *  disk as it is (no cache there). */
  function versioned(path) {
    var v = window.HANDBOOK_NAV && window.HANDBOOK_NAV.versions;
    if (!window.location || window.location.protocol === "file:" || !v || typeof v !== "object" || !own(v, path)) return path;
    return path + "?v=" + encodeURIComponent(str(v[path]));
  }

  /** The text of HTML from the book's data (a question's prompt), spaces collapsed. Parsed
   *  inert, never as a live element: HTML set on a detached <div> still loads its images and
   *  runs their onerror. DOMParser's document and a <template>'s content belong to no window
   *  that loads or runs anything; a browser with neither gets the tags stripped. */
  function plainText(html) {
    html = str(html);
    var text = null;
    try {
      if (window.DOMParser) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (doc && doc.body) text = doc.body.textContent;
      }
    } catch (e) { text = null; }
    if (text == null) {
      var t = document.createElement("template");
      if ("content" in t) { t.innerHTML = html; text = t.content.textContent; }
    }
    if (text == null) text = entities(html.replace(/<!--[\s\S]*?-->/g, "").replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "").replace(/<\/?[a-zA-Z][^>]*>?/g, ""));
    return (text || "").replace(/\s+/g, " ").replace(/^ | $/g, "");
  }
  /** The common character references, for plainText without a parser. */
  function entities(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, function (m, e) {
      var k = e.toLowerCase();
      if (k.charAt(0) === "#") {
        var n = k.charAt(1) === "x" ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
        return n > 0 && n < 0x10000 ? String.fromCharCode(n) : m;
      }
      return { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " }[k];
    });
  }

  /** A wrong answer kept in the 错题本 (an option's index, indices, a text, an order) in
   *  words, for question data `q` as its quiz's data.js holds it: the option(s) chosen,
   *  正确 / 错误, the text typed, the order given; "" when it cannot be told (the question
   *  changed since, or a matching). */
  function answerText(q, a) {
    var opts = arr(q && q.options), items = arr(q && q.items), i, out = [];
    var index = function (x) { return typeof x === "number" && x >= 0 && Math.floor(x) === x; };
    switch (str(q && q.type)) {
      case "true_false":
        return a === 0 ? "正确" : a === 1 ? "错误" : "";
      case "single":
      case "single_choice":
        return index(a) && opts[a] ? plainText(str(opts[a].text)) : "";
      case "multiple":
      case "multiple_choice":
        if (!(a instanceof Array)) return "";
        for (i = 0; i < a.length; i++) { if (!index(a[i]) || !opts[a[i]]) return ""; out.push(plainText(str(opts[a[i]].text))); }
        return out.join("、");
      case "short":
      case "short_answer":
        return typeof a === "string" ? a : "";
      case "ordering":
        if (!(a instanceof Array) || a.length !== items.length) return "";
        for (i = 0; i < a.length; i++) { if (!index(a[i]) || items[a[i]] == null) return ""; out.push(str(items[a[i]])); }
        return out.join(" → ");
      case "matching":
        // (Each item with the choice made for it, as 正确答案 lists the pairs.)
        var pairs = arr(q && q.pairs);
        if (!(a instanceof Array) || !pairs.length || a.length !== pairs.length) return "";
        for (i = 0; i < a.length; i++) { if (typeof a[i] !== "string" || !a[i] || !pairs[i]) return ""; out.push(plainText(str(pairs[i].left)) + "：" + a[i]); }
        return out.join("；");
      default:
        return "";
    }
  }
  /** Words of the book put in quotation marks: “t”, with quotation marks of its own made
   *  single ones inside (“你选了‘门口挖了一个月’”), as Chinese nests them; t as it is when it
   *  is one quotation already (an option written “…”: not ““…””). */
  function quote(t) {
    t = String(t);
    if (/^“[^“”]*”$/.test(t)) return t;
    return "“" + t.replace(/“/g, "‘").replace(/”/g, "’") + "”";
  }
  /** What a 错题本 entry's kept wrong answers (`picks`, oldest first) say: the one given most
   *  (twice or more), else the latest; "" when none can be told. */
  function picksNote(q, picks) {
    var count = {}, best = "", most = 0, i;
    picks = arr(picks);
    for (i = 0; i < picks.length; i++) {
      var t = answerText(q, picks[i] && picks[i].a);
      if (!t) continue;
      count[t] = (count[t] || 0) + 1;
      if (count[t] >= most) { most = count[t]; best = t; }
    }
    if (!best) return "";
    var latest = answerText(q, picks[picks.length - 1].a);
    return most >= 2 ? "有 " + most + " 次答成" + quote(best) : "上次答的是" + quote(latest || best);
  }

  function quizData(id) {
    var all = window.HANDBOOK_QUIZZES;
    return all && own(all, id) && isObj(all[id]) ? all[id] : null;
  }

  function start(app) {
    var id = app.getAttribute("data-quiz") || "";
    var data = quizData(id);
    if (data) { mount(app, data); return; }
    var src = app.getAttribute("data-src");
    if (!src) return; // no data: the static list (if any) stays
    var note = app.appendChild(el("p", "quiz-loading", "正在载入测验…"));
    // data-src is relative to this page, like every link the site writes.
    loadScript(src, function () {
      data = quizData(id);
      if (data && mount(app, data)) return;
      note.className = "quiz-error";
      note.textContent = "测验“" + id + "”没有载入成功。请确认手册文件完整，或直接打开测验页面。";
    });
  }

  /** Whether the learner has done a course item: a lesson or rule card read (recordPage keeps
   *  the page's folder), a quiz passed. `id` is a lesson's path or folder, a rule's or quiz's
   *  id; `href` (from the site's root), when given, is the page's address. */
  function itemDone(d, kind, id, href) {
    if (kind === "quiz") return own(d.quizzes, id) && d.quizzes[id].passed === true;
    if (kind === "rule") return own(d.lessons, "rules/" + id + "/");
    return own(d.lessons, id) || own(d.lessons, id + "/") ||
      (!!href && own(d.lessons, String(href).replace(/index\.html$/, "")));
  }

  /** How far record `d` is through `course` (progress/data.js's): { percent, done, total,
   *  weighed, read, quiz, next } -- 总体进度 on 我的学习进度 and in the trainer's table (team.js)
   *  alike. Each item weighs its minutes as the build estimates them (a module with an
   *  estimate shares it among its items by theirs: the total is the course page's), so reading
   *  every page is not most of the course; by count where an item has none (`weighed` false).
   *  `read` and `quiz`: the minutes of reading and of quizzes; `next`: the first item not done,
   *  or null. */
  function courseProgress(course, d) {
    var out = { percent: 0, done: 0, total: 0, weighed: false, read: 0, quiz: 0, next: null };
    var mods = course && course.modules instanceof Array ? course.modules : [], mdone = 0, all = true;
    for (var m = 0; m < mods.length; m++) {
      var items = mods[m] && mods[m].items instanceof Array ? mods[m].items : [], mm = 0, i, it;
      for (i = 0; i < items.length; i++) if (isObj(items[i]) && isNum(items[i].minutes) && items[i].minutes > 0) mm += items[i].minutes;
      var scale = isNum(mods[m].estimate) && mods[m].estimate > 0 && mm > 0 ? mods[m].estimate / mm : 1;
      for (i = 0; i < items.length; i++) {
        if (!isObj(it = items[i])) continue;
        var done = itemDone(d, String(it.kind), String(it.id), it.href ? String(it.href) : "");
        if (!done && !out.next) out.next = it;
        out.total++;
        if (done) out.done++;
        if (isNum(it.minutes) && it.minutes > 0) {
          var w = it.minutes * scale;
          if (done) mdone += w;
          if (it.kind === "quiz") out.quiz += w; else out.read += w;
        } else all = false;
      }
    }
    var minutes = out.read + out.quiz;
    out.weighed = all && minutes > 0;
    var part = out.weighed ? mdone / minutes : out.total ? out.done / out.total : 0;
    out.percent = roundPct(part * 100);
    return out;
  }

  /** The time the course still takes, from each module's estimate in proportion to the items
   *  of it not done yet (run after they are marked), each item weighing its own minutes as the
   *  build estimates them (its data-minutes; by count without them) -- as 我的进度 weighs
   *  them --, rounded to 5 minutes: "7 小时 45 分钟". */
  function timeLeft() {
    var mods = document.querySelectorAll(".course-modules .course-module[data-estimate]"), min = 0;
    for (var i = 0; i < mods.length; i++) {
      var est = parseFloat(mods[i].getAttribute("data-estimate")) || 0;
      var items = mods[i].querySelectorAll(".course-item[data-kind]"), all = 0, open = 0, byCount = false;
      for (var k = 0; k < items.length; k++) if (!(parseFloat(items[k].getAttribute("data-minutes")) > 0)) byCount = true;
      for (k = 0; k < items.length; k++) {
        var w = byCount ? 1 : parseFloat(items[k].getAttribute("data-minutes"));
        all += w;
        if (!/(^| )is-done( |$)/.test(items[k].className)) open += w;
      }
      if (all) min += est * open / all;
    }
    min = Math.max(min > 0 ? 5 : 0, Math.round(min / 5) * 5);
    if (!min) return "";
    var h = Math.floor(min / 60), m = min - h * 60;
    return (h ? h + " 小时" + (m ? " " : "") : "") + (m ? m + " 分钟" : "");
  }

  // The course page: ✓ beside what the learner has done, and 继续学习 pointing to the first
  // item not done yet, so that a new employee coming back finds where they left off.
  function markCourse() {
    var items = document.querySelectorAll(".course-modules .course-item[data-kind]");
    if (!items.length) return;
    var d = load().data, next = null, done = 0;
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      if (itemDone(d, it.getAttribute("data-kind"), it.getAttribute("data-id") || "")) {
        done++;
        it.className += " is-done";
        it.insertBefore(attrs(el("span", "course-done", "✓"), { title: "已完成", "aria-label": "已完成" }), it.firstChild);
      } else {
        // A quiz tried and not passed yet says so (a failed checkpoint is not one never begun).
        var qid = it.getAttribute("data-id") || "", tried = it.getAttribute("data-kind") === "quiz" && own(d.quizzes, qid) ? d.quizzes[qid] : null;
        if (tried && tried.attempts > 0) {
          it.className += " is-tried";
          it.appendChild(el("span", "course-tried", "最好 " + tried.best + "% · 未通过"));
        }
        if (!next) next = it;
      }
    }
    var list = document.querySelector(".course-modules");
    var box = el("p", "course-next");
    var link = next && next.querySelector("a");
    if (link) {
      box.appendChild(document.createTextNode(done ? "继续学习（已完成 " + done + " / " + items.length + " 项）：" : "从第一项开始："));
      box.appendChild(attrs(el("a", "course-next-link", link.textContent), { href: link.getAttribute("href") }));
      var left = timeLeft();
      if (left) box.appendChild(el("span", "course-left", "（预计还需约 " + left + "）"));
    } else {
      box.appendChild(document.createTextNode("课程的 " + items.length + " 项都已完成。"));
      box.appendChild(attrs(el("a", null, "去“我的学习进度”打印结业记录"), { href: root + "progress/index.html" }));
    }
    list.parentNode.insertBefore(box, list);
  }

  // The home page: a learner who has started the course finds 继续入职课程 with its next item
  // at the top, coming back the next day, without going through the course page first.
  // (Nothing for whoever has not started it, nor once it is done: most readers of the home
  // page are looking something up.)
  function resumeOnHome() {
    var mine = document.getElementById("my-pages");
    var nav = window.HANDBOOK_NAV;
    var list = nav && nav.course;
    if (!mine || !list || !list.length) return;
    var d = load().data, next = null, done = 0;
    for (var i = 0; i < list.length; i++) {
      if (itemDone(d, list[i].k, list[i].i, list[i].u)) done++;
      else if (!next) next = list[i];
    }
    if (!done || !next || !courseStarted(d, list)) return;
    var box = el("p", "course-next course-resume");
    box.appendChild(document.createTextNode("继续入职课程（已完成 " + done + " / " + list.length + " 项）："));
    box.appendChild(attrs(el("a", "course-next-link", next.t), { href: siteHref(next.u) }));
    mine.parentNode.insertBefore(box, mine);
  }

  /** Whether the learner has set out on the course on purpose: gone into it by one of its
   *  links (intoCourse: d.course, when), or done one of its quizzes or calls to the end. Not by reading
   *  one of its lessons or rule cards to the end: a frontline worker looking a rule up does
   *  that every day, and was then offered 继续入职课程（1 / 61） on the home page. */
  function courseStarted(d, list) {
    if (isNum(d.course)) return true;
    // A record kept before the start was (no d.cs): started as it was then read, by any item
    // of the course done -- a learner part way through lost 继续入职课程 and the strip.
    if (d.cs !== 1) {
      for (var j = 0; j < list.length; j++) if (itemDone(d, list[j].k, list[j].i, list[j].u)) return true;
    }
    // (A whole attempt at one of its quizzes: not one question answered from a link -- a
    // rule card's 相关测验, a trainer's 单题链接 -- which keeps its answer in the 错题本's
    // record all the same.)
    for (var i = 0; i < list.length; i++) if (list[i].k === "quiz" && own(d.quizzes, list[i].i)) return true;
    return false;
  }

  // The course's place strip at the top of a course item (nav.course-step: 入职课程 › 单元 ·
  // 第 2 / 4 项) and 继续入职课程 at its foot are for learners: put away for a reader who has
  // not started the course (a frontline worker who opened a rule card from the search box).
  // Shown once the course is started (courseStarted), or when the page was reached through the
  // course (its page, or a link of the strip: noted for the tab, as file:// pages often get no
  // referrer; and kept as the course's start). Without this script, always shown.
  var IN_COURSE = "handbook-in-course";
  /** Whether a click on `a` takes the learner into the course: a link of the strip, of
   *  继续入职课程 (here or on the home page), or any link of the course page or the progress
   *  page to an item of the course -- their 从第一项开始 / 继续学习 (markCourse, progress.js),
   *  made after this ran, as well as the module lists. */
  function intoCourse(a, list) {
    for (var n = a; n && n !== body; n = n.parentNode) {
      if (n.nodeType !== 1) continue;
      var tag = n.tagName.toLowerCase(), cls = " " + n.className + " ";
      if ((tag === "nav" && (cls.indexOf(" course-step ") >= 0 || cls.indexOf(" course-continue ") >= 0)) ||
          cls.indexOf(" course-resume ") >= 0 || cls.indexOf(" course-modules ") >= 0) return true;
    }
    if (!list || !(document.querySelector(".course-modules") || document.getElementById("progress-app"))) return false;
    var to = pagePath(a.href), probe = document.createElement("a");
    for (var i = 0; i < list.length; i++) {
      probe.setAttribute("href", siteHref(String(list[i].u || "")));
      if (pagePath(probe.href) === to) return true;
    }
    return false;
  }
  /** An address without its query and fragment, a folder's index.html named. */
  function pagePath(href) {
    var p = String(href || "").replace(/[?#].*$/, "");
    return /\/$/.test(p) ? p + "index.html" : p;
  }
  function quietCourse() {
    var strip = document.querySelector("nav.course-step");
    var nav = window.HANDBOOK_NAV, list = nav && nav.course;
    // (On the document: the links made later -- the progress page's -- count too.)
    document.addEventListener("click", function (e) {
      var a = e.target;
      while (a && !(a.tagName && a.tagName.toLowerCase() === "a" && a.getAttribute("href") !== null)) a = a.parentNode;
      if (!a || !intoCourse(a, list)) return;
      try { window.sessionStorage.setItem(IN_COURSE, "1"); } catch (err) { /* unavailable */ }
      if (!isNum(load().data.course)) update(function (d) { if (!isNum(d.course)) d.course = Date.now(); });
    }, true);
    if (!strip || !list || !list.length) return;
    try { if (window.sessionStorage.getItem(IN_COURSE)) return; } catch (e) { return; }
    if (courseStarted(load().data, list)) return;
    if (/\/course\/(index\.html)?([?#].*)?$/.test(String(document.referrer || ""))) return;
    body.className += " course-quiet";
  }

  function init() {
    watchLearner();
    try { showLearner(); } catch (e) { /* never in the way of the page */ }
    recordPage();
    markCourse();
    resumeOnHome();
    try { quietCourse(); } catch (e) { /* shown, as without the script */ }
    var apps = document.querySelectorAll(".quiz-app[data-quiz]");
    for (var i = 0; i < apps.length; i++) {
      try { start(apps[i]); } catch (e) { if (window.console) console.error(e); }
    }
  }

  window.HandbookQuiz = {
    normalise: normalise, loose: loose, accepts: accepts, percent: roundPct, storageKey: KEY, load: function () { return load().data; },
    // The progress page (progress.js) reads and resets the same record with the same rules.
    store: { load: load, update: update, clear: clearAll, clean: clean, mergeInto: mergeInto, readFile: readFile, itemDone: itemDone, courseProgress: courseProgress, wrongList: wrongList, learnerId: learnerId, stars: stars, addStars: addStars },
    // The learners of this browser (progress.js: 学员信息, switching, 清除我的记录, import).
    learners: { slot: SLOT, list: learners, key: progressKey, switchTo: switchLearner, add: addLearner, remove: removeLearner, attempts: openAttempts, hasWork: hasWork, who: who, show: showLearner },
    // The 错题本 page (mistakes.js) loads quizzes' data and plays their questions mixed.
    loadQuiz: loadQuiz, quizData: quizData, play: function (app, quiz) { return mount(app, quiz); },
    // A 错题本 entry's wrong answers in words (mistakes.js, team.js).
    answerText: answerText, picksNote: picksNote,
    // 复制本题链接 (mistakes.js, team.js).
    questionCopy: questionCopy,
    dom: { el: el, attrs: attrs, button: button, quote: quote, siteHref: siteHref, download: download, dateStamp: dateStamp, plainText: plainText }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
