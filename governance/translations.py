"""Translations of reviewed guides: which English version each was made from, and whether the
English guide patients see has changed since.

A translation is new clinical content. When the English guide is published again with changed
text, each translation made from an earlier version is "out of date with the English version":
patients see a notice in their language with a link to the English guide, the API's
``review_info.translation`` says so, the Guide reviews report lists it, and the translator sees
exactly which texts changed (:func:`changed_segments`).

What a translation was made from is recorded for every saved version of it
(:class:`~governance.models.TranslatedRevision`):

- a translation kept in step with wagtail-localize takes its text from the English version the
  translation source last synced with (:class:`~governance.models.SourceSync`);
- a translation edited by hand in the page editor keeps what its previous version was made from,
  until an editor says it has been brought up to date (:func:`mark_up_to_date`);
- a new translation is made from the English version patients see at the time.
"""

from collections import Counter
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags

from wagtail.models import Locale, Page, Revision

from .models import ReviewedPage, SourceSync, TranslatedRevision, TranslationStatus


@dataclass(frozen=True)
class ChangedSegment:
    """One text of the source guide that changed: where it is, and its words before and now
    (empty before: added; empty now: removed)."""

    where: str
    before: str
    now: str


def default_locale() -> Locale | None:
    """The site's default language (English): translations are made from its pages."""
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return None


def source_of(page: Page) -> Page | None:
    """The default-language page a translation was made from, or None for a page that is not a
    translation (an English page, or a page with no English version)."""
    locale = default_locale()
    if locale is None or page.locale_id == locale.pk:
        return None
    return (
        Page.objects.filter(translation_key=page.translation_key, locale=locale)
        .select_related("live_revision")
        .first()
    )


def translations_of(source: Page):
    """The pages translated from ``source`` (every other language)."""
    return Page.objects.filter(translation_key=source.translation_key).exclude(pk=source.pk)


def _page_revisions(page: Page):
    return Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    )


def synced_translation(page: Page):
    """wagtail-localize's record of ``page`` as a translation it keeps in step with its source
    (edited in its translation editor), or None for a page edited in the page editor."""
    from wagtail_localize.models import Translation

    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def _synced_source_revision(page: Page) -> tuple[bool, int | None]:
    """(True, revision id) if wagtail-localize keeps ``page`` in step with its source: the source
    version it last took its text from. (False, None) for a translation edited by hand."""
    translation = synced_translation(page)
    if translation is None:
        return False, None
    sync = SourceSync.objects.filter(source=translation.source).first()
    return True, sync.revision_id if sync else None


def record_translated_from(revision: Revision) -> TranslatedRevision | None:
    """Record which source version a newly saved version of a translated guide was made from."""
    page = Page.objects.filter(pk=revision.object_id).first()
    if page is None or not issubclass(page.specific_class or Page, ReviewedPage):
        return None
    source = source_of(page)
    if source is None:
        return None
    synced, source_revision_id = _synced_source_revision(page)
    if not synced:
        earlier = (
            TranslatedRevision.objects.filter(revision__in=_page_revisions(page))
            .exclude(revision=revision)
            .order_by("-revision_id")
            .first()
        )
        source_revision_id = earlier.source_revision_id if earlier else None
    if source_revision_id is None:
        source_revision_id = source.live_revision_id or source.latest_revision_id
    return TranslatedRevision.objects.update_or_create(
        revision=revision,
        defaults={"source_page": source, "source_revision_id": source_revision_id},
    )[0]


def record_source_sync(translation_source) -> None:
    """wagtail-localize took the source guide's text (a translation started, or synced): remember
    which version of the guide that was (the one patients see, as wagtail-localize reads it)."""
    instance = translation_source.get_source_instance()
    if not isinstance(instance, Page):
        return
    SourceSync.objects.update_or_create(
        source=translation_source,
        defaults={"revision_id": instance.live_revision_id or instance.latest_revision_id},
    )


def mark_up_to_date(page: Page, user) -> Revision:
    """An editor says the translation now matches the English guide patients see: save its latest
    version again as a new version made from that English version. It goes live, like any
    change, only after a clinician who reads the language approves it."""
    source = source_of(page)
    if source is None:
        raise ValueError("Only a translation can be brought up to date with its source.")
    draft = page.specific.get_latest_revision_as_object()
    revision = draft.save_revision(user=user, log_action=True)
    TranslatedRevision.objects.update_or_create(
        revision=revision,
        defaults={
            "source_page": source,
            "source_revision_id": source.live_revision_id or source.latest_revision_id,
        },
    )
    return revision


def _text(segment) -> str:
    return " ".join(strip_tags(segment.string.data).split())


def _strings(revision: Revision | None) -> dict[str, str]:
    """Every translatable text of one version of a page, by its place in the page."""
    if revision is None:
        return {}
    from wagtail_localize.segments.extract import extract_segments
    from wagtail_localize.segments.types import StringSegmentValue

    texts: dict[str, str] = {}
    for segment in extract_segments(revision.as_object()):
        if isinstance(segment, StringSegmentValue):
            key = f"{segment.path}#{segment.order}" if segment.path in texts else segment.path
            texts[key] = _text(segment)
    return texts


def _block_labels(page: Page) -> dict[str, str]:
    """Block id -> the block's label as editors see it ("Aftercare"), for every block of every
    StreamField of ``page``, nested blocks included."""
    from wagtail.blocks import StreamValue
    from wagtail.fields import StreamField

    labels: dict[str, str] = {}

    def walk(value):
        if isinstance(value, StreamValue):
            for child in value:
                if child.id:
                    labels[child.id] = str(child.block.label or child.block_type)
                walk(child.value)
        elif isinstance(value, dict):  # a StructValue
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple) or hasattr(value, "bound_blocks"):
            for item in getattr(value, "bound_blocks", value):
                if getattr(item, "id", None):
                    labels[item.id] = str(item.block.label or "")
                walk(getattr(item, "value", item))

    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            walk(getattr(page, field.name))
    return labels


def _where(path: str, page: Page, labels: dict[str, str]) -> str:
    """'body.<id>.steps.<id>.text' -> 'Procedure steps > What happens', as an editor reads it."""
    parts = path.split("#", maxsplit=1)[0].split(".")
    field = page._meta.get_field(parts[0]) if parts else None
    named = [str(getattr(field, "verbose_name", parts[0])).capitalize()]
    for part in parts[1:]:
        if part in labels:
            if labels[part]:
                named.append(labels[part])
        elif not part.isdigit() and "-" not in part:
            named.append(part.replace("_", " ").capitalize())
    return " > ".join(dict.fromkeys(named))


def changed_segments(since: Revision | None, now: Revision | None) -> list[ChangedSegment]:
    """The texts of a source guide that differ between its versions ``since`` and ``now``, in page
    order: what a translator must look at to bring a translation up to date.

    A text found anywhere in both versions is unchanged, even if its block moved or was made
    again (an import, an API write); a changed text is shown next to the text it replaced at the
    same place in the page, if any."""
    if since is None or now is None or since.pk == now.pk:
        return []
    before, after = _strings(since), _strings(now)
    gone = Counter(before.values()) - Counter(after.values())
    new = Counter(after.values()) - Counter(before.values())
    current, earlier = now.as_object(), since.as_object()
    labels = {**_block_labels(earlier), **_block_labels(current)}
    changes = []
    for key, text in after.items():
        if new[text] <= 0:
            continue
        new[text] -= 1
        replaced = before.get(key, "")
        if replaced and gone[replaced] > 0:
            gone[replaced] -= 1
        else:
            replaced = ""
        changes.append(ChangedSegment(_where(key, current, labels), replaced, text))
    for key, text in before.items():
        if gone[text] > 0:
            gone[text] -= 1
            changes.append(ChangedSegment(_where(key, earlier, labels), text, ""))
    return changes


def refresh_translation_status(page: Page) -> TranslationStatus | None:
    """Compare the live translation with the live source guide, and keep the result."""
    source = source_of(page)
    live = Page.objects.filter(pk=page.pk).values_list("live_revision_id", flat=True).first()
    if source is None or not live:
        TranslationStatus.objects.filter(page_id=page.pk).delete()
        return None
    made_from = (
        TranslatedRevision.objects.filter(revision_id=live)
        .select_related("source_revision")
        .first()
    )
    since = made_from.source_revision if made_from else None
    now = source.live_revision if source.live else None
    changes = changed_segments(since, now) if since and now and now.pk > since.pk else []
    status, _created = TranslationStatus.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "source_page": source,
            "translated_from": since,
            "source_live_revision": now,
            "changed_segments": len(changes),
            "source_changed_at": now.created_at if changes else None,
        },
    )
    return status


def refresh_after_publishing(page: Page) -> list[TranslationStatus]:
    """``page`` was published or unpublished: recheck it if it is a translation, or each of its
    translations if it is a source guide."""
    if source_of(page) is not None:
        status = refresh_translation_status(page)
        return [status] if status else []
    return [
        status
        for translation in translations_of(page)
        if (status := refresh_translation_status(translation)) is not None
    ]
