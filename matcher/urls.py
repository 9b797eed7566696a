from django.urls import path

from . import subscription_views, views

urlpatterns = [
    path("jisuanqi/", views.matcher_page, name="matcher"),
    path("jisuanqi/feed/", views.matcher_feed, name="matcher_feed"),
    path("api/matcher/", views.matcher_api, name="matcher_api"),
    path("jisuanqi/geren/", views.person_page, name="matcher_person"),
    path("jisuanqi/geren/feed/", views.person_feed, name="matcher_person_feed"),
    path("api/matcher/person/", views.person_api, name="matcher_person_api"),
    path("dingyue/", subscription_views.subscribe, name="subscribe"),
    path("dingyue/queren/<str:token>/", subscription_views.confirm, name="subscription_confirm"),
    path("dingyue/tuiding/<str:token>/", subscription_views.unsubscribe, name="subscription_unsubscribe"),
]
