"""Links in case and meeting text that the strict build would refuse, found before it.

MkDocs checks every link of a rendered page: a relative link must name a page
(`x.md`) or a file of the site, an absolute one (`/cases/x/`) is refused, and
an `#anchor` must exist on the page it points to. Its warnings carry no line,
and it suggests `x.md` where the casebook's own `[[id]]` is the form to use.
Here the same links are found in the text, with their lines, and the advice is
`[[id]]` or `[[id#section]]`.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from ..markup import references
from ..model.vocabulary import closest
from ..problems import Problem

# Anchors on every case page besides its sections: "Sources", "Related cases" and "Cite this case"
# (templates/case.md.j2 and _links.md.j2).
CASE_PAGE_ANCHORS = ("sources", "related", "cite", "cite-apa", "cite-bibtex", "cite-csl-json", "cite-embed")
_INLINE = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
                     r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_CODE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$|`+[^`\n]*`+", re.M | re.S)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*(?:\{#([\w-]+)\})?[ \t]*$", re.M)


class Pages:
    """What the site will hold: its pages (docs-relative .md), other files, and each case's anchors."""

    def __init__(self, case_ids: set[str], section_keys: list[str], pages: set[str], files: set[str]):
        self.case_ids, self.pages, self.files = case_ids, pages | {f"cases/{i}.md" for i in case_ids}, files
        self.case_anchors = [*section_keys, *CASE_PAGE_ANCHORS]
        self.page_anchors: dict[str, set[str]] = {}  # of hand-written pages, by their headings

    def anchors(self, page: str) -> set[str] | None:
        """The anchors of ``page``; None when they cannot be known before the build."""
        if page.startswith("cases/"):
            return set(self.case_anchors)
        return self.page_anchors.get(page)


def check(src_uri: str, page: str, text: str, first_line: int, pages: Pages) -> list[Problem]:
    """Every link in ``text`` (the body of ``src_uri``, shown at docs-relative ``page``) the build would refuse."""
    if "](" not in text and "]:" not in text and "[[" not in text:
        return []  # most bodies: no link to check
    masked = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text) if "`" in text or "~~~" in text else text
    found = []
    for position, destination in _links(masked):
        line = first_line + masked.count("\n", 0, position)
        problem = _link_problem(page, destination, pages)
        if problem:
            found.append(Problem(src_uri, line, "", *problem))
    for line, case_id, anchor, raw in references.find(masked, first_line):
        if case_id in pages.case_ids and anchor and anchor not in pages.case_anchors:
            found.append(Problem(src_uri, line, "", f"{raw}: the case '{case_id}' has no section '#{anchor}'.",
                                 _anchor_hint(case_id, anchor, pages)))
    return found


def _links(text: str):
    for pattern in (_INLINE, _DEFINITION):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1).strip("<>")


def _link_problem(page: str, destination: str, pages: Pages) -> tuple[str, str] | None:
    if not destination or _SCHEME.match(destination) or destination.startswith("//") or "&" in destination:
        return None  # addresses elsewhere, or spelt with entities: hostile_text checks their schemes
    path, _, anchor = destination.partition("#")
    path = unquote(path.partition("?")[0])
    if destination.startswith("/"):
        return (f"The link '{destination}' is an absolute address, which the build refuses: it breaks when "
                "the site is served from another folder.", _use_reference(path, pages))
    if not path:
        known = pages.anchors(page)
        if anchor and known is not None and anchor not in known:
            return f"The link '{destination}' names no anchor of this page.", _anchor_hint("", anchor, pages)
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if not target.endswith(".md"):
        if target in pages.files:
            return None  # an image or another file of the site
        return (f"The link '{destination}' is the address of a page, not its file; the build cannot check it.",
                _use_reference(path, pages))
    if target not in pages.pages:
        return f"The link '{destination}' leads to no page: '{target}' is not a page of the site.", \
            _use_reference(path, pages)
    known = pages.anchors(target)
    if anchor and known is not None and anchor not in known:
        case_id = PurePosixPath(target).stem if target.startswith("cases/") else ""
        return f"The link '{destination}' names no anchor of '{target}'.", _anchor_hint(case_id, anchor, pages)
    return None


def _use_reference(path: str, pages: Pages) -> str:
    """The advice: [[id]], with the id the link most likely meant."""
    name = PurePosixPath(path.rstrip("/")).name.removesuffix(".md") if path.strip("/") else ""
    guess = closest(name, sorted(pages.case_ids)) if name else None
    meant = f" Did you mean [[{guess}]]?" if guess else ""
    return f"Link a case with [[case-id]] and a section of it with [[case-id#section]].{meant}"


def _anchor_hint(case_id: str, anchor: str, pages: Pages) -> str:
    guess = closest(anchor, pages.case_anchors)
    if case_id:
        meant = f" Did you mean [[{case_id}#{guess}]]?" if guess else ""
        return f"Link a section with [[{case_id}#section]]; a case's sections are " \
            f"#{', #'.join(pages.case_anchors[:6])}.{meant}"
    meant = f"Did you mean '#{guess}'? " if guess else ""
    return meant + "Link a section of a case with [[case-id#section]]."


def heading_anchors(text: str) -> set[str]:
    """The anchors of a hand-written page: its headings, as Markdown's toc names them (or {#id})."""
    return {explicit or _slug(title) for title, explicit in _HEADING.findall(text)}


def _slug(title: str) -> str:
    text = re.sub(r"[^\w\s-]", "", re.sub(r"\[\[([^\]]*)\]\]|\[([^\]]*)\]\([^)]*\)", r"\1\2", title)).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
