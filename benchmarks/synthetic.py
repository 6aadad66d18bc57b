"""Synthetic, schema-valid cases for benchmarks and scale tests.

`make_project(target, n)` lays out a complete casebook project (the real
schema, hooks, theme and mkdocs.yml) holding ``n`` generated cases whose
themes, states, years and lengths vary like real ones. Deterministic for a
given seed, so two runs measure the same content.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))

from district_casebook.model import vocabulary  # noqa: E402

WORDS = ("district leaders teachers principals students schools union board coaching data inquiry "
         "schedule time trust culture grading discipline pilot network evidence reform policy team "
         "instruction learning community equity families goals plan practice capacity support").split()
PUBLISHERS = ["California Collaborative on District Reform", "Learning Policy Institute", "Mira Education",
              "Lead by Learning", "Center for Teaching Quality", "Learning Forward", "Education Week",
              "RAND Corporation", "Regional Educational Laboratory", "State Department of Education"]
SOURCE_TYPES = ["meeting-summary", "policy-report", "case-study", "blog-post", "conference-session"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(3, 6)))
                       for _ in range(count))


# Large states hold more districts, as in the country (California has about 1,000).
STATE_WEIGHTS = {"CA": 10, "TX": 10, "NY": 6, "IL": 6, "OH": 6, "PA": 5, "MI": 5, "NJ": 5, "MO": 4, "WI": 4}


def _district(seed: int, index: int, states: list[str]) -> tuple[str, str]:
    """District ``index``, the same whatever the number of cases."""
    rng = random.Random(f"{seed}:district:{index}")
    name = f"{rng.choice(['North', 'South', 'East', 'West', 'Central', 'Lake', 'River', 'Valley'])} " \
           f"{WORDS[index % len(WORDS)].capitalize()} {index} Unified School District"
    return name, rng.choices(states, [STATE_WEIGHTS.get(s, 1) for s in states])[0]


def case_text(rng: random.Random, case_id: str, ids: list[str], vocab: dict, districts: list) -> str:
    themes = rng.sample(sorted(vocab["themes"].terms), rng.randint(3, min(6, len(vocab["themes"].terms))))
    roles = rng.sample(sorted(vocab["roles"].terms), rng.randint(2, 5))
    start = rng.randint(1995, 2024)
    end = f"\n  end: {start + rng.randint(0, 5)}" if rng.random() < 0.6 else ""
    chosen = rng.sample(districts, min(len(districts), rng.choice([1, 1, 1, 2])))
    district_lines = "".join(f"\n  - name: {name}\n    state: {state}" for name, state in chosen)
    related = rng.sample(ids, min(len(ids), rng.randint(0, 2)))
    sources = "".join(f"\n  - title: {_sentence(rng, 5)[:-1]}\n    publisher: {rng.choice(PUBLISHERS)}"
                      f"\n    year: {start + 1}\n    type: {rng.choice(SOURCE_TYPES)}"
                      + (f"\n    url: https://example.org/{case_id}/{i}" if rng.random() < 0.5 else "")
                      for i in range(rng.randint(1, 3)))
    sections = "".join(f"\n## {name}\n\n{_paragraphs(rng, rng.randint(1, 3))}\n"
                       for name in ("Problem", "Context", "Approach", "Outcomes", "Lessons"))
    if ids and rng.random() < 0.2:  # some cases point at another one in the text, as real ones do
        sections += f"\nCompare [[{rng.choice(ids)}#approach]].\n"
    return (f"---\nid: {case_id}\ntitle: {_sentence(rng, rng.randint(6, 12))[:-1]}\n"
            f"summary: {_sentence(rng, rng.randint(20, 40))}\ndistricts:{district_lines}\n"
            f"level: {rng.choice(sorted(vocab['levels'].terms))}\nyears:\n  start: {start}{end}\n"
            f"themes: [{', '.join(themes)}]\nroles: [{', '.join(roles)}]\nsources:{sources}\n"
            + (f"related: [{', '.join(related)}]\n" if related else "")
            + f"added: {2020 + rng.randint(0, 6)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            + f"---\n{sections}")


def write_cases(cases_dir: Path, n: int, seed: int = 0) -> list[str]:
    """Write ``n`` valid cases into ``cases_dir``; returns their ids.

    Case ``i`` is the same text whatever ``n`` is (its own random stream), so
    one case's page can be compared across sizes. It picks its districts among
    the first i/3 + 1, so early districts gather many cases, as big ones do.
    """
    vocab, problems = vocabulary.load_all(REPO / "schema")
    assert not problems, problems
    states = sorted(vocab["states"].terms)
    districts = [_district(seed, i, states) for i in range(n // 3 + 1)]
    ids = [f"synthetic-case-{i:05d}" for i in range(n)]
    cases_dir.mkdir(parents=True, exist_ok=True)
    for index, case_id in enumerate(ids):
        rng = random.Random(f"{seed}:case:{index}")
        others = ids[max(0, index - 50):index]  # related ids point at cases that exist
        text = case_text(rng, case_id, others, vocab, districts[:index // 3 + 1])
        (cases_dir / f"{case_id}.md").write_text(text, encoding="utf-8")
    return ids


def make_project(target: Path, n: int, seed: int = 0) -> Path:
    """A complete project in ``target`` with ``n`` synthetic cases and no meetings."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "schema", target / "schema", dirs_exist_ok=True)
    shutil.copytree(REPO / "docs", target / "docs", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("meetings"))
    (target / "docs" / "meetings").mkdir(exist_ok=True)  # /meetings/ is generated, empty without meetings
    if not (target / "hooks").exists():
        (target / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(REPO / "CONTRIBUTING.md", target / "CONTRIBUTING.md")  # the nav's /contributing/ page
    write_cases(target / "cases", n, seed)
    return target


if __name__ == "__main__":
    folder = make_project(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"Wrote {sys.argv[2]} cases to {folder / 'cases'}")
