"""The body of POST /_dash-update-component, checked before Dash dispatches it.

A body must be a JSON object naming a server-side callback, with exactly the
outputs, inputs and state that callback declares, each input of its declared
kind (dashboard.boundary.inputs), and triggers among its own inputs. JSON's
forbidden NaN and Infinity, deep nesting, control characters and text that is
not Unicode are refused anywhere in it.
"""

from __future__ import annotations

import json
import re

from dashboard.boundary.inputs import SCALARS, kind_of, server_callbacks
from data.controls import control_character, control_name, printable

MAX_DEPTH = 64
_SURROGATE = re.compile(r"[\ud800-\udfff]")
WILDCARDS = ("ALL", "ALLSMALLER", "MATCH")


class Malformed(ValueError):
    """The body is not one the app's callbacks can be given; the message says why."""


def _no_constant(name: str) -> object:
    raise Malformed(f"the body holds {name}, which JSON does not allow")


def parse_body(raw: bytes) -> object:
    """The body's JSON; Malformed for anything that is not plain, sane JSON."""
    try:
        body = json.loads(raw, parse_constant=_no_constant)
    except Malformed:
        raise
    except RecursionError:
        raise Malformed("the body is nested too deeply") from None
    except ValueError:
        raise Malformed("the body is not valid JSON") from None
    _check_tree(body)
    return body


def _check_text(text: str) -> None:
    if char := control_character(text, in_text=True):
        raise Malformed(f"a value contains a control character ({control_name(char)})")
    if _SURROGATE.search(text):
        raise Malformed("a value holds text that is not valid Unicode")


def _check_tree(body: object) -> None:
    """Depth, and the text of every string and key."""
    stack = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Malformed(f"the body is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, str):
            _check_text(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                _check_text(key)
                stack.append((value, depth + 1))
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)


def check_body(body: object, callback_map: dict) -> None:
    """Raise Malformed unless the body fits the callback it names."""
    if not isinstance(body, dict):
        raise Malformed("the body is not a JSON object")
    output = body.get("output")
    if not isinstance(output, str):
        raise Malformed("the body names no output")
    entry = server_callbacks(callback_map).get(output)
    if entry is None:
        raise Malformed(f"no callback updates {printable(output)}")
    _check_outputs(body.get("outputs"), output)
    given = _check_entries(body.get("inputs"), entry["inputs"], "inputs")
    _check_entries(body.get("state", []), entry["state"], "state")
    _check_triggers(body.get("changedPropIds", []), given)


def _check_outputs(outputs: object, output: str) -> None:
    multi = output.startswith("..")
    parts = output[2:-2].split("...") if multi else [output]
    listed = outputs if multi else [outputs]
    if not isinstance(listed, list) or len(listed) != len(parts):
        raise Malformed("the outputs do not match the callback's")
    for item, part in zip(listed, parts, strict=True):
        component, prop = part.rsplit(".", 1)
        if component.startswith("{"):
            if not _pattern_outputs_fit(item, component, prop.split("@")[0]):
                raise Malformed("the outputs do not match the callback's")
            continue
        if not isinstance(item, dict) or (
            item.get("id"),
            str(item.get("property")).split("@")[0],
        ) != (component, prop.split("@")[0]):
            raise Malformed("the outputs do not match the callback's")


def _pattern_outputs_fit(item: object, component: str, prop: str) -> bool:
    """A pattern output as Dash expects it: a list of the matched components for
    ALL, else one component; each with an id of the pattern and the property."""
    pattern = json.loads(component)
    many = any(v in (["ALL"], ["ALLSMALLER"]) for v in pattern.values())
    if many != isinstance(item, list):
        return False
    return all(
        isinstance(entry, dict)
        and _id_fits(entry.get("id"), component, pattern)
        and str(entry.get("property")).split("@")[0] == prop
        for entry in (item if many else [item])
    )


def _check_entries(given: object, declared: list[dict], where: str) -> list[dict]:
    """The body's entries for the declared inputs (or state), flattened."""
    if not isinstance(given, list) or len(given) != len(declared):
        raise Malformed(f"the {where} do not match the callback's {len(declared)}")
    flat: list[dict] = []
    for item, spec in zip(given, declared, strict=True):
        if spec["id"].startswith("{"):
            pattern = json.loads(spec["id"])
            many = any(v in (["ALL"], ["ALLSMALLER"]) for v in pattern.values())
            if many and not isinstance(item, list):
                raise Malformed(f"{where}: {printable(spec['id'])} must be a list")
            entries = item if many else [item]
        else:
            pattern, entries = None, [item]
        for entry in entries:
            _check_entry(entry, spec, pattern, where)
            flat.append(entry)
    return flat


def _check_entry(entry: object, spec: dict, pattern: dict | None, where: str) -> None:
    name = f"{printable(spec['id'])}.{spec['property']}"
    if not isinstance(entry, dict) or entry.get("property") != spec["property"]:
        raise Malformed(f"{where}: the entry for {name} is not one")
    if not _id_fits(entry.get("id"), spec["id"], pattern):
        raise Malformed(f"{where}: the entry for {name} has another id")
    kind = kind_of(spec)
    if kind is None or not kind.accepts(entry.get("value")):
        expected = kind.name if kind else "nothing"
        raise Malformed(f"{where}: {name} must be {expected}")


def _id_fits(given: object, spec_id: str, pattern: dict | None) -> bool:
    if pattern is None:
        return given == spec_id
    if not isinstance(given, dict) or given.keys() != pattern.keys():
        return False
    for key, wanted in pattern.items():
        value = given[key]
        if isinstance(wanted, list) and wanted[0] in WILDCARDS:
            if not isinstance(value, SCALARS) or value is None:
                return False
        elif value != wanted:
            return False
    return True


def _prop_key(component: object, prop: str) -> tuple[str, str]:
    if isinstance(component, dict):
        return json.dumps(component, sort_keys=True), prop
    return str(component), prop


def _check_triggers(changed: object, given: list[dict]) -> None:
    """Every changed prop id names one of the body's own inputs."""
    if not isinstance(changed, list):
        raise Malformed("changedPropIds is not a list")
    known = {_prop_key(entry["id"], entry["property"]) for entry in given}
    for prop_id in changed:
        if not isinstance(prop_id, str):
            raise Malformed("changedPropIds holds something other than strings")
        component, _, prop = prop_id.rpartition(".")
        if component.startswith("{"):
            try:
                component = json.loads(component)
            except (ValueError, RecursionError):
                raise Malformed("changedPropIds names an unreadable id") from None
        if _prop_key(component, prop) not in known:
            raise Malformed(f"changedPropIds names {printable(prop_id)}, no input")
