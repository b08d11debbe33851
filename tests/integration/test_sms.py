# SMS leave amtstermin through the configured HTTP gateway (issue #8 item 2), here a recording
# gateway on loopback: the console's confirmation SMS arrives once with number, text and the secret
# header; while the gateway is down or failing, messages wait and are delivered exactly once when
# it is back; a gateway that keeps failing leaves the message failed, visible on the console page;
# the secret never reaches the server's log; a kiosk booking with a mobile number is confirmed by SMS.
import html
import re
import secrets
import time

import pytest

from kiosk_board import issue_key, open_board, tap
from sms_bookings import book_with_sms, log_of, sms_rows, sms_server, wait_for_rows
from sms_gateway import PATH, sms_env
from staff_client import create_staff, signed_in


def test_console_sms_reaches_the_gateway_once_with_number_text_and_secret(make_server, gateway):
    secret = "tok-" + secrets.token_hex(16)
    server, agent = sms_server(make_server, gateway, secret)
    code = book_with_sms(agent)

    [request] = gateway.wait_for(lambda got: len(got) >= 1, what="the confirmation SMS")
    assert request["path"] == PATH
    assert request["headers"]["authorization"] == f"Bearer {secret}"
    assert request["headers"]["content-type"] == "application/json"
    message = request["json"]
    assert message["to"] == "+491512345678"
    assert code in message["text"] and "Uhr" in message["text"]
    [(outbox_id, status, attempts, error)] = wait_for_rows(server, lambda rows: rows and rows[0][1] == "sent", "sent")
    assert message["reference"] == outbox_id == request["headers"]["x-message-id"]
    assert (attempts, error) == (1, "")
    time.sleep(1.5)  # several polls later: still once
    assert len(gateway.all()) == 1

    page = agent.get(f"/staff/console/booking/{code}")
    assert page.status == 200
    row = re.search(rb'<tr class="message-sent">(.*?)</tr>', page.body, re.S)
    assert row, page.text
    cells = [html.unescape(c.decode()) for c in re.findall(rb"<td>(.*?)</td>", row.group(1), re.S)]
    assert cells[1:] == ["SMS", "Buchungsbestätigung", "01512345678", "zugestellt", "1"]

    assert server.stop() == 0
    log = log_of(server)
    assert "SMS delivery through the gateway at http://127.0.0.1:" in log
    assert secret not in log and "+491512345678" not in log


def test_gateway_down_then_failing_then_back_delivers_each_message_exactly_once(make_server, idle_gateway):
    gateway = idle_gateway
    secret = "tok-" + secrets.token_hex(16)
    server, agent = sms_server(make_server, gateway, secret, max_attempts=30)
    codes = [book_with_sms(agent, skip=i, phone=f"0151 23456{70 + i}") for i in range(3)]

    refused = wait_for_rows(server, lambda rows: len(rows) == 3 and all(r[2] >= 2 for r in rows), "refused attempts")
    assert all(r[1] == "pending" and "gateway not reached" in r[3] for r in refused), refused
    gateway.answer("error")
    gateway.start()
    gateway.wait_for(lambda got: len({r["json"]["reference"] for r in got}) == 3, what="500 answers to each")
    failing = wait_for_rows(server, lambda rows: all(r[3].startswith("HTTP 500") for r in rows), "HTTP 500 errors")
    assert all(r[1] == "pending" for r in failing)
    gateway.answer("reject")  # 200, but not the configured success body: not sent either
    wait_for_rows(server, lambda rows: all("without" in r[3] for r in rows), "the rejections")
    gateway.answer("accept")

    wait_for_rows(server, lambda rows: all(r[1] == "sent" for r in rows), "all sent")
    time.sleep(2.5)  # beyond the longest retry delay: nothing goes out again
    accepted = gateway.accepted()
    assert sorted(r["json"]["reference"] for r in accepted) == sorted(r[0] for r in sms_rows(server))
    assert len(accepted) == 3, "each message accepted exactly once"
    assert all(any(code in r["json"]["text"] for r in accepted) for code in codes)
    assert server.stop() == 0
    assert secret not in log_of(server)


def test_a_gateway_that_keeps_failing_leaves_the_sms_failed_and_the_console_says_why(make_server, gateway):
    gateway.answer("error")
    server, agent = sms_server(make_server, gateway, "tok-" + secrets.token_hex(16), max_attempts=3)
    code = book_with_sms(agent)

    [(_, status, attempts, error)] = wait_for_rows(server, lambda rows: rows and rows[0][1] == "failed", "given up")
    assert (attempts, error) == (3, "HTTP 500: gateway overloaded")
    assert len(gateway.all()) == 3, "retried up to max_attempts"
    time.sleep(2.5)
    assert len(gateway.all()) == 3, "a failed message is not tried again"
    page = agent.get(f"/staff/console/booking/{code}")
    row = re.search(rb'<tr class="message-failed">(.*?)</tr>', page.body, re.S)
    assert row, page.text
    assert "fehlgeschlagen: HTTP 500: gateway overloaded</td><td>3</td>" in row.group(1).decode()


def test_a_permanent_refusal_is_not_retried(make_server, gateway):
    gateway.answer("error")
    server, agent = sms_server(make_server, gateway, "tok-" + secrets.token_hex(16), permanent_status="500-599")
    book_with_sms(agent)
    [(_, status, attempts, _)] = wait_for_rows(server, lambda rows: rows and rows[0][1] == "failed", "given up")
    assert attempts == 1
    time.sleep(2.5)
    assert len(gateway.all()) == 1


def test_without_a_gateway_sms_stay_queued_and_the_log_says_so_once(make_server):
    server = make_server().prepare().start()
    create_staff(server, "sina.agent", "agent")
    book_with_sms(signed_in(server.client, "sina.agent"))
    time.sleep(1.5)
    [(_, status, attempts, _)] = sms_rows(server)
    assert (status, attempts) == ("pending", 0)
    assert server.stop() == 0
    assert log_of(server).count("SMS delivery is off (sms.url is empty)") == 1


def test_a_missing_secret_variable_stops_the_server_at_start(make_server, idle_gateway):
    gateway = idle_gateway
    server = make_server(sms_env(gateway.port, "AMT_TEST_SMS_UNSET_VARIABLE")).prepare()
    with pytest.raises(AssertionError):
        server.start(timeout=5)
    assert "AMT_TEST_SMS_UNSET_VARIABLE" in log_of(server)


def test_a_kiosk_booking_with_a_mobile_number_is_confirmed_once_by_sms(make_server, gateway):
    server, _ = sms_server(make_server, gateway, "tok-" + secrets.token_hex(16))
    board = open_board(server, issue_key(server)[0])
    times = server.client.get("/kiosk/book/times?lang=en&service=first-application", board)
    link = re.findall(r'href="(/kiosk/book/details\?[^"]+)"', times.text)[0]
    details = server.client.get(link.replace("&amp;", "&"), board)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', details.text))
    form = dict(fields, name="Anna Muster", email="", phone="0170 1234567")
    answers = [tap(server, board, "/kiosk/book/details", **form) for _ in range(2)]  # a double tap
    assert [a.status for a in answers] == [201, 201]
    code = re.search(r"data-booking-code>(\w+)<", answers[0].text).group(1)
    assert "A confirmation is being sent to <strong>01701234567</strong>" in answers[0].text

    [request] = gateway.wait_for(lambda got: len(got) >= 1, what="the kiosk SMS")
    assert request["json"]["to"] == "+491701234567"
    assert f"Booking code: {code}" in request["json"]["text"]  # booked on the English kiosk screens
    wait_for_rows(server, lambda rows: rows and rows[0][1] == "sent", "sent")
    time.sleep(1.5)
    assert len(gateway.all()) == 1 and len(sms_rows(server)) == 1
