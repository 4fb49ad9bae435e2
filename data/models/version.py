"""The data version: one row whose number changes with every write of the data."""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Integer
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base


class DataVersion(Base):
    """`version` goes up by one in the same transaction as every write (import,
    demo data, report comments and snapshots, restore), so a result computed
    under one version is still exact while the version has not changed."""

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class RollupChange(Base):
    """The clients whose rollup rows a data version changed (`client_id` NULL:
    all of them), so that what a server holds of the rollups is read again for
    those clients alone. Only the most recent versions are kept."""

    __tablename__ = "rollup_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    client_id: Mapped[int | None] = mapped_column(Integer)
