/*
 * Indonesian for lunr (Material for MkDocs' search): stemming, stop words, and
 * query expansion. Written for this project.
 *
 * The generator prepends `var KB_ID_DATA = {roots, protect, stop}` (from
 * generator/data/search_id.yml and the gazetteer) and writes the result to
 * assets/javascripts/lunr/min/lunr.id.min.js, where Material's search worker
 * loads it for `lang: id`.
 *
 * How it stems: particles (-lah -kah -tah -pun), possessives (-ku -mu -nya) and
 * one derivational suffix (-kan -an -i) come off the end; up to three prefixes
 * (meN- peN- di- ke- se- ter- ber- per- be- te-) come off the front, with nasal
 * recoding (menangani -> tangan, memberikan -> beri, menyampaikan -> sampai).
 * Without a dictionary these steps are ambiguous (memakai -> pakai, memakan ->
 * makan), so every word yields its candidate roots in order of likelihood; the
 * index keeps one per word (a known root first, else the first two-syllable
 * candidate) and a query asks for all of them. Protected words (place names,
 * terms like "posyandu") are never stemmed.
 *
 * Material appends "*" to every query term and lunr then skips the stemmer,
 * so the query is extended here with the stems of its terms; stop words are
 * dropped unless the query has nothing else. Match positions are kept unique,
 * and matches are reported under the words the reader typed, so that
 * Material's highlighting and "missing term" hints stay right.
 */
(function (root) {
  "use strict";

  var DATA = root.KB_ID_DATA || { roots: [], protect: [], stop: [] };
  var ROOTS = new Set(DATA.roots);
  var PROTECT = new Set(DATA.protect);
  var STOP = new Set(DATA.stop);
  var VOWELS = /[aiueo]/g;
  var DIPHTHONGS = /ai|au|oi|ei/g;

  // Vowels, a diphthong counting once: ku-at 2, pa-kai 2, da-e-rah 3.
  function syllables(w) {
    var v = w.match(VOWELS);
    var d = w.match(DIPHTHONGS);
    return (v ? v.length : 0) - (d ? d.length : 0);
  }

  function plausible(w) {
    return w.length >= 3 && syllables(w) >= 2;
  }

  // Suffix layers, outermost first. Each entry: [suffix, minimum length left].
  var PARTICLES = ["lah", "kah", "tah", "pun"];
  var POSSESSIVES = ["nya", "ku", "mu"];

  function stripOne(w, list) {
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (w.length - s.length >= 4 && w.slice(-s.length) === s && plausible(w.slice(0, -s.length))) {
        return w.slice(0, -s.length);
      }
    }
    return w;
  }

  // Words without their derivational suffix: -kan, -an, -i (not after a/e/o:
  // sampai, pakai, nilai end in -i but keep it), or none.
  function suffixOptions(w) {
    var out = [];
    if (/kan$/.test(w) && plausible(w.slice(0, -3))) out.push(w.slice(0, -3));
    if (/an$/.test(w) && plausible(w.slice(0, -2))) out.push(w.slice(0, -2));
    if (/[^aeio]i$/.test(w) && plausible(w.slice(0, -1))) out.push(w.slice(0, -1));
    out.push(w);
    return out;
  }

  // One prefix off the front, with the roots each reading allows.
  function prefixOptions(w) {
    var out = [];
    var m;
    if ((m = /^(?:me|pe)ny([aiueo].*)$/.exec(w))) out.push("s" + m[1]);
    else if ((m = /^(?:me|pe)ng([aiueo].*)$/.exec(w))) out.push("k" + m[1], m[1]);
    else if ((m = /^(?:me|pe)ng(?:e)?([bcdfghjklmnpqrstvwxyz].*)$/.exec(w))) out.push(m[1]);
    else if ((m = /^(?:me|pe)m([aiueo].*)$/.exec(w))) out.push("p" + m[1], "m" + m[1]);
    else if ((m = /^(?:me|pe)m([bfpv].*)$/.exec(w))) out.push(m[1]);
    else if ((m = /^(?:me|pe)n([aiueo].*)$/.exec(w))) out.push("t" + m[1], "n" + m[1]);
    else if ((m = /^(?:me|pe)n([cdjz].*)$/.exec(w))) out.push(m[1]);
    else if ((m = /^(?:me|pe)([lmnwy].*|r[aiueo].*)$/.exec(w))) out.push(m[1]);
    else if ((m = /^pe([bcdfghjkpstz].*)$/.exec(w))) out.push(m[1]);
    if ((m = /^(?:di|ke|se)(.{3,})$/.exec(w))) out.push(m[1]);
    if ((m = /^(?:ter|ber|per)(.{3,})$/.exec(w))) out.push(m[1]);
    if ((m = /^(?:te|be|pe)(r[aiueo].{2,})$/.exec(w))) out.push(m[1]);
    if ((m = /^be(kerja|ternak)(.*)$/.exec(w))) out.push(m[1] + m[2]);
    if ((m = /^[bp]el(ajar.*)$/.exec(w))) out.push(m[1]);
    return out.filter(plausible);
  }

  /* Candidate roots of a word, most likely first (the word itself last). */
  function candidates(word) {
    var w = word.toLowerCase();
    if (w.length <= 3 || PROTECT.has(w) || STOP.has(w) || !/^[a-z]+$/.test(w)) return [w];
    var seen = new Set();
    var ordered = [];
    function add(c, depth) {
      if (!seen.has(c)) {
        seen.add(c);
        ordered.push([c, depth]);
      }
    }
    // A root may itself end like a particle or possessive (nikah, sekolah, punya):
    // read the word with and without them.
    var bases = [stripOne(stripOne(w, PARTICLES), POSSESSIVES), stripOne(w, POSSESSIVES), w];
    for (var b = 0; b < bases.length; b++) {
      if (PROTECT.has(bases[b]) || STOP.has(bases[b])) return [bases[b], w];
    }
    bases.forEach(function (base) {
      var layer = suffixOptions(base).map(function (s) { return [s, 0]; });
      layer.forEach(function (e) { add(e[0], e[1]); });
      for (var round = 1; round <= 3; round++) {
        var next = [];
        layer.forEach(function (e) {
          prefixOptions(e[0]).forEach(function (p) {
            next.push([p, round]);
            add(p, round);
          });
        });
        if (!next.length) break;
        layer = next;
      }
    });
    // Prefer two-syllable roots (the usual shape), then the most affixes removed.
    var list = ordered.map(function (e, i) { return { word: e[0], depth: e[1], order: i }; });
    list.sort(function (a, b) {
      var ta = syllables(a.word) === 2 ? 0 : 1;
      var tb = syllables(b.word) === 2 ? 0 : 1;
      if (ta !== tb) return ta - tb;
      if (a.depth !== b.depth) return b.depth - a.depth;
      return a.order - b.order;
    });
    var out = list.map(function (e) { return e.word; });
    if (out.indexOf(w) === -1) out.push(w);
    return out;
  }

  /* The one index term of a word: a known root among its candidates, else the likeliest.
     Memoised: a site has far fewer distinct words than tokens. */
  var STEMS = new Map();
  function stem(word) {
    var known = STEMS.get(word);
    if (known !== undefined) return known;
    var all = candidates(word);
    var out = all[0];
    for (var i = 0; i < all.length; i++) {
      if (ROOTS.has(all[i])) { out = all[i]; break; }
    }
    STEMS.set(word, out);
    return out;
  }

  function isStopWord(word) {
    return STOP.has(word.toLowerCase());
  }

  var api = { stem: stem, candidates: candidates, isStopWord: isStopWord };
  root.KB_ID_STEMMER = api;

  var lunr = root.lunr;
  if (typeof lunr === "undefined") return;

  lunr.id = function () {
    this.pipeline.reset();
    this.pipeline.add(lunr.id.trimmer, lunr.id.stopWordFilter, lunr.id.stemmer);
    if (this.searchPipeline) {
      this.searchPipeline.reset();
      this.searchPipeline.add(lunr.id.stemmer);
    }
  };
  lunr.id.wordCharacters = "A-Za-z0-9\u00C0-\u024F";
  lunr.id.trimmer = function (token) {
    return token.update(function (s) {
      return s.replace(/^[^A-Za-z0-9\u00C0-\u024F]+/, "").replace(/[^A-Za-z0-9\u00C0-\u024F]+$/, "");
    });
  };
  lunr.Pipeline.registerFunction(lunr.id.trimmer, "trimmer-id");
  lunr.id.stopWordFilter = function (token) {
    return STOP.has(token.toString()) ? undefined : token;
  };
  lunr.Pipeline.registerFunction(lunr.id.stopWordFilter, "stopWordFilter-id");
  lunr.id.stemmer = function (token) {
    return token.update(function (s) { return stem(s); });
  };
  lunr.Pipeline.registerFunction(lunr.id.stemmer, "stemmer-id");
  // Material marks stop words in a query as such.
  lunr.stopWordFilter = lunr.id.stopWordFilter;
  lunr.id.api = api;

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var added = {}; // expansion term -> the word the reader typed
    var results = query.call(this, function (q) {
      fn.call(this, q);
      var typed = q.clauses.filter(function (c) { return c.presence !== lunr.Query.presence.PROHIBITED; });
      var words = typed.map(function (c) { return c.term.replace(/\*/g, ""); });
      var content = words.filter(function (w) { return w && !STOP.has(w); });
      if (content.length) {
        // Stop words are not searched for next to other words.
        q.clauses = q.clauses.filter(function (c) { return !STOP.has(c.term.replace(/\*/g, "")); });
      }
      var terms = new Set(q.clauses.map(function (c) { return c.term; }));
      typed.slice().forEach(function (c) {
        var word = c.term.replace(/\*/g, "");
        if (!word || STOP.has(word) || !/^[a-z]+$/.test(word)) return;
        candidates(word).forEach(function (s) {
          // A wildcard on the typed word already finds terms that start with it.
          if (s === word || s.indexOf(word) === 0 || terms.has(s)) return;
          terms.add(s);
          added[s] = word;
          q.clause({ term: s, fields: c.fields, boost: (c.boost || 1) * 0.8, usePipeline: false,
                     wildcard: lunr.Query.wildcard.NONE, presence: lunr.Query.presence.OPTIONAL });
        });
      });
    });
    results.forEach(function (r) { relabel(r.matchData, added); });
    return results;
  };

  // Report matches of expansion terms under the typed word, each position once.
  function relabel(matchData, added) {
    var meta = matchData.metadata;
    Object.keys(meta).forEach(function (term) {
      var typed = added[term];
      if (typed === undefined) return;
      var target = meta[typed] || (meta[typed] = {});
      Object.keys(meta[term]).forEach(function (field) {
        var into = target[field] || (target[field] = { position: [] });
        into.position = (into.position || []).concat(meta[term][field].position || []);
      });
      delete meta[term];
    });
    Object.keys(meta).forEach(function (term) {
      Object.keys(meta[term]).forEach(function (field) {
        var seen = new Set();
        var pos = meta[term][field].position || [];
        meta[term][field].position = pos.filter(function (p) {
          var key = String(p);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      });
    });
  }
})(typeof self !== "undefined" ? self : this);
