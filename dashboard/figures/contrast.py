"""WCAG 2.1 contrast of colours, and the text colour that reads on a fill."""

from __future__ import annotations

import re

HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
TEXT_ON_FILL = ("#000000", "#ffffff")


def linear_rgb(colour: str) -> tuple[float, float, float]:
    """The linear-light red, green and blue (0..1) of a #rgb / #rrggbb colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return red, green, blue


def luminance(colour: str) -> float:
    """Relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    red, green, blue = linear_rgb(colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(fill: object) -> object:
    """Black or white, whichever contrasts more with a fill (at least 4.58:1 on
    any colour); a list of fills gives a list; what is not #hex gives None."""
    if isinstance(fill, list | tuple):
        return [text_on(item) for item in fill]
    if not isinstance(fill, str) or not HEX.fullmatch(fill):
        return None
    return max(TEXT_ON_FILL, key=lambda text: contrast_ratio(text, fill))
