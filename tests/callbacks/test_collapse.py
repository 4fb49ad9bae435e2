"""A one-client tab with nothing to draw is one line, in English and Chinese;
a tab with something drawn, or a wider view, keeps its charts."""

from __future__ import annotations

from callbacks.tabs import tab_content
from tests.components import text_of, walk


def tab(services, search):
    with services.engine.connect() as conn:
        return tab_content(services, search, conn)


def graphs(content) -> list:
    return [c for c in walk(content) if type(c).__name__ == "Graph"]


def test_a_client_without_projects_gets_one_line(review):
    content = tab(review, "?client=C2&period=2026-Q2&tab=budget")
    assert [type(c).__name__ for c in content] == ["P"]
    assert text_of(content) == "No projects for Beta in 2026-Q2 or the 12 months before"
    assert content[0].className == "section-empty"


def test_the_line_speaks_chinese(review):
    content = tab(review, "?client=C2&period=2026-Q2&tab=budget&lang=zh")
    assert text_of(content) == "Beta 在 2026-Q2 或之前 12 个月 没有项目"


def test_every_empty_topic_collapses_for_one_client(review):
    # Beta has no meetings, action items or survey answers at all.
    for name, line in (
        ("meetings", "No held meetings for Beta in the 8 periods up to 2026-Q2"),
        ("action_items", "No action items due for Beta in the 8 periods up to 2026-Q2"),
        ("satisfaction", "No NPS answers in these periods for Beta"),
    ):
        content = tab(review, f"?client=C2&period=2026-Q2&tab={name}")
        assert text_of(content) == line, name


def test_a_client_with_projects_and_a_wider_view_keep_their_charts(review):
    assert graphs(tab(review, "?client=C1&period=2026-Q2&tab=budget"))
    # Both clients: Acme's project is drawn.
    assert graphs(tab(review, "?client=C1&client=C2&period=2026-Q2&tab=budget"))
