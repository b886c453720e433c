from django.urls import path

from . import views

urlpatterns = [
    path("<slug:slug>/", views.pack, name="handout_pack"),
    path("<slug:slug>/pdf/", views.pack_pdf, name="handout_pack_pdf"),
]
