"""Builds the demo site from code: home page, treatments index, concerns, shared FAQs and guides,
and (when Spanish is one of the site's languages) the Spanish site: translations of the home page,
the treatments index, the word list, the concerns, FAQs and glossary terms, and two guides
reviewed by a Spanish-reading clinician, one of them out of date with its English source.

Idempotent: a second run finds everything in place and changes nothing. ``--reset`` deletes the
demo pages and snippets first and builds them again. The guides are marked as sample content.
"""

import copy
import datetime
import json
import os
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

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
from home.models import (
    HomePage,
    HomePageFeaturedGuide,
    UrgentHelpSettings,
    UrgentHelpTranslation,
    other_languages,
)
from pagecache import store

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

SPANISH_SAMPLE_NOTICE = {
    "tone": "important",
    "heading": "Contenido de ejemplo",
    "text": (
        "<p>Esta guía es contenido de ejemplo para un sitio web de prueba. No es un consejo "
        "médico. Hable de su piel con un profesional de la salud.</p>"
    ),
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
        # One purge of everything at the end, instead of one per page and snippet saved.
        with transaction.atomic(), store.muted():
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
            if demo.spanish.LANGUAGE in dict(other_languages()):
                self.spanish_site(home, index, concerns, faqs, guides)
        if self.created:
            store.purge_all()
        if options["admin"]:
            self.demo_users()
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(self.created)} things:"))
            for line in self.created:
                self.stdout.write(f"  + {line}")
        else:
            self.stdout.write(self.style.SUCCESS("Demo content already in place; nothing changed."))
        live = TreatmentPage.objects.live()
        in_spanish = live.filter(locale__language_code=demo.spanish.LANGUAGE).count()
        self.stdout.write(
            f"Site: {home.title} with {live.filter(locale=home.locale).count()} published guides"
            + (f" and {in_spanish} in Spanish" if in_spanish else "")
            + " (sample content, not medical advice)."
        )

    # --- steps ---------------------------------------------------------------------------------

    def reset(self) -> None:
        for home in HomePage.objects.all():
            home.get_descendants(inclusive=True).delete()
        es = demo.spanish
        SkinConcern.objects.filter(
            slug__in=[c["slug"] for c in [*demo.CONCERNS, *es.CONCERNS.values()]]
        ).delete()
        GlossaryTerm.objects.filter(
            slug__in=[t["slug"] for t in [*demo.GLOSSARY_TERMS, *es.GLOSSARY_TERMS.values()]]
        ).delete()
        HandoutPack.objects.filter(slug__in=[slug for _t, slug, _i in demo.HANDOUT_PACKS]).delete()
        FrequentlyAskedQuestion.objects.filter(
            question__in=[f["question"] for f in [*demo.SHARED_FAQS, *es.SHARED_FAQS.values()]]
        ).delete()
        self.stdout.write("Removed the demo pages and snippets.")

    def home_page(self) -> HomePage:
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
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
                locale=Locale.get_default(),
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
            faq = FrequentlyAskedQuestion.objects.filter(
                question=data["question"], locale=Locale.get_default()
            ).first()
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

    def raw_body(self, body: list, faqs: dict, notice: dict = SAMPLE_NOTICE) -> list[dict]:
        """The guide's sections as StreamField JSON, led by the sample-content notice."""
        raw = [{"type": "callout", "value": notice}]
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
            _term, created = GlossaryTerm.objects.get_or_create(
                slug=data["slug"], locale=Locale.get_default(), defaults=data
            )
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

    # --- the Spanish site ------------------------------------------------------------------------

    def spanish_site(self, home, index, concerns: dict, faqs: dict, guides: list) -> None:
        """Spanish translations (same translation keys as the English originals) of the pages,
        snippets and two guides, reviewed by a clinician who reads Spanish.

        The order matters: the Spanish chemical peel guide is saved and published while the
        English guide's first version is live, and only then is the English guide improved and
        published again, so the Spanish one is out of date with its source. The Spanish
        microneedling guide is made from the English guide's live version, never re-published.
        """
        es = demo.spanish
        locale, created = Locale.objects.get_or_create(language_code=es.LANGUAGE)
        if created:
            self.created.append(f"language '{es.LANGUAGE}'")
        es_home = self.translated_page(home, locale, {**es.HOME, "featured_guides": []})
        es_index = self.translated_page(index, locale, es.TREATMENTS_INDEX)
        self.created.extend(setup_roles(es_home, es_index))
        es_concerns = {
            slug: self.translated_snippet(concerns[slug], locale, fields)
            for slug, fields in es.CONCERNS.items()
        }
        es_faqs = {
            key: self.translated_snippet(faqs[key], locale, fields, publish=True)
            for key, fields in es.SHARED_FAQS.items()
        }
        terms = {t.slug: t for t in GlossaryTerm.objects.filter(locale=home.locale)}
        for slug, fields in es.GLOSSARY_TERMS.items():
            self.translated_snippet(terms[slug], locale, fields)
        glossary = GlossaryPage.objects.child_of(home).first()
        if glossary is not None:
            self.translated_page(glossary, locale, es.GLOSSARY_PAGE)
        english = {guide.slug: guide for guide in guides}
        # 1. The Spanish guides, translated from the English guides' live versions.
        es_guides = [
            self.spanish_guide(english[data["translation_of"]], locale, data, es_concerns, es_faqs)
            for data in demo.SPANISH_GUIDES
        ]
        self.featured(HomePage.objects.get(pk=es_home.pk), es_guides)
        self.spanish_reviews(es_guides)
        self.spanish_urgent_help(home)
        # 2. Only now, after the Spanish chemical peel guide is published: a new English version.
        self.improve_english_guide(english["chemical-peels"], demo.CHEMICAL_PEELS_IMPROVEMENT)

    def translated_page(self, page: Page, locale: Locale, fields: dict) -> Page:
        """The page's translation in ``locale``: made (a copy of the page with ``fields``
        changed) and published if it doesn't exist yet."""
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        translation = page.copy_for_translation(locale).specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        self.created.append(f"Spanish page '{translation.title}'")
        return translation

    def translated_snippet(self, item, locale: Locale, fields: dict, *, publish: bool = False):
        """The snippet's translation in ``locale``, made from ``fields`` if it doesn't exist."""
        existing = item.get_translation_or_none(locale)
        if existing is not None:
            return existing
        translation = item.copy_for_translation(locale)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
        if publish:
            translation.save_revision().publish()
        self.created.append(f"Spanish {item._meta.verbose_name} '{translation}'")
        return translation

    def spanish_guide(self, english, locale, data: dict, concerns: dict, faqs: dict):
        """The Spanish translation of ``english``, published (made if it doesn't exist)."""
        existing = english.get_translation_or_none(locale)
        if existing is not None:
            return existing.specific
        guide = english.copy_for_translation(locale).specific
        guide.title, guide.slug, guide.summary = data["title"], data["slug"], data["summary"]
        for field in AT_A_GLANCE_FIELDS:
            setattr(guide, field, data.get(field, ""))
        guide.body = json.dumps(self.raw_body(data["body"], faqs, notice=SPANISH_SAMPLE_NOTICE))
        guide.concerns.set([concerns[slug] for slug in data.get("concerns", [])])
        guide.save_revision().publish()
        self.created.append(f"Spanish guide '{guide.title}' (translation of '{english.title}')")
        return guide

    def spanish_reviews(self, guides: list[TreatmentPage]) -> None:
        """The Spanish-reading clinician's review of each Spanish guide's published version."""
        clinician, created = ClinicianProfile.objects.get_or_create(
            name=SPANISH_CLINICIAN["name"], defaults=SPANISH_CLINICIAN
        )
        if created:
            self.created.append(f"sample clinician '{clinician.display_name}' (reads Spanish)")
        for guide in guides:
            if ClinicalReview.objects.filter(page=guide).exists():
                continue
            guide.refresh_from_db()
            record_review(
                guide,
                reviewer=clinician,
                revision=guide.live_revision,
                method=ClinicalReview.Method.IMPORTED,
                scope_note="Sample review of the Spanish translation for the demo site.",
            )
            self.created.append(f"sample review of '{guide.title}' by {clinician.name}")

    def spanish_urgent_help(self, home: HomePage) -> None:
        notice = UrgentHelpSettings.for_site(Site.objects.get(root_page=home))
        language = demo.spanish.LANGUAGE
        if not notice.translations.filter(language=language).exists():
            UrgentHelpTranslation.objects.create(
                setting=notice, language=language, **demo.spanish.URGENT_HELP
            )
            self.created.append("urgent help notice in Spanish")

    def improve_english_guide(self, guide: TreatmentPage, improvement: tuple) -> None:
        """Publish a new version of the English guide with one line added to a list of one of
        its sections (and record its review), unless its live version has the line already.
        Its translations made before this stay as they were: out of date with the English."""
        section, field, line = improvement
        guide = TreatmentPage.objects.get(pk=guide.pk)
        raw = copy.deepcopy(list(guide.body.get_prep_value()))
        value = next(block["value"] for block in raw if block["type"] == section)
        items = value[field]
        if line in [item["value"] if isinstance(item, dict) else item for item in items]:
            return
        items.append({"type": "item", "value": line, "id": str(uuid.uuid4())})
        guide.body = json.dumps(raw)
        revision = guide.save_revision()
        revision.publish()
        record_review(
            guide,
            reviewer=ClinicianProfile.objects.get(name=DEMO_CLINICIAN["name"]),
            revision=revision,
            method=ClinicalReview.Method.IMPORTED,
            scope_note="Sample review of the improved version for the demo site.",
        )
        self.created.append(f"new version of '{guide.title}', newer than its Spanish translation")

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
            if username in CLINICIAN_OF_USER:
                ClinicianProfile.objects.filter(name=CLINICIAN_OF_USER[username], user=None).update(
                    user=user
                )


DEMO_CLINICIAN = {
    "name": "Dr. Sam Rivera (sample)",
    "credentials": "MD",
    "role": "Dermatologist",
}

# Reviews the Spanish guides (and English ones): the demo's Spanish-reading clinician.
SPANISH_CLINICIAN = {
    "name": "Dra. Lucía Morales (ejemplo)",
    "credentials": "MD",
    "role": "Dermatóloga",
    "review_languages": ["en", "es"],
}

# username, first name, last name, group (None: superuser)
DEMO_USERS = [
    ("admin", "Site", "Admin", None),
    ("editor", "Eddie", "Editor", EDITORS_GROUP),
    ("reviewer", "Sam", "Rivera", REVIEWERS_GROUP),
    ("revisora", "Lucía", "Morales", REVIEWERS_GROUP),
]

# The clinician profile each demo reviewer signs in as (by the profile's name).
CLINICIAN_OF_USER = {
    "reviewer": DEMO_CLINICIAN["name"],
    "revisora": SPANISH_CLINICIAN["name"],
}

AT_A_GLANCE_FIELDS = [
    "session_time",
    "sessions_needed",
    "recovery_time",
    "numbing",
    "results_timeline",
]
