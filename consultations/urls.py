from django.urls import path

from . import feeds, views

urlpatterns = [
    path("juece/", views.decisions, name="decisions"),
    path("juece/<int:year>/", views.decisions, name="decisions_year"),
    path("zhengji/feed/", feeds.ConsultationFeed(), name="consultation_feed"),
]
