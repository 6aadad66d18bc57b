/* District Casebook: the search page, over the Pagefind index built with the
   site (hooks/district_casebook/search/fulltext.py), through Pagefind's own
   search API rather than its ready-made UI, so that it answers honestly:

   - Whole words and prefixes only. When a word is in no page, Pagefind
     searches for the longest start of it that is ("absenteeism" finds "a");
     each word is therefore checked against the best page Pagefind finds for
     it, and a word that page does not contain (as a word, a word's start, or
     a form of it sharing all but its last few letters) is reported as found
     nowhere and left out of the search.
   - Cases first, with their districts, states, years and summary (Pagefind
     metadata written by the case template); other pages after, labelled by
     kind; the guides for contributors only when asked for.
   - The index may come in several bundles (pagefind/bundles.json), merged
     with Pagefind's mergeIndex (one WebAssembly for all); each bundle is
     searched on its own (the filter bundle:<n>), since each does its own
     prefix fallback, and the results are merged by score.

   The query lives in the address (?q=words&guides=1), so the header's search
   form lands here with results and a search can be linked or reloaded. */
(function () {
  "use strict";
  var box = document.getElementById("cb-search");
  if (!box) return;
  var PER_LOAD = 10;
  var STEM_SLACK = 3;      // "principals" matches "principal", "teaching" "teachers": forms sharing all but 3 letters
  var SHORTEST_STEM = 4;   // ... but never fewer than 4: "pip" is not "pipline"
  var CASE = "Case", GUIDE = "Contributor guide";

  var form = box.querySelector("form");
  var input = box.querySelector("input[type=search]");
  var guides = box.querySelector("input[name=guides]");
  var status = box.querySelector(".cb-search__status");
  var list = box.querySelector(".cb-search__results");
  var more = box.querySelector(".cb-search__more");
  var nothing = box.querySelector(".cb-search__nothing");
  var root = new URL(box.dataset.root, window.location.href);
  box.classList.add("cb-search--ready");

  /* Pagefind with every bundle merged in (they share its WebAssembly); resolves to
     {pagefind, bundles: [null] or ["1", "2", ...]}: the values of the filter that picks one bundle. */
  var ready = null;
  function pagefindReady() {
    if (ready) return ready;
    var base = new URL(box.dataset.bundle, window.location.href);
    ready = fetch(new URL("bundles.json", base))
      .then(function (response) { return response.ok ? response.json() : ["./"]; })
      .catch(function () { return ["./"]; })
      .then(function (paths) {
        return import(new URL("pagefind.js", base).href).then(function (pagefind) {
          return pagefind.options({ excerptLength: 28 }).then(function () {
            return Promise.all(paths.slice(1).map(function (path) {
              return pagefind.mergeIndex(new URL(path, base).href);
            }));
          }).then(function () {
            var numbers = paths.length > 1 ? paths.map(function (p, i) { return String(i + 1); }) : [null];
            return { pagefind: pagefind, bundles: numbers };
          });
        });
      });
    return ready;
  }

  // ---- Words: the query split as Pagefind splits it, and the honest-match test.

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function wordsOf(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function sharedStart(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  function contains(words, word) {
    var least = Math.max(SHORTEST_STEM, word.length - STEM_SLACK);
    return words.some(function (candidate) {
      return candidate.startsWith(word) || sharedStart(candidate, word) >= least;
    });
  }

  function pageWords(data) {
    var meta = Object.keys(data.meta || {}).map(function (key) { return data.meta[key]; }).join(" ");
    return wordsOf(data.content + " " + meta);
  }

  function inBundle(bundle, filters) {
    var all = Object.assign({}, filters);
    if (bundle) all.bundle = bundle;
    return { filters: all };
  }

  /* The words `bundle` really holds: for each, the best page Pagefind finds there must contain it. */
  function heldWords(pagefind, bundle, words) {
    return Promise.all(words.map(function (word) {
      return pagefind.search(word, inBundle(bundle, {})).then(function (found) {
        if (!found.results.length) return false;
        return found.results[0].data().then(function (data) { return contains(pageWords(data), word); });
      });
    })).then(function (held) { return words.filter(function (word, i) { return held[i]; }); });
  }

  // ---- Searching

  function searchBundle(pagefind, bundle, words, wantGuides) {
    return heldWords(pagefind, bundle, words).then(function (held) {
      if (!held.length) return { held: held, cases: [], others: [] };
      var query = held.join(" ");
      var others = { kind: { none: wantGuides ? [CASE] : [CASE, GUIDE] } };
      return Promise.all([pagefind.search(query, inBundle(bundle, { kind: CASE })),
                          pagefind.search(query, inBundle(bundle, others))]).then(function (found) {
        return { held: held, cases: found[0].results, others: found[1].results };
      });
    });
  }

  function byScore(a, b) { return b.score - a.score; }

  function search(query, wantGuides) {
    var words = wordsOf(query);
    return pagefindReady().then(function (index) {
      return Promise.all(index.bundles.map(function (bundle) {
        return searchBundle(index.pagefind, bundle, words, wantGuides);
      }));
    }).then(function (parts) {
      var held = {};
      parts.forEach(function (part) { part.held.forEach(function (word) { held[word] = true; }); });
      var cases = [].concat.apply([], parts.map(function (part) { return part.cases; })).sort(byScore);
      var others = [].concat.apply([], parts.map(function (part) { return part.others; })).sort(byScore);
      return { words: words, missing: words.filter(function (word) { return !held[word]; }),
               cases: cases, others: others };
    });
  }

  // ---- Showing

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function quoted(words) {
    return words.map(function (word) { return "\u201c" + word + "\u201d"; }).join(", ");
  }

  function plural(count, one, many) {
    return count.toLocaleString("en-US") + " " + (count === 1 ? one : many);
  }

  function address(url) {
    return new URL(url.replace(/^\//, ""), root).pathname;
  }

  function kindOf(data) {
    return (data.filters && data.filters.kind && data.filters.kind[0]) || "Page";
  }

  function resultItem(data) {
    var kind = kindOf(data);
    var item = element("li", "cb-search__result cb-search__result--" + kind.toLowerCase().replace(/\W+/g, "-"));
    var heading = element("h2", "cb-search__title");
    if (kind !== CASE) {
      heading.appendChild(element("span", "cb-search__kind", kind));
      heading.appendChild(element("span", "cb-visually-hidden", ": "));  // read as "Theme: title"
    }
    var link = element("a", null, (data.meta && data.meta.title) || data.url);
    link.href = address(data.url);
    heading.appendChild(link);
    item.appendChild(heading);
    if (kind === CASE) {
      var facts = [data.meta.districts, data.meta.states, data.meta.years].filter(Boolean).join(" · ");
      if (facts) item.appendChild(element("p", "cb-search__facts", facts));
      if (data.meta.summary) item.appendChild(element("p", "cb-search__summary", data.meta.summary));
    }
    var excerpt = element("p", "cb-search__excerpt");
    excerpt.innerHTML = data.excerpt;  // Pagefind's: the page's own text, escaped, with <mark> around matches
    item.appendChild(excerpt);
    return item;
  }

  var shown = null;  // {results, next}: the current answer and how far it is shown

  function showMore() {
    var batch = shown.results.slice(shown.next, shown.next + PER_LOAD);
    var first = shown.next;
    shown.next += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (data) {
      data.forEach(function (one) { list.appendChild(resultItem(one)); });
      more.hidden = shown.next >= shown.results.length;
      return first;
    });
  }

  function say(text) {
    status.textContent = text;
  }

  function answer(found, query) {
    list.textContent = "";
    var total = found.cases.length + found.others.length;
    nothing.hidden = total > 0;
    more.hidden = true;
    var missing = found.missing.length ? "No page contains " + quoted(found.missing) + ". " : "";
    if (!total) {
      say(missing + (found.missing.length === found.words.length ? "" : "No page contains all of " +
          quoted(found.words.filter(function (w) { return found.missing.indexOf(w) === -1; })) + ". ") +
          "Nothing found for \u201c" + query + "\u201d.");
      return;
    }
    var what = plural(found.cases.length, "case", "cases") +
               (found.others.length ? " and " + plural(found.others.length, "other page", "other pages") : "");
    var held = found.words.filter(function (w) { return found.missing.indexOf(w) === -1; });
    var mine = shown = { results: found.cases.concat(found.others), next: 0 };
    return showMore().then(function () {
      if (shown === mine) say(missing + what + " for " + quoted(held) + ".");  // once the results are there to read
    });
  }

  var latest = 0;
  function run(query) {
    var ticket = ++latest;
    keepInAddress(query);
    if (!wordsOf(query).length) {
      list.textContent = ""; say(""); nothing.hidden = true; more.hidden = true;
      return Promise.resolve();
    }
    say("Searching\u2026");
    return search(query, guides.checked).then(function (found) {
      if (ticket === latest) return answer(found, query.trim());
    });
  }

  function keepInAddress(query) {
    var url = new URL(window.location.href);
    if (query.trim()) url.searchParams.set("q", query.trim()); else url.searchParams.delete("q");
    if (guides.checked) url.searchParams.set("guides", "1"); else url.searchParams.delete("guides");
    window.history.replaceState(null, "", url);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
  });
  var typing = null;
  input.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { run(input.value); }, 300);
  });
  guides.addEventListener("change", function () { run(input.value); });
  more.addEventListener("click", function () {
    if (!shown || shown.next >= shown.results.length) return;  // nothing (more) to show: the button is hidden then
    showMore().then(function (first) {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();  // keyboard users continue where the new results start
    });
  });

  var params = new URLSearchParams(window.location.search);
  guides.checked = params.get("guides") === "1";
  input.value = params.get("q") || "";
  if (input.value) run(input.value); else input.focus();
})();
