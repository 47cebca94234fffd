"""Offices, NPOs, their people and memberships."""

from devdata.bodies import body_from_code_table
from devdata.scale.bodies import PREFECTURES, national_bodies
from devdata.scale.common import LEGAL_FORMS, MUNICIPALITIES, PREFECTURE_DEPARTMENTS, THEMES, bulk
from kyodo_portal.core.roles import Role
from partners.local_government_codes import known_bodies
from partners.models import ActivityField, GovernmentBody, Membership, Organization, User
from partners.models.bodies import forget_bodies


class OrganizationsMixin:
    def seed_organizations(self) -> None:
        r = self.random
        if getattr(self, "bodies", 64) > 64:
            offices = self._national_offices()
        else:
            prefecture = body_from_code_table("埼玉県")
            offices = [
                Organization(kind=Organization.Kind.GOVERNMENT, body=prefecture, name=name)
                for name in PREFECTURE_DEPARTMENTS
            ]
            for municipality in MUNICIPALITIES:
                for name in ("市民協働推進課", "地域福祉課")[: r.choice((1, 2))]:
                    offices.append(
                        Organization(
                            kind=Organization.Kind.GOVERNMENT,
                            body=body_from_code_table(municipality),
                            name=name,
                        )
                    )
        self.offices = bulk(Organization, offices)
        npo_count = max(20, self.total // 20)
        npos = []
        for index in range(npo_count):
            theme, _field = THEMES[index % len(THEMES)]
            place = r.choice(MUNICIPALITIES)
            npos.append(
                Organization(
                    kind=Organization.Kind.NPO,
                    name=f"{place}{theme.split('の')[0]}ネット{index + 1}",
                    legal_form=r.choice(LEGAL_FORMS),
                    area=place,
                    established_year=r.randint(1998, self.today.year - 1),
                    description=f"{place}を中心に{theme}に取り組んでいます。",
                    track_record=f"{theme}を{r.randint(1, 20)}年続けています。",
                    contact_person="事務局",
                    email=f"npo{index + 1}@scale.example.org",
                )
            )
        self.npos = bulk(Organization, npos)
        fields = {field.number: field.pk for field in ActivityField.objects.all()}
        through = Organization.fields.through
        bulk(
            through,
            [
                through(organization_id=npo.pk, activityfield_id=fields[number])
                for index, npo in enumerate(self.npos)
                for number in {THEMES[index % len(THEMES)][1], r.randint(1, 19)}
            ],
        )
        self._seed_people()
        self.log(f"  {len(self.offices):,} offices, {len(self.npos):,} NPOs")

    def _national_offices(self) -> list[Organization]:
        """Every body of a national deployment (埼玉県 first, so the benchmark's office is its
        first department as in the prefectural run), a few departments per prefecture and one or
        two offices per municipality."""
        r = self.random
        specs = national_bodies(self.bodies - PREFECTURES)
        prefectures = bulk(
            GovernmentBody,
            [
                GovernmentBody(
                    code=s.code, name=s.name, name_en=s.name_en, slug=s.slug, level=s.level
                )
                for s in specs
                if s.level == GovernmentBody.Level.PREFECTURE
            ],
        )
        by_code = {body.code: body for body in prefectures}
        municipalities = bulk(
            GovernmentBody,
            [
                GovernmentBody(
                    code=s.code,
                    name=s.name,
                    name_en=s.name_en,
                    slug=s.slug,
                    level=s.level,
                    prefecture=by_code[s.prefecture_code],
                )
                for s in specs
                if s.level == GovernmentBody.Level.MUNICIPALITY
            ],
        )
        forget_bodies()
        by_code.update({body.code: body for body in municipalities})
        saitama = by_code[known_bodies()["埼玉県"]["code"]]
        offices = [
            Organization(kind=Organization.Kind.GOVERNMENT, body=saitama, name=name)
            for name in PREFECTURE_DEPARTMENTS
        ]
        for spec in specs:
            body = by_code[spec.code]
            if body is saitama:
                continue
            names = (
                PREFECTURE_DEPARTMENTS[: r.choice((2, 3, 4))]
                if spec.level == GovernmentBody.Level.PREFECTURE
                else ("市民協働推進課", "地域福祉課")[: r.choice((1, 2))]
            )
            offices += [
                Organization(kind=Organization.Kind.GOVERNMENT, body=body, name=name)
                for name in names
            ]
        return offices

    def _seed_people(self) -> None:
        users, memberships = [], []

        def person(username: str, name: str, organization: Organization, role: str) -> None:
            users.append(
                User(
                    username=username,
                    name=name,
                    email=f"{username}@scale.example.jp",
                    password=self.password,
                )
            )
            memberships.append((username, organization, role))

        person("bench_staff", "計測 職員", self.offices[0], Role.STAFF)
        person("bench_manager", "計測 管理職", self.offices[0], Role.MANAGER)
        person("bench_reviewer", "計測 委員", self.offices[0], Role.REVIEWER)
        person("bench_npo", "計測 NPO", self.npos[0], Role.NPO)
        for index, office in enumerate(self.offices):
            person(f"staff{index}", f"職員 {index}", office, Role.STAFF)
        for index in range(min(len(self.npos), 2_000)):
            person(f"npo{index}", f"会員 {index}", self.npos[index], Role.NPO)
        for index in range(30):
            person(f"reviewer{index}", f"委員 {index}", self.offices[index % 12], Role.REVIEWER)
        # The benchmark's manager manages every body (one office each): the dashboard is measured
        # over the whole deployment, its body scope at its widest (every body of the run).
        first_office_of_body = {}
        for office in self.offices:
            first_office_of_body.setdefault(office.body_id, office)
        memberships += [
            ("bench_manager", office, Role.MANAGER)
            for office in first_office_of_body.values()
            if office is not self.offices[0]
        ]
        created = {user.username: user for user in bulk(User, users)}
        bulk(
            Membership,
            [
                Membership(user=created[username], organization=organization, role=role)
                for username, organization, role in memberships
            ],
        )
        self.office_staff = {
            office.pk: created[f"staff{index}"] for index, office in enumerate(self.offices)
        }
        self.reviewers = [created[f"reviewer{index}"] for index in range(30)]
        self.reviewers.append(created["bench_reviewer"])
        self.npo_members = {
            self.npos[index].pk: created[f"npo{index}"]
            for index in range(min(len(self.npos), 2_000))
        }
        self.npo_members[self.npos[0].pk] = created["bench_npo"]
