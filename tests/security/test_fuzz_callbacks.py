"""Random callback requests never break the server: every server-side callback the
app registers gets random JSON in every input, and the update route gets random
malformed bodies; the answer is always 200/204/400/401/403/413, never a 500,
and nothing is logged with a traceback."""

from __future__ import annotations

import json
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.kernel.urlstate import KNOWN_KEYS
from tests.security.book import ADMIN
from tests.security.browsers import UPDATE, browser_for, server_callbacks

ANSWERS = {200, 204, 400, 401, 403, 413}
FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

plain = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=16)
controls = st.text(st.characters(max_codepoint=0x7F), max_size=12)
texts = st.one_of(plain, plain, controls)
queries = st.builds(
    lambda key, value: f"?{key}={value}",
    st.sampled_from(KNOWN_KEYS),
    st.one_of(plain, st.sampled_from(["%00", "%1b", "2026-Q3", "C0001", "zh"])),
)
paths = st.one_of(st.just("/"), st.builds("/clients/{}".format, plain))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(),  # NaN and ±Infinity are written as raw JSON tokens
    texts,
    queries,
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.one_of(texts, st.just("points")), inner, max_size=3)
    ),
    max_leaves=8,
)


clicks = st.fixed_dictionaries(
    {"points": st.lists(st.fixed_dictionaries({"customdata": values}), max_size=2)}
)
options = st.lists(st.fixed_dictionaries({"label": plain, "value": plain}), max_size=3)
# Values of the right shape for each property, so that the callbacks run too.
LIKELY = {
    "search": queries,
    "pathname": paths,
    "n_clicks": st.integers(0, 5),
    "n_intervals": st.integers(0, 5),
    "clickData": clicks,
    "options": options,
    "value": st.one_of(plain, st.lists(plain, max_size=3), st.booleans()),
    "active_tab": plain,
    "data": st.one_of(plain, st.dictionaries(plain, plain, max_size=3)),
}


def _entry(draw, spec: dict, wild: bool) -> object:
    """A body entry for one declared input: a value of a likely shape, or (wild)
    any JSON at all, now and then in place of the whole entry."""
    prop = spec["property"]
    value = values if wild else LIKELY.get(prop, values)
    if spec["id"].startswith("{"):
        pattern = json.loads(spec["id"])
        ids = st.fixed_dictionaries(
            {k: st.just(v) if isinstance(v, str) else texts for k, v in pattern.items()}
        )
        entry = st.fixed_dictionaries(
            {"id": ids, "property": st.just(prop), "value": value}
        )
        entries = st.lists(entry, max_size=3)
        return draw(st.one_of(entries, values) if wild else entries)
    entry = {"id": spec["id"], "property": prop, "value": draw(value)}
    return draw(st.one_of(st.just(entry), values)) if wild else entry


def _prop_ids(body: dict) -> list[str]:
    found = []
    for item in body["inputs"]:
        for entry in item if isinstance(item, list) else [item]:
            if isinstance(entry, dict) and "id" in entry and "property" in entry:
                component = entry["id"]
                if isinstance(component, dict):
                    component = json.dumps(component, sort_keys=True)
                found.append(f"{component}.{entry['property']}")
    return found


@st.composite
def fuzzed_body(draw, entry: dict) -> dict:
    """A body for one callback with random values in every input and state."""
    multi = entry["output"].startswith("..")
    parts = entry["output"][2:-2].split("...") if multi else [entry["output"]]
    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
        for part in parts
    ]
    specs = entry["inputs"] + entry["state"]
    # Mostly every value of a likely shape (the callback runs), else one input
    # or every part of the body wild.
    mode = draw(st.sampled_from(["likely"] * 6 + ["one wild"] * 3 + ["all wild"]))
    wild_one = draw(st.integers(0, len(specs) - 1)) if mode == "one wild" else -1
    given = [
        _entry(draw, spec, mode == "all wild" or index == wild_one)
        for index, spec in enumerate(specs)
    ]
    count = len(entry["inputs"])
    body = {
        "output": entry["output"],
        "outputs": outputs if multi else outputs[0],
        "inputs": given[:count],
        "state": given[count:],
    }
    known = st.sampled_from(_prop_ids(body) or ["?"])
    changed = known if mode == "likely" else st.one_of(known, texts)
    body["changedPropIds"] = draw(st.lists(changed, max_size=2))
    if mode == "all wild" and draw(st.booleans()):
        body[draw(st.sampled_from(sorted(body)))] = draw(values)
    return body


malformed_raw = st.one_of(
    values.map(json.dumps),
    st.binary(max_size=64),
    st.sampled_from(
        [
            "null",
            "NaN",
            '{"output": Infinity}',
            "[" * 50_000 + "]" * 50_000,
            '{"output": "x"' + ', "a": {"b": {}}' * 3 + "}",
        ]
    ),
)


def post(browser, raw: str | bytes):
    """POST the raw body as JSON."""
    return browser.post(UPDATE, data=raw, content_type="application/json")


def assert_answered_cleanly(response, caplog, what: str) -> None:
    """An expected status and no traceback or error in the log."""
    assert response.status_code in ANSWERS, (what, response.status_code)
    failures = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not failures, (what, [r.getMessage() for r in failures])
    caplog.clear()


@pytest.fixture
def admin(book_app, caplog):
    """The app and an admin's browser; warnings and errors are captured."""
    caplog.set_level(logging.WARNING)
    return book_app.app, browser_for(book_app.server, ADMIN)


@FUZZ
@given(data=st.data())
def test_every_callback_survives_random_inputs(admin, caplog, data):
    app, browser = admin
    outputs = server_callbacks(app)
    assert len(outputs) >= 8
    for output in outputs:
        entry = {**app.callback_map[output], "output": output}
        body = data.draw(fuzzed_body(entry), label=output)
        raw = json.dumps(body)  # allow_nan: NaN and Infinity as raw tokens
        assert_answered_cleanly(post(browser, raw), caplog, output)


@settings(FUZZ, max_examples=40)
@given(raw=malformed_raw)
def test_the_update_route_survives_malformed_bodies(admin, caplog, raw):
    _app, browser = admin
    assert_answered_cleanly(post(browser, raw), caplog, repr(raw)[:80])
