"""Applying for professional access, and the section's front page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.accreditation import AccreditationForm
from ..queries.accreditation import (
    accreditation_standing,
    latest_application,
    open_editions,
)
from ..services.accreditation import accreditation_apply

# What the form fills in again for someone applying anew.
_REPEATED = ("organisation", "role", "country", "website", "description", "scope")


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: by the field it names, if the form has
    it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def home(request):
    """What accreditation gives, and where the visitor stands."""
    return render(
        request,
        "professionals/home.html",
        {"standing": accreditation_standing(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    standing = accreditation_standing(request.user)
    if not standing.may_apply:
        # Waiting or accredited already: the front page says which.
        return redirect("professionals:home")
    if request.method == "POST":
        form = AccreditationForm(request.POST)
    else:
        previous = latest_application(request.user)
        initial = {f: getattr(previous, f) for f in _REPEATED} if previous else {}
        if not open_editions().exists():
            initial["scope"] = "year"
        form = AccreditationForm(initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            accreditation = accreditation_apply(
                user=request.user,
                language=request.LANGUAGE_CODE,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if accreditation.is_current:
                messages.success(
                    request,
                    _(
                        "Welcome: you are an accredited professional until "
                        "%(date)s. We have sent you an e-mail with the details."
                    )
                    % {"date": date_format(accreditation.valid_until)},
                )
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for applying. We have sent you an e-mail to "
                        "confirm it, and we will write again when your "
                        "application is decided."
                    ),
                )
            return redirect("professionals:home")
    return render(
        request,
        "professionals/apply.html",
        {
            "form": form,
            "standing": standing,
            "has_open_editions": open_editions().exists(),
        },
    )
