"""WCAG contrast of the page and chart colours in both themes, computed from the
colour definitions themselves: the stylesheets' custom properties (Bootstrap's and
ours) and the chart theme. Text needs 4.5:1, chart marks 3:1 (WCAG 2.1 AA)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.figures.contrast import contrast_ratio as contrast
from dashboard.figures.contrast import linear_rgb, text_on
from dashboard.figures.theme import (
    BAD,
    GOOD,
    NEUTRAL,
    PALETTE,
    SURFACES,
    in_page_theme,
    mark_colour,
    palette,
    template,
)
from layouts.cards import VERDICT_CLASSES

ASSETS = Path(__file__).resolve().parents[3] / "assets"
TEXT, MARK = 4.5, 3.0
THEMES = ("light", "dark")
SELECTORS = {"light": ":root,[data-bs-theme=light]", "dark": "[data-bs-theme=dark]"}

# (text, background) as custom properties or literal colours, in both themes.
TEXT_PAIRS = [
    ("--bs-body-color", "--bs-body-bg"),  # card text and values
    ("--bs-secondary-color", "--bs-body-bg"),  # muted text, card titles, notes
    ("--bs-secondary-color", "--bs-tertiary-bg"),  # muted text in the header
    ("--bs-link-color", "--bs-body-bg"),  # links, tab labels
    ("--dash-good", "--bs-body-bg"),  # change text on cards
    ("--dash-bad", "--bs-body-bg"),
    ("--dash-accent", "--bs-tertiary-bg"),  # outline button in the header
    ("--dash-accent", "--bs-body-bg"),
    ("--bs-info-text-emphasis", "--bs-info-bg-subtle"),  # presenting banner
    ("--bs-warning-text-emphasis", "--bs-warning-bg-subtle"),  # alerts
    ("--bs-danger-text-emphasis", "--bs-danger-bg-subtle"),
    ("--bs-secondary-text-emphasis", "--bs-secondary-bg-subtle"),
    ("#fff", "--bs-secondary"),  # badges: filter chips, chosen language
    ("#000", "--bs-warning"),  # small-sample badge
    ("#fff", "--bs-success"),  # health band badges
    ("#fff", "--bs-danger"),
]
# Colour-vision deficiencies (Machado, Oliveira and Fernandes 2009, severity 1).
DEFICIENCIES = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
         [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
         [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
         [0.004733, 0.691367, 0.303900]]
    ),
}  # fmt: skip
SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
D65 = np.array([0.95047, 1.0, 1.08883])
# What `.text-success` / `.text-danger` show in each theme.
STATUS_TEXT = {
    "light": ("--bs-success", "--bs-danger"),
    "dark": ("--bs-success-text-emphasis", "--bs-danger-text-emphasis"),
}


def custom_properties(css: str, selector: str) -> dict[str, str]:
    """The custom properties set by the rules whose selector is `selector`."""
    found: dict[str, str] = {}
    for rule_selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if re.sub(r"\s+", "", rule_selector).endswith(selector):
            found.update(
                (name, value.strip())
                for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+)", body)
            )
    return found


@pytest.fixture(scope="module")
def properties() -> dict[str, dict[str, str]]:
    """Each theme's custom properties: Bootstrap's, then ours over them."""
    sheets = [(ASSETS / name).read_text() for name in sorted(ASSETS.glob("*.css"))]
    light: dict[str, str] = {}
    dark: dict[str, str] = {}
    for css in sheets:
        light.update(custom_properties(css, SELECTORS["light"]))
        dark.update(custom_properties(css, SELECTORS["dark"]))
    return {"light": light, "dark": {**light, **dark}}


def resolve(value: str, props: dict[str, str], background: str = "#ffffff") -> str:
    """A property, var() or colour as an opaque #rrggbb (rgba over `background`)."""
    while value.startswith("--") or value.startswith("var("):
        value = props[value.removeprefix("var(").rstrip(")").split(",")[0].strip()]
    rgba = re.fullmatch(r"rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)", value)
    if rgba:
        r, g, b, alpha = (float(x) for x in rgba.groups())
        back = background.lstrip("#")
        under = [int(back[i : i + 2], 16) for i in (0, 2, 4)]
        mixed = [
            round(alpha * c + (1 - alpha) * u)
            for c, u in zip((r, g, b), under, strict=True)
        ]
        return "#" + "".join(f"{c:02x}" for c in mixed)
    assert re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", value), value
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower()


def pair_ratio(text: str, background: str, props: dict[str, str]) -> float:
    """Contrast of a text colour on a background, both as properties or colours."""
    back = resolve(background, props)
    return contrast(resolve(text, props, back), back)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_page_text_reaches_4_5_to_1(properties, theme, text, background):
    ratio = pair_ratio(text, background, properties[theme])
    assert ratio >= TEXT, f"{text} on {background} ({theme}): {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEMES)
def test_success_and_danger_text_reach_4_5_to_1(properties, theme):
    for text in STATUS_TEXT[theme]:
        ratio = pair_ratio(text, "--bs-body-bg", properties[theme])
        assert ratio >= TEXT, f"{text} ({theme}): {ratio:.2f}:1"


def test_the_contrast_formula_matches_known_ratios():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#0072B2", "#212529") == pytest.approx(2.97, abs=0.01)
    assert resolve("rgba(0, 0, 0, 0.5)", {}, "#ffffff") == "#808080"


@pytest.mark.parametrize("theme", THEMES)
def test_card_and_table_colours_are_one_definition(properties, theme):
    """The change colours on cards (CSS) are the ones tables use (Python), and the
    chart background is the page's."""
    props, surface = properties[theme], SURFACES[theme]
    for name in ("good", "bad", "watch"):
        assert resolve(f"--dash-{name}", props).lower() == surface[name].lower()
    assert resolve("--bs-body-bg", props) == surface["paper"]
    css = (ASSETS / "02-dashboard.css").read_text()
    for class_name in VERDICT_CLASSES.values():
        assert f".{class_name} {{ color: var(--dash-" in css


@pytest.mark.parametrize("theme", THEMES)
def test_table_and_chart_text_reaches_4_5_to_1(theme):
    surface = SURFACES[theme]
    for name in ("text", "muted", "good", "bad", "watch"):
        ratio = contrast(surface[name], surface["paper"])
        assert ratio >= TEXT, f"{name} ({theme}): {ratio:.2f}:1"


@pytest.mark.parametrize("theme", THEMES)
def test_every_chart_mark_reaches_3_to_1(theme):
    paper = SURFACES[theme]["paper"]
    marks = [*palette(theme), *(mark_colour(c, theme) for c in (GOOD, BAD, NEUTRAL))]
    for colour in marks:
        ratio = contrast(colour, paper)
        assert ratio >= MARK, f"{colour} on {paper} ({theme}): {ratio:.2f}:1"


def cvd_lab(colour: str, deficiency: np.ndarray) -> np.ndarray:
    """CIELAB of a colour as seen with a colour-vision deficiency (a Machado et
    al. 2009 matrix at full severity, on linear RGB)."""
    linear = np.array(linear_rgb(colour))
    xyz = SRGB_TO_XYZ @ np.clip(deficiency @ linear, 0, 1) / D65
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("theme", THEMES)
def test_the_palette_stays_apart_with_colour_vision_deficiencies(theme):
    """No two palette colours closer (CIE76 ΔE) than Okabe-Ito's own closest
    pair, 7.1 (reddish purple and grey with deuteranopia), for each deficiency."""
    colours = palette(theme)
    assert len(set(colours)) == len(PALETTE)
    assert mark_colour(GOOD, theme) in colours and mark_colour(BAD, theme) in colours
    for name, deficiency in DEFICIENCIES.items():
        closest = min(
            (np.linalg.norm(cvd_lab(a, deficiency) - cvd_lab(b, deficiency)), a, b)
            for a, b in itertools.combinations(colours, 2)
        )
        assert closest[0] >= 7.0, f"{name} ({theme}): {closest}"


def _figure(theme: str) -> go.Figure:
    figure = go.Figure(layout={"template": template(theme)})
    figure.add_bar(x=[1, 2], y=[3, 4], marker={"color": [BAD, GOOD]}, name="#0072B2")
    figure.add_scatter(x=[1, 2], y=[3, 4], line={"color": PALETTE[0]})
    figure.add_hline(y=1, line={"color": NEUTRAL})
    return figure


def test_dark_figures_draw_the_dark_variants():
    figure = in_page_theme(_figure("dark"))
    assert list(figure.data[0].marker.color) == ["#FF8A4C", "#33C49A"]
    assert figure.data[0].name == "#0072B2"  # text is never recoloured
    assert figure.data[1].line.color == "#1F8DD6"
    assert figure.layout.shapes[0].line.color == "#8A939B"
    assert figure.layout.template.layout.colorway[0] == "#1F8DD6"


def test_light_figures_keep_their_colours():
    light = in_page_theme(_figure("light"))
    assert light.data[1].line.color == PALETTE[0] == "#0072B2"
    assert list(light.data[0].marker.color) == [BAD, GOOD]


def test_numbers_inside_bars_are_black_or_white_whichever_reads():
    # Orange #C77E00 (L 0.27): black 6.4:1, white 3.3:1 (Plotly's grey: 3.0:1).
    assert text_on("#C77E00") == "#000000"
    assert text_on(["#0072B2", "#C77E00", "transparent"]) == [
        "#ffffff",
        "#000000",
        None,
    ]
    for colour in (*palette("light"), *palette("dark"), NEUTRAL, "#8A939B"):
        assert contrast(text_on(colour), colour) >= TEXT
    figure = in_page_theme(_figure("light"))
    assert list(figure.data[0].insidetextfont.color) == ["#ffffff", "#ffffff"]
    assert in_page_theme(_figure("dark")).data[0].insidetextfont.color == (
        "#000000",
        "#000000",
    )
