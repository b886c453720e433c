"""PDF responses as text, for tests of handouts and PDFs (poppler-utils: pdftotext, pdfinfo)."""

import shutil
import subprocess

PDFTOTEXT = shutil.which("pdftotext") or "pdftotext"  # poppler-utils (.ci/run installs it)


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF-")
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()
