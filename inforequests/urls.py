from django.urls import path

from . import views

app_name = "inforequests"
urlpatterns = [
    path("yishenqing/", views.apply, name="apply"),
    path("yishenqing/huizhi/", views.receipt, name="receipt"),
    path("yishenqing/chaxun/", views.track, name="track"),
    path("yishenqing/chaxun/<str:code>/dafushu/", views.reply_document, name="reply_document"),
    path("yishenqing/gongkai/", views.published, name="published"),
]
