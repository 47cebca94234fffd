"""Event notices of the evaluation app: who is told what, when something happens here.

Each function is called by the service that made the change, inside its transaction; the
messenger posts the notice at once and mails it once the transaction commits. The words are
built only inside ``words()``, which the messenger calls in each recipient's language.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo_portal.core import events, messenger
from kyodo_portal.core.roles import Role
from partners.selectors import managers_of_body_of, people_of

# The workbook a manager asked for is ready (or failed): announced in the list only.
RESULTS_EXPORT = events.register(
    "results_export",
    gettext_lazy("評価結果の明細（Excel）ができたとき"),
    mandatory=True,
    roles={Role.MANAGER},
)
EVALUATION_SUBMITTED = events.register(
    "evaluation_submitted",
    gettext_lazy("相手側が評価シートを提出したとき"),
    roles={Role.STAFF, Role.NPO},
)
ROUND_UNSEALED = events.register(
    "round_unsealed",
    gettext_lazy("双方の評価がそろい、意見交換が始まったとき"),
    roles={Role.STAFF, Role.NPO},
)
IMPROVEMENT_TO_ACKNOWLEDGE = events.register(
    "improvement_to_acknowledge",
    gettext_lazy("引き継がれた改善点の反映を確認する必要があるとき"),
    mandatory=True,
    roles={Role.STAFF},
)


def _partner_people(project) -> list:
    from projects.permissions import confirmed_partner_ids

    return people_of(confirmed_partner_ids(project), Role.NPO)


def notify_evaluation_submitted(*, sheet, by) -> list:
    """The other side hears that one side submitted its sheet (its content stays sealed until
    both have)."""
    from evaluation.models import Side

    round_ = sheet.round
    project = round_.project
    if sheet.side == Side.GOVERNMENT:
        recipients = _partner_people(project)
    else:
        recipients = people_of([project.owner_office_id], Role.STAFF)
    return messenger.notify(
        kind=EVALUATION_SUBMITTED,
        recipients=recipients,
        url=reverse("evaluation:project", args=[project.pk]),
        words=lambda: (
            _("事業「%(title)s」の%(round)sで、相手側が評価シートを提出しました")
            % {"title": project.title, "round": round_.get_kind_display()},
            _(
                "%(organization)sが%(round)sの評価シートを提出しました。"
                "内容は、双方の提出がそろうまで公開されません。"
            )
            % {
                "organization": sheet.organization.display_name,
                "round": round_.get_kind_display(),
            },
        ),
        actor=by,
    )


def notify_round_unsealed(*, round_, by) -> list:
    """Both sides, and the office's managers, hear that both sheets are in: the exchange opens."""
    project = round_.project
    recipients = (
        people_of([project.owner_office_id], Role.STAFF)
        + _partner_people(project)
        + managers_of_body_of(project.owner_office_id)
    )
    return messenger.notify(
        kind=ROUND_UNSEALED,
        recipients=recipients,
        url=round_.get_absolute_url(),
        words=lambda: (
            _("事業「%(title)s」の%(round)sの評価がそろいました")
            % {"title": project.title, "round": round_.get_kind_display()},
            _(
                "双方の評価シートが提出され、互いの評価を読めるようになりました。"
                "意見交換の準備を始めてください。"
            ),
        ),
        actor=by,
    )


def notify_improvement_to_acknowledge(*, item, by) -> list:
    """The staff planning a project the item applies to hear that it waits for their answer."""
    posted = []
    from evaluation.selectors import projects_to_acknowledge

    for project in projects_to_acknowledge(item):
        posted += messenger.notify(
            kind=IMPROVEMENT_TO_ACKNOWLEDGE,
            recipients=people_of([project.owner_office_id], Role.STAFF),
            url=project.get_absolute_url(),
            words=lambda project=project: (
                _("事業「%(title)s」に引き継がれた改善点があります") % {"title": project.title},
                _(
                    "「%(source)s」の評価で次の改善点が挙がりました。"
                    "この事業にどう反映するかを記入してください。\n%(text)s"
                )
                % {"source": item.project.title, "text": item.text},
            ),
            actor=by,
        )
    return posted


THIRD_PARTY_REQUESTED = events.register(
    "third_party_requested",
    gettext_lazy("第三者のコメントの依頼を受けたとき"),
    mandatory=True,
    roles={Role.MANAGER},
)
THIRD_PARTY_GIVEN = events.register(
    "third_party_given",
    gettext_lazy("依頼した第三者のコメントが記入されたとき"),
    roles={Role.STAFF},
)


def _exchange_url(round_) -> str:
    return reverse("evaluation:exchange", args=[round_.pk]) + "#third-party"


def notify_third_party_requested(request, *, actor) -> None:
    """To the owner office's managers: staff ask them for the third party's comment."""
    round_ = request.round
    project = round_.project
    messenger.notify(
        kind=THIRD_PARTY_REQUESTED,
        recipients=managers_of_body_of(project.owner_office_id),
        url=_exchange_url(round_),
        words=lambda: (
            _("第三者のコメントの依頼：%(title)s") % {"title": project.title},
            _(
                "%(name)sさんから、「%(title)s」の%(kind)sに第三者のコメントを記入するよう"
                "依頼がありました。"
            )
            % {
                "name": actor.get_full_name() or actor.get_username(),
                "title": project.title,
                "kind": round_.get_kind_display(),
            }
            + (f"\n\n{request.message}" if request.message else ""),
        ),
        actor=actor,
    )


def notify_third_party_given(round_, requesters, *, actor) -> None:
    """To the staff who asked: the third party's comment is now on the exchange page."""
    project = round_.project
    messenger.notify(
        kind=THIRD_PARTY_GIVEN,
        recipients=requesters,
        url=_exchange_url(round_),
        words=lambda: (
            _("第三者のコメントが記入されました：%(title)s") % {"title": project.title},
            _("依頼した「%(title)s」の第三者のコメントが記入されました。")
            % {"title": project.title},
        ),
        actor=actor,
    )
