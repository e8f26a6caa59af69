from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class SignupForm(forms.Form):
    """What allauth's sign-up asks besides e-mail and password
    (``ACCOUNT_SIGNUP_FORM_CLASS``)."""

    # allauth orders the fields it adds by this too: the name comes last.
    field_order = ["email", "password1", "password2", "display_name"]

    display_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=150,
        required=False,
        help_text=_(
            "How the archive greets you; leave it empty to be greeted by your e-mail address."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def signup(self, request, user) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])
