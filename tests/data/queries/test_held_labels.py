"""Every client's external id and name held in memory, looked up by id."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import text

from dashboard.kernel.scope import Scope
from data.queries.held import hold_for, holds
from data.queries.held_labels import held_client_labels, names_of_shown_clients
from data.version import bump_data_version
from tests.factories import add_client


def test_labels_by_id_in_the_order_asked_and_read_again_after_a_write(engine):
    with engine.begin() as conn:
        b = add_client(conn, "B", name="Beta")  # the lower id
        a = add_client(conn, "A", name="<b>Acme</b>")
    hold_for(engine)
    with engine.connect() as conn:
        labels = held_client_labels(conn)
        assert held_client_labels(conn) is labels  # held until a write
    known, at = labels.found(np.array([b, a, b]))
    assert known.tolist() == [True, True, True]
    assert labels.external_id[at].tolist() == ["B", "A", "B"]
    assert labels.name[at].tolist() == ["Beta", "<b>Acme</b>", "Beta"]  # as stored
    known, at = labels.found(np.array([], dtype="int64"))
    assert (len(known), len(at)) == (0, 0)
    # The database's order of external ids: A, B.
    assert labels.rank[labels.found(np.array([a, b]))[1]].tolist() == [0, 1]
    # An id that is no client's (one a write removed): not known, no position.
    known, at = labels.found(np.array([a, max(a, b) + 1]))
    assert known.tolist() == [True, False]
    assert labels.external_id[at].tolist() == ["A"]
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE clients SET name = 'Beta Ltd' WHERE id = :b"), {"b": b}
        )
        bump_data_version(conn)  # as every write does
    with engine.connect() as conn:
        again = held_client_labels(conn)
    assert again is not labels
    assert again.name[again.found(np.array([b]))[1]].tolist() == ["Beta Ltd"]


@pytest.mark.parametrize("held", [False, True], ids=["read", "held"])
def test_names_of_shown_clients_held_or_read_alike(engine, held):
    with engine.begin() as conn:
        add_client(conn, "A", name="Acme", owner="ann")
        add_client(conn, "B", name="Beta", owner="bob")
    if held:
        hold_for(engine)
    with engine.connect() as conn:
        assert holds(conn) == held
        every = Scope.everything()
        names = names_of_shown_clients(conn, every, ["B", "A", "B", "X"])
        # Ann's view shows only Ann's clients' rows: their names alike.
        ann = names_of_shown_clients(conn, Scope(owner="ann"), ["A"])
    assert names == {"A": "Acme", "B": "Beta"}  # no client X: left out
    assert ann == {"A": "Acme"}
