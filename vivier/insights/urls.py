from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("campaigns/<uuid:public_id>/", views.campaign_results, name="campaign"),
]
