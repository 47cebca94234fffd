"""Every page, API answer and download, read in English by each role, is English.

The access matrix's world (one of everything, public and private) is requested in English by its
seven callers, every URL pattern each. What a reader sees — the text of an HTML page with its
titles, labels and button values, or the whole body of JSON, CSV and plain text — must hold no
Japanese character outside user data: what people typed (names, plans, reasons), and the
casebook's and guide's Japanese originals, which pages mark up as such (``lang="ja"``).

The portal's own words are not user data even where they are stored: the default scoring
criteria a call keeps, and what the portal records in a project's history or a call's change
log, are worded for the reader.
"""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from projects.models import ProjectEvent
from projects.services import event_note
from selection.call_changes import change_log
from selection.defaults import DEFAULT_CRITERIA
from selection.models import CallRevision
from selection.services import call_snapshot
from selection.services.decisions import CALL_DECIDED_NOTE
from tests.security.test_access_matrix import (
    ROLES,
    _body,
    _objects,
    clients,
    portal_routes,
    url_for,
)

pytestmark = pytest.mark.django_db

# Kana, kanji and the full-width forms (punctuation included): any of them is a Japanese leak.
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff9f]+")
VOID = {"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
READ_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "value", "content"}

# Text fields that hold the portal's own words rather than a person's.
PORTAL_WORDS = {
    ("projects", "SuitabilityAnswer"): {"question"},
    ("evaluation", "Answer"): {"item", "group", "principle"},
    ("partners", "ActivityField"): {"name_ja"},
    ("kyodo_portal", "Reminder"): {"kind", "status_reason"},
}
DEFAULT_TEXTS = {text for name, description, _w in DEFAULT_CRITERIA for text in (name, description)}


class ReadableText(HTMLParser):
    """The text a reader meets on a page, without scripts, styles and lang="ja" passages."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hides = tag in ("script", "style") or (attributes.get("lang") or "").startswith("ja")
        if tag not in VOID:
            self.hidden.append(hides)
        if hides or any(self.hidden):
            return
        self.parts += [v for k, v in attrs if k in READ_ATTRIBUTES and v]

    def handle_endtag(self, tag):
        if tag not in VOID and self.hidden:
            self.hidden.pop()

    def handle_data(self, data):
        if not any(self.hidden):
            self.parts.append(data)


def user_data() -> list[str]:
    """Every Japanese text people stored, longest first (so a long one is removed whole)."""
    found = {settings.OPEN_DATA_PUBLISHER}
    for model in apps.get_models():
        skipped = PORTAL_WORDS.get((model._meta.app_label, model.__name__), set())
        names = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, (models.CharField, models.TextField))
            and not field.choices
            and field.name not in skipped
            and not field.name.endswith("_ja")
        ]
        if not names:
            continue
        for row in model.objects.values_list(*names):
            for value in row:
                if value and JAPANESE.search(value) and value not in DEFAULT_TEXTS:
                    found.add(value)
                    found.update(line.strip() for line in value.splitlines() if line.strip())
    return sorted(found, key=len, reverse=True)


def readable(response) -> str | None:
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        parser = ReadableText()
        parser.feed(_body(response))
        return unescape("\n".join(parser.parts))
    if any(kind in content_type for kind in ("json", "csv", "text/plain", "yaml")):
        return _body(response)
    return None  # files: PDF, Excel, attachments


def portal_words(world, staff_user):
    """Stored words of the portal's own: a history note and a corrected call's change log."""
    ProjectEvent.objects.create(
        project=world.active,
        actor=staff_user,
        from_stage="partner_selection",
        to_stage="agreement",
        note=event_note(CALL_DECIDED_NOTE, call="TEST-CALL", reason="TEST-REASON"),
    )
    first = call_snapshot(world.call)
    corrected = {**first, "budget_cap": first["budget_cap"] + 100_000}
    corrected["criteria"] = [dict(c) for c in first["criteria"]]
    name, description, _weight = DEFAULT_CRITERIA[1]
    corrected["criteria"][0].update(name=name, description=description)
    published_at = world.call.revisions.order_by("number").last()
    number = published_at.number if published_at else 0
    for offset, snapshot in enumerate((first, corrected), start=1):
        CallRevision.objects.create(
            call=world.call,
            number=number + offset,
            snapshot=snapshot,
            changes=change_log(first, snapshot),  # stored in Japanese, as staff published it
            published_by=staff_user,
            published_at=world.call.results_published_at,
        )


def test_every_page_reads_in_english_for_every_role(world, people, npo, npo_user, staff_user):
    objects = _objects(world, npo, npo_user, staff_user, people["manager"])
    portal_words(world, staff_user)
    by_role = clients(people)
    stored = user_data()
    leaks: dict[str, str] = {}
    read = 0
    for route, name in portal_routes():
        url = url_for(route, name, world, objects)
        for role in ROLES:
            client = by_role[role]
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
            text = readable(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
            if text is None:
                continue
            read += 1
            for value in stored:
                text = text.replace(value, " ")
            for match in JAPANESE.finditer(text):
                around = text[max(0, match.start() - 50) : match.end() + 30].split()
                leaks.setdefault(match.group(0), f"{url} as {role}: …{' '.join(around)}…")
    print(f"english: {read} answers read")
    assert read > 500, "the crawl read too little to mean anything"
    assert not leaks, "Japanese in English pages:\n" + "\n".join(
        f"{fragment!r} at {where}" for fragment, where in sorted(leaks.items())
    )


def test_the_crawl_sees_a_leak():
    """The reader of the test finds portal text left in Japanese, and lets marked-up
    Japanese and people's data through."""
    parser = ReadableText()
    parser.feed(
        '<p>Membership：Office</p><p lang="ja">協働の手引</p>'
        '<select><option lang="ja" value="ja">日本語</option></select><input value="送信">'
    )
    text = "\n".join(parser.parts)
    assert JAPANESE.findall(text) == ["：", "送信"]
