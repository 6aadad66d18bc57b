"""Front-matter fields and control characters in contributor text.

Fields are plain text: the pages print them escaped (references.escape_inline),
so markup in one would show as written; it is refused all the same, as a
contributor's mistake, each on its line. Bodies are Markdown, and what their
Markdown makes is checked as the site renders it (rendered.py); here only
invisible control characters are looked for in them.
"""
from __future__ import annotations

import re
import unicodedata

from ..markup.placeholders import PATTERN as PLACEHOLDER
from ..problems import Problem, field_name
from ..reading.documents import Document, strings

SAFE_SCHEMES = {"http", "https", "mailto"}

_AUTOLINK = r"<(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]{1,31}):[^\s<>]*>"
_EMAIL = r"<[^\s<>@]+@[^\s<>@]+>"
_TAG = r"<(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>[^>]*)>?"
_OTHER = r"<(?P<other>!--|![A-Za-z\[]|\?)"
_MARKUP = re.compile("|".join(f"(?:{p})" for p in (_AUTOLINK, _EMAIL, _TAG, _OTHER)))
_HANDLER = re.compile(r"(?:^|[\s/\"'])(on[a-z]+)\s*=", re.I)
# Python-Markdown's attr_list: {: key=value}, {#id}, {.class}, { key=value }.
_ATTR_LIST = re.compile(r"\{:|\{[ \t]*(?:[#.][\w-]|[^\s{}=]+[ \t]*=)")
_SCRIPT_URL = re.compile(r"(?<![\w])(?:(?:java|vb|live)\s*script|data(?=\s*:\s*[\w.+-]+/))\s*:", re.I)
# Invisible characters that change how text is read: C0/C1 controls (Markdown
# uses STX/ETX internally), and the bidirectional overrides of "Trojan source".
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Every finding in a field starts at one of these: '<' (markup), '{' (attribute
# lists), ':' (script addresses) or a control character. Most fields hold none.
_FIELD_SUSPECT = re.compile("[<{:\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

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
        if path[-1] == "url" or not _FIELD_SUSPECT.search(text):
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
        return f"a {scheme} address, {_scheme_reason(scheme[:-1])}"
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
                yield match.start(), f"a link to a {scheme}: address, {_scheme_reason(scheme)}", "link"
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


def _scheme_reason(scheme: str) -> str:
    if scheme in ("javascript", "vbscript", "livescript"):
        return "which runs a script when opened"
    if scheme == "data":
        return "which hides a whole document inside the link"
    return "and links in a case are http:// or https:// (or mailto: for e-mail)"


def _controls(text: str):
    for match in _CONTROL.finditer(text):
        char = match.group(0)
        name = unicodedata.name(char, "a control character")
        yield match.start(), f"the invisible character U+{ord(char):04X} ({name}), which can hide or " \
            "disguise text", "control"
