"""libyaml's syntax errors in plain words: what is wrong, where, and what to do.

Each message libyaml (the C parser under reading/strict_yaml.py) gives for a
mistake a contributor can make in front matter is translated here; the
catalogue, with an example of each, is tests/golden/problems/yaml-plain-words.yml.
"""
from __future__ import annotations

QUOTE_IT = "Put the whole value in double quotes, like title: \"Oakland: a new start\"."

# libyaml's problem text -> (what is wrong, what to do). {column}, {opened} (the line where
# the construct began), {char} (the character at the mistake) are filled in.
PLAIN = {
    "mapping values are not allowed in this context": (
        "YAML reads the ': ' at column {column} as the start of a field where none can start: a value holds "
        "': ' (a colon and a space), or this line is indented under the field above and read as part of its value.",
        "Put a value holding ': ' in double quotes, like title: \"Oakland: a new start\"; line a field up "
        "with the others of its group, with spaces."),
    "did not find expected '-' indicator": (
        "An entry of the list begun on line {opened} is indented differently from the others (column {column}).",
        "Line every '- ' of a list up under the first one, with spaces."),
    "did not find expected key": (
        "At column {column} YAML expected a new field of the group begun on line {opened}: the line is indented "
        "differently from that group's fields, or text follows a closing quote.",
        "Line each field up under the others of its group, with spaces; if the line continues a value, "
        "put the whole value in quotes on one line."),
    "could not find expected ':'": (
        "This line is not a field ('name: value'): the ': ' after its name is missing.",
        "Add ': ' after the field's name; if the line continues the value above, put that value in quotes "
        "on one line."),
    "found unexpected end of stream": (
        "A quoted value opened on line {opened} is never closed.",
        "End the value with the same quote mark it starts with; for a \" inside double quotes, write \\\"."),
    "found unknown escape character": (
        "A backslash inside double quotes starts an escape YAML does not know (column {column}).",
        "Write \\\\ for a backslash, or put the value in single quotes instead."),
    "did not find expected hexdecimal number": (
        "\\x, \\u or \\U inside double quotes must be followed by hexadecimal digits (column {column}).",
        "Write \\\\ for a backslash, or put the value in single quotes instead."),
    "did not find expected ',' or ']'": (
        "The list opened with '[' on line {opened} is not closed on its line, or two entries lack a comma "
        "between them.",
        "Write it on one line, like [teachers, principals], with a comma between entries; quote an entry "
        "that holds a comma or a bracket."),
    "did not find expected ',' or '}'": (
        "The group opened with '{{' on line {opened} is not closed, or two of its fields lack a comma "
        "between them.",
        "Close it with '}}' and put a comma between fields, or write each field on its own line instead."),
    "did not find expected node content": (
        "A value is missing here (column {column}): an empty entry, or a stray ',', ']' or '}}'.",
        "Write the value, or remove the stray character."),
    "found character that cannot start any token": (
        "A value cannot start with '{char}' in YAML (column {column}).", QUOTE_IT),
    "did not find expected comment or line break": (
        "Text follows the closing quote of a value on the same line (column {column}).",
        "Put the whole value inside the quotes."),
    "block sequence entries are not allowed in this context": (
        "A list entry ('- ') starts on the same line as a field's name (column {column}).",
        "Start the list on the next line, one indented '- ' per entry, or write it as [a, b]."),
    "did not find expected alphabetic or numeric character": (
        "'&' or '*' at the start of a value begins a YAML anchor or alias (column {column}).", QUOTE_IT),
    "found undefined tag handle": ("'!' at the start of a value begins a YAML tag (column {column}).", QUOTE_IT),
    "did not find expected tag URI": ("'!' at the start of a value begins a YAML tag (column {column}).", QUOTE_IT),
    "did not find expected <document start>": (
        "The front matter goes on after a complete value, as a second document would.",
        "Indent this line under its field, or remove it; a value on several lines goes in quotes."),
    "found unexpected document indicator": (
        "A line starting with '---' or '...' inside a quoted value ends the front matter for YAML.",
        "Put the value on one line."),
}


def plain(problem: str, *, column: int, opened: int, char: str) -> tuple[str, str] | None:
    """(message, hint) for libyaml's ``problem``, or None for one not in the catalogue."""
    words = PLAIN.get(problem.rstrip("."))
    if words is None:
        return None
    return tuple(text.format(column=column, opened=opened, char=char) for text in words)
