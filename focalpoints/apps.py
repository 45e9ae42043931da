from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FocalpointsConfig(AppConfig):
    name = "focalpoints"
    verbose_name = _("Institutions and focal points")
