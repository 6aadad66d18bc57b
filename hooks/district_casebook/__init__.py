"""The District Casebook core: read, validate, model and render cases.

This package never imports mkdocs, so the `casebook` command, the MkDocs hook
(hooks/casebook_hook.py) and any other site generator share one core. No name in
it starts with ``on_`` at module level: MkDocs would register it as an event.
"""
