"""The secretary's desk (事務局): reminding a member, and entering members' scores from their
signed paper sheets — one member's sheet through a form, or the whole grid from a spreadsheet.

Scores entered here are the member's scores: they count in the ranking like any other. Each
keeps who typed it in (``Score.entered_by``) and the scan of the signed sheet it came from
(``Score.paper_sheet``); the member's own page and the audit trail say so. The rules of a
score sheet are those of ``score_errors``, never a copy. Nothing is saved when any cell is
wrong. A member who already scored an application themselves keeps their own sheet: paper
cannot overwrite it. A signed sheet that carries scores for an application the member had not
yet declared on also carries their declaration of no conflict (the sheet's printed statement),
and that declaration is recorded with the scores.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.attachments import check_upload
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from partners.models import User
from selection import notices
from selection.models import (
    Application,
    Call,
    CommitteeMember,
    ConflictDeclaration,
    Criterion,
    PaperScoreSheet,
    Score,
)
from selection.permissions import can_enter_scores_on_behalf, can_remind_member
from selection.selectors import FIXED_COLUMNS, csv_header
from selection.services.decisions import ScoreInput, score_errors

# --- messages (reused by forms, views and tests) ---------------------------------------------
NOTHING_ENTERED = _("入力された評点がありません。紙の採点票の評点を入力してください。")
DECLARATION_NOT_CONFIRMED = _(
    "署名された採点票で、委員が採点した応募との利害関係がないと申告していることを確認し、"
    "チェックを入れてください。"
)
SHEET_REQUIRED = _("署名された採点票を読み取ったファイルを添付してください。")
CONFLICTED_CELL = _("%(member)sさんは%(applicant)sとの利害関係を申告しているため、入力できません。")
SELF_SCORED = _(
    "%(member)sさんは%(applicant)sをすでに自分で採点しています。代理入力で上書きはできません。"
)
IN_APPLICANT = _("%(applicant)s：%(message)s")
NOT_ON_THIS_COMMITTEE = _("この公募の選定委員ではありません。")
NOTHING_OWED = _("%(member)sさんには、申告・採点の残りがありません。")

CSV_NOT_READABLE = _(
    "CSVファイルを読み取れません。様式をダウンロードし、UTF-8またはShift_JISのCSVで保存してください。"
)
CSV_HEADER_MISMATCH = _(
    "1行目の見出しが様式と違います。この公募の様式をダウンロードし直して入力してください。"
)
CSV_CELL = _("%(row)s行目「%(column)s」：%(message)s")
CSV_ROW = _("%(row)s行目：%(message)s")
CSV_UNKNOWN_MEMBER = _("この公募の委員に、委員番号「%(value)s」の人はいません。")
CSV_MEMBER_NAME_MISMATCH = _("委員番号%(number)sは%(name)sさんです（「%(value)s」と違います）。")
CSV_UNKNOWN_APPLICATION = _("この公募に提出された応募に、応募番号「%(value)s」はありません。")
CSV_APPLICATION_NAME_MISMATCH = _("応募番号%(number)sは%(name)sです（「%(value)s」と違います）。")
CSV_DUPLICATE_ROW = _("同じ委員と応募の行が%(first)s行目にもあります。")
CSV_NOT_A_NUMBER = _("評点は整数で入力してください（「%(value)s」）。")
CSV_NO_ROWS = _("評点が入力された行がありません。")


@dataclass
class SheetEntry:
    """One member's scores for one application, with where it was read (for the messages)."""

    member: User
    application: Application
    scores: dict[int, ScoreInput]
    where: int = 0  # the spreadsheet row it was read from


def _state(call: Call) -> tuple[set, set, set]:
    """(conflicted, declared, scored by the member themselves) (reviewer, application) pairs."""
    conflicted, declared = set(), set()
    for application_id, reviewer_id, has_conflict in ConflictDeclaration.objects.filter(
        application__call=call
    ).values_list("application_id", "reviewer_id", "has_conflict"):
        declared.add((reviewer_id, application_id))
        if has_conflict:
            conflicted.add((reviewer_id, application_id))
    self_scored = set(
        Score.objects.filter(application__call=call, entered_by__isnull=True).values_list(
            "reviewer_id", "application_id"
        )
    )
    return conflicted, declared, self_scored


def _entry_errors(call: Call, criteria: list[Criterion], entry: SheetEntry, state) -> dict:
    """{criterion id or None: message} for one entry (None: the entry as a whole)."""
    conflicted, _declared, self_scored = state
    key = (entry.member.pk, entry.application.pk)
    names = {
        "member": entry.member.get_full_name(),
        "applicant": entry.application.organization.display_name,
    }
    if key in conflicted:
        return {None: str(CONFLICTED_CELL) % names}
    if key in self_scored:
        return {None: str(SELF_SCORED) % names}
    return score_errors(call, criteria, entry.scores)


def _upload_errors(upload) -> list[str]:
    if upload is None:
        return [str(SHEET_REQUIRED)]
    try:
        check_upload(upload)
    except ValidationError as error:
        return list(error.messages)
    return []


def _store_sheet(*, call: Call, member: User | None, upload, by: User) -> PaperScoreSheet:
    """Keep the scan (the attachments' upload policy; no limit on the number per call, since
    a committee's sheets may be many)."""
    if upload is None:
        raise ValidationError(str(SHEET_REQUIRED))
    name, content_type = check_upload(upload)
    sheet = PaperScoreSheet(
        call=call,
        member=member,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    sheet.file.save(name, upload, save=False)
    try:
        sheet.save()
    except Exception:
        sheet.file.storage.delete(sheet.file.name)
        raise
    # The services check every cell before calling this, so a refused sheet stores no file.
    return sheet


def _save_entries(
    *, call: Call, criteria: list[Criterion], entries: list[SheetEntry], state, sheet_for, by
) -> int:
    _conflicted, declared, _self_scored = state
    saved = 0
    for entry in entries:
        key = (entry.member.pk, entry.application.pk)
        if key not in declared:
            ConflictDeclaration.objects.create(
                application=entry.application, reviewer=entry.member, has_conflict=False
            )
            declared.add(key)
        sheet = sheet_for(entry.member)
        for criterion in criteria:
            value = entry.scores[criterion.pk]
            Score.objects.update_or_create(
                application=entry.application,
                reviewer=entry.member,
                criterion=criterion,
                defaults={
                    "value": value.value,
                    "comment": value.comment.strip(),
                    "entered_by": by,
                    "paper_sheet": sheet,
                },
            )
            saved += 1
    return saved


def _member_of(call: Call, member: User) -> CommitteeMember:
    seat = CommitteeMember.objects.filter(call=call, user=member).select_related("user").first()
    if seat is None:
        raise ValidationError(str(NOT_ON_THIS_COMMITTEE))
    return seat


@transaction.atomic
@audited("selection.scores_enter_on_behalf")
def scores_enter_on_behalf(
    *,
    call: Call,
    member: User,
    by: User,
    scores: dict[int, dict[int, ScoreInput]],
    sheet_file,
    declaration_confirmed: bool,
) -> PaperScoreSheet:
    """Enter one member's signed paper sheet: ``scores`` is {application id: {criterion id:
    score}} for the applications the sheet scores (an application left blank is skipped).
    Returns the stored sheet; the audit entry names the member (``member``) and the staff
    (actor) who entered it."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_enter_scores_on_behalf(by, call))
    _member_of(call, member)
    criteria = list(call.criteria.all())
    applications = {
        a.pk: a
        for a in call.applications.filter(status=Application.Status.SUBMITTED).select_related(
            "organization"
        )
    }
    entries = [
        SheetEntry(member=member, application=applications[pk], scores=values)
        for pk, values in scores.items()
        if pk in applications
    ]
    state = _state(call)
    errors = []
    if not entries:
        errors.append(str(NOTHING_ENTERED))
    for entry in entries:
        for message in _entry_errors(call, criteria, entry, state).values():
            errors.append(
                str(IN_APPLICANT)
                % {"applicant": entry.application.organization.display_name, "message": message}
            )
    if not declaration_confirmed:
        errors.append(str(DECLARATION_NOT_CONFIRMED))
    errors += _upload_errors(sheet_file)
    if errors:
        raise ValidationError(errors)
    sheet = _store_sheet(call=call, member=member, upload=sheet_file, by=by)
    _save_entries(
        call=call,
        criteria=criteria,
        entries=entries,
        state=state,
        sheet_for=lambda _member: sheet,
        by=by,
    )
    return sheet


# --- the spreadsheet in the grid's layout ------------------------------------------------------
def _read_csv(data: bytes) -> list[list[str]]:
    """Rows of a CSV saved by a spreadsheet: UTF-8 (with or without BOM), else Shift_JIS, which
    Japanese Excel writes by default."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            return [row for row in csv.reader(io.StringIO(text))]
        except csv.Error:
            break
    raise ValidationError(str(CSV_NOT_READABLE))


def _headers_in_every_language(criteria) -> list[list[str]]:
    """The template's headings as downloaded in any of the portal's languages (a template
    downloaded in Japanese is still good when imported with the English pages)."""
    headers = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            headers.append([_clean(title) for title in csv_header(criteria)])
    return headers


def _clean(value: str) -> str:
    # Full-width digits and spaces typed in a Japanese spreadsheet read as their plain forms.
    return unicodedata.normalize("NFKC", value or "").strip()


def _parse_rows(call, criteria, rows, seats, applications):
    """(entries, errors) from the spreadsheet's rows after the header."""
    header = csv_header(criteria)
    n_criteria = len(criteria)
    entries, errors, seen = [], [], {}
    by_number = {str(seat.pk): seat.user for seat in seats}
    for row_number, row in enumerate(rows, start=2):
        cells = [_clean(cell) for cell in row] + [""] * (len(header) - len(row))
        if not any(cells):
            continue

        def cell_error(column: int, message: str, row_number=row_number) -> None:
            errors.append(
                str(CSV_CELL) % {"row": row_number, "column": header[column], "message": message}
            )

        member = by_number.get(cells[0])
        application = applications.get(cells[2]) if cells[2] else None
        if member is None:
            cell_error(0, str(CSV_UNKNOWN_MEMBER) % {"value": cells[0]})
        elif cells[1] and _clean(member.get_full_name()) != cells[1]:
            cell_error(
                1,
                str(CSV_MEMBER_NAME_MISMATCH)
                % {"number": cells[0], "name": member.get_full_name(), "value": cells[1]},
            )
        if application is None:
            cell_error(2, str(CSV_UNKNOWN_APPLICATION) % {"value": cells[2]})
        elif cells[3] and _clean(application.organization.display_name) != cells[3]:
            cell_error(
                3,
                str(CSV_APPLICATION_NAME_MISMATCH)
                % {
                    "number": cells[2],
                    "name": application.organization.display_name,
                    "value": cells[3],
                },
            )
        value_cells = cells[FIXED_COLUMNS : FIXED_COLUMNS + n_criteria]
        comment_cells = cells[FIXED_COLUMNS + n_criteria : FIXED_COLUMNS + 2 * n_criteria]
        if member is None or application is None:
            continue
        key = (member.pk, application.pk)
        if key in seen:
            errors.append(
                str(CSV_ROW)
                % {"row": row_number, "message": str(CSV_DUPLICATE_ROW) % {"first": seen[key]}}
            )
            continue
        seen[key] = row_number
        if not any(value_cells) and not any(comment_cells):
            continue  # not yet scored: left for later
        scores, bad_number = {}, False
        for index, criterion in enumerate(criteria):
            raw = value_cells[index]
            value = None
            if raw:
                try:
                    value = int(raw)
                except ValueError:
                    cell_error(FIXED_COLUMNS + index, str(CSV_NOT_A_NUMBER) % {"value": raw})
                    bad_number = True
            scores[criterion.pk] = ScoreInput(value=value, comment=comment_cells[index])
        if bad_number:
            continue
        entries.append(
            SheetEntry(member=member, application=application, scores=scores, where=row_number)
        )
    return entries, errors


@transaction.atomic
@audited("selection.scores_import_on_behalf")
def scores_import_on_behalf(
    *, call: Call, by: User, csv_file, sheet_file, declaration_confirmed: bool
) -> PaperScoreSheet:
    """Import the committee's paper sheets typed into the grid's spreadsheet. Every cell is
    checked and every error listed by row and column; nothing is saved unless all are right.
    ``sheet_file`` is one scan holding all the signed sheets the spreadsheet was typed from."""
    call = Call.objects.select_for_update().select_related("project").get(pk=call.pk)
    check(can_enter_scores_on_behalf(by, call))
    criteria = list(call.criteria.all())
    rows = _read_csv(csv_file.read()) if csv_file is not None else []
    if not rows:
        raise ValidationError(str(CSV_NOT_READABLE))
    header = [_clean(cell) for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    if header not in _headers_in_every_language(criteria):
        raise ValidationError(str(CSV_HEADER_MISMATCH))
    seats = list(call.committee.select_related("user"))
    applications = {
        str(a.pk): a
        for a in call.applications.filter(status=Application.Status.SUBMITTED).select_related(
            "organization"
        )
    }
    entries, errors = _parse_rows(call, criteria, rows[1:], seats, applications)
    state = _state(call)
    value_columns = {c.pk: FIXED_COLUMNS + i for i, c in enumerate(criteria)}
    full_header = csv_header(criteria)
    for entry in entries:
        for criterion_id, message in _entry_errors(call, criteria, entry, state).items():
            if criterion_id is None:
                errors.append(str(CSV_ROW) % {"row": entry.where, "message": message})
            else:
                errors.append(
                    str(CSV_CELL)
                    % {
                        "row": entry.where,
                        "column": full_header[value_columns[criterion_id]],
                        "message": message,
                    }
                )
    if not entries and not errors:
        errors.append(str(CSV_NO_ROWS))
    if not declaration_confirmed:
        errors.append(str(DECLARATION_NOT_CONFIRMED))
    errors += _upload_errors(sheet_file)
    if errors:
        raise ValidationError(errors)
    sheet = _store_sheet(call=call, member=None, upload=sheet_file, by=by)
    _save_entries(
        call=call,
        criteria=criteria,
        entries=entries,
        state=state,
        sheet_for=lambda _member: sheet,
        by=by,
    )
    return sheet


# --- reminders ---------------------------------------------------------------------------------
@transaction.atomic
@audited("selection.member_remind")
def member_remind(*, call: Call, member: CommitteeMember, by: User, owed: dict) -> CommitteeMember:
    """Remind one member of what they still owe (``owed``: {"undeclared": [...], "unscored":
    [...]} applicant names, from the grid), through the messenger."""
    check(can_remind_member(by, call))
    if member.call_id != call.pk:
        raise ValidationError(str(NOT_ON_THIS_COMMITTEE))
    if not owed.get("undeclared") and not owed.get("unscored"):
        raise ValidationError(str(NOTHING_OWED) % {"member": member.user.get_full_name()})
    notices.notify_member_reminded(call=call, member=member, owed=owed, by=by)
    return member
