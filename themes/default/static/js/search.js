/* Search client: see docs/search-index.md (issue 5).
 * Plain ES5: no modules, no fetch, no wasm. The index is a set of plain scripts under search/
 * (meta.js, s{n}.js, d{k}.js) that call window.__handbookSearch, so it works from file://.
 * The normaliser and tokeniser must agree exactly with src/search/ (tests/search-vectors.json). */
(function (global) {
  "use strict";

  var doc = typeof document !== "undefined" ? document : null;

  // ---------------------------------------------------------------------------------------
  // Code points (ES5: no for..of, no Array.from)

  function codePoints(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { out.push(s.charAt(i) + s.charAt(i + 1)); i++; continue; }
      }
      out.push(s.charAt(i));
    }
    return out;
  }

  function cpOf(ch) {
    var c = ch.charCodeAt(0);
    if (c >= 0xD800 && c <= 0xDBFF && ch.length > 1) {
      return (c - 0xD800) * 0x400 + (ch.charCodeAt(1) - 0xDC00) + 0x10000;
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------
  // 1. Normalise: per character NFKC, lower-case, then the traditional -> simplified fold.

  var fold = {};
  var foldSize = 0;
  var normCache = {};
  var hasNormalize = typeof "".normalize === "function";

  /** Installs the fold table: one string of (traditional, simplified) code point pairs. */
  function setFold(pairs) {
    fold = {};
    foldSize = 0;
    normCache = {};
    var cps = codePoints(pairs || "");
    for (var i = 0; i + 1 < cps.length; i += 2) { fold["$" + cps[i]] = cps[i + 1]; foldSize++; }
  }

  // The characters kept as themselves that are also another's traditional form (覆: 覆盖 is
  // simplified, 答覆 traditional for 答复): meta.alts, (character, other form) pairs.
  var alts = {};
  function setAlts(pairs) {
    alts = {};
    var cps = codePoints(pairs || "");
    for (var i = 0; i + 1 < cps.length; i += 2) alts["$" + cps[i]] = cps[i + 1];
  }

  // Browsers without String.prototype.normalize: at least the full-width forms and the
  // ideographic space (the cases that matter for this handbook).
  function nfkcFallback(ch) {
    var c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xFF01 && c <= 0xFF5E) return String.fromCharCode(c - 0xFEE0);
    if (c === 0x3000) return " ";
    return ch;
  }

  function normChar(ch) {
    var hit = normCache["$" + ch];
    if (hit !== undefined) return hit;
    var s = hasNormalize ? ch.normalize("NFKC") : nfkcFallback(ch);
    s = s.toLowerCase();
    var out = "";
    if (foldSize) {
      var cs = codePoints(s);
      for (var i = 0; i < cs.length; i++) {
        var f = fold["$" + cs[i]];
        out += f === undefined ? cs[i] : f;
      }
    } else {
      out = s;
    }
    normCache["$" + ch] = out;
    return out;
  }

  function normalise(text) {
    var cs = codePoints(String(text == null ? "" : text));
    var out = "";
    for (var i = 0; i < cs.length; i++) out += normChar(cs[i]);
    return out;
  }

  /** Normalised text plus, for every UTF-16 unit of it, the index of the original character
   *  (code point) it came from: how highlights on normalised text map back to the original. */
  function normaliseMap(text) {
    var cs = codePoints(String(text == null ? "" : text));
    var norm = "";
    var owner = [];
    for (var i = 0; i < cs.length; i++) {
      var n = normChar(cs[i]);
      norm += n;
      for (var k = 0; k < n.length; k++) owner.push(i);
    }
    return { chars: cs, norm: norm, owner: owner };
  }

  // ---------------------------------------------------------------------------------------
  // 2. Tokenise (input: normalised text)

  var SEP = 0, WORD = 1, CJK = 2, JOIN = 3;

  function classOf(ch) {
    var c = cpOf(ch);
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x323AF) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF)) return CJK;
    if ((c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) ||
        (c >= 0xC0 && c <= 0x24F && c !== 0xD7 && c !== 0xF7) ||
        (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x4FF)) return WORD;
    if (c === 0x2D || c === 0x2F || c === 0x2E || c === 0x5F) return JOIN;
    return SEP;
  }

  /** Runs of the normalised text: {type, chars, start, end (code point indices), seg}.
   *  seg increases whenever at least one separator character lies between two runs. */
  function scan(text) {
    var cs = codePoints(text);
    var n = cs.length;
    var cls = [];
    for (var i = 0; i < n; i++) cls.push(classOf(cs[i]));
    var runs = [];
    var seg = 0;
    var lastEnd = 0;
    i = 0;
    while (i < n) {
      var t = cls[i];
      if (t !== WORD && t !== CJK) { i++; continue; }
      var j = i + 1;
      if (t === WORD) {
        while (j < n) {
          if (cls[j] === WORD) j++;
          else if (cls[j] === JOIN && j + 1 < n && cls[j + 1] === WORD) j += 2;
          else break;
        }
      } else {
        while (j < n && cls[j] === CJK) j++;
      }
      if (runs.length && i > lastEnd) seg++;
      runs.push({ type: t, chars: cs.slice(i, j), start: i, end: j, seg: seg });
      lastEnd = j;
      i = j;
    }
    return { runs: runs, length: n, cls: cls };
  }

  /** An id's loose form: its pieces joined, each run of digits without its leading zeros
   *  (["ts", "proc", "001"] -> "tsproc1"); null unless it holds a letter and a digit. */
  function looseId(pieces) {
    var joined = pieces.join("");
    if (!/[a-z]/.test(joined) || !/[0-9]/.test(joined)) return null;
    return joined.replace(/(^|[^0-9])0+(?=[0-9])/g, "$1");
  }

  /** Tokens with their run information. */
  function tokensOf(text) {
    var sc = scan(text);
    var out = [];
    var p = 0;
    for (var r = 0; r < sc.runs.length; r++) {
      var run = sc.runs[r];
      var cs = run.chars;
      if (run.type === WORD) {
        var whole = cs.join("");
        out.push({ text: whole, pos: p, flag: "", run: run, runIndex: r });
        var pieces = [];
        var cur = "";
        var joined = false;
        for (var i = 0; i < cs.length; i++) {
          if (classOf(cs[i]) === JOIN) { joined = true; if (cur) pieces.push(cur); cur = ""; }
          else cur += cs[i];
        }
        if (cur) pieces.push(cur);
        if (joined) {
          for (var k = 0; k < pieces.length; k++) out.push({ text: pieces[k], pos: p, flag: "part", run: run, runIndex: r });
          // An id (letters and digits) also without its joiners: tsproc001.
          var bare = pieces.join("");
          if (/[a-z]/.test(bare) && /[0-9]/.test(bare)) {
            out.push({ text: bare, pos: p, flag: "part", run: run, runIndex: r });
            // And loosely, as it is also typed: its numbers without their leading zeros, whole
            // and without its first pieces while a letter and a digit are left (tsproc1, proc1).
            for (var lk = 0; lk < pieces.length; lk++) {
              var key = looseId(pieces.slice(lk));
              if (key === null) break;
              if (lk > 0 || key !== bare) out.push({ text: key, pos: p, flag: "part", run: run, runIndex: r });
            }
          }
        }
        p += 1;
      } else {
        var m = cs.length;
        if (m === 1) {
          out.push({ text: cs[0], pos: p, flag: "", run: run, runIndex: r, at: run.start });
        } else {
          for (var b = 0; b < m - 1; b++) out.push({ text: cs[b] + cs[b + 1], pos: p + b, flag: "", run: run, runIndex: r, at: run.start + b });
          out.push({ text: cs[m - 1], pos: p + m - 1, flag: "end", run: run, runIndex: r, at: run.start + m - 1 });
        }
        p += m;
      }
    }
    return { tokens: out, scan: sc };
  }

  /** tokenise(normalisedText) -> [[text, pos], [text, pos, "part" | "end"], ...] */
  function tokenise(text) {
    var toks = tokensOf(String(text == null ? "" : text)).tokens;
    var out = [];
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      out.push(t.flag ? [t.text, t.pos, t.flag] : [t.text, t.pos]);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // 3. Query planning

  var W_QUERY = 1, W_SYN = 0.5, W_PREFIX1 = 0.3, W_TYPING = 0.5;
  // Ranking parameters (docs/search-index.md section 6), measured on tests/golden-queries.json.
  var tuning = {
    // A search this long after meta.js was loaded asks for it again (a rebuilt site, section 4
    // of docs/search-index.md).
    metaRecheckMs: 60000,
    // A synonym counts only where it occurs as a whole phrase, and one synonym set counts once.
    synonymPhrase: true,
    synonymSetMax: true,
    // Query bigrams holding a function character (怎么, 么办, 诉的 ...) say little about what
    // is asked: they count at this weight.
    functionChars: "的了吗呢吧啊呀么哪怎什啥咋",
    functionWeight: 0.3,
    // Question words: a question's scaffolding (怎么办, 如何, 吗), which says that something
    // is asked but not what, as a stop word does. With other words in the query, a query term
    // inside one of them (怎么, 么办; a lone 吗) counts at askWeight and not towards coverage,
    // a pair bonus or the first tier, and their characters are no character terms: a heading
    // phrased as the same question (办结时限怎么办) no longer outranks the section that answers
    // 客户骂人怎么办 (scale audit L8). A pair across a word's edge (人怎, 么说) is a function pair:
    // what follows 怎么 says what is asked (怎么说, 怎么算, 怎么处理), but 办 in 怎么办. 什么 / 啥
    // / 为什么 stand for what is asked (要记什么, 为什么要回访), and 咋办, rare in a book's text:
    // function pairs, as before. A query of question words only (怎么办) is searched as it is.
    askWords: ["怎么办", "怎么样", "怎样", "怎么", "如何", "咋", "吗", "呢", "吧", "啊", "呀", "嘛"],
    askWeight: 0.05,
    // Characters people put into a word as they talk (六个步骤, 停了电, 登记的时候): the pair of
    // characters around one is searched too (closeUps).
    fillers: "的了个着过得地",
    // Every character of a multi-character query also counts on its own, with its own idf, at
    // this weight: 不肯留名字 still meets 不愿留下姓名, 村里 meets 村民.
    charWeight: 0.5,
    // Two consecutive query terms found adjacent add this share of the smaller impact.
    pairBonus: 0.5,
    // The score is multiplied by (idf-weighted share of the query's terms matched) ^ this.
    coveragePower: 0.5,
    // By kind: a rule is the authoritative answer; a glossary entry defines a word and a quiz
    // tests what a lesson teaches, so both rank after the rule or lesson that answers. A
    // trainers' page or note tells trainers what a lesson tells workers, who search most: a
    // little after it (节假日 found the guide's holiday calendar before the time-limit lesson).
    kindPrior: { rule: 1.5, glossary: 0.5, quiz: 0.6, trainer: 0.75 },
    // A hit the query names (its whole title or heading, or a synonym of a glossary term):
    // this factor instead of its kind's when it is larger (a rule named keeps its 1.5: at 1,
    // the rule whose whole title was typed came after every rule whose title ends in it).
    named: 1,
    // ... except a glossary entry: naming a term (or one of its synonyms) lifts its definition
    // from 0.5 to this, near the top, but the rule or lesson that answers comes first when it
    // matches about as well.
    namedGlossary: 0.7,
    // Each further section of a page already listed counts this much less.
    pageDamp: 0.6,
    // A lesson page's top document (its opening and its summary, which lists what the sections
    // teach) counts this much less when one of its sections is also a hit, unless the query
    // names the page: the summary should not outrank the section it summarises.
    topDamp: 0.7,
    // Near ties. A stored impact is rounded to a level, steps of 11 % (docs/search-index.md),
    // so hits whose final scores are this close (5 %: within the rounding of one level) are
    // not told apart by their scores: the one whose heading holds more of the query (by idf)
    // comes first. Then, within tieOrder (1 %), the earlier in the book: scores that close
    // are rounded impacts summing alike, parted by what moves with text added anywhere in
    // the book (an edit elsewhere moved scores by under 0.5 %); which led used to flip.
    // Beyond it, the higher score.
    tieBand: 0.05,
    tieOrder: 0.01,
    // Long lists (docs/search-index.md): tail pieces one query loads at most (about 10 KB
    // gzipped each). Infinity makes every answer exact.
    maxPieces: 16,
    // Search as you type (setupUi): the box waits this long after a key that typed or erased
    // one character (95598, ts-proc: a key each) before it searches, so that a query typed on
    // is not searched at every key -- on a slow computer each search's ranking came between
    // the keys, which then showed up late. After a word committed by an input method, a
    // paste or a cleared box: keyWaitMs.short.
    keyWaitMs: { key: 150, short: 80 }
  };
  var synonyms = [];

  /** For each code point of `norm`, whether it belongs to a question word (tuning.askWords,
   *  the longest found first). */
  function askMask(norm) {
    var cs = codePoints(norm), mask = [], words = tuning.askWords || [];
    for (var i = 0; i < cs.length;) {
      var len = 0;
      for (var w = 0; w < words.length; w++) {
        var wc = codePoints(words[w]);
        if (wc.length <= len || i + wc.length > cs.length) continue;
        for (var k = 0; k < wc.length && cs[i + k] === wc[k]; k++);
        if (k === wc.length) len = wc.length;
      }
      for (k = 0; k < Math.max(len, 1); k++) mask[i + k] = len > 0;
      i += Math.max(len, 1);
    }
    return mask;
  }

  /** Does a bigram hold a function character? */
  function isFunction(text) {
    var cs = codePoints(text);
    if (cs.length < 2) return false;
    for (var i = 0; i < cs.length; i++) if (tuning.functionChars.indexOf(cs[i]) >= 0) return true;
    return false;
  }

  // Terms of one normalised string: parts and the `end` of multi-character CJK runs dropped.
  // `ask` (optional, askMask): a CJK term inside a question word is marked `ask`; one across a
  // question word's edge is a function pair.
  function termsOf(norm, group, segBase, weight, allowTyping, ask) {
    var r = tokensOf(norm);
    var runs = r.scan.runs;
    var terms = [];
    var maxSeg = -1;
    var typingRun = -1;
    if (allowTyping && runs.length) {
      var last = runs[runs.length - 1];
      var tail = true;
      for (var i = last.end; i < r.scan.length; i++) if (r.scan.cls[i] !== JOIN) { tail = false; break; }
      if (last.type === WORD && tail) typingRun = runs.length - 1;
    }
    for (var k = 0; k < r.tokens.length; k++) {
      var t = r.tokens[k];
      if (t.flag === "part" || t.flag === "end") continue;
      var prefix = t.run.type === CJK && t.run.chars.length === 1;
      var fn = t.run.type === CJK && isFunction(t.text);
      var asked = !!ask && t.run.type === CJK && ask[t.at] && (prefix || ask[t.at + 1]);
      if (ask && t.run.type === CJK && !asked && (ask[t.at] || ask[t.at + 1])) fn = true;
      terms.push({
        text: t.text,
        pos: t.pos,
        seg: segBase + t.run.seg,
        group: group,
        prefix: prefix,
        typing: t.runIndex === typingRun,
        syn: group > 0,
        weight: weight * (prefix ? W_PREFIX1 : 1) * (fn ? tuning.functionWeight : 1),
        ask: asked
      });
      if (t.run.seg > maxSeg) maxSeg = t.run.seg;
    }
    return { terms: terms, segs: maxSeg + 1 };
  }

  /** The characters of the query's CJK runs of two or more, as prefix terms of group 0 marked
   *  `char` (used by the ranking only, not part of the plan of section 3). */
  function charTerms(norm, ask) {
    var out = [];
    var toks = tokensOf(norm).tokens;
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (t.run.type !== CJK || t.run.chars.length < 2) continue;
      var ch = codePoints(t.text)[0];
      if (tuning.functionChars.indexOf(ch) >= 0 || (ask && ask[t.at])) continue;
      // A "hot" character (meta.hot: so common that its tokens fill many files) says little
      // about a document and would load every one of its files: it is not a character term.
      if (hotParts(ch)) continue;
      out.push({ text: ch, pos: t.pos, seg: t.run.seg, group: 0, prefix: true, char: true, typing: false, syn: false, weight: tuning.charWeight });
    }
    return out;
  }

  /** planQuery(rawQuery[, synonymGroups]) -> {norm, terms: [{text, pos, seg, group, prefix,
   *  typing, syn, weight}]}. Group 0 is the query itself; each added synonym is its own group
   *  (its own positions, adjacency and segment); a synonym's `trigger` lists the query terms of
   *  the member found in the query, which the synonym stands in for. */
  function planQuery(query, groups) {
    var norm = normalise(query);
    groups = (groups || synonyms || []).concat(numeralGroups(norm), altGroups(norm));
    // A question's scaffolding (tuning.askWords) weighs little beside what is asked; a query
    // of nothing else is searched as it is.
    var ask = askMask(norm);
    var q = termsOf(norm, 0, 0, W_QUERY, true, ask), content = false;
    for (var qa = 0; qa < q.terms.length; qa++) if (!q.terms[qa].ask) content = true;
    if (!content) ask = null;
    for (qa = 0; qa < q.terms.length; qa++) {
      var qt = q.terms[qa];
      if (!ask) qt.ask = false;
      else if (qt.ask) qt.weight = W_QUERY * (qt.prefix ? W_PREFIX1 : 1) * tuning.askWeight;
    }
    var terms = q.terms.concat(tuning.charWeight ? charTerms(norm, ask) : []);
    var segBase = q.segs;
    var group = 1;
    var added = {};
    var normCps = codePoints(norm);
    for (var g = 0; g < groups.length; g++) {
      var members = groups[g];
      var hit = false, inQuery = {};
      for (var i = 0; i < members.length; i++) {
        if (!members[i]) continue;
        var found = norm.indexOf(members[i]) >= 0 ? members[i] : spread(normCps, members[i]);
        if (!found) continue;
        hit = true;
        var mt = termsOf(found, 0, 0, 1, false).terms;
        for (var k = 0; k < mt.length; k++) inQuery["$" + mt[k].text] = true;
      }
      if (!hit) continue;
      var trigger = [];
      for (var qi = 0; qi < q.terms.length; qi++) if (inQuery["$" + q.terms[qi].text]) trigger.push(qi);
      for (var j = 0; j < members.length; j++) {
        var m = members[j];
        if (!m || norm.indexOf(m) >= 0 || added["$" + m]) continue;
        added["$" + m] = true;
        var s = termsOf(m, group, segBase, W_SYN, false);
        if (!s.terms.length) continue;
        for (var st = 0; st < s.terms.length; st++) { s.terms[st].set = g; s.terms[st].trigger = trigger; s.terms[st].whole = m; }
        terms = terms.concat(s.terms);
        segBase += s.segs;
        group++;
      }
    }
    // An id typed loosely (gov-004, proc5, `ts int 3`, `PROC 005`) also as the index's loose
    // form of it (gov4, proc5, tsint3), standing in for what was typed: at the query's weight
    // for each word it stands for (`ts int 3` found as one id outranks ts, int and a 3
    // found apart).
    var loose = looseIds(norm, q.terms);
    for (var li = 0; li < loose.length; li++) {
      if (added["$" + loose[li].key]) continue;
      added["$" + loose[li].key] = true;
      terms.push({ text: loose[li].key, pos: 0, seg: segBase, group: group, prefix: false, typing: false, syn: true,
        weight: W_QUERY * Math.max(1, loose[li].trigger.length), set: groups.length + li, trigger: loose[li].trigger });
      segBase++;
      group++;
    }
    // A word said with a filler put in (六个步骤 for 六步, 停了电 for 停电, 登记的时候 for
    // 登记时): the two characters around the filler as one pair, standing in for the query's
    // pairs it splits, at a synonym's weight.
    var closed = closeUps(norm, q.terms);
    for (var ci = 0; ci < closed.length; ci++) {
      if (added["$" + closed[ci].key]) continue;
      added["$" + closed[ci].key] = true;
      terms.push({ text: closed[ci].key, pos: 0, seg: segBase, group: group, prefix: false, typing: false, syn: true,
        weight: W_SYN, set: groups.length + loose.length + ci, trigger: closed[ci].trigger });
      segBase++;
      group++;
    }
    return { query: String(query), norm: norm, terms: terms };
  }

  /** A length of time said with Chinese numerals (三个工作日, 二十四小时, 两天): the same with
   *  digits, as a handbook writes its time limits (3个工作日; 工作天 as 工作日), each a synonym group of the two
   *  (found as a whole phrase, standing in for the numeral's words). Numbers to 99. */
  var NUMERAL = /([零一二两三四五六七八九十]+)((?:个)?(?:工作日|工作天|小时|天|分钟|周|星期|月))/g;
  var NUMERAL_DIGIT = "零一二三四五六七八九";
  function numeralValue(s) {
    var ten = s.indexOf("十");
    function digit(d) { return d === "两" ? 2 : NUMERAL_DIGIT.indexOf(d); }
    if (ten < 0) return s.length === 1 ? digit(s) : -1;
    if (s.lastIndexOf("十") !== ten || ten > 1 || s.length - ten > 2) return -1;
    var tens = ten === 0 ? 1 : digit(s.charAt(0)), ones = ten + 1 < s.length ? digit(s.charAt(ten + 1)) : 0;
    return tens < 1 || ones < 0 || (ten + 1 < s.length && ones === 0) ? -1 : tens * 10 + ones;
  }
  /** Each length of time said in Chinese numerals in `norm`: [as said, with digits, where
   *  (code units), how long its numeral is]. */
  function numerals(norm) {
    var out = [], m;
    NUMERAL.lastIndex = 0;
    while ((m = NUMERAL.exec(norm))) {
      var v = numeralValue(m[1]);
      // (A month needs its 个: 三月 is March.)
      if (v < 0 || (/^月/.test(m[2]))) continue;
      // (工作天, as people say it, is the handbook's 工作日.)
      out.push([m[0], v + m[2].replace("工作天", "工作日"), m.index, m[1].length]);
    }
    return out;
  }
  function numeralGroups(norm) {
    var n = numerals(norm), out = [];
    for (var i = 0; i < n.length; i++) out.push([n[i][0], n[i][1]]);
    return out;
  }
  /** Each pair of Chinese characters in `norm` holding a character with another form (答覆),
   *  with that form in its place (答复): [as typed, the other form] for each. */
  function altPairs(norm) {
    var cps = codePoints(norm), out = [];
    for (var i = 0; i < cps.length; i++) {
      var a = alts["$" + cps[i]];
      if (!a) continue;
      if (i > 0 && classOf(cps[i - 1]) === CJK) out.push([cps[i - 1] + cps[i], cps[i - 1] + a, i - 1]);
      if (i + 1 < cps.length && classOf(cps[i + 1]) === CJK) out.push([cps[i] + cps[i + 1], a + cps[i + 1], i]);
    }
    return out;
  }
  /** The same as synonym groups: a query with 答覆 is also searched with 答复. */
  function altGroups(norm) {
    var p = altPairs(norm), out = [];
    for (var i = 0; i < p.length; i++) out.push([p[i][0], p[i][1]]);
    return out;
  }

  /** `norm` with each length of time said in Chinese numerals written with digits. */
  function digitForm(norm) {
    var g = numeralGroups(norm);
    for (var i = 0; i < g.length; i++) norm = norm.split(g[i][0]).join(g[i][1]);
    return norm;
  }

  /** The pairs a query's Chinese runs make with one filler character taken out (六个步骤 ->
   *  六步): each with `trigger`, the indices in `qterms` of the two pairs the filler was in,
   *  and `at`, where the filler is (code points). Pairs the query holds already are left out. */
  function closeUps(norm, qterms) {
    var out = [], seen = {}, cps = codePoints(norm);
    var have = {};
    for (var qi = 0; qi < qterms.length; qi++) have["$" + qterms[qi].text] = true;
    function plain(ch) { return classOf(ch) === CJK && tuning.fillers.indexOf(ch) < 0 && tuning.functionChars.indexOf(ch) < 0; }
    for (var i = 1; i + 1 < cps.length; i++) {
      if (tuning.fillers.indexOf(cps[i]) < 0 || !plain(cps[i - 1]) || !plain(cps[i + 1])) continue;
      var key = cps[i - 1] + cps[i + 1];
      if (have["$" + key]) continue;
      if (seen["$" + key]) { seen["$" + key].at.push(i); continue; }
      var trigger = [];
      for (qi = 0; qi < qterms.length; qi++) {
        var t = qterms[qi].text;
        if (t === cps[i - 1] + cps[i] || t === cps[i] + cps[i + 1]) trigger.push(qi);
      }
      out.push(seen["$" + key] = { key: key, trigger: trigger, at: [i] });
    }
    return out;
  }

  /** Whether a result list holds only matches of single characters of a query that has more
   *  than single characters to look for (a pair, a word): nothing it asked for as written. */
  function weakOnly(res) {
    if (!asksWords(res) || !res.hits.length) return false;
    for (var h = 0; h < res.hits.length; h++) if (res.hits[h].tier > 0) return false;
    return true;
  }
  /** Whether a query has more than single characters to look for (a pair, a word): a hit of
   *  tier 0 then holds single characters of it only. */
  function asksWords(res) {
    if (!res || !res.plan || !res.hits) return false;
    for (var i = 0; i < res.plan.terms.length; i++) {
      var t = res.plan.terms[i];
      if (t.group === 0 && lifts(t)) return true;
    }
    return false;
  }

  /** A synonym of three or more Chinese characters written in the query with a character put
   *  between some of its own, as people talk (几天要办完 for 几天办完, 多久才有结果 for
   *  多久有结果), or a shorter one with a filler put in (停了电 for 停电): the stretch of the
   *  query that holds it, or null. */
  function spread(qcps, member) {
    var mc = codePoints(member);
    if (mc.length < 2) return null;
    for (var c = 0; c < mc.length; c++) if (classOf(mc[c]) !== CJK) return null;
    var any = mc.length >= 3;
    for (var start = 0; start < qcps.length; start++) {
      if (qcps[start] !== mc[0]) continue;
      var at = start, k = 1;
      while (k < mc.length) {
        if (qcps[at + 1] === mc[k]) at += 1;
        else if (qcps[at + 2] === mc[k] && classOf(qcps[at + 1]) === CJK && (any || tuning.fillers.indexOf(qcps[at + 1]) >= 0)) at += 2;
        else break;
        k++;
      }
      if (k === mc.length) return qcps.slice(start, at + 1).join("");
    }
    return null;
  }

  /** The loose ids of a query (see looseId) that differ from what was typed: a word holding a
   *  letter and a digit (gov-004 -> gov4), and words of letters followed by a number, apart
   *  (`ts int 3` -> tsint3). Each with `trigger`, the indices in `qterms` of the words. */
  function looseIds(norm, qterms) {
    var r = tokensOf(norm), runs = r.scan.runs, out = [];
    var posOf = [];  // run index -> position of its whole word
    for (var k = 0; k < r.tokens.length; k++) if (r.tokens[k].flag === "" && r.tokens[k].run.type === WORD) posOf[r.tokens[k].runIndex] = r.tokens[k].pos;
    function trigger(from, to) {
      var t = [];
      for (var qi = 0; qi < qterms.length; qi++) {
        for (var ri = from; ri <= to; ri++) if (qterms[qi].pos === posOf[ri] && !qterms[qi].char) t.push(qi);
      }
      return t;
    }
    function piecesOf(run) { return run.chars.join("").split(/[-\/._]/); }
    for (var i = 0; i < runs.length; i++) {
      if (runs[i].type !== WORD) continue;
      var text = runs[i].chars.join("");
      var key = looseId(piecesOf(runs[i]));
      if (key !== null && key !== text) out.push({ key: key, trigger: trigger(i, i) });
      // A short number after up to three words of letters: the words and the number together
      // (not a standard's number, GB/T 31464, which is written apart in the text too).
      if (!/^[0-9]{1,4}$/.test(text)) continue;
      var from = i, pieces = [text];
      while (from > 0 && i - from < 3 && runs[from - 1].type === WORD && !/[0-9]/.test(runs[from - 1].chars.join(""))) {
        from--;
        pieces = piecesOf(runs[from]).concat(pieces);
      }
      if (from < i) out.push({ key: looseId(pieces), trigger: trigger(from, i) });
    }
    return out;
  }

  /** The compact form used by tests/search-vectors.json: [text, pos, flags...]. */
  function planTerms(query, groups) {
    var p = planQuery(query, groups || []);
    var out = [];
    for (var i = 0; i < p.terms.length; i++) {
      var t = p.terms[i];
      if (t.char) continue;
      var row = [t.text, t.pos];
      if (t.prefix) row.push("prefix");
      if (t.typing) row.push("typing");
      if (t.syn) row.push("syn");
      out.push(row);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Index files

  var meta = null;
  var store = {};      // "kind:id" -> payload
  var done = {};       // "kind:id" -> true once the script loaded or failed
  var waiting = {};    // "kind:id" -> callbacks
  // Files that did not load (a network that dropped, a server that answered with an error):
  // counted, and not marked done, so the next search asks for them again; an answer that
  // lacked one says so (`unloaded`) instead of "no results".
  var loadErrors = 0;
  var decoded = {};    // token -> [{doc, imp, pos}]
  // The index's build (meta.stamp): every other file is asked for with "?v=<stamp>", so a
  // browser's cache cannot hand over a file of another build. A page left open while the site
  // was rebuilt finds out at its next search after tuning.metaRecheckMs (meta.js is asked for
  // afresh each time) and forgets what it loaded from the old build: `epoch` counts such
  // changes, and loads started before one are ignored.
  // Within that time a file can still come from the new build (a server ignores `?v=`; from
  // disk there is none): each file names its build (`window.__handbookBuild`, set just before
  // its call), and one that is not the meta's is not used; `stale` is then set, and the
  // search drops everything, reads meta.js again and answers again, once (search()).
  var epoch = 0;
  var metaAt = 0;
  var stale = false;

  /** The stamp in the address of the script now running (null where browsers cannot tell). */
  function scriptStamp() {
    var cs = doc && doc.currentScript;
    var m = cs && cs.src && /[?&]v=([0-9a-z]+)/.exec(cs.src);
    return m ? m[1] : null;
  }

  // The book's most frequent Chinese characters are written in document files as the ASCII
  // characters its text uses least (meta.swap1: pairs of the ASCII character and the one it
  // stands for), the next ones as two-byte code points (meta.swap: the i-th character trades
  // with slot(i)). A trade is its own inverse (docs/search-index.md): undone as a file loads.
  var swapped = null;
  function unswap(text) {
    if (!swapped) {
      swapped = {};
      var pairs = (meta && meta.swap1) || "", table = (meta && meta.swap) || "";
      for (var pi = 0; pi + 1 < pairs.length; pi += 2) {
        swapped[pairs.charAt(pi)] = pairs.charAt(pi + 1);
        swapped[pairs.charAt(pi + 1)] = pairs.charAt(pi);
      }
      for (var si = 0; si < table.length; si++) {
        var slot = String.fromCharCode(si < 0x200 ? 0x100 + si : 0x370 + si - 0x200);
        swapped[table.charAt(si)] = slot;
        swapped[slot] = table.charAt(si);
      }
    }
    return typeof text === "string"
      ? text.replace(/[\u0021-\u007f\u0100-\uffff]/g, function (c) { return swapped[c] || c; })
      : text;
  }

  global.__handbookSearch = function (kind, id, payload) {
    var build = global.__handbookBuild;
    global.__handbookBuild = undefined;
    if (kind !== "meta") {
      var cs = doc && doc.currentScript;
      if (cs && cs.hbEpoch !== undefined && cs.hbEpoch !== epoch) return;  // asked for before a drop
      var st = scriptStamp();
      if (st && meta && meta.stamp && st !== meta.stamp) return;  // another build's file
      // Sent for this build's address but of another build (or of one from before files
      // named theirs): not decoded with this meta's trades and document numbers.
      if (meta && meta.stamp && build !== meta.stamp) { stale = true; return; }
    }
    if (kind === "docs" && payload && payload.length) {
      // A row of three is a later section of the previous row's page: [#anchor, heading, text].
      // Either may end in a 1: the text goes on in x{doc}.js (row[5] once expanded).
      for (var r = 0; r < payload.length; r++) {
        var row = payload[r], prev = payload[r - 1];
        var brief = row && (row.length === 3 || row.length === 4);
        if (row && typeof row[0] === "string") {
          // The anchor is traded too, not the path: "path#anchor" or, in a short row, "#anchor".
          var hash = row[0].indexOf("#");
          if (hash >= 0) row[0] = row[0].slice(0, hash + 1) + unswap(row[0].slice(hash + 1));
        }
        if (row && (row.length === 5 || row.length === 6)) {
          row[2] = unswap(row[2]);
          row[3] = unswap(row[3]);
          row[4] = unswap(row[4]);
        } else if (brief) {
          row[1] = unswap(row[1]);
          row[2] = unswap(row[2]);
        }
        if (brief && prev) {
          payload[r] = [prev[0].split("#")[0] + row[0], prev[1], prev[2], row[1], row[2], row[3]];
        }
      }
    }
    // The rest of a long text (its row holds the first 400 characters).
    if (kind === "more" && typeof payload === "string") payload = unswap(payload);
    store[kind + ":" + id] = payload;
  };

  function siteRoot() {
    return (doc && doc.body && doc.body.getAttribute("data-root")) || "";
  }

  function loadFile(kind, id, file, cb) {
    var key = kind + ":" + id;
    if (done[key]) { cb(store[key] === undefined ? null : store[key]); return; }
    if (waiting[key]) { waiting[key].push(cb); return; }
    waiting[key] = [cb];
    if (!doc) { finish(key); return; }
    var s = doc.createElement("script"), at = epoch;
    s.hbEpoch = at;  // (document.currentScript while it runs: __handbookSearch)
    // meta.js afresh every time (a time in the query string passes any cache), the others as
    // this build's. Not from disk: a file is read as it is now, and some old browsers look
    // for a file named with the query string.
    var local = global.location && global.location.protocol === "file:";
    var query = local ? ""
      : kind === "meta" ? "?t=" + new Date().getTime()
      : meta && meta.stamp ? "?v=" + meta.stamp : "";
    s.src = siteRoot() + "search/" + file + query;
    s.onload = function () { if (at === epoch) finish(key); };
    s.onerror = function () {
      if (s.parentNode) s.parentNode.removeChild(s);
      if (at !== epoch) return;
      // (From disk a file missing is one the build did not write: nothing to wait for.)
      if (local && kind !== "meta") { finish(key); return; }
      loadErrors++;
      var cbs = waiting[key] || [];
      delete waiting[key];
      for (var i = 0; i < cbs.length; i++) cbs[i](null);
    };
    (doc.head || doc.body).appendChild(s);
  }

  function finish(key) {
    if (done[key]) return;
    done[key] = true;
    var cbs = waiting[key] || [];
    delete waiting[key];
    var v = store[key] === undefined ? null : store[key];
    for (var i = 0; i < cbs.length; i++) cbs[i](v);
  }

  function loadAll(list, cb) {
    var left = list.length;
    if (!left) { cb(); return; }
    for (var i = 0; i < list.length; i++) {
      loadFile(list[i][0], list[i][1], list[i][2], function () { if (--left === 0) cb(); });
    }
  }

  function loadMeta(cb) {
    if (meta && new Date().getTime() - metaAt < tuning.metaRecheckMs) { cb(meta); return; }
    if (meta) delete done["meta:0"];  // asked again: has the site been rebuilt since?
    var at = epoch;
    loadFile("meta", 0, "meta.js", function (m) {
      if (at !== epoch) { loadMeta(cb); return; }  // everything was dropped meanwhile
      metaAt = new Date().getTime();
      if (m && (!meta || m.stamp !== meta.stamp)) useMeta(m);
      cb(meta);
    });
  }

  function useMeta(m) {
    if (meta) drop(m);  // rebuilt: nothing loaded from the previous build is used again
    meta = m;
    swapped = null;
    setFold(m.fold || "");
    setAlts(m.alts || "");
    synonyms = m.synonyms || [];
  }

  /** Forgets every file loaded or asked for (but `m`, the meta about to be used, if any) and
   *  the meta with them when there is no `m`. Loads under way are answered with nothing: the
   *  searches waiting on them see the epoch changed and start again. */
  function drop(m) {
    epoch++;
    var cbs = [];
    for (var key in waiting) if (Object.prototype.hasOwnProperty.call(waiting, key)) cbs = cbs.concat(waiting[key]);
    store = m ? { "meta:0": m } : {};
    done = m ? { "meta:0": true } : {};
    waiting = {};
    decoded = {};
    answered = {};
    sounds = null;
    stale = false;
    if (!m) { meta = null; metaAt = 0; swapped = null; }
    for (var i = 0; i < cbs.length; i++) cbs[i](null);
  }

  /** The kind of document `d` ("rule", "lesson" ...) from meta.spans, where each run of
   *  documents of one kind begins ([first document, kind], in document order); "" unknown. */
  function kindOf(d) {
    var sp = meta && meta.spans, lo = 0, hi = sp ? sp.length - 1 : -1, k = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sp[mid][0] <= d) { k = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return k < 0 ? "" : sp[k][1];
  }

  /** How many files a "hot" character's tokens are split into (meta.hot), 0 if it is not hot. */
  function hotParts(ch) {
    return meta && meta.hot && Object.prototype.hasOwnProperty.call(meta.hot, ch) ? meta.hot[ch] : 0;
  }

  /** The shard ids a token's postings can be in: `cp % shards`, or for a "hot" first
   *  character (meta.hot: char -> parts) "h<cp>-<second cp % parts>"; a one-character token
   *  used as a prefix needs every part of its hot character. */
  function shardIds(token) {
    var first = cpOf(token);
    var firstLen = first > 0xFFFF ? 2 : 1;
    var parts = hotParts(token.substr(0, firstLen));
    if (!parts) return [first % (meta.shards || 1)];
    if (token.length <= firstLen) {
      var all = [];
      for (var j = 0; j < parts; j++) all.push("h" + first + "-" + j);
      return all;
    }
    return ["h" + first + "-" + (cpOf(token.substr(firstLen)) % parts)];
  }
  function shardFile(id) { return (typeof id === "number" ? "s" + id : id) + ".js"; }

  // Postings are a string of variable-length integers over 93 symbols: printable ASCII but
  // `"` and `\`, in ASCII order (symbol 0 is the space). With `t` terminal symbols, the
  // others (t + digit) carry a digit in base 93 - t and "more follows"; little-endian.
  var SYM = [];
  for (var ai = 32, an = 0; ai < 127; ai++) if (ai !== 34 && ai !== 92) SYM[ai] = an++;
  var STEP_T = 64, POS_T = 85;

  /** Impact levels (one symbol each) to impacts: `meta.impact` to the power of the level. */
  var impacts = null;
  function impactOf(level) {
    if (!impacts) {
      impacts = [];
      var base = (meta && meta.impact) || 1.11;
      for (var l = 0; l < 64; l++) impacts.push(Math.pow(base, l));
    }
    return impacts[level] || 1;
  }

  /**
   * Decodes a postings string: per document the document step; one symbol, the impact level
   * (0-63) when the term has one position there, else 64 + count - 2 and then the level; the
   * positions, delta-encoded (docs/search-index.md).
   */
  function decodePostings(enc) {
    var out = [], i = 0, n = enc.length, d = 0;
    function next(t) {
      var v = 0, mul = 1, s;
      for (;;) {
        s = SYM[enc.charCodeAt(i++)];
        if (s === undefined) return -1;
        v += s * mul;
        if (s < t) return v;
        mul *= 93 - t;
      }
    }
    while (i < n) {
      var step = next(STEP_T);
      if (step < 0) break;
      d += step;
      var lv = SYM[enc.charCodeAt(i++)], cnt = 1;
      if (lv >= 64) {
        cnt = lv - 62;
        lv = SYM[enc.charCodeAt(i++)];
      }
      if (lv === undefined) break;
      var pos = [], p = 0;
      for (var k = 0; k < cnt; k++) {
        var x = next(POS_T);
        if (x < 0) return out;
        p += x;
        pos.push(p);
      }
      out.push({ doc: d, imp: impactOf(lv), pos: pos });
    }
    return out;
  }

  /** A one-character prefix term of a hot character: answered from `t<cp>.js`, the
   *  character's best documents (meta.top of them), not from every part of its tokens. */
  function hotTop(term) {
    if (!meta || !meta.top || !term.prefix || term.char) return 0;
    var cps = codePoints(term.text);
    if (cps.length !== 1 || !hotParts(cps[0])) return 0;
    return cpOf(term.text);
  }

  function topPostings(cp) {
    var memo = decoded["top:" + cp];
    if (memo) return memo;
    var enc = store["top:" + cp];
    var out = typeof enc === "string" ? decodePostings(enc) : [];
    decoded["top:" + cp] = out;
    return out;
  }

  /** A token's entry in its loaded shard: a postings string, or for a long list
   *  `[head, df, floorLevel, tailId, pieceStarts]` (docs/search-index.md, "Long lists"). */
  function shardEntry(token) {
    var ids = shardIds(token);
    // A whole token lives in exactly one shard (a one-character token in part 0 of a hot one).
    for (var si = 0; si < ids.length; si++) {
      var sh = store["shard:" + ids[si]];
      if (sh && Object.prototype.hasOwnProperty.call(sh, token)) return sh[token];
    }
    return null;
  }

  /** The tail piece holding a document's posting, if it has one: the last piece starting at or
   *  before it (-1: before the first piece, so in the head or nowhere). */
  function pieceOf(sp, doc) {
    var lo = 0, hi = sp.starts.length - 1, p = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sp.starts[mid] <= doc) { p = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return p;
  }
  function pieceId(sp, p) { return sp.id + "-" + p; }
  function pieceLoaded(sp, p) { return p < 0 || !!done["tail:" + pieceId(sp, p)]; }

  /** A token's postings: for a long list its head and the tail pieces loaded so far, with
   *  `df` (all its documents) and `split` ({df, floor, id, starts}). */
  function postings(token) {
    var enc = shardEntry(token);
    if (enc === null || enc === undefined) return [];
    var memo = decoded["$" + token];
    if (typeof enc === "string") {
      if (!memo) memo = decoded["$" + token] = decodePostings(enc);
      return memo;
    }
    var sp = { df: enc[1], floor: enc[2], id: enc[3], starts: enc[4] || [] };
    var pieces = [];
    for (var p = 0; p < sp.starts.length; p++) {
      var t = store["tail:" + pieceId(sp, p)];
      if (typeof t === "string") pieces.push(t);
    }
    if (memo && memo.pieces === pieces.length) return memo;
    var out = decodePostings(enc[0]);
    for (var k = 0; k < pieces.length; k++) out = out.concat(decodePostings(pieces[k]));
    if (pieces.length) out.sort(function (a, b) { return a.doc - b.doc; });
    out.df = sp.df;
    out.split = sp;
    out.pieces = pieces.length;
    decoded["$" + token] = out;
    return out;
  }

  function shardKeys(token) {
    var ids = shardIds(token), keys = [];
    for (var si = 0; si < ids.length; si++) {
      var shard = store["shard:" + ids[si]];
      if (!shard) continue;
      for (var k in shard) if (Object.prototype.hasOwnProperty.call(shard, k) && k.indexOf(token) === 0) keys.push(k);
    }
    return keys;
  }

  // ---------------------------------------------------------------------------------------
  // 6. Ranking

  function hasOffset(a, b, delta) {
    // a, b sorted ascending: is there x in a with x + delta in b?
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var want = a[i] + delta;
      if (b[j] === want) return true;
      if (b[j] < want) j++; else i++;
    }
    return false;
  }

  function unionSorted(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      var x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
      if (!out.length || out[out.length - 1] !== x) out.push(x);
    }
    return out;
  }

  function idf(df) {
    var n = (meta && meta.docs) || df;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  // Document number -> 1 + its index in the ranking being built (0: not found yet). Reused
  // from one ranking to the next (cleared after each): a large site has tens of thousands of
  // documents, and an object keyed by them was most of a ranking's time and garbage.
  var slots = null;
  var NONE = [];

  /** Scores every document matching at least one term, best first (the first MAX_RESOLVED
   *  with the `variants` they matched). Documents only a list not loaded whole holds are
   *  missing: `tails` when a long list's tail pieces are (they can be loaded), `topOnly` when
   *  a hot character's best documents stood for it. Shards must be loaded. */
  function rank(plan) {
    var terms = plan.terms, nt = terms.length;
    var list = [], tails = false, topOnly = false;
    var df = [];        // term index -> number of documents it matches
    var splits = [];    // term index -> [{sp, e}]: its long lists with postings not loaded
    if (!slots) slots = typeof Int32Array !== "undefined" ? new Int32Array((meta && meta.docs) || 1024) : [];
    for (var ti = 0; ti < nt; ti++) {
      var t = terms[ti];
      var keys;
      // A hot character on its own: one list (t<cp>.js) stands for all its tokens.
      var top = hotTop(t);
      if (top) {
        keys = [t.text];
      } else if (t.prefix || t.typing) {
        keys = shardKeys(t.text);
        if (!t.prefix) {
          // exact first (full weight), the completions at lower weight
          var k0 = keys.indexOf(t.text);
          if (k0 > 0) { keys.splice(k0, 1); keys.unshift(t.text); }
        }
      } else {
        keys = [t.text];
      }
      var matched = [], missing = 0;
      splits[ti] = [];
      for (var ki = 0; ki < keys.length; ki++) {
        var key = keys[ki];
        var w = t.weight;
        if (t.typing && key !== t.text) w = t.weight * W_TYPING;
        var ps = top ? topPostings(top) : postings(key);
        // (A hot character's best documents: as many as meta.top, there may be more.)
        if (top) { if (ps.length >= meta.top) topOnly = true; } else if (ps.split && ps.length < ps.df) tails = true;
        // A character on its own: the impacts of the tokens it begins, without their idf (the
        // field-weighted frequency part), times the character's idf (below).
        if (t.char) w = t.weight / idf(ps.df || ps.length);
        // A long list not loaded whole: what its unloaded postings could add (their impact
        // is at most the floor of its head), for tailsNeeded.
        if (ps.split) {
          missing += ps.df - ps.length;
          if (ps.length < ps.df) splits[ti].push({ sp: ps.split, e: impactOf(ps.split.floor) * w });
        }
        var variant = t.prefix ? t.text : key;
        for (var pi = 0; pi < ps.length; pi++) {
          var po = ps[pi], dn = po.doc;
          if (dn >= slots.length && slots.set) {
            var grown = new Int32Array(dn * 2 + 1);
            grown.set(slots);
            slots = grown;
          }
          var d;
          if (slots[dn]) d = list[slots[dn] - 1];
          else { d = { doc: dn, m: new Array(nt), tier: 0 }; list.push(d); slots[dn] = list.length; }
          var mt = d.m[ti];
          var c = po.imp * w;
          if (!mt) {
            // v: the key matched (the text to highlight), vs: any further ones (prefix terms).
            mt = d.m[ti] = { c: c, pos: t.char ? NONE : po.pos, v: t.char ? null : variant, vs: null };
            matched.push(mt);
          } else {
            if (c > mt.c) mt.c = c;
            if (t.char) continue;
            mt.pos = unionSorted(mt.pos, po.pos);
            if (mt.v !== variant && (!mt.vs || mt.vs.indexOf(variant) < 0)) (mt.vs = mt.vs || []).push(variant);
          }
        }
      }
      df[ti] = matched.length + missing;
      if (t.char) {
        var ci = idf(df[ti]);
        for (var mi = 0; mi < matched.length; mi++) matched[mi].c *= ci;
        for (var sj = 0; sj < splits[ti].length; sj++) splits[ti][sj].e *= ci;
      }
    }
    for (var li = 0; li < list.length; li++) slots[list[li].doc] = 0;
    var groups = {};
    var weightAll = 0, counted = {};
    for (ti = 0; ti < nt; ti++) {
      var tm = terms[ti];
      (groups[tm.group] = groups[tm.group] || []).push(ti);
      // Coverage: the query's distinct terms, each by its weight and idf.
      if (tm.group === 0 && !counted["$" + tm.text]) {
        counted["$" + tm.text] = true;
        // (A question word's terms are not what is asked: they do not count.)
        tm.cover = tm.ask ? 0 : tm.weight * idf(df[ti]);
        weightAll += tm.cover;
      }
    }
    // Each group (the query, then each synonym, in order) once for all documents: its terms,
    // each term's distinct text (a query may repeat a bigram: it counts once), its synonym set.
    var glist = [], setIndex = {}, sets = [];
    for (var gk in groups) {
      if (!groups.hasOwnProperty(gk)) continue;
      var idx = groups[gk], ids = [], seenId = {}, nid = 0;
      for (var x = 0; x < idx.length; x++) {
        var tt = terms[idx[x]];
        var id = tt.text + (tt.prefix ? "*" : "") + (tt.typing ? "~" : "");
        if (!seenId.hasOwnProperty(id)) seenId[id] = nid++;
        ids.push(seenId[id]);
      }
      var set = terms[idx[0]].set;
      if (gk !== "0" && !setIndex.hasOwnProperty(set)) { setIndex[set] = true; sets.push(set); }
      glist.push({ g: gk, idx: idx, ids: ids, nid: nid, set: set, trigger: terms[idx[0]].trigger || [] });
    }
    // Synonym sets in ascending order (as an object keyed by them would list them).
    sets.sort(function (p, q) { return p - q; });
    for (var si = 0; si < sets.length; si++) setIndex[sets[si]] = si;
    var best = [], order = [], setBest = [], setTrigger = [], stoodIn = [];
    var kept = [];
    for (li = 0; li < list.length; li++) {
      var dd = list[li], m = dd.m;
      // A synonym counts only where it occurs as a whole (all its terms, as one phrase):
      // its bigrams one by one ("投诉电话" -> 电话) would match unrelated text.
      if (tuning.synonymPhrase) {
        for (var gi = 0; gi < glist.length; gi++) {
          if (glist[gi].g === "0") continue;
          var gidx = glist[gi].idx;
          if (!phraseFound(m, terms, gidx)) for (var z = 0; z < gidx.length; z++) m[gidx[z]] = undefined;
        }
      }
      var any = false;
      dd.tier = 0;
      for (ti = 0; ti < nt; ti++) {
        if (!m[ti]) continue;
        any = true;
        if (lifts(terms[ti])) dd.tier = 1;
      }
      if (!any) continue;
      // Score of each group (the query, or one synonym): its terms (each distinct term once)
      // and the bonus of consecutive terms found adjacent.
      var query = 0;
      for (si = 0; si < sets.length; si++) setBest[si] = -1;
      for (gi = 0; gi < glist.length; gi++) {
        var G = glist[gi], gl = G.idx;
        var gs = 0, no = 0;
        for (x = 0; x < G.nid; x++) best[x] = -1;
        for (x = 0; x < gl.length; x++) {
          var mm = m[gl[x]];
          if (!mm) continue;
          var bi = G.ids[x];
          if (best[bi] < 0) { order[no++] = bi; best[bi] = mm.c; } else if (mm.c > best[bi]) best[bi] = mm.c;
        }
        for (x = 0; x < no; x++) gs += best[order[x]];
        for (x = 0; x + 1 < gl.length; x++) {
          if (!adjacent(terms[gl[x]], terms[gl[x + 1]])) continue;
          var a = m[gl[x]], b = m[gl[x + 1]];
          if (a && b && hasOffset(a.pos, b.pos, terms[gl[x + 1]].pos - terms[gl[x]].pos)) gs += tuning.pairBonus * Math.min(a.c, b.c);
        }
        if (G.g === "0" || !tuning.synonymSetMax) query += gs;
        else {
          // A synonym (already found as a whole phrase) counts as one term: its best impact.
          // The members of one synonym set are one concept: the best member counts.
          gs = 0;
          for (x = 0; x < gl.length; x++) if (m[gl[x]] && m[gl[x]].c > gs) gs = m[gl[x]].c;
          var sx = setIndex[G.set];
          if (setBest[sx] < 0 || gs > setBest[sx]) { setBest[sx] = gs; setTrigger[sx] = G.trigger; }
        }
      }
      var score = query;
      for (x = 0; x < nt; x++) stoodIn[x] = false;
      for (si = 0; si < sets.length; si++) {
        if (setBest[si] < 0) continue;
        // A synonym stands in for the words of the query it replaces: it adds only what it
        // scores beyond them (a document with the query's own words gains nothing more).
        var tr = setTrigger[si], own = 0;
        for (x = 0; x < tr.length; x++) {
          if (m[tr[x]]) own += m[tr[x]].c;
          if (setBest[si] > 0) stoodIn[tr[x]] = true;
        }
        score += Math.max(0, setBest[si] - own);
      }
      dd.raw = score;
      if (tuning.coveragePower && weightAll > 0) {
        var weightHit = 0;
        for (x = 0; x < nt; x++) if (terms[x].cover && (m[x] || stoodIn[x])) weightHit += terms[x].cover;
        score *= Math.pow(weightHit / weightAll, tuning.coveragePower);
        dd.hitW = weightHit;
      }
      dd.score = score;
      kept.push(dd);
    }
    kept.sort(byRank);
    // The matched texts to highlight, for the documents that will be shown.
    for (li = 0; li < kept.length && li < MAX_RESOLVED; li++) kept[li].variants = variantsOf(kept[li], terms);
    kept.tails = tails;
    kept.topOnly = topOnly;
    kept.splits = splits;
    kept.groups = groups;
    kept.weightAll = weightAll;
    return kept;
  }

  /** The texts a ranked document matched (to highlight), each once. A synonym's whole word,
   *  not the pair of it that matched: 赔不是 (for 道歉) marks itself, not every 不是, and
   *  我要投诉的 not each 投诉 of the page (where the word is not in the text, nothing). */
  function variantsOf(d, terms) {
    var variants = [], m = d.m;
    for (var ti = 0; ti < m.length; ti++) {
      if (!m[ti] || m[ti].v === null) continue;
      var whole = terms && terms[ti] && terms[ti].whole;
      var vs = whole ? [whole] : [m[ti].v].concat(m[ti].vs || []);
      for (var vi = 0; vi < vs.length; vi++) if (variants.indexOf(vs[vi]) < 0) variants.push(vs[vi]);
    }
    // A length of time found whole (10个工作日 for 十个工作日): its unit's pairs are not marked
    // apart as well, in 5个工作日 and 30个工作日 beside it (a card of limits would draw the eye
    // to the wrong ones).
    var lengths = [];
    for (var li = 0; li < variants.length; li++) if (/[0-9]个?(工作日|小时|天|分钟|周|星期|个月)/.test(variants[li])) lengths.push(variants[li]);
    if (!lengths.length) return variants;
    var kept = [];
    for (var ki = 0; ki < variants.length; ki++) {
      var inside = false;
      for (var lj = 0; lj < lengths.length && !inside; lj++) inside = lengths[lj] !== variants[ki] && lengths[lj].indexOf(variants[ki]) >= 0;
      if (!inside) kept.push(variants[ki]);
    }
    return kept;
  }

  /**
   * The tail pieces a ranking still needs to be exact: those holding postings of the best
   * documents (so their scores are complete), of any document that the unloaded postings could
   * lift above the last of the best (its score plus at most each missing term's floor impact and
   * its adjacency bonus), and, when even a document found by no loaded list could get there,
   * every piece. Most queries need none: a long list's head holds its best postings.
   * `pool` (default: all of `ranked`): the documents the best are of (one kind's, filtered).
   */
  function tailsNeeded(plan, ranked, pool) {
    var terms = plan.terms, splits = ranked.splits || [];
    pool = pool || ranked;
    // Each term's best floor impact among its lists not loaded whole (what it can add at most).
    var miss0 = {}, t0 = 0, some = false;
    for (var ti = 0; ti < splits.length; ti++) {
      var e0 = 0;
      for (var k0 = 0; splits[ti] && k0 < splits[ti].length; k0++) if (splits[ti][k0].e > e0) e0 = splits[ti][k0].e;
      if (!e0) continue;
      miss0[ti] = e0;
      some = true;
      if (lifts(terms[ti])) t0 = 1;
    }
    if (!some) return [];
    // The terms each term forms a consecutive pair with (the adjacency bonus).
    var nb = [];
    for (var g in ranked.groups) {
      if (!ranked.groups.hasOwnProperty(g)) continue;
      var gl = ranked.groups[g];
      for (var x = 0; x + 1 < gl.length; x++) {
        if (!adjacent(terms[gl[x]], terms[gl[x + 1]])) continue;
        (nb[gl[x]] = nb[gl[x]] || []).push(gl[x + 1]);
        (nb[gl[x + 1]] = nb[gl[x + 1]] || []).push(gl[x]);
      }
    }
    var all = ranked.weightAll || 0;
    /** At most the score of a document with this score (before coverage), this coverage
     *  weight, once the missing terms (term index -> best floor impact) are added. */
    function bound(raw, hitW, miss, has) {
      var extra = 0, cover = hitW;
      for (var t in miss) {
        if (!miss.hasOwnProperty(t)) continue;
        var e = miss[t], tm = terms[t];
        if (!has(t)) cover += tm.cover || 0;
        // A character term counts its best key once: it can only rise to e.
        if (tm.char) { extra += Math.max(0, e - (has(t) ? has(t).c : 0)); continue; }
        extra += e;
        // A pair bonus needs the neighbour in the document, found or still missing.
        var ns = nb[t] || [];
        for (var k = 0; k < ns.length; k++) if (has(ns[k]) || miss.hasOwnProperty(ns[k])) extra += tuning.pairBonus * e;
      }
      var u = raw + extra;
      if (tuning.coveragePower && all > 0) u *= Math.pow(Math.min(1, cover / all), tuning.coveragePower);
      return u;
    }
    var kth = pool.length >= MAX_RESOLVED ? pool[MAX_RESOLVED - 1] : null;
    function beats(tier, u) { return !kth || tier > kth.tier || (tier === kth.tier && u > kth.score * 1.0001); }
    var want = [], seen = {};
    function add(sp, p) {
      if (pieceLoaded(sp, p)) return;
      var id = pieceId(sp, p);
      if (!seen[id]) { seen[id] = true; want.push(["tail", id, id + ".js"]); }
    }
    // What any document could gain at most (every missing term, every pair, full coverage):
    // below the best, a document whose score plus this cannot pass the last of them is skipped
    // without looking up its pieces.
    var most = 0;
    for (var tm in miss0) {
      if (miss0.hasOwnProperty(tm)) most += terms[tm].char ? miss0[tm] : miss0[tm] * (1 + tuning.pairBonus * (nb[tm] || []).length);
    }
    for (var i = 0; i < pool.length; i++) {
      if (i >= MAX_RESOLVED && !beats(1, pool[i].raw + most)) continue;
      var dd = pool[i], tier = dd.tier, miss = {}, pieces = [], found = false;
      for (ti = 0; ti < splits.length; ti++) {
        var sl = splits[ti], best = 0;
        if (!sl || !sl.length) continue;
        // A one-key term already found in the document is complete there (head and tail never
        // share a document); a prefix term may still match another key in a tail.
        if (!terms[ti].prefix && !terms[ti].typing && dd.m[ti]) continue;
        for (var k = 0; k < sl.length; k++) {
          var p = pieceOf(sl[k].sp, dd.doc);
          if (pieceLoaded(sl[k].sp, p)) continue;
          pieces.push([sl[k].sp, p]);
          if (sl[k].e > best) best = sl[k].e;
        }
        if (!best) continue;
        miss[ti] = best;
        found = true;
        if (lifts(terms[ti])) tier = 1;
      }
      if (!found) continue;
      var m = dd.m, u = bound(dd.raw, dd.hitW || 0, miss, function (t) { return m[t]; });
      // Among the best: when its score could still rise (their order); below: when it could
      // rise above the last of the best.
      var gain = tier > dd.tier || u > dd.score * 1.000001;
      if (gain && (i < MAX_RESOLVED || beats(tier, u))) {
        for (var pi = 0; pi < pieces.length; pi++) add(pieces[pi][0], pieces[pi][1]);
      }
    }
    // A document that no loaded list holds: at most every missing term at its floor.
    if (beats(t0, bound(0, 0, miss0, function () { return null; }))) {
      for (ti = 0; ti < splits.length; ti++) {
        for (k = 0; splits[ti] && k < splits[ti].length; k++) {
          for (var q = 0; q < splits[ti][k].sp.starts.length; q++) add(splits[ti][k].sp, q);
        }
      }
    }
    return want;
  }

  /** Whether matching term `t` puts a document in the first tier: a pair or word of the query,
   *  not one character (a prefix or character term) nor a question word's (`ask`). */
  function lifts(t) { return !t.prefix && !t.char && !t.ask; }

  /** Whether two consecutive terms found adjacent earn the pair bonus: not a character term
   *  (ranking only, no positions) nor a question word's. */
  function adjacent(a, b) { return !a.char && !b.char && !a.ask && !b.ask; }

  function byRank(p, q) { return (q.tier - p.tier) || (q.score - p.score) || (p.doc - q.doc); }

  /** Are all the terms `idx` (indices into terms) matched in order, as one contiguous phrase? */
  function phraseFound(m, terms, idx) {
    for (var i = 0; i < idx.length; i++) if (!m[idx[i]]) return false;
    if (idx.length < 2) return true;
    var first = m[idx[0]], q0 = terms[idx[0]].pos;
    for (var f = 0; f < first.pos.length; f++) {
      var anchor = first.pos[f] - q0, ok = true;
      for (var x = 1; x < idx.length && ok; x++) ok = sortedHas(m[idx[x]].pos, anchor + terms[idx[x]].pos);
      if (ok) return true;
    }
    return false;
  }

  function sortedHas(a, v) {
    var lo = 0, hi = a.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (a[mid] === v) return true;
      if (a[mid] < v) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  // The best documents whose rows are loaded, ordered and shown (a row file holds 8
  // documents: on a large site each resolved document may cost a file).
  var MAX_RESOLVED = 30;


  function pageOf(href) { return String(href).split("#")[0]; }

  /** The letters and CJK characters of a string (spaces and punctuation dropped). */
  function compact(text) {
    var cs = codePoints(text), out = "";
    for (var i = 0; i < cs.length; i++) {
      var c = classOf(cs[i]);
      if (c === WORD || c === CJK) out += cs[i];
    }
    return out;
  }

  /** Does the query (normalised, compacted) name this hit: is it the hit's whole title or
   *  heading, the title of a rule without its id, or a synonym of a glossary term? */
  function named(hit, qn) {
    if (!qn) return false;
    var title = compact(normalise(hit.title));
    if (qn === title || qn === compact(normalise(hit.heading || ""))) return true;
    if (hit.kind === "rule") return qn === compact(normalise(hit.title).replace(/^\S+\s+/, ""));
    if (hit.kind === "glossary") {
      for (var g = 0; g < synonyms.length; g++) {
        if (compact(synonyms[g][0]) !== title) continue;
        for (var k = 1; k < synonyms[g].length; k++) if (compact(synonyms[g][k]) === qn) return true;
      }
    }
    return false;
  }

  /** The share of the query a heading holds: the idf-weighted `cover` (set by rank) of the
   *  query's own distinct terms found among the heading's tokens (a one-character term as a
   *  token's first character), over all of them. Character terms (ranking only) do not count:
   *  one character shared says little about what a section is about. */
  function headingShare(heading, plan) {
    if (!heading) return 0;
    var toks = tokensOf(normalise(heading)).tokens, whole = {}, first = {};
    for (var i = 0; i < toks.length; i++) {
      whole["$" + toks[i].text] = true;
      first["$" + codePoints(toks[i].text)[0]] = true;
    }
    var got = 0, all = 0, seen = {};
    for (var t = 0; t < plan.terms.length; t++) {
      var tm = plan.terms[t];
      if (tm.group !== 0 || tm.char || !tm.cover || seen["$" + tm.text]) continue;
      seen["$" + tm.text] = true;
      all += tm.cover;
      if ((tm.prefix ? first : whole)["$" + tm.text]) got += tm.cover;
    }
    return all ? got / all : 0;
  }

  /** Final order of the resolved hits: a prior by kind (or the `named` factor when the query
   *  names the hit), a lesson page's top damped when one of its sections is a hit too
   *  (tuning.topDamp) and, among several sections of one page, each further section counts
   *  less (sections of a page share its title, so they would otherwise crowd the list).
   *  Hits within tuning.tieBand of the best are a near tie: the heading that holds more of the
   *  query leads, then (within tuning.tieOrder) the earlier document, so the order of such
   *  hits does not follow the rounding of their impacts. */
  function diversify(hits, plan) {
    var left = hits.slice(), out = [], seen = {};
    var qn = compact(plan.norm);
    for (var i = 0; i < left.length; i++) {
      var h = left[i];
      var prior = tuning.kindPrior[h.kind] || 1;
      h.base = h.score * (named(h, qn) ? (h.kind === "glossary" ? tuning.namedGlossary : Math.max(tuning.named, prior)) : prior);
      h.page = pageOf(h.href);
    }
    if (tuning.topDamp !== 1) {
      var hasSection = {};
      for (i = 0; i < left.length; i++) if (left[i].href.indexOf("#") >= 0) hasSection[left[i].page] = true;
      for (i = 0; i < left.length; i++) {
        h = left[i];
        if ((h.kind === "lesson" || h.kind === "trainer") && h.href.indexOf("#") < 0 && hasSection[h.page] && !named(h, qn)) h.base *= tuning.topDamp;
      }
    }
    if (tuning.tieBand) for (i = 0; i < left.length; i++) left[i].inHeading = headingShare(left[i].heading, plan);
    while (left.length) {
      var bi = 0, bs = -1;
      for (var j = 0; j < left.length; j++) {
        var adj = left[j].adj = left[j].base * Math.pow(tuning.pageDamp, seen[left[j].page] || 0);
        var better = bs < 0 || left[j].tier > left[bi].tier || (left[j].tier === left[bi].tier && adj > bs);
        if (better) { bi = j; bs = adj; }
      }
      // A near tie with the best (same tier, within tuning.tieBand) goes to the heading that
      // holds more of the query, then to the earlier document if the scores are within
      // tuning.tieOrder, else to the higher score.
      var lead = left[bi];
      for (j = 0; tuning.tieBand && j < left.length; j++) {
        var c = left[j], b = left[bi];
        if (j === bi || c.tier !== lead.tier || c.adj * (1 + tuning.tieBand) < lead.adj) continue;
        if (c.inHeading !== b.inHeading) {
          if (c.inHeading > b.inHeading) bi = j;
        } else if (Math.abs(c.adj - b.adj) <= tuning.tieOrder * Math.max(c.adj, b.adj)) {
          if (c.doc < b.doc) bi = j;
        } else if (c.adj > b.adj) bi = j;
      }
      var pick = left.splice(bi, 1)[0];
      pick.rank = pick.adj;
      seen[pick.page] = (seen[pick.page] || 0) + 1;
      out.push(pick);
    }
    return deepen(topWhenNamed(out, qn), qn);
  }

  /** A query a lesson's title holds (常见错误 in 处理不满的常见错误与正确做法) finds each of its
   *  sections by the title they share, and the section listed first is then the one whose
   *  text says it once more -- often a closing 延伸 or 下一步 that points elsewhere. The
   *  reader typed the page's name: its top (its opening, from which the page is read) takes
   *  that place, and the section the top's, unless that section's heading holds the query
   *  too (利害关系人回避 for 回避), or it is the page's first (just under its top: the page is
   *  read from there anyway, and its heading says where the reader is). As a rule card keeps
   *  its top for a query its title holds. */
  function topWhenNamed(out, qn) {
    if (!qn) return out;
    var first = {};
    for (var i = 0; i < out.length; i++) {
      var h = out[i];
      if (h.kind !== "lesson" && h.kind !== "trainer") continue;
      if (first[h.page]) continue;
      first[h.page] = true;
      if (h.href.indexOf("#") < 0 || !holds(compact(normalise(h.title)), qn)) continue;
      if (holds(compact(normalise(h.heading || "")), qn)) continue;
      for (var j = i + 1; j < out.length; j++) {
        var top = out[j];
        if (top.page !== h.page || top.href.indexOf("#") >= 0) continue;
        // (A page's documents are numbered in order, its top first.)
        if (top.tier !== h.tier || h.doc === top.doc + 1) break;
        out[i] = top;
        out[j] = h;
        var r = top.rank;
        top.rank = h.rank;
        h.rank = r;
        break;
      }
    }
    return out;
  }

  /** A rule card's own document (its summary) is found by any query its fields answer, and
   *  outranks them: 3个工作日 is in TS-PROC-003's summary and in its 时限 field. When one of
   *  the card's fields holds the whole query, the card's hit links to that field instead (the
   *  best-ranked such field, which is then not listed again), with the field's text as its
   *  excerpt: the hit deep-links to the field it matched. A query that is a length of time
   *  (10个工作日, 24小时) goes to the card's time-limit field when that holds it (the steps
   *  often repeat a limit). A query the card's title holds (its id, its name) keeps the
   *  card's top. */
  var LIMIT_FIELD = "时限";  // the heading src/search/index.rs gives a rule's time limits
  var DURATION = /^\d+(\.\d+)?个?(工作日|日|天|小时|分钟|周|月|年)内?$/;
  function holds(text, qn) {
    // (A number is whole: 3个工作日 is not in 13个工作日.)
    var digit = /\d/, from = 0, at;
    while ((at = text.indexOf(qn, from)) >= 0) {
      from = at + 1;
      if (digit.test(qn.charAt(0)) && digit.test(text.charAt(at - 1))) continue;
      if (digit.test(qn.charAt(qn.length - 1)) && digit.test(text.charAt(at + qn.length))) continue;
      return true;
    }
    return false;
  }
  function deepen(out, qn) {
    if (!qn) return out;
    // (三个工作日 as the handbook writes it, 3个工作日.)
    qn = digitForm(qn);
    var duration = DURATION.test(qn);
    for (var i = 0; i < out.length; i++) {
      var h = out[i];
      if (h.kind !== "rule" || h.href.indexOf("#") >= 0) continue;
      if (compact(normalise(h.title)).indexOf(qn) >= 0) continue;
      var pick = -1;
      for (var j = i + 1; j < out.length; j++) {
        var f = out[j];
        if (f.page !== h.page || f.tier < h.tier) continue;
        if (!holds(compact(normalise(f.heading + " " + f.text)), qn)) continue;
        if (pick < 0) pick = j;
        if (!duration || f.heading === LIMIT_FIELD) { pick = j; break; }
      }
      if (pick < 0) continue;
      var field = out.splice(pick, 1)[0];
      h.href = field.href;
      h.heading = field.heading;
      h.text = field.text;
      h.rest = field.rest;
      h.variants = field.variants;
    }
    return out;
  }

  var answered = {};  // normalised query -> true once answered

  /** search(query, cb): cb({query, plan, hits: [{doc, score, href, kind, title, heading, text,
   *  variants, rest}], total, complete, rests, kind, counts, within, exact, tails, cut, error}).
   *  Loads meta, the shards, the tail pieces and the document chunks it needs, then the rests
   *  of long texts whose match may lie past
   *  their rows (`rests` of them: a hit's `text` is then whole; `rest` is the document whose
   *  x{doc}.js it is, or -1); `complete` is false when the tail budget cut the ranking short.
   *  `total` counts the documents matched in what was loaded: on a large site, where a long
   *  list's tail loads only when it could change the first results, it is a lower bound.
   *  `wanted` (optional): asked before each step that costs time (loading the next files,
   *  ranking, reading the results); once it says false the search stops and never answers --
   *  search-as-you-type gives up a query the next key replaced instead of ranking it and
   *  loading its documents, on a slow computer the jank between keys.
   *  `kind` (optional: "rule" ...): the hits are the best of that kind's matches (a filter),
   *  however far after the best 30 of all they rank; the same scores, cut per kind.
   *  `counts`: the documents matched by kind, `within`: by kind among the best 30 of all (a
   *  kind with as many has all its hits in the answer); `exact` false when a list was not
   *  loaded whole (then `total` and `counts` are at least that), `tails` when that is a long
   *  list's tail, which a kind's own answer may load; `cut`: more matched (of the kind) than
   *  are resolved. */
  function search(query, cb, retry, wanted, kind) {
    // A file of another build came in since the meta was read: the site was published again.
    if (stale) drop(null);
    var at = epoch;
    var gone = typeof wanted === "function" ? function () { return !wanted(); } : function () { return false; };
    // Whether this answer has to start again: a file of another build came in (read meta.js
    // again and answer again, once; never an answer decoded with the wrong meta), or another
    // search dropped what was loaded. (A new meta this search read itself is no reason.)
    function restart() {
      if (!stale && at === epoch) return false;
      if (retry) cb({ query: query, plan: null, hits: [], total: 0, error: "stale" });
      else search(query, cb, true, wanted, kind);
      return true;
    }
    var errorsAt = loadErrors;
    loadMeta(function (m) {
      at = epoch;
      if (restart() || gone()) return;
      if (!m) { cb({ query: query, plan: null, hits: [], total: 0, error: loadErrors > errorsAt ? "unloaded" : "noindex" }); return; }
      var plan = planQuery(query);
      if (!plan.terms.length) { cb({ query: query, plan: plan, hits: [], total: 0 }); return; }
      var need = [], seen = {}, tokens = [];
      for (var i = 0; i < plan.terms.length; i++) {
        var top = hotTop(plan.terms[i]);
        if (top) {
          if (!seen["t" + top]) { seen["t" + top] = true; need.push(["top", top, "t" + top + ".js"]); }
          continue;
        }
        tokens.push(plan.terms[i].text);
      }
      need = need.concat(filesOf(tokens));
      // A query asked again (search-as-you-type repeats it) loads no more pieces and does not
      // look for them again: its first answer said whether it was complete. (A kind's best
      // is asked on its own: it may need pieces the best of all did not.)
      var asked = kind ? plan.norm + "\n" + kind : plan.norm;
      var again = Object.prototype.hasOwnProperty.call(answered, asked);
      var pieces = 0, budget = again ? 0 : tuning.maxPieces;
      if (!again) answered[asked] = false;
      // Given up before its answer: the query is not "answered" (asked again, it looks for
      // the pieces it needs).
      function abandon() {
        if (!again && answered[asked] === false) delete answered[asked];
      }
      loadAll(need, function settle() {
        if (restart()) return;
        if (gone()) { abandon(); return; }
        var ranked = rank(plan);
        // Every match's kind (meta.spans, no rows needed): how many of each, and the pool a
        // filter takes its best from.
        var counts = {}, within = {}, pool = kind ? [] : ranked;
        for (var rk = 0; rk < ranked.length; rk++) {
          var kd = kindOf(ranked[rk].doc);
          counts[kd] = (counts[kd] || 0) + 1;
          if (rk < MAX_RESOLVED) within[kd] = (within[kd] || 0) + 1;
          if (kind && kd === kind) pool.push(ranked[rk]);
        }
        // Long lists: load the tail pieces the ranking needs, within a budget; beyond it the
        // answer is ranked on what is loaded (`complete` false).
        var want = again ? [] : tailsNeeded(plan, ranked, pool);
        if (want.length && pieces < budget) {
          want = want.slice(0, budget - pieces);
          pieces += want.length;
          loadAll(want, settle);
          return;
        }
        var complete = again ? answered[asked] : !want.length;
        answered[asked] = complete;
        var top = pool.slice(0, MAX_RESOLVED);
        var chunk = m.chunk || 32;
        /** The files holding the rows of documents `list` (each once). */
        function rowFiles(list) {
          var files = [], seenc = {};
          for (var j = 0; j < list.length; j++) {
            var k = Math.floor(list[j].doc / chunk);
            if (!seenc[k]) { seenc[k] = true; files.push(["docs", k, "d" + k + ".js"]); }
          }
          return files;
        }
        /** The hits of documents `list`, in the final order (see diversify). */
        function hitsOf(list) {
          var hits = [];
          for (var h = 0; h < list.length; h++) {
            var r = list[h];
            var c = store["docs:" + Math.floor(r.doc / chunk)];
            var row = c && c[r.doc - Math.floor(r.doc / chunk) * chunk];
            if (!row) continue;
            // rest: the document whose text goes on in x{doc}.js (deepen may give a card's
            // hit the text of its field, and with it the field's rest).
            // (Past the best 30 of all, a kind's best get their variants here.)
            if (!r.variants) r.variants = variantsOf(r, plan.terms);
            hits.push({ doc: r.doc, score: r.score, tier: r.tier, href: row[0], kind: row[1], title: row[2], heading: row[3], text: row[4], variants: r.variants, rest: row[5] === 1 ? r.doc : -1 });
          }
          return diversify(hits, plan);
        }
        // Documents past the best 30: a list that is cut and had a rule card's field made one
        // with its card (deepen) is filled up to 30 from them, so that a list said to show the
        // best 30 shows 30.
        var spare = [], filled = false;
        loadAll(rowFiles(top), function rows() {
          if (restart() || gone()) return;
          var hits = hitsOf(top);
          if (!filled && hits.length < MAX_RESOLVED && pool.length > top.length) {
            filled = true;
            spare = pool.slice(top.length, top.length + 2 * (MAX_RESOLVED - hits.length));
            loadAll(rowFiles(spare), rows);
            return;
          }
          // (The spare documents in their own order after the best 30's, a card among these
          // taking in its field from among them.)
          var joined = spare.length ? deepen(hits.concat(hitsOf(spare)), compact(plan.norm)) : hits;
          var cut = pool.length > top.length + spare.length || joined.length > MAX_RESOLVED;
          hits = joined.slice(0, MAX_RESOLVED);
          // A long text's match may lie beyond what its row holds (a late row of a long
          // table): its rest is loaded, so that the excerpt shows the part that matched.
          var rests = [], wantRest = {};
          for (var h = 0; h < hits.length; h++) {
            var hr = hits[h].rest;
            if (typeof hr !== "number" || hr < 0 || wantRest[hr] || !restWanted(hits[h])) continue;
            wantRest[hr] = true;
            rests.push(["more", hr, "x" + hr + ".js"]);
          }
          loadAll(rests, function () {
            if (rests.length && (restart() || gone())) return;
            for (var x = 0; x < hits.length; x++) {
              var more = wantRest[hits[x].rest] && store["more:" + hits[x].rest];
              if (typeof more === "string") hits[x].text += more;
            }
            // (A file that did not load: the answer is not kept as the query's, and says so.)
            var unloaded = loadErrors > errorsAt;
            if (unloaded) delete answered[asked];
            cb({ query: query, plan: plan, hits: hits, total: ranked.length, complete: complete, pieces: pieces, rests: rests.length,
              kind: kind || "all", counts: counts, within: within, exact: !ranked.tails && !ranked.topOnly, tails: ranked.tails,
              cut: cut, unloaded: unloaded });
          });
        });
      });
    });
  }

  // ---------------------------------------------------------------------------------------
  // 你是不是要找: a worker typing with a pinyin input method picks the wrong character of the
  // right sound (投塑 for 投诉). A query holding a pair of characters the book never has gets
  // the book's characters of the same sound tried in its place (search/pinyin.js: every
  // character's sound, and the book's characters of each, most used first); the query is
  // offered when then every pair of it is in the book (docs/search-index.md, "Suggestions").
  // A question in everyday words has pairs no page has besides the slip (手问负责是不是啥事都得
  // 我一个人办完): then each slip that mends into four characters or more standing, as written,
  // in two pages or more is mended, the everyday words are left as typed.

  var SUGGEST_FILES = 6;    // index files a suggestion may load to check its pairs
  var SUGGEST_MISSING = 2;  // pairs missing from the book a query may have and be mended
  var SUGGEST_LOOSE = 8;    // ... and have, with only the slips among them mended
  var sounds = null;

  function soundOf(ch) {
    var cp = cpOf(ch), i = (cp - sounds.first) * 2;
    if (cp < sounds.first || i + 1 >= sounds.cjk.length) return -1;
    return SYM[sounds.cjk.charCodeAt(i)] * 93 + SYM[sounds.cjk.charCodeAt(i + 1)] - 1;
  }
  function inBook(token) {
    var e = shardEntry(token);
    return e !== null && e !== undefined;
  }
  /** The book's rule id (meta.ids) nearest `query` when the query is an id typed with a slip
   *  -- a letter or digit wrong, missing, added, or two swapped (TS-PORC-002): one edit in an
   *  id of up to 7 letters and digits, two in a longer one; null when none is that near, or
   *  two are. */
  function nearId(query) {
    var ids = (meta && meta.ids) || [];
    var bare = function (s) { return normalise(s).replace(/[\s\-_.\/]+/g, ""); };
    var q = bare(query);
    if (!/^[a-z]+[0-9]+$/.test(q) || q.length < 4) return null;
    // (Also with the number's leading zeros left out: tsporc2 for TS-PROC-002.)
    var loose = function (s) { return s.replace(/0+([0-9])/, "$1"); };
    var best = null, bestD = 99, tie = false;
    for (var i = 0; i < ids.length; i++) {
      var id = bare(ids[i]), d = Math.min(editDistance(q, id), editDistance(loose(q), loose(id)));
      if (d < bestD) { best = ids[i]; bestD = d; tie = false; } else if (d === bestD) tie = true;
    }
    return best && !tie && bestD > 0 && bestD <= (q.length > 7 ? 2 : 1) ? best : null;
  }
  /** Edits (a character changed, left out, put in, or two side by side swapped) from a to b. */
  function editDistance(a, b) {
    var prev2 = [], prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /** The shard files holding `tokens`, each once. */
  function filesOf(tokens) {
    var need = [], seen = {};
    for (var i = 0; i < tokens.length; i++) {
      var ids = shardIds(tokens[i]);
      for (var k = 0; k < ids.length; k++) {
        if (seen["$" + ids[k]]) continue;
        seen["$" + ids[k]] = true;
        need.push(["shard", ids[k], shardFile(ids[k])]);
      }
    }
    return need;
  }

  /** suggest(query, cb, wanted): cb({query, from}) with the mended query, or cb(null) (also
   *  as soon as `wanted`, if given, says false: the query was replaced meanwhile). */
  function suggest(query, cb, wanted, none) {
    var gone = typeof wanted === "function" ? function () { return !wanted(); } : function () { return false; };
    loadMeta(function (m) {
      if (!m || stale || gone()) { cb(null); return; }
      // A rule id typed with a slip (TS-PORC-002) that found nothing: the book's nearest id.
      var near = none ? nearId(query) : null;
      if (near) { cb({ query: near }); return; }
      if (!m.pinyin) { cb(null); return; }
      var at = epoch;
      var chars = codePoints(normalise(query));
      if (chars.length > 32) { cb(null); return; }
      // Pinyin typed with the input method switched off (tingdian, dian fei): read as the
      // book's words of those sounds.
      var latin = normalise(query).toLowerCase();
      if (/^[a-z' ]+$/.test(latin) && latin.replace(/[' ]/g, "").length >= 4) { fromPinyin(latin, query, at, cb, gone); return; }
      var cjk = [], pairs = [], i;
      for (i = 0; i < chars.length; i++) cjk.push(classOf(chars[i]) === CJK);
      for (i = 0; i + 1 < chars.length; i++) if (cjk[i] && cjk[i + 1]) pairs.push(i);
      var tokens = [];
      for (i = 0; i < pairs.length; i++) tokens.push(chars[pairs[i]] + chars[pairs[i] + 1]);
      // A filler put into a word (六个步骤) makes pairs no page has (六个, 个步) where the word
      // without it is in the book (六步): those pairs are not a mistyped character.
      var closed = closeUps(chars.join(""), []);
      var around = [];
      for (i = 0; i < closed.length; i++) around.push(closed[i].key);
      // A pair with a character of another form (答覆) is no slip when the book has it in
      // that form (答复).
      var other = altPairs(chars.join(""));
      for (i = 0; i < other.length; i++) around.push(other[i][1]);
      loadAll(filesOf(tokens.concat(around)), function () {
        if (stale || at !== epoch || gone()) { cb(null); return; }  // another build's files: no suggestion
        var said = {};
        // Nor a pair with a numeral of a length of time (十个 of 十个工作日): the handbook
        // writes it with digits, which the query is searched with too.
        var spans = numerals(chars.join(""));
        for (var n = 0; n < spans.length; n++) {
          var from = codePoints(chars.join("").slice(0, spans[n][2])).length;
          for (var p = from - 1; p < from + spans[n][3]; p++) said[p] = true;
        }
        for (var o = 0; o < other.length; o++) if (inBook(other[o][1])) said[other[o][2]] = true;
        for (var c = 0; c < closed.length; c++) {
          if (!inBook(closed[c].key)) continue;
          for (var f = 0; f < closed[c].at.length; f++) said[closed[c].at[f] - 1] = said[closed[c].at[f]] = true;
        }
        // Nor a pair the book lacks with a function character in it (是啥), or ending in 第
        // before a number after a word of the book (程第 of 流程第6步): a word's end. (Not any
        // character before a number: 停店3天 is 停电3天 mistyped.)
        for (var e = 0; e < pairs.length; e++) {
          var at0 = pairs[e];
          if (isFunction(tokens[e])) said[at0] = true;
          else if (chars[at0 + 1] === "第" && /[0-9]/.test(chars[at0 + 2] || "") && at0 > 0 && cjk[at0 - 1] && inBook(chars[at0 - 1] + chars[at0])) said[at0] = true;
        }
        var missing = [];
        for (var k = 0; k < pairs.length; k++) if (!inBook(tokens[k]) && !said[pairs[k]]) missing.push(pairs[k]);
        if (!missing.length || missing.length > SUGGEST_LOOSE) { cb(null); return; }
        loadFile("pinyin", 0, "pinyin.js", function (t) {
          if (!t || !t.cjk || stale || at !== epoch || gone()) { cb(null); return; }
          sounds = t;
          // With the most common readings, then (the files they loaded kept) with all, when
          // the book has characters of several readings.
          if (t.several === undefined) t.several = !!t.more || (t.book || []).join("").indexOf("|") >= 0;
          var rounds = function (loose, then) {
            mend(chars, cjk, pairs, missing, 0, loose, function (s) {
              // (Loose: the most common readings only; 跳闸 is no slip for 调查.)
              if (s || loose || !t.several || stale || at !== epoch || gone()) then(s);
              else mend(chars, cjk, pairs, missing, 1, loose, then, query);
            }, query);
          };
          // The whole query mended first; else (an everyday question) its slips only.
          if (missing.length > SUGGEST_MISSING) rounds(true, cb);
          else rounds(false, function (s) {
            if (s || stale || at !== epoch || gone()) cb(s);
            else rounds(true, cb);
          });
        });
      });
    });
  }

  var PINYIN_MAX = 8;   // syllables a query typed in pinyin may have to be read as Chinese
  var PINYIN_EACH = 6;  // the book's commonest characters of a syllable tried for it
  // ... and of those whose other reading it is (多音字: 重 is zhong, and chong of 重复), at a
  // cost, so that their pair wins only where the book has it much more (chongfu read as 充复
  // of 补充复杂, not 重复: agent review).
  var PINYIN_OTHER = 3, OTHER_COST = 1;

  /** `word` (letters) cut into syllables of the sound table, as few as may be (xian is one,
   *  not xi an), or null when it is no pinyin. */
  function syllablesOf(word) {
    if (!sounds.sylAt) {
      sounds.sylAt = {};
      for (var k = 0; k < sounds.syl.length; k++) sounds.sylAt["$" + sounds.syl[k]] = k;
    }
    var n = word.length, best = [0], from = [], i, len;
    for (i = 1; i <= n; i++) {
      best[i] = Infinity;
      for (len = 1; len <= 6 && len <= i; len++) {
        var s = sounds.sylAt["$" + word.slice(i - len, i)];
        if (s !== undefined && best[i - len] + 1 < best[i]) { best[i] = best[i - len] + 1; from[i] = [i - len, s]; }
      }
    }
    if (best[n] === Infinity) return null;
    var out = [];
    for (i = n; i > 0; i = from[i][0]) out.unshift(from[i][1]);
    return out;
  }

  /** A query typed in pinyin (`latin`: letters, spaces, apostrophes) as the book's characters of
   *  those sounds, the commonest of each whose pairs the book has most (停电 for tingdian):
   *  cb({query, from}) or cb(null); not when the words typed are in the book as they are. */
  function fromPinyin(latin, query, at, cb, gone) {
    var words = latin.split(/[' ]+/), i, k;
    var typed = [];
    for (i = 0; i < words.length; i++) if (words[i]) typed.push(words[i]);
    loadAll(filesOf(typed), function () {
      if (stale || at !== epoch || gone()) { cb(null); return; }
      for (i = 0; i < typed.length; i++) if (inBook(typed[i])) { cb(null); return; }
      loadFile("pinyin", 0, "pinyin.js", function (t) {
        if (!t || !t.cjk || !t.syl || stale || at !== epoch || gone()) { cb(null); return; }
        sounds = t;
        // The syllables, and where a word typed apart begins (no pair needed across).
        var syl = [], starts = {};
        for (i = 0; i < typed.length; i++) {
          var cut = syllablesOf(typed[i]);
          if (!cut) { cb(null); return; }
          starts[syl.length] = true;
          syl = syl.concat(cut);
        }
        if (syl.length < 2 || syl.length > PINYIN_MAX) { cb(null); return; }
        var cands = [], firsts = [];
        for (i = 0; i < syl.length; i++) {
          var list = t.book[syl[i]] || "", bar = list.indexOf("|");
          var cs = codePoints(bar < 0 ? list : list.slice(0, bar)).slice(0, PINYIN_EACH);
          firsts.push(cs.length);
          if (bar >= 0) cs = cs.concat(codePoints(list.slice(bar + 1)).slice(0, PINYIN_OTHER));
          if (!cs.length) { cb(null); return; }
          cands.push(cs);
        }
        var cost = function (i, c) { return c * 1e-3 + (c >= firsts[i] ? OTHER_COST : 0); };
        var pairs = [];
        for (i = 0; i + 1 < cands.length; i++) {
          for (var a = 0; a < cands[i].length; a++) for (var b = 0; b < cands[i + 1].length; b++) pairs.push(cands[i][a] + cands[i + 1][b]);
        }
        loadAll(filesOf(pairs), function () {
          if (stale || at !== epoch || gone()) { cb(null); return; }
          // The best reading up to each syllable ending in each of its characters: pairs of
          // the book count by how many documents hold them; a pair the book lacks ends the
          // reading, except across words typed apart. (The commoner character wins a tie.)
          // `others`: with the characters of which a syllable is another reading; without,
          // the commonest of the syllable only.
          function reading(others) {
            var usable = function (i, c) { return others || c < firsts[i]; };
            var prev = [];
            for (k = 0; k < cands[0].length; k++) prev.push(usable(0, k) ? { score: -cost(0, k), text: cands[0][k], pairs: 0 } : null);
            for (i = 1; i < cands.length; i++) {
              var next = [];
              for (var c = 0; c < cands[i].length; c++) {
                var best = null;
                for (var p = 0; p < prev.length && usable(i, c); p++) {
                  if (!prev[p]) continue;
                  // (A pair in one document only is no reading: 漠的 of 冷漠的 for mode.)
                  var tok = codePoints(prev[p].text).pop() + cands[i][c], got = inBook(tok), sc, df = 0;
                  if (got) { var ps = postings(tok); df = ps.df || ps.length; got = df >= 2; }
                  if (got) sc = prev[p].score + Math.log(2 + df);
                  else if (starts[i]) sc = prev[p].score;
                  else continue;
                  sc -= cost(i, c);
                  if (!best || sc > best.score) best = { score: sc, text: prev[p].text + (got || !starts[i] ? "" : " ") + cands[i][c], pairs: prev[p].pairs + (got ? 1 : 0) };
                }
                next.push(best);
              }
              prev = next;
            }
            var won = null;
            for (k = 0; k < prev.length; k++) if (prev[k] && prev[k].pairs && (!won || prev[k].score > won.score)) won = prev[k];
            return won;
          }
          // The other readings only mend a reading the commonest make (重复 for 充复): alone
          // they made words of readings hardly used (youxiang read as 扰项, yinhang as 言行:
          // second review). (The same score or better: they are among its candidates.)
          var win = reading(false);
          if (win) win = reading(true) || win;
          cb(win ? { query: win.text, from: query, pinyin: true } : null);
        });
      });
    });
  }

  /** Every sound of `ch`: its most common first, then (a character of the book) its other
   *  readings (多音字: 长 is zhang and chang), from `more`: 长!#… */
  function soundsOf(ch) {
    var s = soundOf(ch);
    if (s < 0) return [];
    if (!sounds.others) {
      sounds.others = {};
      var cs = codePoints(sounds.more || ""), at = null;
      for (var k = 0; k < cs.length; k++) {
        if (cs[k].length > 1 || cs[k].charCodeAt(0) > 126) { at = sounds.others["$" + cs[k]] = []; continue; }
        if (at && k + 1 < cs.length) { at.push(SYM[cs[k].charCodeAt(0)] * 93 + SYM[cs[k + 1].charCodeAt(0)]); k++; }
      }
    }
    return [s].concat(sounds.others["$" + ch] || []);
  }

  /** The book's characters that sound like `ch` (not `ch` itself). In the first round, those
   *  whose most common reading is its most common one, then (`exact` on) those of the sounds
   *  fuzzy pinyin confuses with it; in the second (多音字), those that have any reading of
   *  `ch` as any of theirs: 延常 → 延长 (长: zhang, and chang), 长见 → 常见. */
  function alikeOf(ch, round) {
    var out = [], seen = {}, i, j;
    function add(s, all) {
      var list = sounds.book[s] || "", bar = list.indexOf("|");
      var cs = codePoints(all || bar < 0 ? list.replace("|", "") : list.slice(0, bar));
      for (j = 0; j < cs.length; j++) {
        if (cs[j] === ch || seen["$" + cs[j]]) continue;
        seen["$" + cs[j]] = true;
        out.push(cs[j]);
      }
    }
    if (round === 1) {
      var mine = soundsOf(ch);
      for (i = 0; i < mine.length; i++) add(mine[i], true);
      out.exact = out.length;
      return out;
    }
    var s = soundOf(ch);
    if (s < 0) return out;
    // The same syllable first, then those an input method's fuzzy pinyin (模糊音) confuses
    // with it: zh/z, ch/c, sh/s, n/l, and -ang/-an, -eng/-en, -ing/-in.
    var near = fuzzyOf(s);
    for (i = 0; i < near.length; i++) {
      add(near[i], false);
      if (i === 0) out.exact = out.length;
    }
    return out;
  }
  var fuzzy = null;
  function fuzzyOf(s) {
    if (!fuzzy || fuzzy.syl !== sounds.syl) {
      fuzzy = { syl: sounds.syl, groups: {} };
      for (var k = 0; k < sounds.syl.length; k++) {
        var key = "$" + fuzzyKey(sounds.syl[k]);
        (fuzzy.groups[key] = fuzzy.groups[key] || []).push(k);
      }
    }
    var out = [s], g = fuzzy.groups["$" + fuzzyKey(sounds.syl[s])] || [];
    for (var i = 0; i < g.length; i++) if (g[i] !== s) out.push(g[i]);
    return out;
  }
  function fuzzyKey(syl) {
    return syl.replace(/^([zcs])h/, "$1").replace(/^n/, "l").replace(/(a|e|i)ng$/, "$1n");
  }

  // Each missing pair is mended by putting, in place of one of its characters or of two
  // characters in a row around it (a whole word picked wrong: 受理等级 for 受理登记, 办结实现
  // for 办结时限), characters that sound the same. One character changed is preferred.
  // `loose`: a missing pair no sound mends is left as typed (an everyday word), a mend must
  // make four characters in a row or more that stand as written in two pages or more, and only
  // the same syllable in its most common reading is tried (no fuzzy pinyin, no second round).
  function mend(chars, cjk, pairs, missing, round, loose, cb, query) {
    var n = chars.length, windows = [], seen = {};
    function addWindow(at, len) {
      if (at < 0 || at + len > n || seen[at + ":" + len]) return;
      for (var q = at; q < at + len; q++) if (!cjk[q]) return;
      seen[at + ":" + len] = true;
      windows.push({ at: at, len: len });
    }
    for (var a = 0; a < missing.length; a++) {
      var i0 = missing[a];
      addWindow(i0, 1); addWindow(i0 + 1, 1);
      addWindow(i0 - 1, 2); addWindow(i0, 2); addWindow(i0 + 1, 2);
    }
    // The pairs each window's candidates make, to load their files: the book's most used
    // characters of each sound first (the right one, nearly always), every window's first
    // candidate before any window's second, one character before two.
    var wanted = [];
    for (var w = 0; w < windows.length; w++) {
      var win = windows[w];
      var firsts = alikeOf(chars[win.at], round);
      var seconds = win.len === 2 ? alikeOf(chars[win.at + 1], round) : [""];
      if (win.len === 1) seconds.exact = 1;
      win.options = [];
      for (var x = 0; x < firsts.length; x++) {
        for (var y = 0; y < seconds.length; y++) {
          var put = firsts[x] + seconds[y], rank = win.len === 1 ? x : Math.max(x, y) + 0.5;
          var near = x >= firsts.exact || (win.len === 2 && y >= seconds.exact);
          win.options.push({ put: put, fuzzy: near });
          var before = win.at > 0 && cjk[win.at - 1] ? chars[win.at - 1] : "";
          var after = win.at + win.len < n && cjk[win.at + win.len] ? chars[win.at + win.len] : "";
          if (before) wanted.push({ rank: rank, tok: before + firsts[x], k: wanted.length });
          if (win.len === 2) wanted.push({ rank: rank, tok: put, k: wanted.length });
          if (after) wanted.push({ rank: rank, tok: codePoints(put)[win.len - 1] + after, k: wanted.length });
        }
      }
    }
    wanted.sort(function (p, q) { return (p.rank - q.rank) || (p.k - q.k); });
    var toks = [];
    for (var f = 0; f < wanted.length; f++) toks.push(wanted[f].tok);
    // (At most SUGGEST_FILES files; the second round, that many it has not loaded yet.)
    var files = filesOf(toks), fresh = [];
    for (var g = 0; g < files.length && fresh.length < SUGGEST_FILES * (loose ? 2 : 1); g++) {
      if (round === 0 || !done[files[g][0] + ":" + files[g][1]]) fresh.push(files[g]);
    }
    loadAll(fresh, function () {
      if (stale) { cb(null); return; }
      var out = chars.slice(), mended = false;
      // How well `put` fits in place of out[at .. at + len): the documents its pairs are in
      // (each in two at least: one stray pair is no word), or -1; three characters in a row
      // across the window's edge must stand together in some document (要及 and 及哪 each
      // exist, 要及哪 nowhere).
      function fit(at, len, put, i0) {
        if (loose) return fitLoose(at, len, codePoints(put), i0);
        var cs = codePoints(put), seq = [];
        if (at > 0 && cjk[at - 1]) seq.push(out[at - 1]);
        for (var c = 0; c < cs.length; c++) seq.push(cs[c]);
        if (at + len < n && cjk[at + len]) seq.push(out[at + len]);
        var lists = [], score = 0;
        for (var p = 0; p + 1 < seq.length; p++) {
          var tok = seq[p] + seq[p + 1];
          if (!inBook(tok)) return -1;
          var ps = postings(tok), dfs = ps.df || ps.length;
          if (dfs < 2) return -1;
          score += dfs;
          lists.push(ps);
        }
        for (var l = 0; l + 1 < lists.length; l++) if (!together(lists[l], lists[l + 1])) return -1;
        return score;
      }
      // Loose: the window and the missing pair, with the characters around (two at most each
      // side) as long as the whole stands, as written, in two pages or more, must make four
      // characters or more: the longer run wins. (A run of pairs each in the book is no
      // proof: 接投诉 made 解投诉 of 了解|投诉.) Nor may a mend undo a pair of the book across
      // the window's edge (办结实现: 实 alone made 时 leaves 时现 where 实现 was in the book).
      function fitLoose(at, len, cs, i0) {
        var ch = function (k) { return k >= at && k < at + len ? cs[k - at] : out[k]; };
        var run = function (a, b) {  // the documents that hold characters a .. b - 1 in a row
          var lists = [];
          for (var k = a; k + 1 < b; k++) {
            var tok = ch(k) + ch(k + 1);
            if (!cjk[k] || !cjk[k + 1] || !inBook(tok)) return 0;
            lists.push(postings(tok));
          }
          return phraseDocs(lists, 3);
        };
        var from = Math.min(at, i0), to = Math.max(at + len, i0 + 2), lo = from, hi = to;
        var docs = run(from, to), more;
        if (docs < 2) return -1;
        while (from > 0 && lo - from < 2 && (more = run(from - 1, to)) >= 2) { from--; docs = more; }
        while (to < n && to - hi < 2 && (more = run(from, to + 1)) >= 2) { to++; docs = more; }
        if (to - from < 4) return -1;
        if (from === at && at > 0 && cjk[at - 1] && inBook(out[at - 1] + out[at])) return -1;
        if (to === at + len && to < n && cjk[to] && inBook(out[to - 1] + out[to])) return -1;
        return (to - from) * 1e6 + docs;
      }
      for (var b = 0; b < missing.length; b++) {
        var i0 = missing[b];
        if (inBook(out[i0] + out[i0 + 1])) continue;  // mended with the pair before it
        var best = null, bestScore = 0;
        // The same sound before a fuzzy one, one character before two (loose: the longer run
        // in the book of one or two, 办结实现 → 办结时限, not 办结时现).
        for (var tier = 0; tier < (loose ? 2 : 4) && !(best && (!loose || tier % 2 === 0)); tier++) {
          var len = tier % 2 + 1, fuzzyTier = tier >= 2;
          for (var w = 0; w < windows.length; w++) {
            var win = windows[w];
            if (win.len !== len || win.at > i0 + 1 || win.at + len - 1 < i0) continue;
            for (var o = 0; o < win.options.length; o++) {
              var opt = win.options[o];
              if (opt.fuzzy !== fuzzyTier) continue;
              var s = fit(win.at, len, opt.put, i0);
              if (s > bestScore) { best = { at: win.at, put: codePoints(opt.put) }; bestScore = s; }
            }
          }
        }
        if (!best) {
          if (loose) continue;
          cb(null); return;
        }
        for (var c = 0; c < best.put.length; c++) out[best.at + c] = best.put[c];
        mended = true;
      }
      if (!mended) { cb(null); return; }
      if (!loose) for (var d = 0; d < pairs.length; d++) if (!inBook(out[pairs[d]] + out[pairs[d] + 1])) { cb(null); return; }
      // No Chinese character of the query left as typed (跳闸 → 调查, 记者 → 急着): more likely
      // a word the book does not use than a slip; offered, not put in its place (`whole`).
      var kept = 0;
      for (var h = 0; h < n; h++) if (cjk[h] && out[h] === chars[h]) kept++;
      cb({ query: out.join(""), from: query, whole: kept === 0 });
    });
  }

  /** How many documents (counted up to `enough`) hold the pairs of `lists` one after another,
   *  each a character on from the one before: the characters they make, as written. */
  function phraseDocs(lists, enough) {
    if (!lists.length) return 0;
    // (The test a query's phrase gets, phraseFound: pair k at offset k.)
    var at = [], terms = [], idx = [], count = 0, k;
    for (k = 0; k < lists.length; k++) { at.push(0); terms.push({ pos: k }); idx.push(k); }
    for (var i = 0; i < lists[0].length && count < enough; i++) {
      var doc = lists[0][i].doc, m = [lists[0][i]];
      for (k = 1; k < lists.length; k++) {
        var l = lists[k];
        while (at[k] < l.length && l[at[k]].doc < doc) at[k]++;
        if (at[k] >= l.length || l[at[k]].doc !== doc) break;
        m.push(l[at[k]]);
      }
      if (m.length === lists.length && phraseFound(m, terms, idx)) count++;
    }
    return count;
  }

  function together(left, right) {
    for (var x = 0, y = 0; x < left.length && y < right.length;) {
      if (left[x].doc < right[y].doc) x++;
      else if (left[x].doc > right[y].doc) y++;
      else if (hasOffset(left[x].pos, right[y].pos, 1)) return true;
      else { x++; y++; }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------
  // Highlighting: find the matched variants in normalised text, map back to original characters

  function isWordCh(ch) { return ch !== undefined && ch !== "" && classOf(ch) === WORD; }

  /** Intervals [start, end) in original code points of every occurrence of every variant,
   *  sorted and merged; each carries the set of variant indices it covers. */
  function matchIntervals(text, variants) {
    var m = normaliseMap(text);
    var norm = m.norm;
    var ivs = [];
    for (var v = 0; v < variants.length; v++) {
      var needle = variants[v];
      if (!needle) continue;
      var wordy = classOf(codePoints(needle)[0]) === WORD;
      var wordyEnd = classOf(codePoints(needle).pop()) === WORD;
      var from = 0, at;
      while ((at = norm.indexOf(needle, from)) >= 0 && ivs.length < 500) {
        from = at + 1;
        var endAt = at + needle.length;
        if (wordy && at > 0 && isWordCh(lastCp(norm.slice(Math.max(0, at - 2), at)))) continue;
        if (wordyEnd && endAt < norm.length && isWordCh(codePoints(norm.slice(endAt, endAt + 2))[0])) continue;
        ivs.push({ s: m.owner[at], e: m.owner[endAt - 1] + 1, v: [v] });
      }
    }
    // An id matched by a form the text does not spell (tsproc001, gov4 for TS-GOV-004): the id
    // as written is marked.
    var ids = {}, anyId = false;
    for (v = 0; v < variants.length; v++) {
      if (/^[a-z0-9]+$/.test(variants[v] || "") && /[a-z]/.test(variants[v]) && /[0-9]/.test(variants[v])) { ids["$" + variants[v]] = v; anyId = true; }
    }
    if (anyId) {
      var toks = tokensOf(norm).tokens, cps = codePoints(norm);
      for (var ti = 0; ti < toks.length && ivs.length < 500; ti++) {
        var t = toks[ti];
        if (t.flag !== "part" || !ids.hasOwnProperty("$" + t.text)) continue;
        var s16 = cps.slice(0, t.run.start).join("").length;
        var e16 = s16 + cps.slice(t.run.start, t.run.end).join("").length;
        ivs.push({ s: m.owner[s16], e: m.owner[e16 - 1] + 1, v: [ids["$" + t.text]] });
      }
    }
    ivs.sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    var merged = [];
    for (var i = 0; i < ivs.length; i++) {
      var last = merged[merged.length - 1];
      if (last && ivs[i].s <= last.e) {
        if (ivs[i].e > last.e) last.e = ivs[i].e;
        for (var k = 0; k < ivs[i].v.length; k++) if (last.v.indexOf(ivs[i].v[k]) < 0) last.v.push(ivs[i].v[k]);
      } else merged.push({ s: ivs[i].s, e: ivs[i].e, v: ivs[i].v.slice() });
    }
    return { chars: m.chars, ivs: merged };
  }

  function lastCp(s) { var c = codePoints(s); return c[c.length - 1]; }

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function markedHtml(chars, ivs, from, to) {
    var out = "", at = from;
    for (var i = 0; i < ivs.length; i++) {
      var s = Math.max(ivs[i].s, from), e = Math.min(ivs[i].e, to);
      if (e <= s) continue;
      out += esc(chars.slice(at, s).join("")) + "<mark>" + esc(chars.slice(s, e).join("")) + "</mark>";
      at = e;
    }
    return out + esc(chars.slice(at, to).join(""));
  }

  /** The whole text with every match marked (titles, headings). */
  function highlightHtml(text, variants) {
    var r = matchIntervals(text || "", variants || []);
    return markedHtml(r.chars, r.ivs, 0, r.chars.length);
  }

  var EXCERPT = 100, BEFORE = 24;
  // The marks in a section's text (docs/search-index.md, "Documents"): a table with a header
  // row is parted from the text around it by TABLE, its rows by ROW, its cells by CELL. A text
  // without them (a rule's field, written a line an item) may still have line feeds.
  var CELL = "\t", ROW = "\n", TABLE = "\r";
  var SEP = " ｜ ", ROW_SEP = " ／ ";  // shown between the cells of a row, between rows
  var ROW_MORE = 10;  // a table's row may take this many characters more than an excerpt

  /** The rows of the tables in a text (code points), in order, each {s, e, cells: [{s, e}],
   *  head}: its table's header row (the first), whose cells label the row's. A header row is
   *  listed too, with `first`: the table's first data row, which it is shown with. */
  function tableRows(chars) {
    var rows = [], n = chars.length, seg = 0;
    for (var i = 0; i <= n; i++) {
      if (i < n && chars[i] !== TABLE) continue;
      // A part between table edges is a table when its first line has cells.
      var lines = [], line = { s: seg, cells: [] }, cs = seg;
      for (var j = seg; j <= i; j++) {
        if (j < i && chars[j] !== ROW && chars[j] !== CELL) continue;
        line.cells.push({ s: cs, e: j });
        cs = j + 1;
        if (j === i || chars[j] === ROW) { line.e = j; lines.push(line); line = { s: j + 1, cells: [] }; }
      }
      if (lines.length > 1 && lines[0].cells.length > 1) {
        for (var k = 0; k < lines.length; k++) lines[k].head = lines[0];
        lines[0].first = lines[1];
        rows = rows.concat(lines);
      }
      seg = i + 1;
    }
    return rows;
  }

  /** Where an excerpt of `text` shows the most distinct matched variants: the window of about
   *  `size` characters from a match on (up to the next table), or, for a match in a table, its
   *  row (a match in the header: the first row), counted with the header's matches, as the row
   *  is shown with the header's cells as labels. The earliest of the best. {r: matchIntervals,
   *  n: variants shown, at: its first match (-1: no match), row: the table row to show, or
   *  null} */
  function bestPart(text, variants, size) {
    var r = matchIntervals(text, variants || []);
    var ivs = r.ivs, rows = text.indexOf(CELL) >= 0 ? tableRows(r.chars) : [];
    var best = { r: r, n: 0, at: -1, row: null }, ri = 0, i, j, k;
    // No match (the title or heading matched): a text that opens with a table shows its first row.
    if (rows.length && rows[0].s === 0) best.row = rows[0].first;
    // The table row each match is in (a header's: the table's first row), or null.
    var rowOf = [];
    for (i = 0; i < ivs.length; i++) {
      while (ri < rows.length && rows[ri].e <= ivs[i].s) ri++;
      rowOf.push(ri < rows.length && rows[ri].s <= ivs[i].s ? rows[ri].first || rows[ri] : null);
    }
    for (i = 0; i < ivs.length; i++) {
      var row = rowOf[i];
      if (row && i > 0 && rowOf[i - 1] === row) continue;  // a row is counted from its first match
      var seen = {}, cnt = 0;
      for (j = row ? 0 : i; j < ivs.length; j++) {
        var iv = ivs[j];
        if (row) {
          if (iv.s >= row.e) break;
          if (!(iv.s >= row.s || (iv.s >= row.head.s && iv.s < row.head.e))) continue;
        } else if (rowOf[j] || iv.e > ivs[i].s + size - BEFORE) break;
        for (k = 0; k < iv.v.length; k++) if (!seen[iv.v[k]]) { seen[iv.v[k]] = 1; cnt++; }
      }
      if (cnt > best.n) { best.n = cnt; best.at = i; best.row = row; }
    }
    return best;
  }

  /** A table's row as `header：cell ｜ header：cell`, its matches marked (the header's too),
   *  without labels when its cells are not as many as the header's (an empty cell is not
   *  kept); in about `size` characters: the longest cells are cut to what fits, each around
   *  its first match. null when even that would not fit. */
  function rowHtml(r, row, size) {
    var head = row.head.cells, cells = row.cells, ivs = r.ivs, fixed = 0, lens = [], c, k;
    var labels = [];
    for (c = 0; c < cells.length; c++) {
      labels.push(head.length === cells.length && head[c].e > head[c].s ? head[c] : null);
      fixed += (labels[c] ? labels[c].e - labels[c].s + 1 : 0) + (c ? SEP.length : 0);
      lens.push(cells[c].e - cells[c].s);
    }
    // The most characters a cell keeps: every cell whole, or the largest cap that fits (a cut
    // cell takes two more for its …).
    var room = size - fixed, cap = Infinity, sorted = lens.slice().sort(function (a, b) { return a - b; });
    var whole = 0;
    for (k = 0; k < sorted.length; k++) whole += sorted[k];
    if (whole > room) {
      cap = -1;
      for (var used = 0, i = 0; i < sorted.length; i++) {
        var left = sorted.length - i;  // cells as long as sorted[i] or longer, each at the cap
        var fit = Math.floor((room - used) / left) - 2;
        if (fit < sorted[i]) { cap = fit; break; }
        used += sorted[i];
      }
      if (cap < 6) return null;
    }
    var out = [];
    for (c = 0; c < cells.length; c++) {
      var s = cells[c].s, e = cells[c].e, from = s, to = e;
      if (e - s > cap) {
        for (k = 0; k < ivs.length && ivs[k].s < e; k++) if (ivs[k].s >= s) { from = Math.max(s, ivs[k].s - 6); break; }
        to = Math.min(e, from + cap);
        from = Math.max(s, to - cap);
      }
      out.push((labels[c] ? markedHtml(r.chars, ivs, labels[c].s, labels[c].e) + "：" : "") +
        (from > s ? "…" : "") + markedHtml(r.chars, ivs, from, to) + (to < e ? "…" : ""));
    }
    return out.join(SEP);
  }

  /** About EXCERPT characters of text around the best match (the window holding the most
   *  distinct variants), every match in <mark>, as HTML; a match in a table shows its row,
   *  each cell labelled by the header's (when that is not much longer than an excerpt). */
  function excerptHtml(text, variants, size) {
    size = size || EXCERPT;
    text = text || "";
    var best = bestPart(text, variants, size);
    var r = best.r, n = r.chars.length, ivs = r.ivs;
    var row = best.row && rowHtml(r, best.row, size + ROW_MORE);
    if (row) return row;
    var start = 0;
    if (best.at >= 0) {
      var first = ivs[best.at].s;
      start = Math.max(0, first - BEFORE);
      // start at a sentence or clause boundary when one is close
      for (var b = first - 1; b >= start && b > 0; b--) {
        if ("。！？；;!?\n\r".indexOf(r.chars[b]) >= 0) { start = b + 1; break; }
      }
    }
    var end = Math.min(n, start + size);
    if (end - start < size) start = Math.max(0, end - size);
    var html = markedHtml(r.chars, ivs, start, end);
    // A table's cells and rows parted visibly (a text with no table may have lines: kept).
    if (text.indexOf(CELL) >= 0) html = html.split(CELL).join(SEP).split(ROW).join(ROW_SEP).split(TABLE).join(" ");
    return (start > 0 ? "…" : "") + html + (end < n ? "…" : "");
  }

  /** Whether a result whose text goes on in a file of its own (x{doc}.js) may match there:
   *  the best part of what its row holds does not show every text it matched (but those its
   *  title or heading hold, and so need not be in the excerpt). */
  function restWanted(hit) {
    var vs = hit.variants || [], need = [];
    var named = normalise((hit.title || "") + " " + (hit.heading || ""));
    for (var i = 0; i < vs.length; i++) if (vs[i] && named.indexOf(vs[i]) < 0) need.push(vs[i]);
    return need.length > 0 && bestPart(hit.text || "", need, EXCERPT).n < need.length;
  }

  /** Wraps every match inside element `root` in <mark class="search-term">; returns the marks. */
  function highlightElement(root, variants) {
    var marks = [];
    if (!root || !variants || !variants.length || !doc.createTreeWalker) return marks;
    var walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */, null, false);
    var nodes = [], node;
    while ((node = walker.nextNode())) {
      var p = node.parentNode;
      var skip = false;
      for (var a = p; a && a !== root; a = a.parentNode) {
        var tag = a.nodeName;
        // (Nor a page's links about it, its breadcrumbs and the like: 投诉处理 was marked in the
        // book's own name at the top of every page.)
        if (tag === "SCRIPT" || tag === "STYLE" || tag === "MARK" || tag === "TEXTAREA" || tag === "NOSCRIPT" || tag === "NAV" ||
            (a.getAttribute && a.getAttribute("data-quiz") !== null)) { skip = true; break; }
      }
      if (!skip && /\S/.test(node.nodeValue)) nodes.push(node);
    }
    for (var i = 0; i < nodes.length; i++) {
      var t = nodes[i];
      var r = matchIntervals(t.nodeValue, variants);
      if (!r.ivs.length) continue;
      var frag = doc.createDocumentFragment(), at = 0;
      for (var k = 0; k < r.ivs.length; k++) {
        var iv = r.ivs[k];
        if (iv.s > at) frag.appendChild(doc.createTextNode(r.chars.slice(at, iv.s).join("")));
        var mk = doc.createElement("mark");
        mk.className = "search-term";
        mk.appendChild(doc.createTextNode(r.chars.slice(iv.s, iv.e).join("")));
        frag.appendChild(mk);
        marks.push(mk);
        at = iv.e;
      }
      if (at < r.chars.length) frag.appendChild(doc.createTextNode(r.chars.slice(at).join("")));
      t.parentNode.replaceChild(frag, t);
    }
    return marks;
  }

  // ---------------------------------------------------------------------------------------
  // UI

  var KINDS = ["rule", "lesson", "quiz", "glossary", "trainer"];
  var KIND_LABELS = { rule: "规则", lesson: "课程", quiz: "测验", glossary: "术语", trainer: "培训" };
  var STORE_KEY = "handbook-search-highlight";

  function kindLabel(k) {
    return (meta && meta.kinds && meta.kinds[k]) || KIND_LABELS[k] || k;
  }

  function pageKey(url) {
    return String(url).split("#")[0].split("?")[0].replace(/index\.html$/, "");
  }

  /** Which variants to highlight on the target page: single characters only when nothing
   *  longer matched (a one-character query), otherwise they would light up the whole page. */
  function pageVariants(variants) {
    var long = [];
    for (var i = 0; i < variants.length; i++) if (codePoints(variants[i]).length > 1) long.push(variants[i]);
    return long.length ? long : variants.slice();
  }

  function rememberHighlight(a) {
    try {
      var v = a.getAttribute("data-terms");
      if (!v) return;
      global.sessionStorage.setItem(STORE_KEY, JSON.stringify({ url: a.href, terms: JSON.parse(v) }));
    } catch (e) { /* storage unavailable */ }
  }

  /** The elements of the section `target` begins: a heading (h2-h6) and what follows it up to
   *  the next heading of its level or above; any other element with an id (a rule card's
   *  field, a trainers' note) alone; none for the page's title or no target. */
  function sectionOf(target) {
    if (!target || !target.nodeName) return [];
    var level = /^H([1-6])$/.exec(target.nodeName);
    if (!level) return [target];
    if (level[1] === "1") return [];
    var out = [target];
    for (var n = target.nextElementSibling; n; n = n.nextElementSibling) {
      var l = /^H([1-6])$/.exec(n.nodeName);
      if (l && l[1] <= level[1]) break;
      out.push(n);
    }
    return out;
  }

  function applyStoredHighlight() {
    var data = null;
    try {
      var raw = global.sessionStorage.getItem(STORE_KEY);
      if (!raw) return;
      global.sessionStorage.removeItem(STORE_KEY);
      data = JSON.parse(raw);
    } catch (e) { return; }
    if (!data || !data.terms || pageKey(data.url) !== pageKey(global.location.href)) return;
    var main = doc.getElementById("main");
    var id = "";
    try { id = decodeURIComponent(global.location.hash.slice(1)); } catch (e) { id = global.location.hash.slice(1); }
    var target = id && doc.getElementById(id);
    // The section the result is (its heading to the next of its level), not the whole page:
    // 客户 marked in every line of a lesson was 90 marks to look past. The page when the
    // section has none of the words (or the result is the page's top).
    var scope = sectionOf(target), marks = [];
    for (var s = 0; s < scope.length; s++) marks = marks.concat(highlightElement(scope[s], data.terms));
    if (!marks.length) marks = highlightElement(main, data.terms);
    if (target && target.scrollIntoView) target.scrollIntoView();
    else if (marks.length && marks[0].scrollIntoView) marks[0].scrollIntoView({ block: "center" });
    // Esc, while reading, takes the marks away (they stayed until the page was opened again).
    if (marks.length && doc.addEventListener) doc.addEventListener("keydown", function unmark(e) {
      if (e.key !== "Escape" && e.key !== "Esc") return;
      var t = e.target, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      doc.removeEventListener("keydown", unmark);
      var ms = doc.querySelectorAll("mark.search-term");
      for (var k = 0; k < ms.length; k++) {
        var m = ms[k], parent = m.parentNode;
        parent.replaceChild(doc.createTextNode(m.textContent), m);
        parent.normalize();
      }
    });
  }

  function setupUi() {
    var input = doc.getElementById("search");
    var box = doc.getElementById("search-results");
    if (!input || !box) return;
    var form = input.form || input.parentNode;
    var isSearchPage = (" " + doc.body.className + " ").indexOf(" kind-search ") >= 0;
    var pageTitle = doc.title;
    var state = { seq: 0, res: null, filter: "all", limit: 0, active: -1, timer: 0, slow: 0, typed: "", composing: false, busy: false, settling: false, pendingEnter: false, literal: null, back: null, backLimit: 0 };
    var PAGE = isSearchPage ? 30 : 10;
    state.limit = PAGE;

    // (A combobox only with this script: the page's HTML has a plain search field, which
    // may not carry aria-expanded.)
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-haspopup", "listbox");

    // What a screen reader says of the results: a live region in the page from the start
    // (base.html; one inserted with its text is often not read), filled once the results
    // have been shown for a moment, so that typing is not talked over.
    var status = doc.getElementById("search-status");
    if (!status) {
      status = doc.createElement("div");
      status.id = "search-status";
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      box.parentNode.insertBefore(status, box.nextSibling);
    }
    var statusTimer = 0;
    function announce(text) {
      if (statusTimer) { clearTimeout(statusTimer); statusTimer = 0; }
      if (quiet()) return;
      status.textContent = "";
      if (text) statusTimer = setTimeout(function () { statusTimer = 0; status.textContent = text; }, 500);
    }

    // 搜索自查 (search-checks.js) marks the list data-quiet while it types its checks into the
    // box: their results are rendered (and settled) for it to read, but neither shown nor
    // said, one query after another; it says how they went once, at the end.
    function quiet() { return box.hasAttribute("data-quiet"); }

    function open() {
      box.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      box.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      // (No option left selected: a screen reader reopening the list found the old one.)
      if (state.active >= 0) setActive(-1);
      state.active = -1;
      announce("");
    }

    function links() {
      return box.querySelectorAll("a.search-hit-link");
    }

    function setActive(i) {
      var ls = links();
      var lis = box.querySelectorAll("li.search-hit");
      if (!ls.length) { state.active = -1; return; }
      if (i < -1) i = ls.length - 1;
      if (i >= ls.length) i = 0;
      state.active = i;
      for (var k = 0; k < lis.length; k++) {
        var on = k === i;
        lis[k].className = "search-hit" + (on ? " active" : "");
        ls[k].setAttribute("aria-selected", on ? "true" : "false");
      }
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", ls[i].id);
        if (lis[i].scrollIntoView) {
          try { lis[i].scrollIntoView({ block: "nearest" }); } catch (e) { lis[i].scrollIntoView(false); }
        }
      } else input.removeAttribute("aria-activedescendant");
    }

    // Recent searches: a query that led to a result is kept (localStorage, per book, the 8
    // latest); the empty box, focused, offers them again -- a desk asks the same things all day.
    // (The learner's, on a PC shared by several: handbook.js says whose.)
    var RECENT_KEY = "handbook-searches:" + (global.HANDBOOK_LEARNER && typeof global.HANDBOOK_LEARNER.book === "string" ? global.HANDBOOK_LEARNER.book : doc.body.getAttribute("data-book") || "");
    // (This tab's sessionStorage in 演示模式: handbook.js says which.)
    function recentStore() {
      var h = global.Handbook;
      return h && h.learnerStorage ? h.learnerStorage() : global.localStorage;
    }
    function recent() {
      try {
        var v = JSON.parse(recentStore().getItem(RECENT_KEY) || "[]");
        var out = [];
        if (v instanceof Array) for (var i = 0; i < v.length && out.length < 8; i++) if (typeof v[i] === "string" && /\S/.test(v[i])) out.push(v[i].slice(0, 100));
        return out;
      } catch (e) { return []; }
    }
    function remember(q) {
      q = q.replace(/^\s+|\s+$/g, "");
      if (!q) return;
      var list = [q], old = recent();
      for (var i = 0; i < old.length && list.length < 8; i++) if (old[i] !== q) list.push(old[i]);
      try { recentStore().setItem(RECENT_KEY, JSON.stringify(list)); } catch (e) { /* full or private */ }
    }
    function showRecent() {
      var list = recent();
      if (input.value || !list.length) return;
      var html = '<div class="search-recent"><p class="search-recent-title">最近搜索</p><ul>';
      for (var i = 0; i < list.length; i++) html += '<li><button type="button" class="search-recent-q" data-q="' + esc(list[i]) + '">' + esc(list[i]) + "</button></li>";
      html += '</ul><button type="button" class="search-recent-clear">清除记录</button></div>';
      box.innerHTML = html;
      box.removeAttribute("data-query");
      box.removeAttribute("aria-busy");
      open();
    }

    /** A result opened in a new tab (Ctrl+Enter, ⌘+Enter, Shift+Enter, as a link clicked
     *  so): the list stays, for the next one; here when the browser refuses the tab. */
    function goTab(a) {
      remember(input.value);
      rememberHighlight(a);
      var w = null;
      try { w = global.open(a.href, "_blank"); } catch (e) { w = null; }
      if (!w) go(a);
    }
    function go(a) {
      remember(input.value);
      rememberHighlight(a);
      var samePage = pageKey(a.href) === pageKey(global.location.href);
      if (!samePage) keepForBack(a);
      close();
      global.location.href = a.href;
      if (samePage) setTimeout(applyStoredHighlight, 30);
    }

    // Back from a result: the query, its filter and the result opened, kept in this page's
    // history entry (not its address), so the worker tries the next result without typing
    // the query again (a browser restores no value of an autocomplete="off" box).
    function keepForBack(a) {
      try {
        var now = historyState();
        now.handbookSearch = { q: input.value, filter: state.filter, literal: state.literal === input.value, href: a.getAttribute("href"), limit: state.limit };
        global.history.replaceState(now, "");
      } catch (e) { /* no history API (or file:// refused it): Back shows an empty box */ }
    }
    /** A copy of this entry's history state (another script's keys kept). */
    /** On the search page, the query in the address (?q=, replaced, no new history entry):
     *  a reload (serve's, after a trainer's save) or a bookmark or a link sent to a colleague
     *  shows the same results. Nothing elsewhere: the box there is the page's own. */
    function keepInAddress(q) {
      if (!isSearchPage) return;
      // (And in the tab's title: every search looked the same in the browser's history.)
      doc.title = /\S/.test(q) ? "“" + q.replace(/^\s+|\s+$/g, "") + "” · " + pageTitle : pageTitle;
      if (!global.history || !global.history.replaceState) return;
      var loc = global.location, want = /\S/.test(q) ? "?q=" + encodeURIComponent(q) : "";
      if (loc.search === want) return;
      try { global.history.replaceState(historyState(), "", loc.pathname + want + loc.hash); } catch (e) { /* file:// in some browsers */ }
    }
    function historyState() {
      var was = global.history.state, now = {};
      if (was && typeof was === "object") for (var k in was) if (Object.prototype.hasOwnProperty.call(was, k)) now[k] = was[k];
      return now;
    }
    /** Brings back the query the page was left by for a result (Back), once: the entry then
     *  forgets it, so a reload, or Back after an ordinary link, shows the page as any other.
     *  True when there was one. */
    function restoreFromBack() {
      var kept;
      try { kept = global.history.state && global.history.state.handbookSearch; } catch (e) { return false; }
      if (!kept || typeof kept.q !== "string" || !/\S/.test(kept.q)) return false;
      try {
        var now = historyState();
        delete now.handbookSearch;
        global.history.replaceState(now, "");
      } catch (e) { /* kept: restored again on the next load */ }
      // Arrows then move on from the result opened; not on a touch screen, where the
      // focus would raise the keyboard over the results.
      var touch = global.matchMedia && global.matchMedia("(pointer: coarse)").matches;
      state.back = kept.href || null;
      if (input.value === kept.q && state.res) {
        // The page kept as it was left (the browser's back-forward cache): shown again, the
        // result opened marked.
        render();
        if (!touch) input.focus();
        return true;
      }
      input.value = kept.q;
      state.literal = kept.literal ? kept.q : null;
      if (kept.filter) state.filter = kept.filter;
      state.backLimit = kept.limit > PAGE ? kept.limit : 0;
      if (!touch) input.focus();
      run(true);
      return true;
    }

    /** Whether a filter's list needs the kind's own answer (search with `kind`): some of its
     *  matches rank after the best 30 of all, or may be in a long list's tail not loaded. */
    function needsOwn(res, k) {
      return k !== "all" && !!res.counts && res.hits.length > 0 &&
        (res.tails || (res.counts[k] || 0) > (res.within[k] || 0));
    }

    /** What a filter's chip counts, {n, more, unknown} (more: n+): the results it lists where
     *  all of them are known -- every match of the kind among the best 30 of all, or the kind's
     *  own answer not cut (a rule card and its field that holds the query are one result) --
     *  else the documents of the kind matched, 30+ past the 30 a list shows (most of a large
     *  count would be documents holding one character of the query: no count worth reading).
     *  `more` also where a list was not loaded whole (the count is then at least n); `unknown`:
     *  none counted, but a long list's tail not loaded may hold some (pressing it looks), when
     *  the book has documents of the kind (bookHas). */
    function tally(res, k) {
      if (k === "all") return res.cut ? { n: MAX_RESOLVED, more: true } : { n: res.hits.length, more: res.exact === false };
      var own = res.kinds && res.kinds[k];
      if (own && own.error) own = null;
      if (own && !own.cut) return { n: own.hits.length, more: own.exact === false && own.hits.length > 0 };
      var src = own || res, n = (src.counts && src.counts[k]) || 0;
      if (!own && !needsOwn(res, k)) {
        n = 0;
        for (var i = 0; i < res.hits.length; i++) if (res.hits[i].kind === k) n++;
        return { n: n, more: res.exact === false && n > 0 };
      }
      if (n > MAX_RESOLVED) return { n: MAX_RESOLVED, more: true };
      return { n: n, more: src.exact === false && n > 0, unknown: !n && !!src.tails && bookHas(k) };
    }
    /** Whether the book has documents of kind `k` at all (meta.spans). */
    function bookHas(k) {
      var sp = (meta && meta.spans) || [];
      for (var i = 0; i < sp.length; i++) if (sp[i][1] === k) return true;
      return false;
    }
    function saidCount(c) { return c.n + (c.more ? " 条以上" : " 条"); }

    /** The answer a filter lists, the best of its kind (search with `kind`), asked for once per
     *  answer and kept with it (res.kinds); cb() once it is there -- at once when none is
     *  needed (needsOwn). `wanted`: as search's. */
    function kindAnswer(res, kind, wanted, cb) {
      if (!needsOwn(res, kind) || (res.kinds && res.kinds[kind])) { cb(); return; }
      var asking = res.asking || (res.asking = {});
      if (asking[kind]) { asking[kind].push(cb); return; }
      asking[kind] = [cb];
      search(res.query, function (own) {
        (res.kinds = res.kinds || {})[kind] = own;
        var cbs = asking[kind];
        delete asking[kind];
        for (var i = 0; i < cbs.length; i++) cbs[i]();
      }, false, wanted, kind);
    }

    /** render() again with the result marked before marked again (a filter's own best in). */
    function rerender() {
      var ls = links(), was = state.active >= 0 && ls[state.active] ? ls[state.active].getAttribute("href") : null;
      render();
      if (!was) return;
      ls = links();
      for (var i = 0; i < ls.length; i++) if (ls[i].getAttribute("href") === was) { setActive(i); break; }
    }

    function render() {
      var res = state.res;
      var q = res.query;
      var html = "", said = "", pending = false;
      if (res.error === "noindex") {
        html = '<div class="search-empty"><p><strong>搜索暂不可用</strong>：没有找到搜索索引（search/meta.js）。</p></div>';
        said = "搜索暂不可用：没有找到搜索索引。";
      } else if (res.error === "unloaded" || (res.unloaded && !res.hits.length)) {
        // A file of the index did not load (the network dropped, offline on a phone): not
        // "no results", which a worker reads as the handbook having nothing on it. Asked for
        // again by the next search, or by the button.
        html = '<div class="search-empty search-unloaded"><p><strong>搜索索引没能载入</strong>：可能是网络断了，或网站正在更新。' +
          "这不代表手册里没有“" + esc(q) + "”。</p>" +
          '<p><button type="button" class="search-suggest-q search-retry" data-q="' + esc(q) + '">重新搜索</button></p></div>';
        said = "搜索索引没能载入，可能是网络断了；这不代表手册里没有“" + q + "”。请稍后重新搜索。";
      } else if (res.error === "stale") {
        // The site is being published again (its files are of two builds): no answer rather
        // than one read with the wrong build's tables.
        html = '<div class="search-empty"><p><strong>网站正在更新</strong>：请稍后再搜索，或刷新页面。</p></div>';
        said = "网站正在更新，请稍后再搜索，或刷新页面。";
      } else {
        // A filter lists the best of its kind among everything the query matched: the answer
        // for all when all of the kind's matches are among its best 30, else the kind's own
        // (asked for once, kindAnswer); until that is in, the kind's hits among the best 30.
        var filter = state.filter, list = res;
        if (filter !== "all" && res.hits.length) {
          var now = true;
          kindAnswer(res, filter, function () { return state.res === res; }, function () {
            if (!now && state.res === res && state.filter === filter) rerender();
          });
          now = false;
          list = (res.kinds && res.kinds[filter]) || res;
          if (list.error) list = res;  // (not answered: the kind among the best 30 of all)
          else if (list === res && needsOwn(res, filter)) pending = true;
        }
        var shown = [];
        for (var h = 0; h < list.hits.length; h++) if (filter === "all" || list.hits[h].kind === filter) shown.push(list.hits[h]);
        // More matched (of the kind) than are ranked and shown (MAX_RESOLVED): the list is the
        // best of them, not all (a provincial book's 51 rules titled …投诉办理时限).
        var capped = !pending && (list === res && filter !== "all" ? false : !!list.cut);
        var counts = { all: tally(res, "all") };
        for (var i = 0; i < KINDS.length; i++) counts[KINDS[i]] = tally(res, KINDS[i]);
        if (res.hits.length) {
          html += '<div class="search-filters" role="group" aria-label="按类别筛选">';
          var fk = ["all"].concat(KINDS);
          for (var f = 0; f < fk.length; f++) {
            var k = fk[f];
            var n = counts[k];
            var label = k === "all" ? "全部" : kindLabel(k);
            html += '<button type="button" class="search-filter' + (filter === k ? " selected" : "") +
              '" data-filter="' + k + '" aria-pressed="' + (filter === k) + '"' + (n.n || n.unknown || k === "all" ? "" : " disabled") +
              ">" + esc(label) + (n.unknown ? "" : ' <span class="search-count">' + n.n + (n.more ? "+" : "") + "</span>") + "</button>";
          }
          html += "</div>";
        }
        // 找到 30 条结果（规则 13 条、课程 12 条 ...）, or what the filter leaves of them.
        var byKind = [];
        for (var c = 0; c < KINDS.length; c++) if (counts[KINDS[c]].n) byKind.push(kindLabel(KINDS[c]) + " " + saidCount(counts[KINDS[c]]));
        var ofAll = "全部共 " + saidCount(counts.all);
        if (!res.hits.length) said = "没有找到与“" + q + "”相关的内容。";
        else if (filter === "all") said = (capped ? "显示最相关的 " : "找到 ") + res.hits.length + " 条结果" + (byKind.length > 1 ? "（" + byKind.join("、") + "）" : "") + "。";
        else if (pending) said = "";  // (said once the kind's own best are in)
        else if (shown.length) said = "“" + kindLabel(filter) + "”中" + (capped ? "显示最相关的 " : "有 ") + shown.length + " 条结果，" + ofAll + "。";
        else said = "“" + kindLabel(filter) + "”中没有与“" + q + "”相关的内容，" + ofAll + "结果。";
        if (shown.length && weakOnly(res)) said = "没有找到“" + q + "”，下面的结果只含其中个别的字，可能不相关。" + said;
        // Below the results that hold the query's words, those holding single characters of
        // it only (a filter's list of 术语 for 停电: 停电, then 电价, 电费) are set apart: they
        // pad a short list and are seldom what was asked. (Hits come tier by tier.) Said of
        // the whole list, before what the box shows of it.
        var apart = -1, weak = 0, w;
        if (asksWords(res) && shown.length && shown[0].tier > 0) {
          for (w = 0; w < shown.length; w++) if (!(shown[w].tier > 0)) { if (apart < 0) apart = w; weak++; }
        }
        if (said && apart > 0) said += "其中排在最后的 " + weak + " 条只含“" + q + "”中的个别字。";
        // (The box lists 10 at first: what is said is not heard as all of them on screen.)
        if (said && shown.length > state.limit) said += "先列出前 " + state.limit + " 条，其余在“显示更多结果”里。";
        if (!shown.length && pending) {
          html += '<div class="search-empty search-loading"><p>正在查找“' + esc(kindLabel(filter)) + "”中的结果…</p></div>";
        } else if (!shown.length) {
          if (res.hits.length) {
            html += '<div class="search-empty"><p><strong>无结果</strong>：“' + esc(kindLabel(state.filter)) +
              '”中没有与“' + esc(q) + '”相关的内容，试试<button type="button" class="search-filter-link" data-filter="all">全部</button>。</p></div>';
          } else {
            html += '<div class="search-empty"><p><strong>无结果</strong>：没有找到与“' + esc(q) + '”相关的内容。</p>' +
              "<ul><li>换个说法，或用更短的关键词，如“时限”“停电”“电费”</li>" +
              "<li>规则可按编号搜索，如 TS-PROC-001</li>" +
              "<li>繁体字、全角字母和数字也能搜到；忘了切换输入法时打出的拼音（如 tingdian）也会按汉字来搜</li></ul></div>";
          }
        } else {
          var root = siteRoot();
          // Only single characters of the query found (充电桩: 电 everywhere, 充电 and 电桩
          // nowhere): say so before the list, which is no answer to what was asked.
          if (weakOnly(res)) {
            html += '<p class="search-weak"><strong>没有找到“' + esc(q) + '”</strong>：下面的结果只含其中个别的字，可能不相关。换个说法，或用更短的关键词试试。</p>';
          }
          html += '<ol class="search-hits" role="listbox" aria-label="搜索结果">';
          var upto = Math.min(shown.length, state.limit);
          // (apart: the first result set apart, above.)
          for (var s = 0; s < upto; s++) {
            var hit = shown[s];
            if (s === apart) html += '<li class="search-weak-apart" aria-hidden="true">以下只含“' + esc(q) + '”中的个别字，可能不相关</li>';
            var terms = pageVariants(hit.variants);
            // The link is the option (a link inside an option would be a control inside a
            // control); the list item only lays it out.
            html += '<li class="search-hit" role="presentation" data-kind="' + esc(hit.kind) + '">' +
              '<a class="search-hit-link" role="option" aria-selected="false" id="search-hit-' + s + '" href="' + esc(root + hit.href) + '" data-terms="' + esc(JSON.stringify(terms)) + '">' +
              '<span class="search-hit-head"><span class="search-kind search-kind-' + esc(hit.kind) + '">' + esc(kindLabel(hit.kind)) + "</span>" +
              '<span class="search-hit-title">' + highlightHtml(hit.title, hit.variants) + "</span></span>" +
              (hit.heading ? '<span class="search-hit-heading">' + highlightHtml(hit.heading, hit.variants) + "</span>" : "") +
              (hit.text ? '<span class="search-hit-excerpt">' + excerptHtml(hit.text, hit.variants) + "</span>" : "") +
              "</a></li>";
          }
          html += "</ol>";
          if (shown.length > upto) {
            html += '<button type="button" class="search-more">显示更多结果（还有 ' + (shown.length - upto) + " 条）</button>";
          } else if (capped) {
            html += '<p class="search-capped">只列出了最相关的 ' + shown.length + " 条" +
              "。要找的不在里面？再加一个词缩小范围，如规则编号、业务名称或客户说的事。</p>";
          }
        }
      }
      if (res.offer) {
        said = "是不是要找“" + res.offer + "”？" + said;
        html = '<p class="search-suggest">是不是要找“<button type="button" class="search-suggest-q" data-q="' + esc(res.offer) + '">' + esc(res.offer) + "</button>”？</p>" + html;
      }
      if (res.mended) {
        said = "没有找到“" + res.mended + "”，以下是“" + q + "”的结果。" + said;
        html = '<p class="search-suggest">没有找到“' + esc(res.mended) + "”，以下是“<strong>" + esc(q) + "</strong>”的结果。" +
          '<button type="button" class="search-suggest-q" data-literal="' + esc(res.mended) + '">仍然搜索“' + esc(res.mended) + "”</button></p>" + html;
      }
      if (res.unloaded && res.hits.length) {
        said = "部分搜索索引没能载入，结果可能不全。" + said;
        html = '<p class="search-suggest search-partial">部分搜索索引没能载入（网络断了？），下面的结果可能不全。' +
          '<button type="button" class="search-suggest-q search-retry" data-q="' + esc(q) + '">重新搜索</button></p>' + html;
      }
      box.innerHTML = html;
      box.setAttribute("data-query", res.mended || q);
      // (While a filter's own best are fetched, the list shown is the kind's among the best 30
      // of all: a screen reader, and a test, waits for the one that follows.)
      if (pending) box.setAttribute("aria-busy", "true");
      else box.removeAttribute("aria-busy");
      state.active = -1;
      input.removeAttribute("aria-activedescendant");
      if (quiet()) {
        if (!box.hidden) close();
      } else {
        open();
        announce(pending ? "" : said);
      }
      if (state.back) {
        var ls = links();
        for (var b = 0; b < ls.length; b++) if (ls[b].getAttribute("href") === state.back) setActive(b);
        // (Looked for until the list is settled: a query mended later marks it in its own.)
        if (ls.length && !state.settling) state.back = null;
      }
    }

    function run(immediate, wait) {
      if (state.timer) { clearTimeout(state.timer); state.timer = 0; }
      var exec = function () {
        state.timer = 0;
        if (state.composing) return; // (compositionend searches what is committed)
        var q = state.typed = input.value;
        var seq = ++state.seq;
        box.removeAttribute("data-settled");
        if (!/\S/.test(q)) { keepInAddress(""); if (state.slow) { clearTimeout(state.slow); state.slow = 0; } state.busy = state.settling = false; state.pendingEnter = false; state.res = null; box.innerHTML = ""; box.removeAttribute("data-query"); box.removeAttribute("aria-busy"); close(); return; }
        state.busy = true;
        state.settling = false;
        // Typing on replaces the query: this one is then given up where it is.
        var current = function () { return seq === state.seq; };
        // A slow intranet (the index's files taking a second or more): past 400 ms with
        // nothing shown yet, the box says it is searching, rather than staying shut.
        if (state.slow) clearTimeout(state.slow);
        state.slow = setTimeout(function () {
          state.slow = 0;
          if (!current() || !state.busy || quiet() || (!box.hidden && box.getAttribute("data-query"))) return;
          box.innerHTML = '<div class="search-empty search-loading"><p>正在搜索“' + esc(q) + '”…</p></div>';
          box.setAttribute("aria-busy", "true");
          open();
        }, 400);
        search(q, function (res) {
          if (seq !== state.seq) return;
          // A filter kept (Back from a result): its list is its kind's own best, shown once
          // that is in as well.
          kindAnswer(res, state.filter, current, function () { show(res); });
        }, false, current);
        function show(res) {
          if (seq !== state.seq) return;
          state.busy = false;
          if (state.slow) { clearTimeout(state.slow); state.slow = 0; }
          state.res = res;
          // (Back to a list shown longer, 显示更多: as long, the result opened on it.)
          state.limit = state.backLimit || PAGE;
          state.backLimit = 0;
          // Until it is settled (a slip's mend may replace the list), Enter waits for the
          // final list, and Back's result opened is looked for in it too.
          state.settling = true;
          render();
          // A pair of characters the book never has (no page holds the query as typed):
          // show the results of the query with the right characters of the same sound, and
          // offer the query as typed (仍然搜索), which is then left as it is.
          // (data-settled: the query's results will not change now, suggestion or not; for
          // tests and the quality bench.)
          var settle = function () {
            if (seq !== state.seq) return;
            state.settling = false;
            state.back = null;
            keepInAddress(q);
            box.setAttribute("data-settled", q);
            // Enter pressed before: the first result of the list as it stays.
            if (state.pendingEnter) {
              // (go, or goTab for Ctrl+Enter: what the key pressed asked for.)
              var opener = state.pendingEnter;
              state.pendingEnter = false;
              var first = links()[0];
              if (first) opener(first);
            }
          };
          // (Nothing to mend in a query whose index did not load.)
          if (state.literal === q || res.unloaded || res.error) { settle(); return; }
          suggest(q, function (sg) {
            if (!sg || seq !== state.seq || state.res !== res) { settle(); return; }
            if (sg.whole || (sg.pinyin && res.hits.length)) {
              // Offered only: Enter and the first result stay those of the query as typed
              // (letters with results of their own, as typed, may be no pinyin at all).
              res.offer = sg.query;
              render();
              settle();
              return;
            }
            search(sg.query, function (mended) {
              if (seq !== state.seq || state.res !== res || !mended.hits.length) { settle(); return; }
              kindAnswer(mended, state.filter, current, function () {
                if (seq !== state.seq || state.res !== res) { settle(); return; }
                mended.mended = q;
                state.res = mended;
                render();
                settle();
              });
            }, false, current);
          }, current, !res.hits.length);
        }
      };
      if (immediate) exec(); else state.timer = setTimeout(exec, wait == null ? tuning.keyWaitMs.short : wait);
    }

    // What the box held at the previous edit: one character more or less is a key typed (or
    // erased) on the way to a query, and the search waits for the next key (keyWaitMs.key).
    // (Also set when a search starts: a query put in the box by a click.)
    function edited(committed) {
      var was = state.typed;
      // A box emptied starts the next question on 全部: a filter chosen for the last query
      // (培训) hid the next one's answers from a worker in a hurry, its chip unnoticed.
      if (!/\S/.test(input.value)) state.filter = "all";
      state.back = null;
      state.backLimit = 0;
      state.typed = input.value;
      // The query under way is no longer the one in the box: given up at its next step (its
      // files still loading, its ranking, its documents) rather than when the next search
      // starts, which on a slow computer was after its ranking, between the keys.
      state.seq++;
      var key = !committed && Math.abs(state.typed.length - was.length) === 1;
      run(false, key ? tuning.keyWaitMs.key : tuning.keyWaitMs.short);
    }
    input.addEventListener("input", function (e) {
      if (e.isComposing || state.composing) return;
      edited(false);
    });
    // (A search waiting for its keys is dropped: run while the input method's candidates are
    // open, it read the half-typed pinyin in the box, `tin`, and said 无结果 for it. The word
    // committed starts the next.)
    input.addEventListener("compositionstart", function () {
      state.composing = true;
      if (state.timer) { clearTimeout(state.timer); state.timer = 0; }
    });
    // (A word an input method commits arrives whole, even of one character: the short wait.)
    input.addEventListener("compositionend", function () { state.composing = false; edited(true); });
    // The index's table of contents (meta.js: its fold table, the trades of its characters)
    // is read when the box is focused, not at the first key: a query typed then needs only
    // its own files. (Not on every page shown: most pages are opened to be read.)
    var warmed = false;
    function warm() {
      if (warmed) return;
      warmed = true;
      loadMeta(function (m) { if (m) unswap(""); });
    }
    input.addEventListener("focus", function () {
      warm();
      if (state.res && input.value && box.hidden) open();
      else if (!input.value && box.hidden) showRecent();
    });
    input.addEventListener("click", function () {
      if (!input.value && box.hidden) showRecent();
    });

    form.addEventListener("keydown", function (e) {
      if (e.isComposing || state.composing) return;
      var key = e.key;
      if (key === "ArrowDown" || key === "Down" || key === "ArrowUp" || key === "Up") {
        if (!state.res) return;
        e.preventDefault();
        if (box.hidden) { open(); return; }
        var down = key === "ArrowDown" || key === "Down";
        var n = links().length;
        if (!n) return;
        var i = state.active;
        // Past the last result shown: to 显示更多 when there are more, else round to the first.
        var more = box.querySelector(".search-more");
        if (down && i + 1 >= n && more && doc.activeElement !== more) {
          setActive(-1);
          more.focus();
          return;
        }
        if (down) i = i + 1 >= n ? 0 : i + 1;
        else i = i <= 0 ? n - 1 : i - 1;
        setActive(i);
        if (doc.activeElement !== input) input.focus();
      } else if (key === "Enter") {
        // (Not `open`: the name of the function that opens the list, above.)
        var t = e.target, opener = e.ctrlKey || e.metaKey || e.shiftKey ? goTab : go;
        if (t && t.tagName === "BUTTON") return;
        if (t && t.tagName === "A") { e.preventDefault(); opener(t); return; }
        e.preventDefault();
        if (state.timer || state.busy || (state.settling && state.active < 0)) {
          // The results for what was just typed are not shown yet, or may still be replaced
          // by those of a slip mended (投塑处理): open the first of the list that stays.
          state.pendingEnter = opener;
          if (state.timer) run(true);
          return;
        }
        var ls = links();
        var a = state.active >= 0 ? ls[state.active] : ls[0];
        if (a && !box.hidden) opener(a);
      } else if (key === "Escape" || key === "Esc") {
        // (The box focused first: its focus handler would open the list again.)
        if (!box.hidden) { e.preventDefault(); input.focus(); close(); }
        else if (input.value) { e.preventDefault(); input.value = ""; state.filter = "all"; run(true); }
        else input.blur();
      }
    });

    // Enter is handled above; a submit by other means (a phone keyboard's 前往) stays on the
    // page too. (No onsubmit in the HTML: a strict Content-Security-Policy blocks it.)
    if (form.tagName === "FORM") form.addEventListener("submit", function (e) {
      e.preventDefault();
      var ls = links();
      var a = state.active >= 0 ? ls[state.active] : ls[0];
      if (a && !box.hidden && !state.timer && !state.busy) go(a);
    });

    box.addEventListener("click", function (e) {
      var t = e.target;
      while (t && t !== box && !(t.tagName === "A" || t.tagName === "BUTTON")) t = t.parentNode;
      if (!t || t === box) return;
      if (t.tagName === "BUTTON") {
        e.preventDefault();
        if (t.getAttribute("data-literal") != null) {
          state.literal = input.value = t.getAttribute("data-literal");
          input.focus();
          run(true);
          return;
        }
        if (t.getAttribute("data-q") != null) {
          input.value = t.getAttribute("data-q");
          input.focus();
          run(true);
          return;
        }
        if ((" " + t.className + " ").indexOf(" search-recent-clear ") >= 0) {
          try { recentStore().removeItem(RECENT_KEY); } catch (err) { /* unavailable */ }
          box.innerHTML = "";
          close();
          input.focus();
          return;
        }
        var from = -1;
        if (t.getAttribute("data-filter")) {
          state.filter = t.getAttribute("data-filter");
          state.limit = PAGE;
        } else if ((" " + t.className + " ").indexOf(" search-more ") >= 0) {
          state.limit += PAGE * 2;
          from = links().length; // the first of those about to be shown: arrows go on from there
        }
        render();
        input.focus();
        if (from >= 0) setActive(from);
        return;
      }
      if ((" " + t.className + " ").indexOf(" search-hit-link ") >= 0) {
        if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { rememberHighlight(t); return; }
        e.preventDefault();
        go(t);
      }
    });
    box.addEventListener("mousedown", function (e) {
      // keep focus in the box: a click on a filter must not look like leaving the search
      if (e.target && e.target.tagName === "BUTTON") e.preventDefault();
    });

    doc.addEventListener("mousedown", function (e) {
      if (box.hidden) return;
      for (var t = e.target; t; t = t.parentNode) if (t === form) return;
      close();
    });
    form.addEventListener("focusout", function () {
      setTimeout(function () {
        var a = doc.activeElement;
        for (var t = a; t; t = t.parentNode) if (t === form) return;
        if (a && a !== doc.body) close();
      }, 0);
    });

    doc.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      if (e.key !== "/" && e.key !== "s" && e.key !== "S") return;
      if (e.key === "S" && !e.shiftKey) return;
      // (Turned off in the shortcuts' box, handbook.js: the keys are for typing only.)
      try { if (global.localStorage.getItem("handbook-keys") === "off") return; } catch (err) { /* on */ }
      var t = e.target;
      if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
      e.preventDefault();
      input.focus();
      if (input.select) input.select();
    });

    // A fresh page starts with an empty box (browsers may restore a previous page's value),
    // or with the query it was left by for a result (Back).
    if (!isSearchPage) input.value = "";
    global.addEventListener("pageshow", function (e) { if (e.persisted) restoreFromBack(); });
    // (On the search page, the query typed there before a result was opened wins over the
    // address's ?q=.)
    if (!restoreFromBack() && isSearchPage) {
      var m = /[?&]q=([^&#]*)/.exec(global.location.search || "");
      if (m) {
        var q = m[1].replace(/\+/g, " ");
        try { q = decodeURIComponent(q); } catch (e) { /* keep raw */ }
        input.value = q;
        run(true);
      }
    }

    global.addEventListener("hashchange", function () { setTimeout(applyStoredHighlight, 0); });
  }

  var api = {
    normalise: normalise,
    normaliseMap: normaliseMap,
    tokenise: tokenise,
    planQuery: planQuery,
    planTerms: planTerms,
    setFold: setFold,
    setAlts: setAlts,
    setSynonyms: function (g) { synonyms = g || []; },
    search: search,
    suggest: suggest,
    rank: rank,
    deepen: deepen,
    diversify: diversify,
    tuning: tuning,
    decodePostings: decodePostings,
    excerptHtml: excerptHtml,
    restWanted: restWanted,
    highlightHtml: highlightHtml,
    highlightElement: highlightElement,
    loadMeta: loadMeta
  };
  global.HandbookSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;

  if (doc && doc.getElementById) {
    var start = function () { setupUi(); applyStoredHighlight(); };
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(typeof window !== "undefined" ? window : this);
