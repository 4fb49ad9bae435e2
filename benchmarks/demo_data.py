"""Time the demo-data generator: rows per table, seconds and peak memory.

Usage: python benchmarks/demo_data.py [small|medium|large] [--seed N]
       [--database-url URL]   (default: a fresh SQLite file in a temporary folder;
                               a URL given must point to an empty database)
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from data.db import make_engine, upgrade  # noqa: E402
from data.demo import DEMO_SIZES, generate_demo_data  # noqa: E402

END = dt.date(2026, 6, 30)


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    """Generate one size of demo data and print what it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", default="large", choices=tuple(DEMO_SIZES))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'benchmark.db'}"
        engine = make_engine(url)
        upgrade(engine)
        started = time.perf_counter()

        def progress(table: str, rows: int) -> None:
            elapsed = time.perf_counter() - started
            print(f"  {table:<18} {rows:>10,} rows  at {elapsed:6.1f} s", flush=True)

        print(f"{args.size} demo data into {engine.url.get_backend_name()}:")
        rows = generate_demo_data(
            engine, size=args.size, seed=args.seed, end=END, progress=progress
        )
        elapsed = time.perf_counter() - started
        engine.dispose()
        total = sum(rows.values())
        print(
            f"total {total:,} rows in {elapsed:.1f} s ({total / elapsed:,.0f} rows/s)"
        )
        print(f"peak memory {peak_memory_mb():,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
