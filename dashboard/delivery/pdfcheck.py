"""Nothing broken is sent: a report PDF is attached only when it opens, has
pages, every page carries text, and it is within the attachment limit."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

MIN_BYTES = 1000  # smaller than any page of the report


def pdf_problem(data: bytes, limit_bytes: int) -> str | None:
    """Why the PDF may not be attached (None: it may)."""
    if len(data) < MIN_BYTES:
        return f"the PDF is too small to hold the report ({len(data)} bytes)"
    if len(data) > limit_bytes:
        return (
            f"the PDF ({len(data):,} bytes) is larger than the attachment limit"
            f" ({limit_bytes:,} bytes)"
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        return f"the PDF cannot be read ({type(exc).__name__})"
    if not pages:
        return "the PDF has no pages"
    blank = [number for number, text in enumerate(pages, 1) if not text.strip()]
    if blank:
        return f"page {blank[0]} of the PDF is blank"
    return None
