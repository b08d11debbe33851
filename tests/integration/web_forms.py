# What a browser sends with a plain HTML form: the form content type, the cookies a response set
# and the Cookie header that carries them back, and a POST of a page's form (GET with a token,
# then POST with its CSRF token and cookies) as the citizen pages need it.
import re
import urllib.parse

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ENGLISH = {"Accept-Language": "en"}


def cookies_of(resp):
    jar = {}
    for key, value in resp.headers:
        if key.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name] = rest.split(";")[0]
    return jar


def cookie_header(jar):
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def post_page_form(server, path, token):
    page = server.client.get(f"{path}?token={token}", headers=ENGLISH)
    assert page.status == 200, page
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    return server.client.request("POST", path, urllib.parse.urlencode({"csrf": csrf, "token": token}).encode(),
                                 dict(FORM, Cookie=cookie_header(cookies_of(page)), **ENGLISH))
