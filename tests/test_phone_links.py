"""The urgent-help notice's phone number dials, extension included, however staff type it."""

from django.core.exceptions import ValidationError

import pytest

from home.models import UrgentHelpSettings
from home.phone import tel_href


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("(555) 010-0199 ext 2", "tel:+15550100199;ext=2"),
        ("555-010-0199 ext. 12", "tel:+15550100199;ext=12"),
        ("1 (555) 010-0199 x 3", "tel:+15550100199;ext=3"),
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("555-0100", "tel:5550100"),  # a short local number is dialled as written
        ("911", "tel:911"),
        ("", ""),
    ],
)
def test_phone_numbers_become_links_that_dial(typed, link):
    assert tel_href(typed) == link


@pytest.mark.django_db
def test_the_notice_links_the_extension_and_refuses_what_cannot_be_dialled(client, site_tree):
    home, _index = site_tree
    notice = UrgentHelpSettings.for_site(home.get_site())
    notice.message = "<p>Call us.</p>"
    notice.clinic_phone = "(555) 010-0199 ext 2"
    notice.full_clean()
    notice.save()

    html = client.get("/").content.decode()
    assert 'href="tel:+15550100199;ext=2">(555) 010-0199 ext 2</a>' in html

    notice.clinic_phone = "the front desk"
    with pytest.raises(ValidationError) as excinfo:
        notice.full_clean()
    assert "(555) 010-0199 ext 2" in " ".join(excinfo.value.message_dict["clinic_phone"])
