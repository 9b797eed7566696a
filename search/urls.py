from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/go/", views.go, name="search_go"),
    path("search/feed/", views.search_feed, name="search_feed"),
    path("api/search/", views.api_search, name="api_search"),
    path("api/search/suggest/", views.api_suggest, name="api_search_suggest"),
    path("api/openapi.json", views.openapi_json, name="openapi"),
]
