"""Government bodies become the boundary: one body per distinct jurisdiction of the existing
government offices, then the free-text ``jurisdiction`` and ``level`` columns go.

Names found in the national code table get their real code; any other name gets a placeholder
code (99 + a serial + the check digit; 99 is no prefecture) flagged ``needs_review``, so no office
is lost. A municipality missing from the table is placed under the deployment's prefecture.
Reversible: going back writes each office's body name and level into the old columns.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import partners.models.bodies

UNNAMED = "（自治体名未設定）"


def bodies_from_jurisdictions(apps, schema_editor):
    from django.utils.text import slugify

    from partners.local_government_codes import known_bodies, with_check_digit

    Organization = apps.get_model("partners", "Organization")
    GovernmentBody = apps.get_model("partners", "GovernmentBody")
    table = known_bodies()
    offices = list(
        Organization.objects.filter(kind="government").values_list("pk", "jurisdiction", "level")
    )
    levels = {}
    for _pk, jurisdiction, level in offices:
        name = jurisdiction.strip() or UNNAMED
        levels.setdefault(name, table.get(name, {}).get("level") or level or "municipality")
    used_codes = set(GovernmentBody.objects.values_list("code", flat=True))
    used_slugs = set(GovernmentBody.objects.values_list("slug", flat=True))
    serial = 0

    def unique_slug(wanted):
        slug, n = wanted, 1
        while slug in used_slugs:
            n += 1
            slug = f"{wanted}-{n}"
        used_slugs.add(slug)
        return slug

    def placeholder_code():
        nonlocal serial
        while True:
            serial += 1
            code = with_check_digit(f"99{serial:03d}")
            if code not in used_codes:
                used_codes.add(code)
                return code

    def body_named(name, level, prefecture=None):
        existing = GovernmentBody.objects.filter(name=name).first()
        if existing is not None:
            return existing
        parent = prefecture if level == "municipality" else None
        known = table.get(name)
        if known and known["code"] not in used_codes:
            used_codes.add(known["code"])
            return GovernmentBody.objects.create(
                code=known["code"],
                name=name,
                name_en=known["name_en"],
                slug=unique_slug(known["slug"]),
                level=level,
                prefecture=parent,
            )
        code = placeholder_code()
        return GovernmentBody.objects.create(
            code=code,
            name=name,
            slug=unique_slug(slugify(name) or f"body-{code}"),
            level=level,
            prefecture=parent,
            needs_review=True,
        )

    bodies = {
        name: body_named(name, "prefecture")
        for name, level in levels.items()
        if level == "prefecture"
    }
    # Every municipality in the code table is Saitama's; one missing from it goes under the only
    # prefecture the data names, else under Saitama (the deployment the portal was made for).
    saitama = None
    for name in levels:
        if name in bodies:
            continue
        if name not in table and len(bodies) == 1:
            parent = next(iter(bodies.values()))
        else:
            saitama = saitama or bodies.get("埼玉県") or body_named("埼玉県", "prefecture")
            parent = saitama
        bodies[name] = body_named(name, "municipality", parent)
    for pk, jurisdiction, _level in offices:
        Organization.objects.filter(pk=pk).update(body=bodies[jurisdiction.strip() or UNNAMED])


def jurisdictions_from_bodies(apps, schema_editor):
    Organization = apps.get_model("partners", "Organization")
    for office in Organization.objects.filter(body__isnull=False).select_related("body"):
        Organization.objects.filter(pk=office.pk).update(
            jurisdiction=office.body.name, level=office.body.level
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_selection_moved_out"),
    ]

    operations = [
        migrations.CreateModel(
            name="GovernmentBody",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="全国地方公共団体コード（6桁、末尾は検査数字）。例：埼玉県 110001",
                        max_length=6,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator("^\\d{6}$"),
                            partners.models.bodies.validate_local_government_code,
                        ],
                        verbose_name="団体コード",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="例：埼玉県、さいたま市", max_length=50, verbose_name="団体名"
                    ),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=100, verbose_name="団体名（英語）"),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="ページのURLに使う名前。例：kawagoe",
                        unique=True,
                        verbose_name="URL名",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[("prefecture", "都道府県"), ("municipality", "市町村")],
                        max_length=20,
                        verbose_name="区分",
                    ),
                ),
                ("needs_review", models.BooleanField(default=False, verbose_name="コード要確認")),
            ],
            options={
                "verbose_name": "地方公共団体",
                "verbose_name_plural": "地方公共団体",
                "ordering": ["code"],
            },
        ),
        migrations.AddField(
            model_name="governmentbody",
            name="prefecture",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"level": "prefecture"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="municipalities",
                to="partners.governmentbody",
                verbose_name="都道府県",
            ),
        ),
        migrations.AddConstraint(
            model_name="governmentbody",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("level", "prefecture"), ("prefecture__isnull", True)),
                    models.Q(("level", "municipality"), ("prefecture__isnull", False)),
                    _connector="OR",
                ),
                name="body_prefecture_matches_level",
            ),
        ),
        migrations.AddConstraint(
            model_name="governmentbody",
            constraint=models.CheckConstraint(
                condition=models.Q(("code__regex", "^[0-9]{6}$")), name="body_code_six_characters"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="organization",
            name="government_has_jurisdiction",
        ),
        migrations.AddField(
            model_name="organization",
            name="body",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="offices",
                to="partners.governmentbody",
                verbose_name="地方公共団体",
            ),
        ),
        migrations.RunPython(bodies_from_jurisdictions, jurisdictions_from_bodies),
        migrations.RemoveField(
            model_name="organization",
            name="jurisdiction",
        ),
        migrations.RemoveField(
            model_name="organization",
            name="level",
        ),
        migrations.AlterModelOptions(
            name="organization",
            options={
                "ordering": ["kind", "body", "name_kana", "name"],
                "verbose_name": "組織",
                "verbose_name_plural": "組織",
            },
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "government"), ("body__isnull", False)),
                    models.Q(
                        models.Q(("kind", "government"), _negated=True), ("body__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="government_has_jurisdiction",
            ),
        ),
    ]
