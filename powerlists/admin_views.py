"""Admin views: the import template and the Excel import with its error report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect, render

from portal.permissions import is_portal_office

from . import basis_flags, importer, xlsx
from .basis_report import summary
from .forms import ImportForm
from .models import LegalBasis
from .permissions import editable_departments

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_download(request):
    response = HttpResponse(xlsx.template(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = "attachment; filename=\"powerlist-template.xlsx\"; filename*=UTF-8''%E6%9D%83%E8%B4%A3%E6%B8%85%E5%8D%95%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    return response


def import_view(request):
    """Department editors may check their own department's file; applying it
    publishes the list directly, so only the portal office (reviewer) may."""
    if not editable_departments(request.user).exists():
        raise PermissionDenied
    office = is_portal_office(request.user)
    report, file_error = None, None
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        dry_run = form.cleaned_data["dry_run"] or not office
        try:
            report = importer.import_department(form.cleaned_data["file"], form.cleaned_data["department"],
                                                notice=form.notice(), dry_run=dry_run)
        except xlsx.WorkbookError as exc:
            file_error = exc.errors
        status = 400 if file_error or (report and report.errors) else 200
        return render(request, "powerlists/admin/import.html",
                      {"form": form, "report": report, "file_errors": file_error, "office": office,
                       "dry_run": dry_run}, status=status)
    return render(request, "powerlists/admin/import.html", {"form": form, "office": office},
                  status=400 if request.method == "POST" else 200)


def basis_report(request):
    """依据核验: the office sees every department's bases, a department
    editor their own. The office may run the check again (POST)."""
    departments = editable_departments(request.user)
    if not departments.exists():
        raise PermissionDenied
    office = is_portal_office(request.user)
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        flagged = basis_flags.check_all_and_flag()
        messages.success(request, f"已重新核验全部设定依据，新发现 {len(flagged)} 条需要核对，已通知相关部门。")
        return redirect("powerlists_admin:basis_report")
    bases = LegalBasis.objects.filter(item__department__in=departments).select_related(
        "item", "item__department", "law_ref", "article_ref")
    counts, problems, not_held = summary(bases)
    return render(request, "powerlists/admin/basis_report.html", {
        "problems": problems, "not_held": sorted(not_held.items()), "ok": counts.get("ok", 0),
        "unchecked": counts.get("", 0), "office": office,
        "checked_at": bases.aggregate(last=Max("checked_at"))["last"],
    })
