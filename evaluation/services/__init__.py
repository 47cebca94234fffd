"""Every state change of an evaluation goes through here (no request, no messages).

The operations live in modules by area (sheets, the exchange, improvement items, the background
exports); every public name stays importable from ``evaluation.services``.
"""

from evaluation.services.exchange import (
    ATTENDEES_REQUIRED,
    CONCLUSIONS_REQUIRED,
    MEETING_DATE_IN_FUTURE,
    MEETING_DATE_REQUIRED,
    THIRD_PARTY_REQUIRED,
    exchange_record,
    round_publish,
    round_unpublish,
    third_party_comment_save,
)
from evaluation.services.exports import (
    EXPORT_DONE_BODY,
    EXPORT_DONE_TITLE,
    EXPORT_FAILED_BODY,
    EXPORT_FAILED_TITLE,
    EXPORT_NOTICE,
    results_export_build,
    results_export_request,
    results_exports_purge,
)
from evaluation.services.improvements import (
    ALREADY_ACKNOWLEDGED,
    IMPROVEMENT_TEXT_REQUIRED,
    ITEM_NOT_APPLICABLE,
    NOTE_REQUIRED,
    improvement_acknowledge,
    improvement_add,
    improvement_delete,
    improvement_set_carry_forward,
)
from evaluation.services.sheets import (
    COMMENT_REQUIRED,
    LOW_SCORE_NEEDS_REASON,
    NOT_AN_ACTING_ORGANIZATION,
    SCORE_OUT_OF_RANGE,
    SCORE_REQUIRED_TO_SUBMIT,
    STALE,
    UNKNOWN_ITEM,
    AnswerInput,
    StaleEdit,
    evaluation_comment_on_other,
    evaluation_save,
    score_rollups_fill,
)
from kyodo_portal.core.errors import PermissionDenied

__all__ = [
    "ALREADY_ACKNOWLEDGED",
    "ATTENDEES_REQUIRED",
    "COMMENT_REQUIRED",
    "CONCLUSIONS_REQUIRED",
    "EXPORT_DONE_BODY",
    "EXPORT_DONE_TITLE",
    "EXPORT_FAILED_BODY",
    "EXPORT_FAILED_TITLE",
    "EXPORT_NOTICE",
    "IMPROVEMENT_TEXT_REQUIRED",
    "ITEM_NOT_APPLICABLE",
    "LOW_SCORE_NEEDS_REASON",
    "MEETING_DATE_IN_FUTURE",
    "MEETING_DATE_REQUIRED",
    "NOTE_REQUIRED",
    "NOT_AN_ACTING_ORGANIZATION",
    "SCORE_OUT_OF_RANGE",
    "SCORE_REQUIRED_TO_SUBMIT",
    "STALE",
    "THIRD_PARTY_REQUIRED",
    "UNKNOWN_ITEM",
    "AnswerInput",
    "PermissionDenied",
    "StaleEdit",
    "evaluation_comment_on_other",
    "evaluation_save",
    "exchange_record",
    "improvement_acknowledge",
    "improvement_add",
    "improvement_delete",
    "improvement_set_carry_forward",
    "results_export_build",
    "results_export_request",
    "results_exports_purge",
    "round_publish",
    "round_unpublish",
    "score_rollups_fill",
    "third_party_comment_save",
]
