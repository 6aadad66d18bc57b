"""Characters that cannot be seen, refused in all contributor text.

Invisible characters let two ids, names or sentences look the same and differ
(a zero-width space in a district name makes a second district page), hide
text from a reviewer (tag characters can carry a whole message; variation
selectors can smuggle bytes), or reorder what is shown (the bidirectional
controls of "Trojan source"). None belongs in a case. Refused, each on its line:

- the C0 and C1 control characters except tab and line feed;
- every format character (Unicode category Cf, Unicode 15's list written out
  below; a test checks it against Python's unicodedata): soft hyphen,
  zero-width space, joiners, direction marks and overrides,
  word joiner, invisible operators, byte order mark, tag characters and more;
- the characters that are invisible without being format characters: the
  Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the braille blank
  (U+2800), the combining grapheme joiner (U+034F), the Khmer inherent
  vowels (U+17B4, U+17B5), the Mongolian variation selectors (U+180B-U+180D,
  U+180F), the variation selectors (U+FE00-U+FE0F, U+E0100-U+E01EF) and the
  line and paragraph separators (U+2028, U+2029).
"""
from __future__ import annotations

import re
import unicodedata

FILLERS = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x180E), 0x180F, 0x2028, 0x2029, 0x2800,
           0x3164, *range(0xFE00, 0xFE10), 0xFFA0, *range(0xE0100, 0xE01F0)]
CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]


# Category Cf in Unicode 15 (Python 3.11 knows Unicode 14, without U+13439-U+1343F), written
# out: finding them at start-up would cost a fifth of a second. tests/test_security_input.py
# checks that it holds every one Python's unicodedata knows.
FORMAT = [0x00AD, *range(0x0600, 0x0606), 0x061C, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x180E,
          *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x2070),
          0xFEFF, *range(0xFFF9, 0xFFFC), 0x110BD, 0x110CD, *range(0x13430, 0x13440), *range(0x1BCA0, 0x1BCA4),
          *range(0x1D173, 0x1D17B), 0xE0001, *range(0xE0020, 0xE0080)]


def _ranges(codes: list[int]) -> str:
    """A regex character class body: runs of code points as ranges."""
    codes, parts, index = sorted(set(codes)), [], 0
    while index < len(codes):
        end = index
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = chr(codes[index]), chr(codes[end])
        parts.append(re.escape(first) + ("-" + re.escape(last) if end > index else ""))
        index = end + 1
    return "".join(parts)


REFUSED = sorted({*CONTROLS, *FORMAT, *FILLERS})
CLASS = _ranges(REFUSED)  # for use inside [...] by other patterns
PATTERN = re.compile(f"[{CLASS}]")
# The whole class holds characters beyond U+FFFF, so the regex engine tests it range by
# range, four times slower than a class of the Basic Multilingual Plane only, which it
# tests from a bitmap. Most text is ASCII, and nearly all the rest has no character
# beyond U+FFFF: each is searched with the smallest class that covers it.
_ASCII = re.compile(f"[{_ranges([code for code in REFUSED if code < 0x80])}]")
_BMP = re.compile(f"[{_ranges([code for code in REFUSED if code <= 0xFFFF])}]")


def finditer(text: str):
    """Each refused character in ``text``, as a match."""
    if text.isascii():
        return _ASCII.finditer(text)
    return (_BMP if max(text) <= "\uffff" else PATTERN).finditer(text)


def describe(char: str) -> str:
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"
