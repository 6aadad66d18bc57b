"""`casebook new` in a real terminal (a pseudo-terminal): Ctrl-C and Ctrl-D end it quietly,
the allowed values are offered as numbered menus, several districts can be entered, and
the id is shown (and can be changed) before anything is written."""
from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from conftest import REPO, make_project

TIMEOUT = 30


def _own_terminal() -> None:
    """In the child: a session of its own whose controlling terminal is the pseudo-terminal, so
    Ctrl-C typed there is a SIGINT to it, as in a real terminal. SIGINT as a terminal's shell leaves
    it: tests started in the background (`nohup … &`) ignore it, and the command would inherit that."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Terminal:
    """`casebook new` on a pseudo-terminal; ``expect`` waits for text, ``send`` types a line."""

    def __init__(self, project: Path, *args: str):
        self.main, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))  # wide: prompts on one line
        env = {"PYTHONPATH": str(REPO / "hooks"), "TERM": "dumb", "PATH": os.environ.get("PATH", "")}
        self.process = subprocess.Popen([sys.executable, "-m", "district_casebook", "new", *args], cwd=project,
                                        stdin=secondary, stdout=secondary, stderr=secondary, env=env,
                                        preexec_fn=_own_terminal)
        os.close(secondary)
        self.seen = ""

    def expect(self, text: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while text not in self.seen:
            assert time.monotonic() < deadline, f"never saw {text!r}; the terminal showed:\n{self.seen}"
            if select.select([self.main], [], [], 0.2)[0]:
                try:
                    self.seen += os.read(self.main, 65536).decode("utf-8", "replace")
                except OSError:
                    break
        assert text in self.seen, f"never saw {text!r}:\n{self.seen}"

    def send(self, text: str) -> None:
        time.sleep(0.3)  # readline sets the terminal up after showing the prompt, flushing what came before
        os.write(self.main, text.encode())

    def interrupt(self) -> None:
        """Ctrl-C, typed again until it lands (see send)."""
        deadline = time.monotonic() + TIMEOUT
        while self.process.poll() is None and time.monotonic() < deadline:
            self.send("\x03")
            time.sleep(0.5)

    def end(self) -> int:
        code = self.process.wait(timeout=TIMEOUT)
        while select.select([self.main], [], [], 0.1)[0]:
            try:
                chunk = os.read(self.main, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk.decode("utf-8", "replace")
        os.close(self.main)
        return code


def test_ctrl_c_ends_quietly_with_130(tmp_path):
    project = make_project(tmp_path / "project")
    terminal = Terminal(project)
    terminal.expect("Title: who did what, in one line: ")
    terminal.interrupt()  # Ctrl-C, as the terminal sends it
    assert terminal.end() == 130
    assert "Traceback" not in terminal.seen and "nothing was written" in terminal.seen
    assert sorted(p.name for p in (project / "cases").glob("*.md")) == sorted(
        p.name for p in (REPO / "tests" / "data" / "project" / "cases").glob("*.md"))


def test_ctrl_d_ends_quietly_with_1(tmp_path):
    project = make_project(tmp_path / "project")
    terminal = Terminal(project, "--title", "Springfield tries something")
    terminal.expect("District's full name: ")
    terminal.send("\x04")  # Ctrl-D: end of input
    assert terminal.end() == 1
    assert "Traceback" not in terminal.seen and "nothing was written" in terminal.seen


def test_menus_several_districts_and_the_id_before_writing(tmp_path):
    project = make_project(tmp_path / "project")
    terminal = Terminal(project, "--title", "Two districts share coaches", "--start", "2020", "--summary",
                        "Two districts shared instructional coaches.", "--source-title", "Coaches",
                        "--source-publisher", "Example Press", "--source-year", "2021", "--source-url",
                        "https://example.org/")
    terminal.expect("District's full name: ")
    terminal.send("Fresno Unified\r")
    terminal.expect("Two-letter state code (a number or a key")
    assert "CA: California" in terminal.seen  # the allowed values, offered
    terminal.send("ca\r")
    terminal.expect("Year it ended")
    terminal.send("\r")
    terminal.expect("Themes, comma-separated, most important first (numbers or keys")
    assert "teacher-leadership: " in terminal.seen
    terminal.send("teacher-leadership, 1\r")
    terminal.expect("Level: ")
    terminal.send("nowhere\r")  # not a level: refused, asked again
    terminal.expect("'nowhere' is not one of the numbers or keys above.")
    terminal.send("district\r")
    terminal.expect("Roles, comma-separated")
    terminal.send("teachers\r")
    terminal.expect("Source: its type")
    terminal.send("case-study\r")
    terminal.expect("Another district's full name (Enter if none): ")
    terminal.send("Long Beach Unified\r")
    terminal.expect("Its state")
    terminal.send("CA\r")
    terminal.expect("Another district's full name (Enter if none): ")
    terminal.send("\r")
    terminal.expect("The case's id: fresno-two-districts-share-coaches")
    terminal.expect("Use this id? [Y/n]")
    assert not list((project / "cases").glob("fresno*"))  # shown before anything is written
    terminal.send("n\r")
    terminal.expect("The id you want")
    terminal.send("fresno-long-beach-coaches\r")
    terminal.expect("Use this id? [Y/n]")
    terminal.send("\r")
    assert terminal.end() == 0, terminal.seen
    text = (project / "cases" / "fresno-long-beach-coaches.md").read_text(encoding="utf-8")
    assert "  - name: Fresno Unified\n    state: CA\n" in text
    assert "  - name: Long Beach Unified\n    state: CA\n" in text
    assert "themes: [teacher-leadership" in text and "level: district" in text and "type: case-study" in text
    assert "Traceback" not in terminal.seen
