"""Hand-written pages in docs/ (the home page, a meeting list): no raw HTML either.

MkDocs renders them as they are, so a `<script>` in one would run on the site.
They are maintainers' pages, but they change by pull request like everything
else, so they get the same check as a case body (tags, comments, attribute
lists, script addresses, invisible characters, bodies too costly to render),
with two layout constructs allowed: a `<div class="..." markdown>` block
(and its `</div>`), and an attribute list of classes only
(`{ .md-button .md-button--primary }`). Casebook markers are allowed too.
"""
from __future__ import annotations

import re

from ..problems import Problem
from . import body_limits, hostile_text

# Unambiguous alternatives (each starts with its own token): linear time on any line.
_LAYOUT = re.compile(r'<div(?:[ \t]+class="[\w -]*"|[ \t]+markdown(?:="1")?)*[ \t]*>|</div>'
                     r"|\{:?[ \t]*\.[\w-]+(?:[ \t]+\.[\w-]+)*[ \t]*\}")


def problems(src_uri: str, text: str) -> list[Problem]:
    allowed = _LAYOUT.sub(lambda match: " " * len(match.group(0)), text) if ("<" in text or "{" in text) else text
    return hostile_text.hand_written(src_uri, allowed, 1) + body_limits.problems(src_uri, text, 1)
