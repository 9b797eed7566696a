from django.urls import path

from . import views

urlpatterns = [path("fankui/", views.submit, name="feedback")]
