"""Read queries about people and organisations."""

import hashlib
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.japanese_search import search_q
from kyodo_portal.core.roles import Role
from partners.models import GovernmentBody, Membership, Organization, User
from partners.models.bodies import bodies_version

_CACHE_ATTR = "_portal_memberships"
_BODY_OFFICES_ATTR = "_portal_body_offices"
_GRANTED_ATTR = "_portal_granted_bodies"
_SUMMARY_ATTR = "_portal_membership_summary"

# The roles that work for a government body: staff in an office (課), managers over the body.
GOVERNMENT_ROLES = (Role.STAFF, Role.MANAGER)


def memberships_of(user) -> list[Membership]:
    """A person's memberships with their organisations, fetched once per request object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("organization")
            .order_by("organization__kind", "organization__name")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


@dataclass(frozen=True)
class MembershipSummary:
    """The part of a person's memberships that most checks need: their roles, and a digest of
    every (organisation, role) pair, which changes whenever a membership is added, removed or
    changed, through the portal or not."""

    roles: frozenset[str]
    digest: str


# Written out rather than built with the ORM: compiling the aggregate's expressions cost more
# than the rows it saves. Pairs in byte order ("C"), as Python sorts them when they are loaded.
_SUMMARY_SQL = f"""
    SELECT coalesce(array_agg(DISTINCT role), '{{}}'),
           md5(coalesce(string_agg(organization_id::text || ':' || role, ','
                                   ORDER BY organization_id, role COLLATE "C"), ''))
    FROM {Membership._meta.db_table} WHERE user_id = %s
"""


def _membership_digest(pairs) -> str:
    # The same text as _SUMMARY_SQL builds: pairs ordered by organisation, then role.
    text = ",".join(f"{organization}:{role}" for organization, role in sorted(pairs))
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def membership_summary(user) -> MembershipSummary:
    """A person's roles and the digest of their memberships, for checks that need no more (the
    dashboard's rule, what a stored page depends on of its person). From the memberships the
    request has loaded, else from one query that returns one row: a manager of every body holds
    1,788 memberships, which would otherwise cross the wire and be hashed in Python on every
    answer. (An organisation moving to another body moves the public records' generation on.)"""
    if not getattr(user, "is_authenticated", False):
        return MembershipSummary(frozenset(), _membership_digest(()))
    kept = getattr(user, _SUMMARY_ATTR, None)
    if kept is not None:
        return kept
    loaded = getattr(user, _CACHE_ATTR, None)
    if loaded is None and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_SUMMARY_SQL, [user.pk])
            roles, digest = cursor.fetchone()
        kept = MembershipSummary(frozenset(roles), digest)
    else:
        pairs = (
            [(m.organization_id, m.role) for m in loaded]
            if loaded is not None
            else list(Membership.objects.filter(user=user).values_list("organization_id", "role"))
        )
        kept = MembershipSummary(
            frozenset(role for _organization, role in pairs), _membership_digest(pairs)
        )
    setattr(user, _SUMMARY_ATTR, kept)
    return kept


def forget_memberships(user) -> None:
    """Drop the per-request cache after memberships change."""
    for attr in (_CACHE_ATTR, _BODY_OFFICES_ATTR, _GRANTED_ATTR, _SUMMARY_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def roles_of(user) -> set[str]:
    return {membership.role for membership in memberships_of(user)}


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def organizations_of(user, role: str | None = None) -> list[Organization]:
    """The organisations a person acts for, optionally only in one role."""
    seen: dict[int, Organization] = {}
    for membership in memberships_of(user):
        if role is None or membership.role == role:
            seen.setdefault(membership.organization_id, membership.organization)
    return list(seen.values())


def organization_ids_of(user, role: str | None = None) -> set[int]:
    return {organization.pk for organization in organizations_of(user, role)}


# --- Government bodies: the boundary of what staff and managers see ---------------------------


def body_ids_of(user, roles=GOVERNMENT_ROLES) -> set[int]:
    """The bodies (県・市町村) the person works for in any of ``roles``; read from the
    memberships, so no query of its own."""
    return {
        membership.organization.body_id
        for membership in memberships_of(user)
        if membership.role in roles and membership.organization.body_id is not None
    }


def managed_body_ids(user) -> set[int]:
    """The bodies the person is a manager of: each manager manages their own body only."""
    return body_ids_of(user, (Role.MANAGER,))


def office_ids_in_bodies(user, roles=GOVERNMENT_ROLES) -> set[int]:
    """Every office of the bodies the person works for in ``roles``: one query the first time a
    request asks, then kept with the memberships."""
    bodies = frozenset(body_ids_of(user, roles))
    if not bodies:
        return set()
    kept = getattr(user, _BODY_OFFICES_ATTR, None)
    if kept is None:
        kept = {}
        setattr(user, _BODY_OFFICES_ATTR, kept)
    if bodies not in kept:
        kept[bodies] = set(
            Organization.objects.filter(body_id__in=bodies).values_list("pk", flat=True)
        )
    return kept[bodies]


def office_is_in_bodies_of(user, office, roles=GOVERNMENT_ROLES) -> bool:
    """Whether an office (an Organization, or its id) belongs to a body the person works for in
    ``roles``. A loaded office answers from its body id without a query."""
    bodies = body_ids_of(user, roles)
    if not bodies or office is None:
        return False
    if isinstance(office, Organization):
        return office.body_id in bodies
    return office in office_ids_in_bodies(user, roles)


def manages_office(user, office) -> bool:
    """A manager over the office's body (reads everything the body holds, acts as manager)."""
    return office_is_in_bodies_of(user, office, (Role.MANAGER,))


def reads_office(user, office) -> bool:
    """Staff or a manager of the office's body: staff read their whole body's projects."""
    return office_is_in_bodies_of(user, office)


def loaded_or_id(instance, relation: str):
    """The related object if the instance already holds it, else its id: lets the checks above
    answer from a loaded office without fetching one that is not."""
    cached = instance._state.fields_cache.get(relation)
    return cached if cached is not None else getattr(instance, f"{relation}_id")


def bodies_of_offices_q(body_ids, office_path: str) -> Q:
    """Rows whose office (reached by ``office_path``, e.g. "owner_office") is in the bodies."""
    return Q(**{f"{office_path}__body_id__in": sorted(body_ids)})


def offices_of(user) -> list[Organization]:
    """Government offices the person works in as staff."""
    return organizations_of(user, Role.STAFF)


def npos_of(user) -> list[Organization]:
    """NPOs the person is a member of."""
    return organizations_of(user, Role.NPO)


def npos() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=Organization.Kind.NPO)


def government_offices() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=Organization.Kind.GOVERNMENT)


def organization_with_fields(pk: int) -> Organization:
    return Organization.objects.prefetch_related("fields").get(pk=pk)


# --- The NPO directory and track record ------------------------------------------------------


def directory_search(
    *,
    keywords: str = "",
    field_ids: list[int] | None = None,
    area: str = "",
    legal_forms: list[str] | None = None,
) -> QuerySet[Organization]:
    """NPOs matching every given filter. Each keyword (split on spaces, full-width too) must
    appear in the name, reading (フリガナ), description or track record, compared by search key:
    申し込み finds 申込み, ひだまり finds the reading ヒダマリ, ＮＰＯ finds NPO
    (kyodo_portal.core.japanese_search). One indexed column, one condition per keyword."""

    queryset = npos()
    if keywords.strip():
        queryset = queryset.filter(search_q("search_text", keywords))
    if field_ids:
        queryset = queryset.filter(fields__in=field_ids).distinct()
    if area.strip():
        queryset = queryset.filter(area__icontains=area.strip())
    if legal_forms:
        queryset = queryset.filter(legal_form__in=legal_forms)
    return queryset.prefetch_related("fields").order_by("name_kana", "name")


def members_for(role: str, pairs: set[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(user, organization, subject) for each member in ``role`` of each (organization, subject)
    pair, in one query whatever the number of pairs: how every kind finds its recipients."""
    organizations = {organization for organization, _subject in pairs}
    by_organization: dict[int, list[int]] = {}
    for user_id, organization_id in Membership.objects.filter(
        role=role, organization_id__in=organizations
    ).values_list("user_id", "organization_id"):
        by_organization.setdefault(organization_id, []).append(user_id)
    return sorted(
        (user_id, organization_id, subject)
        for organization_id, subject in pairs
        for user_id in by_organization.get(organization_id, [])
    )


def people_of(organizations, role: str) -> list:
    """The active people who hold ``role`` in any of ``organizations`` (objects or ids), once
    each, in one query: the recipients of an event notice addressed to a side."""
    ids = {getattr(organization, "pk", organization) for organization in organizations}
    ids.discard(None)
    if not ids:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=role,
            memberships__organization_id__in=ids,
        )
        .distinct()
        .order_by("pk")
    )


def managers_of_body_of(office_id: int) -> list:
    """The active managers of the body an office belongs to, once each, in one query: a manager
    answers for every office of their body, not only the one their membership names."""
    if office_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.MANAGER,
            memberships__organization__body__offices=office_id,
        )
        .distinct()
        .order_by("pk")
    )


# --- government bodies (public pages) ------------------------------------------------------------


# The public order of every body, kept in each process for as long as no body changes: a national
# deployment has 1,788 of them, and loading and ordering them cost the landing page and every
# public list with a body filter most of its time when built afresh.
_public_order: tuple[tuple[int, int], list[GovernmentBody]] | None = None


def public_bodies() -> list[GovernmentBody]:
    """The deployment's bodies in the order of the public index: each prefecture, then its
    municipalities, by code (a municipality whose prefecture is not on the portal comes after,
    by code). One query when a body has changed since the last call, none otherwise (a cache
    round trip reads the version)."""
    global _public_order
    version = bodies_version()
    if _public_order is None or _public_order[0] != version:
        _public_order = (version, _in_public_order(list(GovernmentBody.objects.order_by("code"))))
    # A copy of the list (the bodies themselves are shared: callers only read them).
    return list(_public_order[1])


_public_names: dict[tuple, tuple[tuple[tuple[str, str], ...], str]] = {}


def public_body_names() -> tuple[tuple[tuple[str, str], ...], str]:
    """Each public body's URL name and its name in the reader's language, in public order, and a
    digest of them (what a body filter's options show, and a key for the rendered options that a
    renamed or added body changes). Worked out once per process, language and version of the
    bodies rather than on each page: 1,788 names and their digest cost a few milliseconds."""
    version = bodies_version()
    key = (version, get_language())
    names = _public_names.get(key)
    if names is None:
        shown = tuple((body.slug, body.display_name) for body in public_bodies())
        names = (shown, hashlib.sha256(repr(shown).encode()).hexdigest())
        # Entries of older versions are never asked for again: keep the current version's only.
        for old in [k for k in _public_names if k[0] != version]:
            del _public_names[old]
        _public_names[key] = names
    return names


def _in_public_order(bodies: list[GovernmentBody]) -> list[GovernmentBody]:
    """Bodies ordered by code → prefectures each followed by their municipalities; one pass."""
    prefectures = [b for b in bodies if b.is_prefecture]
    municipalities_of: dict[int, list[GovernmentBody]] = {p.pk: [] for p in prefectures}
    orphans: list[GovernmentBody] = []
    for body in bodies:
        if not body.is_prefecture:
            municipalities_of.get(body.prefecture_id, orphans).append(body)
    ordered: list[GovernmentBody] = []
    for prefecture in prefectures:
        ordered.append(prefecture)
        ordered.extend(municipalities_of[prefecture.pk])
    return ordered + orphans


def body_by_slug(slug: str) -> GovernmentBody | None:
    """The body with this URL name, or None (the caller says what an unknown name means)."""
    if not slug:
        return None
    return GovernmentBody.objects.filter(slug=slug).first()


UNKNOWN_BODY = _(
    "「%(value)s」という自治体はこのポータルにありません。自治体の一覧から選び直してください。"
)


@dataclass(frozen=True)
class BodyChoice:
    """The ``?body=`` filter of a public list: the bodies to choose from, the chosen one, and
    the name asked for when it matched none (so the page can say so rather than guess)."""

    bodies: list[GovernmentBody]
    selected: GovernmentBody | None
    unknown: str = ""

    def names(self) -> tuple[tuple[tuple[str, str], ...], str]:
        """The URL names and shown names of the bodies offered, and a digest of them: every public
        body, which is what body_choice offers (see public_body_names)."""
        return public_body_names()

    @property
    def unknown_message(self) -> str:
        return str(UNKNOWN_BODY) % {"value": self.unknown} if self.unknown else ""


def body_choice(slug: str | None) -> BodyChoice:
    """The filter for a list page from its ``body`` parameter (one query, whatever was asked)."""
    bodies = public_bodies()
    slug = (slug or "").strip()
    if not slug:
        return BodyChoice(bodies, None)
    selected = next((b for b in bodies if b.slug == slug), None)
    return BodyChoice(bodies, selected, "" if selected else slug)


# --- Grants: a municipality lets its prefecture read its aggregate figures ---------------------


GRANTS_GENERATION_KEY = "partners:body_grants:generation"


def grants_in_force() -> dict[int, tuple[int, ...]]:
    """Each prefecture's granting municipalities, for the whole deployment: a few dozen rows at
    most, kept in the cache under a generation that every grant given or revoked bumps (see
    partners.models.grants), so a manager's dashboard reads them without a query."""
    from django.core.cache import cache

    from kyodo_portal.core import caching
    from partners.models import BodyGrant

    def load() -> dict[int, tuple[int, ...]]:
        by_grantee: dict[int, list[int]] = {}
        for grantee, granting in BodyGrant.objects.filter(revoked_at__isnull=True).values_list(
            "grantee_body_id", "granting_body_id"
        ):
            by_grantee.setdefault(grantee, []).append(granting)
        return {grantee: tuple(sorted(ids)) for grantee, ids in by_grantee.items()}

    key = f"partners:body_grants:{caching.generation(GRANTS_GENERATION_KEY)}"
    return cache.get_or_set(key, load, 3600)


def granted_body_ids(user) -> tuple[int, ...]:
    """The municipalities whose grant in force lets this person (a manager of their prefecture)
    read their published results and aggregate figures. Never a way into those bodies'
    projects, sheets or proposals: only the grant-aware aggregate reads ask for it."""
    managed = managed_body_ids(user)
    if not managed:
        return ()
    kept = getattr(user, _GRANTED_ATTR, None)
    if kept is None:
        by_grantee = grants_in_force()
        kept = tuple(sorted({pk for body in managed for pk in by_grantee.get(body, ())}))
        setattr(user, _GRANTED_ATTR, kept)
    return kept


def forget_granted_bodies(user) -> None:
    if hasattr(user, _GRANTED_ATTR):
        delattr(user, _GRANTED_ATTR)


def managed_municipalities(user) -> list:
    """The municipalities the person manages, which may each grant their prefecture a view."""
    from partners.models.bodies import GovernmentBody, body_by_id

    bodies = [body_by_id(pk) for pk in sorted(managed_body_ids(user))]
    return [b for b in bodies if b is not None and b.level == GovernmentBody.Level.MUNICIPALITY]


def grants_in_force_of(body_ids) -> dict:
    """The grant in force of each of these municipalities (absent when none), in one query."""
    from partners.models import BodyGrant

    return {
        grant.granting_body_id: grant
        for grant in BodyGrant.objects.filter(
            granting_body_id__in=sorted(body_ids), revoked_at__isnull=True
        ).select_related("granted_by")
    }


def grant_history_of(body_ids, limit: int = 20) -> list:
    from partners.models import BodyGrant

    return list(
        BodyGrant.objects.filter(granting_body_id__in=sorted(body_ids)).select_related(
            "granting_body", "grantee_body", "granted_by", "revoked_by"
        )[:limit]
    )


def password_set_link(user: User) -> str:
    """The path of a one-time page where the person chooses their password (Django's reset
    confirmation: the token stops working once a password is set, or after
    PASSWORD_RESET_TIMEOUT)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
