"""Send the weekly digest to every member who is due one (safe to run hourly or daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from practices.community.selectors import digest_for, members_due_a_digest
from practices.community.services import digest_send


class Command(BaseCommand):
    help = "E-mail the weekly digest of followed themes and cities to members who are due one."

    def handle(self, *args, **options) -> None:
        sent = skipped = 0
        for member in members_due_a_digest():
            if digest_send(digest_for(member)):
                sent += 1
            else:
                skipped += 1
        if sent or options["verbosity"] >= 1:
            self.stdout.write(f"digests: {sent} sent, {skipped} with nothing new")
