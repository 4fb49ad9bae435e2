"""SQL: whole days between dates, as each database counts them."""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class days_from(FunctionElement):
    """SQL: whole days from the date `b` to the date `a` (a - b)."""

    type = Integer()
    inherit_cache = True


@compiles(days_from)
def _days_from(element, compiler, **kw):
    a, b = element.clauses
    return f"({compiler.process(a, **kw)} - {compiler.process(b, **kw)})"


@compiles(days_from, "sqlite")
def _days_from_sqlite(element, compiler, **kw):
    a, b = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({a}) - julianday({b}) AS INTEGER)"
