"""schema.org JSON-LD for a guide, so search engines can show it as a reviewed health page.

A guide is a ``MedicalWebPage`` about a ``MedicalProcedure`` (preparation, how it is performed,
follow-up), with ``lastReviewed``/``reviewedBy`` from its clinical review and ``citation`` from its
sources. Its FAQ section becomes an ``FAQPage``.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from governance.languages import locale_language_code as language_code

from .readability import plain_text_from_block

# The same escapes Django's json_script uses, so nothing in the data can close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _section_text(page, *block_types: str) -> str:
    texts = [
        plain_text_from_block(child.block, child.value)
        for child in page.body
        if child.block_type in block_types
    ]
    return " ".join(" ".join(texts).split())


def _citation(source: dict) -> dict:
    work = {"@type": "CreativeWork", "name": source["title"], "author": source["authors"]}
    if source["year"]:
        work["datePublished"] = str(source["year"])
    if source["publication"]:
        work["isPartOf"] = source["publication"]
    same_as = []
    if source["doi"]:
        same_as.append(f"https://doi.org/{source['doi']}")
    if source["pmid"]:
        same_as.append(f"https://pubmed.ncbi.nlm.nih.gov/{source['pmid']}/")
    if source["url"].lower().startswith(("http://", "https://")):
        work["url"] = source["url"]
    if same_as:
        work["sameAs"] = same_as
    return work


def medical_web_page(page, request=None) -> dict:
    url = page.get_full_url(request)
    procedure = {
        "@type": "MedicalProcedure",
        "name": page.title,
        "description": page.summary,
    }
    for prop, block_types in [
        ("preparation", ("preparation",)),
        ("howPerformed", ("procedure",)),
        ("followup", ("aftercare",)),
    ]:
        if text := _section_text(page, *block_types):
            procedure[prop] = text
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": f"{url}#page",
        "url": url,
        "name": page.title,
        "description": page.summary,
        "inLanguage": language_code(page.locale_id),
        "audience": {"@type": "Patient"},
        "about": procedure,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    info = page.review_info
    if info["last_reviewed"]:
        reviewer = info["reviewed_by"]
        data["lastReviewed"] = info["last_reviewed"]
        data["reviewedBy"] = {"@type": "Person", "name": reviewer["name"]}
        if reviewer["credentials"]:
            data["reviewedBy"]["honorificSuffix"] = reviewer["credentials"]
        if reviewer["role"]:
            data["reviewedBy"]["jobTitle"] = reviewer["role"]
    if sources := page.sources:
        data["citation"] = [_citation(source) for source in sources]
    return data


def faq_page(page, request=None) -> dict | None:
    questions = []
    for child in page.body:
        if child.block_type != "faqs":
            continue
        for entry in child.value.entries:
            answer = str(entry["answer"])  # rendered HTML, internal links resolved
            questions.append(
                {
                    "@type": "Question",
                    "name": entry["question"],
                    "acceptedAnswer": {"@type": "Answer", "text": answer},
                }
            )
    if not questions:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "@id": f"{page.get_full_url(request)}#faq",
        "mainEntity": questions,
    }


def json_ld(data: dict) -> SafeString:
    """``data`` as a JSON-LD <script>, escaped so no value can end the script early."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
