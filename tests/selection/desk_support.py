"""Builders shared by the secretary's desk tests (progress grid, proxy entry; holds no tests)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kyodo_portal.core.roles import Role
from selection.models import Call
from tests.factories import NpoFactory, member
from tests.selection.support import apply, make_call, seat, selection_project

PDF = b"%PDF-1.4\n%%EOF\n"
# The published-style selection of the issue: six criteria of 10 points each, on a 1–10 scale.
SIX_CRITERIA = [
    ("事業の必要性", 10),
    ("実現可能性", 10),
    ("協働の効果", 10),
    ("実施体制", 10),
    ("経費の妥当性", 10),
    ("継続性・発展性", 10),
]


def scan(name="採点票.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def committee_call(office, *, members=5, applicants=4, criteria=SIX_CRITERIA, scale=(1, 10)):
    """A call under review with its committee and submitted applications:
    (call, [member users], [applications])."""
    project = selection_project(office, title="地域の居場所づくり事業")
    call = make_call(project, status=Call.Status.SCORING, criteria=criteria, scale=scale)
    users = [
        seat(call, member(Role.REVIEWER, office, name=f"委員{i + 1}"), is_chair=(i == 0))
        for i in range(members)
    ]
    applications = [
        apply(call, NpoFactory(name=f"特定非営利活動法人 団体{chr(0x41 + i)}"))
        for i in range(applicants)
    ]
    return call, users, applications
