"""Plotly's property paths, parsed once per text.

Every property Plotly sets or updates ("marker.line.color", "error_x", "xaxis2")
goes through `plotly.basedatatypes._str_to_dict_path_full`, which splits the
text with regular expressions and rebuilds it, with a class built on each call;
it keeps nothing, so the same few hundred paths are parsed again for every
figure. That is about a tenth of drawing a tab of charts (10 ms of the
Retention tab, 50 ms of the Budget tab at 10,000 clients). The parse depends
only on the text, so `install` wraps it in a bounded cache of its results;
every value Plotly is given is still validated as before.
"""

from __future__ import annotations

import functools

import plotly.basedatatypes

PATHS_KEPT = 4096  # distinct property paths; a figure uses a few dozen


def install() -> None:
    """Have Plotly parse each property path text once (safe to call again). A
    Plotly without this parser (another version; requirements.txt pins it) is
    left as it is: figures are only slower, and the tests say so."""
    parse = getattr(plotly.basedatatypes, "_str_to_dict_path_full", None)
    if parse is None or getattr(parse, "crd_kept", False):
        return

    @functools.lru_cache(maxsize=PATHS_KEPT)
    def parsed(text: str) -> tuple[tuple, tuple]:
        path, positions = parse(text)
        return tuple(path), tuple(positions)

    @functools.wraps(parse)
    def kept(text):
        if type(text) is not str:  # only texts are parsed (and hashable)
            return parse(text)
        return parsed(text)

    kept.crd_kept = True
    kept.crd_original = parse
    kept.cache_info = parsed.cache_info
    plotly.basedatatypes._str_to_dict_path_full = kept
