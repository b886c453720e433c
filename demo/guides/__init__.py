"""The demo guides, one module each, in the order the demo site lists them; their Spanish
translations (``*_es.py``) in ``SPANISH_GUIDES``."""

from .chemical_peels import CHEMICAL_PEELS, CHEMICAL_PEELS_IMPROVEMENT
from .chemical_peels_es import CHEMICAL_PEELS_ES
from .led_light_therapy import LED_LIGHT_THERAPY
from .microdermabrasion import MICRODERMABRASION
from .microneedling import MICRONEEDLING
from .microneedling_es import MICRONEEDLING_ES

GUIDES = [MICRONEEDLING, CHEMICAL_PEELS, LED_LIGHT_THERAPY, MICRODERMABRASION]

# Each names the English guide it translates ("translation_of"). The chemical peel translation
# is made before the English guide's improvement (CHEMICAL_PEELS_IMPROVEMENT) is published, so it
# is out of date with its English source; the microneedling one stays up to date.
SPANISH_GUIDES = [MICRONEEDLING_ES, CHEMICAL_PEELS_ES]

__all__ = ["CHEMICAL_PEELS_IMPROVEMENT", "GUIDES", "SPANISH_GUIDES"]
