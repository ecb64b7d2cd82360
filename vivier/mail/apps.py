from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "vivier.mail"
    label = "mail"
