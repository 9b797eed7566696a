from django.urls import path

from . import views

app_name = "laws"

urlpatterns = [
    path("fagui/", views.index, name="index"),
    path("fagui/<str:source_id>/", views.law, name="law"),
    path("fagui/<str:source_id>/<str:anchor>/", views.article, name="article"),
]
