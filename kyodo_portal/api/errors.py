"""One error body for the whole API: ``{"code", "message"}``, plus ``errors`` (per field) or
``reasons`` (the closed workflow gates) when there is more to say.

``code`` is a stable machine word; ``message`` is a sentence in the language the caller asked
for with Accept-Language (Japanese by default). The domain's own exceptions are translated here,
so a viewset simply calls the same service as the page and lets its refusal through.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from kyodo_portal.core.errors import PermissionDenied as ServicePermissionDenied
from kyodo_portal.core.errors import StaleEdit
from projects.services import GateClosed

NOT_FOUND = _("お探しのデータは見つかりませんでした。URLと番号を確かめてください。")
NOT_AUTHENTICATED = _(
    "このAPIを使うには認証が必要です。プロフィールのページでAPIトークンを発行し、"
    "Authorization ヘッダーで送ってください。"
)
PERMISSION_DENIED = _("この操作を行う権限がありません。")
METHOD_NOT_ALLOWED = _("このURLでは %(method)s は使えません。")
NOT_ACCEPTABLE = _("要求された形式では応答できません。JSONまたはCSVを指定してください。")
UNSUPPORTED_MEDIA_TYPE = _("送られたデータの形式には対応していません。JSONで送ってください。")
PARSE_ERROR = _("送られたデータを読み取れませんでした。正しいJSONか確かめてください。")
INVALID = _("入力内容に誤りがあります。項目ごとの説明を確かめてください。")
GATE_CLOSED = _("次の段階に進むための条件がそろっていません。")
THROTTLED = _(
    "短い時間に多くのリクエストが送られたため、一時的に受け付けを止めています。"
    "%(seconds)s秒ほど待ってから、もう一度お試しください。"
)
THROTTLED_NO_WAIT = _("短い時間に多くのリクエストが送られたため、一時的に受け付けを止めています。")


def error_body(code: str, message, **extra) -> dict:
    body = {"code": code, "message": str(message)}
    body.update({key: value for key, value in extra.items() if value})
    return body


def _field_errors(detail) -> dict:
    """DRF's nested error detail as {field: [messages]} (nested paths joined with dots)."""
    result: dict[str, list[str]] = {}

    def walk(prefix: str, value):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), item)
        elif isinstance(value, list):
            if all(not isinstance(item, (dict, list)) for item in value):
                result.setdefault(prefix or "__all__", []).extend(str(item) for item in value)
            else:
                for index, item in enumerate(value):
                    walk(f"{prefix}.{index}" if prefix else str(index), item)
        else:
            result.setdefault(prefix or "__all__", []).append(str(value))

    walk("", detail)
    return result


def _django_validation(error: DjangoValidationError) -> tuple[str, dict]:
    if hasattr(error, "error_dict"):
        errors = {
            field: [str(m) for m in messages] for field, messages in error.message_dict.items()
        }
        first = next((messages[0] for messages in errors.values() if messages), str(INVALID))
        return first, errors
    messages = [str(m) for m in error.messages]
    return (messages[0] if messages else str(INVALID)), ({"__all__": messages} if messages else {})


def _translate(exc):
    """(status, body) for an exception the API knows, else None."""
    if isinstance(exc, GateClosed):
        return status.HTTP_409_CONFLICT, error_body(
            "gate_closed", GATE_CLOSED, reasons=[str(r) for r in exc.reasons]
        )
    # Every app's stale edit derives from the one base, a ValidationError: answered first.
    if isinstance(exc, StaleEdit):
        return status.HTTP_409_CONFLICT, error_body("stale", exc.messages[0])
    if isinstance(exc, ServicePermissionDenied):
        return status.HTTP_403_FORBIDDEN, error_body(
            "permission_denied", str(exc) or PERMISSION_DENIED
        )
    if isinstance(exc, DjangoValidationError):
        message, errors = _django_validation(exc)
        return status.HTTP_400_BAD_REQUEST, error_body("invalid", message, errors=errors)
    if isinstance(exc, (Http404, exceptions.NotFound)):
        return status.HTTP_404_NOT_FOUND, error_body("not_found", NOT_FOUND)
    if isinstance(exc, (DjangoPermissionDenied, exceptions.PermissionDenied)):
        detail = getattr(exc, "detail", None) or str(exc)
        # DRF's own default text is English and says nothing; ours is in the caller's language.
        if not detail or detail == exceptions.PermissionDenied.default_detail:
            detail = PERMISSION_DENIED
        return status.HTTP_403_FORBIDDEN, error_body("permission_denied", detail)
    if isinstance(exc, exceptions.NotAuthenticated):
        return status.HTTP_401_UNAUTHORIZED, error_body("not_authenticated", NOT_AUTHENTICATED)
    if isinstance(exc, exceptions.AuthenticationFailed):
        return status.HTTP_401_UNAUTHORIZED, error_body("authentication_failed", exc.detail)
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is not None:
            message = str(THROTTLED) % {"seconds": max(1, round(exc.wait))}
        else:
            message = str(THROTTLED_NO_WAIT)
        return status.HTTP_429_TOO_MANY_REQUESTS, error_body("throttled", message)
    if isinstance(exc, exceptions.MethodNotAllowed):
        return status.HTTP_405_METHOD_NOT_ALLOWED, error_body(
            "method_not_allowed",
            str(METHOD_NOT_ALLOWED) % {"method": exc.args[0] if exc.args else ""},
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return status.HTTP_406_NOT_ACCEPTABLE, error_body("not_acceptable", NOT_ACCEPTABLE)
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, error_body(
            "unsupported_media_type", UNSUPPORTED_MEDIA_TYPE
        )
    if isinstance(exc, exceptions.ParseError):
        return status.HTTP_400_BAD_REQUEST, error_body("parse_error", PARSE_ERROR)
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        first = next((m[0] for m in errors.values() if m), str(INVALID))
        return status.HTTP_400_BAD_REQUEST, error_body("invalid", first, errors=errors)
    if isinstance(exc, exceptions.APIException):
        return exc.status_code, error_body(exc.default_code, exc.detail)
    return None


def exception_handler(exc, context):
    translated = _translate(exc)
    if translated is None:
        return None  # a real bug: let Django log it and answer 500
    code, body = translated
    headers = {}
    if isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) is not None:
            headers["Retry-After"] = str(max(1, round(exc.wait)))
    if code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in headers:
        headers["WWW-Authenticate"] = 'Token realm="api"'
    set_rollback()
    return Response(body, status=code, headers=headers)


@csrf_exempt  # nothing happens here, whatever the method: no token needed to be told "404"
def not_found_view(request, *args, **kwargs):
    """Unknown addresses under /api/ answer in the API's own shape, not the HTML 404 page."""
    return JsonResponse(error_body("not_found", NOT_FOUND), status=404)
