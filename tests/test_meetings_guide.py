"""CONTRIBUTING.md's "Writing a meeting summary", followed step by step in a
copy of the real repository, with the commands and the front matter taken
from the guide itself; and `casebook new-meeting` as a contributor runs it,
with options and in a terminal."""
from __future__ import annotations

import os
import pty
import re
import shlex
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, build
from district_casebook.cli.new_meeting import derive_id

SECTION = re.compile(r"^## Writing a meeting summary\n(.*?)^## ", re.S | re.M)
ENV = {"PYTHONPATH": str(REPO / "hooks")}
CASEBOOK = [sys.executable, "-m", "district_casebook"]


def guide() -> str:
    return SECTION.search((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")).group(1)


def fenced(text: str, language: str) -> str:
    return re.search(rf"^```{language}\n(.*?)^```", text, re.S | re.M).group(1)


def command(line: str, meeting_id: str = "") -> list[str]:
    """A command as the guide writes it, run with this Python."""
    words = shlex.split(line.replace("\\\n", " ").replace("<id>", meeting_id))
    assert words[0] == ".venv/bin/casebook", words
    return CASEBOOK + words[1:]


def run(project, words, stdin=subprocess.DEVNULL):
    return subprocess.run(words, cwd=project, stdin=stdin, capture_output=True, text=True, env=ENV)


@pytest.fixture
def repository(tmp_path):
    """A copy of the repository's content, schema and configuration, the hooks linked."""
    root = tmp_path / "casebook"
    for folder in ("cases", "docs", "schema"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "tests/published-urls.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    (root / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    return root


def test_following_the_guide_publishes_a_meeting(repository, no_warnings):
    text = guide()
    step1 = command(fenced(text, "sh"))
    title = step1[step1.index("--title") + 1]
    meeting_id = derive_id(title)
    assert f"`{meeting_id}.md`" in text  # the guide names the file the command writes
    started = run(repository, step1)
    assert started.returncode == 0, started.stdout + started.stderr
    path = repository / "docs" / "meetings" / f"{meeting_id}.md"
    assert "Left to write" in started.stdout and f"docs/meetings/{meeting_id}.md:" in started.stdout

    # Step 2: the front matter as the guide shows it complete; step 3: the summary in place of the placeholders.
    front_matter = fenced(text, "yaml")
    assert f'title: "{title}"' in front_matter
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "<<" in body
    summary = ("Leaders from member districts met for two days.\n\n## Grading\n\n"
               "Garden Grove's principals described their grading policy: [[garden-grove-grading-reform]].\n")
    path.write_text(front_matter + "\n" + summary, encoding="utf-8")

    step4 = re.search(r"Run `(\.venv/bin/casebook validate [^`]+)`", text).group(1)
    checked = run(repository, command(step4, meeting_id))
    assert (checked.returncode, checked.stdout) == (0, ""), checked.stdout + checked.stderr
    assert "no problems" in checked.stderr

    step5 = re.search(r"Run `(\.venv/bin/casebook ledger --update)`", text).group(1)
    recorded = run(repository, command(step5))
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    ledger = (repository / "tests" / "published-urls.txt").read_text(encoding="utf-8").split("\n")
    assert f"/meetings/{meeting_id}/" in ledger and "/meetings/by/example-district-network/" in ledger

    site = build(repository)
    page = (site / "meetings" / meeting_id / "index.html").read_text(encoding="utf-8")
    assert "10–11 April 2025" in page and 'href="../../cases/garden-grove-grading-reform/"' in page
    assert f'href="{meeting_id}/"' in (site / "meetings" / "index.html").read_text(encoding="utf-8")


# ---- casebook new-meeting

OPTIONS = ["--title", "Winter Meeting", "--convened-by", "Example Collaborative", "--start", "2025-01-15",
           "--place", "Online", "--cases", "shelbyville-grading"]


def test_new_meeting_never_overwrites(project):
    first = run(project, CASEBOOK + ["new-meeting", *OPTIONS])
    assert first.returncode == 0, first.stderr
    path = project / "docs" / "meetings" / "winter-meeting.md"
    written = path.read_text(encoding="utf-8")
    again = run(project, CASEBOOK + ["new-meeting", *OPTIONS])
    assert again.returncode == 1 and path.read_text(encoding="utf-8") == written
    assert "docs/meetings/winter-meeting.md already exists; casebook new-meeting never overwrites a file." \
        in again.stderr


@pytest.mark.parametrize("change, expected", [
    (["--start", "15 January 2025"], "casebook new-meeting: --start: '15 January 2025' must be a date written as "
                                     "YYYY-MM-DD, or YYYY-MM when the source gives only the month."),
    (["--cases", "shelbyvile-grading"], "casebook new-meeting: --cases: No case has the id 'shelbyvile-grading'. "
                                        "Did you mean 'shelbyville-grading'?"),
    (["--id", "index"], "casebook new-meeting: --id: 'index' cannot be a meeting's address; use lowercase words "
                        "joined by hyphens.")])
def test_new_meeting_refuses_wrong_values_before_writing(project, change, expected):
    options = list(OPTIONS)
    if change[0] in options:
        options[options.index(change[0]) + 1] = change[1]
    else:
        options += change
    result = run(project, CASEBOOK + ["new-meeting", *options])
    assert result.returncode == 2 and result.stderr.strip() == expected
    assert sorted(p.name for p in (project / "docs" / "meetings").iterdir()) == ["spring-meeting.md"]


def test_without_a_terminal_missing_values_are_a_usage_error(project):
    result = run(project, CASEBOOK + ["new-meeting", "--title", "Winter Meeting"])
    assert result.returncode == 2
    assert result.stderr.strip() == ("casebook new-meeting: missing --convened-by, --start, --place, --cases. Give "
                                     "every one as an option, or run `casebook new-meeting` in a terminal to be "
                                     "asked for them.")


def test_in_a_terminal_it_asks_for_each_value_and_checks_each_answer(project):
    """Answers typed at the prompts, one of them wrong at first; the file validates but for its summary."""
    answers = ["Winter Meeting", "Example Collaborative", "January 2025", "2025-01", "", "Online",
               "shelbyvile-grading", "shelbyville-grading", "", "", "", "", ""]
    leader, follower = pty.openpty()
    process = subprocess.Popen(CASEBOOK + ["new-meeting"], cwd=project, stdin=follower, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=ENV)
    os.close(follower)
    os.write(leader, "".join(a + "\n" for a in answers).encode())
    out, err = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0, out + err
    assert "--start: 'January 2025' must be a date" in err and "Did you mean 'shelbyville-grading'?" in err
    written = (project / "docs" / "meetings" / "winter-meeting.md").read_text(encoding="utf-8")
    assert written.startswith('---\ntitle: Winter Meeting\nconvened_by: Example Collaborative\ndates:\n'
                              '  start: "2025-01"\nplace: Online\ncases:\n  - shelbyville-grading\n---\n')
    left = [line for line in out.splitlines() if line.startswith("  docs/meetings/winter-meeting.md:")]
    assert len(left) == 2 and all("placeholder" in line for line in left)


def test_file_names_come_from_the_title_cut_at_a_word():
    assert derive_id("Spring Convening 2025: Leaders and Grading") == "spring-convening-2025-leaders-and-grading"
    long = derive_id("A very long meeting title about many many things that go on and on across the country")
    assert long == "a-very-long-meeting-title-about-many-many-things-that-go-on" and len(long) <= 60
