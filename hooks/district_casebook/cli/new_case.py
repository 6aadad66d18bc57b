"""`casebook new`: a new case file, written from the template.

Takes the title, district, state, years and themes (and, if known, the other
front-matter values) as options, asks for what is missing when run in a
terminal, checks every value with the validator before writing, never
overwrites, and tells the contributor what is left to write.
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..checking import across_cases, json_schema
from ..contributing.scaffold import Scaffold
from ..loading import project
from ..markup import placeholders
from ..model import vocabulary
from ..model.casebook import Case, slugify
from ..reading.documents import Document
from . import new_districts, options, prompts
from .options import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


@dataclass(frozen=True)
class Value:
    """One value `casebook new` takes: its option, its field and how to ask for it."""

    option: str
    path: str
    prompt: str
    needed: bool = False  # without a terminal, these must be given as options
    kind: str = "text"  # text, year, list
    choices: str = ""  # the vocabulary its values come from: a terminal offers them (cli/prompts.py)


VALUES = (
    Value("title", "title", "Title: who did what, in one line", needed=True),
    Value("district", "districts.name", "District's full name", needed=True),
    Value("state", "districts.state", "Two-letter state code", needed=True, choices="states"),
    Value("start", "years.start", "Year the work began, or 'unknown' if the sources do not say", needed=True,
          kind="year"),
    Value("end", "years.end", "Year it ended (Enter if it goes on)", kind="year"),
    Value("reported", "years.reported", "With start unknown: the year the sources describe it in (Enter if none)",
          kind="year"),
    Value("themes", "themes", "Themes, comma-separated, most important first", needed=True, kind="list",
          choices="themes"),
    Value("summary", "summary", "Summary: one to three sentences (Enter to write it later)"),
    Value("level", "level", "Level: district, school, network or state (Enter to choose later)",
          choices="levels"),
    Value("roles", "roles", "Roles, comma-separated (Enter to choose later)", kind="list", choices="roles"),
    Value("source-title", "sources.title", "Source: the document's title (Enter to add it later)"),
    Value("source-publisher", "sources.publisher", "Source: its publisher (Enter to add it later)"),
    Value("source-year", "sources.year", "Source: its year, or 'unknown' if undated (Enter to add it later)",
          kind="year"),
    Value("source-type", "sources.type", "Source: its type, e.g. case-study (Enter to add it later)",
          choices="source-types"),
    Value("source-url", "sources.url", "Source: its web address (Enter if none)"),
)
_BY_PATH = {v.path: v for v in VALUES}
_MAY_BE_UNKNOWN = {"years.start", "sources.year"}  # the schema's yearOrUnknown
_STOP_WORDS = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with", "by", "at", "from", "as",
               "its", "their", "into"}
_DISTRICT_WORDS = {"unified", "public", "school", "schools", "independent", "isd", "usd", "county", "city",
                   "community", "consolidated", "elementary", "district", "joint", "union", "high", "department",
                   "regional", "area"}
_ID_LIMIT, _TITLE_WORDS = 80, 5


def add_parser(commands) -> None:
    new = commands.add_parser("new", help="start a new case file from the template",
                              description="Create cases/<id>.md from the template with the values given; "
                              "in a terminal, asks for the ones missing. Never overwrites a file.")
    for value in VALUES:
        several = value.option in ("district", "state")  # several districts: --district and --state again
        new.add_argument(f"--{value.option}", metavar=value.kind.upper() if value.kind != "text" else "TEXT",
                         action="append" if several else "store",
                         help=value.prompt + (" (required)" if value.needed else "")
                         + ("; repeat both for each further district" if several else ""))
    new.add_argument("--id", help="the case id (default: made from the district and the title)")
    options.add_root_option(new)
    new.set_defaults(run=run)


def run(root: Path, args: argparse.Namespace) -> int:
    try:
        return _run(root, args, interactive=sys.stdin.isatty())
    except prompts.Ended as ended:  # Ctrl-C or Ctrl-D while asking: no traceback, nothing written
        print("casebook new: stopped; nothing was written.", file=sys.stderr)
        return ended.code


def _run(root: Path, args: argparse.Namespace, interactive: bool) -> int:
    vocabularies, problems = vocabulary.load_all(root / "schema")
    schema = json_schema.load_schemas(root / "schema", vocabularies)
    checker = json_schema.SchemaChecker(schema, vocabularies)
    given = {v.path: getattr(args, v.option.replace("-", "_")) for v in VALUES}
    more = new_districts.more_given(given)
    if isinstance(more, str):
        return _usage(more)
    values = _collect(given, checker, interactive, vocabularies)
    if isinstance(values, str):
        return _usage(values)
    if interactive:
        more += new_districts.ask_more(vocabularies)
    case_id = args.id or derive_id(values["districts.name"], values["title"])
    case_id = _confirm_id(case_id, interactive)
    values |= {"id": case_id, "added": datetime.date.today().isoformat()}
    wrong = _problems(values, checker) + new_districts.problems(more, vocabularies)
    if wrong:
        return _usage("\n".join(wrong))
    path = root / "cases" / f"{case_id}.md"
    taken = _taken(root, case_id)
    if taken:
        print(f"casebook new: {taken} already exists; casebook new never overwrites a case. "
              "Edit that file, or pass --id to choose another id.", file=sys.stderr)
        return EXIT_PROBLEMS
    path.write_text(new_districts.with_districts(Scaffold(schema["case"], vocabularies, values).render(), more), encoding="utf-8")
    return _report(root, path)


def _confirm_id(case_id: str, interactive: bool) -> str:
    """The id, shown before anything is written; in a terminal, the contributor may choose another."""
    print(f"The case's id: {case_id} (its file: cases/{case_id}.md; its address: /cases/{case_id}/; "
          "it never changes once published).")
    while interactive and not prompts.confirm("Use this id?"):
        case_id = prompts.ask("The id you want (lowercase words joined by hyphens)")
        if not across_cases.VALID_ID.match(case_id):
            print(f"'{case_id}' is not lowercase words joined by hyphens, like oakland-restorative-justice.",
                  file=sys.stderr)
            continue
        print(f"The case's id: {case_id}.")
    return case_id


def _labels(vocabulary_) -> dict[str, str]:
    return {key: term.label for key, term in vocabulary_.terms.items()}


def still_missing(wanted: list, values: dict, interactive: bool, command: str) -> list | str:
    """The values still to ask for, or a usage message when there is no terminal to ask in."""
    missing = [v for v in wanted if v.path not in values and (interactive or v.needed)]
    if missing and not interactive:
        names = ", ".join(f"--{v.option}" for v in missing)
        return f"missing {names}. Give every one as an option, or run `casebook {command}` in a terminal " \
               "to be asked for them."
    return missing


def _collect(given: dict, checker, interactive: bool, vocabularies=None) -> dict | str:
    """The values by field path, asking for missing ones; a usage message when it cannot."""
    values = {path: _convert(_BY_PATH[path], text) for path, text in given.items() if text not in (None, "")}
    bad = [v.message for v in values.values() if isinstance(v, _Bad)]
    if bad:
        return bad[0]
    missing = still_missing(VALUES, values, interactive, "new")
    if isinstance(missing, str):
        return missing
    for value in missing:
        if value.path == "years.reported" and values.get("years.start") != "unknown":
            continue  # only a start the sources do not give needs a reported year
        answer = _ask(value, values, checker, vocabularies)
        if answer is not None:
            values[value.path] = answer
    return values


def _ask(value: Value, values: dict, checker, vocabularies=None):
    while True:
        if value.choices and vocabularies:
            picked = prompts.choose(value.prompt, _labels(vocabularies[value.choices]), many=value.kind == "list")
            text = ",".join(picked) if isinstance(picked, list) else picked
        else:
            text = prompts.ask(value.prompt)
        if not text and not value.needed:
            return None
        converted = _convert(value, text) if text else _Bad(f"--{value.option}: it is needed.")
        wrong = [converted.message] if isinstance(converted, _Bad) else _problems(
            values | {value.path: converted}, checker, only=value.path)
        if not wrong:
            return converted
        print("\n".join(wrong), file=sys.stderr)


@dataclass(frozen=True)
class _Bad:
    message: str


def _convert(value: Value, text: str):
    text = text.strip()
    if value.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    if value.kind == "year":
        if text.lower() == "unknown" and value.path in _MAY_BE_UNKNOWN:
            return "unknown"
        return int(text) if text.isdigit() else _Bad(f"--{value.option}: '{text}' is not a year like 2021"
                                                      + (" or 'unknown'." if value.path in _MAY_BE_UNKNOWN else "."))
    return text.upper() if value.path == "districts.state" else text


def _problems(values: dict, checker, only: str | None = None) -> list[str]:
    """What the validator says about the given values, each naming its option."""
    doc = Document(f"cases/{values.get('id', 'new')}.md", _nested(values), {}, "", 1)
    found = checker.check(doc, "case") + across_cases.check([Case(doc)], [], [])
    lines = []
    for problem in found:
        path = re.sub(r"\[\d+\]", "", problem.field)
        if path in values and (only is None or path == only):  # not the fields still to be written
            option = "--id" if path == "id" else f"--{_BY_PATH[path].option}"
            lines.append(f"{option}: {problem.text}")
    return lines


def _nested(values: dict) -> dict:
    data: dict = {}
    for path, value in values.items():
        head, _, tail = path.partition(".")
        if head in ("districts", "sources"):
            data.setdefault(head, [{}])[0][tail] = value
        elif tail:
            data.setdefault(head, {})[tail] = value
        else:
            data[head] = value
    return data


def derive_id(district: str, title: str) -> str:
    """An id from the district's short name and the title's main words."""
    words = slugify(district).split("-")
    short = words[:1] + [w for w in _takewhile_not(words[1:], _DISTRICT_WORDS)]
    title_words = [w for w in slugify(title).split("-") if w not in _STOP_WORDS and w not in short]
    case_id = "-".join(short + title_words[:_TITLE_WORDS])
    while len(case_id) > _ID_LIMIT and "-" in case_id:
        case_id = case_id.rsplit("-", 1)[0]
    return case_id


def _takewhile_not(words: list[str], stop: set[str]) -> list[str]:
    taken = []
    for word in words:
        if word in stop:
            break
        taken.append(word)
    return taken


def _taken(root: Path, case_id: str) -> str | None:
    """The case file that already has this id, or one differing only in letter case or script."""
    wanted = across_cases.identity(case_id)
    for path in sorted((root / "cases").glob("*.md")):
        if across_cases.identity(path.stem) == wanted:
            return project.uri(root, path)
    return None


def _report(root: Path, path: Path) -> int:
    return report(root, path, "from the template", "preview the case with `mkdocs serve`")


def report(root: Path, path: Path, how: str, next_steps: str) -> int:
    """What is left to write in the file just created (each problem a placeholder stands for), and what next."""
    src_uri = project.uri(root, path)
    loaded = project.load(root, [path])
    left = [p for p in loaded.problems if p.src_uri == src_uri]
    unexpected = [p for p in left if not placeholders.PATTERN.search(p.message)]
    print(f"Created {src_uri}{' ' + how if how else ''}.")
    if left:
        print("Left to write; `casebook validate` reports each of these until it holds your text:")
        print("\n".join(f"  {p}" for p in left))
    print(f"Then run `casebook validate {src_uri}`, {next_steps}, and open a pull request (CONTRIBUTING.md says how).")
    return EXIT_PROBLEMS if unexpected else EXIT_OK


def _usage(message: str) -> int:
    print(f"casebook new: {message}", file=sys.stderr)
    return EXIT_USAGE
