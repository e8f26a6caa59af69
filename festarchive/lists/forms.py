from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FilmList


class FilmListForm(forms.ModelForm):
    class Meta:
        model = FilmList
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AddToListForm(forms.Form):
    """Add a film to one of the visitor's lists, or to a new list."""

    film_list = forms.TypedChoiceField(label=_("List"), coerce=int, required=False)
    new_list = forms.CharField(label=_("or a new list"), max_length=120, required=False)

    def __init__(self, *args, lists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["film_list"].choices = [("", "—")] + [
            (own.pk, own.name) for own in lists
        ]

    def clean(self):
        data = super().clean()
        if not data.get("film_list") and not (data.get("new_list") or "").strip():
            raise forms.ValidationError(_("Choose a list or name a new one."))
        return data
