"""An in-memory e-mail backend whose server refuses one address, like an
SMTP server answering 550 to RCPT TO."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "refused@example.com"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"5.1.1 mailbox unavailable")})
        return super().send_messages(messages)
