"""Event notices of the projects app: who is told what, when something happens here.

Each function is called by the service that made the change, inside its transaction; the
messenger posts the notice at once and mails it once the transaction commits.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo_portal.core import events, messenger
from kyodo_portal.core.roles import Role
from partners.selectors import people_of
from projects.models import AgreementChangeRequest, AgreementComment, ProjectPartner

AGREEMENT_COMMENTED = events.register(
    "agreement_commented", gettext_lazy("協定案へのコメント"), mandatory=False
)
# The office must answer a change request with a new version: it cannot be stopped.
AGREEMENT_CHANGE_REQUESTED = events.register(
    "agreement_change_requested", gettext_lazy("協定案の修正依頼"), mandatory=True
)


def _other_side(version, organization_id: int) -> list:
    """The people of the side that did not write: the office's staff when an NPO wrote, the
    partner NPOs' members when the office wrote."""
    project = version.agreement.project
    if organization_id == project.owner_office_id:
        partner_ids = ProjectPartner.objects.filter(project=project).exclude(
            status=ProjectPartner.Status.WITHDRAWN
        )
        return people_of(list(partner_ids.values_list("organization_id", flat=True)), Role.NPO)
    return people_of([project.owner_office_id], Role.STAFF)


def notify_agreement_commented(comment: AgreementComment) -> list:
    version = comment.version
    project = version.agreement.project

    def words():
        title = _("【協働ポータル】協定案にコメントがありました：%(title)s") % {
            "title": project.title
        }
        body = _(
            "%(organization)sが協働事業「%(title)s」の協定案（第%(number)s版）の"
            "「%(article)s」にコメントしました。\n\n%(body)s"
        ) % {
            "organization": comment.organization,
            "title": project.title,
            "number": version.number,
            "article": comment.get_article_display(),
            "body": comment.body,
        }
        return title, body

    return messenger.notify(
        kind=AGREEMENT_COMMENTED,
        recipients=_other_side(version, comment.organization_id),
        url=reverse("projects:agreement", args=[project.pk]) + f"#thread-{comment.article}",
        words=words,
        actor=comment.author,
    )


def notify_agreement_change_requested(change_request: AgreementChangeRequest) -> list:
    version = change_request.version
    project = version.agreement.project

    def words():
        title = _("【協働ポータル】協定案の修正依頼：%(title)s") % {"title": project.title}
        body = _(
            "%(organization)sから、協働事業「%(title)s」の協定案（第%(number)s版）の"
            "「%(article)s」について修正の依頼がありました。内容を検討し、協定案を編集して"
            "新しい版として保存すると、依頼はその版で対応済みになります。\n\n%(reason)s"
        ) % {
            "organization": change_request.organization,
            "title": project.title,
            "number": version.number,
            "article": change_request.get_article_display(),
            "reason": change_request.reason,
        }
        return title, body

    return messenger.notify(
        kind=AGREEMENT_CHANGE_REQUESTED,
        recipients=_other_side(version, change_request.organization_id),
        url=reverse("projects:agreement", args=[project.pk]) + "#change-requests",
        words=words,
        actor=change_request.requested_by,
    )
