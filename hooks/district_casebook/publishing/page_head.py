"""What a page's <head> says about it to search engines, link previews and
feed readers: Open Graph, Atom feed links and, on case pages, schema.org
JSON-LD. Values are plain text here; the theme template escapes them, and the
JSON-LD is made safe to sit inside a <script> element."""
from __future__ import annotations

import html
import json

from ..model.casebook import STATE_NOT_GIVEN, Case, Collection, Meeting
from ..model.years import source_year
from ..urls.permalinks import Site, case_path, convener_path, meeting_path


def head(site: Site, *, title: str, description: str, url: str, page_uri: str,
         collection: Collection, case: Case | None = None, meeting: Meeting | None = None) -> dict:
    """The casebook's additions to a page's <head>, for hooks/theme/main.html."""
    title, description = _plain(title), _plain(description)
    og = [("og:type", "article" if case else "website"), ("og:site_name", site.name), ("og:title", title),
          ("og:description", description), ("og:url", url), ("og:locale", "en_US")]
    return {"og": [(key, value) for key, value in og if value], "feeds": feeds(site, page_uri, collection),
            "jsonld": script_json(article(case, collection, site)) if case else
            script_json(event(meeting, collection, site)) if meeting else ""}


def feeds(site: Site, page_uri: str, collection: Collection) -> list[dict]:
    """The casebook's feed on every page, and a theme's own feed on its page."""
    links = [{"title": f"{site.name}: new and updated cases", "href": site.absolute("/feed.xml")}]
    key = page_uri.removeprefix("themes/").removesuffix(".md")
    if page_uri.startswith("themes/") and key in collection.vocabularies["themes"].terms:
        label = collection.vocabularies["themes"].label(key)
        links.append({"title": f"{site.name}: {label}", "href": site.absolute(f"/themes/{key}/feed.xml")})
    if page_uri.startswith("meetings/"):
        links.append({"title": f"{site.name}: meetings", "href": site.absolute("/meetings/feed.xml")})
    return links


def article(case: Case, collection: Collection, site: Site) -> dict:
    """schema.org Article: what the case is about, where, when, and what it cites."""
    url = site.absolute(case_path(case.id))
    themes = collection.vocabularies["themes"]
    data = {
        "@context": "https://schema.org", "@type": "Article", "@id": url, "url": url, "mainEntityOfPage": url,
        "headline": case.title, "name": case.title, "description": case.summary, "inLanguage": "en",
        "datePublished": case.doc.data["added"], "dateModified": case.last_changed,
        "about": [{"@type": "DefinedTerm", "name": themes.label(t), "termCode": t,
                   "url": site.absolute(f"/themes/{t}/")} for t in case.themes],
        "keywords": [themes.label(t) for t in case.themes],
        "spatialCoverage": [_place(d, collection) for d in case.district_list],
        "temporalCoverage": case.period.iso,  # ISO 8601-2 marks an estimate "2017~"; no year known: left out
        "citation": [_work(source) for source in case.sources],
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.absolute("/")},
        "publisher": {"@type": "Organization", "name": site.name, "url": site.absolute("/")},
    }
    return {key: value for key, value in data.items() if value is not None}


def event(meeting: Meeting, collection: Collection, site: Site) -> dict:
    """schema.org Event: who convened the meeting, when, where, and the cases it discussed."""
    url = site.absolute(meeting_path(meeting.id))
    cases = [c for c in map(collection.resolve, meeting.case_ids) if c is not None]
    data = {"@context": "https://schema.org", "@type": "Event", "@id": url, "url": url, "name": meeting.title,
            "startDate": meeting.start, "inLanguage": "en",
            "organizer": {"@type": "Organization", "name": meeting.convened_by,
                          "url": site.absolute(convener_path(meeting.convener_slug))},
            "location": {"@type": "Place", "name": meeting.place},
            "about": [{"@type": "Article", "name": c.title, "url": site.absolute(case_path(c.id))} for c in cases],
            "citation": [_work(source) for source in meeting.sources]}
    if meeting.end:
        data["endDate"] = meeting.end
    return data


def script_json(data: dict) -> str:
    """JSON that cannot end its <script> element early or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _place(district, collection: Collection) -> dict:
    place = {"@type": "Place", "name": district.name, "address": {"@type": "PostalAddress", "addressCountry": "US"}}
    if district.state != STATE_NOT_GIVEN:  # when it is, the country is known and the state is not
        place["name"] += ", " + collection.vocabularies["states"].label(district.state)
        place["address"]["addressRegion"] = district.state
    if district.nces_id:
        place["identifier"] = {"@type": "PropertyValue", "propertyID": "NCES LEAID", "value": district.nces_id}
    return place


def _work(source: dict) -> dict:
    work = {"@type": "CreativeWork", "name": source["title"]}
    if source.get("author"):
        work["author"] = source["author"]  # a person or a body: the sources do not say which
    if source.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source_year(source):  # an undated source has no datePublished rather than a guessed one
        work["datePublished"] = source_year(source)
    if source.get("url"):
        work["url"] = source["url"]
    return work


def _plain(text) -> str:
    # Page titles reach the hook already escaped once (casebook_hook._escape_meta); undo that here.
    return html.unescape(str(text or ""))


def escape_meta(meta: dict) -> None:
    """Material prints these front-matter values unescaped (<title>, <meta>, the
    header), and MkDocs' theme templates do not autoescape."""
    for key in ("title", "description", "author"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key])
