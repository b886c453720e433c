"""``manage.py reset_two_factor USERNAME``: for a staff member who lost their phone and their
recovery codes. Removes their two-factor devices so they can sign in with their password and
set it up again. Check that the request really comes from them first."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from django_otp import device_classes

KINDS = {  # singular, plural
    "otp_totp.totpdevice": ("authenticator app", "authenticator apps"),
    "otp_static.staticdevice": ("set of recovery codes", "sets of recovery codes"),
}


class Command(BaseCommand):
    help = (
        "Turn off two-factor sign-in for a user who is locked out (lost phone and recovery "
        "codes): deletes all their two-factor devices, so they can set it up again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user {username!r}.") from None

        removed = []
        with transaction.atomic():
            for model in device_classes():
                devices = model.objects.filter(user=user)
                count = devices.count()
                if count:
                    devices.delete()
                    meta = model._meta
                    one, many = KINDS.get(
                        meta.label_lower, (meta.verbose_name, meta.verbose_name_plural)
                    )
                    removed.append(f"{count} {one if count == 1 else many}")

        if not removed:
            self.stdout.write(f"{username} has no two-factor sign-in set up; nothing to remove.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Removed two-factor sign-in for {username}: {', '.join(removed)}.")
        )
        self.stdout.write(
            "They can now sign in with their password alone and should set up two-factor "
            "sign-in again under Settings → Two-factor sign-in (where it is required, they are "
            "sent there at their next sign-in)."
        )
