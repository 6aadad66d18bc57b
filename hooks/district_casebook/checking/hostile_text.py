"""Front-matter fields and control characters in contributor text.

Fields are plain text: the pages print them escaped (references.escape_inline),
so markup in one would show as written; it is refused all the same, as a
contributor's mistake, each on its line. Bodies are Markdown, and what their
Markdown makes is checked as the site renders it (rendered.py); here only
invisible control characters are looked for in them.
"""
from __future__ import annotations

import html
import re
import unicodedata

from ..markup.placeholders import PATTERN as PLACEHOLDER
from ..model import sections
from ..problems import Problem, field_name
from ..reading.documents import Document, strings
from . import invisible

SAFE_SCHEMES = {"http", "https", "mailto"}

_AUTOLINK = r"<(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]{1,31}):[^\s<>]*>"
_EMAIL = r"<[^\s<>@]+@[^\s<>@]+>"
_TAG = r"<(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>[^>]*)>?"
_OTHER = r"<(?P<other>!--|![A-Za-z\[]|\?)"
_MARKUP = re.compile("|".join(f"(?:{p})" for p in (_AUTOLINK, _EMAIL, _TAG, _OTHER)))
_HANDLER = re.compile(r"(?:^|[\s/\"'])(on[a-z]+)\s*=", re.I)
# Python-Markdown's attr_list: {: key=value}, {#id}, {.class}, { key=value }.
_LINK_START = re.compile(r"\]\(|\]:")
_SCHEME = re.compile(r"^<?([a-z][a-z0-9+.\-]*):")
_ATTR_LIST = re.compile(r"\{:|\{[ \t]*(?:[#.][\w-]|[^\s{}=]+[ \t]*=)")
_SCRIPT_URL = re.compile(r"(?<![\w])(?:(?:java|vb|live)\s*script|data(?=\s*:\s*[\w.+-]+/))\s*:", re.I)
# Every finding in a field starts at one of these: '<' (markup), '{' (attribute
# lists), ':' (script addresses) or an invisible character. Most fields hold none.
_FIELD_SUSPECT_ASCII = re.compile("[<{:\x00-\x08\x0b-\x1f\x7f]")  # for ASCII text; the rest: _suspect

# What each kind of tag could do on the site, most dangerous first.
_KINDS = (
    ({"script"}, "a script could run in readers' browsers"),
    ({"iframe", "frame", "frameset", "object", "embed", "applet", "portal"},
     "it would embed another site or a plugin"),
    ({"style", "link"}, "it could restyle or hide the whole page"),
    ({"form", "input", "button", "select", "textarea"}, "it could collect readers' input"),
    ({"meta", "base"}, "it could redirect readers or change every link on the page"),
    ({"svg", "math", "template"}, "its content follows other parsing rules and can hide a script"),
)
_HINTS = {
    "markup": "Remove it: case text is Markdown without HTML. For a literal '<', put a space after it.",
    "comment": "Remove it: case text is Markdown without HTML; notes for reviewers go in the pull request.",
    "link": "Link to an http:// or https:// address, or to another case with [[case-id]].",
    "attributes": "Remove it: the template lays out the page.",
    "control": "Delete it; retype the text around it if it is hard to find.",
}
_FIELD_HINT = "Remove it: fields are plain text."


def front_matter(doc: Document, texts: list[tuple[tuple, str]] | None = None) -> list[Problem]:
    """A problem for each front-matter string holding markup, a script address or a control character.

    ``texts`` are the document's strings when the caller has them already."""
    problems = []
    for path, text in strings(doc.data) if texts is None else texts:
        if path[-1] == "url" or not _suspect(text):
            continue  # the schema allows only http(s) addresses in a url, and says so
        what = _first_in_field(PLACEHOLDER.sub("", text))
        if what:
            problems.append(Problem(doc.src_uri, doc.line_of(path), field_name(path),
                                    f"The text holds {what}.", _FIELD_HINT))
    return problems


def body(src_uri: str, text: str, first_line: int) -> list[Problem]:
    """A problem for each control character in a Markdown body. What the body's Markdown makes
    is checked as the site renders it (rendered.py), not guessed at here."""
    return [Problem(src_uri, first_line + text.count("\n", 0, offset), "", f"The body has {what}.", _HINTS[kind])
            for offset, what, kind in _controls(text)]


def hand_written(src_uri: str, text: str, first_line: int, allow_markers: bool = True) -> list[Problem]:
    """A problem for each tag, attribute list, unsafe link or control character in a hand-written page
    of docs/ (the home page): maintainers' pages, outside the paths contributors may change, checked
    as a second line by patterns; contributors' bodies are checked as rendered (rendered.py)."""
    if "<<" in text:
        text = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)  # reported by placeholders
    found = sorted([*_markup(text, allow_markers), *_links(text), *_attribute_lists(text), *_controls(text)])
    problems, line, counted = [], first_line, 0
    for offset, what, kind in found:  # lines counted once through the text, not from its start each time
        line, counted = line + text.count("\n", counted, offset), offset
        problems.append(Problem(src_uri, line, "", f"The body has {what}.", _HINTS[kind]))
    return problems


def _suspect(text: str) -> bool:
    if text.isascii():
        return _FIELD_SUSPECT_ASCII.search(text) is not None
    return "<" in text or "{" in text or ":" in text or next(invisible.finditer(text), None) is not None


def _first_in_field(text: str) -> str | None:
    """What is wrong with one front-matter string, or None; only the first thing is told."""
    found = sorted([*_markup(text, False), *_controls(text)])
    if found:
        return found[0][1]
    if _ATTR_LIST.search(text):
        return "a Markdown attribute list ({...}), which would set HTML attributes on the page"
    script = _SCRIPT_URL.search(text)
    if script:
        scheme = re.sub(r"\s", "", script.group(0)).lower()
        return f"a {scheme} address, {scheme_reason(scheme[:-1])}"
    return None


def _markup(text: str, allow_markers: bool):
    """(offset, what, hint kind) for each tag, comment or autolink that is not http(s)."""
    opened = set()
    for match in _MARKUP.finditer(text):
        name = (match.group("name") or "").lower()
        if match.group("close") and name in opened:
            continue  # its opening tag is reported already
        opened.add(name)
        if match.group("scheme"):
            scheme = match.group("scheme").lower()
            if scheme not in SAFE_SCHEMES:
                yield match.start(), f"a link to a {scheme}: address, {scheme_reason(scheme)}", "link"
        elif name:
            yield match.start(), _tag(match.group("close") + name, match.group("attrs")), "markup"
        elif match.group("other") == "!--":
            if not (allow_markers and text.startswith("<!-- casebook:", match.start())):
                comment = "an HTML comment (<!--), which would be published in the page's source"
                yield match.start(), comment, "comment"
        elif match.group("other"):
            yield match.start(), f"HTML markup (<{match.group('other')})", "markup"


def _tag(name: str, attrs: str) -> str:
    handler = _HANDLER.search(attrs or "")
    reason = next((why for names, why in _KINDS if name.lstrip("/") in names), None)
    if handler and name != "script":
        return f"the <{name}> tag with an event handler ({handler.group(1).lower()}=), " \
            "which would run a script in readers' browsers"
    return f"the HTML tag <{name}>; {reason or 'case text is Markdown without raw HTML'}"


def _links(text: str):
    """Link and image addresses and reference definitions, however they are spelt."""
    for match in _LINK_START.finditer(text):
        scheme = _scheme(text[match.end():match.end() + 200])
        if scheme and scheme not in SAFE_SCHEMES:
            yield match.start(), f"a link to a {scheme}: address, {scheme_reason(scheme)}", "link"


def _scheme(destination: str) -> str | None:
    """The scheme a browser would see: entities decoded, whitespace and backslashes dropped."""
    if ":" not in destination and "&" not in destination:
        return None  # no scheme, however spelt (a quick test: a line may hold thousands of '](')
    plain = re.sub(r"[\s\\\x00-\x1f]", "", html.unescape(destination)).lower()
    match = _SCHEME.match(plain)
    return match.group(1) if match else None


def scheme_reason(scheme: str) -> str:
    """Why a link to ``scheme`` is refused (shared with rendered.py)."""
    if scheme in ("javascript", "vbscript", "livescript"):
        return "which runs a script when opened"
    if scheme == "data":
        return "which hides a whole document inside the link"
    return "and links in a case are http:// or https:// (or mailto: for e-mail)"


def _attribute_lists(text: str):
    seen = set()  # line starts: one problem a line, as a line of thousands of '{#a}' is one mistake
    line_start, line_end = 0, text.find("\n")
    for match in _ATTR_LIST.finditer(text):
        if 0 <= line_end < match.start():  # a later line: each stretch of text is searched once
            line_start = text.rfind("\n", line_end, match.start()) + 1
            line_end = text.find("\n", line_start)
        if line_start in seen:
            continue
        seen.add(line_start)
        if not _section_anchor_line(text, line_start):  # a section's anchor: the template puts its own
            yield match.start(), "a Markdown attribute list ({...}), which would set HTML attributes " \
                "such as event handlers on the page", "attributes"


def _section_anchor_line(text: str, start: int) -> bool:
    """Whether the line at ``start`` is '## Heading {#id}' (string operations, linear in the line)."""
    end = text.find("\n", start)
    found = sections.heading(text[start:] if end < 0 else text[start:end])
    return bool(found) and found[0] == 2 and sections.anchor_suffix(found[1])[1] is not None \
        and "{" not in sections.anchor_suffix(found[1])[0]


def _controls(text: str):
    # Invisible characters that change how text is read: C0/C1 controls (Markdown uses
    # STX/ETX internally), format characters such as the bidirectional overrides of
    # "Trojan source", and the invisible fillers (see invisible.py).
    for match in invisible.finditer(text):
        char = match.group(0)
        name = unicodedata.name(char, "a control character")
        yield match.start(), f"the invisible character U+{ord(char):04X} ({name}), which can hide or " \
            "disguise text", "control"
