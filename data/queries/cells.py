"""Whole-number sums per (key, piece) cell of many rows, without sorting them.

A view of all clients adds up some hundred thousand held rollup rows into a
cell per client (or project) and piece of the windows. `np.unique` sorts the
rows' keys to number them, and `np.add.at` over a two-dimensional grid takes a
slow path: together some 10 ms per topic at 10,000 clients. Keys are database
ids, whole numbers in a short range, so a lookup table numbers them in one
pass, and the cells are summed over a flat grid, where `np.add.at` is fast.
Sums stay int64, exact to the cent.
"""

from __future__ import annotations

import numpy as np

INT32 = np.iinfo(np.int32)
# A lookup table is used up to this many slots beyond the number of rows (a few
# MB at most); keys spread wider than that are numbered by sorting.
LOOKUP_SLACK = 1 << 20


def compact(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, ascending, and each key's position among them: what
    `np.unique(keys, return_inverse=True)` gives, for whole-number keys."""
    keys = np.asarray(keys, dtype="int64")
    if not len(keys):
        return np.unique(keys, return_inverse=True)
    low, high = int(keys.min()), int(keys.max())
    if high - low >= len(keys) + LOOKUP_SLACK:
        return np.unique(keys, return_inverse=True)
    offset = keys - low
    present = np.zeros(high - low + 1, dtype=bool)
    present[offset] = True
    position = np.cumsum(present) - 1
    return np.flatnonzero(present) + low, position[offset]


def cell_sums(
    row_of: np.ndarray, piece: np.ndarray, shape: tuple[int, int], values: list
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Which cells of a `shape` grid (rows × pieces) have a row, and per array of
    whole-number `values` its sum in each cell (int64), from each row's grid row
    and piece."""
    flat = np.asarray(row_of, dtype="int64") * shape[1] + piece
    size = shape[0] * shape[1]
    present = np.zeros(size, dtype=bool)
    present[flat] = True
    sums = []
    for value in values:
        total = np.zeros(size, dtype="int64")
        # Of one type: np.add.at takes a slow path when it must cast.
        np.add.at(total, flat, np.asarray(value, dtype="int64"))
        sums.append(total.reshape(shape))
    return present.reshape(shape), sums


def run_positions(low: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions of runs laid one after the other: `lengths[i]` positions
    from `low[i]` for each i, in that order."""
    lengths = np.asarray(lengths, dtype="int64")
    starts = np.repeat(
        np.asarray(low, dtype="int64") - (np.cumsum(lengths) - lengths), lengths
    )
    return starts + np.arange(lengths.sum())


def narrow(values: np.ndarray) -> np.ndarray:
    """Whole numbers as int32 when every value fits (half the memory of what is
    held), else as int64; their sums are taken in int64 either way."""
    values = np.asarray(values, dtype="int64")
    if not len(values) or (values.min() >= INT32.min and values.max() <= INT32.max):
        return values.astype("int32")
    return values
