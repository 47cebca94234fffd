"""Who is calling: a personal API token (``Authorization: Token <key>`` or ``Bearer <key>``), or
the signed-in browser session (so the documentation page can try the read endpoints)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

TOKEN_INVALID = _("APIトークンが正しくないか、すでに無効になっています。")
TOKEN_MALFORMED = _(
    "Authorization ヘッダーの形式が正しくありません。「Token <トークン>」の形で送ってください。"
)
ACCOUNT_INACTIVE = _("この利用者のアカウントは停止されています。")
CSRF_FAILED = _(
    "ブラウザーのログイン状態でデータを送るには、CSRFトークン（X-CSRFToken ヘッダー）が必要です。"
    "ページを読み込み直してから、もう一度お試しください。プログラムから使うときは、"
    "APIトークンを使ってください。"
)

KEYWORDS = (b"token", b"bearer")


class TokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"
    model = Token

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(str(TOKEN_MALFORMED))
        try:
            key = header[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(str(TOKEN_MALFORMED)) from error
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key):
        token = self.model.objects.select_related("user").filter(key=key).first()
        if token is None:
            raise exceptions.AuthenticationFailed(str(TOKEN_INVALID))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(str(ACCOUNT_INACTIVE))
        return token.user, token


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser session, with Django's CSRF check on every unsafe method."""

    def enforce_csrf(self, request):
        view = (request.parser_context or {}).get("view")
        if view is not None and request.method not in view.allowed_methods:
            # The view answers 405 before doing anything, so there is no forgery to stop; a
            # browser is told the method is wrong, as a token caller is, not "CSRF failed".
            return
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as error:
            # Django's reasons are English developer notes; the caller reads ours.
            raise exceptions.PermissionDenied(str(CSRF_FAILED)) from error
