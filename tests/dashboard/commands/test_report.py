"""`python -m dashboard report`: HTML and PDF files, one-line errors with exit 2."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from dashboard.cli import main
from tests.conftest import skip_or_fail
from tests.dashboard.reports.book import AS_OF, add_report_book
from tests.factories import command_database


@pytest.fixture
def report_database(tmp_path, monkeypatch):
    """A migrated SQLite database holding the report book; the environment points
    at it."""
    return command_database(tmp_path, monkeypatch, add_report_book, AS_OF)


def run(capsys, *args):
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_html_report_for_one_client(report_database, tmp_path, capsys):
    out = tmp_path / "acme.html"
    code, printed, err = run(
        capsys, "--client", "K1", "--period", "2026-Q3", "--out", str(out)
    )
    assert code == 0, err
    assert printed.strip() == f"wrote {out}"
    html = out.read_text(encoding="utf-8")
    assert "Meeting attendance fell to 75.0% (−25.0 pp against 2026-Q2)." in html
    assert "Rival Corp" not in html
    assert "Acquisition cost" not in html  # client audience: no internal figure
    assert "Internal: not for the client" not in html


def test_internal_report_for_an_owners_book(report_database, tmp_path, capsys):
    out = tmp_path / "ann.html"
    code, _, err = run(
        capsys,
        *("--owner", "ann", "--period", "2026-Q3", "--audience", "internal"),
        *("--lang", "zh", "--out", str(out)),
    )
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "ann 负责的客户" in html
    assert "内部资料：请勿提供给客户" in html
    assert "获客成本（CAC）" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--client", "K9"), "error: unknown client K9"),
        (("--client", "K1", "--client", "K2"), "exactly one client"),
        (("--owner", "nobody", "--audience", "internal"), "unknown owner 'nobody'"),
        (("--client", "K1", "--period", "2026-Q9"), "error: "),
        (("--client", "K1", "--period", "2027-Q1"), "has not started yet"),
    ],
)
def test_bad_requests_exit_2_with_one_line(
    report_database, tmp_path, capsys, args, message
):
    out = tmp_path / "x.html"
    code, _, err = run(capsys, *args, "--out", str(out))
    assert code == 2
    assert message in err
    assert err.count("\n") == 1
    assert not out.exists()


def test_a_missing_folder_exits_2(report_database, tmp_path, capsys):
    code, _, err = run(capsys, "--all", "--out", str(tmp_path / "no" / "x.html"))
    assert code == 2
    assert "does not exist" in err


def test_without_a_scope_argument_parse_refuses(report_database, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--out", str(tmp_path / "x.html")])
    assert exit_.value.code == 2


def test_pdf_without_chromium_says_what_to_install(
    report_database, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    out = tmp_path / "acme.pdf"
    code, _, err = run(capsys, "--client", "K1", "--out", str(out))
    assert code == 2
    assert err.strip().startswith("error: PDF output needs Chromium: apt-get install")
    assert not out.exists()
    html = tmp_path / "acme.html"
    assert run(capsys, "--client", "K1", "--out", str(html))[0] == 0


def _needs(tool: str) -> None:
    if shutil.which(tool) is None:
        skip_or_fail(f"{tool} is not installed")


def test_pdf_holds_the_figures_chinese_headings_and_inked_pages(
    report_database, tmp_path, capsys
):
    for tool in ("chromium", "pdftotext", "pdftoppm"):
        _needs(tool)
    out = tmp_path / "acme.pdf"
    code, _, err = run(
        capsys,
        *("--client", "K1", "--period", "2026-Q3", "--lang", "zh"),
        *("--audience", "internal", "--out", str(out)),
    )
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for heading in ("摘要", "进展", "问题与解决方案", "后续步骤", "附录"):
        assert heading in text
    assert "US$15,652.17" in text  # Rollout's forecast at completion
    assert "会议出席率降至 75.0%" in text
    assert "Acme · 2026-Q3" in text  # the running header
    pages = text.count("\f")
    numbers = [f"{page}/{pages}" for page in range(1, pages + 1)]
    assert [n for n in numbers if n in text.replace(" ", "")] == numbers
    subprocess.run(
        ["pdftoppm", "-r", "20", "-gray", str(out), str(tmp_path / "page")],
        check=True,
    )
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == pages
    for image in images:
        pixels = image.read_bytes().split(b"\n", 3)[3]
        dark = sum(1 for value in pixels if value < 128)
        assert dark > 50, f"{image.name} is blank"
