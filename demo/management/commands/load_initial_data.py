"""Builds the demo site from code: home page, treatments index, concerns, shared FAQs and guides.

Idempotent: a second run finds everything in place and changes nothing. ``--reset`` deletes the
demo pages and snippets first and builds them again. The guides are marked as sample content.
"""

import datetime
import json
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page, Site

from articles.models import (
    FrequentlyAskedQuestion,
    GuideCode,
    SkinConcern,
    SkinConcernCode,
    TreatmentIndexPage,
    TreatmentPage,
)
from demo import content as demo
from glossary.models import GlossaryPage, GlossaryTerm
from governance.models import ClinicalReview, ClinicianProfile
from governance.reviews import REVIEWERS_GROUP, record_review
from governance.roles import EDITORS_GROUP, setup_roles
from handouts.models import HandoutPack, HandoutPackItem
from home.models import HomePage, HomePageFeaturedGuide, UrgentHelpSettings

SAMPLE_NOTICE = {
    "tone": "important",
    "heading": "Sample content",
    "text": (
        "<p>This guide is sample content for a demo website. It is not medical advice. "
        "Talk to a qualified provider about your own skin.</p>"
    ),
}

URGENT_HELP = {
    "heading": "Need help now?",
    "message": (
        "<p><b>Call 911</b> if you have trouble breathing, or swelling of your face, lips or "
        "throat.</p><p>For other worries after a treatment, call the clinic. "
        "If the clinic is closed, go to urgent care.</p>"
    ),
    "clinic_phone": "555-0100",
}

DEFAULT_DEMO_PASSWORD = "portal-demo"  # noqa: S105 - documented demo login, DEBUG only


class Command(BaseCommand):
    help = "Create the demo site (home page, treatments index, concerns, FAQs and sample guides)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo pages and snippets, then rebuild."
        )
        parser.add_argument(
            "--admin",
            action="store_true",
            help=(
                "Also create a superuser 'admin' (password from DEMO_ADMIN_PASSWORD, or "
                f"'{DEFAULT_DEMO_PASSWORD}' when DEBUG is on). For local demos only."
            ),
        )

    def handle(self, *args, **options):
        self.created: list[str] = []
        with transaction.atomic():
            if options["reset"]:
                self.reset()
            home = self.home_page()
            index = self.treatments_index(home)
            concerns = self.concerns()
            faqs = self.shared_faqs()
            guides = [self.guide(index, data, concerns, faqs) for data in demo.GUIDES]
            self.featured(
                home,
                [g for g, data in zip(guides, demo.GUIDES, strict=True) if data.get("featured")],
            )
            self.urgent_help(home)
            self.glossary(home)
            self.created.extend(setup_roles(home, index))
            self.reviews(guides)
            self.handout_packs(guides)
        if options["admin"]:
            self.demo_users()
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(self.created)} things:"))
            for line in self.created:
                self.stdout.write(f"  + {line}")
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already in place; nothing changed."))
        self.stdout.write(
            f"Site: {home.title} with {TreatmentPage.objects.live().count()} published guides "
            "(sample content, not medical advice)."
        )

    # --- steps ---------------------------------------------------------------------------------

    def reset(self) -> None:
        for home in HomePage.objects.all():
            home.get_descendants(inclusive=True).delete()
        SkinConcern.objects.filter(slug__in=[c["slug"] for c in demo.CONCERNS]).delete()
        GlossaryTerm.objects.filter(slug__in=[t["slug"] for t in demo.GLOSSARY_TERMS]).delete()
        HandoutPack.objects.filter(slug__in=[slug for _t, slug, _i in demo.HANDOUT_PACKS]).delete()
        FrequentlyAskedQuestion.objects.filter(
            question__in=[f["question"] for f in demo.SHARED_FAQS]
        ).delete()
        self.stdout.write("Removed the demo pages and snippets.")

    def home_page(self) -> HomePage:
        home = HomePage.objects.first()
        root = Page.get_first_root_node()
        if home is None:
            # Wagtail's installer leaves a plain "Welcome" page at the site root: replace it.
            for page in root.get_children().filter(slug="home"):
                if page.specific_class is not HomePage:
                    page.delete()
            home = HomePage(
                title="Patient guides",
                slug="home",
                intro=(
                    "Clear, simple guides to skin treatments. Learn what happens, how to get "
                    "ready and how to look after your skin."
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created.append(f"home page '{home.title}'")
        site = Site.objects.filter(is_default_site=True).first() or Site(
            hostname="localhost", port=80, is_default_site=True
        )
        if site.root_page_id != home.pk or site.site_name != settings.WAGTAIL_SITE_NAME:
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
            self.created.append(f"default site pointing at '{home.title}'")
        return home

    def treatments_index(self, home: HomePage) -> TreatmentIndexPage:
        index = TreatmentIndexPage.objects.child_of(home).first()
        if index is None:
            index = TreatmentIndexPage(
                title="Treatments",
                slug="treatments",
                intro="<p>Every guide, A to Z. Pick a skin concern to see the guides for it.</p>",
            )
            home.add_child(instance=index)
            index.save_revision().publish()
            self.created.append("treatments index")
        return index

    def concerns(self) -> dict[str, SkinConcern]:
        found = {}
        for data in demo.CONCERNS:
            concern, created = SkinConcern.objects.get_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "description": data.get("description", "")},
            )
            if created:
                self.created.append(f"skin concern '{concern.name}'")
            for system, code, label in data.get("codes", []):
                _code, added = SkinConcernCode.objects.get_or_create(
                    concern=concern, system=system, code=code, defaults={"label": label}
                )
                if added:
                    self.created.append(f"code {code} of skin concern '{concern.name}'")
            found[data["slug"]] = concern
        return found

    def shared_faqs(self) -> dict[str, FrequentlyAskedQuestion]:
        found = {}
        for data in demo.SHARED_FAQS:
            faq = FrequentlyAskedQuestion.objects.filter(question=data["question"]).first()
            if faq is None:
                faq = FrequentlyAskedQuestion(question=data["question"], answer=data["answer"])
                faq.save()
                faq.save_revision().publish()
                self.created.append(f"shared FAQ '{faq.question}'")
            found[data["key"]] = faq
        return found

    def guide(self, index, data: dict, concerns: dict, faqs: dict) -> TreatmentPage:
        guide = TreatmentPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if guide is not None:
            return guide
        guide = TreatmentPage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=json.dumps(self.raw_body(data["body"], faqs)),
            **{field: data.get(field, "") for field in AT_A_GLANCE_FIELDS},
            clinical_codes=[
                GuideCode(system=system, code=code, label=label)
                for system, code, label in data.get("codes", [])
            ],
        )
        index.add_child(instance=guide)
        guide.concerns.set([concerns[slug] for slug in data.get("concerns", [])])
        guide.save_revision().publish()
        self.created.append(f"guide '{guide.title}'")
        return guide

    def raw_body(self, body: list, faqs: dict) -> list[dict]:
        """The guide's sections as StreamField JSON, led by the sample-content notice."""
        raw = [{"type": "callout", "value": SAMPLE_NOTICE}]
        for block_type, value in body:
            if block_type == "faqs":
                questions = [
                    {"type": kind, "value": faqs[item].pk if kind == "saved_question" else item}
                    for kind, item in value["questions"]
                ]
                raw.append({"type": block_type, "value": {**value, "questions": questions}})
            else:
                raw.append({"type": block_type, "value": value})
        return raw

    def featured(self, home: HomePage, guides: list[TreatmentPage]) -> None:
        if home.featured_guides.exists() or not guides:
            return
        home.featured_guides = [HomePageFeaturedGuide(guide=g) for g in guides]
        home.save_revision().publish()
        self.created.append(f"{len(guides)} featured guide(s) on the home page")

    def urgent_help(self, home: HomePage) -> None:
        site = Site.objects.get(root_page=home)
        notice = UrgentHelpSettings.for_site(site)
        if not notice.message:
            for field, value in URGENT_HELP.items():
                setattr(notice, field, value)
            notice.save()
            self.created.append("urgent help notice")

    def glossary(self, home: HomePage) -> None:
        """The glossary terms and the "Word list" page that lists them."""
        for data in demo.GLOSSARY_TERMS:
            _term, created = GlossaryTerm.objects.get_or_create(slug=data["slug"], defaults=data)
            if created:
                self.created.append(f"glossary term '{data['term']}'")
        if not GlossaryPage.objects.child_of(home).exists():
            page = GlossaryPage(
                title=demo.GLOSSARY_TITLE,
                slug="word-list",
                intro=demo.GLOSSARY_INTRO,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            self.created.append(f"glossary page '{page.title}'")

    def reviews(self, guides: list[TreatmentPage]) -> None:
        """Sample review records, so the demo shows review dates (and one overdue guide)."""
        clinician, created = ClinicianProfile.objects.get_or_create(
            name=DEMO_CLINICIAN["name"], defaults=DEMO_CLINICIAN
        )
        if created:
            self.created.append(f"sample clinician '{clinician.display_name}'")
        for guide, data in zip(guides, demo.GUIDES, strict=True):
            if ClinicalReview.objects.filter(page=guide).exists():
                continue
            guide.refresh_from_db()  # publishing updated the database copy, not this one
            months_ago = data.get("reviewed_months_ago", 2)
            record_review(
                guide,
                reviewer=clinician,
                revision=guide.live_revision,
                method=ClinicalReview.Method.IMPORTED,
                scope_note="Sample review record for the demo site.",
                reviewed_at=timezone.now() - datetime.timedelta(days=round(months_ago * 30.5)),
            )
            self.created.append(f"sample review of '{guide.title}' ({months_ago} months ago)")

    def handout_packs(self, guides: list[TreatmentPage]) -> None:
        by_slug = {guide.slug: guide for guide in guides}
        for title, slug, items in demo.HANDOUT_PACKS:
            if HandoutPack.objects.filter(slug=slug).exists():
                continue
            HandoutPack(
                title=title,
                slug=slug,
                items=[HandoutPackItem(guide=by_slug[guide], part=part) for guide, part in items],
            ).save()
            self.created.append(f"handout pack '{title}' (/p/{slug}/)")

    def demo_users(self) -> None:
        """A superuser plus an editor and a clinical reviewer, to try the review workflow."""
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or (
            DEFAULT_DEMO_PASSWORD if settings.DEBUG else ""
        )
        if not password:
            raise CommandError("Set DEMO_ADMIN_PASSWORD to create the admin user outside DEBUG.")
        User = get_user_model()
        for username, first, last, group in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"User '{username}' already exists; password unchanged.")
                continue
            if group is None:
                user = User.objects.create_superuser(username, f"{username}@example.com", password)
            else:
                user = User.objects.create_user(username, f"{username}@example.com", password)
                user.groups.add(Group.objects.get(name=group))
            user.first_name, user.last_name = first, last
            user.save()
            role = "superuser" if group is None else group
            self.created.append(f"user '{username}' ({role}, password: {password})")
            if group == REVIEWERS_GROUP:
                ClinicianProfile.objects.filter(name=DEMO_CLINICIAN["name"], user=None).update(
                    user=user
                )


DEMO_CLINICIAN = {
    "name": "Dr. Sam Rivera (sample)",
    "credentials": "MD",
    "role": "Dermatologist",
}

# username, first name, last name, group (None: superuser)
DEMO_USERS = [
    ("admin", "Site", "Admin", None),
    ("editor", "Eddie", "Editor", EDITORS_GROUP),
    ("reviewer", "Sam", "Rivera", REVIEWERS_GROUP),
]

AT_A_GLANCE_FIELDS = [
    "session_time",
    "sessions_needed",
    "recovery_time",
    "numbing",
    "results_timeline",
]
