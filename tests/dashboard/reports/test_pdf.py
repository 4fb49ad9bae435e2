"""The long-lived Chromium that prints reports: reused, restarted when it dies,
shared by threads, stopped when it hangs. Fake browsers (shell scripts) stand in
for the failures."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.reports import pdf
from tests.conftest import skip_or_fail


def page(text: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
        f"<body><h1>{text}</h1></body></html>"
    )


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def chromium(monkeypatch):
    """The real browser, none running at the start (an earlier test's PDF leaves
    one) and stopped after the test."""
    for tool in ("chromium", "pdftotext"):
        if shutil.which(tool) is None:
            skip_or_fail(f"{tool} is not installed")
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    pdf.close_browser()
    yield
    pdf.close_browser()


@pytest.fixture
def fake_browser(tmp_path, monkeypatch):
    """Point BROWSER_PATH at a shell script (its body given); it writes its pid to
    a file first."""
    pid_file = tmp_path / "pid"

    def make(body: str):
        script = tmp_path / "chromium"
        script.write_text(f"#!/bin/sh\necho $$ > {pid_file}\n{body}\n")
        script.chmod(0o755)
        monkeypatch.setenv("BROWSER_PATH", str(script))
        pdf.close_browser()
        return pid_file

    yield make
    pdf.close_browser()


def test_two_pdfs_in_a_row_use_one_browser(chromium, tmp_path):
    assert pdf.browser_pid() is None
    pdf.html_to_pdf(page("First report"), tmp_path / "a.pdf")
    first = pdf.browser_pid()
    pdf.html_to_pdf(page("Second report"), tmp_path / "b.pdf")
    assert first is not None and pdf.browser_pid() == first
    assert "First report" in pdf_text(tmp_path / "a.pdf")
    assert "Second report" in pdf_text(tmp_path / "b.pdf")


def test_a_killed_browser_is_started_again(chromium, tmp_path):
    pdf.html_to_pdf(page("Before"), tmp_path / "a.pdf")
    killed = pdf.browser_pid()
    assert killed is not None
    os.kill(killed, signal.SIGKILL)
    pdf.html_to_pdf(page("After the kill"), tmp_path / "b.pdf")
    assert "After the kill" in pdf_text(tmp_path / "b.pdf")
    restarted = pdf.browser_pid()
    assert restarted is not None and restarted != killed
    assert gone(killed)


def test_threads_printing_at_once_all_get_their_own_pdf(chromium, tmp_path):
    names = [f"Report number {n}" for n in range(4)]

    def one(name: str) -> str:
        out = tmp_path / f"{name.replace(' ', '-')}.pdf"
        pdf.html_to_pdf(page(name), out)
        return pdf_text(out)

    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(one, names))
    for name, text in zip(names, texts, strict=True):
        assert name in text
        assert [other for other in names if other in text] == [name]


def test_a_browser_that_hangs_is_stopped_with_a_clear_error(fake_browser, tmp_path):
    pid_file = fake_browser("exec sleep 60")  # never answers on its pipe
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="did not print the report within 1 s"):
        pdf.html_to_pdf(page("x"), tmp_path / "x.pdf", timeout=1)
    assert time.monotonic() - started < 10
    assert gone(int(pid_file.read_text()))
    assert pdf.browser_pid() is None
    assert not (tmp_path / "x.pdf").exists()


def test_a_browser_that_exits_at_once_is_an_error(fake_browser, tmp_path):
    fake_browser("exit 1")
    with pytest.raises(RuntimeError, match="Chromium could not print the report"):
        pdf.html_to_pdf(page("x"), tmp_path / "x.pdf", timeout=5)
    assert pdf.browser_pid() is None


def test_a_browser_that_cannot_be_run_is_an_error(tmp_path, monkeypatch):
    script = tmp_path / "chromium"
    script.write_text("not a program")  # not executable
    monkeypatch.setenv("BROWSER_PATH", str(script))
    with pytest.raises(RuntimeError, match="Chromium could not be started"):
        pdf.html_to_pdf(page("x"), tmp_path / "x.pdf")


def test_no_browser_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    with pytest.raises(pdf.PdfUnavailable, match="apt-get install chromium"):
        pdf.html_to_pdf(page("x"), tmp_path / "x.pdf")
