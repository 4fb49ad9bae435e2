"""Texts that look like spreadsheet formulas: escaped on export, unescaped on import."""

from __future__ import annotations

# A text starting with one of these is escaped with a leading apostrophe on export,
# so a spreadsheet shows it as text and runs nothing. The apostrophe itself is in
# the set, which makes the escaping reversible: unescape(escape(x)) == x for all x.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
ESCAPE = "'"


def escape_text(value: str) -> str:
    """The text as written to a file: formula-like texts get a leading apostrophe."""
    return ESCAPE + value if value.startswith(FORMULA_STARTS) else value


def unescape_text(value: str) -> str:
    """Undo escape_text: drop exactly one leading apostrophe."""
    return value[1:] if value.startswith(ESCAPE) else value
