"""A professional's request, their reply, and the rights holder's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ScreenerRequest
from ..services.requests import APPROVE, DECLINE, QUESTION

MESSAGE_MAX = ScreenerRequest._meta.get_field("message").max_length


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        # The format a date input sends and shows, whatever the language.
        super().__init__(format="%Y-%m-%d", **kwargs)


class RequestForm(forms.ModelForm):
    class Meta:
        model = ScreenerRequest
        fields = ["kind", "purpose", "wanted_from", "wanted_until", "message"]
        widgets = {
            "kind": forms.RadioSelect,
            "wanted_from": DateInput(),
            "wanted_until": DateInput(),
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "purpose": _("For example: Docs Festival 2027, or VPRO Dorst."),
            "wanted_from": _("The first day you need it, if you know."),
            "wanted_until": _("The last day you need it, if you know."),
            "message": _(
                "Anything the rights holder should know: the section, the "
                "selection deadline, how you plan to show it."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no empty choice: none is checked until one is.
        self.fields["kind"].choices = ScreenerRequest.Kind.choices

    def clean(self):
        data = super().clean()
        first, last = data.get("wanted_from"), data.get("wanted_until")
        if first and last and last < first:
            self.add_error(
                "wanted_until", _("The last day comes before the first day.")
            )
        return data


class ReplyForm(forms.Form):
    message = forms.CharField(
        label=_("Your reply"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AnswerForm(forms.Form):
    """One form for the holder's three answers; the button pressed names the
    answer, and the service says what each one needs."""

    action = forms.ChoiceField(
        choices=[
            (APPROVE, _("Approve")),
            (DECLINE, _("Decline")),
            (QUESTION, _("Ask a question")),
        ],
        widget=forms.HiddenInput,
    )
    message = forms.CharField(
        label=_("Message to the professional"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    screener_url = forms.URLField(
        label=_("Screener link"),
        max_length=ScreenerRequest._meta.get_field("screener_url").max_length,
        required=False,
        assume_scheme="https",
    )
    screener_password = forms.CharField(
        label=_("Screener password"),
        max_length=ScreenerRequest._meta.get_field("screener_password").max_length,
        required=False,
    )
