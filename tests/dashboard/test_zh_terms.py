"""The Chinese catalogues speak Chinese: no English word is left in a translation
but names and accepted abbreviations, and each concept has one term, the one
dashboard/locale/zh/GLOSSARY.md gives."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pytest

from dashboard.figures.card_values import format_change, format_value
from dashboard.kernel.formatting import format_month
from dashboard.kernel.i18n import LOCALE_DIR, catalog

GLOSSARY = LOCALE_DIR / "zh" / "GLOSSARY.md"

# Latin-letter words a Chinese text may show: abbreviations clients know in
# English, the time zone, file types, the paper size A4, the sample size n, the
# "US" of US$, the language picker's own name for English and the cards' info
# symbol "i". The one place to accept another.
ACCEPTED_WORDS = frozenset(
    {"NPS", "CSAT", "NRR", "GRR", "CAC", "CLV", "CPI", "SPI", "EAC", "BAC", "QBR"}
    | {"CSV", "XLSX", "PDF", "A4", "ID", "UTC", "n", "US", "English", "i"}
)
# Placeholders ({name}), Plotly hover fields (%{y:.1f}), HTML tags and the
# targets of Markdown links ([name](/clients/C1?lang=zh)).
MARKUP = re.compile(r"%\{[^{}]*\}|\{[^{}]*\}|<[^<>]+>|\]\([^()]*\)")
# Period codes and ISO dates: 2026-Q3 (also over two lines), FY2026, 2026-08,
# 2026-08-15T09:00:00.
CODES = re.compile(
    r"\b(?:FY)?\d{4}(?:\s*-?\s*Q[1-4]|-\d{2}(?:-\d{2}(?:T[\d:.]+)?)?)?\b"
)
# Text up to an ellipsis, which may end with a name cut short to fit.
CUT = re.compile(r"([^·<>\n]+?)…")


def english_words(text: str, names: Iterable[str] = ()) -> list[str]:
    """Latin-letter words in a text that are neither a name nor accepted."""
    text = MARKUP.sub(" ", re.sub(r"\\(.)", r"\1", text))  # Markdown escapes
    names = sorted(names, key=len, reverse=True)
    for cut in CUT.findall(text):
        starts = [m.start() for m in re.finditer(r"(?<!\S)\S", cut)]
        for start in starts:
            if any(name.startswith(cut[start:]) for name in names):
                text = text.replace(cut[start:] + "…", " ")
                break
    for name in names:
        text = text.replace(name, " ")
    text = CODES.sub(" ", text)
    # A word may end in digits (A4), so that a code is accepted or refused whole.
    return [w for w in re.findall(r"[A-Za-z]+\d*", text) if w not in ACCEPTED_WORDS]


def glossary() -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
    """(English forms, the Chinese term, rejected variants) per glossary row."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 3:
            continue
        if cells[0].startswith("English") or set(cells[0]) <= {"-"}:
            continue
        forms = re.sub(r"\(.*\)", "", cells[0]).split(",")
        rejected = [v.strip() for v in cells[2].split(",") if v.strip()]
        rows.append((tuple(f.strip() for f in forms), cells[1], tuple(rejected)))
    return rows


def uses(message: str, forms: Iterable[str]) -> bool:
    """Whether an English message uses one of the forms as a word."""
    text = MARKUP.sub(" ", message)
    return any(
        re.search(rf"(?<![A-Za-z-]){re.escape(form)}(?![A-Za-z-])", text, re.I)
        for form in forms
    )


def test_the_glossary_is_read():
    rows = {forms[0]: (term, rejected) for forms, term, rejected in glossary()}
    assert rows["burn-up"] == ("预算消耗累计图", ("燃尽图", "燃起图", "累计燃尽图"))
    assert rows["burn ratio"] == ("消耗比", ("消耗比率",))
    assert len(rows) >= 20


def test_english_words_are_found_and_names_codes_and_markup_are_not():
    assert english_words("+2.2 pp（好）") == ["pp"]
    assert english_words("Jan 2026 收入") == ["Jan"]
    assert english_words("{clients} 在 2026-Q3：%{y:.1f}<br>NPS", ["Acme"]) == []
    assert english_words("Acme Corp 的健康度", ["Acme Corp"]) == []
    assert english_words("[Acme Inc\\.](/clients/C1?lang=zh)", ["Acme Inc."]) == []
    assert english_words("Rollout · Acme Co…", ["Acme Corp", "Rollout"]) == []
    assert english_words("项目 Acme Co…", ["Acme Corp", "Corp"]) == []
    assert english_words("2024<br>Q4", []) == []
    assert uses("Burn ratio by project", ["burn ratio"])
    assert not uses("Days overdue", ["due"]) and uses("Due date", ["due"])


def test_no_translation_keeps_an_english_word():
    left = {
        msgid: words
        for msgid, msgstr in catalog("zh").items()
        if (words := english_words(msgstr))
    }
    assert left == {}


@pytest.mark.parametrize(
    ("forms", "term", "rejected"), glossary(), ids=[r[0][0] for r in glossary()]
)
def test_each_concept_is_translated_with_its_glossary_term(forms, term, rejected):
    zh = catalog("zh")
    missing = [m for m in zh if uses(m, forms) and term not in zh[m]]
    assert missing == [], f"{forms} should be {term}"
    variants = [(m, v) for m in zh for v in rejected if v in zh[m]]
    assert variants == []


def test_burn_ratio_and_burn_up_have_one_translation_each():
    zh = catalog("zh")
    assert zh["Burn ratio"] == "消耗比"
    assert zh["Burn ratio by project"] == "各项目消耗比"
    assert zh["Burn ratio (actual ÷ planned)"].startswith("消耗比（")
    burn_ups = [zh[m] for m in zh if m.startswith("Burn-up")]
    assert len(burn_ups) == 3
    assert all("预算消耗累计图" in text for text in burn_ups)


@pytest.mark.parametrize(
    ("value", "unit", "en", "zh"),
    [
        (2.14, "pp", "+2.1 pp", "+2.1 个百分点"),
        (-25.0, "pts", "−25.0 pts", "−25.0 分"),
        (1.5, "min", "+1.5 min", "+1.5 分钟"),
        (-5.0, "%", "−5.0%", "−5.0%"),
        (0.0, "", "±0.0", "±0.0"),
    ],
)
def test_changes_name_their_unit_in_the_language(value, unit, en, zh):
    assert format_change(value, unit, "en") == en
    assert format_change(value, unit, "zh") == zh


def test_minutes_on_a_card_are_named_in_the_language():
    assert format_value("avg_overrun_minutes", 12.34, "zh", "USD") == "12.3 分钟"
    assert format_value("avg_overrun_minutes", 12.34, "en", "USD") == "12.3 min"


def test_months_follow_the_language():
    assert format_month(dt.date(2026, 1, 1), "zh") == "2026年1月"
    assert format_month(dt.date(2026, 1, 1), "en") == "Jan 2026"
