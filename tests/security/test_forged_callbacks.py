"""Forged callback requests show nothing outside the viewer's scope.

Every server-side callback the app registers gets bodies whose inputs name
clients the viewer may not see. A restricted viewer's answer must hold none of
their names or amounts, and their ids only where the request's own words are
echoed: the answer equals, id for id, the answer to the same request naming
ids that no client has. Each body naming a hidden client is also sent by an
admin, whose answers do show those names, ids and amounts: the checks can fail.
"""

from __future__ import annotations

import re

import pytest

from tests.security.book import (
    ADMIN,
    BY_KEY,
    INTERNAL_CARD_IDS,
    MANAGER,
    RESTRICTED,
    Viewer,
)
from tests.security.browsers import (
    UPDATE,
    browser_for,
    dependencies,
    forged_bodies,
    server_callbacks,
)
from tests.security.forged import as_ghosts

ANSWERED = (200, 204)  # 204: the callback chose not to update anything
# itsdangerous: [.]payload.timestamp.signature (compressed payloads start with ".")
PART = "[A-Za-z0-9_-]"
CSRF_TOKEN = re.compile(rf"\.?{PART}{{20,}}\.{PART}{{4,8}}\.{PART}{{20,}}")


def leaks(text: str, viewer: Viewer) -> list[str]:
    """The hidden clients' names and amounts found in a response."""
    return [
        secret
        for client in viewer.hidden
        for secret in client.secrets()
        if secret in text
    ]


def with_ghost_ids(text: str, viewer: Viewer) -> str:
    """The hidden clients' ids replaced by the ids nobody has."""
    for client in viewer.hidden:
        text = text.replace(client.external_id, client.ghost_id)
    return text


def without_csrf(text: str) -> str:
    """A page's CSRF tokens (signed with the second they were made) as one mark."""
    return CSRF_TOKEN.sub("<csrf>", text)


@pytest.mark.parametrize(
    "viewer",
    RESTRICTED,
    ids=["account_manager", "client_viewer", "manager_presenting"],
)
def test_forged_inputs_show_nothing_outside_the_scope(book_app, viewer):
    browser = browser_for(book_app.server, viewer)
    admin = browser_for(book_app.server, ADMIN)
    deps = dependencies(browser)
    problems: list[str] = []
    shown_to_admin: list[str] = []
    shown: list[str] = []
    answered: set[str] = set()
    count = 0
    for output, forgery, body in forged_bodies(book_app.app, deps, viewer):
        count += 1
        trigger = body["changedPropIds"]
        where = f"{output} ← {trigger} {forgery.pathname}{forgery.search}"
        forged = browser.post(UPDATE, json=body)
        responses = [forged]
        ghost_body = as_ghosts(body, viewer.hidden)
        ghost = forged
        if ghost_body != body:  # the body names a hidden client: compare, control
            ghost = browser.post(UPDATE, json=ghost_body)
            as_admin = admin.post(UPDATE, json=body)
            responses += [ghost, as_admin]
            shown_to_admin.append(as_admin.get_data(as_text=True))
        statuses = [response.status_code for response in responses]
        if not set(statuses) <= set(ANSWERED):
            problems.append(f"{where}: status {statuses}")
            continue
        if forged.status_code == 200:
            answered.add(output)
        text = without_csrf(forged.get_data(as_text=True))
        ghost_text = without_csrf(ghost.get_data(as_text=True))
        shown.append(text)
        if found := leaks(text, viewer) + leaks(ghost_text, viewer):
            problems.append(f"{where}: shows {found}")
        if any(c.external_id in ghost_text for c in viewer.hidden):
            problems.append(f"{where}: names a hidden client nobody asked for")
        if with_ghost_ids(text, viewer) != ghost_text:
            problems.append(f"{where}: answers a hidden client unlike an unknown one")
        internal = [i for i in INTERNAL_CARD_IDS if f'"{i}"' in text]
        if internal and not viewer.internal:
            problems.append(f"{where}: internal-only cards {internal}")
    assert not problems, f"{len(problems)} of {count}:\n" + "\n".join(problems[:20])
    # Every server callback answered something for this viewer, and the viewer
    # does see their own client: its name, its cards and, for insiders only,
    # the internal-only cards.
    assert answered == set(server_callbacks(book_app.app))
    own_text = "\n".join(shown)
    own = BY_KEY[min(viewer.visible)]
    assert own.name in own_text
    assert '"kpi-revenue"' in own_text
    for card in INTERNAL_CARD_IDS:
        assert (f'"{card}"' in own_text) == viewer.internal, card
    # Positive control: the admin, sending the same bodies, sees the hidden
    # clients' names, ids and compact amounts (and the internal-only cards).
    admin_text = "\n".join(shown_to_admin)
    for client in viewer.hidden:
        assert client.name in admin_text, client.name
        assert client.external_id in admin_text, client.external_id
    for client in viewer.targets:
        # Its page: the revenue card "$87.7K" and the chart's 87654.32 (for D).
        assert client.amount_forms()[-1] in admin_text, client.amount_forms()
        assert client.amount_forms()[0] in admin_text, client.amount_forms()
    for card in INTERNAL_CARD_IDS:
        assert f'"{card}"' in admin_text, card


@pytest.mark.parametrize("viewer", [ADMIN, MANAGER], ids=["admin", "manager"])
def test_admins_and_managers_see_every_client_through_the_same_requests(
    book_app, viewer
):
    browser = browser_for(book_app.server, viewer)
    deps = dependencies(browser)
    texts, answered = [], set()
    for output, _forgery, body in forged_bodies(book_app.app, deps, viewer):
        response = browser.post(UPDATE, json=body)
        assert response.status_code in ANSWERED, (output, body["changedPropIds"])
        if response.status_code == 200:
            answered.add(output)
        texts.append(response.get_data(as_text=True))
    assert answered == set(server_callbacks(book_app.app))
    everything = "\n".join(texts)
    first, second = viewer.targets  # D (Bob, south) and B (Ann, south)
    for client in (first, second):
        # e.g. D's revenue card alone: 8,765,432 cents = $87,654.32 → "$87.7K"
        assert client.name in everything
        assert client.amount_forms()[-1] in everything
    for card in INTERNAL_CARD_IDS:
        assert f'"{card}"' in everything
