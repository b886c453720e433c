"""What an Infobutton request asks for, checked: the HL7 URL-based names, as MedlinePlus Connect
reads them. Names the portal does not use (the patient's age, the task, the performer...) are
ignored, as the standard expects; a malformed value of a name it uses is a 400 with a message."""

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.codes import SYSTEM_BY_OID, is_valid, normalise

CODE = "mainSearchCriteria.v.c"
CODE_SYSTEM = "mainSearchCriteria.v.cs"
DISPLAY_NAME = "mainSearchCriteria.v.dn"
RECIPIENT = "informationRecipient"
LANGUAGE = "informationRecipient.languageCode.c"
RESPONSE_TYPE = "knowledgeResponseType"

ATOM, JSON, HTML = "text/xml", "application/json", "text/html"
RESPONSE_TYPES = (ATOM, JSON, HTML)
RECIPIENTS = ("PAT", "PROV")
OID = re.compile(r"^[0-2](\.(0|[1-9][0-9]*))+$")


@dataclass(frozen=True)
class Criteria:
    """A checked request: what to look for, for whom, in which language and format."""

    code: str
    code_system_oid: str
    system: str | None  # the portal's name of the code system; None if it doesn't use it
    display_name: str
    recipient: str
    language: str
    response_type: str


class InfobuttonForm(forms.Form):
    def __init__(self, data):
        super().__init__(data)
        self.fields[CODE] = forms.CharField(required=False, max_length=40, strip=True)
        self.fields[CODE_SYSTEM] = forms.CharField(required=False, max_length=64, strip=True)
        self.fields[DISPLAY_NAME] = forms.CharField(required=False, max_length=200, strip=True)
        self.fields[RECIPIENT] = forms.CharField(required=False, max_length=10, strip=True)
        self.fields[LANGUAGE] = forms.CharField(required=False, max_length=10, strip=True)
        self.fields[RESPONSE_TYPE] = forms.CharField(required=False, max_length=40, strip=True)

    def clean(self):
        data = super().clean()
        code, oid = data.get(CODE, ""), data.get(CODE_SYSTEM, "")
        if not code and not data.get(DISPLAY_NAME):
            raise forms.ValidationError(
                _("Give a code (%(code)s with %(system)s) or a display name (%(name)s).")
                % {"code": CODE, "system": CODE_SYSTEM, "name": DISPLAY_NAME}
            )
        if code and not oid:
            self.add_error(CODE_SYSTEM, _("Say which code system the code is from (its OID)."))
        if oid and not OID.match(oid):
            self.add_error(
                CODE_SYSTEM,
                _("A code system is an OID, for example 2.16.840.1.113883.6.90 (ICD-10-CM)."),
            )
        system = SYSTEM_BY_OID.get(oid)
        if code and system and not is_valid(system, normalise(system, code)):
            self.add_error(CODE, _("%(code)s is not a valid code of that system.") % {"code": code})
        recipient = (data.get(RECIPIENT) or "PAT").upper()
        if recipient not in RECIPIENTS:
            self.add_error(RECIPIENT, _("Use PAT (a patient) or PROV (a clinician)."))
        language = (data.get(LANGUAGE) or settings.LANGUAGE_CODE).lower()
        if not re.match(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$", language):
            self.add_error(LANGUAGE, _("Use a language code such as en or es."))
        response_type = data.get(RESPONSE_TYPE) or ATOM
        if response_type not in RESPONSE_TYPES:
            self.add_error(
                RESPONSE_TYPE,
                _("Use one of: %(types)s.") % {"types": ", ".join(RESPONSE_TYPES)},
            )
        data.update(
            system=system, recipient=recipient, language=language, response_type=response_type
        )
        return data

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        return Criteria(
            code=normalise(data["system"], data[CODE]) if data["system"] else data[CODE],
            code_system_oid=data[CODE_SYSTEM],
            system=data["system"],
            display_name=data[DISPLAY_NAME],
            recipient=data["recipient"],
            language=data["language"],
            response_type=data["response_type"],
        )

    def wanted_type(self) -> str:
        """The format to answer in, even when the request is refused."""
        requested = self.data.get(RESPONSE_TYPE, ATOM)
        return requested if requested in RESPONSE_TYPES else ATOM
