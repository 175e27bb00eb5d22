/* The classroom exercise page of framing (framing.classroom.exercise). No network, no library.
 * Scores are counted by phrase, exactly as framing.classroom.compare_marks does:
 * a student phrase is a run of consecutive marked words, a tool phrase is one of the tool's
 * spans; phrases that share a word join into one unit; every other word is a unit of its own.
 * Article text reaches the page only as escaped HTML; this script writes text with
 * textContent only, never innerHTML. */
(function () {
  "use strict";
  var root = document.getElementById("fx-root");
  var data = document.getElementById("fx-data");
  var key = null;  // the tool's marks, decoded on the first Check

  function decodeKey() {
    if (key) return key;
    var salt = data.getAttribute("data-salt");
    var raw = atob(data.getAttribute("data-key"));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i) ^ salt.charCodeAt(i % salt.length);
    }
    key = JSON.parse(new TextDecoder("utf-8").decode(bytes));
    return key;
  }

  /* ---- scoring (the same algorithm as framing.classroom.phrase_units) ---- */

  function runs(flags) {
    var out = [], first = -1;
    for (var i = 0; i <= flags.length; i++) {
      var on = i < flags.length && flags[i];
      if (on && first < 0) first = i;
      if (!on && first >= 0) { out.push([first, i - 1]); first = -1; }
    }
    return out;
  }

  function units(nWords, phrases) {  // phrases: {coder: [[first, last], ...]}
    var marked = [];
    Object.keys(phrases).forEach(function (coder) {
      phrases[coder].forEach(function (p) { marked.push([p[0], p[1], coder]); });
    });
    marked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
    var merged = [];
    marked.forEach(function (m) {
      var last = merged[merged.length - 1];
      if (last && m[0] <= last.last) {
        last.last = Math.max(last.last, m[1]);
        last.coders[m[2]] = true;
      } else {
        var coders = {}; coders[m[2]] = true;
        merged.push({first: m[0], last: m[1], coders: coders});
      }
    });
    var out = [], word = 0;
    merged.concat([{first: nWords, last: nWords, coders: {}}]).forEach(function (u) {
      for (var i = word; i < Math.min(u.first, nWords); i++) out.push({first: i, last: i, coders: {}});
      if (u.first < nWords) out.push(u);
      word = u.last + 1;
    });
    return out;
  }

  function alphaBinary(a, b) {  // Krippendorff's alpha, nominal, two coders, no missing values
    var n = 2 * a.length, n1 = 0, d = 0;
    for (var i = 0; i < a.length; i++) {
      n1 += (a[i] ? 1 : 0) + (b[i] ? 1 : 0);
      if (a[i] !== b[i]) d += 1;
    }
    var n0 = n - n1;
    return n0 * n1 === 0 ? NaN : 1 - (n - 1) * d / (n0 * n1);
  }

  function scores(nWords, studentFlags, toolPhrases) {
    var us = units(nWords, {student: runs(studentFlags), tool: toolPhrases});
    var s = us.map(function (u) { return !!u.coders.student; });
    var t = us.map(function (u) { return !!u.coders.tool; });
    var nS = 0, nT = 0, nB = 0;
    for (var i = 0; i < us.length; i++) { nS += s[i]; nT += t[i]; nB += s[i] && t[i]; }
    return {units: us, n_units: us.length, n_student: nS, n_tool: nT, n_both: nB,
            precision: nS ? nB / nS : NaN, recall: nT ? nB / nT : NaN, alpha: alphaBinary(s, t)};
  }

  /* ---- marking: click, tap, or keyboard (arrows move, Space or Enter marks) ---- */

  function words(group) { return Array.prototype.slice.call(group.querySelectorAll(".fx-w")); }
  function flags(group) { return words(group).map(function (w) { return w.getAttribute("aria-checked") === "true"; }); }

  function toggle(word) {
    var on = word.getAttribute("aria-checked") !== "true";
    word.setAttribute("aria-checked", on ? "true" : "false");
    var card = word.closest(".fx-task");
    card.classList.add("fx-stale");
    var status = card.querySelector(".fx-status");
    status.textContent = "Your marks changed. Press Check to compare them.";
    if (card.getAttribute("data-task") === "sources") listSources(card);
  }

  function focusWord(group, from, to) {
    var ws = words(group);
    to = Math.max(0, Math.min(ws.length - 1, to));
    ws[from].setAttribute("tabindex", "-1");
    ws[to].setAttribute("tabindex", "0");
    ws[to].focus();
  }

  root.addEventListener("click", function (ev) {
    var w = ev.target.closest(".fx-w");
    if (w) {
      var group = w.closest(".fx-text");
      var ws = words(group), cur = ws.indexOf(group.querySelector(".fx-w[tabindex='0']"));
      focusWord(group, cur < 0 ? 0 : cur, ws.indexOf(w));
      toggle(w);
      return;
    }
    var b = ev.target.closest("button[data-action]");
    if (!b) return;
    var action = b.getAttribute("data-action");
    if (action === "check") check(b.closest(".fx-task"));
    if (action === "save") save();
    if (action === "clear") clear(b.closest(".fx-task"));
  });

  root.addEventListener("keydown", function (ev) {
    var w = ev.target.closest && ev.target.closest(".fx-w");
    if (!w) return;
    var group = w.closest(".fx-text"), ws = words(group), i = ws.indexOf(w);
    var moves = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: ws.length - 1};
    if (ev.key in moves) { focusWord(group, i, moves[ev.key]); ev.preventDefault(); }
    else if (ev.key === " " || ev.key === "Enter") { toggle(w); ev.preventDefault(); }
  });

  function clear(card) {
    words(card.querySelector(".fx-text")).forEach(function (w) {
      w.setAttribute("aria-checked", "false");
      w.className = "fx-w";
    });
    card.querySelector(".fx-result").textContent = "";
    card.querySelector(".fx-status").textContent = "Marks cleared.";
    if (card.getAttribute("data-task") === "sources") listSources(card);
  }

  /* ---- Task 2: each marked phrase is a source; the student says named or anonymous ---- */

  function phraseText(ws, p) {
    return ws.slice(p[0], p[1] + 1).map(function (w) { return w.textContent; }).join(" ");
  }

  function listSources(card) {
    var ws = words(card.querySelector(".fx-text"));
    var list = card.querySelector(".fx-sources");
    var chosen = {};
    list.querySelectorAll("input:checked").forEach(function (r) { chosen[r.getAttribute("data-first")] = r.value; });
    list.textContent = "";
    runs(flags(card.querySelector(".fx-text"))).forEach(function (p, k) {
      var fs = document.createElement("fieldset");
      fs.className = "fx-source";
      fs.setAttribute("data-first", p[0]);
      fs.setAttribute("data-last", p[1]);
      var lg = document.createElement("legend");
      lg.textContent = "Source " + (k + 1) + ": " + phraseText(ws, p);
      fs.appendChild(lg);
      ["named", "anonymous"].forEach(function (type) {
        var label = document.createElement("label");
        var r = document.createElement("input");
        r.type = "radio";
        r.name = card.id + "-src-" + p[0];
        r.value = type;
        r.setAttribute("data-first", p[0]);
        if (chosen[p[0]] === type) r.checked = true;
        label.appendChild(r);
        label.appendChild(document.createTextNode(" " + type));
        fs.appendChild(label);
      });
      list.appendChild(fs);
    });
  }

  function sourceTypes(card) {
    var types = {};
    card.querySelectorAll(".fx-sources input:checked").forEach(function (r) { types[r.getAttribute("data-first")] = r.value; });
    return types;
  }

  /* ---- Check ---- */

  function fmt(v) { return isNaN(v) ? "n/a" : v.toFixed(2); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function scoreTable(rows) {
    var table = el("table", null, "fx-scores");
    var head = table.createTHead().insertRow();
    ["score", "value", "what it means"].forEach(function (h) { var th = el("th", h); th.scope = "col"; head.appendChild(th); });
    var body = table.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      var th = el("th", r[0]); th.scope = "row"; tr.appendChild(th);
      var td = el("td", typeof r[1] === "number" && r[1] % 1 === 0 && r[2] !== "score" ? String(r[1]) : fmt(r[1]));
      td.setAttribute("data-score", r[3]);
      td.setAttribute("data-value", isNaN(r[1]) ? "NaN" : String(r[1]));
      tr.appendChild(td);
      tr.appendChild(el("td", r[4] || ""));
    });
    return table;
  }

  function paintUnits(ws, us) {
    ws.forEach(function (w) { w.className = "fx-w"; });
    us.forEach(function (u) {
      var s = !!u.coders.student, t = !!u.coders.tool;
      var cls = s && t ? "fx-both" : s ? "fx-student" : t ? "fx-tool" : "";
      if (!cls) return;
      for (var i = u.first; i <= u.last; i++) ws[i].classList.add(cls);
    });
  }

  var AGREEMENT = {"fx-both": "you and the tool", "fx-student": "only you", "fx-tool": "only the tool"};

  function checkLoaded(card, k, result) {
    var group = card.querySelector(".fx-text"), ws = words(group);
    var marks = k.loaded, phrases = marks.map(function (m) { return [m.first, m.last]; });
    var sc = scores(ws.length, flags(group), phrases);
    paintUnits(ws, sc.units);
    result.appendChild(scoreTable([
      ["phrases in the passage", sc.n_units, "count", "n_units", "a phrase you and the tool both touch counts once; every other word is one unit"],
      ["marked by you", sc.n_student, "count", "n_student"],
      ["marked by the tool", sc.n_tool, "count", "n_tool"],
      ["marked by both", sc.n_both, "count", "n_both"],
      ["precision", sc.precision, "score", "precision", "of the phrases you marked, the share the tool marked too"],
      ["recall", sc.recall, "score", "recall", "of the phrases the tool marked, the share you found"],
      ["Krippendorff's alpha", sc.alpha, "score", "alpha", "1 = full agreement, 0 = no better than chance"]
    ]));
    result.appendChild(el("h4", "Why the tool marked each phrase"));
    var ol = el("ol", null, "fx-reasons");
    marks.forEach(function (m) {
      var found = sc.units.some(function (u) { return u.coders.student && u.first <= m.first && m.last <= u.last; });
      var li = el("li");
      li.appendChild(el("strong", m.text));
      li.appendChild(document.createTextNode(" · " + m.category.replace(/_/g, " ") + ": " + m.meaning + ". Why: " + m.note + "."));
      if (m.voice === "quoted") li.appendChild(document.createTextNode(" It is inside a quotation: a source's word."));
      if (m.alternative) li.appendChild(document.createTextNode(" A plainer word: " + m.alternative + "."));
      li.appendChild(el("span", found ? " You marked it too." : " You did not mark it.", found ? "fx-yes" : "fx-no"));
      ol.appendChild(li);
    });
    if (!marks.length) ol.appendChild(el("li", "The tool marked nothing in this passage."));
    result.appendChild(ol);
    var only = sc.units.filter(function (u) { return u.coders.student && !u.coders.tool; });
    if (only.length) {
      result.appendChild(el("h4", "Marked by you only: who is right, and why?"));
      var ul = el("ul");
      only.forEach(function (u) { ul.appendChild(el("li", phraseText(ws, [u.first, u.last]))); });
      result.appendChild(ul);
    }
    return sc;
  }

  function checkSources(card, k, result) {
    var group = card.querySelector(".fx-text"), ws = words(group), types = sourceTypes(card);
    var tool = k.sources, phrases = tool.map(function (s) { return [s.first, s.last]; });
    var sc = scores(ws.length, flags(group), phrases);
    paintUnits(ws, sc.units);
    var rs = runs(flags(group)), sameType = 0;
    sc.units.forEach(function (u) {  // per unit both marked: the student's first phrase vs the tool's first source
      if (!(u.coders.student && u.coders.tool)) return;
      var r = rs.filter(function (p) { return u.first <= p[0] && p[0] <= u.last; })[0];
      var s = tool.filter(function (t) { return u.first <= t.first && t.first <= u.last; })[0];
      if (types[r[0]] === s.type) sameType += 1;
    });
    var ol = el("ol", null, "fx-reasons");
    tool.forEach(function (s) {
      var mine = rs.filter(function (p) { return p[0] <= s.last && s.first <= p[1]; });
      var li = el("li");
      li.appendChild(el("strong", s.text));
      li.appendChild(document.createTextNode(" · " + s.type + (s.source_type !== s.type ? " (" + s.source_type + ")" : "") +
                                             "; introduced by: " + s.cue + "."));
      if (mine.length) {
        var said = types[mine[0][0]];
        li.appendChild(el("span", said ? " You marked it and said: " + said + "." : " You marked it but did not say named or anonymous.",
                          said === s.type ? "fx-yes" : "fx-no"));
      } else {
        li.appendChild(el("span", " You did not mark it.", "fx-no"));
      }
      ol.appendChild(li);
    });
    if (!tool.length) ol.appendChild(el("li", "The tool found no source in this passage."));
    result.appendChild(scoreTable([
      ["sources marked by you", sc.n_student, "count", "n_student"],
      ["sources found by the tool", sc.n_tool, "count", "n_tool"],
      ["marked by both", sc.n_both, "count", "n_both"],
      ["named or anonymous: same as the tool", sameType, "count", "n_same_type", "of the tool's sources you marked"],
      ["precision", sc.precision, "score", "precision", "of the sources you marked, the share the tool found too"],
      ["recall", sc.recall, "score", "recall", "of the sources the tool found, the share you marked"]
    ]));
    result.appendChild(el("h4", "The sources the tool found"));
    result.appendChild(ol);
    return sc;
  }

  function check(card) {
    var k = decodeKey()[card.getAttribute("data-pid")];
    var result = card.querySelector(".fx-result");
    result.textContent = "";
    result.appendChild(el("h3", "What the tool marked"));
    if (card.getAttribute("data-task") === "loaded") checkLoaded(card, k, result); else checkSources(card, k, result);
    card.classList.remove("fx-stale");
    card.classList.add("fx-checked");
    card.querySelector(".fx-status").textContent = "Checked. The results are below the passage.";
    result.focus();
  }

  /* ---- Save: a small JSON file for the teacher (framing.classroom.class_agreement reads a folder of them) ---- */

  function marksRecord() {
    var passages = {};
    root.querySelectorAll(".fx-task").forEach(function (card) {
      var pid = card.getAttribute("data-pid"), task = card.getAttribute("data-task");
      var p = passages[pid] || (passages[pid] = {id: pid, doc_id: card.getAttribute("data-doc"),
        start: +card.getAttribute("data-start"), end: +card.getAttribute("data-end"), loaded: [], sources: []});
      var ws = words(card.querySelector(".fx-text")), types = sourceTypes(card);
      runs(flags(card.querySelector(".fx-text"))).forEach(function (r) {
        var m = {start: +ws[r[0]].getAttribute("data-start"), end: +ws[r[1]].getAttribute("data-end"), text: phraseText(ws, r)};
        if (task === "sources") m.type = types[r[0]] || "";
        p[task].push(m);
      });
    });
    return {format: "framing-exercise-marks", version: 1, lesson: data.getAttribute("data-lesson"),
            student: document.getElementById("fx-name").value.trim(),
            passages: Object.keys(passages).sort().map(function (k) { return passages[k]; })};
  }

  function save() {
    var record = marksRecord();
    var name = (record.student || "student").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "student";
    var a = document.createElement("a");
    a.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(record, null, 1));
    a.download = "marks-" + name + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    document.getElementById("fx-save-status").textContent = "Saved as " + a.download + " in your downloads. Hand it to your teacher.";
  }

  window.framingExercise = {runs: runs, units: units, scores: scores, alphaBinary: alphaBinary, marksRecord: marksRecord};
  root.classList.add("fx-ready");
})();
