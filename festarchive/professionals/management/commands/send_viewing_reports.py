from smtplib import SMTPException

from django.core.management.base import BaseCommand

from festarchive.professionals.queries.market import entries_with_unreported_viewings
from festarchive.professionals.services.market import market_report_send


class Command(BaseCommand):
    help = (
        "E-mail each market-library film's rights holder the viewings since "
        "their last report (CSV). Run it daily; a viewing still playing waits "
        "for the next run. The mail links to the holder's page when "
        "FESTARCHIVE_SITE_URL is set."
    )

    def handle(self, *args, **options):
        sent = failed = 0
        for entry in entries_with_unreported_viewings():
            try:
                count = market_report_send(entry=entry)
            except (SMTPException, OSError) as error:
                # One unreachable address must not hold up the others; this
                # entry's viewings are reported on the next run.
                failed += 1
                self.stderr.write(f"{entry}: the report was not sent ({error}).")
                continue
            if count:
                sent += 1
                self.stdout.write(
                    f"{entry}: {count} viewings reported to {entry.holder_email}."
                )
        self.stdout.write(
            f"Sent {sent} viewing reports"
            + (f"; {failed} could not be sent." if failed else ".")
        )
