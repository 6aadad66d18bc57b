"""`mkdocs serve` while a contributor breaks and then fixes a case: the problem
is reported in the terminal and on the case's page, and saving the fix brings
the page back without a restart (tests/test_preview.py has the rest)."""
from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import engine
from conftest import make_project

PAGE = "cases/springfield-attendance/"
TIMEOUT = 90


class Server:
    """`mkdocs serve` on a free loopback port, its output collected as it comes."""

    def __init__(self, project: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(engine.command("serve", "-a", f"127.0.0.1:{self.port}"), cwd=project,
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait_for(self, condition, what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{self.output}"
            if condition():
                return
            time.sleep(0.3)
        raise AssertionError(f"gave up waiting for {what}; mkdocs serve printed:\n{self.output}")

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def test_a_broken_case_is_previewed_with_its_problem_until_it_is_fixed(tmp_path):
    project = make_project(tmp_path / "project")
    case = project / "cases" / "springfield-attendance.md"
    original = case.read_text(encoding="utf-8")
    with Server(project) as server:
        server.wait_for(lambda: "Springfield brings teachers" in server.get(PAGE)[1], "the first build")

        case.write_text(original.replace("level: district", "level: distrct"), encoding="utf-8")
        server.wait_for(lambda: "is not a level" in server.output, "the problem to be reported")
        assert "cases/springfield-attendance.md:9: level: 'distrct' is not a level. Did you mean 'district'?" \
            in server.output
        server.wait_for(lambda: "Line 9, <code>level</code>" in server.get(PAGE)[1], "the draft's page")
        status, html = server.get(PAGE)
        assert status == 200 and "Springfield brings teachers into an attendance push" in html
        assert "is not a level. Did you mean" in html and 'id="casebook-preview-status"' in html
        assert "Traceback" not in server.output

        fixed = original.replace("into an attendance push", "into a fixed attendance push")
        case.write_text(fixed, encoding="utf-8")
        server.wait_for(lambda: "Springfield brings teachers into a fixed attendance push" in server.get(PAGE)[1],
                        "the fixed page to be served")
        assert 'id="casebook-preview-status"' not in server.get(PAGE)[1]

        # A mistake in schema/ concerns every page: the rebuild fails and the last site stays.
        levels = project / "schema" / "levels.yml"
        levels.write_text(levels.read_text(encoding="utf-8") + "\n  - [", encoding="utf-8")
        server.wait_for(lambda: "keeps showing the last site that built" in server.output, "the failed rebuild")
        assert "will appear stuck" not in server.output  # the hook rewords the engine's livereload message
        assert server.get(PAGE)[0] == 200
        assert server.process.poll() is None
