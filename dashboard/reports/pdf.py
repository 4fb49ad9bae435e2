"""The report as a PDF: Chromium prints the HTML document (A4 portrait).

The running header (client and period) and the page numbers are CSS page-margin
boxes (`@page { @top-center {...} }`), so the browser's own print of the page
gets them too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_SECONDS = 120


class PdfUnavailable(RuntimeError):
    """No Chromium to print with; the message says what to install."""


def find_chromium() -> str | None:
    """The Chromium to print with: BROWSER_PATH, else one on the PATH."""
    given = os.environ.get("BROWSER_PATH", "").strip()
    if given:
        return given if Path(given).is_file() else None
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


def html_to_pdf(html: str, out: Path) -> None:
    """Print a whole HTML document to `out`; raise PdfUnavailable without Chromium
    and RuntimeError when it fails."""
    chromium = find_chromium()
    if chromium is None:
        raise PdfUnavailable(
            "PDF output needs Chromium: apt-get install chromium"
            " (or set BROWSER_PATH); the HTML report works without it"
        )
    with tempfile.TemporaryDirectory(prefix="crd-report-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = Path(folder) / "report.pdf"
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-extensions",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ]
        result = subprocess.run(
            command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
        if result.returncode != 0 or not target.is_file():
            raise RuntimeError(f"Chromium could not print the report ({chromium})")
        shutil.copyfile(target, out)
