"""Event notices of the projects app: who is told what, when something happens here.

Each function is called by the service that made the change, inside its transaction; the
messenger posts the notice at once and mails it once the transaction commits. The words are
built only inside ``words()``, which the messenger calls in each recipient's language.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo_portal.core import events, messenger
from kyodo_portal.core.roles import Role
from partners.selectors import people_of
from projects.choices import ConfirmingSide, Stage
from projects.selectors import other_side

PROPOSAL_SUBMITTED = events.register(
    "proposal_submitted",
    gettext_lazy("協働提案が提出されたとき"),
    mandatory=True,
    roles={Role.STAFF},
)
PROPOSAL_COMMENTED = events.register(
    "proposal_commented",
    gettext_lazy("協働提案に相手側がコメントしたとき"),
    roles={Role.STAFF, Role.NPO},
)
PROPOSAL_ADOPTED = events.register(
    "proposal_adopted", gettext_lazy("協働提案が採択されたとき"), mandatory=True, roles={Role.NPO}
)
PROPOSAL_DECLINED = events.register(
    "proposal_declined",
    gettext_lazy("協働提案が不採択になったとき"),
    mandatory=True,
    roles={Role.NPO},
)
AGREEMENT_READY = events.register(
    "agreement_ready",
    gettext_lazy("協定案の版が確認を待っているとき"),
    mandatory=True,
    roles={Role.STAFF, Role.NPO},
)
AGREEMENT_CONFIRMED = events.register(
    "agreement_confirmed",
    gettext_lazy("協定案を相手側が確認したとき"),
    roles={Role.STAFF, Role.NPO},
)
NOTE_ADDED = events.register(
    "note_added", gettext_lazy("実施の記録を相手側が追加したとき"), roles={Role.STAFF, Role.NPO}
)
PROJECT_ADVANCED = events.register(
    "project_advanced", gettext_lazy("事業が次の段階に進んだとき"), roles={Role.STAFF, Role.NPO}
)
PROJECT_RETURNED = events.register(
    "project_returned", gettext_lazy("事業が前の段階に戻されたとき"), roles={Role.STAFF, Role.NPO}
)
AGREEMENT_COMMENTED = events.register(
    "agreement_commented",
    gettext_lazy("協定案の条項に相手側がコメントしたとき"),
    mandatory=False,
    roles={Role.STAFF, Role.NPO},
)
# The office must answer a change request with a new version: it cannot be stopped.
AGREEMENT_CHANGE_REQUESTED = events.register(
    "agreement_change_requested",
    gettext_lazy("協定案の修正をNPOが依頼したとき"),
    mandatory=True,
    roles={Role.STAFF},
)


def notify_proposal_submitted(*, proposal, by) -> list:
    """The addressed office hears of a proposal sent to it."""
    return messenger.notify(
        kind=PROPOSAL_SUBMITTED,
        recipients=people_of([proposal.addressed_office_id], Role.STAFF),
        url=proposal.get_absolute_url(),
        words=lambda: (
            _("協働提案「%(title)s」が提出されました") % {"title": proposal.title},
            _(
                "%(organization)sから協働提案「%(title)s」が提出されました。"
                "内容を確認し、事前協議を始めてください。"
            )
            % {"organization": proposal.organization.display_name, "title": proposal.title},
        ),
        actor=by,
    )


def notify_proposal_commented(*, comment, by) -> list:
    """The other side of the consultation hears of a comment on the proposal."""
    proposal = comment.proposal
    if comment.side == ConfirmingSide.GOVERNMENT:
        recipients = people_of([proposal.organization_id], Role.NPO)
    else:
        recipients = people_of([proposal.addressed_office_id], Role.STAFF)
    return messenger.notify(
        kind=PROPOSAL_COMMENTED,
        recipients=recipients,
        url=f"{proposal.get_absolute_url()}#comment-{comment.pk}",
        words=lambda: (
            _("協働提案「%(title)s」にコメントがありました") % {"title": proposal.title},
            _("%(name)sさんのコメント：\n%(body)s")
            % {"name": comment.author.get_full_name(), "body": comment.body},
        ),
        actor=by,
    )


def notify_proposal_adopted(*, proposal, project, by) -> list:
    """The proposing NPO hears that its proposal became a project."""
    return messenger.notify(
        kind=PROPOSAL_ADOPTED,
        recipients=people_of([proposal.organization_id], Role.NPO),
        url=proposal.get_absolute_url(),
        words=lambda: (
            _("協働提案「%(title)s」が採択されました") % {"title": proposal.title},
            _(
                "%(office)sが協働提案「%(title)s」を採択しました。"
                "協働事業として、適否検討から始まります。"
            )
            % {"office": proposal.addressed_office.display_name, "title": proposal.title},
        ),
        actor=by,
    )


def notify_proposal_declined(*, proposal, by) -> list:
    """The proposing NPO hears that its proposal was declined, and why."""
    return messenger.notify(
        kind=PROPOSAL_DECLINED,
        recipients=people_of([proposal.organization_id], Role.NPO),
        url=proposal.get_absolute_url(),
        words=lambda: (
            _("協働提案「%(title)s」は不採択になりました") % {"title": proposal.title},
            _("%(office)sからの理由：\n%(reason)s")
            % {"office": proposal.addressed_office.display_name, "reason": proposal.decline_reason},
        ),
        actor=by,
    )


def notify_agreement_ready(*, project, version, by) -> list:
    """The other side hears that a version of the agreement waits for its confirmation."""
    return messenger.notify(
        kind=AGREEMENT_READY,
        recipients=other_side(project, by),
        url=reverse("projects:agreement", args=[project.pk]),
        words=lambda: (
            _("協定案（第%(number)s版）の確認をお願いします") % {"number": version.number},
            _(
                "事業「%(title)s」の協定案（第%(number)s版）が保存されました。"
                "内容を読み、よければ確認してください。"
            )
            % {"title": project.title, "number": version.number},
        ),
        actor=by,
    )


def notify_agreement_confirmed(*, project, confirmation, by) -> list:
    """The other side hears that one side confirmed the agreement version."""
    number = confirmation.version.number
    return messenger.notify(
        kind=AGREEMENT_CONFIRMED,
        recipients=other_side(project, by),
        url=reverse("projects:agreement", args=[project.pk]),
        words=lambda: (
            _("協定案（第%(number)s版）を%(side)sが確認しました")
            % {"number": number, "side": confirmation.get_side_display()},
            _("事業「%(title)s」の協定案（第%(number)s版）を%(side)sが確認しました。")
            % {"title": project.title, "number": number, "side": confirmation.get_side_display()},
        ),
        actor=by,
    )


def notify_note_added(*, note, by) -> list:
    """The other side hears of a progress note or meeting record."""
    project = note.project
    return messenger.notify(
        kind=NOTE_ADDED,
        recipients=other_side(project, by),
        url=reverse("projects:notes", args=[project.pk]),
        words=lambda: (
            _("事業「%(title)s」に実施の記録が追加されました") % {"title": project.title},
            _("%(name)sさんが実施の記録「%(note)s」を追加しました。")
            % {"name": by.get_full_name(), "note": note.title},
        ),
        actor=by,
    )


def notify_project_moved(*, project, event, by) -> list:
    """The other side hears that the project moved on, or was sent back (with the reason)."""
    kind = PROJECT_RETURNED if event.is_backward else PROJECT_ADVANCED

    def words():
        names = {"title": project.title, "stage": Stage(event.to_stage).label}
        if event.is_backward:
            title = _("事業「%(title)s」が「%(stage)s」に戻されました") % names
        else:
            title = _("事業「%(title)s」が「%(stage)s」に進みました") % names
        body = title
        if event.comment:
            body += "\n" + _("コメント：%(comment)s") % {"comment": event.comment}
        return title, body

    return messenger.notify(
        kind=kind,
        recipients=other_side(project, by),
        url=project.get_absolute_url(),
        words=words,
        actor=by,
    )


def notify_agreement_commented(comment) -> list:
    """The other side hears of a comment on an article of the agreement draft."""
    version = comment.version
    project = version.agreement.project

    def words():
        names = {
            "organization": comment.organization.display_name,
            "title": project.title,
            "number": version.number,
            "article": comment.get_article_display(),
        }
        title = _("協定案（第%(number)s版）の「%(article)s」にコメントがありました") % names
        body = (
            _(
                "%(organization)sが、事業「%(title)s」の協定案（第%(number)s版）の"
                "「%(article)s」にコメントしました。"
            )
            % names
        )
        return title, body + "\n\n" + comment.body

    return messenger.notify(
        kind=AGREEMENT_COMMENTED,
        recipients=other_side(project, comment.author),
        url=reverse("projects:agreement", args=[project.pk]) + f"#thread-{comment.article}",
        words=words,
        actor=comment.author,
    )


def notify_agreement_change_requested(change_request) -> list:
    """The office hears that the NPO asks for an article to change, and why; it answers by
    saving a new version, which settles the request."""
    version = change_request.version
    project = version.agreement.project

    def words():
        names = {
            "organization": change_request.organization.display_name,
            "title": project.title,
            "number": version.number,
            "article": change_request.get_article_display(),
        }
        title = _("協定案（第%(number)s版）の「%(article)s」の修正依頼") % names
        body = (
            _(
                "%(organization)sから、事業「%(title)s」の協定案（第%(number)s版）の"
                "「%(article)s」について修正の依頼がありました。内容を検討し、協定案を直して"
                "保存すると、新しい版でこの依頼は対応済みになります。"
            )
            % names
        )
        return title, body + "\n\n" + change_request.reason

    return messenger.notify(
        kind=AGREEMENT_CHANGE_REQUESTED,
        recipients=people_of([project.owner_office_id], Role.STAFF),
        url=reverse("projects:agreement", args=[project.pk]) + "#change-requests",
        words=words,
        actor=change_request.requested_by,
    )
