from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.team_insights, name="team"),
    path("export/<slug:table>.<slug:fmt>", views.team_export, name="team_export"),
    path("campaigns/<uuid:public_id>/", views.campaign_results, name="campaign"),
    path(
        "campaigns/<uuid:public_id>/export/<slug:table>.<slug:fmt>",
        views.campaign_export,
        name="campaign_export",
    ),
    path("campaigns/<uuid:public_id>/reasons/<slug:code>/", views.reason_replies, name="reason"),
    path(
        "campaigns/<uuid:public_id>/reasons/<slug:code>.<slug:fmt>", views.reason_export, name="reason_export"
    ),
]
