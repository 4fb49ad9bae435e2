"""One way to write every number, amount, percentage, date, month, period and
duration a user sees, per language: cards, charts (values, hover, ticks), tables.

Rules: whole counts with separators (1,071); exact money in tables and hover
($5,013.34), short money on cards (from 10,000) and axes, always with one
decimal so neighbours read alike ($1.0M beside $1.6M, $12.0K, US$150.0万);
percentages with one decimal (ticks with as few as they need); dates
"Dec 25, 2023" / "2023年12月25日"; months "Jan 2026" / "2026年1月"; quarters as the
URL writes them (`2026-Q3`, fiscal `FY2027-Q1`); minutes with their unit; a value
that rounds to zero is written 0, never −0.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_minus_sign_symbol,
)

from dashboard.kernel.i18n import BABEL_LOCALES, normalise_language, translator

UNDEFINED = "—"
COMPACT_FROM = 10_000
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ZEROS = re.compile(r"0+")
TENTH = Decimal("0.1")
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


def format_money_short(
    value: Number, lang: str, currency: str, *, unit_of: Number | None = None
) -> str:
    """Money in short form at any size, for cards and axis ticks, with exactly one
    decimal in the language's units ($12.0K, $1.0M, $1.6M; US$150.0万, US$1.2亿),
    so an amount never shows less precision than the one beside it. Below the
    first unit (1,000; in Chinese 1万) the amount has no unit and at most one
    decimal ($500, $0.5, US$6,000). An amount that rounds up to the next unit
    takes it ($999,999 → $1.0M, not $1,000.0K).

    `unit_of`: write the amount in the unit `unit_of` would take, so the ticks of
    one axis share a unit (US$0.8万 beside US$1.0万, not US$8,000); 0 is then
    written without a unit."""
    if _missing(value):
        return UNDEFINED
    amount = Decimal(str(rounded(value, get_currency_precision(currency))))
    locale = _locale(lang)
    units = _money_units(locale)
    size = abs(amount)
    shared = unit_of is not None and not _missing(unit_of) and size
    _start, divisor, pattern = units[
        _unit_level(units, Decimal(str(abs(unit_of))) if shared else size)
    ]
    shown = (size / divisor).quantize(TENTH, rounding=ROUND_HALF_EVEN)
    if pattern is None:  # below the first unit: the whole amount
        text = format_currency(
            shown, currency, format="¤#,##0.#", currency_digits=False, locale=locale
        )
    else:
        number = format_decimal(shown, format="#,##0.0", locale=locale)
        text = _ZEROS.sub(number, pattern, count=1).replace(
            "¤", get_currency_symbol(currency, locale)
        )
    return get_minus_sign_symbol(locale) + text if amount < 0 and shown else text


def _unit_level(units: tuple[tuple[int, int, str | None], ...], size: Decimal) -> int:
    """The unit an amount of `size` is written in: the largest that starts at or
    below it, or the next one when one decimal in it rounds up to that one."""
    level = max(i for i, (start, _d, _p) in enumerate(units) if size >= start)
    shown = (size / units[level][1]).quantize(TENTH, rounding=ROUND_HALF_EVEN)
    while level + 1 < len(units) and shown * units[level][1] >= units[level + 1][0]:
        level += 1
        shown = (size / units[level][1]).quantize(TENTH, rounding=ROUND_HALF_EVEN)
    return level


@functools.cache
def _money_units(locale: str) -> tuple[tuple[int, int, str | None], ...]:
    """(from, divisor, pattern) of the language's short money forms, smallest
    first, from Babel's locale data ("¤0K" from 1,000 divided by 1,000; "¤0000万"
    from 10,000,000 divided by 10,000); first (0, 1, None): no unit."""
    forms = Locale.parse(locale).compact_currency_formats["short"]["other"]
    units: list[tuple[int, int, str | None]] = [(0, 1, None)]
    for start in sorted(int(m) for m in forms):
        pattern = forms[str(start)].pattern.split(";")[0]
        zeros = pattern.count("0")
        if "¤" not in pattern or not zeros:
            continue  # no short form at this size (Chinese under 1万)
        units.append((start, start // 10 ** (zeros - 1), pattern))
    return tuple(units)


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
