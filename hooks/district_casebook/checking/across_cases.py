"""Rules across cases that a JSON Schema cannot express: ids, links between
cases, year order, and references from bodies and pages."""
from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from ..markup import references
from ..markup.placeholders import PATTERN as PLACEHOLDER
from ..model.casebook import Case, District, Meeting
from ..model.vocabulary import closest
from ..problems import Notice, Problem
from ..reading.documents import string_items

VALID_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # as caseId in schema/case.schema.json
# Latin look-alikes from other scripts, so 'оakland' (Cyrillic о) collides with 'oakland'.
_LOOKALIKES = str.maketrans("аеорсухіјӏοαϲνт", "aeopcyxijloacvt")


def identity(case_id: str) -> str:
    """What two ids must not share: letter case, width and script are ignored."""
    return unicodedata.normalize("NFKC", case_id).casefold().translate(_LOOKALIKES)


def check(cases: list[Case], meetings: list[Meeting], pages: list[tuple[str, str]]) -> list[Problem]:
    """Problems across cases, meetings and hand-written ``pages`` ((src_uri, text) pairs),
    with a Notice for each reference that still uses a former id (it works, but is stale)."""
    problems = _identities(cases) + alias_clashes(cases) + district_spellings(cases)
    live = {c.doc.data["id"]: c for c in cases if isinstance(c.doc.data.get("id"), str)}
    aliases = {a: c for c in cases for a in string_items(c.doc.data.get("aliases"))}
    for case in cases:
        problems += _links(case, live, aliases) + _years(case)
        problems += reference_problems(case.doc.src_uri, case.doc.body, case.doc.body_line, live, aliases)
    for meeting in meetings:
        problems += _meeting_cases(meeting, live, aliases)
    for src_uri, text in pages:
        problems += reference_problems(src_uri, text, 1, live, aliases)
    return problems


def _identities(cases: list[Case]) -> list[Problem]:
    problems, seen = [], {}
    for case in cases:
        doc, case_id = case.doc, case.doc.data.get("id")
        if not isinstance(case_id, str) or PLACEHOLDER.search(case_id):  # a placeholder is reported already
            continue
        stem = PurePosixPath(doc.src_uri).stem
        if case_id != stem:
            problems.append(Problem(doc.src_uri, doc.line_of(("id",)), "id",
                                    f"The id '{case_id}' differs from the file name '{stem}'.",
                                    _rename_hint(case_id, stem)))
        first = seen.setdefault(identity(case_id), case)
        if first is not case:
            problems.append(Problem(doc.src_uri, doc.line_of(("id",)), "id",
                                    f"The id '{case_id}' is already used by {first.doc.src_uri}"
                                    f" ('{first.doc.data['id']}'); ids must differ in more than letter case or look-alike letters.",
                                    "Choose another id and rename the file to match."))
    return problems


def _rename_hint(case_id: str, stem: str) -> str:
    """Only the fixes that give a valid id: never 'rename the file to Bad Name.md'."""
    fixes = [f"rename the file to '{case_id}.md'"] if VALID_ID.match(case_id) else []
    fixes += [f"set the id to '{stem}'"] if VALID_ID.match(stem) else []
    if not fixes:
        return "Choose an id of lowercase words joined by hyphens and name the file after it."
    return " or ".join(fixes).capitalize() + "."


def _links(case: Case, live: dict, aliases: dict) -> list[Problem]:
    doc, problems = case.doc, []
    own = doc.data.get("id")
    for index, target in enumerate(string_items(doc.data.get("related"))):
        path = ("related", index)
        if target == own:
            problems.append(Problem(doc.src_uri, doc.line_of(path), f"related[{index}]",
                                    "A case cannot be related to itself.", "Remove it."))
        elif target not in live:
            problems.append(_unknown_or_former(doc, "related", index, target, live, aliases))
    for index, alias in enumerate(string_items(doc.data.get("aliases"))):
        if alias in live:
            problems.append(Problem(doc.src_uri, doc.line_of(("aliases", index)), f"aliases[{index}]",
                                    f"'{alias}' is the id of a live case ({live[alias].doc.src_uri}).",
                                    "An alias keeps a former id working; remove it or rename that case."))
    return problems


def _unknown_or_former(doc, name: str, index: int, target: str, live: dict, aliases: dict) -> Problem:
    """For an id in a list field (`related`, a meeting's `cases`) that is no live case's."""
    line, field = doc.line_of((name, index)), f"{name}[{index}]"
    if target not in aliases:
        return _unknown_case(doc.src_uri, line, field, target, live)
    current = aliases[target].doc.data["id"]
    return Notice(doc.src_uri, line, field, f"'{target}' is the former id of '{current}'.",
                  f"It still works, but write '{current}'.")


def _unknown_case(src_uri: str, line: int, field: str, target: str, live: dict) -> Problem:
    guess = closest(target, [i for i in live if VALID_ID.match(i)])  # never an id that is itself wrong
    hint = f"Did you mean '{guess}'?" if guess else "Use a file name from cases/ without '.md'."
    return Problem(src_uri, line, field, f"No case has the id '{target}'.", hint)


def _years(case: Case) -> list[Problem]:
    years = case.doc.data.get("years")
    if not isinstance(years, dict):
        return []
    return [Problem(case.doc.src_uri, case.doc.line_of(("years", key)), f"years.{key}", message, hint)
            for key, message, hint in _year_rules(years)]


def _year_rules(years: dict) -> list[tuple[str, str, str]]:
    """What the schema alone cannot say about how the years fit together: (field, message, hint)."""
    start, end, reported = (_whole(years.get(key)) for key in ("start", "end", "reported"))
    found = []
    if start is not None and end is not None and end < start:
        found.append(("end", f"The end year {end} is before the start year {start}.", "Swap them, or correct the year."))
    if reported is not None and start is not None:
        found.append(("reported", f"'reported' is for work whose start is unknown, but the start year is {start}.",
                      "Remove 'reported', or write 'start: unknown' if the sources do not say when the work began."))
    if reported is not None and end is not None:
        found.append(("reported", "'reported' and 'end' are both given.",
                      "Keep 'reported' if the sources describe the work in that one year; "
                      "keep 'end' (with 'start: unknown') if they say when it ended."))
    if years.get("approximate") is True and start is None and end is None:
        found.append(("approximate", "'approximate' qualifies a start or end year, and neither is given.",
                      "Remove it: 'start: unknown' and 'reported' already say the years are not known exactly."))
    return found


def _whole(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def reference_problems(src_uri: str, text: str, first_line: int, live: dict, aliases: dict) -> list[Problem]:
    """Every [[id]] in ``text`` that names no case, and a Notice for each naming a former id."""
    problems = []
    for line, case_id, anchor, raw in references.find(text, first_line):
        if not case_id:
            problems.append(Problem(src_uri, line, "", f"'{raw}' is not a case reference.",
                                    "Write [[case-id]] or [[case-id#section]], with the id in lowercase."))
        elif case_id in live:
            continue
        elif case_id in aliases:
            current = aliases[case_id].doc.data["id"]
            problems.append(Notice(src_uri, line, "", f"{raw} names the former id of '{current}'.",
                                   f"The link still works, but write [[{current}{f'#{anchor}' if anchor else ''}]]."))
        else:
            problems.append(_unknown_case(src_uri, line, "", case_id, live))
    return problems


def _meeting_cases(meeting: Meeting, live: dict, aliases: dict) -> list[Problem]:
    doc, problems = meeting.doc, []
    for index, target in enumerate(string_items(doc.data.get("cases"))):
        if target not in live:
            problems.append(_unknown_or_former(doc, "cases", index, target, live, aliases))
    return problems


def alias_clashes(cases: list[Case]) -> list[Problem]:
    """A former id claimed by two cases: its address could lead to only one of them."""
    owners: dict[str, Case] = {}
    problems = []
    for case in cases:
        for index, alias in enumerate(string_items(case.doc.data.get("aliases"))):
            owner = owners.setdefault(alias, case)
            if owner is not case:
                problems.append(Problem(case.doc.src_uri, case.doc.line_of(("aliases", index)), f"aliases[{index}]",
                                        f"'{alias}' is already a former id of {owner.doc.src_uri}.",
                                        "A former address leads to one case only: keep it on the case that had that id."))
    return problems


def district_spellings(cases: list[Case]) -> list[Problem]:
    """Two spellings of a district that make one page address (another script, letter case,
    punctuation): the page could show only one, and a new case could respell an old page."""
    first: dict[str, tuple[str, str]] = {}  # slug -> (name as first written, its file)
    problems = []
    for case in cases:
        districts = case.doc.data.get("districts")
        for index, district in enumerate(districts if isinstance(districts, list) else []):  # else: the schema says
            if not (isinstance(district, dict) and isinstance(district.get("name"), str)
                    and isinstance(district.get("state"), str)):
                continue
            name, slug = district["name"], District(district["name"], district["state"]).slug
            seen = first.setdefault(slug, (name, case.doc.src_uri))
            if seen[0] != name:
                problems.append(Problem(case.doc.src_uri, case.doc.line_of(("districts", index, "name")),
                                        f"districts[{index}].name",
                                        f"'{name}' and '{seen[0]}' ({seen[1]}) make the same district page, "
                                        f"/districts/{slug}/.",
                                        "Spell the district as the other case does: one district, one spelling."))
    return problems
