from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NmirfConfig(AppConfig):
    name = "nmirf"
    verbose_name = _("NMIRF Tracker")
