"""Demo organisations and people (fictional NPOs and offices; real municipality names)."""

from devdata.bodies import body_from_code_table
from kyodo_portal.core.roles import Role
from partners.models import ActivityField, BodyGrant, Organization, User
from partners.services import body_grant_give, membership_grant

DEMO_PASSWORD = "kyodo-demo-2026"

OFFICES = [
    # key, level, jurisdiction, department, kana
    ("pref", "prefecture", "埼玉県", "県民生活課", "けんみんせいかつか"),
    ("saitama_city", "municipality", "さいたま市", "市民協働推進課", "しみんきょうどうすいしんか"),
    ("kawagoe_city", "municipality", "川越市", "市民活動支援課", "しみんかつどうしえんか"),
]

NPOS = [
    # key, name, kana, legal form, fields, area, established, description
    (
        "hidamari",
        "特定非営利活動法人 ひだまり子育てネット",
        "ひだまりこそだてねっと",
        "npo_corporation",
        [13, 1],
        "さいたま市全域",
        2009,
        "乳幼児の親子が気軽に集える広場の運営と、子育て中の保護者の相談支援を行っています。",
        "さいたま市内3か所で子育て広場を運営（年間延べ約1万2千組）。市の子育て講座を受託。",
    ),
    (
        "arakawa",
        "認定特定非営利活動法人 荒川みどりの会",
        "あらかわみどりのかい",
        "certified_npo",
        [7, 3],
        "県東部（荒川流域）",
        2001,
        "荒川河川敷の清掃と外来植物の駆除、小中学校での環境学習を続けています。",
        "河川敷清掃を毎月実施（延べ参加者 年間約2,400人）。県の環境学習事業に協力。",
    ),
    (
        "bousai",
        "一般社団法人 むさしの防災ラボ",
        "むさしのぼうさいらぼ",
        "general_association",
        [8, 9],
        "川越市・県西部",
        2015,
        "自主防災組織への研修、避難所運営訓練の企画、防災マップづくりを支援しています。",
        "川越市内の自治会40団体と避難所運営訓練を実施。",
    ),
    (
        "tabunka",
        "川越まちなか多文化の会",
        "かわごえまちなかたぶんかのかい",
        "citizen_group",
        [11, 10],
        "川越市",
        2012,
        "外国にルーツを持つ住民のための日本語教室と、生活相談の通訳ボランティアを行う市民活動団体です。",
        "日本語教室を週2回開催（登録学習者 約80人）。",
    ),
    (
        "minuma",
        "見沼たんぼ応援隊",
        "みぬまたんぼおうえんたい",
        "volunteer_group",
        [7, 5],
        "さいたま市東部（見沼田んぼ周辺）",
        2018,
        "見沼田んぼの休耕地での農作業体験と、斜面林の保全活動を行うボランティア団体です。",
        "農作業体験会を年10回開催。",
    ),
]

PEOPLE = [
    # username, name, kana, email, organisation key, role
    ("staff", "山田 花子", "ヤマダ ハナコ", "staff@pref.example.jp", "pref", Role.STAFF),
    (
        "city_staff",
        "佐藤 健一",
        "サトウ ケンイチ",
        "sato@city.example.jp",
        "saitama_city",
        Role.STAFF,
    ),
    ("manager", "鈴木 一郎", "スズキ イチロウ", "manager@pref.example.jp", "pref", Role.MANAGER),
    # Each body manages its own: さいたま市 and 川越市 have their own managers.
    (
        "city_manager",
        "中村 由美",
        "ナカムラ ユミ",
        "nakamura@city.example.jp",
        "saitama_city",
        Role.MANAGER,
    ),
    (
        "kawagoe_staff",
        "小林 翔太",
        "コバヤシ ショウタ",
        "kobayashi@kawagoe.example.jp",
        "kawagoe_city",
        Role.STAFF,
    ),
    (
        "kawagoe_manager",
        "加藤 恵",
        "カトウ メグミ",
        "kato@kawagoe.example.jp",
        "kawagoe_city",
        Role.MANAGER,
    ),
    ("reviewer", "高橋 美咲", "タカハシ ミサキ", "reviewer@pref.example.jp", "pref", Role.REVIEWER),
    ("npo", "田中 直子", "タナカ ナオコ", "tanaka@hidamari.example.org", "hidamari", Role.NPO),
    ("npo2", "伊藤 大輔", "イトウ ダイスケ", "ito@arakawa.example.org", "arakawa", Role.NPO),
    # Runs the deployment (adds bodies and their first manager); reads no body's projects.
    (
        "platform_admin",
        "渡辺 誠",
        "ワタナベ マコト",
        "admin@portal.example.jp",
        "platform",
        Role.PLATFORM_ADMIN,
    ),
]

# The deployment's operator: not an office of any body.
PLATFORM_OFFICE = ("協働ポータル運営事務局", "きょうどうぽーたるうんえいじむきょく")


def seed(context: dict | None = None) -> dict:
    """Create or refresh the demo organisations and people; returns them by key."""
    organizations: dict[str, Organization] = {}
    for key, _level, jurisdiction, department, kana in OFFICES:
        organizations[key], _ = Organization.objects.update_or_create(
            kind=Organization.Kind.GOVERNMENT,
            body=body_from_code_table(jurisdiction),
            name=department,
            defaults={"name_kana": kana, "email": f"{key}@example.jp"},
        )
    organizations["platform"], _ = Organization.objects.update_or_create(
        kind=Organization.Kind.OTHER,
        name=PLATFORM_OFFICE[0],
        defaults={"name_kana": PLATFORM_OFFICE[1], "email": "platform@example.jp"},
    )
    fields_by_number = {field.number: field for field in ActivityField.objects.all()}
    for key, name, kana, legal_form, fields, area, year, description, record in NPOS:
        organization, _ = Organization.objects.update_or_create(
            kind=Organization.Kind.NPO,
            name=name,
            defaults={
                "name_kana": kana,
                "legal_form": legal_form,
                "area": area,
                "established_year": year,
                "description": description,
                "track_record": record,
                "contact_person": "事務局",
                "email": f"office@{key}.example.org",
                "phone": "048-000-0000",
                "address": "埼玉県",
            },
        )
        organization.fields.set([fields_by_number[number] for number in fields])
        organizations[key] = organization

    people: dict[str, User] = {}
    for username, name, kana, email, org_key, role in PEOPLE:
        user, created = User.objects.get_or_create(username=username)
        user.name, user.name_kana, user.email = name, kana, email
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
        user.save()
        membership_grant(user=user, organization=organizations[org_key], role=role)
        people[username] = user

    # さいたま市 lets 埼玉県 read its aggregate figures; 川越市 does not: the prefecture's manager
    # sees one municipality below their dashboard, and 川越市's manager can try giving it.
    saitama_city = organizations["saitama_city"].body
    if not BodyGrant.objects.filter(granting_body=saitama_city, revoked_at__isnull=True).exists():
        body_grant_give(body=saitama_city, by=people["city_manager"])
    return {"organizations": organizations, "people": people}
