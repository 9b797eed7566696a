from django.urls import path

from . import feeds, views

urlpatterns = [
    path("huiqi/", views.measure_list, name="measure_list"),
    path("huiqi/<int:pk>/", views.measure_permalink, name="measure_permalink"),
    path("huimin/", views.measure_list, {"audience": "person"}, name="citizen_measure_list"),
    path("huiqi/rili/", views.calendar_page, name="measure_calendar"),
    path("huiqi/rili.ics", views.calendar_feed, name="measure_calendar_feed"),
    path("zhengce/feed/", feeds.PolicyFeed(), name="policy_feed"),
    path("zhengce/feed/department/<slug:slug>/", feeds.DepartmentPolicyFeed(), name="policy_feed_department"),
    path("zhengce/feed/topic/<slug:slug>/", feeds.TopicPolicyFeed(), name="policy_feed_topic"),
]
