"""The staff log-in at /<language>/admin/, limited as visitors' log-ins are;
the users' admin."""

from allauth.account.adapter import get_adapter
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from .models import User


class StaffLoginForm(AdminAuthenticationForm):
    """Django's admin log-in, counted against ``ACCOUNT_RATE_LIMITS["login_failed"]``.

    The password is checked through allauth's adapter, as on the visitors'
    log-in page: each try takes one from the address's budget and from the
    account's, and a try that succeeds gives its own back (allauth wipes
    nothing, so a login now and then does not reset an attacker's count).
    Once either budget is spent, even the right password is refused.
    """

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "too_many_attempts": _("Too many failed login attempts. Try again later."),
    }

    @sensitive_variables()
    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = get_adapter(self.request).authenticate(
                    self.request, username=username, password=password
                )
            except ValidationError as error:
                if error.code != "too_many_login_attempts":
                    raise
                raise ValidationError(
                    self.error_messages["too_many_attempts"],
                    code="too_many_attempts",
                ) from error
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


admin.site.login_form = StaffLoginForm


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin, with the name visitors are greeted by."""

    fieldsets = [
        *DjangoUserAdmin.fieldsets[:1],
        (
            DjangoUserAdmin.fieldsets[1][0],
            {"fields": ("display_name", *DjangoUserAdmin.fieldsets[1][1]["fields"])},
        ),
        *DjangoUserAdmin.fieldsets[2:],
    ]
    list_display = ("username", "email", "display_name", "is_staff", "is_active")
    search_fields = ("username", "email", "display_name", "first_name", "last_name")
