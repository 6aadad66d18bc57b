"""Bytes to documents: a Markdown file's YAML front matter and body, with exact lines."""
