from django.urls import path

from . import views

# Included at /replies/demo/ by the root URLconf: the demo's "reply as the candidate" pages.
app_name = "demo"
urlpatterns = [
    path("", views.reply_list, name="replies"),
    path("<uuid:public_id>/", views.reply, name="reply"),
]
