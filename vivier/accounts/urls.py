from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.language_view, name="language"),
    path("team/", views.team_switch_view, name="team_switch"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/tokens/<uuid:public_id>/revoke/", views.token_revoke_view, name="token_revoke"),
]
