# A kiosk board (issue #5): a device key from `amtstermin kiosk-key add`, the board opened with it
# once (its cookie), and a tap on the board (a form POST in English).
import re
import urllib.parse


def issue_key(server, name="Eingangshalle"):
    out = server.cli("kiosk-key", "add", "--location", "mainz", "--name", name).stdout.decode()
    key = re.search(r"^key (\S+)$", out, re.M).group(1)
    key_id = re.search(r"^id  (\S+)$", out, re.M).group(1)
    return key, key_id


def open_board(server, key):
    """Opens /kiosk?key=... like the admin does once; returns the Cookie header the board keeps."""
    resp = server.client.get("/kiosk?key=" + urllib.parse.quote(key))
    assert resp.status == 303 and resp.header("Location") == "/kiosk", resp
    cookie = resp.header("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie, cookie
    return {"Cookie": cookie.split(";")[0]}


def tap(server, board, path, **fields):
    headers = dict(board, **{"Content-Type": "application/x-www-form-urlencoded"})
    body = urllib.parse.urlencode(dict(fields, lang="en")).encode()
    return server.client.request("POST", path, body=body, headers=headers)
