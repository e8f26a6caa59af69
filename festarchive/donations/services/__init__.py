"""Writes of donations: ``donations`` (start, payment status, the monthly
gift's subscription, cancelling, receipts) and ``erasure``."""
