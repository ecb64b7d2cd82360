from django.urls import include, path

app_name = "replies"

urlpatterns = [
    # Inbound webhooks of email services: /replies/anymail/<esp>/inbound/ (Basic auth with
    # VIVIER_ANYMAIL_WEBHOOK_SECRET="user:password"; Mailgun and others also verify their own signatures).
    path("anymail/", include("anymail.urls")),
]
