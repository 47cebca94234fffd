"""Event notices of the selection app: who is told what, when something happens here.

Each function is called by the service that made the change, inside its transaction; the
messenger posts the notice at once and mails it once the transaction commits. The words are
built only inside ``words()``, which the messenger calls in each recipient's language.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo_portal.core import events, messenger
from kyodo_portal.core.dates import display_datetime
from kyodo_portal.core.punctuation import join_list, punctuate
from kyodo_portal.core.roles import Role
from partners.selectors import people_of

APPLICATION_RECEIVED = events.register(
    "application_received", gettext_lazy("公募に応募があったとき"), roles={Role.STAFF}
)
APPLICATION_WITHDRAWN = events.register(
    "application_withdrawn", gettext_lazy("応募が取り下げられたとき"), roles={Role.STAFF}
)
COMMITTEE_APPOINTED = events.register(
    "committee_appointed",
    gettext_lazy("選定委員に任命されたとき"),
    mandatory=True,
    roles={Role.REVIEWER},
)
SCORING_OPENED = events.register(
    "scoring_opened",
    gettext_lazy("選定委員による採点が始まったとき"),
    mandatory=True,
    roles={Role.REVIEWER},
)
CONFLICT_DECLARED = events.register(
    "conflict_declared", gettext_lazy("選定委員が利害関係を申告したとき"), roles={Role.STAFF}
)
CALL_DECIDED = events.register(
    "call_decided",
    gettext_lazy("応募した公募の選定結果が決まったとき"),
    mandatory=True,
    roles={Role.NPO},
)
RESULTS_PUBLISHED = events.register(
    "results_published", gettext_lazy("応募した公募の選定結果が公表されたとき"), roles={Role.NPO}
)


def _office_staff(call) -> list:
    return people_of([call.project.owner_office_id], Role.STAFF)


def notify_application_received(*, application, by) -> list:
    """The office running the call hears of an application submitted to it."""
    call = application.call
    return messenger.notify(
        kind=APPLICATION_RECEIVED,
        recipients=_office_staff(call),
        url=application.get_absolute_url(),
        words=lambda: (
            _("公募「%(call)s」に応募がありました") % {"call": call.title},
            _("%(organization)sが「%(title)s」で応募しました。")
            % {"organization": application.organization.display_name, "title": application.title},
        ),
        actor=by,
    )


def notify_application_withdrawn(*, application, by) -> list:
    """The office running the call hears that an application was withdrawn."""
    call = application.call
    return messenger.notify(
        kind=APPLICATION_WITHDRAWN,
        recipients=_office_staff(call),
        url=call.get_absolute_url(),
        words=lambda: (
            _("公募「%(call)s」への応募が取り下げられました") % {"call": call.title},
            _("%(organization)sが応募「%(title)s」を取り下げました。")
            % {"organization": application.organization.display_name, "title": application.title},
        ),
        actor=by,
    )


def notify_committee_appointed(*, member, by) -> list:
    """The reviewer hears that they sit on a call's committee."""
    call = member.call
    return messenger.notify(
        kind=COMMITTEE_APPOINTED,
        recipients=[member.user],
        url=reverse("selection:review_call", args=[call.pk]),
        words=lambda: (
            _("公募「%(call)s」の選定委員に任命されました") % {"call": call.title},
            _(
                "公募「%(call)s」の選定委員に任命されました。"
                "採点が始まるとお知らせします。氏名の公表についての同意をご確認ください。"
            )
            % {"call": call.title},
        ),
        actor=by,
    )


def notify_scoring_opened(*, call, by) -> list:
    """The committee hears that the applications are ready to be scored."""
    members = [member.user for member in call.committee.select_related("user")]
    return messenger.notify(
        kind=SCORING_OPENED,
        recipients=members,
        url=reverse("selection:review_call", args=[call.pk]),
        words=lambda: (
            _("公募「%(call)s」の採点が始まりました") % {"call": call.title},
            _(
                "応募の受付を締め切り、採点を始めました。"
                "各応募について利害関係の有無を申告してから採点してください。"
            ),
        ),
        actor=by,
    )


def notify_conflict_declared(*, declaration, by) -> list:
    """The office hears that a reviewer declared a conflict with an application."""
    application = declaration.application
    call = application.call
    return messenger.notify(
        kind=CONFLICT_DECLARED,
        recipients=_office_staff(call),
        url=reverse("selection:committee", args=[call.pk]),
        words=lambda: (
            _("公募「%(call)s」で利害関係の申告がありました") % {"call": call.title},
            _(
                "%(name)sさんが%(organization)sの応募について利害関係を申告しました。理由：%(reason)s"
            )
            % {
                "name": by.get_full_name(),
                "organization": application.organization.display_name,
                "reason": declaration.reason,
            },
        ),
        actor=by,
    )


def _submitted(call) -> list:
    from selection.models import Application

    return list(
        call.applications.filter(status=Application.Status.SUBMITTED).select_related("organization")
    )


def notify_call_decided(*, call, by) -> list:
    """Each applicant hears the decision, on its own application's page."""
    posted = []
    for application in _submitted(call):
        chosen = application.pk == call.chosen_application_id

        def words(application=application, chosen=chosen):
            title = _("公募「%(call)s」の選定結果が決まりました") % {"call": call.title}
            if chosen:
                body = _("応募「%(title)s」が選ばれました。協定の協議に進みます。")
            else:
                body = _("応募「%(title)s」は、今回は選ばれませんでした。")
            body = body % {"title": application.title}
            return title, body + "\n" + _("選定の理由：%(reason)s") % {
                "reason": call.decision_reason
            }

        posted += messenger.notify(
            kind=CALL_DECIDED,
            recipients=people_of([application.organization_id], Role.NPO),
            url=application.get_absolute_url(),
            words=words,
            actor=by,
        )
    return posted


def notify_results_published(*, call, by) -> list:
    """The applicants hear that the results and their reasons are on the public page."""
    return messenger.notify(
        kind=RESULTS_PUBLISHED,
        recipients=people_of([a.organization_id for a in _submitted(call)], Role.NPO),
        url=call.get_public_url(),
        words=lambda: (
            _("公募「%(call)s」の選定結果が公表されました") % {"call": call.title},
            _("選定の結果と理由を公開のページに掲載しました。"),
        ),
        actor=by,
    )


MEMBER_REMINDED = events.register(
    "member_reminded",
    gettext_lazy("事務局から申告・採点の督促があったとき"),
    roles={Role.REVIEWER},
    mandatory=True,
)


def owed_text(owed: dict) -> str:
    """'未申告：A、B／未採点：C' in the reader's language."""
    parts = []
    if owed.get("undeclared"):
        parts.append(_("未申告：%(names)s") % {"names": join_list(owed["undeclared"])})
    if owed.get("unscored"):
        parts.append(_("未採点：%(names)s") % {"names": join_list(owed["unscored"])})
    return punctuate("／").join(parts)


def notify_member_reminded(*, call, member, owed, by) -> list:
    """A member hears from the office which applications still wait for them."""
    return messenger.notify(
        kind=MEMBER_REMINDED,
        recipients=[member.user],
        url=reverse("selection:review_call", args=[call.pk]),
        words=lambda: (
            _("公募「%(call)s」の申告・採点をお願いします") % {"call": call.title},
            _(
                "公募「%(call)s」で、まだ済んでいない申告・採点があります（%(owed)s）。"
                "審査期限は%(deadline)sです。"
            )
            % {
                "call": call.title,
                "owed": owed_text(owed),
                "deadline": display_datetime(call.scoring_deadline),
            },
        ),
        actor=by,
    )
