"""The delegates directory: accredited professionals who chose to be listed,
seen only by other professionals and staff."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from festarchive.core.numbers import parse_int

from ..access import is_professional, professional_only_or_404, professional_required
from ..forms.directory import DelegateProfileForm, DelegateSearchForm
from ..models import DelegateProfile
from ..queries import directory as queries
from ..services.directory import delegate_profile_update

PER_PAGE = 24


@professional_required
def delegate_list(request):
    form = DelegateSearchForm(
        request.GET or None, country_codes=queries.directory_countries()
    )
    filters = form.filters()
    paginator = Paginator(queries.delegate_search(**filters), PER_PAGE)
    page = paginator.get_page(parse_int(request.GET.get("page")) or 1)
    return render(
        request,
        "professionals/delegates.html",
        {
            "form": form,
            "filtered": bool(filters),
            "page": page,
            "delegates": queries.delegates(page.object_list),
            "own_profile": DelegateProfile.objects.filter(user=request.user).first(),
        },
    )


def delegate_detail(request, pk):
    # Whether someone is listed is itself private: 404 for everyone else.
    professional_only_or_404(request.user)
    # User ids are 32-bit: a longer number is nobody (and no database error).
    user_pk = parse_int(str(pk), low=1, high=2**31 - 1)
    if user_pk is None:
        raise Http404
    return render(
        request,
        "professionals/delegate_detail.html",
        {"delegate": queries.delegate_get(user_pk=user_pk)},
    )


@professional_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    """The user's own entry in the directory: whether it is shown, and what
    it says about them."""
    profile = DelegateProfile.objects.filter(user=request.user).first()
    form = DelegateProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = delegate_profile_update(user=request.user, **form.cleaned_data)
        if profile.is_listed:
            messages.success(
                request,
                _("Saved. Other professionals can now find you in the directory."),
            )
        else:
            messages.success(
                request, _("Saved. You are not listed in the delegates directory.")
            )
        return redirect("professionals:profile")
    return render(
        request,
        "professionals/profile_form.html",
        {
            "form": form,
            "profile": profile,
            "is_professional": is_professional(request.user),
        },
    )


urlpatterns = [
    path("professionals/delegates/", delegate_list, name="delegates"),
    path("professionals/delegates/<int:pk>/", delegate_detail, name="delegate"),
    path("professionals/my-profile/", profile_edit, name="profile"),
]
