"""Control characters: which ones a text may not hold, and how messages name them.

PostgreSQL cannot store NUL in text at all, and no other C0 control character
(nor DEL) belongs in a name, an id or an address. Free texts may hold tab, line
feed and carriage return (TEXT_WHITESPACE); addresses and ids hold none.
"""

from __future__ import annotations

import re

TEXT_WHITESPACE = "\t\n\r"
_ANY = re.compile(r"[\x00-\x1f\x7f]")
_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(text: str, *, in_text: bool = False) -> str | None:
    """The first control character of `text`, or None. With `in_text`, tab, line
    feed and carriage return are allowed."""
    found = (_IN_TEXT if in_text else _ANY).search(text)
    return found.group() if found else None


def control_name(char: str) -> str:
    """`NUL` for the NUL character, else its code point (`U+001B`)."""
    return "NUL" if char == "\x00" else f"U+{ord(char):04X}"


def control_problem(text: str, *, in_text: bool = False) -> str | None:
    """`contains a control character (NUL)`, or None when the text has none."""
    char = control_character(text, in_text=in_text)
    return (
        None if char is None else f"contains a control character ({control_name(char)})"
    )


def printable(text: str, limit: int = 80) -> str:
    """The text for a log line or message: control characters escaped, cut short."""
    escaped = _ANY.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return escaped if len(escaped) <= limit else escaped[: limit - 3] + "..."
