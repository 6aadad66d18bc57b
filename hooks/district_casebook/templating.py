"""The one Jinja setup for the casebook's templates (templates/).

Two kinds of output come from them. Markdown pages are not autoescaped: the
caller escapes values as Markdown with its `md` filter; their comments are
written ``{## … ##}``, because a Markdown attribute list (``{#problem}``)
looks like a Jinja comment. Finished HTML pages (redirects, embeds) escape
every value.
"""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"
_COMMON = dict(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
               keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


class _Environment(jinja2.Environment):
    def make_globals(self, d):
        """A template's globals as a plain dict, taken when it loads (every global is set
        before any page template loads): Jinja's ChainMap would be copied key by key,
        in Python, on every render, a tenth of a small page's time."""
        return {**self.globals, **(d or {})}


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, keyed by name and source (so an edited
    template compiles again): a preview makes new environments for every rebuild, its engine's
    theme's too, and compiling them again was most of a rebuild's time."""

    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()


def markdown_environment(**filters) -> jinja2.Environment:
    """For generated Markdown; made for one build, so templates are read once."""
    env = _Environment(**_COMMON, autoescape=False, auto_reload=False, bytecode_cache=COMPILED,
                       comment_start_string="{##", comment_end_string="##}")
    env.filters.update(filters)
    return env


@functools.cache
def html_environment() -> jinja2.Environment:
    return jinja2.Environment(**_COMMON, autoescape=True)


def render_html(template: str, **context) -> str:
    return html_environment().get_template(template).render(**context)
