"""The repository's own site: every case page has the six section anchors,
the three citation formats and JSON-LD that parses, and every data file and
feed the build writes is valid."""
from __future__ import annotations

import json

import bibtexparser
import feedparser
import pytest
from conftest import REPO, links_in
from district_casebook.loading import project
from test_data_api import errors, validator
from test_links import ANCHORS, copy_block, jsonld

CASE_IDS = [p.stem for p in project.case_files(REPO)]
CASES = {case.id: case for case in project.load(REPO).collection}


@pytest.fixture
def site(real_site):
    return real_site  # the repository's site, built strictly once per session (conftest)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_page_has_anchors_citations_and_jsonld(site, case_id):
    page = (site / "cases" / case_id / "index.html").read_text(encoding="utf-8")
    assert set(ANCHORS) <= links_in(site / "cases" / case_id / "index.html").ids
    assert f"/cases/{case_id}/" in copy_block(page, "APA citation")
    (entry,) = bibtexparser.parse_string(copy_block(page, "BibTeX entry")).entries
    assert entry.key == f"casebook:{case_id}"
    assert json.loads(copy_block(page, "CSL-JSON record"))[0]["URL"].endswith(f"/cases/{case_id}/")
    data = jsonld(page)
    assert data["@type"] == "Article" and data["url"].endswith(f"/cases/{case_id}/")
    assert data["about"] and data["spatialCoverage"] and data["citation"]
    # Only a case with some known year has a temporal coverage (tests/test_years.py checks its value).
    assert ("temporalCoverage" in data) == (CASES[case_id].period.first is not None)


def test_data_files_validate_and_feeds_parse(site):
    assert errors(validator(site, "cases.schema.json"), json.loads((site / "api" / "cases.json").read_text())) == []
    assert errors(validator(site, "themes.schema.json"), json.loads((site / "api" / "themes.json").read_text())) == []
    check = validator(site, "case.schema.json")
    for case_id in CASE_IDS:
        assert errors(check, json.loads((site / "api" / "cases" / f"{case_id}.json").read_text())) == [], case_id
    for feed in [site / "feed.xml", *sorted((site / "themes").glob("*/feed.xml"))]:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
