"""Documents an office files, rendered on the server as PDF (WeasyPrint).

The templates under ``templates/pdf/`` carry their own CSS (page size, margins, page numbers):
nothing is fetched over the network while rendering.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(request, template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported on use: loading pango costs time at start-up

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    """The PDF as a download named ``filename`` (Japanese names are sent RFC 5987-encoded)."""
    response = HttpResponse(render_pdf(request, template, context), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
