"""Hostile and broken input: `casebook validate` and `mkdocs build --strict`
refuse every bad file with the same located problems, and no traceback.

The classes of broken input, and where each is shown (golden files are in
golden/problems/; test_problems.py checks what `casebook validate` prints for
each, and test_build_stops_with_the_problems_validate_prints checks that the
strict build stops with exactly those lines):

1. Structure: structure.yml (no front matter, unclosed, YAML syntax error, a
   list, empty file, tab indentation), hostile-structure.yml (a single value,
   nothing, bytes that are not UTF-8, a byte order mark accepted).
2. Fields: yaml-weapons.yml (duplicate keys), unknown-key.yml, wrong-types.yml,
   missing-required.yml, empty-and-long.yml, years.yml, yaml-traps.yml,
   vocabularies.yml (state codes), hostile-fields.yml (more of each).
3. YAML weapons and other bombs: yaml-weapons.yml (tags, aliases); below,
   alias bombs, nesting that would crash libyaml, the size limit, bodies
   Markdown would render in minutes or not at all, and the cap on problems.
4. Identity: ids.yml, hostile-identity.yml; links out of the repository below.
5. References: vocabularies.yml, unknown-theme.yml, theme-prefix.yml, links.yml.
6. Injection: hostile-injection-fields.yml, hostile-injection-body.yml; what a
   built page shows is in test_hostile_site.py.
7. All at once: ten differently broken cases below.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import engine
import pytest
import yaml
from conftest import REPO, build, casebook, make_project
from district_casebook.cli import commands
from district_casebook.loading import project
from district_casebook.reading import documents
from mkdocs.exceptions import Abort
from test_problems import apply

GOLDENS = sorted((Path(__file__).parent / "golden" / "problems").glob("*.yml"))
SHORTEN = "A case is a short summary: shorten it or split it into several cases."
SECTIONS = "\n".join(f"## {name}\n\nText.\n" for name in ("Problem", "Context", "Approach", "Outcomes", "Lessons"))


def validate(root: Path, capsys) -> tuple[int, list[str]]:
    code = commands.main(["validate", "--root", str(root)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


def build_problems(root: Path, caplog) -> list[str]:
    """The problems a strict build logs; it must stop, and before writing any page."""
    caplog.set_level(logging.INFO, logger=engine.LOGGER)
    caplog.clear()
    with pytest.raises(Abort, match="BuildError"):
        build(root)
    assert "Traceback" not in caplog.text
    assert not (root / "site" / "index.html").exists()
    return [record.getMessage().removeprefix("casebook: ") for record in caplog.records
            if record.name == engine.HOOK_LOGGER and record.levelno == logging.ERROR]


def assert_refused(root: Path, capsys, caplog, expected: list[str]) -> None:
    assert validate(root, capsys) == (1, expected)
    assert build_problems(root, caplog) == expected


def refusals() -> list[Path]:
    """The golden files whose project `casebook validate` refuses, in its text format."""
    goldens = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in GOLDENS}
    return [path for path, golden in goldens.items() if not golden.get("args") and golden["output"]["exit"] == 1]


@pytest.mark.parametrize("path", refusals(), ids=lambda p: p.stem)
def test_build_stops_with_the_problems_validate_prints(path, tmp_path, capsys, caplog):
    golden = yaml.safe_load(path.read_text(encoding="utf-8"))
    root = make_project(tmp_path / "project")
    apply(root, golden)
    assert_refused(root, capsys, caplog, golden["output"]["lines"])


def test_an_oversized_file_is_refused_without_being_parsed(tmp_path, capsys, caplog):
    root = make_project(tmp_path / "project")
    # Broken YAML and no sections: had it been parsed, there would be more problems.
    (root / "cases" / "huge.md").write_text("---\ntitle: [unclosed\n" + "x" * (300 * 1024), encoding="utf-8")
    assert_refused(root, capsys, caplog, [
        "cases/huge.md:1: The file is 301 KB; the limit is 256 KB. " + SHORTEN])


def billion_laughs() -> str:
    """Nine levels of nine aliases: 9**9 'lol's if a loader expanded them."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + SECTIONS


def wide_alias_bomb() -> str:
    """As many aliases as fit under the size limit, in one list."""
    return "---\na: &a [lol]\nb: [" + ",".join(["*a"] * 80_000) + "]\n---\n\n" + SECTIONS


def test_an_alias_bomb_is_refused_with_one_problem_per_field(tmp_path, capsys, caplog):
    root = make_project(tmp_path / "project")
    (root / "cases" / "bomb.md").write_text(billion_laughs(), encoding="utf-8")
    code, lines = validate(root, capsys)
    aliases = [line for line in lines if "YAML aliases" in line]
    assert code == 1
    assert aliases == [f"cases/bomb.md:{n}: {name}[0]: YAML aliases (*name) are not allowed. Write the value out in full."
                       for n, name in enumerate("bcdefghi", 3)]
    assert build_problems(root, caplog) == lines


def test_alias_bombs_are_refused_within_one_cpu_second_and_100_mb(tmp_path):
    root = make_project(tmp_path / "project")
    (root / "cases" / "bomb.md").write_text(billion_laughs(), encoding="utf-8")
    (root / "cases" / "wide.md").write_text(wide_alias_bomb(), encoding="utf-8")
    assert (root / "cases" / "wide.md").stat().st_size < documents.MAX_BYTES
    # The whole process gets 100 MB of address space; validating gets one second of
    # CPU time (ITIMER_PROF), after which SIGPROF ends it. The timeout only guards a hang.
    script = textwrap.dedent(f"""
        import resource, signal, sys
        resource.setrlimit(resource.RLIMIT_AS, (100 * 2**20, 100 * 2**20))
        from district_casebook.cli import commands
        signal.setitimer(signal.ITIMER_PROF, 1.0)
        sys.exit(commands.main(["validate", "--root", {str(root)!r}]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(REPO / "hooks")})
    assert result.returncode == 1, f"ended by signal or error ({result.returncode}): {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert "cases/wide.md:3: b[0]: YAML aliases (*name) are not allowed." in result.stdout
    assert "cases/bomb.md:10: i[0]: YAML aliases (*name) are not allowed." in result.stdout


def test_nesting_that_would_crash_the_yaml_reader_is_refused_unread(tmp_path, capsys, caplog):
    root = make_project(tmp_path / "project")
    # libyaml recurses once a level: 30,000 levels ended the process (a segmentation fault).
    (root / "cases" / "deep.md").write_text("---\nid: deep\nx: " + "[" * 30_000 + "]" * 30_000 + "\n---\n" + SECTIONS)
    (root / "cases" / "blocks.md").write_text("---\nid: blocks\nx:\n" + "- " * 30_000 + "a\n---\n" + SECTIONS)
    result = casebook("validate", cwd=root, timeout=60)
    message = "The front matter nests lists or groups more than 100 levels deep here; it was not read. " \
              "Case fields nest at most three levels: remove the extra brackets."
    expected = [f"cases/blocks.md:4: {message}", f"cases/deep.md:3: {message}"]
    assert (result.returncode, result.stdout.splitlines()) == (1, expected), result.stderr[-2000:]
    assert_refused(root, capsys, caplog, expected)  # in this process too, now that it is known not to crash


def test_bodies_that_markdown_renders_slowly_or_not_at_all_are_refused(tmp_path, capsys, caplog):
    root = make_project(tmp_path / "project")
    valid = (root / "cases" / "springfield-attendance.md").read_text(encoding="utf-8")
    deep = valid.replace("Start small.", "Start small.\n\n" + "- " * 40 + "x\n\n" + "![x" * 40)
    (root / "cases" / "springfield-attendance.md").write_text(deep, encoding="utf-8")
    long = valid.replace("id: springfield-attendance", "id: long").replace("Start small.", "Start small.\n" * 2100)
    (root / "cases" / "long.md").write_text(long, encoding="utf-8")
    assert_refused(root, capsys, caplog, [
        "cases/long.md:2026: The body is 2121 lines long; the limit is 2000. " + SHORTEN,
        "cases/springfield-attendance.md:47: The body nests lists or quotes more than 32 levels deep here. "
        "Flatten the lists; Markdown cannot render them.",
        "cases/springfield-attendance.md:49: More than 32 '[' are open here at once. "
        "Close each '[' or write '\\[' for a literal one.",
    ])


def test_a_flood_of_problems_is_cut_at_fifty_a_file(tmp_path, capsys):
    root = make_project(tmp_path / "project")
    (root / "cases" / "flood.md").write_text("---\n" + "".join(f"k{n}: <b>\n" for n in range(80)) + "---\n")
    code, lines = validate(root, capsys)
    flood = [line for line in lines if line.startswith("cases/flood.md")]
    assert code == 1 and len(flood) == project.PER_FILE_LIMIT + 1
    assert flood[-1].endswith("more problem(s) in this file. Fix the ones above and check again.")


def test_links_out_of_the_repository_are_refused(tmp_path, capsys, caplog):
    root = make_project(tmp_path / "project")
    outside = tmp_path / "secret.md"
    outside.write_text("---\nid: secret\n---\n")
    (root / "cases" / "secret.md").symlink_to(outside)
    (root / "cases" / "loop.md").symlink_to("loop.md")
    (root / "docs" / "leak.md").symlink_to(outside)
    (root / "docs" / "meetings" / "leak.md").symlink_to(outside)
    (root / "docs" / "assets" / "everything").symlink_to("/", target_is_directory=True)
    out = "a link to a file outside the repository. Replace the link with the file itself."
    assert_refused(root, capsys, caplog, [
        "cases/loop.md:1: The file is a link that leads in a loop. Replace it with the file itself.",
        f"cases/secret.md:1: The file is {out}",
        f"docs/assets/everything:1: The file is {out}",
        f"docs/leak.md:1: The file is {out}",
        f"docs/meetings/leak.md:1: The file is {out}",
    ])


TEN_BROKEN = {
    "empty.md": ("", "cases/empty.md:1: The file is empty."),
    "no-front-matter.md": ("# A case\n", "cases/no-front-matter.md:1: The file does not start with front matter."),
    "bad-yaml.md": ("---\ntitle: a: b\n---\n", "cases/bad-yaml.md:2: YAML reads the ': ' at column"),
    "unknown-key.md": ("springfield", "cases/unknown-key.md:13: themse: 'themse' is not a field of a case."),
    "bad-theme.md": ("springfield", "cases/bad-theme.md:13: themes[1]: 'colab' is not a theme."),
    "other-id.md": ("springfield", "cases/other-id.md:2: id: The id 'another-id' differs"),
    "script.md": ("springfield", "cases/script.md:29: The body has raw HTML (<script>)"),
    "js-link.md": ("springfield", "cases/js-link.md:37: The body has a link to a javascript: address"),
    "no-lessons.md": ("springfield", "cases/no-lessons.md:43: '## Lesons' is not a case section."),
    "long-title.md": ("springfield", "cases/long-title.md:3: title: The text is 257 characters long"),
}
BREAKAGES = {
    "unknown-key.md": ("themes:", "themse:"), "bad-theme.md": ("collaborative-inquiry", "colab"),
    "other-id.md": ("id: springfield-attendance", "id: another-id"),
    "script.md": ("Chronic absence", "<script>alert(1)</script> Chronic absence"),
    "js-link.md": ("Teacher teams met weekly.", "Teacher teams met [weekly](javascript:alert(1))."),
    "no-lessons.md": ("## Lessons", "## Lesons"),
    "long-title.md": ("title: Springfield brings", "title: " + "x" * 205 + " Springfield brings"),
}


def ten_broken_cases(root: Path) -> None:
    """Ten new cases, each broken in a different way; the other cases stay valid."""
    valid = (root / "cases" / "springfield-attendance.md").read_text(encoding="utf-8")
    for name, (text, _) in TEN_BROKEN.items():
        if text == "springfield":
            old, new = BREAKAGES[name]
            text = valid.replace(old, new, 1).replace("id: springfield-attendance", f"id: {name[:-3]}", 1)
        (root / "cases" / name).write_text(text, encoding="utf-8")


def test_ten_differently_broken_cases_are_all_reported_in_one_run(tmp_path, caplog):
    root = make_project(tmp_path / "project")
    ten_broken_cases(root)
    result = casebook("validate", cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name, (_, expected) in TEN_BROKEN.items():
        assert any(line.startswith(expected) for line in lines), f"{name}: no line starts with {expected!r}"
    assert {line.split(":")[0] for line in lines} == {f"cases/{name}" for name in TEN_BROKEN}
    assert "problem(s) in 10 file(s)" in result.stderr
    assert build_problems(root, caplog) == lines
