# A real SMTP server on loopback for the integration tests (aiosmtpd): it keeps every accepted
# message, refuses mailboxes whose address starts with "unknown", and the [mail] settings that
# point amtstermin at it with fast retries.
import email
import email.policy
import threading

from aiosmtpd.controller import Controller

from amt import wait_until


class Inbox:
    """aiosmtpd handler that keeps every accepted message."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("unknown"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                                  email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 OK"

    def about(self, code):
        with self.lock:
            return [m for m in self.messages if code in str(m[2]["Subject"])]

    def wait_for(self, code, count=1, timeout=20):
        return wait_until(lambda: self.about(code), f"{count} mail(s) about {code}", timeout,
                          holds=lambda found: len(found) >= count, interval=0.1)


class SmtpServer:
    def __init__(self, port):
        self.inbox = Inbox()
        self.port = port
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None


def mail_env(port):
    return {"AMTSTERMIN_MAIL_SMTP_URL": f"smtp://127.0.0.1:{port}",
            "AMTSTERMIN_MAIL_FROM": "Jobcenter Mainz <termine@jobcenter.example.org>",
            "AMTSTERMIN_MAIL_PUBLIC_URL": "https://termine.example.org",
            "AMTSTERMIN_MAIL_POLL_MS": "100",
            "AMTSTERMIN_MAIL_RETRY_BASE_SECONDS": "1",
            "AMTSTERMIN_MAIL_RETRY_MAX_SECONDS": "2",
            "AMTSTERMIN_MAIL_TIMEOUT_SECONDS": "5"}


def mails_to(smtp, address, count=1, timeout=20):
    def received():
        with smtp.inbox.lock:
            return [m for (_f, rcpt, m) in smtp.inbox.messages if address in rcpt]
    return wait_until(received, f"{count} mail(s) to {address}", timeout, holds=lambda found: len(found) >= count)


def mail_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()
