"""The OpenAPI document: the API's introduction and the error responses every operation shares.

drf-spectacular describes each operation's success; this hook adds what the views have in
common — the error body of :mod:`kyodo_portal.api.errors`, the rate limit, and the conditional
request headers of the public lists — so that clients (and the Schemathesis run in the tests)
can rely on every status code the API answers being documented.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension

DESCRIPTION = _(
    "協働ポータルの公開データと業務連携のためのAPIです。\n\n"
    "- 公開API（/api/v1/public/、/api/v1/open-data/）はログインなしで使えます。公表済みの公募・"
    "選定結果・評価の概要、事例集、協働事業の統計を提供し、同じ内容をCSVでもダウンロードできます"
    "（ライセンスと列の説明はカタログ /api/v1/open-data/ にあります）。\n"
    "- それ以外のAPIには、プロフィールのページで発行する個人のAPIトークンが必要です。"
    "`Authorization: Token <トークン>` ヘッダーで送ってください。APIでできることは画面と同じ権限の"
    "範囲に限られ、画面で断られる操作はAPIでも断られます。\n"
    "- 一覧はページ単位で返します（`page`、`page_size`、最大100件）。\n"
    "- エラーは `code`（機械向けの識別子）と `message`（Accept-Language で指定した言語の説明）を"
    "持つJSONで返します。\n"
    "- リクエスト数には上限があります。超えると 429 と Retry-After ヘッダーを返します。\n"
    "- 公開の一覧とCSVは ETag と Last-Modified を返します。If-None-Match または "
    "If-Modified-Since を送ると、変更がなければ 304 を返します。"
)

ERROR_SCHEMA = {
    "type": "object",
    "description": "エラーの内容",
    "properties": {
        "code": {
            "type": "string",
            "description": "機械向けの識別子（not_found, permission_denied, invalid, gate_closed, "
            "stale, not_authenticated, authentication_failed, throttled など）",
        },
        "message": {"type": "string", "description": "Accept-Language の言語による説明"},
        "errors": {
            "type": "object",
            "description": "項目ごとのエラー（入力の誤りのとき）",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "reasons": {
            "type": "array",
            "description": "満たされていない条件（段階を進められないとき）",
            "items": {"type": "string"},
        },
    },
    "required": ["code", "message"],
}

ERROR_REF = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
ERROR_DESCRIPTIONS = {
    "400": "入力の誤り（invalid, parse_error）",
    "401": "認証の失敗（not_authenticated, authentication_failed）",
    "403": "権限がない、または今の段階ではできない操作（permission_denied）",
    "404": "見つからない、または閲覧できない（not_found）",
    "406": "応答できない形式を求められた（not_acceptable）",
    "409": "段階の条件が未達（gate_closed）、または他の人が先に更新した（stale）",
    "415": "JSON以外の形式で送られた（unsupported_media_type）",
    "429": "リクエスト数の上限を超えた（throttled）",
}
RATE_HEADERS = {
    "Retry-After": {
        "description": "次のリクエストまで待つ秒数",
        "schema": {"type": "integer"},
    }
}
CONDITIONAL_PARAMETERS = [
    {
        "in": "header",
        "name": "If-None-Match",
        "required": False,
        "schema": {"type": "string"},
        "description": "前回の応答の ETag。変更がなければ 304 を返します。",
    },
    {
        "in": "header",
        "name": "If-Modified-Since",
        "required": False,
        "schema": {"type": "string"},
        "description": "前回の応答の Last-Modified。変更がなければ 304 を返します。",
    },
]
VALIDATOR_HEADERS = {
    "ETag": {"description": "内容の版を表す値", "schema": {"type": "string"}},
    "Last-Modified": {
        "description": "最後に変更された日時（データがないときは省略）",
        "schema": {"type": "string"},
    },
}


def _error(code: str, headers: dict | None = None) -> dict:
    response = {"description": ERROR_DESCRIPTIONS[code], "content": ERROR_REF}
    if headers:
        response["headers"] = headers
    return response


# Sent even in a partial update (PATCH): the version the edit started from, without which the
# API cannot tell a stale edit from a fresh one and refuses it (400).
REQUIRED_WHEN_PATCHING = ("version",)


def _require_on_patch(schemas: dict) -> None:
    """drf-spectacular makes every field of a "Patched…" body optional; not these."""
    for name, component in schemas.items():
        if not name.startswith("Patched"):
            continue
        properties = component.get("properties", {})
        required = [field for field in REQUIRED_WHEN_PATCHING if field in properties]
        if required:
            component["required"] = [*component.get("required", []), *required]


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    result.setdefault("info", {})["description"] = str(DESCRIPTION)
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    _require_on_patch(schemas)
    from kyodo_portal.core.api.opendata import DATASETS

    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] == "slug":
                    # The datasets of the catalogue, so clients (and tests) know the names.
                    parameter["schema"] = {"type": "string", "enum": list(DATASETS)}
                    parameter["description"] = "データセットの識別子（カタログの id）"
            responses = operation.setdefault("responses", {})
            codes = ["401", "403", "404", "406", "429"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            if method in {"post", "put", "patch"}:
                codes += ["409", "415"]
            for code in codes:
                if code not in responses:
                    responses[code] = _error(code, RATE_HEADERS if code == "429" else None)
            if operation.pop("x-conditional", False):
                operation.setdefault("parameters", []).extend(CONDITIONAL_PARAMETERS)
                for code, response in responses.items():
                    if code.startswith("2"):
                        response.setdefault("headers", {}).update(VALIDATOR_HEADERS)
                responses["304"] = {
                    "description": "前回から変更なし（本文なし）",
                    "headers": VALIDATOR_HEADERS,
                }
    return result


class PortalSessionScheme(OpenApiAuthenticationExtension):
    """The browser session (used by the documentation page's "Try it out")."""

    target_class = "kyodo_portal.api.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
