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
