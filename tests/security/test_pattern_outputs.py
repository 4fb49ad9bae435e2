"""A callback whose outputs are ALL patterns (the presenting banner's period and
link) gets a list of the matched components; anything else is refused with 400,
as is a trigger that is not a name, never a 500."""

from __future__ import annotations

from tests.security.book import ADMIN
from tests.security.browsers import UPDATE, browser_for

BANNER = (
    '..{"index":["ALL"],"type":"banner-period"}.children...'
    '{"index":["ALL"],"type":"banner-link"}.children..'
)


def body(outputs, changed=("url.search",)) -> dict:
    return {
        "output": BANNER,
        "outputs": outputs,
        "inputs": [{"id": "url", "property": "search", "value": "?period=2026-Q2"}],
        "state": [],
        "changedPropIds": list(changed),
    }


def test_pattern_outputs_must_be_lists_of_that_pattern(book_app):
    admin = browser_for(book_app.server, ADMIN)
    assert admin.post(UPDATE, json=body([[], []])).status_code in (200, 204)
    forged = [
        [{"id": BANNER, "property": "children"}, []],
        [[{"id": {"type": "chart", "index": 0}, "property": "children"}], []],
        [[{"id": {"type": "banner-period", "index": 0}, "property": "href"}], []],
    ]
    for outputs in forged:
        assert admin.post(UPDATE, json=body(outputs)).status_code == 400, outputs


def test_a_trigger_that_is_not_a_name_is_refused(book_app):
    admin = browser_for(book_app.server, ADMIN)
    response = admin.post(UPDATE, json=body([[], []], changed=[["url.search"]]))
    assert response.status_code == 400
