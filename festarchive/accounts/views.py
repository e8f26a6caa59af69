import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from festarchive.core.spreadsheets import csv_writer
from festarchive.donations.services.erasure import ErasureFailed

from .forms import DeleteAccountForm
from .queries import CSV_COLUMNS, account_data, account_rows
from .services import account_delete


def _download(response: HttpResponse, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def data_json(request):
    body = json.dumps(
        account_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    return _download(
        HttpResponse(body, content_type="application/json; charset=utf-8"),
        "my-archive.json",
    )


@login_required
def data_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # so spreadsheet programs read it as UTF-8
    writer = csv_writer(response)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(account_rows(request.user))
    return _download(response, "my-archive.csv")


@login_required
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(request=request, user=request.user)
        except ErasureFailed:
            form.add_error(
                None,
                _(
                    "Your monthly gift could not be cancelled with our payment "
                    "provider just now, so your account has not been deleted. "
                    "Please try again in a few minutes."
                ),
            )
        else:
            messages.success(
                request, _("Your account and everything in it have been deleted.")
            )
            return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
