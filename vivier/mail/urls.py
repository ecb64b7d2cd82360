from django.urls import path

from . import views

app_name = "mailboxes"
urlpatterns = [
    path("", views.mailbox_list, name="list"),
    path("new/", views.mailbox_edit, name="new"),
    path("m/<uuid:public_id>/", views.mailbox_edit, name="edit"),
    path("test/<str:side>/", views.mailbox_test, name="test"),
    path("m/<uuid:public_id>/oauth/", views.mailbox_oauth_connect, name="oauth_connect"),
    path("oauth/callback/", views.mailbox_oauth_callback, name="oauth_callback"),
]
