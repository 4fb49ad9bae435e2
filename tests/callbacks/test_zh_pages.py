"""What a Chinese viewer reads, rendered by the callbacks as plain functions on
the demo data: cards, every tab and a client page, with their charts' titles,
axes, legends, labels and hover texts. No English word may be left but the
names in the data and the words tests/dashboard/test_zh_terms.py accepts."""

from __future__ import annotations

import datetime as dt
import re

import plotly.graph_objects as go
import pytest
from sqlalchemy import select

from callbacks.client_page import update_client_body
from callbacks.headline import update_main
from callbacks.tabs import update_tab
from dashboard.kernel.settings import Settings
from dashboard.kernel.urlstate import TABS
from dashboard.services import Services
from data.db import make_engine
from data.demo import generate_demo_data
from data.models import ActionItem, Base, Client, Milestone, Project
from tests.components import walk
from tests.dashboard.test_zh_terms import english_words

AS_OF = dt.date(2026, 8, 15)
SEARCH = "?lang=zh&theme=dark"
# Text the data brings: shown as entered, never translated.
NAMED_COLUMNS = (
    Client.external_id,
    Client.name,
    Client.industry,
    Client.region,
    Client.owner,
    Client.churn_reason,
    ActionItem.title,
    ActionItem.owner,
    Project.external_id,
    Project.name,
    Milestone.name,
)
# Figure properties a viewer reads (on the chart or on hover).
FIGURE_TEXT = {"text", "name", "ticktext", "hovertext", "hovertemplate", "x", "y"}
COMPONENT_TEXT = ("children", "label", "placeholder", "title")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The small demo data set up to AS_OF, and the names in it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('zh') / 'demo.db'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    generate_demo_data(engine, size="small", end=AS_OF)
    with engine.connect() as conn:
        names = {
            value
            for column in NAMED_COLUMNS
            for value in conn.execute(select(column).distinct()).scalars()
            if value
        }
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    yield Services(settings=settings, engine=engine), names | {settings.currency}
    engine.dispose()


def figure_texts(node: object, key: str = "") -> list[str]:
    """The readable strings of a figure's JSON (the template left out)."""
    if isinstance(node, dict):
        return [
            text
            for name, value in node.items()
            if name != "template"
            for text in (
                # A shape's name is never shown (its label is).
                [shown for shape in value for shown in figure_texts(
                    {k: v for k, v in shape.items() if k != "name"}, key)]
                if name == "shapes" and isinstance(value, list | tuple)
                else figure_texts(value, name if name in FIGURE_TEXT else key)
            )
        ]  # fmt: skip
    if hasattr(node, "tolist"):
        node = node.tolist()
    if isinstance(node, list | tuple):
        return [text for item in node for text in figure_texts(item, key)]
    return [node] if key and isinstance(node, str) else []


WRAP_BREAK = re.compile(r"(?<=[\s-])<br>|<br>(?=\s)")


def visible_texts(tree: object) -> list[str]:
    """Every string a viewer reads in a component tree, charts and tables too."""
    texts: list[str] = []
    for component in walk(tree):
        if isinstance(component, go.Figure):
            # A label wrapped at a space or hyphen: the text as written.
            texts += [
                WRAP_BREAK.sub("", text)
                for text in figure_texts(component.to_plotly_json())
            ]
            continue
        for name in COMPONENT_TEXT:
            value = getattr(component, name, None)
            if isinstance(value, str):
                texts.append(value)
        for option in getattr(component, "options", None) or []:
            if isinstance(option, dict) and isinstance(option.get("label"), str):
                texts.append(option["label"])
    return texts


def english_in(tree: object, names: set[str]) -> dict[str, list[str]]:
    """Texts of the tree that keep an English word, with the words."""
    return {
        text: words
        for text in visible_texts(tree)
        if (words := english_words(text, names))
    }


def test_the_text_collector_reads_figures_and_tables():
    figure = go.Figure(go.Bar(x=["Labour"], y=[1], name="Spent", hovertext=["x"]))
    figure.update_layout(title={"text": "Burn-up"}, xaxis={"ticktext": ["Jan 2026"]})
    texts = visible_texts([figure])
    assert {"Labour", "Spent", "Burn-up", "Jan 2026", "x"} <= set(texts)
    assert english_in([figure], {"Labour"})["Jan 2026"] == ["Jan"]


def test_cards_speak_only_chinese(demo):
    services, names = demo
    cards, chips, notice, caption, _key = update_main(services, SEARCH, None)
    assert english_in([cards, chips, notice, caption], names) == {}
    assert "个百分点" in " ".join(visible_texts(cards))


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_speaks_only_chinese(demo, tab):
    services, names = demo
    content = update_tab(services, f"{SEARCH}&tab={tab}", None)
    assert visible_texts(content), "the tab rendered nothing"
    assert english_in(content, names) == {}


def test_a_client_page_speaks_only_chinese(demo):
    services, names = demo
    with services.engine.connect() as conn:
        external_id = conn.execute(
            select(Client.external_id).where(Client.churned_on.is_(None)).limit(1)
        ).scalar_one()
    body, _back = update_client_body(services, f"/clients/{external_id}", SEARCH, 1)
    assert "2026年" in " ".join(visible_texts(body))
    assert english_in(body, names) == {}


def test_dates_in_sentences_are_written_the_chinese_way(demo):
    services, _names = demo
    content = update_tab(services, f"{SEARCH}&tab=budget", None)
    assert "计划日期最接近 2026年8月15日 的。" in " ".join(visible_texts(content))
