from django.urls import path

from . import api, views

app_name = "powerlists"

urlpatterns = [
    path("quanze/", views.index, name="index"),
    path("quanze/shixiang/<str:code>/", views.item, name="item"),
    path("quanze/bumen/<slug:slug>/", views.department, name="department"),
    path("quanze/bumen/<slug:slug>/print/", views.department_print, name="department_print"),
    path("quanze/bianhua/", views.changes, name="changes"),
    path("quanze/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("quanze/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("api/powerlists/departments/", api.departments, name="api_departments"),
    path("api/powerlists/items/", api.items, name="api_items"),
    path("api/powerlists/items/<str:code>/", api.item, name="api_item"),
    path("api/powerlists/versions/", api.versions, name="api_versions"),
    path("api/powerlists/<path:rest>", api.not_found, name="api_not_found"),
]
