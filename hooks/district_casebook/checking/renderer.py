"""Python-Markdown set up as the site renders: MkDocs' built-in extensions plus mkdocs.yml's
(tests/test_security_rendered.py holds the two equal). The check in rendered.py reads the
element tree this makes, the raw HTML it stashed and the attribute lists it applied."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import attr_list

_LANGUAGE = re.compile(r"language-[\w-]+")
# MkDocs always adds toc, tables and fenced_code (its "builtins"); the rest is mkdocs.yml's list.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "def_list", "md_in_html", "admonition"]
EXTENSION_CONFIGS = {"toc": {"permalink": True}}


class _Recorder(attr_list.AttrListTreeprocessor):
    """attr_list as configured, noting every element it gives attributes to."""

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        attrs, _ = attr_list.get_attrs_and_remainder(attrs_string)
        if attrs:
            self.md.casebook_attr_lists.append((elem, [key for key, _ in attrs]))
        return super().assign_attrs(elem, attrs_string, strict=strict)


def new_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    md.treeprocessors.register(_Recorder(md), "attr_list", 8)  # the priority attr_list registers with
    return md


_MD: list[markdown.Markdown] = []  # one per process: building one costs more than rendering a case


def render(lines: list[str]) -> tuple[Element, markdown.Markdown]:
    """Markdown.convert's steps up to the element tree (serialising it would tell nothing more)."""
    if not _MD:
        _MD.append(new_markdown())
    md = _MD[0]
    md.reset()
    md.casebook_attr_lists = []
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    for treeprocessor in md.treeprocessors:
        root = treeprocessor.run(root) or root
    return root, md


def to_html(text: str) -> str:
    """``text`` rendered to HTML as the site renders it (for tests and the build's comparison)."""
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.ends: list[str] = []
        self.comment = False
        self.other = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        self.ends.append(tag)

    def handle_comment(self, data):
        self.comment = True

    def handle_decl(self, decl):
        self.other = True

    handle_pi = unknown_decl = handle_decl

    def code_block_only(self) -> bool:
        names = [tag for tag, _ in self.tags]
        classes = [value for tag, attrs in self.tags for name, value in attrs
                   if not (tag == "code" and name == "class" and _LANGUAGE.fullmatch(value or ""))]
        return names == ["pre", "code"] and not classes and not self.comment and not self.other
