"""The rights holder's choice of who may watch their film."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..vocabulary import ProfessionalRole


class RoleLimitForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Professionals who may watch the film"),
        choices=ProfessionalRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Tick the kinds of professional who may watch the screener. "
            "With no box ticked, every accredited professional may watch it."
        ),
    )
