"""Defence in depth: the HTML of a page built from contributor text, through nh3.

`casebook validate` refuses anything outside the allow-list (rendered.py)
before the build. Should anything get through, the page's HTML goes through
nh3 (ammonia, a maintained allow-list sanitiser) allowing only what plain
Markdown makes plus what our templates put around it, and every removal is
reported: the build logs a warning and a strict build stops. The page's table
of contents, which Material prints without escaping, is checked too.
"""
from __future__ import annotations

import functools
import re
import string

import nh3

from .rendered import ALLOWED, SAFE_SCHEMES, THEME_ID_PREFIXES, taken_id, unsafe_scheme

# Around contributor text the case and meeting templates add a panel, a citation block
# and search weights (templates/case.md.j2, _links.md.j2, _lists.md.j2).
# The meeting page adds case cards (templates/_cards.md.j2); "Cite this case" is folded (<details>).
_TEMPLATE = {"div": {"class", "data-pagefind-weight", "data-pagefind-ignore", "hidden"},
             "p": {"class", "id", "data-pagefind-weight", "data-pagefind-ignore", "data-cb-copy", "data-case"},
             "pre": {"class", "data-cb-copy"}, "ul": {"class"}, "time": {"datetime"},
             "span": {"class", "data-pagefind-meta", "data-value"},
             "details": {"class", "id", "data-pagefind-ignore"}, "summary": {"class"}, "article": {"class"},
             "h2": {"class", "id"}}
TAGS: dict[str, set[str]] = {tag: ALLOWED.get(tag, set()) | _TEMPLATE.get(tag, set())
                             for tag in ALLOWED.keys() | _TEMPLATE.keys()}
_VALUES = {
    "class": re.compile(r"(?:cb-[a-z_-]+|headerlink|language-[\w-]+)(?: (?:cb-[a-z_-]+|headerlink|language-[\w-]+))*"),
    # Search metadata from the facts panel: named keys only (a "url:" key would set the result's link).
    "data-pagefind-meta": re.compile(r"(?:districts|states|summary|themes|years)\[data-value\]"),
    "style": re.compile(r"text-align: (?:left|right|center);"),
    "start": re.compile(r"[0-9]{1,9}"),
    "data-pagefind-weight": re.compile(r"[0-9]{1,2}(?:\.[0-9]+)?"),
    "data-pagefind-ignore": re.compile(r"all|data-pagefind-ignore"),  # `{: data-pagefind-ignore }` repeats the name
    "hidden": re.compile(r""),
    "data-case": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"),
    "datetime": re.compile(r"[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?"),  # a meeting may be dated by its month
}
# The HTML tokenizer starts a tag, a comment or a declaration at '<' followed by one of these.
_MARKUP_START = re.compile(r"<(/?[A-Za-z][^\s/>]*|!|\?)")
_LINK = re.compile(r"\s(?:href|src)\s*=", re.IGNORECASE)


class Sanitiser:
    """One nh3 cleaner for a build; ``clean`` returns the safe HTML and what it removed."""

    def __init__(self):
        self.removed: list[str] = []
        # Every attribute reaches the filter (generic prefixes: all of them), which applies
        # the allow-list itself and so can tell what it dropped.
        self.cleaner = nh3.Cleaner(tags=set(TAGS), clean_content_tags={"script", "style"}, attributes={},
                                   generic_attribute_prefixes=set(string.ascii_lowercase) | {"_", ":"},
                                   attribute_filter=self._attribute, strip_comments=True, link_rel=None,
                                   url_schemes=set(SAFE_SCHEMES))

    def clean(self, html_text: str) -> tuple[str, list[str]]:
        self.removed = [f"<{name}>" for name in _markup_outside(html_text)]
        cleaned = self.cleaner.clean(html_text)
        if len(_LINK.findall(cleaned)) < len(_LINK.findall(html_text)):
            self.removed.append("a link address that is not http, https, mailto or relative")
        # What nh3 drops unasked (an attribute whose name no filter sees, a stray end tag) leaves
        # fewer tags or '=' (text keeps both): a page is kept as rendered only when nothing went.
        if not self.removed and (cleaned.count("<") < html_text.count("<") or cleaned.count("=") < html_text.count("=")):
            self.removed.append("markup that the allow-list does not hold")
        return cleaned, self.removed

    def _attribute(self, tag: str, name: str, value: str) -> str | None:
        if name in TAGS.get(tag, ()) and _value_allowed(name, value):
            return value
        if tag in TAGS:  # attributes of a removed element are told with the element
            self.removed.append(f'{name}="{value[:60]}" on <{tag}>')
        return None


def removals(html_text: str) -> tuple[str, list[str]] | None:
    """None when nh3 removes nothing from ``html_text`` (the page is kept as the renderer made it);
    else the cleaned HTML and what was removed. With this process's cleaner: a helper process's
    work (loading/parallel.Helpers), which sends back next to nothing for a clean page."""
    cleaned, removed = _this_process().clean(html_text)
    return (cleaned, removed) if removed else None


@functools.cache
def _this_process() -> Sanitiser:
    return Sanitiser()


def _value_allowed(name: str, value: str) -> bool:
    if name in _VALUES:
        return bool(_VALUES[name].fullmatch(value))
    if name in ("href", "src"):
        return unsafe_scheme(value) is None
    if name == "id":
        return not value.startswith(THEME_ID_PREFIXES) and _plain_id(value)
    return True


def _plain_id(value: str) -> bool:
    return bool(value) and not any(char in value for char in " \t\n\r\f\"'<>&`=")


def _markup_outside(html_text: str) -> list[str]:
    """The tags, comments and declarations of ``html_text`` outside the allow-list, as a browser's
    tokenizer would start them."""
    found = []
    for match in _MARKUP_START.finditer(html_text):
        name = match.group(1).lstrip("/").lower()
        if name not in TAGS and name not in found:
            found.append(name if name not in ("!", "?") else f"{name} (a comment or declaration)")
    return found


def table_of_contents(items) -> list[str]:
    """What in a page's table of contents (items with .id, .title and .children, as MkDocs makes
    them) the theme would print unsafely (it prints ids and titles unescaped) or would take for
    its own element; each such item is made safe in place."""
    found = []
    for item in items:
        if not _plain_id(item.id):
            found.append(f"the heading id {item.id[:60]!r}, which the theme prints unescaped in the table "
                         "of contents")
            item.id = re.sub(r"[^\w-]", "-", item.id) or "heading"
        if taken_id(item.id):
            found.append(f"the heading id {item.id[:60]!r}, which the theme or template gives its own element")
            item.id = f"heading{item.id}"
        if "<" in item.title:  # the title is escaped text: a '<' is markup
            found.append(f"markup in the heading {item.title[:60]!r}, which the theme prints unescaped in the "
                         "table of contents")
            item.title = nh3.clean(item.title, tags=set())
        found += table_of_contents(item.children)
    return found


def contributed(page_uri: str) -> bool:
    """Pages whose text comes from contributors: the cases and the meeting summaries."""
    meeting = page_uri.startswith("meetings/") and page_uri != "meetings/index.md" \
        and not page_uri.startswith("meetings/by/")  # a convener's page lists meetings: generated
    return page_uri.startswith("cases/") or meeting


def source_of(page_uri: str) -> str:
    """The repository file a page was built from (generated pages: their address under docs/)."""
    return page_uri if page_uri.startswith("cases/") else f"docs/{page_uri}"
