"""Formatting sources as a reference list entry (APA-like, in Markdown)."""
from __future__ import annotations

from .references import escape_inline


def reference(source: dict) -> str:
    """'Knudson, J. (2012). *Title*. Publisher. Section: "…". <url>'"""
    who = source.get("author") or source.get("publisher")
    when = source.get("date") or source.get("year")
    parts = [f"{escape_inline(str(who))} ({when}).", f"*{escape_inline(source['title'])}*."]
    if source.get("author") and source.get("publisher"):
        parts.append(f"{escape_inline(source['publisher'])}.")
    if source.get("section"):
        parts.append(f"Section: “{escape_inline(source['section'])}”.")
    if source.get("url"):
        parts.append(f"<{source['url']}>")
    return " ".join(parts)
