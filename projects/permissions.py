"""Who may see or change collaboration projects. Access is decided here and only here.

- staff of the owner office: read and edit, move the stages;
- other staff of the same government body (県・市町村): read only;
- members of a partner NPO (prospective or confirmed, not withdrawn): read, add implementation
  notes, confirm the agreement — whichever body the project belongs to;
- managers: read every project of their own body;
- everyone else, including other NPOs and every other body's staff and managers: 404, exactly as
  for a project that does not exist.

Proposals (協働提案): members of the proposing NPO read and (while a draft) edit them; staff of the
addressed office read them once submitted, consult on them and decide; managers of the addressed
office's body read submitted ones; anyone else gets 404.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.queries import one_or_none
from kyodo_portal.core.roles import Role
from partners.selectors import (
    bodies_of_offices_q,
    body_ids_of,
    has_role,
    loaded_or_id,
    managed_body_ids,
    manages_office,
    organization_ids_of,
    reads_office,
)
from projects.choices import STAGE_ORDER, ProposalStatus, Stage
from projects.facts import ProjectFacts, facts_of
from projects.models import Project, ProjectPartner, Proposal, ProposalAttachment

# The "when" of each proposal action is said by the table; its messages are still read from here.
from projects.proposal_workflow import (  # noqa: F401
    PROPOSAL_CLOSED,
    PROPOSAL_NOT_DRAFT,
    PROPOSAL_NOT_SUBMITTED,
    PROPOSAL_WORKFLOW,
)
from projects.workflow import PROJECT_WORKFLOW

Decision = tuple[bool, str]

NOT_SIGNED_IN = _("ログインしてください。")
NOT_OWNER_STAFF = _("この事業を編集できるのは、担当課の職員だけです。")
NOT_PARTNER = _("この事業の協働相手のNPOではありません。")
NOT_VISIBLE = _("この事業を閲覧する権限がありません。")
NOT_STAFF = _("協働事業を作成できるのは、行政の職員だけです。")
NOT_STAFF_OR_MANAGER = _("協働事業の一覧を見られるのは、行政の職員と管理職だけです。")
NOT_CONFIRMED_PARTNER = _("協定を確認できるのは、協働相手として決定したNPOの会員だけです。")
NOT_NPO_MEMBER = _("協働提案を作成できるのは、NPOの会員だけです。")
NOT_PROPOSER = _("この提案を編集できるのは、提案団体の会員だけです。")
NOT_ADDRESSED_STAFF = _("この提案に対応できるのは、提案先の担当課の職員だけです。")
NOT_CLOSED_FOR_CONTINUATION = _("継続事業を作成できるのは、完了した事業からです。")
CONTINUATION_EXISTS = _("この事業の継続事業はすでに作成されています。")
NOT_PARTY_TO_AGREEMENT = _(
    "協定について発言できるのは、この事業の担当課の職員と協働相手のNPOの会員だけです。"
)
NOT_PARTNER_FOR_CHANGE = _("協定の修正を依頼できるのは、この事業の協働相手のNPOの会員だけです。")
AGREEMENT_STAGE_PASSED = _(
    "この事業は「分担合意」の段階を終えているため、協定はもう変更できません。"
    "合意した内容は協定のページと版の履歴で確認できます。"
)
NOT_PARTY_TO_PROPOSAL = _("この提案の事前協議に参加できるのは、提案団体と提案先の担当課だけです。")


def active_partner_ids(subject: ProjectFacts | Project) -> frozenset[int]:
    """Partners that have not withdrawn (prospective ones included)."""
    return facts_of(subject).active_partner_ids


def confirmed_partner_ids(subject: ProjectFacts | Project) -> frozenset[int]:
    """Decided partners, not merely prospective ones."""
    return facts_of(subject).confirmed_partner_ids


def is_owner_staff(user, subject: ProjectFacts | Project) -> bool:
    return facts_of(subject).project.owner_office_id in organization_ids_of(user, Role.STAFF)


def is_partner_member(user, subject: ProjectFacts | Project) -> bool:
    npo_ids = organization_ids_of(user, Role.NPO)
    # Staff hold no NPO membership: their pages need not read the project's partners.
    return bool(npo_ids) and bool(npo_ids & facts_of(subject).active_partner_ids)


def can_view_project(user, subject: ProjectFacts | Project) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    facts = facts_of(subject)
    if is_owner_staff(user, facts) or is_partner_member(user, facts):
        return True, ""
    if reads_office(user, loaded_or_id(facts.project, "owner_office")):
        return True, ""
    return False, str(NOT_VISIBLE)


def can_edit_project(user, subject: ProjectFacts | Project) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_owner_staff(user, subject):
        return True, ""
    return False, str(NOT_OWNER_STAFF)


def can_advance_project(user, subject: ProjectFacts | Project) -> Decision:
    """Moving a stage is the owner office's decision."""
    return can_edit_project(user, subject)


def can_continue_project(user, subject: ProjectFacts | Project) -> Decision:
    """A continuation (継続事業) of a closed project, by the staff of its owner office, once."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    project = facts_of(subject).project
    if project.stage != Stage.CLOSED:
        return False, str(NOT_CLOSED_FOR_CONTINUATION)
    if not is_owner_staff(user, subject):
        return False, str(NOT_OWNER_STAFF)
    if Project.objects.filter(predecessor_id=project.pk).exists():
        return False, str(CONTINUATION_EXISTS)
    return True, ""


def can_act_as_partner(user, subject: ProjectFacts | Project) -> Decision:
    """Adding implementation notes and confirming the agreement for the NPO side."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_partner_member(user, subject):
        return True, ""
    return False, str(NOT_PARTNER)


def can_create_project(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if organization_ids_of(user, Role.STAFF):
        return True, ""
    return False, str(NOT_STAFF)


def can_list_projects(user) -> Decision:
    """The cross-project list is for the government side; NPOs use their own list."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if organization_ids_of(user, Role.STAFF) or has_role(user, Role.MANAGER):
        return True, ""
    return False, str(NOT_STAFF_OR_MANAGER)


def can_edit_suitability(user, subject: ProjectFacts | Project) -> Decision:
    allowed, reason = can_edit_project(user, subject)
    if not allowed:
        return allowed, reason
    return PROJECT_WORKFLOW.allowed(facts_of(subject), "edit_suitability")


def can_edit_method(user, subject: ProjectFacts | Project) -> Decision:
    allowed, reason = can_edit_project(user, subject)
    if not allowed:
        return allowed, reason
    return PROJECT_WORKFLOW.allowed(facts_of(subject), "edit_method")


def _agreement_stage(facts: ProjectFacts, action: str) -> Decision:
    """Whether the agreement is open for ``action``; past its stage, the reason says it is
    settled rather than merely at the wrong stage."""
    stage = facts.project.stage
    if stage in STAGE_ORDER and STAGE_ORDER.index(stage) > STAGE_ORDER.index(Stage.AGREEMENT):
        return False, str(AGREEMENT_STAGE_PASSED)
    return PROJECT_WORKFLOW.allowed(facts, action)


def can_edit_agreement(user, subject: ProjectFacts | Project) -> Decision:
    """Staff of the owner office draft the agreement; the NPO confirms (or asks for changes)."""
    allowed, reason = can_edit_project(user, subject)
    if not allowed:
        return allowed, reason
    return _agreement_stage(facts_of(subject), "edit_agreement")


def agreement_side_organization_id(user, subject: ProjectFacts | Project) -> int | None:
    """The organisation a person speaks for on the agreement: the owner office for its staff,
    else the (first) partner NPO they belong to; None for anyone else."""
    facts = facts_of(subject)
    if is_owner_staff(user, facts):
        return facts.project.owner_office_id
    npo_ids = organization_ids_of(user, Role.NPO) & facts.active_partner_ids
    return min(npo_ids) if npo_ids else None


def can_comment_agreement(user, subject: ProjectFacts | Project) -> Decision:
    """Both sides comment on the articles of the draft while it is being agreed."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    facts = facts_of(subject)
    if not (is_owner_staff(user, facts) or is_partner_member(user, facts)):
        return False, str(NOT_PARTY_TO_AGREEMENT)
    return _agreement_stage(facts, "confirm_agreement")


def can_request_agreement_change(user, subject: ProjectFacts | Project) -> Decision:
    """The NPO asks for a change; the office answers with a new version (it drafts the text)."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    facts = facts_of(subject)
    if not is_partner_member(user, facts):
        return False, str(NOT_PARTNER_FOR_CHANGE)
    return _agreement_stage(facts, "confirm_agreement")


def confirming_npo_ids(user, subject: ProjectFacts | Project) -> set[int]:
    """The partner NPOs (decided, not merely prospective) the person may confirm for."""
    return organization_ids_of(user, Role.NPO) & confirmed_partner_ids(subject)


def can_confirm_agreement(user, subject: ProjectFacts | Project, side: str) -> Decision:
    """Each side confirms from its own account: the office for the government, a member of the
    decided partner NPO for the NPO."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    facts = facts_of(subject)
    if side == "government":
        if not is_owner_staff(user, facts):
            return False, str(NOT_OWNER_STAFF)
    elif not confirming_npo_ids(user, facts):
        return False, str(NOT_CONFIRMED_PARTNER)
    return PROJECT_WORKFLOW.allowed(facts, "confirm_agreement")


def can_add_note(user, subject: ProjectFacts | Project) -> Decision:
    """Both sides keep the implementation record (the shared information the handbook asks for)."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    facts = facts_of(subject)
    if not (is_owner_staff(user, facts) or is_partner_member(user, facts)):
        return False, str(NOT_PARTNER)
    return PROJECT_WORKFLOW.allowed(facts, "add_note")


def visible_projects_filter(user) -> Q:
    """A filter for the projects a person may read: their bodies' (staff and managers) and those
    their NPOs are party to."""
    npo_ids = organization_ids_of(user, Role.NPO)
    return bodies_of_offices_q(body_ids_of(user), "owner_office") | Q(
        pk__in=ProjectPartner.objects.filter(organization_id__in=npo_ids)
        .exclude(status=ProjectPartner.Status.WITHDRAWN)
        .values("project_id")
    )


def projects_visible_to(user) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(visible_projects_filter(user))


def get_facts_for_view_or_404(
    user, pk: int, queryset: QuerySet[Project] | None = None, *, joined: bool = False
) -> ProjectFacts:
    """A snapshot of the project if the person may read it; 404 alike for missing and
    forbidden. ``joined`` says the queryset reads the suitability conclusion and the method
    plan with the row (see ProjectFacts)."""
    project = one_or_none(queryset if queryset is not None else Project.objects, pk=pk)
    if project is None:
        raise Http404
    facts = ProjectFacts(project, joined=joined)
    if not can_view_project(user, facts)[0]:
        raise Http404
    return facts


# What the reading rule needs of a project and no more (its office's body; the partners are read
# by the snapshot for NPO members only): the check made again before a stored copy of a page.
ACCESS_ROW = Project.objects.select_related("owner_office").only(
    "id", "stage", "owner_office", "owner_office__body"
)


def check_project_view(user, pk: int) -> None:
    """The reading rule on the project's light row; 404 alike for missing and forbidden."""
    get_facts_for_view_or_404(user, pk, ACCESS_ROW)


def get_project_for_view_or_404(
    user, pk: int, queryset: QuerySet[Project] | None = None
) -> Project:
    """The project if the person may read it; 404 alike for missing and forbidden."""
    return get_facts_for_view_or_404(user, pk, queryset).project


def get_project_for_edit_or_404(
    user, pk: int, queryset: QuerySet[Project] | None = None
) -> Project:
    facts = get_facts_for_view_or_404(user, pk, queryset)
    if not can_edit_project(user, facts)[0]:
        raise Http404
    return facts.project


# --- Proposals ---------------------------------------------------------------------------


def is_proposer(user, proposal: Proposal) -> bool:
    return proposal.organization_id in organization_ids_of(user, Role.NPO)


def is_addressed_staff(user, proposal: Proposal) -> bool:
    return proposal.addressed_office_id in organization_ids_of(user, Role.STAFF)


def can_create_proposal(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if organization_ids_of(user, Role.NPO):
        return True, ""
    return False, str(NOT_NPO_MEMBER)


def can_list_proposals(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if (
        organization_ids_of(user, Role.NPO)
        or organization_ids_of(user, Role.STAFF)
        or has_role(user, Role.MANAGER)
    ):
        return True, ""
    return False, str(NOT_VISIBLE)


def can_view_proposal(user, proposal: Proposal) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if is_proposer(user, proposal):
        return True, ""
    # A draft is the NPO's own working paper: nobody else sees it.
    if proposal.status != ProposalStatus.DRAFT and (
        is_addressed_staff(user, proposal)
        or manages_office(user, loaded_or_id(proposal, "addressed_office"))
    ):
        return True, ""
    return False, str(NOT_VISIBLE)


def can_edit_proposal(user, proposal: Proposal) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_proposer(user, proposal):
        return False, str(NOT_PROPOSER)
    return PROPOSAL_WORKFLOW.allowed(proposal, "edit")


can_submit_proposal = can_edit_proposal


def can_comment_proposal(user, proposal: Proposal) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not (is_proposer(user, proposal) or is_addressed_staff(user, proposal)):
        return False, str(NOT_PARTY_TO_PROPOSAL)
    return PROPOSAL_WORKFLOW.allowed(proposal, "consult")


def can_decide_proposal(user, proposal: Proposal) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_addressed_staff(user, proposal):
        return False, str(NOT_ADDRESSED_STAFF)
    return PROPOSAL_WORKFLOW.allowed(proposal, "decide")


def can_add_attachment(user, proposal: Proposal) -> Decision:
    """The proposer adds material while drafting and during consultation."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_proposer(user, proposal):
        return False, str(NOT_PROPOSER)
    return PROPOSAL_WORKFLOW.allowed(proposal, "attach")


def can_delete_attachment(user, attachment: ProposalAttachment) -> Decision:
    return can_edit_proposal(user, attachment.proposal)


def proposals_visible_to(user) -> QuerySet[Proposal]:
    if not user.is_authenticated:
        return Proposal.objects.none()
    own = Q(organization_id__in=organization_ids_of(user, Role.NPO))
    addressed = (
        Q(addressed_office_id__in=organization_ids_of(user, Role.STAFF))
        | bodies_of_offices_q(managed_body_ids(user), "addressed_office")
    ) & ~Q(status=ProposalStatus.DRAFT)
    return Proposal.objects.filter(own | addressed)


def get_proposal_for_view_or_404(
    user, pk: int, queryset: QuerySet[Proposal] | None = None
) -> Proposal:
    proposal = one_or_none(queryset if queryset is not None else Proposal.objects, pk=pk)
    if proposal is None or not can_view_proposal(user, proposal)[0]:
        raise Http404
    return proposal


def get_attachment_for_download_or_404(user, pk: int) -> ProposalAttachment:
    attachment = one_or_none(ProposalAttachment.objects.select_related("proposal"), pk=pk)
    if attachment is None or not can_view_proposal(user, attachment.proposal)[0]:
        raise Http404
    return attachment
