/* District Casebook: /compare/?ids=a,b[,c] shows two or three cases side by side.
   The address is the whole state: it reads each /api/cases/<id>.json (a former id
   answers with the renamed case, and the address is then rewritten to the new id)
   and lays the cases out as one table: a column per case, a row per fact and per
   section, so the same section of each case starts on one row. On a phone the
   stylesheet stacks the rows: the problem of each case, then the context of each.
   Case text is Markdown; it is turned into elements with DOM methods only (never
   innerHTML), so no case text is ever read as HTML. Plain JavaScript, no library. */
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var main = document.getElementById("cb-compare");
  var labels = JSON.parse(document.getElementById("cb-compare-labels").textContent);
  var root = main.dataset.root;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }

  /* The address's ids; with none, the cases chosen with Add to compare (compare-tray.js keeps
     them under this key), so the Compare tab shows them too. */
  function wanted() {
    var params = new URLSearchParams(location.search);
    var raw = params.has("ids") ? params.get("ids") : chosen();  // "?ids=" (the last one removed): none
    return raw.split(",").map(function (id) { return id.trim().toLowerCase(); })
      .filter(function (id, i, all) { return ID.test(id) && all.indexOf(id) === i; })
      .slice(0, labels.max);
  }

  function chosen() {
    try {
      return JSON.parse(localStorage.getItem("casebook-compare") || "[]").map(function (c) { return c.id; }).join(",");
    } catch (e) { return ""; }
  }

  function address(ids) {
    return "?ids=" + ids.join(",");
  }

  /* ---- Markdown, the small part cases use: paragraphs, lists, quotes, emphasis, code, links, [[id]] ---- */
  var INLINE = /\[\[([a-z0-9-]+)(?:#([a-z]+))?\]\]|\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|`([^`]+)`/g;

  function inline(parent, text) {
    var last = 0;
    text.replace(INLINE, function (match, ref, anchor, linkText, url, strong, strong2, em, em2, code, at) {
      parent.appendChild(document.createTextNode(text.slice(last, at)));
      last = at + match.length;
      if (ref) named(parent.appendChild(link(root + "cases/" + ref + "/" + (anchor ? "#" + anchor : ""), ref)), ref);
      else if (linkText) {
        if (/^(https?:|mailto:)/i.test(url)) parent.appendChild(link(url, linkText));
        else parent.appendChild(document.createTextNode(linkText));
      } else if (strong || strong2) inline(parent.appendChild(el("strong")), strong || strong2);
      else if (em || em2) inline(parent.appendChild(el("em")), em || em2);
      else if (code) parent.appendChild(el("code", "", code));
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  /* [[id]] reads as the case's title, as on the case page: the id shows until its JSON is read. */
  var titles = {};  // case id (or former id) -> promise of its title

  function named(a, id) {
    if (!titles[id]) titles[id] = fetchCase(id).then(function (record) { return record && record.title; });
    titles[id].then(function (title) { if (title) a.textContent = title; });
  }

  var ITEM = /^\s*([-*+]|\d+[.)])\s+/;

  function markdown(text) {
    var fragment = document.createDocumentFragment();
    (text || "").replace(/\r\n?/g, "\n").split(/\n\s*\n/).forEach(function (block) {
      var lines = block.split("\n").filter(function (line) { return line.trim(); });
      if (!lines.length) return;
      if (ITEM.test(lines[0])) {
        var list = fragment.appendChild(el(/^\s*\d/.test(lines[0]) ? "ol" : "ul"));
        var item = "";
        lines.forEach(function (line) {
          if (ITEM.test(line)) { if (item) inline(list.appendChild(el("li")), item); item = line.replace(ITEM, ""); }
          else item += " " + line.trim();
        });
        if (item) inline(list.appendChild(el("li")), item);
      } else if (/^\s*>/.test(lines[0])) {
        var quote = fragment.appendChild(el("blockquote"));
        inline(quote.appendChild(el("p")), lines.map(function (l) { return l.replace(/^\s*>\s?/, ""); }).join(" "));
      } else if (/^#{1,6}\s/.test(lines[0])) {
        inline(fragment.appendChild(el("p", "cb-compare__subhead")), lines.join(" ").replace(/^#+\s*/, ""));
      } else {
        inline(fragment.appendChild(el("p")), lines.map(function (l) { return l.trim(); }).join(" "));
      }
    });
    return fragment;
  }

  /* ---- the facts of a case, as the case page shows them ---- */
  /* The years as every page writes them ("since 2021", "reported in 2012", "year unknown"):
     the data API's period.text, never rebuilt here from the raw years. */
  function years(c) {
    return c.period ? c.period.text : String(c.years.start);
  }

  function joined(parent, items, separator) {
    items.forEach(function (item, i) {
      if (i) parent.appendChild(document.createTextNode(separator));
      parent.appendChild(typeof item === "string" ? document.createTextNode(item) : item);
    });
    return parent;
  }

  var FACTS = [
    ["Districts", function (c) {
      return c.districts.map(function (d) { return d.name + " (" + (labels.states[d.state] || d.state) + ")"; });
    }],
    ["Years", function (c) { return [years(c)]; }],
    ["Level", function (c) { return [labels.levels[c.level] || c.level]; }],
    ["Themes", function (c) {
      return c.themes.map(function (t) { return link(root + "themes/" + t + "/", labels.themes[t] || t); });
    }],
    ["Who acts", function (c) { return c.roles.map(function (r) { return labels.roles[r] || r; }); }],
    ["Discussed at", function (c) {
      var found = labels.meetings[c.id] || [];
      return found.length ? found.map(function (m) { return link(m[1], m[0]); }) : ["No meeting summary yet"];
    }]
  ];

  /* ---- the table ---- */
  function caseLabel(record) {
    var label = el("p", "cb-compare__label");
    label.appendChild(link(root + "cases/" + record.id + "/", record.title));
    return label;
  }

  function headRow(records, ids) {
    var tr = el("tr");
    tr.appendChild(el("td", "cb-compare__corner"));
    records.forEach(function (record) {
      var th = el("th", "cb-compare__case");
      th.scope = "col";
      th.appendChild(link(root + "cases/" + record.id + "/", record.title));
      var others = ids.filter(function (id) { return id !== record.id; });
      var remove = link(address(others), "Remove from comparison");
      remove.className = "cb-compare__remove";
      remove.appendChild(el("span", "cb-visually-hidden", ": " + record.title));
      th.appendChild(el("br"));
      th.appendChild(remove);
      tr.appendChild(th);
    });
    return tr;
  }

  function row(heading, records, fill, className, anchor) {
    var tr = el("tr", className);
    var th = el("th", "", heading);
    th.scope = "row";
    if (anchor) th.id = "compare-" + anchor;
    tr.appendChild(th);
    records.forEach(function (record) {
      var td = el("td");
      td.appendChild(caseLabel(record));  // shown only when the rows stack (narrow screens)
      fill(td, record);
      tr.appendChild(td);
    });
    return tr;
  }

  function table(records, ids) {
    var t = el("table", "cb-compare__table cb-compare__table--" + records.length);
    t.appendChild(el("caption", "", (records.length === 1 ? "One case" : "Comparing " + records.length + " cases") +
                     ", fact by fact and section by section"));
    t.appendChild(el("thead")).appendChild(headRow(records, ids));
    var body = t.appendChild(el("tbody"));
    FACTS.forEach(function (fact) {
      body.appendChild(row(fact[0], records, function (td, record) {
        joined(td.appendChild(el("p")), fact[1](record), fact[0] === "Districts" ? "; " : " \u00b7 ");
      }, "cb-compare__fact"));
    });
    labels.sections.forEach(function (section) {
      body.appendChild(row(section[1], records, function (td, record) {
        td.appendChild(markdown((record.sections || {})[section[0]]));
        var more = link(root + "cases/" + record.id + "/#" + section[0], "This section on the case page");
        more.appendChild(el("span", "cb-visually-hidden", ": " + section[1] + ", " + record.title));
        td.appendChild(el("p", "cb-compare__more")).appendChild(more);
      }, "cb-compare__section", section[0]));
    });
    return t;
  }

  function note(text) {
    return el("p", "cb-compare__note", text);
  }

  function fetchCase(id) {
    return fetch(root + "api/cases/" + id + ".json")
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { return data && data["case"]; }, function () { return null; });
  }

  function show(ids) {
    main.querySelectorAll(".cb-nojs").forEach(function (node) { node.hidden = true; });
    if (!ids.length) {
      if (location.search) shown([]);  // every case removed: the tray is empty too
      return;
    }
    var status = el("p", "cb-compare__note", "Loading " + ids.length + (ids.length === 1 ? " case\u2026" : " cases\u2026"));
    main.appendChild(status);
    Promise.all(ids.map(fetchCase)).then(function (found) {
      status.remove();
      var records = [], notes = [], current = [];
      found.forEach(function (record, i) {
        if (!record) { notes.push("No case has the id \u201c" + ids[i] + "\u201d; it is left out."); return; }
        if (current.indexOf(record.id) >= 0) return;  // a former id and the new one: one case
        if (record.id !== ids[i]) notes.push("\u201c" + ids[i] + "\u201d is now called \u201c" + record.id + "\u201d; the address says so.");
        records.push(record);
        current.push(record.id);
        titles[ids[i]] = titles[record.id] = Promise.resolve(record.title);  // read already
      });
      // The address names the cases shown: renamed ids, and the tray's cases when it named none.
      if (address(current) !== location.search) {
        history.replaceState(null, "", address(current) + location.hash);
      }
      notes.forEach(function (text) { main.appendChild(note(text)); });
      if (records.length === 1) main.appendChild(note("Add another case to compare it with: use Add to compare on a case or a list of cases."));
      if (records.length) {
        var wrap = main.appendChild(el("div", "cb-compare__wrap"));
        wrap.appendChild(table(records, current));
      }
      shown(records);
    });
  }

  /* The cases shown become the tray's: compare-tray.js listens once the page has loaded. */
  function shown(records) {
    function tell() {
      document.dispatchEvent(new CustomEvent("cb-compare-shown", { detail: records.map(function (r) {
        return { id: r.id, title: r.title };
      }) }));
    }
    if (document.readyState === "complete") tell(); else window.addEventListener("load", tell);
  }

  show(wanted());
})();
