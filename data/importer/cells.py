"""Reading one cell by its column kind (text cells unescaped: data/formula_text.py).

Cells come from CSV as text and from a workbook as text, numbers, booleans or
datetimes; every parser takes both. A parser returns the stored value or raises
CellError with what is wrong, in the user's words.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zoneinfo
from collections.abc import Callable
from decimal import Decimal

from data.formula_text import unescape_text
from data.importer.contract import (
    AMOUNT,
    BOOLEAN,
    DATE,
    DATETIME,
    ENUM,
    INTEGER,
    NUMBER,
    TEXT,
    Column,
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_AMOUNT = re.compile(r"(-?)(\d+)(?:\.(\d+))?\Z")
_INTEGER = re.compile(r"-?\d+\Z")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?\Z")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})
UTC = dt.UTC


class CellError(ValueError):
    """A cell value breaks the contract; the message says how."""


def shown(raw: object) -> str:
    """A cell value quoted for an error message, cut to a readable length."""
    text = raw if isinstance(raw, str) else str(raw)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parser_for(column: Column, tz: zoneinfo.ZoneInfo) -> Callable[[object], object]:
    """The function that turns a non-empty cell of this column into its value."""
    kind = column.kind
    if kind == TEXT:
        return _text_parser(column)
    if kind == ENUM:
        return _enum_parser(column)
    if kind == DATE:
        return parse_date
    if kind == DATETIME:
        return lambda raw: parse_datetime(raw, tz)
    if kind == AMOUNT:
        return _ranged(column, parse_amount, scale=100)
    if kind == INTEGER:
        return _ranged(column, parse_integer)
    if kind == NUMBER:
        return _ranged(column, parse_number)
    if kind == BOOLEAN:
        return parse_boolean
    raise ValueError(f"unknown column kind {kind}")


def _text_parser(column: Column) -> Callable[[object], object]:
    limit = column.max_length or math.inf

    def parse(raw: object) -> str:
        if type(raw) is str:
            value = unescape_text(raw)
        elif isinstance(raw, bool | dt.date):
            raise CellError(f"{shown(raw)} is not text")
        elif isinstance(raw, float) and raw.is_integer():
            value = str(int(raw))
        else:
            value = unescape_text(str(raw))
        if len(value) > limit:
            raise CellError(f"is {len(value)} characters long, at most {limit} allowed")
        if value == "":
            raise CellError("is empty after removing the escape apostrophe")
        return value

    return parse


def _enum_parser(column: Column) -> Callable[[object], object]:
    choices = frozenset(column.choices)
    listed = ", ".join(column.choices)

    def parse(raw: object) -> str:
        if raw in choices:
            return raw
        value = raw.strip() if isinstance(raw, str) else raw
        if value not in choices:
            raise CellError(f"{shown(raw)} is not one of {listed}")
        return value

    return parse


def _ranged(column: Column, parse, *, scale: int = 1):
    low, high, above = column.minimum, column.maximum, column.above
    if low is None and high is None and above is None:
        return parse

    lowest = -math.inf if low is None else low * scale
    highest = math.inf if high is None else high * scale

    plain_int = parse is parse_integer

    def check(raw: object):
        if plain_int and type(raw) is str and raw.isdigit() and raw.isascii():
            value = int(raw)  # the common case, without a second call
        else:
            value = parse(raw)
        if value < lowest:
            raise CellError(f"{shown(raw)} is below the minimum of {low:g}")
        if value > highest:
            raise CellError(f"{shown(raw)} is above the maximum of {high:g}")
        if above is not None and value <= above * scale:
            raise CellError(f"{shown(raw)} must be greater than {above:g}")
        return value

    return check


def parse_date(raw: object) -> dt.date:
    """A date: YYYY-MM-DD text, or a workbook date (a datetime at midnight)."""
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0, 0):
            raise CellError(f"{shown(raw)} has a time of day; expected a date")
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = raw.strip() if isinstance(raw, str) else str(raw)
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CellError(f"{shown(raw)} is not a real calendar date") from None
    raise CellError(f"{shown(raw)} is not a date (expected YYYY-MM-DD)")


def parse_datetime(raw: object, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """A date-time as naive UTC; without an offset it is read in the time zone `tz`."""
    if isinstance(raw, dt.datetime):
        value = raw
    else:
        text = raw.strip() if isinstance(raw, str) else str(raw)
        if not _DATETIME.match(text):
            raise CellError(
                f"{shown(raw)} is not a date-time (expected ISO 8601, "
                "e.g. 2024-03-05T14:30:00+01:00)"
            )
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise CellError(f"{shown(raw)} is not a valid ISO 8601 date-time") from None
    if value.tzinfo is None:
        if tz is UTC:
            return value
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC).replace(tzinfo=None)


def parse_amount(raw: object) -> int:
    """An amount in whole cents: '.' as decimal point, at most 2 decimals."""
    if isinstance(raw, bool):
        raise CellError(f"{shown(raw)} is not an amount")
    if isinstance(raw, int):
        return raw * 100
    text = repr(raw) if isinstance(raw, float) else str(raw).strip()
    match = _AMOUNT.match(text)
    if match is None:
        if isinstance(raw, float) and "e" in text.lower():
            text = format(Decimal(text), "f")
            match = _AMOUNT.match(text)
        if match is None:
            hint = " (use '.' as decimal point, no thousands separator)"
            raise CellError(f"{shown(raw)} is not an amount{hint}")
    sign, whole, fraction = match.groups()
    fraction = fraction or ""
    if len(fraction) > 2:
        raise CellError(f"{shown(raw)} has more than 2 decimal places")
    cents = int(whole) * 100 + int((fraction + "00")[:2])
    return -cents if sign else cents


def parse_integer(raw: object) -> int:
    """A whole number."""
    if type(raw) is str and raw.isdigit() and raw.isascii():
        return int(raw)
    if isinstance(raw, bool):
        raise CellError(f"{shown(raw)} is not a whole number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise CellError(f"{shown(raw)} is not a whole number")
    text = str(raw).strip()
    if _INTEGER.match(text):
        return int(text)
    raise CellError(f"{shown(raw)} is not a whole number")


def parse_number(raw: object) -> float:
    """A decimal number with '.' as decimal point."""
    if isinstance(raw, bool):
        raise CellError(f"{shown(raw)} is not a number")
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip()
    if _NUMBER.match(text):
        return float(text)
    raise CellError(f"{shown(raw)} is not a number (use '.' as decimal point)")


def parse_boolean(raw: object) -> bool:
    """true/false, 1/0 or yes/no (any case); a workbook TRUE/FALSE cell."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"{shown(raw)} is not true/false (also 1/0, yes/no)")
