"""The demo guides, one module each, in the order the demo site lists them."""

from .chemical_peels import CHEMICAL_PEELS
from .led_light_therapy import LED_LIGHT_THERAPY
from .microdermabrasion import MICRODERMABRASION
from .microneedling import MICRONEEDLING

GUIDES = [MICRONEEDLING, CHEMICAL_PEELS, LED_LIGHT_THERAPY, MICRODERMABRASION]
