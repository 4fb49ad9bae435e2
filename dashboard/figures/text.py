"""Text from data in charts: Plotly reads a few HTML tags (links, styles, bold,
line breaks) in labels, legends, titles and hovers, so data is escaped once."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

# Numeric entities for quotes: Plotly decodes those, but not `&quot;`.
ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
)


def as_text(value: object) -> str:
    """Imported text for a chart, shown exactly as written (`<b>` stays `<b>`)."""
    return str(value).translate(ENTITIES)


def as_texts(values: Iterable[object]) -> list[str | None]:
    """`as_text` of each value; None (a gap between line segments) stays None."""
    return [None if value is None else as_text(value) for value in values]


def wrapped(message: str, width: int | None) -> str:
    """A plain-text message as chart text: broken into lines of about `width`
    Latin characters (half as many for Chinese) counted before escaping, then
    escaped line by line and joined with Plotly's line break."""
    if width is None:
        return as_text(message)
    chars = width if message.isascii() else width // 2
    lines = textwrap.wrap(message, chars) or [message]
    return "<br>".join(as_text(line) for line in lines)
