/* The site's search worker, in place of Material's lunr one (overrides/main.html names it): it
   answers Material's messages (SETUP -> READY, QUERY -> RESULT) from the index the build split
   into small scripts (macros/publish/searchindex.py), loading only the shards a query's words need and
   the entries it shows. Nothing is fetched until the first query; no eval, no fetch: scripts load
   with importScripts, from a server or, through the iframe-worker shim, from disk. */
(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var SHOWN = 20; /* results sent with their title and text; the rest are counted */
  var MAX_SHARDS = 8; /* a word shorter than its shard's prefix is completed from at most these */
  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  var root = new URL("../", here).href;
  var manifest = null, shards = {}, chunks = {}, queue = Promise.resolve(), latest = null;

  self.lwSearch = {
    manifest: function (_, data) { manifest = data; },
    shard: function (number, data) { shards[number] = data; },
    docs: function (number, data) { chunks[number] = data; }
  };

  function load(path) {
    return new Promise(function (resolve, reject) {
      try {
        var pending = importScripts(root + path); /* a promise in the shim, done at once in a worker */
        if (pending && pending.then) pending.then(resolve, reject); else resolve();
      } catch (error) { reject(error); }
    });
  }

  function fold(text) {
    /* as the index's words were folded (macros/core/quotes.py, `fold(text, loose=True)`) */
    return text.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase().replace(/[\u02bc]/gu, " ");
  }

  function words(text) { return fold(text).match(/[\p{L}\p{N}]+/gu) || []; }

  /* A word's romanisation key, as macros/core/romanised.py computes it ("Dbeibah" and "Dabaiba":
     "DBB"; "Gadhafi" and "Qaddafi": "KDF"); the index holds each name's key, in capitals. */
  var DIGRAPHS = [["dh", "d"], ["th", "t"], ["kh", "k"], ["gh", "g"], ["sh", "s"], ["ph", "f"], ["ou", "u"]];
  function romanisedKey(word) {
    var text = fold(word);
    if (text.length < 4 || !/^[a-z]+$/.test(text)) return null;
    DIGRAPHS.forEach(function (pair) { text = text.split(pair[0]).join(pair[1]); });
    text = text.replace(/(.)\1+/g, "$1");
    if (text.length > 1 && text.slice(-1) === "h" && "aeiouy".indexOf(text.slice(-2, -1)) >= 0) text = text.slice(0, -1);
    var skeleton = text.replace(/[qgc]/g, "k").replace(/[aeiouwy]/g, "");
    return skeleton.length > 1 ? skeleton.toUpperCase() : null;
  }
  self.lwRomanisedKey = romanisedKey; /* for the tests, which hold it to the index's */

  /* The shards a query word needs: its own, and its key's. */
  function shardsOf(word) {
    var key = romanisedKey(word);
    return key ? shardsFor(word).concat(shardsFor(key)) : shardsFor(word);
  }

  /* The shards that hold every indexed word starting with `word`. */
  function shardsFor(word) {
    var keys = manifest.shards, i, exact = [], longer = [];
    for (i = word.length; i > 0; i--) {
      var whole = keys.findIndex(function (k) { return k[1] === 1 && k[0] === word.slice(0, i); });
      if (whole >= 0) return [whole];
    }
    keys.forEach(function (k, n) {
      if (k[0] === word && k[1] === 0) exact.push(n);
      else if (k[0].indexOf(word) === 0 && k[0].length > word.length) longer.push(n);
    });
    return longer.length <= MAX_SHARDS ? exact.concat(longer) : exact;
  }

  function decode(gaps, weight, into) {
    if (!gaps) return;
    var number = 0;
    gaps.split(",").forEach(function (gap) {
      number += parseInt(gap, 36);
      if ((into[number] || 0) < weight) into[number] = weight;
    });
  }

  /* Entry number -> weight for one query word: a title counts more than the text, the word
     itself more than a longer word it begins or a name spelled another way (its key). */
  function match(word, numbers) {
    var found = {}, key = romanisedKey(word);
    numbers.forEach(function (n) {
      Object.keys(shards[n]).forEach(function (token) {
        if (token === key) {
          decode(shards[n][token][0], 10, found);
          decode(shards[n][token][1], 1, found);
          return;
        }
        if (token.indexOf(word) !== 0) return;
        var boost = token === word ? 2 : 1;
        decode(shards[n][token][0], 10 * boost, found);
        decode(shards[n][token][1], boost, found);
      });
    });
    return found;
  }

  function rank(terms) {
    var scores = {}, hits = {};
    terms.forEach(function (term) {
      var found = term.found, numbers = Object.keys(found);
      var idf = Math.log(1 + manifest.docs / (numbers.length || 1));
      numbers.forEach(function (n) {
        scores[n] = (scores[n] || 0) + found[n] * idf;
        (hits[n] = hits[n] || {})[term.word] = true;
      });
    });
    var all = Object.keys(scores).filter(function (n) { return Object.keys(hits[n]).length === terms.length; });
    if (!all.length) all = Object.keys(scores); /* no entry has every word: the closest, words missing shown */
    all.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    return { numbers: all.map(Number), scores: scores, hits: hits };
  }

  function answer(query) {
    var list = Array.from(new Set(words(query)));
    if (!list.length) return Promise.resolve({ items: [], total: 0 });
    var ready = manifest ? Promise.resolve() : load("search/manifest.js");
    return ready.then(function () {
      var need = {};
      list.forEach(function (w) { shardsOf(w).forEach(function (n) { if (!shards[n]) need[n] = true; }); });
      return Promise.all(Object.keys(need).map(function (n) { return load("search/shards/" + n + ".js"); }));
    }).then(function () {
      var ranked = rank(list.map(function (w) { return { word: w, found: match(w, shardsOf(w)) }; }));
      var shown = ranked.numbers.slice(0, SHOWN), need = {};
      shown.forEach(function (n) { var c = Math.floor(n / manifest.chunk); if (!chunks[c]) need[c] = true; });
      return Promise.all(Object.keys(need).map(function (c) { return load("search/docs/" + c + ".js"); }))
        .then(function () {
          return {
            items: shown.map(function (n) {
              var doc = chunks[Math.floor(n / manifest.chunk)][n % manifest.chunk], terms = {};
              list.forEach(function (w) { terms[w] = !!ranked.hits[n][w]; });
              return [{ location: doc[0], title: doc[1], text: doc[2], score: ranked.scores[n], terms: terms }];
            }),
            total: ranked.numbers.length
          };
        });
    });
  }

  /* A moment for the messages of the next keystrokes to arrive (importScripts in a worker runs
     a whole answer in one task otherwise). */
  function settle() { return new Promise(function (resolve) { setTimeout(resolve, 15); }); }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      /* One query at a time; one typed over before its turn is dropped, so a word typed fast
         loads only the shards and entries of what is finally in the box. */
      latest = message.data;
      queue = queue.then(settle).then(function () {
        if (message.data !== latest) return;
        return answer(message.data).then(function (result) {
          self.postMessage({ type: RESULT, data: result });
        });
      }).catch(function (error) { console.error(error); });
    }
  });
})();
