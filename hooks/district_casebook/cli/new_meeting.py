"""`casebook new-meeting`: a new meeting summary, docs/meetings/<id>.md.

Takes the title, convening body, dates, place and the cases discussed (and,
if known, the first source) as options, asks for what is missing when run in
a terminal, checks every value with the validator before writing, never
overwrites, and ends by validating the file it wrote and saying what is left
to write. The case command (new_case.py) is separate: its prompting is its own.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..checking import json_schema
from ..contributing.scaffold import yaml_value
from ..loading import project
from ..markup import placeholders
from ..model import vocabulary
from ..model.casebook import slugify
from ..reading.documents import Document
from . import new_case, options
from .new_case import Value
from .options import EXIT_PROBLEMS, EXIT_USAGE

EXIT_INTERRUPTED = 130  # Ctrl-C: nothing written
VALUES = (
    Value("title", "title", "Title of the meeting, as its convener names it", needed=True),
    Value("convened-by", "convened_by", "Convening body: the network or organization that held it", needed=True),
    Value("start", "dates.start", "First day, YYYY-MM-DD (or YYYY-MM if the source gives only the month)",
          needed=True),
    Value("end", "dates.end", "Last day, for a meeting of several days (Enter if one day)"),
    Value("place", "place", "Place: city and state, a venue, or 'Online'", needed=True),
    Value("cases", "cases", "Ids of the cases discussed, comma-separated (file names in cases/)", needed=True,
          kind="list"),
    Value("source-title", "sources.title", "Source: the summary's or report's title (Enter to add it later)"),
    Value("source-publisher", "sources.publisher", "Source: its publisher (Enter to add it later)"),
    Value("source-year", "sources.year", "Source: its year (Enter to add it later)", kind="year"),
    Value("source-type", "sources.type", "Source: its type, e.g. meeting-summary (Enter to add it later)"),
    Value("source-url", "sources.url", "Source: its web address (Enter if none)"),
)
_BY_PATH = {v.path: v for v in VALUES}
_SOURCE_PLACEHOLDERS = {"sources.publisher": "The organization that published it",
                        "sources.year": "The year it was published", "sources.type": "meeting-summary"}
BODY = """{intro}

{discussion}
"""
INTRO = placeholders.placeholder("What the meeting was: who convened it, when, where and who took part, "
                                 "in a short paragraph")
DISCUSSION = placeholders.placeholder("What was discussed about each case, linking it by its id in double "
                                      "square brackets; use ## headings for the parts of the meeting")


def add_parser(commands) -> None:
    new = commands.add_parser("new-meeting", help="start a new meeting summary in docs/meetings/",
                              description="Create docs/meetings/<id>.md with the values given; in a terminal, "
                              "asks for the ones missing. Never overwrites a file.")
    for value in VALUES:
        new.add_argument(f"--{value.option}", metavar=value.kind.upper() if value.kind != "text" else "TEXT",
                         help=value.prompt + (" (required)" if value.needed else ""))
    new.add_argument("--id", help="the file name without .md, the address /meetings/<id>/ "
                     "(default: made from the title)")
    options.add_root_option(new)
    new.set_defaults(run=run)


def run(root: Path, args: argparse.Namespace) -> int:
    vocabularies, _ = vocabulary.load_all(root / "schema")
    checker = json_schema.SchemaChecker(json_schema.load_schemas(root / "schema", vocabularies), vocabularies)
    known = {path.stem for path in project.case_files(root)}
    given = {v.path: getattr(args, v.option.replace("-", "_")) for v in VALUES}
    try:
        values = _collect(given, lambda values, only=None: _problems(values, checker, known, only),
                          interactive=sys.stdin.isatty())
    except KeyboardInterrupt:
        print("\ncasebook new-meeting: stopped; nothing was written.", file=sys.stderr)
        return EXIT_INTERRUPTED
    if isinstance(values, str):
        return _usage(values)
    meeting_id = args.id or derive_id(values["title"])
    wrong = _problems(values, checker, known) + _id_problems(meeting_id)
    if wrong:
        return _usage("\n".join(wrong))
    path = root / "docs" / "meetings" / f"{meeting_id}.md"
    if path.exists() or path.is_symlink():
        print(f"casebook new-meeting: {project.uri(root, path)} already exists; casebook new-meeting never "
              "overwrites a file. Edit that file, or pass --id to choose another name.", file=sys.stderr)
        return EXIT_PROBLEMS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(values), encoding="utf-8")
    return _report(root, path)


def _collect(given: dict, problems, interactive: bool) -> dict | str:
    """The values by field path, asking for missing ones; a usage message when it cannot."""
    values = {path: _convert(_BY_PATH[path], text) for path, text in given.items() if text not in (None, "")}
    bad = [v for v in values.values() if isinstance(v, str) and v.startswith("--")]
    wrong = problems(values)
    if bad or wrong:
        return (bad + wrong)[0]
    missing = new_case.still_missing(VALUES, values, interactive, "new-meeting")
    if isinstance(missing, str):
        return missing
    for value in missing:
        answer = _ask(value, values, problems)
        if answer is not None:
            values[value.path] = answer
    return values


def _ask(value: Value, values: dict, problems):
    while True:
        try:
            text = input(f"{value.prompt}: ").strip()
        except EOFError:
            if value.needed:
                raise SystemExit(_usage(f"--{value.option} is needed.")) from None
            return None
        if not text and not value.needed:
            return None
        converted = _convert(value, text) if text else f"--{value.option}: it is needed."
        wrong = [converted] if isinstance(converted, str) and converted.startswith("--") else problems(
            values | {value.path: converted}, value.path)
        if not wrong:
            return converted
        print("\n".join(wrong), file=sys.stderr)


def _convert(value: Value, text: str):
    """The typed value; a message starting with the option when it cannot be one."""
    text = text.strip()
    if value.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    if value.kind == "year":
        return int(text) if text.isdigit() else f"--{value.option}: '{text}' is not a year like 2021."
    return text


def _problems(values: dict, checker, known: set[str], only: str | None = None) -> list[str]:
    """What the validator says about the given values, each naming its option."""
    doc = Document("docs/meetings/new.md", nested(values), {}, "", 1)
    lines = []
    for problem in checker.check(doc, "meeting"):
        path = re.sub(r"\[\d+\]", "", problem.field)
        if path in values and (only is None or path == only):  # not the fields still to be written
            lines.append(f"--{_BY_PATH[path].option}: {problem.text}")
    if only in (None, "cases"):
        for case_id in values.get("cases", []):
            if case_id not in known and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case_id):
                guess = vocabulary.closest(case_id, sorted(known))
                hint = f"Did you mean '{guess}'?" if guess else "Use a file name from cases/ without '.md'."
                lines.append(f"--cases: No case has the id '{case_id}'. {hint}")
    return lines


def derive_id(title: str, limit: int = 60) -> str:
    """The file name from the title, cut at a hyphen to at most ``limit`` characters."""
    meeting_id = slugify(title)
    while len(meeting_id) > limit and "-" in meeting_id:
        meeting_id = meeting_id.rsplit("-", 1)[0]
    return meeting_id


def _id_problems(meeting_id: str) -> list[str]:
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meeting_id) and meeting_id not in ("index", "by"):
        return []
    return [f"--id: '{meeting_id}' cannot be a meeting's address; use lowercase words joined by hyphens."]


def nested(values: dict) -> dict:
    """Field paths to the front matter's shape: the first source is the first item of `sources`."""
    data: dict = {}
    for path, value in values.items():
        head, _, tail = path.partition(".")
        if head == "sources":
            data.setdefault("sources", [{}])[0][tail] = value
        elif tail:
            data.setdefault(head, {})[tail] = value
        else:
            data[head] = value
    return data


def render(values: dict) -> str:
    """The file: front matter in the schema's order, then the body to write."""
    if "sources.title" in values:  # a source begun: what it still needs becomes placeholders
        values = {path: placeholders.placeholder(text) for path, text in _SOURCE_PLACEHOLDERS.items()} | values
    data = nested({v.path: values[v.path] for v in VALUES if v.path in values})  # in the schema's order
    lines = ["---"]
    for key in ("title", "convened_by", "dates", "place", "cases", "sources"):
        if key in data:
            lines += _yaml(key, data[key])
    lines.append("---")
    return "\n".join(lines) + "\n\n" + BODY.format(intro=INTRO, discussion=DISCUSSION)


def _yaml(key: str, value) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}:"] + [f"  {k}: {yaml_value(v)}" for k, v in value.items()]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        first, *rest = value[0].items()
        return [f"{key}:", f"  - {first[0]}: {yaml_value(first[1])}"] + [f"    {k}: {yaml_value(v)}" for k, v in rest]
    if isinstance(value, list):
        return [f"{key}:"] + [f"  - {yaml_value(v)}" for v in value]
    return [f"{key}: {yaml_value(value)}"]


def _report(root: Path, path: Path) -> int:
    return new_case.report(root, path, "", f"preview the page at /meetings/{path.stem}/ with `mkdocs serve`, "
                           "run `casebook ledger --update`")


def _usage(message: str) -> int:
    print(f"casebook new-meeting: {message}", file=sys.stderr)
    return EXIT_USAGE
