from django.urls import path

from . import views

app_name = "segments"
urlpatterns = [
    path("", views.segment_list, name="list"),
    path("new/", views.segment_builder, name="new"),
    path("suggest/", views.value_suggest, name="suggest"),
    path("<uuid:segment_id>/", views.segment_detail, name="detail"),
    path("<uuid:segment_id>/edit/", views.segment_builder, name="edit"),
    path("<uuid:segment_id>/export.csv", views.segment_export, name="export"),
    path("<uuid:segment_id>/delete/", views.segment_delete, name="delete"),
]
