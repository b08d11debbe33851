# A real SMTP server for the browser tests (Debian's python3-aiosmtpd on loopback). Every accepted
# mail is written to the directory given as argument as one JSON file (recipients, subject, plain
# text, attachments), so the Node tests can read what a citizen would receive. Prints "port N".
import email
import email.policy
import itertools
import json
import os
import signal
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.numbers = itertools.count()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        attachments = [{"name": part.get_filename(), "type": part.get_content_type(),
                        "text": part.get_content() if part.get_content_maintype() == "text" else ""}
                       for part in message.iter_attachments()]
        record = {"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "subject": str(message["Subject"]),
                  "text": body.get_content() if body else "", "attachments": attachments}
        path = os.path.join(self.out_dir, f"{next(self.numbers):04d}.json")
        with open(path + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".part", path)  # readers never see half a file
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    port = free_port()
    controller = Controller(Sink(sys.argv[1]), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"port {port}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
