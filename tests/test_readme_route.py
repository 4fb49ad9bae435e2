"""The README's route of one card names functions that exist where it says."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMED = re.compile(r"`([\w/]+\.py):(\w+)`")


def route_text() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("The route of one card")
    return text[start : text.index("\n\n", text.index("\n1. ", start))]


def defined(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_every_function_the_route_names_is_defined_in_its_file():
    route = route_text()
    named = NAMED.findall(route)
    assert len(named) >= 10
    missing = [
        f"{path}:{name}" for path, name in named if name not in defined(ROOT / path)
    ]
    assert missing == []


def test_the_card_key_appears_literally_in_the_metric_that_computes_it():
    source = (ROOT / "dashboard/metrics/clients.py").read_text(encoding="utf-8")
    assert '"churn_rate"' in source
    assert "logo_metrics" in route_text()
