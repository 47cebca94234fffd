"""Event notices of the evaluation app: who is told what, when something happens here.

Each function is called by the service that made the change, inside its transaction; the
messenger posts the notice at once and mails it once the transaction commits.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core import events, messenger
from kyodo_portal.core.roles import Role
from partners.selectors import people_of

THIRD_PARTY_REQUESTED = events.register(
    "third_party_requested", _("第三者のコメントの依頼"), mandatory=True
)
THIRD_PARTY_GIVEN = events.register("third_party_given", _("第三者のコメントの記入"))


def _exchange_url(round_) -> str:
    return reverse("evaluation:exchange", args=[round_.pk]) + "#third-party"


def third_party_requested(request, *, actor) -> None:
    """To the owner office's managers: staff ask them for the third party's comment."""
    round_ = request.round
    project = round_.project
    messenger.notify(
        kind=THIRD_PARTY_REQUESTED,
        recipients=people_of([project.owner_office_id], Role.MANAGER),
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


def third_party_given(round_, requesters, *, actor) -> None:
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
