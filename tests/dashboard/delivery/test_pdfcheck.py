"""A PDF is attached only when it has pages, none of them blank, and fits the
attachment limit; printed by the same Chromium as the report."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter

from dashboard.delivery.pdfcheck import pdf_problem
from dashboard.delivery.render import print_pdf
from dashboard.reports.pdf import find_chromium
from tests.conftest import skip_or_fail

LIMIT = 10_000_000


@pytest.fixture(scope="module")
def chromium():
    if find_chromium() is None:
        skip_or_fail("Chromium is not installed: PDF checks skipped")


def printed(body: str) -> bytes:
    pdf, problem = print_pdf(f"<!DOCTYPE html><html><body>{body}</body></html>")
    assert problem is None and pdf is not None
    return pdf


def test_a_pdf_with_text_on_every_page_may_be_attached(chromium):
    pdf = printed("<p>Revenue rose to $1,500.00.</p>")
    assert pdf_problem(pdf, LIMIT) is None
    # The same PDF against a limit one byte below its size.
    assert pdf_problem(pdf, len(pdf) - 1) == (
        f"the PDF ({len(pdf):,} bytes) is larger than the attachment limit"
        f" ({len(pdf) - 1:,} bytes)"
    )


def test_a_blank_page_is_found(chromium):
    pdf = printed(
        '<p style="break-after: page">Page one</p><p>Page two</p>'
        '<div style="break-before: page">&nbsp;</div>'
    )
    assert pdf_problem(pdf, LIMIT) == "page 3 of the PDF is blank"


def test_an_empty_or_broken_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    blank = buffer.getvalue()
    assert pdf_problem(blank, LIMIT) == (
        f"the PDF is too small to hold the report ({len(blank)} bytes)"
    )
    assert pdf_problem(b"%PDF-1.7" + b"x" * 2000, LIMIT) is not None
    assert pdf_problem(b"%PDF-1.7" + b"x" * 2000, LIMIT).startswith(
        "the PDF cannot be read"
    )
