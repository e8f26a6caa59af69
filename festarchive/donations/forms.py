"""The donation form: kind, a suggested or a free amount, the donor."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Donation
from .services.donations import clean_amount

OTHER = "other"


class DonateForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How often"),
        choices=Donation.Kind.choices,
        initial=Donation.Kind.ONE_OFF,
        widget=forms.RadioSelect,
    )
    choice = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect)
    other_amount = forms.CharField(
        label=_("Another amount, in euros"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send your receipt here."),
        max_length=254,
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        required=False,
        max_length=200,
        help_text=_("For the receipt; leave it empty to give anonymously."),
    )
    dedication = forms.CharField(
        label=_("Dedication (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In memory of someone, or for a section you love."),
    )

    def __init__(self, *args, amounts: tuple[int, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [
            (str(amount), f"€{amount}") for amount in amounts
        ] + [(OTHER, _("Another amount"))]
        self.fields["choice"].initial = str(
            amounts[1] if len(amounts) > 1 else amounts[0]
        )

    def clean(self):
        data = super().clean()
        choice = data.get("choice")
        if choice == OTHER:
            raw = data.get("other_amount", "")
            if not raw.strip():
                self.add_error("other_amount", _("Give the amount you want to give."))
                return data
            field = "other_amount"
        else:
            raw, field = choice, "choice"
        if raw:
            try:
                data["amount"] = clean_amount(raw)
            except ValidationError as error:
                self.add_error(field, error)
        return data
