"""Several windows in one query: rows grouped into the pieces the windows' bounds cut
the timeline into, then each window summed from its pieces (whole numbers only, so
a window's sum is exactly what a query of that window alone would give).

Bounds are half-open `[low, high)` values of one column (dates, or UTC instants for
meetings); windows may overlap (P-1 cut inside P-1) or leave gaps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case
from sqlalchemy.sql.elements import ColumnElement


@dataclass(frozen=True)
class Pieces:
    """The sorted distinct bounds of some half-open windows: piece k is
    `[bounds[k], bounds[k + 1])`."""

    bounds: tuple
    windows: tuple[tuple, ...]

    @classmethod
    def of(cls, windows: Sequence[tuple]) -> Pieces:
        """Pieces for `(low, high)` windows (high exclusive)."""
        bounds = tuple(sorted({b for window in windows for b in window}))
        return cls(bounds=bounds, windows=tuple(tuple(w) for w in windows))

    def within(self, column: ColumnElement) -> ColumnElement[bool]:
        """SQL: the value lies in some piece (between the first and last bound)."""
        return and_(column >= self.bounds[0], column < self.bounds[-1])

    def piece(self, column: ColumnElement) -> ColumnElement[int]:
        """SQL: the number of the piece the value lies in (rows `within` only)."""
        whens = [(column < high, k) for k, high in enumerate(self.bounds[1:-1])]
        last = len(self.bounds) - 2
        return case(*whens, else_=last) if whens else case((column.is_not(None), 0))

    def pieces_of(self, index: int) -> list[int]:
        """The pieces window `index` is made of."""
        low, high = self.windows[index]
        return [
            k
            for k in range(len(self.bounds) - 1)
            if low <= self.bounds[k] and self.bounds[k + 1] <= high
        ]

    def sums(
        self, by_piece: Mapping[int, Mapping[str, int]], names: Sequence[str]
    ) -> list[dict[str, int]]:
        """Per window, each name summed over the window's pieces (0 when none);
        whole numbers stay whole (a database's decimals become ints)."""
        result = []
        for index in range(len(self.windows)):
            totals = dict.fromkeys(names, 0)
            for k in self.pieces_of(index):
                row = by_piece.get(k)
                if row is not None:
                    for name in names:
                        totals[name] += _exact(row[name])
            result.append(totals)
        return result


def _exact(value) -> int | float:
    return value if isinstance(value, float) else int(value)
