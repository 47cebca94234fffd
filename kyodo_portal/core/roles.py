"""The five roles a person can hold in an organisation (see HANDBOOK.md, 'Who uses the portal')."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("職員（担当課）")
    NPO = "npo", _("NPO会員")
    REVIEWER = "reviewer", _("選定委員")
    MANAGER = "manager", _("管理職・推進担当")
    # Runs the deployment: adds government bodies and their first manager. Held in the operator's
    # own organisation (not an office), so it reads no body's projects, sheets or proposals.
    PLATFORM_ADMIN = "platform_admin", _("ポータル運営管理者")
