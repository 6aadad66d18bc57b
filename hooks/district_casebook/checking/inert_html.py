"""Defence in depth: a page built from contributor text carries nothing executable.

``injection`` refuses raw HTML, attribute lists and script addresses in case
and meeting text before the build. This module looks again at the HTML those
pages became, so a gap in that check (or in Markdown's handling of odd input)
still cannot publish a script: elements that run or embed code are turned into
visible text, event-handler attributes are dropped and links to script
addresses lose their address. Each finding is returned, so the build can say
that the check upstream let something through.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements that run code, embed other documents or change the whole page, and
# those whose content browsers read as raw text (this parser reads it as HTML).
EXECUTABLE = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
              "meta", "link", "base", "form", "svg", "math", "template",
              "noscript", "noembed", "noframes", "title", "textarea", "xmp", "plaintext"}
_DATA_SCRIPTS = {"application/json", "application/ld+json"}  # data blocks: never executed
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite",
                   "xlink:href", "srcset", "ping", "codebase", "manifest"}
_ALWAYS_DROPPED = {"srcdoc", "formaction"}
_SAFE_SCHEMES = {"http", "https", "mailto"}
# Browsers drop these from a URL before reading its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def neutralise(text: str) -> tuple[str, list[str]]:
    """``text`` (an HTML fragment) with everything executable made inert, and what was found."""
    if not SUSPECT.search(text):
        return text, []  # nothing the parser would react to: microseconds a case page instead of a millisecond
    return parse_and_neutralise(text)


def parse_and_neutralise(text: str) -> tuple[str, list[str]]:
    """As neutralise, always parsing."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    for start, end, replacement in sorted(scanner.edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, scanner.findings


# Everything _Scanner reacts to, found by one search: a superset, where a match only means
# "parse it". Attributes are looked for inside a start tag (quoted values may hold '>'),
# where the parser starts one: after white space, a quote or a slash.
_IN_TAG = r"""<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*?(?<=[\s"'/])"""
_HANDLER = r"(?:on[a-z]*|srcdoc|formaction)\s*="
_ODD_URL = "(?:" + "|".join(map(re.escape, sorted(_URL_ATTRIBUTES))) + r""")\s*=\s*["']?\s*""" \
    r"""(?!https?://|mailto:)[^"'>]*?[:&]"""
SUSPECT = re.compile(r"<!|</?(?:" + "|".join(sorted(EXECUTABLE)) + f")|{_IN_TAG}(?:{_HANDLER}|{_ODD_URL})",
                     re.IGNORECASE)


def unsafe_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it when not http, https or mailto (javascript, data...)."""
    match = _SCHEME.match(_URL_NOISE.sub("", html.unescape(url)).lower())
    return match.group(1) if match and match.group(1) not in _SAFE_SCHEMES else None


class _Scanner(HTMLParser):
    """Records (start, end, replacement) edits; the source text itself is never re-serialised."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.edits: list[tuple[int, int, str]] = []
        self.findings: list[str] = []
        self.raw_start: int | None = None  # inside a <script> or <style>, whose content the parser keeps raw
        self.in_data_script = False

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        raw, start = self.get_starttag_text(), self.position()
        if _data_script(tag, attrs):
            self.in_data_script = raw[-2:] != "/>"  # then its attributes are checked as any tag's
        elif tag in EXECUTABLE:
            self.findings.append(f"<{tag}>")
            if tag in self.CDATA_CONTENT_ELEMENTS and raw[-2:] != "/>":
                self.raw_start = start
            else:
                self.edits.append((start, start + len(raw), html.escape(raw)))
            return
        kept = self.safe_attributes(tag, attrs)
        if kept != attrs:
            self.edits.append((start, start + len(raw), _tag(tag, kept, raw.endswith("/>"))))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        start = self.position()
        end = self.text.find(">", start) + 1 or len(self.text)
        if self.raw_start is not None:
            self.edits.append((self.raw_start, end, html.escape(self.text[self.raw_start:end])))
            self.raw_start = None
        elif self.in_data_script and tag == "script":
            self.in_data_script = False
        elif tag in EXECUTABLE:
            self.edits.append((start, end, html.escape(self.text[start:end])))

    # Browsers may end a comment elsewhere (`--!>`), so a comment becomes text. Not dropped:
    # `<<!-- -->script>` would then read `<script>`. Its span is where the parser read it.
    def parse_comment(self, i, report=1):
        return self.escape_span(i, super().parse_comment(i, report))

    def parse_bogus_comment(self, i, report=1):
        return self.escape_span(i, super().parse_bogus_comment(i, report))

    def escape_span(self, start: int, end: int) -> int:
        if end > start:  # -1: not complete
            shift = len(self.text) - len(self.rawdata)  # rawdata is what is left of the text
            self.edits.append((start + shift, end + shift, html.escape(self.text[start + shift:end + shift])))
            self.findings.append("an HTML comment")
        return end

    def close(self):
        super().close()
        if self.raw_start is not None:  # an unclosed <script> runs to the end
            self.edits.append((self.raw_start, len(self.text), html.escape(self.text[self.raw_start:])))

    def safe_attributes(self, tag: str, attrs: list) -> list:
        kept = []
        for name, value in attrs:
            scheme = unsafe_scheme(value) if name in _URL_ATTRIBUTES and value else None
            if value is not None and (name.startswith("on") or name in _ALWAYS_DROPPED):  # bare `onclick` runs nothing
                self.findings.append(f"{name}= on <{tag}>")
            elif scheme:
                self.findings.append(f"{scheme}: address in <{tag} {name}>")
            else:
                kept.append((name, value))
        return kept


def _data_script(tag: str, attrs: list) -> bool:
    return tag == "script" and (dict(attrs).get("type") or "").strip().lower() in _DATA_SCRIPTS


def _tag(tag: str, attrs: list, self_closing: bool) -> str:
    rendered = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                       for name, value in attrs)
    return f"<{tag}{rendered}{' /' if self_closing else ''}>"


def contributed(page_uri: str) -> bool:
    """Pages whose text comes from contributors: the cases and the meeting summaries."""
    meeting = page_uri.startswith("meetings/") and page_uri != "meetings/index.md"
    return page_uri.startswith("cases/") or meeting


def source_of(page_uri: str) -> str:
    """The repository file a contributed page was built from."""
    return page_uri if page_uri.startswith("cases/") else f"docs/{page_uri}"
