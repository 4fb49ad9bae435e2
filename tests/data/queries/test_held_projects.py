"""Milestone weights summed per project, from held rows or read ones alike."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from data.queries.held_projects import Milestones, milestone_weights

D = dt.date


def test_weights_per_project_in_the_projects_order():
    milestones = Milestones.of_rows(
        [
            (3, 1.0, "2026-01-10"),  # ISO text, as SQLite gives it
            (3, 2.0, None),
            (5, 0.5, D(2026, 2, 1)),
            (7, 4.0, D(2026, 1, 1)),  # not a chosen project
        ]
    )
    total, (end_of_january, first_of_february) = milestone_weights(
        np.array([5, 3, 9]), milestones, [D(2026, 1, 31), D(2026, 2, 1)]
    )
    assert total[:2].tolist() == [0.5, 3.0]
    assert end_of_january[:2].tolist() == [0.0, 1.0]
    assert first_of_february[:2].tolist() == [0.5, 1.0]
    # Project 9 has no milestones: no weight at all, not zero.
    assert all(math.isnan(sums[2]) for sums in (total, end_of_january))


def test_no_projects_and_no_milestones():
    total, (done,) = milestone_weights(
        np.array([], dtype="int64"), Milestones.of_rows([]), [D(2026, 1, 1)]
    )
    assert total.tolist() == [] and done.tolist() == []
    total, (done,) = milestone_weights(
        np.array([4]), Milestones.of_rows([]), [D(2026, 1, 1)]
    )
    assert math.isnan(total[0]) and math.isnan(done[0])


def test_each_project_adds_its_rows_in_order():
    # 0.1 + 0.2 + 0.3 added left to right is 0.6000000000000001; the held rows
    # and the rows read from the database are added the same way.
    milestones = Milestones.of_rows([(1, 0.1, None), (1, 0.2, None), (1, 0.3, None)])
    total, _ = milestone_weights(np.array([1]), milestones, [])
    assert total.tolist() == [(0.1 + 0.2) + 0.3]
