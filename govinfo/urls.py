from django.urls import path

from . import views

app_name = "govinfo"

urlpatterns = [
    path("zhinan/", views.guide, name="guide"),
    path("mulu/", views.catalogue_index, name="catalogue"),
    path("mulu/export.xlsx", views.catalogue_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("mulu/export.csv", views.catalogue_export, {"fmt": "csv"}, name="export_csv"),
    path("nianbao/", views.reports, name="reports"),
    path("nianbao/<int:year>/", views.report, name="report"),
    path("nianbao/<int:year>/print/", views.report, {"printable": True}, name="report_print"),
    path("nianbao/<int:year>/<slug:slug>/", views.report, name="report_department"),
    path("nianbao/<int:year>/<slug:slug>/print/", views.report, {"printable": True}, name="report_department_print"),
]
