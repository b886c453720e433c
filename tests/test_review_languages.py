"""Clinicians approve guides only in the languages they review in: a Spanish guide needs a
clinician who reads Spanish, whether they approve it in the editor, publish it themselves or get
a review link by email. English guides work as before."""

import re

from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from wagtail.models import APIToken, Page

import pytest

from governance.models import ClinicalReview, ClinicianProfile
from tests.conftest import make_roles
from tests.factories import TreatmentPageFactory
from tests.review_flow import APPROVE, SUBMIT, act, in_progress, post_edit
from tests.shared_data import SharedData, fresh_page, fresh_roles, role_keys
from tests.translations import in_spanish, spanish_languages, speak_spanish

pytestmark = pytest.mark.django_db

REFUSAL = "Dr Rita Reviewer does not review in Spanish. Ask a clinician who reads Spanish."
PUBLISH = {"action-publish": "1"}


def make_shared() -> dict:
    roles = make_roles()
    guide = TreatmentPageFactory(parent=roles["index"], title="Dermaplaning", live=False)
    with spanish_languages():
        spanish = in_spanish(guide, django_settings, title="Dermaplaning (español)")
    return {
        "roles": role_keys(roles),
        "guide": guide.pk,
        "spanish": spanish.pk,
    }


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Primary keys of the review team (``roles``), a draft English guide and its draft Spanish
    copy, built once per module (tests/shared_data.py)."""
    yield from SharedData().build(django_db_blocker, make_shared)


@pytest.fixture
def roles(shared, db):
    """The review team of the shared site (conftest's ``roles``, fresh from the database)."""
    return fresh_roles(shared["roles"])


@pytest.fixture
def guide(shared, db):
    return fresh_page(shared["guide"])


@pytest.fixture
def spanish(shared, guide, settings, db):
    """The guide's draft Spanish copy; the site speaks Spanish for the test (``settings``)."""
    speak_spanish(settings)
    return fresh_page(shared["spanish"])


def reads_spanish(user) -> None:
    profile = ClinicianProfile.objects.get(user=user)
    profile.review_languages = ["en", "es"]
    profile.save()


def shown(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_existing_and_new_clinicians_review_in_english(roles):
    profile = ClinicianProfile.objects.get(user=roles["reviewer"])
    assert profile.review_languages == ["en"]
    assert ClinicianProfile.objects.create(name="Dr New").review_languages == ["en"]


def test_a_reviewer_who_does_not_read_spanish_cannot_approve_a_spanish_guide(
    client, roles, spanish
):
    post_edit(client, roles["editor"], spanish, SUBMIT)
    assert in_progress(spanish) is not None

    response = post_edit(client, roles["reviewer"], spanish, APPROVE)

    assert REFUSAL in shown(response)
    page = Page.objects.get(pk=spanish.pk)
    assert not page.live
    assert in_progress(page) is not None, "the guide still waits for a Spanish reader"
    assert not ClinicalReview.objects.filter(page=page).exists()

    # The editor shows why, and offers no Approve button.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert REFUSAL in html
    assert 'data-workflow-action-name="approve"' not in html
    assert "Request changes" in html


def test_the_dashboard_approve_action_is_refused_too(client, roles, spanish):
    post_edit(client, roles["editor"], spanish, SUBMIT)

    response = act(client, roles["reviewer"], spanish, "approve")

    assert response.status_code in (302, 403)
    assert not Page.objects.get(pk=spanish.pk).live
    assert not ClinicalReview.objects.filter(page=spanish).exists()


def test_a_reviewer_who_reads_spanish_approves_a_spanish_guide(client, roles, spanish):
    reads_spanish(roles["reviewer"])
    post_edit(client, roles["editor"], spanish, SUBMIT)

    post_edit(client, roles["reviewer"], spanish, APPROVE)

    page = Page.objects.get(pk=spanish.pk)
    assert page.live
    review = ClinicalReview.objects.get(page=page)
    assert review.reviewer.name == "Dr Rita Reviewer"
    assert review.revision_id == page.live_revision_id


def test_english_guides_are_approved_as_before(client, roles, guide):
    post_edit(client, roles["editor"], guide, SUBMIT)

    post_edit(client, roles["reviewer"], guide, APPROVE)

    assert Page.objects.get(pk=guide.pk).live
    assert ClinicalReview.objects.filter(page=guide).count() == 1


def test_a_reviewer_with_no_clinician_profile_approves_english_but_not_spanish(
    client, roles, guide, spanish
):
    ClinicianProfile.objects.filter(user=roles["reviewer"]).delete()

    post_edit(client, roles["editor"], guide, SUBMIT)
    post_edit(client, roles["reviewer"], guide, APPROVE)
    assert Page.objects.get(pk=guide.pk).live
    assert ClinicalReview.objects.get(page=guide).reviewer.name == "Rita Reviewer"

    post_edit(client, roles["editor"], spanish, SUBMIT)
    response = post_edit(client, roles["reviewer"], spanish, APPROVE)
    no_profile = "Rita Reviewer does not review in Spanish. Ask a clinician who reads Spanish."
    assert no_profile in shown(response)
    assert not Page.objects.get(pk=spanish.pk).live


def test_a_reviewer_who_does_not_read_spanish_cannot_publish_it_directly(client, roles, spanish):
    response = post_edit(client, roles["reviewer"], spanish, PUBLISH)

    assert REFUSAL in shown(response)
    assert not Page.objects.get(pk=spanish.pk).live
    assert not ClinicalReview.objects.filter(page=spanish).exists()


def test_a_reviewer_who_reads_spanish_publishes_it_and_records_the_review(client, roles, spanish):
    reads_spanish(roles["reviewer"])

    post_edit(client, roles["reviewer"], spanish, PUBLISH)

    page = Page.objects.get(pk=spanish.pk)
    assert page.live
    assert ClinicalReview.objects.get(page=page).method == ClinicalReview.Method.PUBLISHED


def test_review_links_go_only_to_clinicians_who_read_the_guide_language(client, roles, spanish):
    english_only = ClinicianProfile.objects.create(name="Dr Omar Outside", email="o@example.org")
    bilingual = ClinicianProfile.objects.create(
        name="Dr Sofia Bilingue", email="s@example.org", review_languages=["en", "es"]
    )
    reads_spanish(roles["reviewer"])
    client.force_login(roles["reviewer"])
    url = reverse("outside_review_links", args=[spanish.pk])

    html = client.get(url).content.decode()
    assert "Dr Sofia Bilingue" in html
    assert "Dr Omar Outside" not in html
    assert "who review in Spanish" in html

    response = client.post(url, {"clinician": english_only.pk})
    assert response.status_code == 200  # the form refuses the choice
    assert mail.outbox == []

    response = client.post(url, {"clinician": bilingual.pk})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["s@example.org"]


def test_a_link_cannot_approve_once_the_clinician_no_longer_reads_the_language(
    client, roles, spanish
):
    sofia = ClinicianProfile.objects.create(
        name="Dr Sofia Bilingue", email="s@example.org", review_languages=["en", "es"]
    )
    reads_spanish(roles["reviewer"])
    post_edit(client, roles["editor"], spanish, SUBMIT)
    client.force_login(roles["reviewer"])
    client.post(reverse("outside_review_links", args=[spanish.pk]), {"clinician": sofia.pk})
    path = re.search(r"http://testserver(/review/[A-Za-z0-9_-]+/)", mail.outbox[-1].body)[1]
    client.logout()
    sofia.review_languages = ["en"]
    sofia.save()

    response = client.post(path, {"decision": "approve", "comment": ""})

    assert response.status_code == 403
    assert "language you do not review in" in response.content.decode()
    assert not Page.objects.get(pk=spanish.pk).live
    assert not ClinicalReview.objects.filter(page=spanish).exists()


def test_the_clinician_form_shows_the_review_languages(client, roles, settings):
    speak_spanish(settings)  # the checkboxes are the site's content languages
    profile = ClinicianProfile.objects.get(user=roles["reviewer"])
    client.force_login(roles["admin"])
    url = reverse("wagtailsnippets_governance_clinicianprofile:edit", args=[profile.pk])

    html = client.get(url).content.decode()
    assert "Reviews in" in html
    assert 'name="review_languages" value="en"' in html
    assert 'name="review_languages" value="es"' in html

    form = {
        "name": profile.name,
        "credentials": profile.credentials,
        "role": profile.role,
        "email": "",
        "user": roles["reviewer"].pk,
        "review_languages": ["en", "es"],
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert profile.review_languages == ["en", "es"]


# --- Every way of publishing checks the language (Wagtail's page permissions) ----------------


def test_the_api_will_not_publish_a_guide_in_a_language_the_reviewer_does_not_read(
    client, roles, spanish
):
    token = APIToken.create_token(user=roles["reviewer"], name="cms")[1]
    url = f"/api/v3/pages/{spanish.pk}/actions/publish/"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    refused = client.post(url, {}, content_type="application/json", **auth)
    assert 400 <= refused.status_code < 500
    assert not Page.objects.get(pk=spanish.pk).live
    assert not ClinicalReview.objects.filter(page=spanish).exists()

    reads_spanish(roles["reviewer"])
    published = client.post(url, {}, content_type="application/json", **auth)
    assert published.status_code == 200, published.content
    assert Page.objects.get(pk=spanish.pk).live


def test_bulk_publish_leaves_out_guides_in_a_language_the_reviewer_does_not_read(
    client, roles, spanish
):
    client.force_login(roles["reviewer"])
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={spanish.pk}"
    )
    client.post(url, {})
    assert not Page.objects.get(pk=spanish.pk).live
    assert not spanish.permissions_for_user(roles["reviewer"]).can_publish()
    reads_spanish(roles["reviewer"])
    assert (
        Page.objects.get(pk=spanish.pk)
        .specific.permissions_for_user(roles["reviewer"])
        .can_publish()
    )


def test_english_guides_publish_as_before(roles, guide):
    assert guide.permissions_for_user(roles["reviewer"]).can_publish()
    assert not guide.permissions_for_user(roles["editor"]).can_publish()
