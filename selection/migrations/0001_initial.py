"""The selection models, moved from partners: added to the state only, on their existing tables
(see partners 0005). A new database gets the tables from partners 0003.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import kyodo_portal.core.attachments


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("partners", "0005_selection_moved_out"),
        ("projects", "0006_fiscal_year_covering_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Application",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "下書き"),
                                    ("submitted", "提出済み"),
                                    ("withdrawn", "取り下げ"),
                                ],
                                db_index=True,
                                default="draft",
                                max_length=20,
                                verbose_name="状態",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="提案事業名")),
                        (
                            "plan",
                            models.TextField(
                                help_text="実施内容・スケジュール・対象者", verbose_name="事業計画"
                            ),
                        ),
                        ("structure", models.TextField(blank=True, verbose_name="実施体制")),
                        (
                            "synergy",
                            models.TextField(
                                blank=True,
                                help_text="行政と協働することで期待できる効果",
                                verbose_name="協働による効果",
                            ),
                        ),
                        (
                            "track_record",
                            models.TextField(blank=True, verbose_name="関連する活動実績"),
                        ),
                        (
                            "requested_amount",
                            models.PositiveBigIntegerField(
                                blank=True, null=True, verbose_name="見積額（円）"
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1)),
                        (
                            "submitted_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="提出日時"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="作成日時"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="更新日時"),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="作成者",
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                limit_choices_to={"kind": "npo"},
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="applications",
                                to="partners.organization",
                                verbose_name="応募団体",
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="提出者",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "応募",
                        "verbose_name_plural": "応募",
                        "db_table": "partners_application",
                        "ordering": ["call", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ApplicationAttachment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "file",
                            models.FileField(
                                max_length=255,
                                upload_to=kyodo_portal.core.attachments.stored_path,
                                verbose_name="ファイル",
                            ),
                        ),
                        (
                            "original_name",
                            models.CharField(max_length=200, verbose_name="ファイル名"),
                        ),
                        ("content_type", models.CharField(max_length=100, verbose_name="種類")),
                        ("size", models.PositiveIntegerField(verbose_name="サイズ（バイト）")),
                        (
                            "uploaded_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="登録日時"),
                        ),
                        (
                            "application",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="attachments",
                                to="selection.application",
                                verbose_name="応募",
                            ),
                        ),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "添付書類",
                        "verbose_name_plural": "添付書類",
                        "db_table": "partners_applicationattachment",
                        "ordering": ["application", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="Call",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="公募の名称")),
                        ("purpose", models.TextField(verbose_name="事業の目的・内容")),
                        (
                            "eligibility",
                            models.TextField(
                                help_text="法人格の有無だけで応募資格を限らないでください（手引：協働相手の選定）。",
                                verbose_name="応募資格",
                            ),
                        ),
                        ("budget_cap", models.PositiveBigIntegerField(verbose_name="上限額（円）")),
                        ("application_deadline", models.DateTimeField(verbose_name="応募締切")),
                        ("scoring_deadline", models.DateTimeField(verbose_name="審査期限")),
                        ("announcement_date", models.DateField(verbose_name="結果公表予定日")),
                        (
                            "method",
                            models.CharField(
                                choices=[
                                    ("documents", "書類審査"),
                                    ("presentation", "プレゼンテーション審査"),
                                    ("both", "書類審査及びプレゼンテーション審査"),
                                ],
                                max_length=20,
                                verbose_name="選定方法",
                            ),
                        ),
                        (
                            "method_notes",
                            models.TextField(
                                blank=True,
                                help_text="プレゼンテーションの日程・会場など",
                                verbose_name="選定方法の補足",
                            ),
                        ),
                        (
                            "total_points",
                            models.PositiveSmallIntegerField(
                                default=100,
                                help_text="各基準の配点の合計がこの値と一致する必要があります。",
                                verbose_name="配点の合計",
                            ),
                        ),
                        (
                            "scale_min",
                            models.PositiveSmallIntegerField(default=1, verbose_name="評点の下限"),
                        ),
                        (
                            "scale_max",
                            models.PositiveSmallIntegerField(default=5, verbose_name="評点の上限"),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "準備中"),
                                    ("open", "公募中"),
                                    ("scoring", "審査中"),
                                    ("decided", "選定済み（結果未公表）"),
                                    ("published", "結果公表済み"),
                                ],
                                db_index=True,
                                default="draft",
                                max_length=20,
                                verbose_name="状態",
                            ),
                        ),
                        ("revision", models.PositiveIntegerField(default=0, verbose_name="版")),
                        ("version", models.PositiveIntegerField(default=1)),
                        (
                            "published_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="公表日時"),
                        ),
                        ("decision_reason", models.TextField(blank=True, verbose_name="選定理由")),
                        (
                            "not_top_reason",
                            models.TextField(blank=True, verbose_name="最高得点以外を選定した理由"),
                        ),
                        (
                            "committee_summary",
                            models.TextField(blank=True, verbose_name="審査の講評"),
                        ),
                        (
                            "decided_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="決定日時"),
                        ),
                        (
                            "results_published_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="結果公表日時"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="作成日時"),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="更新日時"),
                        ),
                        (
                            "chosen_application",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="selection.application",
                                verbose_name="選定した応募",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="作成者",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="決定者",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="calls",
                                to="projects.project",
                                verbose_name="協働事業",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "公募",
                        "verbose_name_plural": "公募",
                        "db_table": "partners_call",
                        "ordering": ["-application_deadline", "-pk"],
                    },
                ),
                migrations.AddField(
                    model_name="application",
                    name="call",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="selection.call",
                        verbose_name="公募",
                    ),
                ),
                migrations.CreateModel(
                    name="CallRevision",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("number", models.PositiveIntegerField(verbose_name="版")),
                        ("notice", models.TextField(blank=True, verbose_name="訂正のお知らせ")),
                        (
                            "changes",
                            models.JSONField(blank=True, default=list, verbose_name="変更内容"),
                        ),
                        ("snapshot", models.JSONField(default=dict, verbose_name="公表内容")),
                        ("published_at", models.DateTimeField(verbose_name="公表日時")),
                        (
                            "call",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="revisions",
                                to="selection.call",
                                verbose_name="公募",
                            ),
                        ),
                        (
                            "published_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "公募の公表版",
                        "verbose_name_plural": "公募の公表版",
                        "db_table": "partners_callrevision",
                        "ordering": ["call", "number"],
                    },
                ),
                migrations.CreateModel(
                    name="CommitteeMember",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("academic", "学識経験者"),
                                    ("intermediary", "中間支援組織・NPO関係者"),
                                    ("citizen", "公募委員（市民）"),
                                    ("government", "行政職員"),
                                    ("other", "その他"),
                                ],
                                max_length=20,
                                verbose_name="委員の区分",
                            ),
                        ),
                        ("is_chair", models.BooleanField(default=False, verbose_name="委員長")),
                        (
                            "publish_name",
                            models.BooleanField(default=False, verbose_name="氏名の公表に同意する"),
                        ),
                        (
                            "appointed_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="委嘱日時"),
                        ),
                        (
                            "call",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="committee",
                                to="selection.call",
                                verbose_name="公募",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="committee_seats",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="委員",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "選定委員",
                        "verbose_name_plural": "選定委員",
                        "db_table": "partners_committeemember",
                        "ordering": ["call", "-is_chair", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ConflictDeclaration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("has_conflict", models.BooleanField(verbose_name="利害関係あり")),
                        ("reason", models.TextField(blank=True, verbose_name="利害関係の内容")),
                        (
                            "declared_at",
                            models.DateTimeField(auto_now=True, verbose_name="申告日時"),
                        ),
                        (
                            "application",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="declarations",
                                to="selection.application",
                                verbose_name="応募",
                            ),
                        ),
                        (
                            "reviewer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="conflict_declarations",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="委員",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "利害関係の申告",
                        "verbose_name_plural": "利害関係の申告",
                        "db_table": "partners_conflictdeclaration",
                    },
                ),
                migrations.CreateModel(
                    name="Criterion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("position", models.PositiveSmallIntegerField(verbose_name="順序")),
                        ("name", models.CharField(max_length=100, verbose_name="評価項目")),
                        ("description", models.TextField(blank=True, verbose_name="評価の視点")),
                        ("weight", models.PositiveSmallIntegerField(verbose_name="配点")),
                        (
                            "concerns_legal_status",
                            models.BooleanField(
                                default=False,
                                help_text="法人格の有無や種類を評価する基準であれば選んでください。",
                                verbose_name="法人格に関する基準",
                            ),
                        ),
                        (
                            "call",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="criteria",
                                to="selection.call",
                                verbose_name="公募",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "選定基準",
                        "verbose_name_plural": "選定基準",
                        "db_table": "partners_criterion",
                        "ordering": ["call", "position"],
                    },
                ),
                migrations.CreateModel(
                    name="Designation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "route",
                            models.CharField(
                                choices=[
                                    ("designated", "特命（指名）"),
                                    ("proposal", "協働提案による選定"),
                                ],
                                max_length=20,
                                verbose_name="選定の方法",
                            ),
                        ),
                        ("justification", models.TextField(verbose_name="選定理由")),
                        (
                            "decided_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="決定日時"),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="決定者",
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                limit_choices_to={"kind": "npo"},
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="designations",
                                to="partners.organization",
                                verbose_name="協働相手",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="designations",
                                to="projects.project",
                                verbose_name="協働事業",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "特命・提案による選定",
                        "verbose_name_plural": "特命・提案による選定",
                        "db_table": "partners_designation",
                        "ordering": ["-decided_at"],
                    },
                ),
                migrations.CreateModel(
                    name="Score",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("value", models.PositiveSmallIntegerField(verbose_name="評点")),
                        ("comment", models.TextField(blank=True, verbose_name="コメント")),
                        (
                            "updated_at",
                            models.DateTimeField(auto_now=True, verbose_name="更新日時"),
                        ),
                        (
                            "application",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="scores",
                                to="selection.application",
                                verbose_name="応募",
                            ),
                        ),
                        (
                            "criterion",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="scores",
                                to="selection.criterion",
                                verbose_name="評価項目",
                            ),
                        ),
                        (
                            "reviewer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="selection_scores",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="委員",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "評点",
                        "verbose_name_plural": "評点",
                        "db_table": "partners_score",
                    },
                ),
                migrations.AddIndex(
                    model_name="call",
                    index=models.Index(
                        fields=["status", "application_deadline"],
                        name="partners_ca_status_be6af0_idx",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="call",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("scale_max__gt", models.F("scale_min"))),
                        name="call_scale_in_order",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="call",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("scoring_deadline__gt", models.F("application_deadline"))
                        ),
                        name="call_deadlines_in_order",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="call",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("status", "draft"), ("revision__gte", 1), _connector="OR"
                        ),
                        name="call_published_has_revision",
                    ),
                ),
                migrations.AddIndex(
                    model_name="application",
                    index=models.Index(
                        fields=["call", "status"], name="partners_ap_call_id_994fa8_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="application",
                    constraint=models.UniqueConstraint(
                        fields=("call", "organization"), name="one_application_per_organization"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="application",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "submitted"), _negated=True),
                            ("submitted_at__isnull", False),
                            _connector="OR",
                        ),
                        name="submitted_application_has_time",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="callrevision",
                    constraint=models.UniqueConstraint(
                        fields=("call", "number"), name="unique_call_revision"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="committeemember",
                    constraint=models.UniqueConstraint(
                        fields=("call", "user"), name="unique_committee_member"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="conflictdeclaration",
                    constraint=models.UniqueConstraint(
                        fields=("application", "reviewer"), name="one_declaration_per_reviewer"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="conflictdeclaration",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("has_conflict", False),
                            models.Q(("reason", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="conflict_has_reason",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="criterion",
                    constraint=models.UniqueConstraint(
                        fields=("call", "position"), name="unique_criterion_position"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="criterion",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("weight__gt", 0)), name="criterion_weight_positive"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="designation",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("justification", ""), _negated=True),
                        name="designation_has_justification",
                    ),
                ),
                migrations.AddIndex(
                    model_name="score",
                    index=models.Index(
                        fields=["application", "criterion"], name="partners_sc_applica_d3481b_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="score",
                    constraint=models.UniqueConstraint(
                        fields=("application", "reviewer", "criterion"),
                        name="one_score_per_criterion",
                    ),
                ),
            ],
        ),
    ]
