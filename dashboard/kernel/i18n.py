"""One translation mechanism (gettext catalogs) and locale-aware number formatting.

Every visible string goes through `translator(lang)("English text")`; the catalogs
are the `.po` files in `dashboard/locale/<lang>/LC_MESSAGES/` (one per area of the
product, merged), read with Babel at first use.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from pathlib import Path

from babel.dates import format_date as babel_format_date
from babel.messages.pofile import read_po
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
)

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
BABEL_LOCALES = {"en": "en_US", "zh": "zh_Hans_CN"}
UNDEFINED = "—"


def normalise_language(lang: str | None) -> str:
    """A supported language code; anything else falls back to English."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    """The translations of one language, msgid → msgstr (empty for English)."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    messages: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=BABEL_LOCALES[lang])
        messages.update(
            (message.id, message.string)
            for message in po
            if message.id and message.string and not message.fuzzy
        )
    return messages


def translator(lang: str | None) -> Callable[..., str]:
    """`_` for one language: `_("Hello {name}", name=...)` translates, then fills."""
    messages = catalog(normalise_language(lang))

    def _(message: str, **values: object) -> str:
        text = messages.get(message, message)
        return text.format(**values) if values else text

    return _


def _locale(lang: str) -> str:
    return BABEL_LOCALES[normalise_language(lang)]


LIST_SEPARATORS = {"en": ", ", "zh": "、"}


def join_list(items: Iterable[str], lang: str) -> str:
    """Items of a list as the language separates them: "A, B" / "A、B"."""
    return LIST_SEPARATORS[normalise_language(lang)].join(items)


def format_count(value: float | None, lang: str) -> str:
    """A whole number with grouping: 12,345."""
    if value is None:
        return UNDEFINED
    return format_decimal(round(value), format="#,##0", locale=_locale(lang))


def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    """A decimal number with a fixed number of digits."""
    if value is None:
        return UNDEFINED
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def format_money(
    value: float | None, lang: str, currency: str, *, compact: bool = False
) -> str:
    """Money in the configured currency; `compact` for card values ($1.2M, 123.5万)."""
    if value is None:
        return UNDEFINED
    if compact and abs(value) >= 10_000:
        return format_compact_currency(
            value, currency, locale=_locale(lang), fraction_digits=1
        )
    return format_currency(value, currency, locale=_locale(lang))


def format_money_short(value: float, lang: str, currency: str) -> str:
    """Money in short form at any size, for axis ticks ($500, $1.5M, US$150万)."""
    return format_compact_currency(
        value, currency, locale=_locale(lang), fraction_digits=1
    )


def format_compact(value: float | None, lang: str) -> str:
    """A large number in short form (12.3K, 1.2万)."""
    if value is None:
        return UNDEFINED
    return format_compact_decimal(value, locale=_locale(lang), fraction_digits=1)


def format_percent(rate: float | None, lang: str, digits: int = 1) -> str:
    """A fraction 0..1 as a percentage: 0.1234 → 12.3%."""
    if rate is None:
        return UNDEFINED
    return format_number(rate * 100, lang, digits) + "%"


def format_day(day: dt.date | None, lang: str) -> str:
    """A date as people of the language write it (Aug 15, 2026 / 2026年8月15日)."""
    if day is None:
        return UNDEFINED
    return babel_format_date(day, "medium", locale=_locale(lang))
