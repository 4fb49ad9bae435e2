"""Formula-like texts: one apostrophe in front on export, exactly one removed on
import."""

from __future__ import annotations

import pytest

from data.formula_text import escape_text, unescape_text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-480.05", "'-480.05"),
        ("@me", "'@me"),
        ("\tx", "'\tx"),
        ("'quoted", "''quoted"),
        ("Acme", "Acme"),
        ("", ""),
    ],
)
def test_escaping_is_undone_exactly(text, written):
    assert escape_text(text) == written
    assert unescape_text(written) == text


def test_unescaping_drops_one_apostrophe_only():
    assert unescape_text("''x") == "'x"
    assert unescape_text("x'") == "x'"
