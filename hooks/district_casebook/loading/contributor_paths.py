"""Which files a pull request may add, and where; the rest of what is under docs/ and cases/.

Contributors write two folders: `cases/` (one `<id>.md` a case) and
`docs/meetings/` (one `.md` a meeting summary). Everything else (schema/,
hooks/, mkdocs.yml, the home page and docs/assets/) is the maintainers', and
CONTRIBUTING.md says so. In either case, what MkDocs would publish is checked:

- in the two contributors' folders, only Markdown files: an `.svg`, `.html` or
  any other file there would be published (or ignored) unchecked;
- elsewhere in docs/, Markdown pages and, under docs/assets/, the kinds of file
  the theme uses (styles, scripts, images); an `.html` or `.svg` page anywhere
  else could carry a script;
- no link (symlink) under docs/ leads out of docs/, or to a folder: MkDocs
  follows links, so one to the repository's own `.git` published it whole;
  no link in cases/ leads out of cases/.

Names starting with '.' are skipped: MkDocs publishes none (its default
`exclude_docs`) and the casebook reads none; links among them are still checked.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..problems import Problem

CONTRIBUTOR_FOLDERS = ("cases", "docs/meetings")
ASSET_TYPES = {".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff2"}
_HINT_LINK = "Replace the link with the file itself."


def problems(root: Path) -> list[Problem]:
    """A problem for every link and file type out of place under cases/ and docs/."""
    found: list[Problem] = []
    for top in ("cases", "docs"):
        _walk(root, root / top, top, found)
    return found


def _walk(root: Path, folder: Path, src_folder: str, found: list[Problem]) -> None:
    """os.scandir, not Path objects: cases/ holds 10,000 files at scale, and most need no look."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        src_uri = f"{src_folder}/{entry.name}"
        if entry.is_symlink():
            link = outside_link(root, Path(entry.path), src_uri)
            found += [link] if link else []
            continue
        is_folder = entry.is_dir(follow_symlinks=False)
        if not (entry.name.endswith(".md") and src_folder in CONTRIBUTOR_FOLDERS):
            found += _out_of_place(src_uri, is_folder, entry.name)
        if is_folder:
            _walk(root, Path(entry.path), src_uri, found)


def outside_link(root: Path, path: Path, src_uri: str) -> Problem | None:
    """A link that leads in a loop, out of the repository, out of its top folder
    (cases/ or docs/), or, in docs/, to a folder."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return Problem(src_uri, 1, "", "The file is a link to nothing.",
                       "Remove it, or put the file itself here.")
    except (OSError, RuntimeError):  # a loop of links
        return Problem(src_uri, 1, "", "The file is a link that leads in a loop.",
                       "Replace it with the file itself.")
    repository = root.resolve()
    if not target.is_relative_to(repository):
        return Problem(src_uri, 1, "", "The file is a link to a file outside the repository.", _HINT_LINK)
    top = PurePosixPath(path.absolute().relative_to(root.absolute()).as_posix()).parts[0]
    if not target.is_relative_to(repository / top):
        inside = target.relative_to(repository).as_posix()
        return Problem(src_uri, 1, "", f"The file is a link to '{inside}', outside {top}/; "
                       "the site would publish what it leads to.", _HINT_LINK)
    if top == "docs" and target.is_dir():
        return Problem(src_uri, 1, "", "The folder is a link to another folder; the site would publish "
                       "everything in it again.", "Replace the link with a folder of its own.")
    return None


def _out_of_place(src_uri: str, is_folder: bool, name: str) -> list[Problem]:
    if name.startswith("."):
        return []
    folder = src_uri.rsplit("/", 1)[0]
    if folder in CONTRIBUTOR_FOLDERS:
        if is_folder:
            return [Problem(src_uri, 1, "",
                            f"{folder}/ holds no folders; this one would be published unchecked.",
                            f"Move its files into {folder}/ as Markdown (.md) files, or remove it.")]
        if not name.endswith(".md"):
            return [Problem(src_uri, 1, "", f"{folder}/ holds Markdown (.md) files only; "
                            f"a '{PurePosixPath(name).suffix or name}' file here would be published unchecked.",
                            "Remove it; pictures and pages beyond the summaries are not published.")]
        return []
    if not src_uri.startswith("docs/") or is_folder or name.endswith(".md"):
        return []
    if src_uri.startswith("docs/assets/") and PurePosixPath(name).suffix.lower() in ASSET_TYPES:
        return []
    return [Problem(src_uri, 1, "", f"docs/ publishes Markdown pages, and styles, scripts and images under "
                    f"docs/assets/; a '{PurePosixPath(name).suffix or name}' file here could carry a script.",
                    "Remove it, or ask a maintainer to add it under docs/assets/.")]
