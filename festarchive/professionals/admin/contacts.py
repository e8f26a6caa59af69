"""Staff keep contact details and availability here; the public catalogue's
admin pages stay as they are (and as public as they are)."""

from django.contrib import admin

from ..forms.availability import AvailabilityForm
from ..models import Contact, FilmAvailability
from ..services.contacts import availability_save, contact_save


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["__str__", "email", "phone", "website"]
    search_fields = ["person__name", "company__name", "email"]
    autocomplete_fields = ["person", "company"]

    def save_model(self, request, obj, form, change):
        contact_save(contact=obj, by=request.user)


class AdminAvailabilityForm(AvailabilityForm):
    class Meta(AvailabilityForm.Meta):
        fields = ["film", *AvailabilityForm.Meta.fields]


@admin.register(FilmAvailability)
class FilmAvailabilityAdmin(admin.ModelAdmin):
    form = AdminAvailabilityForm
    list_display = ["film", "updated_at"]
    search_fields = ["film__title_en", "film__title_original"]
    autocomplete_fields = ["film"]

    def save_model(self, request, obj, form, change):
        availability_save(availability=obj, by=request.user)
