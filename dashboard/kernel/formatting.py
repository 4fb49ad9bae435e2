"""One way to write every number, amount, percentage, date, month, period and
duration a user sees, per language: cards, charts (values, hover, ticks), tables.

Rules: whole counts with separators (1,071); exact money in tables and hover
($5,013.34), short money on cards (from 10,000) and axes ($1.5M, US$150万);
percentages with one decimal (ticks with as few as they need); dates
"Dec 25, 2023" / "2023年12月25日"; months "Jan 2026" / "2026年1月"; quarters as the
URL writes them (`2026-Q3`, fiscal `FY2027-Q1`); minutes with their unit; a value
that rounds to zero is written 0, never −0.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from babel.dates import format_date, format_skeleton
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_precision,
)

from dashboard.kernel.i18n import BABEL_LOCALES, normalise_language, translator

UNDEFINED = "—"
COMPACT_FROM = 10_000
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_UNGROUPED = re.compile(r"\d{4}")
_LOOSE_QUARTER = re.compile(r"^(FY)?(\d{4})\s*-?\s*Q([1-4])$")

Number = float | int | None
Day = dt.date | dt.datetime | str | None


def _locale(lang: str | None) -> str:
    return BABEL_LOCALES[normalise_language(lang)]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def rounded(value: float, digits: int) -> float:
    """The value rounded as it will be written; a value that rounds to zero is 0
    (so no "−0", "-0.0" or "−$0.00")."""
    result = round(float(value), digits)
    return 0.0 if result == 0 else result


def format_count(value: Number, lang: str) -> str:
    """A whole number with grouping: 1,071."""
    if _missing(value):
        return UNDEFINED
    return format_decimal(rounded(value, 0), format="#,##0", locale=_locale(lang))


def format_number(value: Number, lang: str, digits: int = 1) -> str:
    """A decimal number with grouping and a fixed number of digits: 1,234.5."""
    if _missing(value):
        return UNDEFINED
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(rounded(value, digits), format=pattern, locale=_locale(lang))


def format_percent(rate: Number, lang: str, digits: int = 1) -> str:
    """A fraction 0..1 as a percentage: 0.1234 → 12.3%."""
    if _missing(rate):
        return UNDEFINED
    return format_number(rate * 100, lang, digits) + "%"


def format_money(
    value: Number, lang: str, currency: str, *, compact: bool = False
) -> str:
    """Money, exact ($5,013.34); `compact` (cards) shortens from 10,000 ($1.2M,
    US$123.5万)."""
    if _missing(value):
        return UNDEFINED
    if compact and abs(value) >= COMPACT_FROM:
        return format_money_short(value, lang, currency)
    amount = rounded(value, get_currency_precision(currency))
    return format_currency(amount, currency, locale=_locale(lang))


def format_money_short(value: Number, lang: str, currency: str) -> str:
    """Money in short form at any size, for axis ticks ($500, $6K, $1.5M; US$6,000,
    US$150万: Chinese has no short form under 10,000)."""
    if _missing(value):
        return UNDEFINED
    amount = rounded(value, get_currency_precision(currency))
    text = format_compact_currency(
        amount, currency, locale=_locale(lang), fraction_digits=1
    )
    if _UNGROUPED.search(text):  # below the language's first short form (1万)
        text = format_currency(
            amount, currency, format="¤#,##0.#", currency_digits=False,
            locale=_locale(lang),
        )  # fmt: skip
    return text


def format_compact(value: Number, lang: str) -> str:
    """A large number in short form (12.3K, 1.2万)."""
    if _missing(value):
        return UNDEFINED
    return format_compact_decimal(
        rounded(value, 1), locale=_locale(lang), fraction_digits=1
    )


def format_minutes(value: Number, lang: str, digits: int = 1) -> str:
    """A duration in minutes with its unit: 1.5 min / 1.5 分钟."""
    if _missing(value):
        return UNDEFINED
    _ = translator(lang)
    return _("{minutes} min", minutes=format_number(value, lang, digits))


def format_overrun(value: Number, lang: str, digits: int = 1) -> str:
    """When meetings end against their plan: "1.2 min over time", "1.2 min early" (a
    negative overrun: they end before the planned time), "on time"."""
    if _missing(value):
        return UNDEFINED
    _ = translator(lang)
    amount = rounded(value, digits)
    minutes = format_number(abs(amount), lang, digits)
    if amount > 0:
        return _("{minutes} min over time", minutes=minutes)
    if amount < 0:
        return _("{minutes} min early", minutes=minutes)
    return _("on time")


def _as_date(day: Day) -> dt.date:
    if isinstance(day, str):
        return dt.date.fromisoformat(day[:10])
    if isinstance(day, dt.datetime):
        return day.date()
    return day


def format_day(day: Day, lang: str) -> str:
    """A date as the language writes it: Dec 25, 2023 / 2023年12月25日."""
    if _missing(day):
        return UNDEFINED
    return format_date(_as_date(day), "medium", locale=_locale(lang))


def format_month(day: Day, lang: str) -> str:
    """The month of a date (or a `2026-01` label): Jan 2026 / 2026年1月."""
    if _missing(day):
        return UNDEFINED
    if isinstance(day, str) and (match := _MONTH.match(day)):
        day = dt.date(int(match[1]), int(match[2]), 1)
    return format_skeleton("yMMM", _as_date(day), locale=_locale(lang))


def format_time(moment: dt.datetime | dt.time, lang: str) -> str:
    """A time of day on the 24-hour clock: 09:05."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_moment(moment: dt.datetime, lang: str, timezone: str) -> str:
    """A day and time with the zone it is read in: Jul 1, 2026 09:00 (UTC)."""
    return f"{format_day(moment, lang)} {format_time(moment, lang)} ({timezone})"


def format_period(label: object, lang: str) -> str:
    """A period label written one way: quarters as in the URL (`2026-Q3`, fiscal
    `FY2027-Q1`), years `2026` / `FY2027`, months as `format_month`."""
    if _missing(label):
        return UNDEFINED
    text = str(label).strip()
    if match := _MONTH.match(text):
        return format_month(text, lang)
    if match := _LOOSE_QUARTER.match(text):
        return f"{match[1] or ''}{match[2]}-Q{match[3]}"
    return text


def format_periods(labels, lang: str) -> list[str]:
    """`format_period` of each label."""
    return [format_period(label, lang) for label in labels]


def format_ratio(value: Number, lang: str, digits: int = 2) -> str:
    """A ratio against 1 (actual ÷ planned): 1.40×."""
    if _missing(value):
        return UNDEFINED
    return format_number(value, lang, digits) + "×"


def format_percent_change(rate: Number, lang: str, digits: int = 1) -> str:
    """A relative change with its sign: +40.0%, −5.0%, 0.0%."""
    if _missing(rate):
        return UNDEFINED
    amount = rounded(rate, digits + 2)
    sign = "+" if amount > 0 else ("−" if amount < 0 else "")
    return sign + format_percent(abs(amount), lang, digits)
