from django.urls import path

from . import views

app_name = "pool"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("add/", views.candidate_add, name="add"),
    path("c/<uuid:public_id>/", views.candidate_detail, name="detail"),
    path("c/<uuid:public_id>/edit/", views.candidate_edit, name="edit"),
    path("c/<uuid:public_id>/notes/", views.note_create, name="note_create"),
    path("c/<uuid:public_id>/export/", views.candidate_export, name="export"),
    path("c/<uuid:public_id>/delete/", views.candidate_delete, name="delete"),
    path("bulk/", views.candidates_bulk, name="bulk"),
    path("duplicates/", views.duplicate_list, name="duplicates"),
    path("duplicates/<uuid:public_id>/", views.duplicate_review, name="duplicate"),
    path("import/", views.import_upload, name="import"),
    path("import/preview/<str:token>/", views.import_preview, name="import_preview"),
    path("import/<uuid:public_id>/", views.import_batch, name="import_batch"),
    path("fields/", views.custom_fields, name="custom_fields"),
    path("families/", views.job_families, name="job_families"),
    path("families/<uuid:public_id>/", views.job_family, name="job_family"),
    path("fields/<slug:key>/delete/", views.custom_field_delete, name="custom_field_delete"),
]
