"""Filter chips and segment names."""

from __future__ import annotations

from layouts import ids
from layouts.filters import build_chips, segment_label
from tests.components import find, text_of


def test_segments_are_named_in_the_users_words():
    assert segment_label("mid_market", "en") == "Mid-market"
    assert segment_label("smb", "en") == "SMB"
    assert segment_label("unknown", "en") == "unknown"


def test_a_chip_shows_its_label_and_removes_its_own_filter():
    chips = build_chips([("client", "C1", "Acme"), ("segment", "smb", "SMB")], "en")
    assert [text_of(chip) for chip in chips] == ["Acme ×", "SMB ×"]
    button = find(chips, ids.chip("client", "C1"))
    assert button.title == "Remove this filter"


def test_locked_chips_cannot_be_removed():
    chips = build_chips([("client", "C1", "Acme")], "en", removable=False)
    assert [text_of(chip) for chip in chips] == ["Acme"]
    assert not [c for c in chips if getattr(c, "children", None) != "Acme"]
