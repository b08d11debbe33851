# A gateway that echoes the recipient's number and the secret in its error answer (many do): the
# error amtstermin stores on the outbox row, shows on the console's booking page and writes to its
# log carries neither, in any of the forms the gateway wrote the number in.
import html
import json
import re
import secrets

import pytest

from amt import free_port
from sms_bookings import book_with_sms, log_of, sms_server, wait_for_rows
from sms_gateway import SmsGateway


class EchoingGateway(SmsGateway):
    """Answers every message 500 with the number as given, national, grouped, and the auth header."""

    def record(self, path, headers, body):
        super().record(path, headers, body)
        to = json.loads(body)["to"]  # "+491512345678"
        national = "0" + to[3:]
        answer = {"error": f"cannot deliver to {to}",
                  "detail": f"Rufnummer {national[:4]} {national[4:]} ({to[1:]}) unbekannt; "
                            f"{to[:3]} (0){to[3:6]} {to[6:9]}-{to[9:]}",
                  "auth": headers.get("authorization", "")}
        return 500, json.dumps(answer).encode()


@pytest.fixture
def echoing_gateway():
    gw = EchoingGateway(free_port())
    yield gw
    gw.stop()


def digits(text):
    return re.sub(r"\D", "", text)


def test_a_gateway_error_that_echoes_the_number_and_secret_is_stored_and_shown_without_them(
        make_server, echoing_gateway):
    echoing_gateway.start()
    secret = "tok-" + secrets.token_hex(16)
    server, agent = sms_server(make_server, echoing_gateway, secret, max_attempts=2)
    code = book_with_sms(agent, phone="0151 2345678")

    [(_, status, attempts, error)] = wait_for_rows(server, lambda rows: rows and rows[0][1] == "failed", "given up")
    assert attempts == 2
    [request, _] = echoing_gateway.all()
    assert request["json"]["to"] == "+491512345678", "the gateway did get the number"
    assert error.startswith('HTTP 500: {"error": "cannot deliver to ***", "detail": "Rufnummer *** (***) unbekannt; ***"'), error
    assert error.endswith('"auth": "Bearer ***"}'), error
    assert secret not in error and "2345678" not in digits(error), error

    page = agent.get(f"/staff/console/booking/{code}")
    row = re.search(rb'<tr class="message-failed">(.*?)</tr>', page.body, re.S)
    assert row, page.text
    cells = [html.unescape(c.decode()) for c in re.findall(rb"<td>(.*?)</td>", row.group(1), re.S)]
    [shown] = [c for c in cells if c.startswith("fehlgeschlagen: ")]
    assert shown == "fehlgeschlagen: " + error
    assert "01512345678" in cells, "the recipient column still names the number to staff who may see it"

    assert server.stop() == 0
    log = log_of(server)
    assert secret not in log, "the secret never reaches the log"
    assert "HTTP 500" in log, "the failure itself is logged"
    assert all(form not in log for form in ("2345678", "234-5678")), "nor does the number"
