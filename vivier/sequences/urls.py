from django.urls import path

from . import views

app_name = "sequences"
urlpatterns = [
    path("", views.sequence_list, name="list"),
    path("new/", views.sequence_edit, name="new"),
    path("preview-candidates/", views.preview_candidates, name="preview_candidates"),
    path("import/", views.sequence_import, name="import"),
    path("s/<uuid:public_id>/", views.sequence_edit, name="edit"),
    path("s/<uuid:public_id>/export/", views.sequence_export, name="export"),
    path("launch/", views.launch, name="launch"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<uuid:public_id>/", views.campaign_detail, name="campaign"),
    path("campaigns/<uuid:public_id>/review/", views.campaign_review, name="review"),
    path(
        "campaigns/<uuid:public_id>/review/preview/<uuid:candidate_id>/",
        views.review_preview,
        name="review_preview",
    ),
    path("campaigns/<uuid:public_id>/pause/", views.campaign_pause, name="pause"),
    path("campaigns/<uuid:public_id>/resume/", views.campaign_resume, name="resume"),
    path("enrollments/<uuid:public_id>/stop/", views.enrollment_stop, name="enrollment_stop"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<uuid:public_id>/", views.message_detail, name="message"),
    path("outbox/<uuid:public_id>/resolve/", views.message_resolve, name="message_resolve"),
    path("tasks/", views.task_list, name="tasks"),
    path("candidates/<uuid:public_id>/", views.candidate_action, name="candidate_action"),
    path("candidates/", views.candidates_action, name="candidates_action"),
    path("tasks/<uuid:public_id>/done/", views.task_done, name="task_done"),
]
