"""Wagtail hooks of the headless API."""

from wagtail import hooks

from .snippet_validation import register_snippet_actions

hooks.register("register_actions", register_snippet_actions)
