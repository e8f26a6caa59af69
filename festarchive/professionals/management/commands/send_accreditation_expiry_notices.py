"""E-mail professionals whose access ends within a week, once each.

Run it daily (cron or a systemd timer). Each notice is recorded in the change
records, so running it again, or twice a day, sends nothing new.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone

from festarchive.core.models import ChangeRecord
from festarchive.professionals.models import Accreditation
from festarchive.professionals.services.accreditation import (
    EXPIRY_NOTICE,
    accreditation_notice_expiry,
)

NOTICE_DAYS = 7


class Command(BaseCommand):
    help = "E-mail professionals whose accreditation ends within a week."

    def handle(self, *args, **options):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=NOTICE_DAYS)
        ending = list(
            Accreditation.objects.current()
            .filter(valid_until__lte=soon)
            # Approved within the week: the approval said when it ends.
            .filter(valid_from__lte=today - datetime.timedelta(days=NOTICE_DAYS))
            # Access that carries on under a later accreditation is not ending.
            .exclude(
                Exists(
                    Accreditation.objects.current().filter(
                        user=OuterRef("user"), valid_until__gt=OuterRef("valid_until")
                    )
                )
            )
            .select_related("user")
        )
        noticed = set(
            ChangeRecord.objects.filter(
                action=EXPIRY_NOTICE,
                content_type=ContentType.objects.get_for_model(Accreditation),
                object_id__in=[str(a.pk) for a in ending],
            ).values_list("object_id", flat=True)
        )
        sent = 0
        for accreditation in ending:
            if str(accreditation.pk) in noticed:
                continue
            accreditation_notice_expiry(accreditation=accreditation)
            sent += 1
        self.stdout.write(f"Sent {sent} expiry notice(s).")
