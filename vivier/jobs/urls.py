from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("new/", views.job_edit, name="new"),
    path("j/<uuid:public_id>/", views.job_edit, name="edit"),
]
