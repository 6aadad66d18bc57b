"""Citing: "Cite this case" (APA 7, BibTeX and CSL-JSON for one case, dated
by its last review and pointing at its permanent address), and the case's
own sources as entries of a reference list (APA-like, in Markdown).
"""
from __future__ import annotations

import calendar
import json
from dataclasses import dataclass

from ..markup.references import escape_inline
from ..model.casebook import Case
from ..model.years import source_year
from ..urls.permalinks import Site, case_path

# LaTeX's special characters, as BibTeX needs them inside a braced field.
_BIBTEX_ESCAPES = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                                 "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"})


@dataclass(frozen=True)
class Citation:
    """One case's citation in each format; ``apa`` is (before, title, after) so the title can be italic."""

    url: str
    reviewed: str         # the date a reader cites (YYYY-MM-DD): reviewed, else updated, else added
    reviewed_label: str   # what that date is: "Last reviewed", "Last updated" or "Added"
    apa: tuple[str, str, str]
    bibtex: str
    csl_json: str

    @property
    def apa_text(self) -> str:
        return "".join(self.apa)


DATE_FIELDS = (("reviewed", "Last reviewed"), ("updated", "Last updated"), ("added", "Added"))


def reviewed(case: Case) -> tuple[str, str]:
    """(what the date is, YYYY-MM-DD): `reviewed`, else `updated`, else `added`. A page never says
    "reviewed" of a case nobody has checked against its sources since it was added."""
    return next((label, case.doc.data[name]) for name, label in DATE_FIELDS if case.doc.data.get(name))


def citation(case: Case, site: Site) -> Citation:
    url, (label, date) = site.absolute(case_path(case.id)), reviewed(case)
    return Citation(url, date, label, apa(case, site, url, date), bibtex(case, site, url, date, label),
                    csl_json(case, site, url, date))


def apa(case: Case, site: Site, url: str, date: str) -> tuple[str, str, str]:
    """Group author, (year, Month day), *Title*, URL: APA 7 for a page whose author is the site."""
    year, month, day = _parts(date)
    stop = "" if case.title.rstrip()[-1:] in "?!." else "."
    return f"{site.name}. ({year}, {calendar.month_name[month]} {day}). ", case.title, f"{stop} {url}"


def bibtex(case: Case, site: Site, url: str, date: str, label: str) -> str:
    year, month, _ = _parts(date)
    fields = [("author", f"{{{_tex(site.name)}}}"), ("title", f"{{{_tex(case.title)}}}"),
              ("howpublished", rf"\url{{{url}}}"), ("year", str(year)), ("month", calendar.month_abbr[month].lower()),
              ("url", url), ("note", f"{label} {date}")]
    body = ",\n".join(f"  {name} = {_braced(name, value)}" for name, value in fields)
    return f"@misc{{casebook:{case.id},\n{body}\n}}\n"


def csl_json(case: Case, site: Site, url: str, date: str) -> str:
    item = {"id": f"casebook:{case.id}", "type": "webpage", "title": case.title,
            "author": [{"literal": site.name}], "container-title": site.name,
            "abstract": case.summary, "URL": url, "issued": {"date-parts": [list(_parts(date))]}}
    fields = ",\n".join(f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in item.items())
    return f"[\n  {{\n{fields}\n  }}\n]\n"  # one field a line: readable, and still plain JSON


def _braced(name: str, value: str) -> str:
    return value if name in ("month", "year") else f"{{{value}}}"


def _tex(text: str) -> str:
    return text.translate(_BIBTEX_ESCAPES)


def _parts(date: str) -> tuple[int, int, int]:
    year, month, day = (int(part) for part in date.split("-"))
    return year, month, day


def reference(source: dict) -> str:
    """'Knudson, J. (2012). *Title*. Publisher. Section: "…". <url>'; an undated source is "(n.d.)", as in APA."""
    who = source.get("author") or source.get("publisher")
    when = source_year(source) or "n.d."
    parts = [f"{escape_inline(str(who))} ({when}).", f"*{escape_inline(source['title'])}*."]
    if source.get("author") and source.get("publisher"):
        parts.append(f"{escape_inline(source['publisher'])}.")
    if source.get("section"):
        parts.append(f"Section: “{escape_inline(source['section'])}”.")
    if source.get("url"):
        parts.append(f"<{source['url']}>")
    return " ".join(parts)
