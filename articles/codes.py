"""Clinical codes on guides and skin concerns, so an electronic health record can find the clinic's
own guide for a diagnosis or procedure it has recorded (the Infobutton door, infobutton/).

Editors pick a code system by name (never its OID) and type the code; each system's format is
checked when they save. Codes of a guide are part of the guide: a changed code reaches patients'
systems only when the guide is published.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel


class CodeSystem(models.TextChoices):
    """The code systems a guide or concern can carry, by the name clinical staff know."""

    ICD10CM = "icd10cm", _("ICD-10-CM (diagnoses)")
    SNOMED = "snomed", _("SNOMED CT (conditions and procedures)")
    CPT = "cpt", _("CPT (procedures)")


# HL7 object identifiers of the code systems, as an EHR names them in an Infobutton request.
OIDS = {
    CodeSystem.ICD10CM: "2.16.840.1.113883.6.90",
    CodeSystem.SNOMED: "2.16.840.1.113883.6.96",
    CodeSystem.CPT: "2.16.840.1.113883.6.12",
}
SYSTEM_BY_OID = {oid: system for system, oid in OIDS.items()}

ICD10CM_CODE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$")
# Category I: five digits; II: four digits and F; III: four and T; laboratory analyses: four and U.
CPT_CODE = re.compile(r"^[0-9]{4}[0-9FTU]$")
SNOMED_CODE = re.compile(r"^[1-9][0-9]{5,17}$")
ICD10CM_CATEGORY_LENGTH = 3  # "L90": the shortest code, the top of its hierarchy

FORMAT_HELP = {
    CodeSystem.ICD10CM: _(
        "An ICD-10-CM code is a letter, two more characters, then optionally a dot and up to "
        "four more, for example L90.5."
    ),
    CodeSystem.SNOMED: _(
        "A SNOMED CT code is 6 to 18 digits whose last digit checks the others, for example "
        "22298006."
    ),
    CodeSystem.CPT: _("A CPT code is five characters: four digits, then a digit, F, T or U."),
}

# Verhoeff's check digit tables (SNOMED CT identifiers end with one).
_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_valid(digits: str) -> bool:
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


def normalise(system: str, code: str) -> str:
    """The code as the clinic writes it: upper case, no spaces; ICD-10-CM with its dot."""
    code = "".join(code.split()).upper()
    if system == CodeSystem.ICD10CM:
        code = code.replace(".", "")
        if len(code) > ICD10CM_CATEGORY_LENGTH:
            code = f"{code[:ICD10CM_CATEGORY_LENGTH]}.{code[ICD10CM_CATEGORY_LENGTH:]}"
    return code


def is_valid(system: str, code: str) -> bool:
    """True if ``code`` (normalised) has the format of ``system``."""
    if system == CodeSystem.ICD10CM:
        return bool(ICD10CM_CODE.match(code))
    if system == CodeSystem.CPT:
        return bool(CPT_CODE.match(code))
    if system == CodeSystem.SNOMED:
        return bool(SNOMED_CODE.match(code)) and verhoeff_valid(code)
    return False


def match_keys(system: str, code: str) -> list[str]:
    """The stored codes a request for ``code`` matches: the code itself and, in ICD-10-CM, each
    broader code above it (a request for L90.5 finds a concern coded L90)."""
    code = normalise(system, code)
    if system != CodeSystem.ICD10CM:
        return [code]
    bare = code.replace(".", "")
    return [
        normalise(system, bare[:length])
        for length in range(len(bare), ICD10CM_CATEGORY_LENGTH - 1, -1)
    ]


class ClinicalCode(models.Model):
    """One code of a guide or concern; the concrete models say what it belongs to."""

    system = models.CharField(_("code system"), max_length=12, choices=CodeSystem.choices)
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("For example L90.5 (ICD-10-CM), 22298006 (SNOMED CT) or 15788 (CPT)."),
    )
    label = models.CharField(
        _("what the code means"),
        max_length=200,
        blank=True,
        help_text=_("Optional, for staff: for example 'Scar conditions and fibrosis of skin'."),
    )

    panels = [FieldRowPanel([FieldPanel("system"), FieldPanel("code")]), FieldPanel("label")]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_system_display()} {self.code}"

    def save(self, *args, **kwargs):
        if self.system and self.code:
            self.code = normalise(self.system, self.code)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.system or not self.code:
            return
        self.code = normalise(self.system, self.code)
        if not is_valid(self.system, self.code):
            raise ValidationError({"code": FORMAT_HELP[self.system]})
