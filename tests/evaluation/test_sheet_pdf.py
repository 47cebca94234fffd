"""The evaluation sheet as a PDF to file: 記入者, the 決裁・回覧 box, page numbers."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.evaluation.helpers import fill

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s", "", "".join(page.extract_text() for page in reader.pages))


def test_sheet_pdf(client, project, office, staff_user, django_assert_max_num_queries):
    staff_user.name = "浦和 太郎"
    staff_user.save()
    sheet = fill(project, office, staff_user)
    client.force_login(staff_user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("evaluation:sheet_pdf", args=[sheet.pk]))
    text = pdf_text(response)
    assert "子育て広場の運営" in text and office.name in text
    assert "記入者浦和太郎" in text
    assert "決裁" in text and "課長" in text and "係長" in text and "担当" in text
    assert "costsのコメント" in text
    assert re.search(r"1/\d+", text)  # page numbers in the footer
    page = client.get(reverse("evaluation:sheet_print", args=[sheet.pk])).content.decode()
    assert reverse("evaluation:sheet_pdf", args=[sheet.pk]) in page


def test_sealed_sheet_pdf_is_refused_to_the_other_side(
    client, project, office, staff_user, npo_user
):
    sheet = fill(project, office, staff_user)
    client.force_login(npo_user)
    response = client.get(reverse("evaluation:sheet_pdf", args=[sheet.pk]))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_outsider_gets_404(client, project, office, staff_user, other_staff_user):
    sheet = fill(project, office, staff_user)
    client.force_login(other_staff_user)
    assert client.get(reverse("evaluation:sheet_pdf", args=[sheet.pk])).status_code == 404


def test_exchange_pdf(client, project, office, npo, staff_user, npo_user):
    fill(project, office, staff_user)
    client.force_login(staff_user)
    sheet = fill(project, npo, npo_user, default=2)
    url = reverse("evaluation:exchange_pdf", args=[sheet.round_id])
    text = pdf_text(client.get(url))
    assert "相互評価シート" in text and npo.name.replace(" ", "") in text
    assert "要協議" in text  # a gap of 2 between the sides
    page = client.get(reverse("evaluation:exchange_print", args=[sheet.round_id]))
    assert url in page.content.decode()


def test_exchange_pdf_is_refused_while_sealed(client, project, office, staff_user):
    sheet = fill(project, office, staff_user)
    client.force_login(staff_user)
    response = client.get(reverse("evaluation:exchange_pdf", args=[sheet.round_id]))
    assert response.status_code == 403
