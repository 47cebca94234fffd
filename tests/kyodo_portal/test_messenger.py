"""The messenger: every notice is worded in its recipient's language, posted to their list and
mailed once, unless they stopped its kind; and nothing else in the portal sends a notice."""

import ast
import pathlib

import pytest
from django.core import mail
from django.test import override_settings
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core import events, messenger, person_pages
from kyodo_portal.core.models import Notification, ReminderPreference
from kyodo_portal.core.roles import Role
from tests.factories import member

pytestmark = pytest.mark.django_db

TITLE = _("評価結果の明細（Excel）ができました")
ROOT = pathlib.Path(__file__).resolve().parents[2]


def words():
    return TITLE, "本文"


@pytest.fixture
def people(office):
    japanese = member(Role.STAFF, office, username="ja", email="ja@example.jp")
    english = member(
        Role.STAFF, office, username="en", email="en@example.jp", preferred_language="en"
    )
    actor = member(Role.STAFF, office, username="actor", email="actor@example.jp")
    return japanese, english, actor


def test_each_recipient_gets_the_notice_in_their_language_and_the_actor_none(
    people, django_capture_on_commit_callbacks
):
    japanese, english, actor = people
    with django_capture_on_commit_callbacks(execute=True):
        posted = messenger.notify(
            kind="proposal_submitted",
            recipients=[japanese, english, actor, japanese],
            url="/projects/proposals/1/",
            words=words,
            actor=actor,
        )
    assert [n.recipient for n in posted] == [japanese, english]
    titles = dict(Notification.objects.values_list("recipient__username", "title"))
    assert titles == {
        "ja": "評価結果の明細（Excel）ができました",
        "en": "Your evaluation results workbook (Excel) is ready",
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["en@example.jp", "ja@example.jp"]
    english_mail = next(m for m in mail.outbox if m.to == ["en@example.jp"])
    assert english_mail.subject == "Your evaluation results workbook (Excel) is ready"
    assert "/projects/proposals/1/" in english_mail.body
    assert english_mail.extra_headers["Message-ID"].startswith("<notice.")


def test_a_stopped_kind_is_not_sent_unless_the_registry_makes_it_mandatory(
    people, django_capture_on_commit_callbacks
):
    japanese, _english, _actor = people
    assert not events.kind_for("proposal_commented").mandatory
    assert events.kind_for("proposal_submitted").mandatory
    for kind in ("proposal_commented", "proposal_submitted"):
        ReminderPreference.objects.create(user=japanese, kind=kind, enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            messenger.notify(kind="proposal_commented", recipients=[japanese], url="/", words=words)
            == []
        )
        assert messenger.notify(
            kind="proposal_submitted", recipients=[japanese], url="/", words=words
        )
    assert len(mail.outbox) == 1


def test_an_unregistered_kind_is_refused_before_anything_is_posted(people):
    japanese, _english, _actor = people
    with pytest.raises(events.UnknownKind):
        messenger.notify(kind="no_such_kind", recipients=[japanese], url="/", words=words)
    assert not Notification.objects.exists()


def mail_callbacks(callbacks) -> list:
    """What a notice queued for after the commit besides moving its recipient's generation on
    (the stored copies of their pages count unread notices: kyodo_portal.core.person_pages)."""
    return [callback for callback in callbacks if callback.__module__ != person_pages.__name__]


def test_without_mail_posts_the_notice_but_mails_nothing(
    people, django_capture_on_commit_callbacks
):
    japanese, _english, _actor = people
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        messenger.without_mail(),
    ):
        assert messenger.notify(
            kind="proposal_commented", recipients=[japanese], url="/", words=words
        )
    assert not mail_callbacks(callbacks) and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        messenger.notify(kind="proposal_commented", recipients=[japanese], url="/", words=words)
    assert len(mail.outbox) == 1  # mail again once the block is left


@override_settings(SITE_URL="https://kyodo.example.jp/portal")
def test_the_mail_links_to_the_page_on_site_url(people, django_capture_on_commit_callbacks):
    japanese, _english, _actor = people
    with django_capture_on_commit_callbacks(execute=True):
        messenger.notify(
            kind="proposal_commented",
            recipients=[japanese],
            url="/projects/proposals/7/",
            words=words,
        )
    assert "https://kyodo.example.jp/portal/projects/proposals/7/" in mail.outbox[0].body


def test_a_notice_is_mailed_once_however_often_its_task_runs(
    people, django_capture_on_commit_callbacks
):
    japanese, _english, _actor = people
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = messenger.notify(
            kind="proposal_commented", recipients=[japanese], url="/", words=words
        )
    assert messenger.mail_notification(notification_id=notice.pk) == "skipped"
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.mailed_at is not None and notice.kind == "proposal_commented"


def test_a_notice_is_not_mailed_when_the_change_is_rolled_back(
    people, django_capture_on_commit_callbacks
):
    japanese, _english, _actor = people
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        messenger.notify(kind="proposal_commented", recipients=[japanese], url="/", words=words)
    assert len(mail_callbacks(callbacks)) == 1 and not mail.outbox


SENDERS = ("EmailMessage", "send_mail", "send_mass_mail", "EmailMultiAlternatives")


def _sends_notice(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in SENDERS:
            found.append(node.id)
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "create"
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "Notification"
        ):
            found.append("Notification.objects.create")
    return found


def test_nothing_but_the_messenger_sends_a_notice():
    offenders = {}
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "benchmarks/")) or "/migrations/" in relative:
            continue
        if relative == "kyodo_portal/core/messenger.py":
            continue
        if found := _sends_notice(ast.parse(path.read_text(encoding="utf-8"))):
            offenders[relative] = found
    assert not offenders, offenders
