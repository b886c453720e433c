"""API addresses, included under /api/: v3 (typed, read and write) and v2 (read-only)."""

from django.urls import path

from .strict_params import v3_urls
from .v2 import api_router

urlpatterns = [
    path("v3/", v3_urls()),
    path("v2/", api_router.urls),
]
