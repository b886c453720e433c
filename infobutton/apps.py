from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfobuttonConfig(AppConfig):
    """The HL7 Infobutton door: an EHR asks for a diagnosis or procedure code and gets the
    clinic's own reviewed guides for it (an Atom feed, JSON or a page for the patient)."""

    name = "infobutton"
    verbose_name = _("Infobutton (guides by clinical code)")
