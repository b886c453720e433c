"""Serving pages: each in its own language (home/languages.py)."""

from wagtail import hooks

from .languages import serve_in_page_language

hooks.register("before_serve_page", serve_in_page_language)
