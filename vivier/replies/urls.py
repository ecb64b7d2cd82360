from django.urls import include, path

from . import views

app_name = "replies"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("r/<uuid:public_id>/label/", views.reply_label, name="label"),
    path("r/<uuid:public_id>/confirm/", views.reply_confirm, name="confirm"),
    path("r/<uuid:public_id>/done/", views.reply_done, name="done"),
    path("r/<uuid:public_id>/send/", views.reply_send, name="send"),
    path("r/<uuid:public_id>/attach/", views.reply_attach, name="attach"),
    path("unmatched/", views.unmatched, name="unmatched"),
    path("unprocessed/", views.unprocessed, name="unprocessed"),
    path("campaign/<uuid:public_id>/follow-up/", views.follow_up, name="follow_up"),
    # Inbound webhooks of email services: /replies/anymail/<esp>/inbound/ (Basic auth with
    # VIVIER_ANYMAIL_WEBHOOK_SECRET="user:password"; Mailgun and others also verify their own signatures).
    # Refused while neither is configured.
    path("anymail/", include("vivier.replies.webhooks")),
]
