"""Clinical review as a conversation in the clinic's words: the editor sees the reviewer's request
for changes on the page, the reviewer sees what changed since, emails greet people by name and
link to the real site, the reviews report shows dates as dates, and roles match the docs."""

import datetime
import gettext
import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import override_settings
from django.urls import reverse

import wagtail
from wagtail.models import PageLogEntry

import pytest

from glossary.models import GlossaryTerm
from governance.roles import EDITORS_GROUP
from tests.admin_posts import edit_post_data
from tests.review_flow import SUBMIT, act, submit_for_review

pytestmark = pytest.mark.django_db


COMMENT = "Please add the rare risks, such as small cuts."


def page_messages(response) -> list[str]:
    return [" ".join(str(message).split()) for message in response.context["messages"]]


@pytest.fixture
def sent_back(client, roles, draft):
    """The editor submitted the guide; the reviewer asked for changes with a comment."""
    submit_for_review(client, roles["editor"], draft)
    act(client, roles["reviewer"], draft, "reject", comment=COMMENT)
    return draft


# --- 4. The editor sees the comment; the reviewer sees what changed ------------------------------


def test_the_editor_sees_the_reviewers_comment_at_the_top_of_the_page(client, roles, sent_back):
    client.force_login(roles["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[sent_back.pk]))
    [message] = [m for m in page_messages(response) if "asked for changes" in m]
    assert message.startswith("Dr Rita Reviewer asked for changes on ")
    assert f"“{COMMENT}”" in message
    assert "Resubmit to Clinical review" in message


def test_back_in_review_the_reviewer_gets_changes_since_their_review(client, roles, sent_back):
    mail.outbox.clear()
    submit_for_review(client, roles["editor"], sent_back)  # resubmitted after the fix
    latest = sent_back.get_latest_revision()
    rejected = sent_back.workflow_states.get().task_states.filter(status="rejected").get().revision
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[sent_back.pk, rejected.pk, "latest"]
    )

    client.force_login(roles["reviewer"])
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[sent_back.pk]))
    [message] = [m for m in page_messages(edit_page) if "Back for review" in m]
    assert COMMENT in message
    assert f'href="{compare}"' in message and "Changes since your review" in message

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = dashboard[dashboard.index('id="back-for-review-section"') :]
    assert "Dermaplaning" in panel and f'href="{compare}"' in panel

    compared = client.get(compare)
    assert compared.status_code == 200
    assert rejected.pk != latest.pk

    # The email that tells the reviewer it's back links to the same comparison.
    [email] = [m for m in mail.outbox if roles["reviewer"].email in m.to]
    assert f"http://testserver{compare}" in email.body

    # The editor, who can't act on the review, isn't offered the comparison.
    client.force_login(roles["editor"])
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[sent_back.pk]))
    assert not any("Back for review" in m for m in page_messages(edit_page))


# --- 5. The clinic's words ---------------------------------------------------------------------


def test_listings_say_awaiting_clinical_review_and_changes_requested(client, roles, draft):
    client.force_login(roles["editor"])
    listing = reverse("wagtailadmin_explore", args=[roles["index"].pk])
    submit_for_review(client, roles["editor"], draft)
    html = client.get(listing).content.decode()
    assert "awaiting clinical review" in html and "in moderation" not in html

    act(client, roles["reviewer"], draft, "reject", comment=COMMENT)
    client.force_login(roles["editor"])
    assert "changes requested" in client.get(listing).content.decode()


def test_page_history_says_changes_requested_not_rejected(client, roles, sent_back):
    client.force_login(roles["editor"])
    history = client.get(reverse("wagtailadmin_pages:history", args=[sent_back.pk]))
    text = history.content.decode()
    assert "Changes requested in clinical review" in text
    assert "Rejected" not in text and "reject task" not in text
    assert PageLogEntry.objects.filter(page=sent_back, action="wagtail.workflow.reject").exists()


@override_settings(WAGTAILADMIN_BASE_URL="https://guides.example.org")
def test_emails_greet_people_by_name_and_link_to_the_clinics_address(client, roles, draft):
    submit_for_review(client, roles["editor"], draft)
    act(client, roles["reviewer"], draft, "reject", comment=COMMENT)
    submit_for_review(client, roles["editor"], draft)
    act(client, roles["reviewer"], draft, "approve", comment="Checked.")

    by_subject = {(m.to[0], m.subject): m.body for m in mail.outbox}
    to_reviewer = by_subject[
        ("rita@example.com", 'Waiting for your clinical review: "Dermaplaning"')
    ]
    changes = by_subject[("eddie@example.com", 'Changes requested: "Dermaplaning"')]
    approved = by_subject[("eddie@example.com", 'Approved in clinical review: "Dermaplaning"')]
    to_admin = by_subject[("boss@example.com", 'Sent for clinical review: "Dermaplaning"')]

    assert to_reviewer.startswith("Hello Rita,")
    assert changes.startswith("Hello Eddie,")
    assert to_admin.startswith("Hello,")  # no first name: never "Hello boss"
    assert 'Dr Rita Reviewer asked for changes to the guide "Dermaplaning"' in changes
    assert f'Their comment: "{COMMENT}"' in changes
    assert "Patients can read it here: https://guides.example.org/treatments/dermaplaning/" in (
        approved
    )
    for body in (to_reviewer, changes, approved, to_admin):
        links = re.findall(r"https?://\S+", body)
        assert links and all(link.startswith("https://guides.example.org/") for link in links)
        assert "moderation" not in body and "rejected" not in body


# --- 9. Roles match the docs ---------------------------------------------------------------------


def test_editors_look_after_the_glossary_and_reviewers_the_urgent_help_notice(client, roles):
    editors = Group.objects.get(name=EDITORS_GROUP)
    assert {"add_glossaryterm", "change_glossaryterm"} <= set(
        editors.permissions.values_list("codename", flat=True)
    )
    editor, reviewer = roles["editor"], roles["reviewer"]
    assert editor.has_perm("glossary.change_glossaryterm")
    assert not editor.has_perm("home.change_urgenthelpsettings")
    assert reviewer.has_perm("home.change_urgenthelpsettings")

    client.force_login(editor)
    term = GlossaryTerm.objects.create(term="Erythema", slug="erythema", explanation="Redness.")
    edit_term = reverse("wagtailsnippets_glossary_glossaryterm:edit", args=[term.pk])
    assert client.get(edit_term).status_code == 200
    settings_url = reverse(
        "wagtailsettings:edit", args=["home", "urgenthelpsettings", roles["home"].get_site().pk]
    )
    assert client.get(settings_url).status_code in (302, 403)

    client.force_login(reviewer)
    assert client.get(settings_url).status_code == 200
    assert Permission.objects.filter(codename="change_urgenthelpsettings").exists()


def test_docs_say_who_changes_the_urgent_help_notice():
    from pathlib import Path

    docs = (Path(__file__).resolve().parent.parent / "docs" / "editors.md").read_text()
    section = docs[docs.index("## Shared content") :]
    section = section[: section.index("\n## ", 5)]
    assert "Glossary" in section
    assert "clinical reviewers" in section.lower() and "Urgent help notice" in section


def test_a_request_for_changes_is_dated(sent_back):
    from governance.rounds import changes_requested, when

    asked = changes_requested(sent_back)
    assert asked.comment == COMMENT
    assert when(asked) == f"{datetime.date.today():%B} {datetime.date.today().day}, " + (
        f"{datetime.date.today():%Y}"
    )


def test_api_docs_examples_name_real_demo_users():
    from pathlib import Path

    from demo.management.commands.load_initial_data import DEMO_USERS

    docs = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text()
    named = re.findall(r"--user[ =]([\w.@+-]+)", docs)
    assert named, "docs/api.md shows how to make a token for a user"
    assert set(named) <= {username for username, *_rest in DEMO_USERS}


# --- Wagtail's own admin texts in the clinic's words (locale/en) -------------------------------

CLINIC_WORDS = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def catalogue_entries() -> dict[str, str]:
    """msgid -> msgstr of locale/en/LC_MESSAGES/django.po (one line each, as the file has them)."""
    text = (CLINIC_WORDS / "django.po").read_text()
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', text, flags=re.MULTILINE)
    return {msgid.replace('\\"', '"'): msgstr.replace('\\"', '"') for msgid, msgstr in pairs}


def test_the_clinics_words_replace_wagtails_and_are_compiled():
    entries = catalogue_entries()
    assert entries["In Moderation"] == "Awaiting clinical review"
    with (CLINIC_WORDS / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = {msgid for msgid, msgstr in entries.items() if catalogue.gettext(msgid) != msgstr}
    assert not stale, f"run `make messages`: django.mo is older than django.po for {stale}"
    # Each msgid is a text the installed Wagtail still uses (an upgrade that rewords one shows).
    sources = "".join(
        path.read_text()
        for path in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po")
    )
    gone = {m for m in entries if f"msgid {json.dumps(m)}" not in sources}
    assert not gone, f"Wagtail no longer has these texts: {gone}"


def test_submitting_and_the_status_panel_say_clinical_review(client, roles, draft):
    client.force_login(roles["editor"])
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(edit, edit_post_data(draft, **SUBMIT), follow=True)
    messages = page_messages(response)
    assert any("has been sent for clinical review" in message for message in messages), messages
    assert not any("moderation" in message for message in messages), messages

    html = client.get(edit).content.decode()
    assert "Awaiting clinical review" in html
    assert "In Moderation" not in html and "awaiting moderation" not in html
