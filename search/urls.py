"""Search addresses, mounted at /search/ in the patient-facing (language-prefixed) part."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="search_suggest"),
]
