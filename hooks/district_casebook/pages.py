"""Generated pages as Markdown: case pages and the theme, district and state
indexes. Pure functions of the collection, keyed by docs-relative .md path,
so MkDocs (or any other generator) can take them as they are."""
from __future__ import annotations

import json
from pathlib import Path

import jinja2

from . import citations, references
from .model import Case, Collection

TEMPLATES = Path(__file__).parent / "templates"


class Renderer:
    """Renders every generated page; one instance per build (templates reload)."""

    def __init__(self, collection: Collection):
        self.collection = collection
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                                      autoescape=False,
                                      # Markdown attribute lists ({#problem}) look like Jinja comments.
                                      comment_start_string="{##", comment_end_string="##}")
        self.env.filters.update(md=references.escape_inline, json=lambda v: json.dumps(v, ensure_ascii=False))
        self.env.globals.update(label=self.label, districts_text=self.districts_text, theme_labels=self.theme_labels)

    def label(self, vocabulary: str, key: str) -> str:
        return self.collection.vocabularies[vocabulary].label(key)

    def districts_text(self, case: Case) -> str:
        return "; ".join(f"{d.name} ({d.state})" for d in case.district_list)

    def theme_labels(self, case: Case) -> str:
        return " · ".join(self.label("themes", t) for t in case.themes)

    def render(self, template: str, page_uri: str, **context) -> str:
        def href(to_uri: str) -> str:
            return references.relative(page_uri, to_uri)
        return self.env.get_template(template).render(href=href, **context)

    def all_pages(self) -> dict[str, str]:
        """{docs-relative path: Markdown} for every generated page."""
        pages = {case.page_uri: self.case_page(case) for case in self.collection}
        pages |= self.theme_pages() | self.district_pages() | self.state_pages()
        return pages

    def case_page(self, case: Case) -> str:
        section_titles = [(key, term.label) for key, term in self.collection.vocabularies["sections"].terms.items()]
        resolve = self.collection.resolve

        def body(key: str) -> str:
            return references.expand(case.sections[key].text, case.page_uri, resolve)
        return self.render("case.md.j2", case.page_uri, case=case, sections=section_titles, body=body,
                           sources=[citations.reference(s) for s in case.sources],
                           related=self.collection.related(case),
                           meetings=self.collection.meetings_by_case.get(case.id, []))

    def theme_pages(self) -> dict[str, str]:
        terms = list(self.collection.vocabularies["themes"].terms.values())
        by_theme = self.collection.by_theme
        pages = {"themes/index.md": self.render("themes.md.j2", "themes/index.md", terms=terms,
                                                count=lambda key: len(by_theme.get(key, [])))}
        for term in terms:
            uri = f"themes/{term.key}.md"
            pages[uri] = self.render("theme.md.j2", uri, term=term, cases=by_theme.get(term.key, []))
        return pages

    def district_pages(self) -> dict[str, str]:
        collection = self.collection
        pages = {"districts/index.md": self.render("districts.md.j2", "districts/index.md",
                                                   by_state=self.districts_by_state())}
        for slug, district in collection.districts.items():
            uri = f"districts/{slug}.md"
            pages[uri] = self.render("district.md.j2", uri, district=district, cases=collection.by_district[slug])
        return pages

    def districts_by_state(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for slug, district in sorted(self.collection.districts.items(), key=lambda i: i[1].name):
            groups.setdefault(district.state, []).append((district, len(self.collection.by_district[slug])))
        return sorted(groups.items(), key=lambda item: self.label("states", item[0]))

    def state_pages(self) -> dict[str, str]:
        by_state = self.collection.by_state
        counts = sorted(((s, len(c)) for s, c in by_state.items()), key=lambda i: self.label("states", i[0]))
        pages = {"states/index.md": self.render("states.md.j2", "states/index.md", states=counts)}
        districts = dict(self.districts_by_state())
        for state, cases in by_state.items():
            uri = f"states/{state.lower()}.md"
            pages[uri] = self.render("state.md.j2", uri, state=state, cases=cases, districts=districts[state])
        return pages
