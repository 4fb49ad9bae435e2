"""Every visible string has a Simplified Chinese translation with the same
placeholders, and numbers are formatted for the language."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from pathlib import Path

import pytest

from dashboard.kernel.formatting import (
    format_count,
    format_day,
    format_money,
    format_percent,
)
from dashboard.kernel.i18n import catalog, join_list, translator

ROOT = Path(__file__).resolve().parents[3]
SOURCE_FOLDERS = ("layouts", "callbacks", "dashboard")
# Calls whose first argument is an English message id.
TRANSLATED_CALLS = {"_", "note"}
# Modules whose dictionaries of strings are message ids (titles, definitions).
MESSAGE_TABLES = {
    "dashboard/kernel/kpi_text.py": None,
    "layouts/filters.py": {"SEGMENT_LABELS"},
    "layouts/dashboard.py": {"TAB_TITLES"},
    "callbacks/resolved_view.py": {"UNKNOWN_FILTER_MESSAGES"},
    "dashboard/kernel/quality_text.py": {
        "SEVERITY_LABELS",
        "FEED_LABELS",
        "CHECK_TITLES",
        "CHECK_EXPLANATIONS",
        "COLUMN_LABELS",
    },
    "dashboard/uploads/page_text.py": {"ERRORS", "STATUS", "MODES"},
    "dashboard/kernel/review_groups.py": {"GROUP_TITLES"},
}
# Words translated through a variable (`_(verdict)`).
EXTRA_MESSAGES = ("good", "bad", "neutral", "Client Review Dashboard")


def message_ids() -> dict[str, str]:
    """msgid → where it was found."""
    found: dict[str, str] = {}
    for folder in SOURCE_FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in TRANSLATED_CALLS
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found.setdefault(node.args[0].value, f"{relative}:{node.lineno}")
            if relative in MESSAGE_TABLES:
                names = MESSAGE_TABLES[relative]
                for node in tree.body:
                    if not isinstance(node, ast.Assign | ast.AnnAssign):
                        continue
                    targets = (
                        node.targets if isinstance(node, ast.Assign) else [node.target]
                    )
                    target_names = {t.id for t in targets if isinstance(t, ast.Name)}
                    if names is not None and not target_names & names:
                        continue
                    value = ast.literal_eval(node.value)
                    texts = value.values() if isinstance(value, dict) else [value]
                    for text in texts:
                        if isinstance(text, str):
                            found.setdefault(text, relative)
    for text in EXTRA_MESSAGES:
        found.setdefault(text, "EXTRA_MESSAGES")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_finds_the_messages_it_should():
    found = message_ids()
    assert "Active clients" in found
    assert "Reset" in found
    assert "Unknown tab “{tab}”; showing the first tab." in found
    assert "Mid-market" in found


def test_every_message_has_a_chinese_translation():
    zh = catalog("zh")
    missing = sorted(f"{where}: {msgid!r}" for msgid, where in message_ids().items()
                     if msgid not in zh)  # fmt: skip
    assert missing == []


def test_translations_keep_their_placeholders():
    zh = catalog("zh")
    wrong = [
        msgid
        for msgid in message_ids()
        if msgid in zh and placeholders(msgid) != placeholders(zh[msgid])
    ]
    assert wrong == []


def test_translator_translates_and_fills_in():
    _ = translator("zh")
    assert _("Active clients") == "活跃客户"
    assert translator("en")("Data as of {date}", date="today") == "Data as of today"
    assert translator("xx")("Reset") == "Reset"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", ("12,345", "$1.2M", "12.3%", "Aug 15, 2026")),
     ("zh", ("12,345", "US$123.5万", "12.3%", "2026年8月15日"))],
)  # fmt: skip
def test_numbers_money_and_dates_follow_the_language(lang, expected):
    day = dt.date(2026, 8, 15)
    shown = (
        format_count(12345, lang),
        format_money(1_234_567, lang, "USD", compact=True),
        format_percent(0.1234, lang),
        format_day(day, lang),
    )
    assert shown == expected


def test_no_chinese_text_is_hard_coded_in_the_interface():
    han = re.compile(r"[\u4e00-\u9fff]")
    offenders = []
    for folder in ("layouts", "callbacks"):
        for path in (ROOT / folder).rglob("*.py"):
            if han.search(path.read_text(encoding="utf-8")):
                offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_lists_are_separated_as_each_language_writes_them():
    assert join_list(["Acme", "Beta", "Gamma"], "en") == "Acme, Beta, Gamma"
    assert join_list(["Acme", "Beta", "Gamma"], "zh") == "Acme、Beta、Gamma"
    assert join_list(iter(["only"]), "zh") == "only"
