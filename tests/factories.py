"""Test data: pages placed in a real Wagtail tree, snippets and users."""

import io
import json

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Page, Site

import factory
from PIL import Image as PILImage

from articles.models import FrequentlyAskedQuestion, SkinConcern, TreatmentIndexPage, TreatmentPage
from home.models import HomePage


def stream(*blocks: tuple[str, object]) -> str:
    """StreamField JSON from (block_type, raw value) pairs, as the database stores it."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def preview_guide_body(saved_questions: tuple[int, ...] = ()) -> str:
    """A complete guide body: every standard section, in order, plus a callout after the first,
    each holding its block's own preview value (articles/blocks), as the database stores it.
    ``saved_questions`` (shared FAQ ids) are added to the FAQ section."""
    from articles.blocks import STANDARD_SECTIONS, GuideBodyBlock

    body = GuideBodyBlock()
    sections = [(name, body.child_blocks[name].meta.preview_value) for name in STANDARD_SECTIONS]
    sections.insert(1, ("callout", body.child_blocks["callout"].meta.preview_value))
    raw = body.get_prep_value(body.normalize(sections))
    faqs = next(block for block in raw if block["type"] == "faqs")
    faqs["value"]["questions"] += [
        {"type": "saved_question", "value": pk} for pk in saved_questions
    ]
    return json.dumps(raw)


def steps(*titles: str) -> list[dict]:
    return [{"title": t, "text": f"{t} happens.", "duration": "", "image": {}} for t in titles]


# Raw block values a few tests put in a guide's body.
AFTERCARE = (
    "aftercare",
    {
        "heading": "Afterwards",
        "intro": "",
        "timeline": [{"period": "First day", "instructions": ["Wash with cool water"]}],
        "dos": ["Use sunscreen"],
        "donts": ["No make-up"],
        "sources": "",
    },
)
WARNING = (
    "warning_signs",
    {
        "heading": "When to get help",
        "urgency": "urgent",
        "intro": "",
        "items": ["Pus"],
        "action": "Call the clinic.",
        "sources": "",
    },
)


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page under ``parent`` (required) and saves it as live unless live=False."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-"))

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            raise ValueError(f"{cls.__name__} needs parent=")
        concerns = kwargs.pop("concerns", None)
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        if concerns is not None:
            page.concerns.set(concerns)
        revision = page.save_revision()
        if page.live:
            revision.publish()
            page.refresh_from_db()  # publishing updated the database copy (live_revision...)
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Patient guides"
    slug = "home"
    intro = "Clear guides to skin treatments."


class TreatmentIndexPageFactory(PageFactory):
    class Meta:
        model = TreatmentIndexPage

    title = "Treatments"
    slug = "treatments"


class TreatmentPageFactory(PageFactory):
    class Meta:
        model = TreatmentPage

    title = factory.Sequence(lambda n: f"Treatment {n}")
    summary = "A short, plain summary of the treatment."
    session_time = "30 minutes"
    body = factory.LazyFunction(
        lambda: stream(
            ("overview", {"heading": "What it is", "text": "<p>A gentle treatment.</p>"}),
            (
                "procedure",
                {
                    "heading": "What happens",
                    "intro": "",
                    "steps": steps("Clean", "Treat"),
                    "total_time": "",
                },
            ),
        )
    )


class SkinConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkinConcern
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Concern {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrequentlyAskedQuestion

    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "<p>An answer.</p>"
    live = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("password")


def rename(guide: TreatmentPage, title: str) -> None:
    """Publish ``guide`` again under a new title, as an editor would."""
    revision = TreatmentPage.objects.get(pk=guide.pk)
    revision.title = title
    revision.save_revision().publish()


def make_image(title: str = "Test image", size: tuple[int, int] = (64, 48), name: str = "test.png"):
    """A real PNG file in Wagtail's image library."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#005a8c").save(buffer, format="PNG")
    image = get_image_model()(title=title)
    image.file.save(name, ImageFile(buffer, name=name), save=False)
    image.save()
    return image


def build_site() -> tuple[HomePage, TreatmentIndexPage]:
    """A home page at the site root with a treatments index under it.

    Wagtail's own welcome page is removed, as load_initial_data does.
    """
    root = Page.get_first_root_node()
    root.get_children().filter(slug="home").delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Guides"},
    )
    index = TreatmentIndexPageFactory(parent=home)
    return home, index


def bulk_guides(index, titles, *, summary: str, body: str | None = None, concerns=()) -> list:
    """Live guides under ``index``, one per title, written in bulk as ``benchmarks/seed.py``
    writes them (tests/test_seed.py checks that way gives real pages): tree paths as treebeard's
    ``add_child`` gives them, one revision that is the latest and live one, "created" and
    "published" history entries, an unreviewed review status (what publishing records), plain
    text and reading grade as ``TreatmentPage.save`` works them out, reference index rows and
    search index entries. Publish signals do not run: the page cache is emptied instead.
    ``body`` is StreamField JSON (the factory's default when None)."""
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from django.utils import timezone

    from wagtail.models import PageLogEntry, ReferenceIndex, Revision

    from modelsearch.backends import get_search_backends

    from articles.readability import flesch_kincaid_grade, guide_text
    from benchmarks.seed import insert_local_rows, next_paths
    from governance.models import ReviewStatus
    from pagecache import store

    body = (
        json.loads(body) if body is not None else json.loads(TreatmentPageFactory.body.function())
    )
    index = Page.objects.get(pk=index.pk)
    concerns = list(concerns)
    now = timezone.now()
    guide_type = ContentType.objects.get_for_model(TreatmentPage)
    page_type = ContentType.objects.get_for_model(Page)
    last_path = index.get_children().order_by("-path").values_list("path", flat=True).first()
    guides = []
    for title, path in zip(
        titles, next_paths(Page, last_path, index.path, len(titles)), strict=True
    ):
        slug = title.lower().replace(" ", "-")
        guide = TreatmentPage(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=guide_type,
            path=path,
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            locale_id=index.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            latest_revision_created_at=now,
            summary=summary,
            session_time=TreatmentPageFactory.session_time,
            body=body,
        )
        guide.plain_text = guide_text(guide)
        guide.reading_grade = Decimal(f"{flesch_kincaid_grade(guide.plain_text):.1f}")
        guides.append(guide)
    bases = Page.objects.bulk_create(
        [
            Page(**{f.attname: getattr(g, f.attname) for f in Page._meta.concrete_fields})
            for g in guides
        ]
    )
    for guide, base in zip(guides, bases, strict=True):
        guide.id = guide.page_ptr_id = base.id
        guide.concerns = concerns  # in memory, for serializable_data
        guide.wagtail_admin_comments = []
    insert_local_rows(TreatmentPage, guides)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(guides))
    field = TreatmentPage._meta.get_field("concerns")
    through, guide_key, concern_key = (
        field.remote_field.through,
        field.m2m_field_name(),
        field.m2m_reverse_field_name(),
    )
    through.objects.bulk_create(
        [
            through(**{f"{guide_key}_id": g.pk, f"{concern_key}_id": c.pk})
            for g in guides
            for c in concerns
        ]
    )
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=guide_type,
                base_content_type=page_type,
                object_id=str(g.pk),
                created_at=now,
                object_str=g.title,
                content=g.serializable_data(),
            )
            for g in guides
        ]
    )
    for guide, revision in zip(guides, revisions, strict=True):
        guide.latest_revision = guide.live_revision = revision
    Page.objects.bulk_update(guides, ["latest_revision", "live_revision"])
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=guide_type,
                page_id=g.pk,
                label=g.title,
                action=action,
                timestamp=now,
                revision=g.live_revision if action == "wagtail.publish" else None,
                content_changed=True,
                data={},
            )
            for g in guides
            for action in ("wagtail.create", "wagtail.publish")
        ]
    )
    ReviewStatus.objects.bulk_create([ReviewStatus(page_id=g.pk) for g in guides])
    guides = list(TreatmentPage.objects.filter(pk__in=[g.pk for g in guides]).order_by("path"))
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=guide_type,
                base_content_type=page_type,
                object_id=g.pk,
                to_content_type_id=to_type,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for g in guides
            for to_type, to_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(g)
            )
        ]
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(TreatmentPage, guides)
    store.purge_all()
    return guides
