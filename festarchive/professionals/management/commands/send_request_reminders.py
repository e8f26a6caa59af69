"""Run once a day from cron: reminds the holders of requests nobody has
answered (festarchive.professionals.services.requests)."""

from django.core.management.base import BaseCommand

from festarchive.core.limits import limit
from festarchive.professionals.services.requests import request_send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the rights holders of screener requests that have waited "
        "pro_request_reminder_days days for an answer, up to "
        "pro_request_reminders_max times a request, and list what was sent."
    )

    def handle(self, *args, **options):
        reminded = request_send_reminders()
        most = limit("pro_request_reminders_max")
        for screener_request in reminded:
            self.stdout.write(
                f"Reminded {screener_request.holder_email} about request "
                f"{screener_request.pk} ({screener_request.film}), reminder "
                f"{screener_request.reminders_sent} of {most}."
            )
        count = len(reminded)
        self.stdout.write(f"Sent {count} reminder{'' if count == 1 else 's'}.")
