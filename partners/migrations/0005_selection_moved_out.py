"""Partner selection moved to the selection app: its models leave the partners state only.

No table is touched; selection's first migration takes the same tables over under their names.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_directory_trigram_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="call",
                    name="chosen_application",
                ),
                migrations.RemoveField(
                    model_name="score",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="conflictdeclaration",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="applicationattachment",
                    name="application",
                ),
                migrations.RemoveField(
                    model_name="applicationattachment",
                    name="uploaded_by",
                ),
                migrations.RemoveField(
                    model_name="call",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="call",
                    name="decided_by",
                ),
                migrations.RemoveField(
                    model_name="call",
                    name="project",
                ),
                migrations.RemoveField(
                    model_name="committeemember",
                    name="call",
                ),
                migrations.RemoveField(
                    model_name="callrevision",
                    name="call",
                ),
                migrations.RemoveField(
                    model_name="criterion",
                    name="call",
                ),
                migrations.RemoveField(
                    model_name="callrevision",
                    name="published_by",
                ),
                migrations.RemoveField(
                    model_name="committeemember",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="conflictdeclaration",
                    name="reviewer",
                ),
                migrations.RemoveField(
                    model_name="score",
                    name="criterion",
                ),
                migrations.RemoveField(
                    model_name="designation",
                    name="decided_by",
                ),
                migrations.RemoveField(
                    model_name="designation",
                    name="organization",
                ),
                migrations.RemoveField(
                    model_name="designation",
                    name="project",
                ),
                migrations.RemoveField(
                    model_name="score",
                    name="reviewer",
                ),
                migrations.DeleteModel(
                    name="Application",
                ),
                migrations.DeleteModel(
                    name="ApplicationAttachment",
                ),
                migrations.DeleteModel(
                    name="Call",
                ),
                migrations.DeleteModel(
                    name="CallRevision",
                ),
                migrations.DeleteModel(
                    name="CommitteeMember",
                ),
                migrations.DeleteModel(
                    name="ConflictDeclaration",
                ),
                migrations.DeleteModel(
                    name="Criterion",
                ),
                migrations.DeleteModel(
                    name="Designation",
                ),
                migrations.DeleteModel(
                    name="Score",
                ),
            ],
        ),
    ]
