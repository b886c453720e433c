"""Phone numbers as staff type them, turned into links a phone can dial."""

import re

from django.utils.translation import gettext as _

# "ext 2", "ext. 2", "extension 2", "x2", "#2" (or ", 2") at the end of the number.
EXTENSION = re.compile(r"\s*(?:\bext(?:ension)?\.?|\bx|#|,)\s*(\d{1,6})\s*$", re.IGNORECASE)
NUMBER_CHARACTERS = re.compile(r"^[\d\s()+.\-/]*$")
US_DIGITS = 10  # area code and number: +1 is added
US_DIGITS_WITH_COUNTRY = 11  # "1 555 010 0199"
SHORTEST_NUMBER = 3  # "911"


def split_extension(number: str) -> tuple[str, str]:
    """('(555) 010-0199', '2') from '(555) 010-0199 ext 2'."""
    match = EXTENSION.search(number)
    if match:
        return number[: match.start()], match.group(1)
    return number, ""


def tel_href(number: str) -> str:
    """A ``tel:`` link (RFC 3966) for a number as written: '(555) 010-0199 ext 2' gives
    'tel:+15550100199;ext=2'. Ten digits are a US number (+1 is added); a short number such as
    '555-0100' or '911' is dialled as written. "" if there is nothing to dial."""
    main, extension = split_extension((number or "").strip())
    digits = re.sub(r"\D", "", main)
    if not digits:
        return ""
    if main.lstrip().startswith("+"):
        dial = f"+{digits}"
    elif len(digits) == US_DIGITS:
        dial = f"+1{digits}"
    elif len(digits) == US_DIGITS_WITH_COUNTRY and digits.startswith("1"):
        dial = f"+{digits}"
    else:
        dial = digits
    return f"tel:{dial};ext={extension}" if extension else f"tel:{dial}"


def phone_number_problem(number: str) -> str:
    """Why ``number`` can't become a working link, in words for the person typing it ("" if it
    can)."""
    main, _extension = split_extension((number or "").strip())
    if not number or not number.strip():
        return ""
    if not NUMBER_CHARACTERS.match(main) or len(re.sub(r"\D", "", main)) < SHORTEST_NUMBER:
        return _(
            "Enter a phone number patients can tap to call, such as (555) 010-0199, with an "
            "extension if needed: (555) 010-0199 ext 2."
        )
    return ""
