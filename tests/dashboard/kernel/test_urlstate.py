"""The URL holds the whole view: it parses safely and round-trips."""

from __future__ import annotations

from dashboard.kernel.urlstate import ViewState, parse_query, to_query


def test_a_full_link_round_trips():
    query = (
        "?period=2026-Q3&client=C0042&client=C0107&segment=smb&region=EMEA"
        "&owner=Ann+Lee&tab=meetings&lang=zh&theme=dark"
    )
    state = parse_query(query)
    assert state == ViewState(
        period="2026-Q3",
        clients=("C0042", "C0107"),
        segment="smb",
        region="EMEA",
        owner="Ann Lee",
        tab="meetings",
        lang="zh",
        theme="dark",
    )
    assert state.notices == ()
    assert to_query(state) == query


def test_defaults_are_left_out_of_the_link():
    assert to_query(ViewState()) == ""
    assert to_query(ViewState(period="2026-07")) == "?period=2026-07"
    assert parse_query("") == ViewState()
    assert parse_query(None) == ViewState()


def test_bad_values_fall_back_with_a_notice_each():
    state = parse_query("?tab=finance&lang=fr&theme=neon&colour=red")
    assert (state.tab, state.lang, state.theme) == ("retention", "en", "light")
    messages = [message.format(**values) for message, values in state.notices]
    assert messages == [
        "Ignored the unknown link parameter “colour”.",
        "Unknown tab “finance”; showing the first tab.",
        "Unknown language “fr”; showing English.",
        "Unknown theme “neon”; using the light theme.",
    ]


def test_repeated_single_values_use_the_first_and_say_so():
    state = parse_query("?period=2026-Q1&period=2026-Q2")
    assert state.period == "2026-Q1"
    assert len(state.notices) == 1


def test_duplicate_clients_are_kept_once_in_order():
    assert parse_query("?client=B&client=A&client=B").clients == ("B", "A")


def test_hostile_text_is_kept_as_text_and_bounded():
    state = parse_query("?client=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert state.clients == ("<img src=x onerror=alert(1)>",)
    long = parse_query("?owner=" + "x" * 500)
    assert long.owner is None
    assert long.notices


def test_a_query_that_is_no_string_is_a_link_that_cannot_be_read():
    for search in (7, ["?client=C1"], {"client": "C1"}, 1.5, True):
        state = parse_query(search)
        assert state == ViewState()
        assert [message for message, _ in state.notices] == [
            "The link could not be read; showing the default view."
        ]
