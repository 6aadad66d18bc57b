"""Small HTML pages outside the site's theme: redirects from former addresses
and the embeddable case cards. They are written as finished HTML (MkDocs
copies an .html file as it is), from templates that escape every value."""
from __future__ import annotations

import functools
from collections.abc import Iterator

from .. import templating
from ..model.casebook import Case, Collection
from ..urls.permalinks import Site, case_path, relative
from .kept import per_case

render = templating.render_html


def redirect(old_path: str, new_path: str, title: str, site: Site, moved: str = "This case has a new address") -> str:
    """A page at ``old_path`` sending readers on to ``new_path``, keeping any #section."""
    return render("redirect.html.j2", target=relative(old_path, new_path), canonical=site.absolute(new_path),
                  title=title, site=site, moved=moved)


def card(case: Case, collection: Collection, site: Site) -> dict:
    """What a case card shows; the same fields /embed/?ids= reads from the data API."""
    themes = collection.vocabularies["themes"]
    return {"id": case.id, "title": case.title, "summary": case.summary, "url": site.absolute(case_path(case.id)),
            "districts": [f"{d.name}, {d.state}" for d in case.district_list], "years": case.year_span,
            "themes": [themes.label(t) for t in case.themes]}


HOST_SCRIPT = "/assets/embed-host.js"  # fits the iframe to the card (docs/assets/embed-host.js says how)


def iframe(case: Case, site: Site, collection: Collection | None = None) -> str:
    """The snippet another site pastes to show this case's card: the iframe and the host script."""
    src = site.absolute("/embed" + case_path(case.id))
    themes = [collection.vocabularies["themes"].label(t) for t in case.themes] if collection else case.themes
    return render("iframe.html.j2", src=src, title=f"{case.title} ({site.name})", host_script=site.absolute(HOST_SCRIPT),
                  height=card_height(case, themes)).strip()


# What a card's lines hold at a phone's width (390 px: some 310 px of text), with room to spare
# for wider fonts: characters a line, and each line's height in px (assets/embed.css).
_PHONE_LINE = {"title": (24, 23), "text": (34, 22)}
_CARD_FRAME = 24 + 2 + 24 + 12 + 5 * 10  # main's padding, borders, card padding and margin, paragraph margins


def card_height(case: Case, themes: list[str]) -> int:
    """The iframe height that shows the whole card at 390 px without the host script."""
    texts = [("title", case.title), ("text", "; ".join(f"{d.name}, {d.state}" for d in case.district_list)
                                      + " · " + case.year_span),
             ("text", " · ".join(themes)), ("text", case.summary), ("text", "Read the case in the District Casebook")]
    lines = sum(_PHONE_LINE[kind][1] * max(1, -(-len(text) // _PHONE_LINE[kind][0])) for kind, text in texts)
    return -(-(_CARD_FRAME + lines) // 20) * 20  # rounded up to 20 px


def embed_list(site: Site) -> dict[str, str]:
    """{site-relative file: HTML}: the /embed/ page (case_cards: each case's card)."""
    return {"embed/index.html": render("embed-list.html.j2", root="../", site=site)}


def case_cards(collection: Collection, site: Site, kept: dict | None = None) -> Iterator:
    """(site-relative file, a function making its HTML): /embed/cases/<id>/ for each case."""
    for case in collection:
        path = "/embed" + case_path(case.id)
        yield path.lstrip("/") + "index.html", functools.partial(_card_page, case, path, collection, site, kept)


def _card_page(case: Case, path: str, collection: Collection, site: Site, kept: dict | None) -> str:
    return per_case(kept, "embed", case, lambda: render(
        "embed-case.html.j2", card=card(case, collection, site), root=relative(path, "/"), site=site))


def redirect_pages(collection: Collection, site: Site) -> dict[str, str]:
    """{site-relative file: HTML} for each former address: the case page and its embed."""
    pages = {}
    for alias, case in sorted(collection.aliases.items()):
        if alias in collection.cases:
            continue  # crosscheck reports it; the live case wins
        for prefix in ("", "/embed"):
            old, new = prefix + case_path(alias), prefix + case_path(case.id)
            pages[old.lstrip("/") + "index.html"] = redirect(old, new, case.title, site)
    return pages


def state_code_pages(collection: Collection, site: Site) -> dict[str, str]:
    """/states/CA/ and the like, sending readers to /states/ca/: the finder writes state=CA and
    people type codes in capitals, but a static host matches the folder's case exactly."""
    states = collection.vocabularies["states"]
    pages = {}
    for state in sorted(collection.by_state):
        if state != state.lower():
            old, new = f"/states/{state}/", f"/states/{state.lower()}/"
            pages[old.lstrip("/") + "index.html"] = redirect(old, new, states.label(state), site,
                                                             moved="This state's page is at")
    return pages
