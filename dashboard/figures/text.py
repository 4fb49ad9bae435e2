"""Text from data in charts: Plotly reads a few HTML tags (links, styles, bold,
line breaks) in labels, legends, titles and hovers, so data is escaped once."""

from __future__ import annotations

import textwrap
import unicodedata
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


# A category label (a client, project or milestone on an axis) at most this many
# Latin characters a line, on at most LABEL_LINES lines.
LABEL_WIDTH = 24
LABEL_LINES = 3


def _mostly_wide(message: str) -> bool:
    """True for Chinese text: a third or more of its characters are full width
    (a `·` or `–` in Latin text does not halve its lines)."""
    wide = sum(unicodedata.east_asian_width(c) in ("W", "F") for c in message)
    return wide * 3 >= len(message) > 0


def wrapped(message: str, width: int | None, most_lines: int | None = None) -> str:
    """A plain-text message as chart text: broken into lines of about `width`
    Latin characters (half as many for Chinese) counted before escaping, then
    escaped line by line and joined with Plotly's line break; beyond `most_lines`
    lines the last one ends in "…"."""
    if width is None:
        return as_text(message)
    chars = width // 2 if _mostly_wide(message) else width
    # Spaces stay at the ends of lines: without the line breaks, the text is
    # exactly the message (a name in it can still be found).
    lines = textwrap.wrap(message, chars, drop_whitespace=False) or [message]
    if most_lines is not None and len(lines) > most_lines:
        last = lines[most_lines - 1]
        lines = [*lines[: most_lines - 1], last.rstrip()[: max(chars - 1, 1)] + "…"]
    return "<br>".join(as_text(line) for line in lines)


def shown_width(text: str) -> int:
    """The width of plain text in Latin characters: a full-width one counts 2."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _fitting(chars, room: int) -> str:
    taken, used = [], 0
    for char in chars:
        used += shown_width(char)
        if used > room:
            break
        taken.append(char)
    return "".join(taken)


def shortened(text: object, width: int = LABEL_WIDTH) -> str:
    """Plain text as one escaped line of at most `width` (`shown_width`): as it
    is, or its start and "…". The whole text belongs in the hover."""
    plain = " ".join(str(text).split())
    if shown_width(plain) <= width:
        return as_text(plain)
    return as_text(_fitting(plain, width - 1).rstrip() + "…")


def label_lines(text: object) -> str:
    """Imported text as an axis category or subplot title: escaped and wrapped
    (LABEL_WIDTH a line, at most LABEL_LINES lines), so it is never cut off."""
    return wrapped(str(text), LABEL_WIDTH, LABEL_LINES)


def labels_lines(values: Iterable[object]) -> list[str]:
    """`label_lines` of each value."""
    return [label_lines(value) for value in values]


# A line of category text as drawn for a client's eyes (12-13 px text made 2 px
# larger, lines 1.3 em apart), and the space kept between two rows' labels.
LINE_PX = 19
ROW_GAP_PX = 7


def row_px(labels: Iterable[str]) -> int:
    """The pixels each row needs: a category axis spaces its rows evenly, so
    every row is as tall as the tallest (wrapped) label, or labels of three
    lines reach into their neighbours'."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return lines * LINE_PX + ROW_GAP_PX


def rows_height(labels: Iterable[str], frame: int = 170, least: int = 320) -> int:
    """Pixels for a chart with one row per (wrapped) category label: `row_px`
    a row, plus `frame` for the axes, the legend and the margins."""
    labels = list(labels)
    return max(least, len(labels) * row_px(labels) + frame)
