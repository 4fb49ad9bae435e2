"""Chart text from data: one-line short forms, and row heights that fit the
tallest wrapped label."""

from __future__ import annotations

from dashboard.figures.text import rows_height, shortened, shown_width


def test_shortened_is_one_line_of_at_most_the_width():
    assert shortened("Audit") == "Audit"
    # 27 characters into 24: the first 23 and "…".
    assert shortened("Analytics workshop series 2") == "Analytics workshop seri…"
    assert shortened("Data platform rollout", 14) == "Data platform…"
    # Escaped after shortening, so an entity is never cut: 19 characters,
    # "R&D <b>bold</b> pro", then "…".
    assert shortened("R&D <b>bold</b> programme of works", 20) == (
        "R&amp;D &lt;b&gt;bold&lt;/b&gt; pro…"
    )
    # Full-width characters count 2: 11 of them (22 wide) and "…" make 23.
    chinese = shortened("数据平台推广项目第三期客户关系管理迁移")
    assert chinese == "数据平台推广项目第三期…"
    assert shown_width(chinese) == 23


def test_every_row_is_as_tall_as_the_tallest_label():
    # A category axis spaces rows evenly: one label of 3 lines makes every row
    # 3 × 19 + 7 = 64 px; 4 rows + 170 px of frame = 426.
    labels = ["Audit", "Rollout", "Data platform<br>rollout 1 ·<br>Vertex", "B"]
    assert rows_height(labels) == 4 * 64 + 170
    assert rows_height(["Audit"]) == 320  # at least 320
    assert rows_height(["A", "B"], least=100) == 2 * 26 + 170
