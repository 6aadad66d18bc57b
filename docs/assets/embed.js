/* District Casebook: /embed/?ids=first-id,second-id shows those cases' cards.
   Reads /api/cases/<id>.json and /api/themes.json from the same site and builds
   the markup of hooks/district_casebook/templates/_embed-card.html.j2 with DOM
   methods only (no innerHTML), so no case text is ever read as HTML. */
(function () {
  "use strict";

  var MAX_IDS = 20;
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var main = document.getElementById("cb-embed-list");
  var root = main.dataset.root;
  var siteName = main.dataset.siteName;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(url, text) {
    var a = element("a", "", text);
    a.href = url;
    a.target = "_top";
    return a;
  }

  function years(span) {
    if (span.end === undefined || span.end === null) return "since " + span.start;
    return span.end === span.start ? String(span.start) : span.start + "\u2013" + span.end;
  }

  function card(record, labels) {
    var article = element("article", "cb-card");
    var title = element("h1", "cb-card-title");
    title.appendChild(link(record.url, record.title));
    article.appendChild(title);
    var districts = record.districts.map(function (d) { return d.name + ", " + d.state; }).join("; ");
    article.appendChild(element("p", "cb-card-facts", districts + " \u00b7 " + years(record.years)));
    var themes = record.themes.map(function (key) { return labels[key] || key; }).join(" \u00b7 ");
    article.appendChild(element("p", "cb-card-themes", themes));
    article.appendChild(element("p", "cb-card-summary", record.summary));
    var source = element("p", "cb-card-source");
    source.appendChild(link(record.url, "Read the case"));
    source.appendChild(document.createTextNode(" in the " + siteName));
    article.appendChild(source);
    return article;
  }

  function missing(id) {
    var article = element("article", "cb-card");
    article.appendChild(element("p", "cb-card-note", "No case has the id \u201c" + id + "\u201d. If it was renamed, "));
    article.lastChild.appendChild(link(root + "cases/" + id + "/", "its old address"));
    article.lastChild.appendChild(document.createTextNode(" leads to it."));
    return article;
  }

  function json(url) {
    return fetch(url).then(function (response) { return response.ok ? response.json() : null; });
  }

  function wanted() {
    var raw = new URLSearchParams(location.search).get("ids") || "";
    return raw.split(",").map(function (id) { return id.trim(); })
      .filter(function (id, index, all) { return ID.test(id) && all.indexOf(id) === index; })
      .slice(0, MAX_IDS);
  }

  function show(ids) {
    if (!ids.length) return;  // the page's own text explains the address
    var themes = json(root + "api/themes.json");
    var cases = ids.map(function (id) { return json(root + "api/cases/" + id + ".json"); });
    Promise.all([themes].concat(cases)).then(function (results) {
      var labels = {};
      (results[0] ? results[0].themes : []).forEach(function (t) { labels[t.key] = t.label; });
      main.replaceChildren.apply(main, results.slice(1).map(function (data, i) {
        return data ? card(data["case"], labels) : missing(ids[i]);
      }));
    }, function () {
      main.replaceChildren(element("p", "cb-card-note", "The cases could not be loaded."));
    });
  }

  show(wanted());
})();
