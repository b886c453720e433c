"""Review links for clinicians outside the CMS: the public page a link opens (the guide's version
as patients will see it, with Approve and Request changes), and the admin page where a clinical
reviewer sends, lists and revokes links for a guide."""

import logging
from http import HTTPStatus

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.admin import messages
from wagtail.models import Page

from .languages import language_name, page_language
from .models import OutsideReviewLink
from .outside_review import (
    LANGUAGE,
    OPENED,
    answer,
    can_send_links,
    find_link,
    log_link,
    outside_clinicians,
    refuse,
    revoke,
    send_link,
)

logger = logging.getLogger(__name__)

APPROVE, REQUEST_CHANGES = "approve", "changes"

#: What a clinician sees when a link no longer works, and the status it answers with.
REFUSALS = {
    "unknown": (
        HTTPStatus.NOT_FOUND,
        _("This review link does not work"),
        _(
            "Check that you copied the whole address from the email. If it still does not work, "
            "ask the clinic to send you a new link."
        ),
    ),
    "expired": (
        HTTPStatus.GONE,
        _("This review link has expired"),
        _("Review links work for a limited time. Ask the clinic to send you a new one."),
    ),
    "revoked": (
        HTTPStatus.GONE,
        _("This review link was cancelled"),
        _("The clinic cancelled this link. Ask them if they still need your review."),
    ),
    "used": (
        HTTPStatus.GONE,
        _("This review link has already been used"),
        _("Each link works once. Ask the clinic to send you a new link if you need one."),
    ),
    LANGUAGE: (
        HTTPStatus.FORBIDDEN,
        _("This guide is in a language you do not review in"),
        _("Ask the clinic to send it to a clinician who reads the guide's language."),
    ),
    "changed": (
        HTTPStatus.GONE,
        _("This guide changed after the link was sent"),
        _(
            "The version you were asked to review is no longer the latest, so there is nothing "
            "to approve here. Ask the clinic to send you a link to the new version."
        ),
    ),
}


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REQUEST_CHANGES, _("Request changes"))]
    )
    comment = forms.CharField(
        label=_("Your notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "If you approve: what you checked (optional), for example 'All sections'. "
            "If you request changes: what needs to change (required)."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == REQUEST_CHANGES and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what needs to change, so the editor can fix it."))
        return data


def private(response):
    """Nothing keeps it, no search engine lists it, and its address (with the link's secret)
    never goes to another site in a Referer header."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def refusal(request, reason: str):
    status, title, advice = REFUSALS[reason]
    response = render(
        request,
        "governance/outside_review/refused.html",
        {"title": title, "advice": advice},
        status=status,
    )
    return private(response)


def show_revision(request, link: OutsideReviewLink, form: AnswerForm, status=HTTPStatus.OK):
    """The link's version of the guide, rendered with the page's own template as a preview (so
    no cached part of the live page is used or kept), with the answer form on top."""
    page = link.revision.as_object()
    mode = page.default_preview_mode
    request.is_preview = True
    request.preview_mode = mode
    request.outside_review = {"form": form, "link": link}
    response = page.serve_preview(request, mode)
    if isinstance(response, TemplateResponse):
        response.render()
    response.status_code = status
    return private(response)


@require_http_methods(["GET", "HEAD", "POST"])
def review(request, token: str):
    link = find_link(token)
    if link is None:
        logger.warning("A review link that does not exist was refused.")
        return refusal(request, "unknown")
    state = link.state
    if state != "open":
        refuse(link, state)
        return refusal(request, state)
    if request.method != "POST":
        log_link(link, OPENED)
        return show_revision(request, link, AnswerForm())
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return show_revision(request, link, form, status=HTTPStatus.BAD_REQUEST)
    try:
        link = answer(
            link, form.cleaned_data["decision"] == APPROVE, form.cleaned_data["comment"].strip()
        )
    except PermissionDenied as denied:  # answered (or revoked) in another tab a moment ago
        link.refresh_from_db()
        reason = LANGUAGE if str(denied) == LANGUAGE and link.state == "open" else link.state
        refuse(link, reason)
        return refusal(request, reason)
    response = render(request, "governance/outside_review/thanks.html", {"link": link})
    return private(response)


# --- Admin: send, list and revoke ----------------------------------------------------------------


class SendLinkForm(forms.Form):
    clinician = forms.ModelChoiceField(
        queryset=outside_clinicians(),
        label=_("Clinician"),
        help_text=_(
            "Clinicians with an email and no admin login. Add one under Clinicians if they are "
            "not listed."
        ),
        empty_label=_("Choose a clinician"),
    )
    note = forms.CharField(
        label=_("Note for the clinician (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, page: Page, **kwargs):
        super().__init__(*args, **kwargs)
        clinician = self.fields["clinician"]
        clinician.queryset = outside_clinicians(page)
        clinician.help_text = _(
            "Clinicians with an email and no admin login who review in %(language)s. Add one "
            "under Clinicians if they are not listed."
        ) % {"language": language_name(page_language(page))}


def guide_for(request, page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_send_links(request.user, page):
        raise PermissionDenied
    return page


def review_links(request, page_id: int):
    page = guide_for(request, page_id)
    form = SendLinkForm(request.POST or None, page=page)
    if request.method == "POST" and form.is_valid():
        clinician = form.cleaned_data["clinician"]
        send_link(page, clinician, request.user, note=form.cleaned_data["note"])
        messages.success(
            request,
            _("Review link sent to %(name)s at %(email)s.")
            % {"name": clinician.name, "email": clinician.email},
        )
        return redirect("outside_review_links", page.pk)
    links = OutsideReviewLink.objects.filter(page=page).select_related("clinician", "created_by")
    return TemplateResponse(
        request,
        "governance/outside_review/links.html",
        {
            "page": page,
            "form": form,
            "links": links,
            "header_title": _("Review links: %(title)s")
            % {"title": page.get_admin_display_title()},
            "page_title": _("Review links"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "mail",
        },
    )


@require_POST
def revoke_link(request, page_id: int, link_id: int):
    page = guide_for(request, page_id)
    link = get_object_or_404(OutsideReviewLink, pk=link_id, page=page)
    revoke(link, request.user)
    messages.success(
        request, _("Review link for %(name)s cancelled.") % {"name": link.clinician.name}
    )
    return redirect("outside_review_links", page.pk)
