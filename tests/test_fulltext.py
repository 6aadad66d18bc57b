"""The search index built page by page through `pagefind --service`
(fulltext.Indexer, pagefind_service.py): what it indexes, and how it fails
without a traceback, a hang or a Pagefind process left behind."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import engine
import pytest
from conftest import build
from district_casebook.search import fulltext
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

# A stand-in for Pagefind that speaks its protocol; BEHAVIOUR decides what it does with pages.
FAKE_SERVICE = '''
import base64, json, sys

def requests():
    pending = b""
    while chunk := sys.stdin.buffer.read1(65536):
        *messages, pending = (pending + chunk).split(b",")
        yield from (json.loads(base64.b64decode(m)) for m in messages)

def reply(request, payload):
    message = {"message_id": request["message_id"], "payload": payload}
    sys.stdout.buffer.write(base64.b64encode(json.dumps(message).encode()) + b",")
    sys.stdout.buffer.flush()

for request in requests():
    if request["payload"]["type"] == "NewIndex":
        reply(request, {"type": "NewIndex", "index_id": 1})
    elif BEHAVIOUR == "error":
        reply(request, {"type": "Error", "message": "this page broke the parser"})
    elif BEHAVIOUR == "exit":
        sys.stderr.write("pagefind fell over\\n")
        sys.exit(3)
    # "silent": reads every request and answers none
'''
PAGE = '<html lang="en"><head><title>{title}</title></head><body><div data-pagefind-body><h1>{title}</h1>' \
       '<p>Restorative practice in {title}.</p></div></body></html>'


def fake_service(folder: Path, behaviour: str) -> Path:
    script = folder / f"fake-pagefind-{behaviour}"
    script.write_text(f"#!{sys.executable}\nBEHAVIOUR = {behaviour!r}\n{FAKE_SERVICE}", encoding="utf-8")
    script.chmod(0o755)
    return script


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting for a parent that ignores it is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except (FileNotFoundError, ProcessLookupError):
        return False


def services() -> list[int]:
    """Live Pagefind services (real or fake) started by this process."""
    mine = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] not in "ZX" and b"--service" in command:
            mine.append(int(stat.parent.name))
    return mine


def gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not running(pid)


def fragments(bundle: Path) -> dict[str, dict]:
    """URL -> what a search result shows of the page: its text, title, anchors and word count."""
    pages = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[fragment["url"]] = fragment
    return pages


def pages_with_body(site: Path) -> set[str]:
    """The URLs of built pages Pagefind should index (main.html's wrapper), as the CLI gives them."""
    return {"/" + path.relative_to(site).as_posix().removesuffix("index.html")
            for path in site.rglob("*.html")
            if "<div data-pagefind-body>" in path.read_text(encoding="utf-8")}


def page_count(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["en"]["page_count"]


def summaries(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "Search index:" in r.getMessage()]


pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes through /proc")


def test_every_page_with_a_search_body_is_indexed_at_the_cli_s_urls(project_site):
    expected = pages_with_body(project_site)
    assert "/cases/springfield-attendance/" in expected and "/search/" not in expected
    assert page_count(project_site) == len(expected)
    assert set(fragments(project_site / "pagefind")) == expected


def test_the_index_holds_what_the_cli_would_have_indexed(project_site, tmp_path):
    site = shutil.copytree(project_site, tmp_path / "site", ignore=shutil.ignore_patterns("pagefind"))
    fulltext.index_site(site)  # Pagefind's CLI over the written pages, as before the service
    served = fragments(project_site / "pagefind")
    for fragment in served.values():  # the one difference: which bundle of the index holds the page
        assert fragment["filters"].pop("bundle") == ["1"]
    assert served == fragments(site / "pagefind")


def test_a_large_index_is_written_in_bundles_each_page_once(tmp_path):
    indexer = fulltext.Indexer(pages_per_bundle=2)
    for n in range(5):
        indexer.add(PAGE.format(title=f"Case {n}"), f"cases/c{n}/index.html")
    summary = indexer.write(tmp_path)
    assert summary.startswith("Search index: 5 pages in 3 bundles")
    bundle = tmp_path / "pagefind"
    assert json.loads((bundle / "bundles.json").read_text()) == ["./", "bundle-2/", "bundle-3/"]
    found = {}
    for number, folder in enumerate([bundle, bundle / "bundle-2", bundle / "bundle-3"], 1):
        for url, fragment in fragments(folder).items():
            assert fragment["filters"]["bundle"] == [str(number)]
            found[url] = number
    assert found == {"/cases/c0/": 1, "/cases/c1/": 1, "/cases/c2/": 2, "/cases/c3/": 2, "/cases/c4/": 3}
    assert services() == []


def test_only_a_tag_carrying_the_attribute_marks_a_page():
    assert fulltext.body_start('<p>x</p><div data-pagefind-body><p>x</p></div>') == 8
    main = '<p>&lt;div data-pagefind-body&gt;</p><main class="x" data-pagefind-body="">'
    assert fulltext.body_start(main) == main.index("<main")
    for text in ("<p>Mark content with &lt;div data-pagefind-body&gt;.</p>",
                 "<p>Mark content with data-pagefind-body.</p>", "<div data-pagefind-body-extra>"):
        assert fulltext.body_start(text) == -1


def test_pagefind_gets_the_head_and_the_body_element_unless_more_speaks_to_it():
    page = ('<html lang="fr"><head><title>T</title></head><body><header>Menu</header><article>'
            '<div data-pagefind-body><h1>T</h1></div></article><footer>Foot</footer></body></html>')
    kept = '<html lang="fr"><head><title>T</title></head><body><div data-pagefind-body><h1>T</h1></div>'
    assert fulltext.essentials(page, fulltext.body_start(page)) == kept + "</body></html>"
    filtered = page.replace("<footer>", '<footer data-pagefind-filter="state:CA">')
    assert fulltext.essentials(filtered, fulltext.body_start(filtered)) == filtered


def test_an_indexer_writes_the_pages_it_was_given(tmp_path):
    indexer = fulltext.Indexer()
    indexer.add(PAGE.format(title="Ogdenville"), "cases/ogdenville/index.html")
    indexer.add("<html><body><p>No search body here.</p></body></html>", "embed/x.html")
    summary = indexer.write(tmp_path)
    assert summary.startswith("Search index: 1 pages")
    assert set(fragments(tmp_path / "pagefind")) == {"/cases/ogdenville/"}
    assert not running(indexer.pid)


@pytest.mark.parametrize("command", ["false", "missing"])
def test_a_service_that_cannot_start_says_so_in_one_line(tmp_path, command):
    executable = "/bin/false" if command == "false" else tmp_path / "no-such-pagefind"
    with pytest.raises(fulltext.IndexingFailed) as failed:
        fulltext.Indexer(executable)
    message = str(failed.value)
    assert message.startswith("Pagefind could not build the search index: ")
    assert ("it stopped (exit 1)" if command == "false" else "could not start") in message
    assert "pip install" in message and "\n" not in message
    assert services() == []


def test_a_service_that_dies_names_its_exit_and_what_it_said(tmp_path):
    indexer = fulltext.Indexer(fake_service(tmp_path, "exit"), silence=20)
    with pytest.raises(fulltext.IndexingFailed) as failed:
        for n in range(200):  # the failure shows at the next page or at the end
            indexer.add(PAGE.format(title=f"Case {n}"), f"cases/{n}/index.html")
        indexer.write(tmp_path)
    assert "it stopped (exit 3): pagefind fell over" in str(failed.value)
    assert services() == []


def test_an_error_answer_names_the_page(tmp_path):
    indexer = fulltext.Indexer(fake_service(tmp_path, "error"), silence=20)
    indexer.add(PAGE.format(title="Springfield"), "cases/springfield/index.html")
    with pytest.raises(fulltext.IndexingFailed) as failed:
        indexer.write(tmp_path)
    assert str(failed.value).startswith("Pagefind could not index cases/springfield/index.html: "
                                        "it answered: this page broke the parser. Build again")
    assert services() == []


def test_a_service_that_stops_answering_is_given_up_on(tmp_path):
    indexer = fulltext.Indexer(fake_service(tmp_path, "silent"), silence=0.5)
    indexer.add(PAGE.format(title="Shelbyville"), "cases/shelbyville/index.html")
    with pytest.raises(fulltext.IndexingFailed, match=r"it gave no answer for 0\.5 s"):
        indexer.write(tmp_path)
    assert services() == []


def test_a_python_that_dies_without_closing_leaves_no_service():
    hooks = str(Path(fulltext.__file__).parents[1])
    script = (f"import sys, os; sys.path.insert(0, {hooks!r})\n"
              "from district_casebook.search import fulltext\n"
              "print(fulltext.Indexer().pid, flush=True); os._exit(1)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert gone(int(result.stdout)), "Pagefind outlived the Python process that started it"


def test_two_builds_in_one_process_both_index(project, no_warnings):
    entry = build(project) / "pagefind" / "pagefind-entry.json"
    entry.unlink()  # the second build must write it again
    site = build(project)
    assert page_count(site) == len(pages_with_body(site))
    logged = summaries(no_warnings)
    assert len(logged) == 2 and all("after the last page" in s for s in logged)  # both through the service
    assert services() == []


def test_a_service_dying_mid_build_stops_the_build_with_one_message(project, monkeypatch, caplog, tmp_path):
    monkeypatch.setattr(fulltext, "executable", lambda: fake_service(tmp_path, "exit"))
    with pytest.raises(Abort):
        build(project)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("it stopped (exit 3): pagefind fell over" in e for e in errors), errors
    assert not any("Traceback" in e for e in errors)
    assert services() == []


def test_a_keyboard_interrupt_mid_build_leaves_no_service(project, monkeypatch):
    started = []

    def interrupted(self, html, dest_uri):
        started.append(self.pid)
        raise KeyboardInterrupt

    monkeypatch.setattr(fulltext.Indexer, "add", interrupted)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(KeyboardInterrupt):
        try:
            mkdocs_build(config)  # as `mkdocs build` runs it: on_shutdown comes even after Ctrl-C
        finally:
            config.plugins.on_shutdown()
    assert started and gone(started[0])


def test_a_dirty_build_indexes_the_whole_written_site(project, caplog):
    caplog.set_level("INFO", logger=engine.LOGGER)
    site = build(project)
    config = load_config(str(project / "mkdocs.yml"), strict=False)  # MkDocs warns about any dirty build
    config.plugins.on_startup(command="build", dirty=True)
    try:
        mkdocs_build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()
        config.plugins.on_startup(command="build", dirty=False)  # the hook keeps it for the process
    assert page_count(site) == len(pages_with_body(site))
    assert "words" in summaries(caplog)[-1]  # the CLI's summary, not the service's
