"""Contributor Markdown checked as the site renders it: an allow-list, not guesses.

Each case body and meeting summary is rendered by Python-Markdown with the
site's own configuration (MARKDOWN below: MkDocs' built-in extensions plus
mkdocs.yml's, which tests/test_security_rendered.py holds equal). The check
reads what the renderer made: its element tree, the raw HTML it passed
through untouched (its "stash"), and every attribute list it applied. Only
what plain Markdown makes is accepted (ALLOWED); anything else is a problem
located at its line. Python-Markdown keeps no line numbers, so a body with a
problem is rendered a second time with a marker paragraph before each block.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import markdown
from markdown.inlinepatterns import ENTITY_RE
from markdown.util import HTML_PLACEHOLDER_RE

from ..markup.placeholders import PATTERN as PLACEHOLDER
from ..markup.references import REFERENCE
from ..problems import Problem
from . import hostile_text
from .renderer import EXTENSION_CONFIGS, EXTENSIONS, Tags, render, to_html  # noqa: F401 - shared with tests and the build

# What plain Markdown makes, element by element, with the attributes it sets. Images are
# refused (a case has no image files, and one from another host is a third-party request);
# so are admonitions (`!!!`, whose words become classes) and level 1 and 2 headings in a case
# (the page's title and its sections). Definition lists, rules and line breaks are plain text.
ALLOWED: dict[str, set[str]] = {
    **{tag: set() for tag in ("p", "em", "strong", "blockquote", "ul", "li", "pre", "hr", "br",
                              "dl", "dt", "dd", "table", "thead", "tbody", "tr")},
    "ol": {"start"}, "code": {"class"}, "a": {"href", "title", "class"},
    "th": {"style"}, "td": {"style"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
SAFE_SCHEMES = {"http", "https", "mailto"}
# Element ids the theme gives its own elements (Material: __config, __drawer, __toc...; ours:
# cb-...). A heading's id is made from its words; with one of these, the theme's script would
# read the heading. Ids set in a page's Markdown (#sources, #related) need no entry: the
# table of contents numbers a heading that repeats one (sources_1).
THEME_ID_PREFIXES = ("_", "cb-")
# Ids our templates write in raw HTML, which the table of contents does not see: "Cite this case"
# (templates/_links.md.j2) and the timeline (tests/test_security_rendered.py scans every template).
TEMPLATE_IDS = frozenset({"cite", "cite-apa", "cite-bibtex", "cite-csl-json", "cite-embed",
                          "timeline-chart", "timeline-table-caption", "timeline-undated"})
_VALUES = {  # attributes whose value Markdown sets from a short list
    "style": re.compile(r"text-align: (?:left|right|center);"),
    "start": re.compile(r"[0-9]{1,9}"),
    "class": re.compile(r"headerlink|language-[\w-]+"),
}
_SECTION_TEXT = "casebooksection"
_SECTION_LINE = f"## {_SECTION_TEXT}"
_LINE_MARK = "casebookline{}x"
_SPANNING = {"html", "comment", "code"}  # kinds of finding whose construct may span lines
_REFINED_BLOCK_LINES = 40  # longer blocks are told at their first line: each line costs a rendering
_HINTS = {
    "html": "Remove it: case text is Markdown without HTML. For a literal '<', put a space after it.",
    "comment": "Remove it: case text is Markdown without HTML; notes for reviewers go in the pull request.",
    "link": "Link to an http:// or https:// address, or to another case with [[case-id]].",
    "attributes": "Remove it: the template lays out the page.",
    "code": "Remove the {...} after the opening fence; a language name alone (```python) is fine.",
    "image": "Remove it: case pages show no images (none from other sites: readers' browsers would "
             "fetch them). Link to it instead: [what it shows](https://...).",
    "heading": "Use '### ' for a heading inside a section.",
    "id": "Reword the heading: this id belongs to the site's own page layout.",
    "element": "Remove it: case text is plain Markdown (paragraphs, lists, quotes, code, tables, links).",
}


@dataclass(frozen=True, order=True)
class Finding:
    what: str  # completes "The body has ..."
    kind: str  # a key of _HINTS


def body_problems(src_uri: str, text: str, first_line: int, *, section_lines: list[int] = (),
                  meeting: bool = False) -> list[Problem]:
    """A located problem for everything the rendered ``text`` holds outside the allow-list.

    ``section_lines``: the indexes in ``text`` of a case's '## ' section headings, which the
    page replaces by its own; ``meeting``: a meeting summary, which has its own title."""
    lines = _prepared(text, section_lines)
    try:
        found = _findings(lines, meeting)
        if not found:
            return []
        located = _locate(lines, meeting, found)
    except RecursionError:  # body_limits refuses what nests this deep; this is the last guard
        return [Problem(src_uri, first_line, "", "The body nests too deeply for Markdown to render.",
                        "Flatten its lists and quotes.")]
    opened = {(index, f.what.replace("(<", "(</")) for index, f in located if f.kind == "html"}
    return [Problem(src_uri, first_line + index, "", f"The body has {f.what}.", _HINTS[f.kind])
            for index, f in sorted(located) if (index, f.what) not in opened or "(</" not in f.what]  # a closing tag after its opening


def accepted(text: str, *, section_lines: list[int] = (), meeting: bool = False) -> bool:
    """Whether body_problems finds nothing: the same check, without locating what it finds."""
    return not _findings(_prepared(text, section_lines), meeting)


def _findings(lines: list[str], meeting: bool) -> set[Finding]:
    return {f for _, f in _walk(*render(lines), meeting)}


def _prepared(text: str, section_lines: list[int]) -> list[str]:
    """The text as the page holds it: sections under the template's headings, references as
    the links they become, placeholders (reported on their own) blanked. A listing marker
    (<!-- casebook:... -->) is an HTML comment here: only hand-written pages expand them."""
    text = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text) if "<<" in text else text
    text = REFERENCE.sub("[a case](https://casebook.invalid/)", text) if "[[" in text else text
    lines = text.split("\n")
    for index in section_lines:
        lines[index] = _SECTION_LINE
    return lines


def _locate(lines: list[str], meeting: bool, found: set[Finding]) -> set[tuple[int, Finding]]:
    """(line index, finding) for each finding: rendered again with a marker paragraph before
    each block that starts a line after a blank one, then each short block line by line; a
    finding the markers moved (or hid) is put at the first line."""
    marked, starts = [], []
    for index, line in enumerate(lines):
        if line[:1] not in ("", " ", "\t") and (index == 0 or not lines[index - 1].strip()):
            marked += [_LINE_MARK.format(index), ""]
            starts.append(index)
        marked.append(line)
    located: set[tuple[int, Finding]] = set()
    by_block: dict[int, set[Finding]] = {}
    for index, f in _walk(*render(marked), meeting):
        if f in found:
            by_block.setdefault(index, set()).add(f)
    ends = dict(zip(starts, starts[1:] + [len(lines)]))
    for start, findings in by_block.items():
        located |= _within_block(lines[start:ends.get(start, start + 1)], start, meeting, findings)
    missed = found - {f for _, f in located}
    return located | {(0, f) for f in missed}


def _within_block(block: list[str], start: int, meeting: bool, findings: set[Finding]) -> set[tuple[int, Finding]]:
    """The line of each finding in a block: where rendering the block's first lines alone
    first makes it (more often); raw HTML and code blocks, which span lines, where they
    start. A long block, or a finding only its context makes, stays at the block's first line."""
    located = set()
    if 1 < len(block) <= _REFINED_BLOCK_LINES:
        seen: dict[Finding, int] = {}
        for end in range(1, len(block) + 1):
            counts: dict[Finding, int] = {}
            for _, f in _walk(*render(block[:end]), meeting):
                counts[f] = counts.get(f, 0) + 1
            located |= {(_first(block, end, meeting, f), f) for f, n in counts.items()
                        if f in findings and n > seen.get(f, 0)}
            seen = counts
        located = {(start + index, f) for index, f in located}
    placed = {f for _, f in located}
    return located | {(start, f) for f in findings - placed}


def _first(block: list[str], end: int, meeting: bool, finding: Finding) -> int:
    """The index of the line where ``finding``, made by the block's first ``end`` lines, starts."""
    if finding.kind not in _SPANNING:
        return end - 1
    for begin in range(end - 1, -1, -1):
        if any(f == finding for _, f in _walk(*render(block[begin:end]), meeting)):
            return begin
    return end - 1


def _walk(root: Element, md: markdown.Markdown, meeting: bool) -> list[tuple[int, Finding]]:
    """(line index of the last marker seen, finding) for everything outside the allow-list, in
    document order. Inside a refused element only raw HTML is looked for: one problem is enough."""
    by_element = {id(elem): keys for elem, keys in md.casebook_attr_lists}
    stash = md.htmlStash.rawHtmlBlocks
    found: list[tuple[int, Finding]] = []
    line = 0

    def visit(elem: Element, refused: bool) -> None:
        nonlocal line
        mark = _marker_line(elem)
        if mark is not None:
            line = mark
            return
        own = [] if refused else _element(elem, by_element.get(id(elem)), meeting)
        found.extend((line, f) for f in own)
        _raw_html(elem.text, stash, line, found)
        for child in elem:
            visit(child, refused or bool(own))
            _raw_html(child.tail, stash, line, found)

    _raw_html(root.text, stash, line, found)
    for child in root:
        visit(child, False)
        _raw_html(child.tail, stash, line, found)
    return found


def _raw_html(text: str | None, stash: list[str], line: int, found: list) -> None:
    for placeholder in HTML_PLACEHOLDER_RE.finditer(text or ""):
        index = int(placeholder.group(1))
        if index < len(stash):
            found.extend((line, f) for f in _stashed(stash[index]))


def _marker_line(elem: Element) -> int | None:
    text = elem.text or ""
    if elem.tag == "p" and text.startswith("casebookline") and text.endswith("x") and not len(elem):
        number = text[len("casebookline"):-1]
        return int(number) if number.isascii() and number.isdigit() else None
    return None


def _element(elem: Element, attr_list_keys, meeting: bool) -> list[Finding]:
    tag = elem.tag if isinstance(elem.tag, str) else "?"
    if attr_list_keys:
        keys = ", ".join(sorted(set(attr_list_keys)))
        return [Finding(f"a Markdown attribute list ({{...}}) setting {keys}, which would set HTML "
                        "attributes on the page", "attributes")]
    if tag == "img":
        return [Finding(f"an image ({_short(elem.get('src', ''))})", "image")]
    if tag in ("h1", "h2") and not meeting:
        if tag == "h2" and (elem.text or "").strip() == _SECTION_TEXT:
            return []  # a section heading, which the template writes
        return [Finding(f"a level {tag[1]} heading ('{_short(elem.text or '')}'); the page's "
                        "title and section headings come from the template", "heading")]
    if tag == "div" and "admonition" in (elem.get("class") or "").split():
        return [Finding("an admonition ('!!!'), a box case pages do not use", "element")]
    if tag not in ALLOWED:  # md_in_html made it from raw HTML
        return [Finding(f"raw HTML (<{tag}>), which the page would carry as it is", "html")]
    return _attributes(tag, elem)


def _attributes(tag: str, elem: Element) -> list[Finding]:
    found = []
    for name, value in elem.attrib.items():
        value = value or ""
        if name not in ALLOWED[tag] or (name in _VALUES and not _VALUES[name].fullmatch(value)):
            found.append(Finding(f"an attribute Markdown does not make (<{tag} {name}=\"{_short(value)}\">)",
                                 "attributes"))
        elif name == "href":
            scheme = unsafe_scheme(value)
            if scheme:
                found.append(Finding(f"a link to a {scheme}: address, {hostile_text.scheme_reason(scheme)}", "link"))
        elif name == "id" and taken_id(value):
            found.append(Finding(f"a heading whose id would be '{_short(value)}', an id the site's theme "
                                 "gives its own elements", "id"))
    return found


def taken_id(value: str) -> bool:
    """Whether a heading with this id would share it with an element of the theme or template."""
    return value.startswith(THEME_ID_PREFIXES) or value in TEMPLATE_IDS


def _stashed(raw: str | Element) -> list[Finding]:
    """What raw HTML the renderer passed through untouched: none but an entity or a code block."""
    if not isinstance(raw, str):  # md_in_html keeps an HTML block holding Markdown as an element
        return [Finding(f"raw HTML (<{raw.tag}>), which the page would carry as it is", "html")]
    if re.fullmatch(ENTITY_RE, raw):
        return []
    parsed = Tags()
    parsed.feed(raw)
    parsed.close()
    if parsed.code_block_only():
        return []  # fenced_code's own <pre><code>, checked like any element
    if [tag for tag, _ in parsed.tags] == ["pre", "code"]:
        keys = ", ".join(sorted({name for _, attrs in parsed.tags for name, _ in attrs}))
        return [Finding(f"a code block with an attribute list ({{...}}) setting {keys}, which would set HTML "
                        "attributes on the page", "code")]
    if parsed.comment and not parsed.tags:
        return [Finding("an HTML comment (<!--), which would be published in the page's source", "comment")]
    first = f"<{parsed.tags[0][0]}>" if parsed.tags else f"</{parsed.ends[0]}>" if parsed.ends else _short(raw, 20)
    return [Finding(f"raw HTML ({first}), which the page would carry as it is", "html")]


def unsafe_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it, when not http, https or mailto (relative
    links, to the site's own pages, have none)."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", plain)
    return match.group(1) if match and match.group(1) not in SAFE_SCHEMES else None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
