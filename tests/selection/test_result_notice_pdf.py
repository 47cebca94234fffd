"""The 選定結果通知書 as a PDF: to the office once decided, to the applicant once public."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kyodo_portal.core.dates import display_date
from selection.models import Call
from tests.selection.support import apply, make_call, seat, selection_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def decided(office, npo, other_npo, staff_user):
    call = make_call(
        selection_project(office, title="子育て広場運営事業"),
        status=Call.Status.SCORING,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    winner, runner = apply(call, npo), apply(call, other_npo)
    call.status = Call.Status.DECIDED
    call.chosen_application = winner
    call.decision_reason = "地域での実績を評価した。"
    call.decided_by = staff_user
    call.decided_at = timezone.now()
    call.save()
    return call, winner, runner


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s", "", "".join(page.extract_text() for page in reader.pages))


def url(application):
    return reverse("selection:result_notice_pdf", args=[application.pk])


def test_office_gets_the_notices_once_decided(client, decided, staff_user, npo, other_npo):
    call, winner, runner = decided
    client.force_login(staff_user)
    text = pdf_text(client.get(url(winner)))
    assert "選定結果通知書" in text and npo.name.replace(" ", "") in text
    assert "選定" in text and "非選定" not in text and "地域での実績を評価した。" in text
    assert display_date(timezone.localdate(call.decided_at), "ja") in text
    text = pdf_text(client.get(url(runner)))
    assert other_npo.name.replace(" ", "") in text and "非選定" in text
    assert "地域での実績を評価した。" not in text


def test_applicant_waits_for_publication(client, decided, npo_user):
    call, winner, _runner = decided
    client.force_login(npo_user)
    response = client.get(url(winner))
    assert response.status_code == 302  # back to the application, with the reason
    page = client.get(reverse("selection:application_detail", args=[winner.pk]))
    assert url(winner) not in page.content.decode()
    call.status = Call.Status.PUBLISHED
    call.results_published_at = timezone.now()
    call.save()
    assert "選定" in pdf_text(client.get(url(winner)))
    page = client.get(reverse("selection:application_detail", args=[winner.pk]))
    assert url(winner) in page.content.decode()


def test_others_get_404(client, decided, npo_user, other_staff_user, reviewer_user):
    call, _winner, runner = decided
    seat(call, reviewer_user)  # a committee member reads applications, but gets no notice
    for user in (npo_user, other_staff_user, reviewer_user):
        client.force_login(user)
        assert client.get(url(runner)).status_code == 404
