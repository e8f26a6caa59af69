"""Serve the Mollie stand-in, so donations can be tried without Mollie."""

import time

from django.core.management.base import BaseCommand

from festarchive.donations.standin import STANDIN_KEY, serve


class Command(BaseCommand):
    help = (
        "Serve a stand-in for Mollie's API and checkout page on this machine, "
        "to try donations in the demo (docs/donations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8011)

    def handle(self, *args, host, port, **options):
        standin, server = serve(host=host, port=port, deliver=True)
        self.stdout.write(
            f"The Mollie stand-in is at {standin.base_url}/ (its subscriptions, "
            "with a button to collect the next payment).\n"
            "Start the archive with:\n"
            f"  FESTARCHIVE_MOLLIE_API_KEY={STANDIN_KEY} \\\n"
            f"  FESTARCHIVE_MOLLIE_API_ENDPOINT={standin.base_url} make demo\n"
            "Stop it with Ctrl-C."
        )
        self.stdout.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
