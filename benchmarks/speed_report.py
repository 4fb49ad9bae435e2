"""The speed benchmark's table: each figure beside its target and the peer's figure."""

from __future__ import annotations

from dataclasses import dataclass

COLD_MS = 150
WARM_MS = 20
FIRST_LOAD_MS = 1000
PEER_FACTOR = 10
SIZE_RATIO = 2.0
RSS_MB = 300


@dataclass(frozen=True)
class Row:
    """One line: what, ours, the peer's, the target, the speed-up, pass or fail."""

    name: str
    ours: str
    peer: str = ""
    target: str = ""
    speedup: str = ""
    passed: bool | None = None
    kb: str = ""


def pair(figures: tuple[float, float] | None) -> str:
    return "" if figures is None else f"{figures[0]:,.0f} / {figures[1]:,.0f}"


def view_rows(result: dict, kind: str, limit_ms: int) -> list[Row]:
    """Per view: ours (p50/p95) against the limit and, where the peer has the view,
    at least PEER_FACTOR times faster than the peer's median."""
    rows = []
    for view in result["views"]:
        ours = result[kind][view.name]
        peer = result["peer"].get(view.name)
        passed = ours[1] <= limit_ms
        target = f"p95 ≤ {limit_ms} ms"
        speedup = ""
        if peer is not None:
            factor = peer["warm"][0] / ours[0] if ours[0] else float("inf")
            speedup = f"{factor:,.1f}×"
            passed = passed and factor >= PEER_FACTOR
            target += f", ≥ {PEER_FACTOR}×"
        kb = f"{result['bytes'][view.name] / 1024:,.0f}"
        rows.append(
            Row(
                f"{view.name} ({kind})",
                pair(ours),
                pair(peer["warm"]) if peer else "—",
                target,
                speedup,
                passed,
                kb,
            )
        )
    return rows


def ratio_rows(measured: dict) -> list[Row]:
    """medium → large per view: the large median over the medium one."""
    rows = []
    medium, large = measured["medium"], measured["large"]
    for view in large["views"]:
        for kind in ("cold", "warm"):
            small, big = medium[kind][view.name][0], large[kind][view.name][0]
            ratio = big / small if small else float("inf")
            rows.append(
                Row(
                    f"medium → large, {view.name} ({kind})",
                    f"{ratio:.1f}×",
                    "",
                    f"≤ {SIZE_RATIO:g}×",
                    "",
                    ratio <= SIZE_RATIO,
                )
            )
    return rows


def overlapped_rows(result: dict) -> list[Row]:
    """Per view, cold, its callbacks overlapped as the browser sent them: for
    information beside the targets, which are judged one callback after the
    other."""
    rows = []
    for view in result["views"]:
        ours = result["cold_overlapped"][view.name]
        met = "met" if ours[1] <= COLD_MS else "not met"
        rows.append(
            Row(
                f"{view.name} (cold, overlapped)",
                pair(ours),
                "",
                f"({COLD_MS} ms {met})",
            )
        )
    return rows


def size_rows(result: dict) -> list[Row]:
    """Every row measured on one size."""
    rows = view_rows(result, "cold", COLD_MS) + view_rows(result, "warm", WARM_MS)
    rows += overlapped_rows(result)
    for kind in ("cold", "warm"):
        figures = result[f"first_load_{kind}"]
        rows.append(
            Row(
                f"first page load ({kind})",
                pair(figures),
                "",
                f"p95 ≤ {FIRST_LOAD_MS} ms",
                "",
                figures[1] <= FIRST_LOAD_MS,
            )
        )
    worst = max(result["rss"])
    rows.append(
        Row(
            "RSS per worker, largest (MB)",
            f"{worst:,.0f}",
            f"{result['peer']['rss']:,.0f}",
            f"≤ {RSS_MB} MB",
            "",
            worst <= RSS_MB,
        )
    )
    rows.append(
        Row(
            "start-up (s)",
            f"{result['start_seconds']:.1f}",
            f"{result['peer']['start_seconds']:.1f}",
        )
    )
    return rows


def print_table(measured: dict, size: str, equal: bool, rows: list[Row]) -> bool:
    """Print the table for `size` (and the size ratio when both were measured);
    True when every target passed."""
    rows.append(
        Row(
            "numbers equal (medium, 4 filters)",
            "yes" if equal else "no",
            "",
            "yes",
            "",
            equal,
        )
    )
    rows += size_rows(measured[size])
    if "medium" in measured and "large" in measured:
        rows += ratio_rows(measured)
    print(f"\n{size}: ms of all the callbacks of a view, from the client side\n")
    header = (
        "scenario",
        "ours p50/p95",
        "peer p50/p95",
        "target",
        "speed-up",
        "KB",
        "",
    )
    widths = (46, 16, 16, 20, 9, 7, 4)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        verdict = {True: "pass", False: "FAIL", None: ""}[row.passed]
        cells = (row.name, row.ours, row.peer, row.target, row.speedup, row.kb, verdict)
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    return all(row.passed is not False for row in rows)
