/*
 * Search worker for a prebuilt, split index (generator/search/shards.py).
 * Written for this project. It speaks the messages of Material for MkDocs'
 * search UI (SETUP 0 -> READY 1, QUERY 2 -> RESULT 3) and stands in for
 * Material's lunr worker on large sites: nothing is indexed in the browser,
 * and a query loads only the shards of its words and the documents it shows.
 *
 * Words are read as the index read them: lower case, edges trimmed, stop
 * words dropped unless the query has nothing else, and stemmed by our
 * Indonesian stemmer (lunr.id.min.js, KB_ID_STEMMER). A typed word finds the
 * terms that start with it (as Material's "word*") and, a little lower, the
 * candidate roots of the word ("menangani" -> "tangan": "penanganan").
 *
 * Files are loaded with importScripts: synchronous in a worker, a promise in
 * the iframe shim that runs this worker from file:// (offline bundle).
 */
(function () {
  "use strict";

  var MAX_PAGES = 100;          // result groups (pages) returned for one query
  var MIN_PREFIX = 3;           // letters a word needs before it finds longer terms
  var PASSAGES = 12;            // results shown with the passage that matched (the rest: their start)
  var EXPANSION_BOOST = 0.8;    // a candidate root counts a little less than the word typed
  var WORD = /(^|[^&#A-Za-z0-9\u00C0-\u024F])([A-Za-z0-9\u00C0-\u024F]+)/g;
  var EDGES = /^[^A-Za-z0-9\u00C0-\u024F]+|[^A-Za-z0-9\u00C0-\u024F]+$/g;

  var root = siteRoot();
  var manifest = null;
  var shards = {};              // key -> {term: [doc, weight, gap, weight, ...]}
  var chunks = {};              // chunk number -> [[location, title, teaser, parent], ...]
  var texts = {};               // text chunk number -> [text, ...]
  var stemmer = null;
  var queue = Promise.resolve();

  /* The site's root URL: this file is assets/javascripts/workers/<name>.js. In the
     iframe shim, location is the page's; the script element knows this file. */
  function siteRoot() {
    var here = self.location.href;
    if (typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent) {
      var script = document.querySelector("script[src]");
      if (script) here = script.src;
    }
    return new URL("../../../", here).href;
  }

  self.kbSearchIndex = undefined;
  self.kbSearchShard = function (key, terms) { shards[key] = terms; };
  self.kbSearchDocs = function (n, docs) { chunks[n] = docs; };
  self.kbSearchTexts = function (n, list) { texts[n] = list; };

  function load(urls) {
    if (!urls.length) return Promise.resolve();
    return Promise.resolve(importScripts.apply(self, urls));
  }

  function shardFile(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    var bytes = new TextEncoder().encode(key);
    var hex = "x";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return hex;
  }

  /* The shard keys to read for an exact term, or for every term starting with a prefix. */
  function keysFor(word, prefix) {
    var keys = manifest.shards;
    var longest = null;
    var out = [];
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (word.indexOf(k) === 0 && (longest === null || k.length > longest.length)) longest = k;
      if (prefix && k.length > word.length && k.indexOf(word) === 0) out.push(k);
    }
    if (longest !== null) out.push(longest);
    return out;
  }

  function words(query) {
    var separator = new RegExp(manifest.separator);
    return query.toLowerCase().split(separator).map(function (w) {
      return w.replace(EDGES, "");
    }).filter(function (w) { return w.length > 0; });
  }

  function setup() {
    return load([root + "assets/javascripts/lunr/min/lunr.id.min.js", root + "search/kb/index.js"]).then(function () {
      stemmer = self.KB_ID_STEMMER;
      manifest = self.kbSearchIndex;
      return { type: 1 };
    });
  }

  function search(query) {
    var typed = words(query);
    var content = typed.filter(function (w) { return !stemmer.isStopWord(w); });
    if (content.length) typed = content;
    typed = typed.filter(function (w, i) { return typed.indexOf(w) === i; });
    if (!typed.length) return Promise.resolve({ items: [] });
    var wanted = {};
    var plans = typed.map(function (w) {
      // From three letters on, a word also finds the terms it begins (two letters
      // would reach a good part of the index before the reader has typed a word).
      var prefix = w.length >= MIN_PREFIX && /^[a-z0-9\u00C0-\u024F]+$/.test(w);
      var roots = /^[a-z]+$/.test(w) ? stemmer.candidates(w).filter(function (s) {
        return s !== w && !(prefix && s.indexOf(w) === 0);
      }) : [];
      keysFor(w, prefix).forEach(function (k) { wanted[k] = true; });
      roots.forEach(function (s) { keysFor(s, false).forEach(function (k) { wanted[k] = true; }); });
      return { word: w, prefix: prefix, roots: roots };
    });
    var missing = Object.keys(wanted).filter(function (k) { return !shards[k]; });
    return load(missing.map(function (k) { return root + "search/kb/t/" + shardFile(k) + ".js"; }))
      .then(function () { return score(plans, Object.keys(wanted)); })
      .then(present);
  }

  function idf(df) {
    return Math.log(1 + Math.abs((manifest.docs - df + 0.5) / (df + 0.5)));
  }

  /* Score every document the words reach; remember which typed word found each and
     which index terms matched (for highlighting). */
  function score(plans, keys) {
    var scores = {}, found = {}, matched = {};
    function add(term, posting, boost, word) {
      var weightOfTerm = idf(posting.length / 2) * boost;
      var doc = 0;
      for (var i = 0; i < posting.length; i += 2) {
        doc += posting[i];
        scores[doc] = (scores[doc] || 0) + weightOfTerm * Math.pow(2, posting[i + 1] / 4);
        (found[doc] || (found[doc] = {}))[word] = true;
      }
      matched[term] = word;
    }
    plans.forEach(function (plan) {
      keys.forEach(function (k) {
        var terms = shards[k];
        Object.keys(terms).forEach(function (term) {
          if (plan.prefix ? term.indexOf(plan.word) === 0 : term === plan.word) add(term, terms[term], 1, plan.word);
        });
      });
      plan.roots.forEach(function (s) {
        keys.forEach(function (k) {
          var posting = shards[k][s];
          if (posting && !(s in matched)) add(s, posting, EXPANSION_BOOST, plan.word);
        });
      });
    });
    return { plans: plans, scores: scores, found: found, matched: matched };
  }

  function present(result) {
    var plans = result.plans;
    var docs = Object.keys(result.scores).map(Number);
    var chunk = manifest.chunk;
    // Material's ranking after lunr: pages over sections, and all typed words over some.
    var ranked = docs.map(function (d) {
      var share = Object.keys(result.found[d]).length / plans.length;
      return { doc: d, score: result.scores[d], share: share };
    });
    var needed = {};
    ranked.forEach(function (r) { needed[Math.floor(r.doc / chunk)] = true; });
    // Sections need their page: the page is its chunk's or an earlier one; load the
    // chunks of the best results first, then their pages'.
    ranked.sort(function (a, b) { return b.score * (1 + b.share * b.share) - a.score * (1 + a.share * a.share); });
    var top = ranked.slice(0, MAX_PAGES * 3);
    var first = unique(top.map(function (r) { return Math.floor(r.doc / chunk); }));
    return loadChunks(first).then(function () {
      var pages = unique(top.map(function (r) {
        var parent = entry(r.doc)[3];
        return Math.floor((parent < 0 ? r.doc : parent) / chunk);
      }));
      return loadChunks(pages);
    }).then(function () {
      var groups = group(top, result);
      var shown = [];
      groups.forEach(function (items) { items.forEach(function (it) { if (shown.length < PASSAGES) shown.push(it); }); });
      var files = unique(shown.map(function (it) { return Math.floor(it.__doc / manifest.texts); }))
        .filter(function (n) { return !texts[n]; });
      return load(files.map(function (n) { return root + "search/kb/x/" + n + ".js"; })).then(function () {
        groups.forEach(function (items) {
          items.forEach(function (it) {
            var full = shown.indexOf(it) >= 0 && !it.__plain ? texts[Math.floor(it.__doc / manifest.texts)][it.__doc % manifest.texts] : null;
            var text = full === null ? entry(it.__doc)[2] : passage(full, result);
            it.text = text ? "<p>" + (it.__plain ? text : highlight(text, result)) + "</p>" : "";
            delete it.__doc;
            delete it.__plain;
          });
        });
        return { items: groups };
      });
    });
  }

  /* The part of a text around its first matching word, cut at spaces (never
     inside an escaped character). */
  function passage(text, result) {
    var at = -1;
    text.replace(WORD, function (all, before, w, offset) {
      if (at < 0 && hits(w, result)) at = offset + before.length;
      return all;
    });
    if (at < 0 || text.length <= manifest.teaser) return text.length <= manifest.teaser ? text : cut(text, 0);
    return cut(text, Math.max(0, at - Math.floor(manifest.teaser / 3)));
  }

  function cut(text, start) {
    if (start > 0) start = text.indexOf(" ", start) + 1;
    var end = start + manifest.teaser;
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      end = space > start ? space : end;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function loadChunks(numbers) {
    var missing = numbers.filter(function (n) { return !chunks[n]; });
    return load(missing.map(function (n) { return root + "search/kb/d/" + n + ".js"; }));
  }

  function entry(doc) {
    return chunks[Math.floor(doc / manifest.chunk)][doc % manifest.chunk];
  }

  function group(ranked, result) {
    var groups = [], byPage = {};
    ranked.forEach(function (r) {
      var e = entry(r.doc);
      var page = e[3] < 0 ? r.doc : e[3];
      var isPage = e[3] < 0 ? 1 : 0;
      var boost = isPage + r.share;
      var item = toItem(e, r.score * (1 + boost * boost), result, r.doc);
      if (!(page in byPage)) {
        if (groups.length >= MAX_PAGES) return;
        byPage[page] = groups.length;
        groups.push([]);
      }
      groups[byPage[page]].push(item);
    });
    groups.forEach(function (items) {
      var pageDoc = null;
      for (var i = 0; i < items.length; i++) if (items[i].location.indexOf("#") < 0) pageDoc = items[i];
      if (!pageDoc) {
        var parent = entry(items[0].__doc)[3];
        items.push(toItem(entry(parent), 0, result, parent, true));
      }
    });
    return groups;
  }

  function toItem(e, score, result, doc, plainItem) {
    var terms = {};
    result.plans.forEach(function (p) { terms[p.word] = !!(result.found[doc] && result.found[doc][p.word]); });
    return {
      location: e[0],
      title: plainItem ? e[1] : highlight(e[1], result),
      text: "",
      score: score,
      terms: plainItem ? {} : terms,
      __doc: doc,
      __plain: !!plainItem
    };
  }

  function hits(word, result) {
    var lower = word.toLowerCase();
    return result.plans.some(function (p) { return p.prefix ? lower.indexOf(p.word) === 0 : lower === p.word; }) ||
      (!stemmer.isStopWord(lower) && stemmer.stem(lower) in result.matched);
  }

  /* Mark the words of an (escaped) text that the query matched. */
  function highlight(text, result) {
    return text.replace(WORD, function (all, before, w) {
      return hits(w, result) ? before + "<mark>" + w + "</mark>" : all;
    });
  }

  function unique(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; });
  }

  function handle(message) {
    if (message.type === 0) return setup();
    if (message.type === 2) {
      return search(String(message.data || "")).catch(function (err) {
        console.warn("search failed: " + err);
        return { items: [] };
      }).then(function (data) { return { type: 3, data: data }; });
    }
    return Promise.reject(new TypeError("Invalid message type"));
  }

  /* One message at a time, answered in order: a slow first keystroke never
     overwrites the answer to a later one, and a query that a newer one has
     replaced while it waited is not searched at all (the UI shows the newest). */
  var latest = 0;
  addEventListener("message", function (ev) {
    var number = ev.data && ev.data.type === 2 ? ++latest : 0;
    queue = queue.then(function () {
      // A turn of the event loop first, so that messages already sent arrive.
      return new Promise(function (resolve) { setTimeout(resolve, 0); });
    }).then(function () {
      if (number && number !== latest) return null;
      return handle(ev.data);
    }).then(function (answer) {
      if (answer) postMessage(answer);
    }, function (err) { console.warn(err); });
  });
})();
