"""The casebook's model: cases, meetings and the collection that indexes them."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from ..reading.documents import Document
from . import summaries
from .dates import dates_text
from .related import RelatedIndex
from .related import terms as related_terms
from .sections import Section
from .vocabulary import Vocabulary
from .years import Period

RELATED_LIMIT = 5
# schema/states.yml's code for "the sources do not say in which state": a state page, not a place.
STATE_NOT_GIVEN = "US"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")  # what a slug replaces by "-"


def slugify(text: str) -> str:
    ascii_text = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-") or "x"


class District(NamedTuple):
    """A tuple: quick to make, and the 12,000 of a large collection cost the cycle collector nothing."""

    name: str
    state: str
    nces_id: str = ""

    @property
    def slug(self) -> str:
        """Permanent URL part: the name and the state, so two states' 'Union' districts differ."""
        return _district_slug(self.name, self.state)


@lru_cache(maxsize=65536)  # slugify is slow, and the pages ask tens of thousands of times at 10,000 cases
def _district_slug(name: str, state: str) -> str:
    return f"{slugify(name)}-{state.lower()}"


def _field(name: str, default=None) -> property:
    return property(lambda self: self.doc.data.get(name, default), doc=f"The '{name}' field.")


@dataclass
class Case:
    doc: Document
    sections: dict[str, Section] = field(default_factory=dict)

    title = _field("title")
    summary = _field("summary")
    level = _field("level")
    years = _field("years")
    themes = _field("themes", [])
    roles = _field("roles", [])
    sources = _field("sources", [])
    related_ids = _field("related", [])
    aliases = _field("aliases", [])
    added = _field("added")

    @cached_property  # read some twenty times per case in a build
    def id(self) -> str:
        return self.doc.data["id"]

    @cached_property
    def page_uri(self) -> str:
        return f"cases/{self.id}.md"

    @cached_property
    def district_list(self) -> tuple[District, ...]:
        districts = self.doc.data["districts"]
        return tuple(District(d["name"], d["state"], d.get("nces_id", "")) for d in districts)

    @property
    def states(self) -> list[str]:
        return sorted({d.state for d in self.district_list})

    @cached_property
    def period(self) -> Period:
        """The years as the sources support them: known, approximate, reported or unknown (model/years.py)."""
        return Period.of(self.years)

    @cached_property  # lists and the finder's data both show it
    def lead(self) -> str:
        """The summary's first sentence, for lists (summaries.lead)."""
        return summaries.lead(self.summary)

    @property
    def year_span(self) -> str:
        """The years as pages write them: 'since 2021', '2010–2012', 'reported in 2012', 'year unknown'."""
        return self.period.text

    @property
    def last_changed(self) -> str:
        return self.doc.data.get("updated") or self.doc.data["added"]


@dataclass
class Meeting:
    """A meeting summary (docs/meetings/<id>.md): a convening where districts discussed cases."""

    doc: Document
    page_uri: str  # relative to docs/, e.g. "meetings/meeting-19.md"

    title = _field("title")
    convened_by = _field("convened_by")
    place = _field("place")
    sources = _field("sources", [])

    @property
    def id(self) -> str:
        """The file name without .md: the meeting's permanent address is /meetings/<id>/."""
        return self.page_uri.removeprefix("meetings/").removesuffix(".md")

    @property
    def case_ids(self) -> list[str]:
        return self.doc.data["cases"]

    @property
    def start(self) -> str:
        return self.doc.data["dates"]["start"]

    @property
    def end(self) -> str | None:
        return self.doc.data["dates"].get("end")

    @property
    def convener_slug(self) -> str:
        return slugify(self.convened_by)

    @property
    def summary_text(self) -> str:
        """The hand-written summary without a first `# heading` that repeats the title: the page
        prints the title as its heading (any other first heading stays)."""
        body = self.doc.body
        first = _LEADING_HEADING.match(body)
        if first and " ".join(first.group(1).split()) == " ".join(self.title.split()):
            return body[first.end():].strip("\n") + "\n"
        return body.strip("\n") + "\n"

    @property
    def facts(self) -> str:
        """One line: who convened it, when and where."""
        return f"{self.convened_by}, {self.dates_text}, {self.place}."

    @property
    def dates_text(self) -> str:
        """The dates as people read them: "May 2024", "28–29 June 2012", "30 June – 2 July 2012"."""
        return dates_text(self.start, self.end)

    @property
    def dates_unless_in_title(self) -> str:
        """The dates to print after the title: none when the title already ends with them
        ("Lead by Learning Inquiry in Action Forum, May 2024")."""
        return "" if self.title.rstrip(" .").endswith(self.dates_text) else self.dates_text


_LEADING_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")
class Collection:
    """Valid cases with the indexes the pages need, each built in one pass."""

    def __init__(self, cases: list[Case], meetings: list[Meeting], vocabularies: dict[str, Vocabulary]):
        self.cases = {case.id: case for case in sorted(cases, key=lambda c: c.id)}
        self.meetings = sorted(meetings, key=lambda m: (m.start, m.page_uri))
        self.vocabularies = vocabularies
        self.aliases = {alias: case for case in self.cases.values() for alias in case.aliases}

    def __iter__(self):
        return iter(self.cases.values())

    def __len__(self) -> int:
        return len(self.cases)

    def resolve(self, case_id: str) -> Case | None:
        """A case by its id or by a former id."""
        return self.cases.get(case_id) or self.aliases.get(case_id)

    @cached_property
    def by_theme(self) -> dict[str, list[Case]]:
        return _group((theme, case) for case in self for theme in case.themes)

    @property
    def by_district(self) -> dict[str, list[Case]]:
        return self._district_indexes[0]

    @property
    def districts(self) -> dict[str, District]:
        return self._district_indexes[1]

    @cached_property
    def _district_indexes(self) -> tuple[dict[str, list[Case]], dict[str, District]]:
        """Both district indexes in one pass: the cases of each district, and the district
        itself (the last case naming it gives its spelling)."""
        by_district: defaultdict[str, list[Case]] = defaultdict(list)
        districts: dict[str, District] = {}
        for case in self:
            for district in case.district_list:
                by_district[district.slug].append(case)
                districts[district.slug] = district
        return dict(by_district), districts

    @cached_property
    def by_state(self) -> dict[str, list[Case]]:
        return _group((state, case) for case in self for state in case.states)

    @property
    def states_named(self) -> list[str]:
        """The states some case names (not STATE_NOT_GIVEN): what "in N states" counts."""
        return [state for state in self.by_state if state != STATE_NOT_GIVEN]

    @cached_property
    def meetings_by_case(self) -> dict[str, list[Meeting]]:
        """Keyed by the id each meeting's `cases` gives (a former id answers through ``discussed_at``)."""
        return _group((case_id, m) for m in self.meetings for case_id in m.case_ids)

    def discussed_at(self, case: Case) -> list[Meeting]:
        """The meetings that discussed ``case``, named by its id or a former one, newest first."""
        found = {id(m): m for key in (case.id, *case.aliases) for m in self.meetings_by_case.get(key, [])}
        return newest_first(found.values())

    @cached_property
    def meetings_newest_first(self) -> list[Meeting]:
        return newest_first(self.meetings)

    @cached_property
    def by_convener(self) -> dict[str, list[Meeting]]:
        """Meetings by their convening body's slug, newest first."""
        return _group((m.convener_slug, m) for m in self.meetings_newest_first)

    def cases_of(self, meetings: list[Meeting]) -> list[Case]:
        """Every case the meetings discussed, once each, by title."""
        found = {id(c): c for m in meetings for c in map(self.resolve, m.case_ids) if c is not None}
        return sorted(found.values(), key=lambda c: (c.title.casefold(), c.id))

    def recent(self, count: int) -> list[Case]:
        return sorted(self, key=lambda c: (c.last_changed, c.id), reverse=True)[:count]

    @cached_property
    def _related_index(self) -> RelatedIndex:
        return RelatedIndex([related_terms(case.themes, case.roles) for case in self])

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {case_id: position for position, case_id in enumerate(self.cases)}

    @cached_property
    def _ordered(self) -> list[Case]:
        return list(self.cases.values())

    def related(self, case: Case) -> list[Case]:
        """Explicit `related` first, then the cases sharing the most themes and roles.

        Scores come from a term index (related.py), never from comparing
        every pair of cases.
        """
        # Keyed by identity: a case named by its id and by a former id appears once.
        chosen = {id(c): c for c in map(self.resolve, case.related_ids) if c is not None and c is not case}
        skip = [self._positions[c.id] for c in chosen.values()]
        best = self._related_index.top(self._positions[case.id], RELATED_LIMIT - len(chosen), skip)
        ordered = self._ordered
        return [*chosen.values(), *[ordered[position] for position in best]]


def newest_first(meetings) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.start, m.end or m.start, m.id), reverse=True)


def _group(pairs) -> dict:
    groups: dict = defaultdict(list)
    for key, item in pairs:
        groups[key].append(item)
    return dict(groups)
