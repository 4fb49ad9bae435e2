"""Sums per (key, piece) cell: the same as sorting the keys, exact to the cent."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from data.queries.cells import LOOKUP_SLACK, cell_sums, compact, narrow, run_positions


def test_cells_are_summed_by_hand():
    # Client 7: 100 + 5 in piece 0, -30 in piece 2; client 3: 40 in piece 1.
    ids, row_of = compact(np.array([7, 3, 7, 7]))
    assert ids.tolist() == [3, 7]
    assert row_of.tolist() == [1, 0, 1, 1]
    present, (cents,) = cell_sums(
        row_of, np.array([0, 1, 0, 2]), (2, 3), [np.array([100, 40, 5, -30])]
    )
    assert present.tolist() == [[False, True, False], [True, False, True]]
    assert cents.tolist() == [[0, 40, 0], [105, 0, -30]]
    assert cents.dtype == np.int64


def test_sums_beyond_a_double_s_precision_stay_exact():
    big = 2**53 + 1  # a float64 would round this to 2**53
    present, (sums,) = cell_sums(
        np.array([0, 0]), np.array([0, 0]), (1, 1), [np.array([big, 2])]
    )
    assert present.tolist() == [[True]]
    assert sums[0, 0] == 2**53 + 3


@given(
    st.lists(
        st.one_of(
            st.integers(0, 50),
            st.integers(-(2**40), 2**40),  # a spread past the lookup table
        ),
        max_size=60,
    )
)
def test_keys_are_numbered_as_sorting_them_would(keys):
    keys = np.array(keys, dtype="int64")
    ids, row_of = compact(keys)
    expected_ids, expected_rows = np.unique(keys, return_inverse=True)
    assert ids.tolist() == expected_ids.tolist()
    assert row_of.tolist() == expected_rows.tolist()


def test_wide_keys_and_no_keys():
    wide = np.array([5, LOOKUP_SLACK * 4, 5])
    ids, row_of = compact(wide)
    assert ids.tolist() == [5, LOOKUP_SLACK * 4] and row_of.tolist() == [0, 1, 0]
    ids, row_of = compact(np.array([], dtype="int64"))
    assert len(ids) == 0 and len(row_of) == 0


def test_narrow_to_32_bits_only_when_every_value_fits():
    top, bottom = np.iinfo(np.int32).max, np.iinfo(np.int32).min
    assert narrow(np.array([bottom, 0, top])).dtype == np.int32
    assert narrow(np.array([], dtype="int64")).dtype == np.int32
    for wide in ([top + 1], [bottom - 1], [0, 2**40]):
        values = narrow(np.array(wide))
        assert values.dtype == np.int64 and values.tolist() == wide
    assert narrow([1, -2]).tolist() == [1, -2]


def test_run_positions_one_run_after_the_other():
    # Runs of 2 from 5, 0 from 9, 3 from 1: 5 6 | | 1 2 3.
    assert run_positions(np.array([5, 9, 1]), np.array([2, 0, 3])).tolist() == [
        5, 6, 1, 2, 3
    ]  # fmt: skip
    assert run_positions(np.array([], dtype="int64"), np.array([])).tolist() == []
