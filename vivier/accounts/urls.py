from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("language/", views.language_view, name="language"),
    path("team/", views.team_switch_view, name="team_switch"),
    path("settings/", views.settings_view, name="settings"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("settings/tokens/<uuid:public_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("setup/<str:token>/", views.setup_view, name="setup"),
    path("invitation/<str:token>/", views.invitation_view, name="invitation"),
    path("members/", views.team_view, name="team"),
    path("members/settings/", views.team_settings_view, name="team_settings"),
    path("members/<uuid:public_id>/role/", views.member_role_view, name="member_role"),
    path("members/<uuid:public_id>/deactivate/", views.member_deactivate_view, name="member_deactivate"),
    path(
        "members/invitations/<uuid:public_id>/revoke/",
        views.invitation_revoke_view,
        name="invitation_revoke",
    ),
    # Django's password reset, its email sent as system mail (SMTP when configured, else the outbox).
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
