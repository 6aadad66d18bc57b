"""Contributor text is checked as the build renders it (issue 14, items 1, 3 and 4).

Each class of hostile input reported against the casebook is tried through the
real `casebook validate` (exit 1, `file:line`, no traceback). The classes about
the page are then built with that check switched off: the strict build must
stop, naming the file (nh3 in the build, the second layer), and Chromium on the
page the lenient build leaves must see no dialog, no request off the host and
no element or attribute outside the allow-list. Valid Markdown of every kind
the allow-list admits builds strictly, without a warning.
"""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import SiteServer, chromium, new_visit
from conftest import REPO, build, lenient_build, make_project
from district_casebook.checking import heading_ids, rendered, sanitiser
from mkdocs.exceptions import Abort

CASE = "cases/springfield-attendance.md"
MEETING = "docs/meetings/spring-meeting.md"
BODY_TEXT = "Teacher teams met weekly."  # the Approach section of the test project's case
OFF_HOST = "https://evil.example"

# (name, file, text to replace, replacement, the replacement's line holding the problem (0: its first)).
CLASSES = [
    ("attribute list starting with a word on a heading", CASE, BODY_TEXT,
     "### Steps { x id='a\" onmouseover=\"alert(1)' }", 0),
    ("data-pagefind-meta by an attribute list", CASE, BODY_TEXT,
     "### Steps { x data-pagefind-meta=\"url:javascript:alert(1)\" }", 0),
    ("style overlay by an attribute list", CASE, BODY_TEXT,
     f"Text\n{{ x style=\"position:fixed;inset:0;background:url({OFF_HOST}/x.png)\" }}", 1),
    ("heading whose words make the theme's __config id", CASE, BODY_TEXT, "Text.\n\n### __config", 2),
    ("paragraph given the __config id", CASE, BODY_TEXT, "A crafted paragraph\n{: #__config }", 1),
    ("heading taking an id the template writes", CASE, BODY_TEXT, "Text.\n\n### Cite APA", 2),
    ("image from another host", CASE, BODY_TEXT, f"Text.\n\n![chart]({OFF_HOST}/chart.png)", 2),
    ("raw HTML with an event handler", CASE, BODY_TEXT, "Text <img src=x onerror=alert(1)> here.", 0),
    ("script address in a reference defined later", CASE, BODY_TEXT,
     "See [the notes][n].\n\n[n]: javascript:alert(1)", 0),
    ("code block with an attribute list", CASE, BODY_TEXT, "```{ .x onclick=alert(1) }\ncode\n```", 0),
    ("HTML block that Markdown renders inside", CASE, BODY_TEXT, "<div markdown=\"1\">\n*x*\n</div>", 0),
    ("admonition, whose words become classes", CASE, BODY_TEXT, "!!! md-header \"x\"\n    Boxed.", 0),
    ("level 1 heading by underline", CASE, BODY_TEXT, "Title\n=====", 1),
    ("title making the __config id", CASE, "title: Springfield brings teachers into an attendance push",
     "title: \"__config\"", 0),
    ("district name making a theme id", CASE, "  - name: Springfield Public Schools", "  - name: \"_drawer\"", 0),
    ("raw HTML in a meeting summary", MEETING, "We discussed", "<img src=x onerror=alert(1)> We discussed", 0),
    ("meeting heading making the __config id", MEETING, "We discussed", "## __config\n\nWe discussed", 0),
]
# The classes about the page, built with the check off: (page, what Chromium must not find).
PAGE_CLASSES = [c for c in CLASSES if c[0] not in ("district name making a theme id",)]


def _edit(root: Path, path: str, old: str, new: str) -> int:
    """Replaces ``old`` in ``path``; returns the 1-based line where ``new`` starts."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path} holds no {old!r}"
    start = text.index(old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, start) + 1


def test_the_check_renders_with_the_sites_markdown_configuration():
    """rendered.EXTENSIONS is what MkDocs loads from mkdocs.yml plus its own built-in extensions."""
    from mkdocs.config import load_config
    config = load_config(str(REPO / "mkdocs.yml"))
    assert config.markdown_extensions == rendered.EXTENSIONS
    assert config.mdx_configs == rendered.EXTENSION_CONFIGS


@pytest.mark.parametrize("name, path, old, new, offset", CLASSES, ids=[c[0] for c in CLASSES])
def test_each_class_is_refused_by_casebook_validate_at_its_line(tmp_path, name, path, old, new, offset):
    root = make_project(tmp_path / "project")
    line = _edit(root, path, old, new) + offset
    result = subprocess.run([sys.executable, "-m", "district_casebook", "validate", "--root", str(root)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    problems = [out for out in result.stdout.splitlines() if out.startswith(f"{path}:")]
    assert problems and all(out.startswith(f"{path}:{line}: ") for out in problems), result.stdout


def test_the_check_holds_the_theme_and_template_ids():
    """Every id Material's templates, our theme overrides and our page templates write is one
    rendered.taken_id refuses for a heading."""
    import re

    import material
    folders = [Path(material.__file__).parent / "templates", REPO / "hooks" / "theme",
               REPO / "hooks" / "district_casebook" / "templates"]
    ids = {m.group(1) for folder in folders for file in [*folder.rglob("*.html"), *folder.rglob("*.j2")]
           for m in re.finditer(r'\bid="([^"{}]+)"', file.read_text(encoding="utf-8"))}
    assert {"__config", "__drawer", "cite-apa"} <= ids  # the scan reads what it should
    assert [i for i in sorted(ids) if not rendered.taken_id(i)] == []


# --- the second layer: the same classes built with the check off ---------------------------

@pytest.fixture(scope="module")
def unchecked_site(tmp_path_factory):
    """Every page-level class in one project, validated with the rendered check off: the
    strict build's warnings, and a lenient build served for Chromium."""
    root = make_project(tmp_path_factory.mktemp("unchecked") / "project")
    for name, path, old, new, _ in PAGE_CLASSES:
        if path == CASE and old == BODY_TEXT:
            _edit(root, path, BODY_TEXT, f"{new}\n\n{BODY_TEXT}")
        else:
            _edit(root, path, old, new)
    with pytest.MonkeyPatch.context() as patch, SiteServer(root / "site") as server:
        patch.setattr(rendered, "body_problems", lambda *args, **kwargs: [])
        patch.setattr(heading_ids, "heading_fields", lambda *args, **kwargs: [])
        records = []
        handler = logging.Handler(level=logging.WARNING)
        handler.emit = records.append
        logging.getLogger("mkdocs").addHandler(handler)
        try:
            try:
                build(root)
                stopped = False
            except Abort:  # the strict build stops on the warnings
                stopped = True
            warnings = [record.getMessage() for record in records]
            lenient_build(root, server.url)
        finally:
            logging.getLogger("mkdocs").removeHandler(handler)
        yield root / "site", server, warnings, stopped


def test_the_strict_build_stops_naming_each_file(unchecked_site):
    _, _, warnings, stopped = unchecked_site
    assert stopped
    from_case = [w for w in warnings if w.startswith(f"casebook: {CASE}: its page carried")]
    from_meeting = [w for w in warnings if w.startswith(f"casebook: {MEETING}: its page carried")]
    assert from_case and from_meeting, warnings
    text = "\n".join(from_case)
    for expected in ("onmouseover", "data-pagefind-meta", "style=", "<img>", '"__config"', "'cite-apa'",
                     "onclick", "admonition"):
        assert expected in text, f"no warning names {expected}: {text}"


_OUTSIDE_ALLOW_LIST = """allowed => [...document.querySelectorAll(
    'article [data-pagefind-body] *:not(.md-content__button, .md-content__button *, .cb-kind)')].flatMap(element => {
    const tag = element.tagName.toLowerCase();
    if (!(tag in allowed)) return [tag];
    return [...element.attributes].filter(a => !allowed[tag].includes(a.name) ||
        /^\\s*(javascript|data|vbscript):/i.test(a.value) || (a.name === 'id' && /^(_|cb-)/.test(a.value)))
        .map(a => tag + ' ' + a.name + '=' + a.value);
})"""


_HOVER_EVERYTHING = """() => document.querySelectorAll('*').forEach(element => ['mouseover', 'mouseenter']
    .forEach(kind => element.dispatchEvent(new MouseEvent(kind, {bubbles: true}))))"""


@pytest.mark.parametrize("page", ["cases/springfield-attendance/", "meetings/spring-meeting/"])
def test_chromium_sees_nothing_outside_the_allow_list(unchecked_site, page):
    site, server, _, _ = unchecked_site
    allowed = {tag: sorted(attrs) for tag, attrs in sanitiser.TAGS.items()}
    with chromium() as browser:
        visit = new_visit(browser, server.url)
        dialogs: list[str] = []
        visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        visit.page.goto(server.url + page, wait_until="networkidle")
        # The page as Chromium parsed it, before the site's own scripts add their buttons.
        parsed = new_visit(browser, server.url, java_script_enabled=False)
        parsed.page.goto(server.url + page)
        outside = parsed.page.evaluate(_OUTSIDE_ALLOW_LIST, allowed)
        visit.page.evaluate(_HOVER_EVERYTHING)  # handlers on the table of contents ran on hover
        config = visit.page.evaluate("() => document.getElementById('__config')?.tagName")
        assert (dialogs, visit.outside, outside) == ([], [], [])
        assert config == "SCRIPT"  # Material's own configuration, not a heading
        assert not [e for e in visit.errors if "alert" in e or "__config" in e]


def test_search_results_link_only_to_pages(unchecked_site):
    """data-pagefind-meta="url:javascript:..." made a search result's link a script."""
    _, server, _, _ = unchecked_site
    with chromium() as browser:
        visit = new_visit(browser, server.url)
        visit.page.goto(server.url + "search/?q=steps", wait_until="networkidle")
        hrefs = visit.page.evaluate("() => [...document.querySelectorAll('main a')].map(a => a.href)")
        results = [h for h in hrefs if "/cases/springfield-attendance/" in h]
        assert results, hrefs  # the case was found: the check below has something to look at
        assert [h for h in hrefs if not h.startswith(("http://", "https://"))] == [] and visit.outside == []


# --- what the allow-list admits builds without a warning --------------------------------

ACCEPTED = """Teacher teams met weekly.

### Sources

### Related cases

| Grade | Rate |
|:------|-----:|
| 6     | 12%  |

Term
:   Its definition.

---

A line  
broken, [a link](https://example.org "with a title"), <https://example.org>, *em*, **strong**, `code`.

```python
print("code")
```

> A quotation.

3. three
4. four
"""


def test_everything_the_allow_list_admits_builds_strictly(tmp_path, no_warnings):
    root = make_project(tmp_path / "project")
    _edit(root, CASE, BODY_TEXT, ACCEPTED)
    assert rendered.body_problems(CASE, ACCEPTED, 1) == []
    site = build(root)
    page = (site / "cases" / "springfield-attendance" / "index.html").read_text(encoding="utf-8")
    # The template's own anchors keep their ids; the contributor's headings are numbered.
    assert 'id="sources"' in page and 'id="sources_1"' in page and 'id="related-cases"' in page
    import re
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
