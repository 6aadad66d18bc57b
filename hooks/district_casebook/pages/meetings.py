"""Meeting pages, generated from the validated meeting summaries like case
pages: each meeting's page (at the address of its file, /meetings/<id>/),
the list of every meeting newest first (/meetings/) and one page for each
convening body (/meetings/by/<slug>/) with its meetings and every case they
discussed. MkDocs never reads a meeting's file: the build replaces it with
the page made here (site/build.py)."""
from __future__ import annotations

from ..markup import markers, references
from ..model.casebook import Meeting
from . import citing

INDEX_URI = "meetings/index.md"
CONVENERS_FOLDER = "meetings/by"  # a meeting file may not be named by.md (checking/meeting_files.py)


def convener_uri(slug: str) -> str:
    return f"{CONVENERS_FOLDER}/{slug}.md"


def pages(renderer) -> dict[str, str]:
    """{docs-relative path: Markdown}: every meeting's page, the index and each convener's page."""
    collection = renderer.collection
    out = {m.page_uri: meeting_page(renderer, m) for m in collection.meetings}
    conveners = sorted(collection.by_convener.items(), key=lambda item: item[1][0].convened_by.casefold())
    out[INDEX_URI] = renderer.render("meetings.md.j2", INDEX_URI, meetings=collection.meetings_newest_first,
                                     conveners=conveners, convener_uri=convener_uri)
    for slug, held in conveners:
        uri = convener_uri(slug)
        out[uri] = renderer.render("convener.md.j2", uri, name=held[0].convened_by, meetings=held,
                                   cases=collection.cases_of(held))
    return out


def meeting_page(renderer, meeting: Meeting) -> str:
    collection, uri = renderer.collection, meeting.page_uri
    cases = [case for case in map(collection.resolve, meeting.case_ids) if case is not None]
    body = markers.expand(meeting.summary_text, uri, collection, renderer)
    return renderer.render("meeting.md.j2", uri, meeting=meeting, description=meeting.facts,
                           convener_uri=convener_uri(meeting.convener_slug), cases=cases,
                           body=references.expand(body, uri, collection.resolve),
                           sources=[citing.reference(s) for s in meeting.sources])
