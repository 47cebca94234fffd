"""Workflow gates owned by the evaluation app, called by ``projects.workflow``.

Each takes the project's facts (projects.facts), has no side effects and returns None when the
gate is open, else the reason it is closed (in the active language), so the project page can say
what is missing. A bare project is read afresh.
"""

from django.utils.translation import gettext_lazy as _

from evaluation.facts import evaluation_facts
from evaluation.models import Evaluation, RoundKind
from projects.facts import ProjectFacts, facts_of
from projects.models import Project

NO_FINAL_ROUND = _(
    "最終評価がまだ始まっていません。担当課とNPOがそれぞれ評価シートを提出してください。"
)
NO_PARTNER = _("評価する協働相手のNPOが登録されていません。")
GOVERNMENT_NOT_SUBMITTED = _("担当課（%(organization)s）の最終評価が提出されていません。")
NPO_NOT_SUBMITTED = _("%(organization)sの最終評価が提出されていません。")
COMMENT_MISSING = _("%(organization)sから、相手の評価へのコメントが記入されていません。")
EXCHANGE_NOT_RECORDED = _("評価の意見交換（合同の振り返り会議）が記録されていません。")
FEEDBACK_NOT_ACKNOWLEDGED = _(
    "以前の事業の評価で挙がった改善点が%(count)d件あります。"
    "この事業にどう反映したかを記入して確認してください。"
)


def feedback_acknowledged(subject: ProjectFacts | Project) -> str | None:
    """Gate of method → partner selection: every carried-forward improvement item that applies to
    this project has been acknowledged with a note of how it was reflected."""
    count = evaluation_facts(subject).planning["open"]
    if not count:
        return None
    return str(FEEDBACK_NOT_ACKNOWLEDGED) % {"count": count}


def evaluation_complete(subject: ProjectFacts | Project) -> str | None:
    """Gate of evaluation → closed: both sides' final evaluations submitted, each side's comment on
    the other's evaluation written, and the joint review meeting recorded."""
    reasons = evaluation_missing(subject)
    return " ".join(reasons) if reasons else None


def evaluation_missing(subject: ProjectFacts | Project) -> list[str]:
    """Every reason the final evaluation is not complete (empty when it is)."""
    facts = facts_of(subject)
    project, partner_ids = facts.project, facts.confirmed_partner_ids
    if not partner_ids:
        return [str(NO_PARTNER)]
    round_ = evaluation_facts(facts).rounds.get(RoundKind.FINAL)
    if round_ is None:
        return [str(NO_FINAL_ROUND)]
    sheets = {s.organization_id: s for s in round_.sheets.all()}
    names = {
        organization.pk: organization.name for organization in evaluation_facts(facts).organizations
    }
    reasons = []
    office = sheets.get(project.owner_office_id)
    if office is None or office.status != Evaluation.Status.SUBMITTED:
        reasons.append(
            str(GOVERNMENT_NOT_SUBMITTED) % {"organization": names[project.owner_office_id]}
        )
    for org_id in sorted(partner_ids):
        sheet = sheets.get(org_id)
        if sheet is None or sheet.status != Evaluation.Status.SUBMITTED:
            reasons.append(str(NPO_NOT_SUBMITTED) % {"organization": names[org_id]})
    if reasons:
        return reasons
    for org_id in [project.owner_office_id, *sorted(partner_ids)]:
        if not sheets[org_id].comment_on_other.strip():
            reasons.append(str(COMMENT_MISSING) % {"organization": names[org_id]})
    if not round_.exchange_recorded:
        reasons.append(str(EXCHANGE_NOT_RECORDED))
    return reasons
