"""The case finder's data: one compact JSON file built with the site.

The finder page downloads it once and filters in the browser, so it must stay
small at thousands of cases: every vocabulary (themes, states, levels, roles,
source publishers, districts) is written once, and each case refers to its
values by position in those lists.

    {"version": 1,
     "facets": [{"key": "theme", "label": "Theme", "values": [["culture-change", "Adult culture change"], ...]},
                ...],
     "districts": [["Oakland Unified School District", 4], ...],   # [name, index into the state facet]
     "cases": [["oakland-restorative-justice", "Oakland leads ...", [0], 2012, 2012,
                [[8, 6, 3, 7], [4], [1], [2, 1, 0, 7], [0]], "reported in 2012"], ...]}

A case row is [id, title, district indexes, first year, last year, value
indexes for each facet in the order of "facets", the years as pages write
them]. The first year is null when the sources give no year at all (such a
case is left out whenever a year filter is set: nothing says it falls in the
range); the last year is null when the work goes on (or no year is known). A
reported year is both first and last; an approximate year is used as given.
Last comes the summary's first sentence (model/summaries.py).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from ..model.casebook import Case, Collection, slugify

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Facet:
    key: str      # the URL parameter: /finder/?theme=culture-change
    label: str    # the fieldset's legend
    values: dict[str, str]  # value key -> label, in display order

    def encode(self) -> dict:
        return {"key": self.key, "label": self.label, "values": [list(item) for item in self.values.items()]}


def facets(collection: Collection) -> list[Facet]:
    """Theme, state, level, role and publisher, each with the values cases use."""
    vocab = collection.vocabularies
    return [
        _vocabulary_facet("theme", "Theme", vocab["themes"].terms, {t for c in collection for t in c.themes}),
        _sorted_facet("state", "State", {s: vocab["states"].label(s) for c in collection for s in c.states}),
        _vocabulary_facet("level", "Level", vocab["levels"].terms, {c.level for c in collection}),
        _vocabulary_facet("role", "Who acts", vocab["roles"].terms, {r for c in collection for r in c.roles}),
        _sorted_facet("publisher", "Source publisher", publishers(collection)),
    ]


def publishers(collection: Collection) -> dict[str, str]:
    """Publisher slug -> its most used spelling, so 'RAND Corporation' and 'RAND corporation' are one value."""
    spellings: dict[str, Counter] = {}
    for case in collection:
        for name in case_publishers(case):
            spellings.setdefault(slugify(name), Counter())[name] += 1
    return {slug: counts.most_common(1)[0][0] for slug, counts in spellings.items()}


def case_publishers(case: Case) -> list[str]:
    return [s["publisher"].strip() for s in case.sources if str(s.get("publisher") or "").strip()]


def case_values(case: Case) -> dict[str, list[str]]:
    """The value keys of ``case`` in every facet."""
    return {"theme": list(case.themes), "state": case.states, "level": [case.level], "role": list(case.roles),
            "publisher": sorted({slugify(name) for name in case_publishers(case)})}


def data_json(collection: Collection) -> str:
    """The finder's JSON, compact and byte-identical between builds."""
    found = facets(collection)
    positions = {f.key: {value: i for i, value in enumerate(f.values)} for f in found}
    districts = sorted(collection.districts.values(), key=lambda d: (d.name, d.state))
    district_index = {d.slug: i for i, d in enumerate(districts)}
    payload = {
        "version": FORMAT_VERSION,
        "facets": [f.encode() for f in found],
        "districts": [[d.name, positions["state"][d.state]] for d in districts],
        "cases": [_row(case, positions, district_index) for case in collection],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def _row(case: Case, positions: dict[str, dict[str, int]], district_index: dict[str, int]) -> list:
    values = case_values(case)
    encoded = [sorted(positions[key][v] for v in set(values[key])) for key in positions]
    period = case.period
    return [case.id, case.title, [district_index[d.slug] for d in case.district_list],
            period.first, period.last, encoded, period.text, case.lead]


def _vocabulary_facet(key: str, label: str, terms: dict, used: set[str]) -> Facet:
    # Vocabulary order: the schema lists related terms together.
    return Facet(key, label, {k: term.label for k, term in terms.items() if k in used})


def _sorted_facet(key: str, label: str, values: dict[str, str]) -> Facet:
    return Facet(key, label, dict(sorted(values.items(), key=lambda item: (item[1].lower(), item[0]))))
