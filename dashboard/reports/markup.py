"""Small HTML pieces of the report: tables and paragraphs of escaped text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Markup:
    """A table with a header row; every cell escaped unless already Markup."""
    head = Markup("").join(Markup("<th>{}</th>").format(h) for h in headers)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(
            Markup("").join(Markup("<td>{}</td>").format(cell) for cell in row)
        )
        for row in rows
    )
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(
        head, body
    )


def paragraphs(texts: Iterable[str], css: str = "") -> Markup:
    """One paragraph per text, with a class."""
    return Markup("").join(
        Markup('<p class="{}">{}</p>').format(css, text) for text in texts
    )
