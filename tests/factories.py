"""factory_boy factories shared by every app's tests."""

import factory

from kyodo_portal.core.roles import Role
from partners.local_government_codes import known_bodies, with_check_digit
from partners.models import GovernmentBody, Membership, Organization, User

TEST_PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"利用者 {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.jp")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def body_named(name: str, level: str | None = None) -> GovernmentBody:
    """The body of this name, created on first use: real code, slug and prefecture for a name in
    the code table, else a made-up one (a municipality goes under 埼玉県)."""
    existing = GovernmentBody.objects.filter(name=name).first()
    if existing is not None:
        return existing
    known = known_bodies().get(name)
    if known is None:
        serial = GovernmentBody.objects.count() + 1
        known = {
            "code": with_check_digit(f"97{serial:03d}"),
            "name_en": "",
            "slug": f"test-body-{serial}",
            "level": level or GovernmentBody.Level.MUNICIPALITY,
        }
    level = level or known["level"]
    prefecture = None if level == GovernmentBody.Level.PREFECTURE else body_named("埼玉県")
    return GovernmentBody.objects.create(
        code=known["code"],
        name=name,
        name_en=known["name_en"],
        slug=known["slug"],
        level=level,
        prefecture=prefecture,
    )


class BodyFactory(factory.django.DjangoModelFactory):
    """A municipality of Saitama with a made-up but valid code (98xxx), for a second body."""

    class Meta:
        model = GovernmentBody

    code = factory.Sequence(lambda n: with_check_digit(f"98{n % 1000:03d}"))
    name = factory.Sequence(lambda n: f"テスト市{n}")
    name_en = factory.Sequence(lambda n: f"Test City {n}")
    slug = factory.Sequence(lambda n: f"test-city-{n}")
    level = GovernmentBody.Level.MUNICIPALITY
    prefecture = factory.LazyFunction(lambda: body_named("埼玉県"))


class OfficeFactory(factory.django.DjangoModelFactory):
    """A government office (課). Pass ``body=`` or, as before bodies existed, ``jurisdiction=``
    (and ``level=``): the body of that name is found or created."""

    class Meta:
        model = Organization

    class Params:
        jurisdiction = factory.Iterator(["さいたま市", "川越市", "所沢市", "越谷市"])
        level = None

    kind = Organization.Kind.GOVERNMENT
    body = factory.LazyAttribute(lambda o: body_named(o.jurisdiction, o.level))
    name = factory.Sequence(lambda n: f"市民協働課{n}")


class NpoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.NPO
    name = factory.Sequence(lambda n: f"特定非営利活動法人 テスト協働の会{n}")
    legal_form = Organization.LegalForm.NPO_CORPORATION
    area = "さいたま市"
    established_year = 2010
    contact_person = "連絡 太郎"
    email = factory.Sequence(lambda n: f"npo{n}@example.org")
    phone = "048-123-4567"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OfficeFactory)
    role = Role.STAFF


def member(role: str, organization: Organization | None = None, **user_fields) -> User:
    """A person holding one role in an organisation (a suitable new one when none is given)."""
    if organization is None:
        organization = NpoFactory() if role == Role.NPO else OfficeFactory()
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organization=organization, role=role)
    return user


class ProjectFactory(factory.django.DjangoModelFactory):
    """A collaboration project owned by an office; pass stage=… to place it at a stage."""

    class Meta:
        model = "projects.Project"

    title = factory.Sequence(lambda n: f"協働事業{n}")
    background = "地域の子育て世帯が孤立しがちで、相談できる場が足りない。"
    purpose = "親子が気軽に集い、相談できる居場所を地域につくる。"
    content = "週3回、公民館で親子が自由に過ごせる広場を開き、相談員が常駐する。"
    beneficiaries = "市内の乳幼児とその保護者"
    outcome_targets = "広場の利用 年間延べ5,000組、利用者満足度80%以上"
    owner_office = factory.SubFactory(OfficeFactory)
    fiscal_year_start = 2026
    fiscal_year_end = 2026
    budget = 3_000_000


def add_partner(project, organization, status="partner", via="open_call"):
    """Attach an NPO to a project as (prospective) partner."""
    from projects.models import ProjectPartner

    return ProjectPartner.objects.create(
        project=project, organization=organization, status=status, via=via
    )
