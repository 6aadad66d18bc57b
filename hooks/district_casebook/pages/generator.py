"""Generated pages as Markdown: case pages and the theme, district and state
indexes. Pure functions of the collection, keyed by docs-relative .md path,
so MkDocs (or any other generator) can take them as they are."""
from __future__ import annotations

import functools
import json
import posixpath

import jinja2

from .. import templating
from ..markup import references
from ..model.casebook import Case, Collection
from ..publishing import standalone
from ..urls import permalinks
from ..urls.permalinks import Site
from . import citing, compare, lists, meetings, state_map, timeline
from .lists import CaseLines

# Pages whose content is built in the browser: the case finder and full-text search.
TOOL_PAGES = {"finder/index.md": "finder.md.j2", "search/index.md": "search.md.j2", "compare/index.md": "compare.md.j2"}
# The partials' macros, made globals once: a page importing them would build
# the import again on every render, a large part of a small list page's cost.
SHARED_MACROS = {"_lists.md.j2": ("case_list", "district_list"), "_pager.md.j2": ("pager", "paged_case_list"),
                 "_links.md.j2": ("cite_block",), "_cards.md.j2": ("case_cards",)}


def _environment() -> jinja2.Environment:
    # The same labels and names recur on thousands of pages: each escaped once.
    return templating.markdown_environment(md=functools.lru_cache(maxsize=1 << 14)(references.escape_inline),
                                           json=_json)


def _json(value) -> str:
    """json.dumps(value, ensure_ascii=False), without building an encoder for each title."""
    if isinstance(value, str):
        return json.encoder.encode_basestring(value)
    return json.dumps(value, ensure_ascii=False)


def _same(before: tuple, now: tuple) -> bool:
    """The case and the cases its page shows are the same objects; the meetings equal."""
    (case, related, linked, meetings), (case_, related_, linked_, meetings_) = before, now
    return case is case_ and meetings == meetings_ and all(
        len(a) == len(b) and all(x is y for x, y in zip(a, b)) for a, b in ((related, related_), (linked, linked_)))


class Renderer:
    """Renders every generated page; one instance per build (templates reload)."""

    def __init__(self, collection: Collection, site: Site | None = None, case_pages: dict | None = None):
        self.collection = collection
        # {case id: (what the page shows, Markdown)} kept by a preview between builds of the same
        # templates and vocabularies (site/preview.py): a page whose inputs are the same objects is kept.
        self.case_pages = case_pages
        self.site = site or Site()  # for citations: the permanent, absolute address
        self.env = _environment()
        self.env.globals.update(label=self.label, districts_text=self.districts_text, theme_labels=self.theme_labels,
                                case_lines=CaseLines(self.districts_text, self.theme_labels),
                                state_map=self.state_map, states_by_name=self.states_by_name, compare_labels=lambda: compare.labels_json(collection),
                                timeline_anchor=lambda case: timeline.anchor(case, len(collection)))
        for partial, names in SHARED_MACROS.items():  # after the other globals: the macros see those they had
            module = self.env.get_template(partial).module
            self.env.globals.update({name: getattr(module, name) for name in names})

    def label(self, vocabulary: str, key: str) -> str:
        return self.collection.vocabularies[vocabulary].label(key)

    def districts_text(self, case: Case) -> str:
        return "; ".join(f"{d.name} ({d.state})" for d in case.district_list)

    def theme_labels(self, case: Case) -> str:
        return " · ".join(self.label("themes", t) for t in case.themes)

    def render(self, template: str, page_uri: str, **context) -> str:
        folder = posixpath.dirname(page_uri)

        def href(to_uri: str) -> str:
            return references.relative_from(folder, to_uri)  # cached: pages in one folder link alike

        def url(to_uri: str) -> str:  # for raw HTML, which MkDocs leaves alone: the served address, relative
            return permalinks.relative(permalinks.page_path(page_uri), permalinks.page_path(to_uri))
        return self.env.get_template(template).render(href=href, url=url, **context)

    def state_map(self, url) -> str:
        """The tile-grid map of the states (state_map.py), linking with ``url`` (a page's `url`)."""
        return state_map.svg(self.collection, lambda code: url(f"states/{code.lower()}.md"))

    def all_pages(self) -> dict[str, str]:
        """{docs-relative path: Markdown} for every generated page."""
        pages = {case.page_uri: self.kept_case_page(case) for case in self.collection}
        pages |= self.theme_pages() | self.district_pages() | self.state_pages()
        themes = list(self.collection.vocabularies["themes"].terms.values())  # the search page offers them all
        pages |= {uri: self.render(template, uri, themes=themes) for uri, template in TOOL_PAGES.items()}
        pages["timeline/index.md"] = self.timeline_page()
        return pages | meetings.pages(self)

    def timeline_page(self, uri: str = "timeline/index.md") -> str:
        def url(to_uri: str) -> str:
            return permalinks.relative(permalinks.page_path(uri), permalinks.page_path(to_uri))
        data = timeline.chart(self.collection, url)
        table = templating.render_html("timeline-table.html.j2", theme_label=lambda k: self.label("themes", k), **data)
        return self.render("timeline.md.j2", uri, chart=timeline.svg(data), table=table.strip(), **data)

    def kept_case_page(self, case: Case) -> str:
        """The case's page, from the last build when everything it shows is unchanged: the case
        itself, its related cases, the cases its body links to (their titles) and its meetings.
        Unchanged files are read once a process (loading/project.py), so identity tells."""
        if self.case_pages is None:
            return self.case_page(case)
        related = self.collection.related(case)
        resolve = self.collection.resolve
        linked = tuple(resolve(i) for _, i, _, _ in references.find(case.doc.body, 0))
        meetings = tuple((m.page_uri, repr(m.doc.data)) for m in self.collection.discussed_at(case))
        shows = (case, tuple(related), linked, meetings)
        kept = self.case_pages.get(case.id)
        if kept is not None and _same(kept[0], shows):
            return kept[1]
        page = self.case_page(case, related)
        self.case_pages[case.id] = (shows, page)
        return page

    def case_page(self, case: Case, related: list[Case] | None = None) -> str:
        section_titles = [(key, term.label) for key, term in self.collection.vocabularies["sections"].terms.items()]
        resolve = self.collection.resolve

        def body(key: str) -> str:
            return references.expand(case.sections[key].text, case.page_uri, resolve)
        return self.render("case.md.j2", case.page_uri, case=case, sections=section_titles, body=body,
                           sources=[citing.reference(s) for s in case.sources],
                           related=self.collection.related(case) if related is None else related,
                           meetings=self.collection.discussed_at(case),
                           cite=citing.citation(case, self.site), iframe=standalone.iframe(case, self.site, self.collection))

    def theme_pages(self) -> dict[str, str]:
        terms = list(self.collection.vocabularies["themes"].terms.values())
        by_theme = self.collection.by_theme
        pages = {"themes/index.md": self.render("themes.md.j2", "themes/index.md", terms=terms,
                                                count=lambda key: len(by_theme.get(key, [])))}
        for term in terms:
            pages |= self.listing("theme.md.j2", f"themes/{term.key}.md", by_theme.get(term.key, []), term=term)
        return pages

    def district_pages(self) -> dict[str, str]:
        collection = self.collection
        by_state = lists.split_groups("districts/index.md", self.districts_by_state(), lists.DISTRICTS_PER_PAGE,
                                       label=lambda state: self.label("states", state))
        pages = {page.uri: self.render("districts.md.j2", page.uri, page=page) for page in by_state}
        for slug, district in collection.districts.items():
            pages |= self.listing("district.md.j2", f"districts/{slug}.md", collection.by_district[slug],
                                  district=district)
        return pages

    def districts_by_state(self) -> list[tuple[str, list]]:
        return self._districts_by_state

    @functools.cached_property  # the districts index and every state page need it
    def _districts_by_state(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for slug, district in sorted(self.collection.districts.items(), key=lambda i: i[1].name):
            groups.setdefault(district.state, []).append((district, len(self.collection.by_district[slug])))
        return sorted(groups.items(), key=lambda item: self.label("states", item[0]))

    def state_pages(self) -> dict[str, str]:
        by_state = self.collection.by_state
        pages = {"states/index.md": self.render("states.md.j2", "states/index.md", states=self.states_by_name())}
        districts = dict(self.districts_by_state())
        for state, cases in by_state.items():
            pages |= self.listing("state.md.j2", f"states/{state.lower()}.md", cases, state=state,
                                  districts=districts[state])
        return pages

    def states_by_name(self) -> list[tuple[str, int]]:
        """(state code, number of cases) for every state with cases, by the state's name."""
        counts = ((state, len(cases)) for state, cases in self.collection.by_state.items())
        return sorted(counts, key=lambda item: self.label("states", item[0]))

    def listing(self, template: str, uri: str, cases: list[Case], **context) -> dict[str, str]:
        """A page listing ``cases``, continued on numbered pages when long (lists.py)."""
        return {page.uri: self.render(template, page.uri, page=page, cases=page.items, **context)
                for page in lists.split(uri, cases)}
