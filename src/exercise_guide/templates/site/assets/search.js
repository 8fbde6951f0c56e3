// The site's additions to the theme's search, which runs in the browser (a lunr index in a worker).
// 1. Misspellings: every query goes to the search worker with each word of five or more letters
//    also searched within one letter (lunr's `word~1`), so "sholder" finds "shoulder". The words
//    as typed still come first and keep the theme's prefix search ("shoul" finds "shoulder").
//    This file loads before the theme's bundle so that it sees the worker being made.
// 2. A query that names a body part the guide has no exercises for (the list is made at build time
//    from the strings table and guide.yml: overrides/search.html) shows a notice above the
//    results, which stay, naming the part and linking the body areas the guide has.
(function () {
  "use strict";

  var FUZZY_LENGTH = 5;
  var QUERY = 2; // the theme's message type for a query to its search worker

  function withFuzzyWords(query) {
    // A reader who writes lunr's own syntax (wildcards, fields, boosts, quotes) gets it as written.
    if (/[~^:+*"-]/.test(query)) {
      return query;
    }
    var extra = query.split(/\s+/).filter(function (word) {
      return word.length >= FUZZY_LENGTH && /^[\p{L}\p{N}]+$/u.test(word);
    });
    return extra.length ? query + " " + extra.map(function (w) { return w + "~1"; }).join(" ") : query;
  }

  var NativeWorker = window.Worker;
  if (NativeWorker) {
    var SearchWorker = function (url, options) {
      var worker = new NativeWorker(url, options);
      if (/\/workers\/search\.[^/]*\.js$/.test(String(url))) {
        var post = worker.postMessage;
        worker.postMessage = function (message) {
          var args = Array.prototype.slice.call(arguments);
          if (message && message.type === QUERY && typeof message.data === "string") {
            args[0] = { type: QUERY, data: withFuzzyWords(message.data) };
          }
          return post.apply(worker, args);
        };
      }
      return worker;
    };
    SearchWorker.prototype = NativeWorker.prototype;
    window.Worker = SearchWorker;
  }

  function wordsOf(text) {
    // As pages/search_notice.py's words_of: lowercase letters and digits, one space apart.
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).join(" ");
  }

  function setUpNotice() {
    var notice = document.querySelector(".eg-search-notice");
    var input = document.querySelector("input.md-search__input");
    if (!notice || !input) {
      return;
    }
    var parts = JSON.parse(notice.querySelector(".eg-search-parts").textContent);
    var body = notice.querySelector(".eg-search-notice__body");
    var text = notice.querySelector(".eg-search-notice__text");
    var shown = null;

    function named(query) {
      var words = " " + wordsOf(query) + " ";
      for (var i = 0; i < parts.length; i++) {
        for (var j = 0; j < parts[i].words.length; j++) {
          if (words.indexOf(" " + parts[i].words[j] + " ") >= 0) {
            return parts[i];
          }
        }
      }
      return null;
    }

    function update() {
      var part = named(input.value);
      if (part === shown) {
        return; // unchanged: a live region repeats whatever is written into it
      }
      shown = part;
      body.hidden = !part;
      text.textContent = part ? text.dataset.template.replace("{part}", part.name) : "";
    }

    ["input", "keyup", "focus", "change"].forEach(function (event) {
      input.addEventListener(event, update);
    });
    if (input.form) {
      input.form.addEventListener("reset", function () {
        setTimeout(update);
      });
    }
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpNotice);
  } else {
    setUpNotice();
  }
})();
