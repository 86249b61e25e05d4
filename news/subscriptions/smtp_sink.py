"""An SMTP server that accepts every mail and counts it: the sink of `bench_release_mails`.

Run as its own process (`python -m news.subscriptions.smtp_sink PORT`), so that the mail
server's work is not counted as the sender's CPU time. It prints "ready" once it listens,
and on SIGTERM or SIGINT one JSON line: the mails, distinct recipients and Message-IDs,
and the SMTP connections that carried them. Needs aiosmtpd (a development dependency).
"""

import json
import re
import signal
import sys
import threading

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class CountingHandler:
    def __init__(self):
        self.messages = 0
        self.recipients = set()
        self.message_ids = set()
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # smtplib greets once per connection.
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        self.recipients.update(envelope.rcpt_tos)
        headers = envelope.content.partition(b"\r\n\r\n")[0]
        if match := MESSAGE_ID.search(headers):
            self.message_ids.add(match.group(1))
        return "250 Message accepted for delivery"

    def report(self):
        return {
            "messages": self.messages,
            "recipients": len(self.recipients),
            "message_ids": len(self.message_ids),
            "connections": self.connections,
        }


def main(port):
    from aiosmtpd.controller import Controller

    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_args: stop.set())
    controller.start()
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    print(json.dumps(handler.report()), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
