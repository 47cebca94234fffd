"""The 協定書 as a PDF: the draft with its watermark, then the concluded document."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kyodo_portal.core.dates import display_date
from projects.choices import ConfirmingSide, Stage
from tests.projects.conftest import COSTS, confirm, project_at, save_agreement


@pytest.fixture
def agreement_project(office, npo, staff_user):
    office.address = "さいたま市浦和区高砂3-15-1"
    office.representative = "埼玉県知事 大野 元裕"
    office.save()
    npo.address = "さいたま市南区別所7-1-1"
    npo.representative = "理事長 浦和 花子"
    npo.save()
    project = project_at(
        Stage.AGREEMENT,
        office,
        npo=npo,
        content="週3回、親子が集える広場を開く。",
        start_date=datetime.date(2026, 12, 5),
        end_date=datetime.date(2027, 3, 31),
    )
    save_agreement(project, staff_user)
    return project


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s", "", "".join(page.extract_text() for page in reader.pages))


def test_draft_pdf_says_draft(client, agreement_project, staff_user, office, npo):
    client.force_login(staff_user)
    text = pdf_text(client.get(reverse("projects:agreement_pdf", args=[agreement_project.pk])))
    assert "協定書（案）" in text
    assert "案" in text.replace("協定書（案）", "")  # the watermark
    assert office.name in text and npo.name.replace(" ", "") in text
    assert "さいたま市浦和区高砂3-15-1" in text and "理事長浦和花子" in text
    assert "令和8年12月5日" in text  # the period, in the Japanese era
    assert "1,200,000円" in text and "1,500,000円" in text
    assert "事業内容：週3回、親子が集える広場を開く。" in text
    assert "第4条（支払条件）" in text
    assert "本協定の締結を証するため本書2通を作成し" in text
    assert "締結日" not in text


def test_pdf_after_both_confirmations_is_the_agreement(
    client, agreement_project, staff_user, npo_user
):
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    client.force_login(staff_user)
    url = reverse("projects:agreement_pdf", args=[agreement_project.pk])
    assert "協定書（案）" in pdf_text(client.get(url))  # one side is not enough
    confirm(agreement_project, npo_user, ConfirmingSide.NPO)
    text = pdf_text(client.get(url))
    assert "協定書（案）" not in text and "案" not in text.replace("協定案", "")
    assert "締結日" + display_date(timezone.localdate(), "ja") in text


def test_outsider_gets_404(client, agreement_project, other_staff_user):
    client.force_login(other_staff_user)
    url = reverse("projects:agreement_pdf", args=[agreement_project.pk])
    assert client.get(url).status_code == 404


def test_pdf_uses_bounded_queries(
    client, agreement_project, staff_user, django_assert_max_num_queries
):
    client.force_login(staff_user)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("projects:agreement_pdf", args=[agreement_project.pk]))
    assert response.status_code == 200


def test_pdf_link_only_for_the_current_version(client, agreement_project, staff_user):
    confirm(agreement_project, staff_user, ConfirmingSide.GOVERNMENT)
    changed = [dict(COSTS[0], amount=1_500_000), COSTS[1]]
    version = save_agreement(agreement_project, staff_user, costs=changed)
    assert version.number == 2  # replaces the confirmed version 1
    client.force_login(staff_user)
    pdf_url = reverse("projects:agreement_pdf", args=[agreement_project.pk])
    page = reverse("projects:agreement_print", args=[agreement_project.pk])
    assert pdf_url in client.get(page).content.decode()
    assert pdf_url not in client.get(page + "?version=1").content.decode()
    agreement = reverse("projects:agreement", args=[agreement_project.pk])
    assert pdf_url in client.get(agreement).content.decode()


def test_pdf_in_english_has_english_words_punctuation_and_amounts(
    client, agreement_project, npo_user
):
    client.force_login(npo_user)
    client.cookies["django_language"] = "en"
    url = reverse("projects:agreement_pdf", args=[agreement_project.pk])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    reader = PdfReader(io.BytesIO(response.content))
    # Latin text set in the CJK font comes out of the extractor padded with NULs and spaces.
    text = re.sub(r"[\s\x00]", "", "".join(page.extract_text() for page in reader.pages))
    assert "¥1,200,000" in text and "円" not in text
    assert "Article4(Paymentterms)" in text
    assert "5Dec2026" in text
    for mark in ("：", "（", "）", "第4条"):
        assert mark not in text, mark
