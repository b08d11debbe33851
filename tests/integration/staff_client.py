# A staff member's browser for the integration tests: a cookie jar over amt.Client, the CSRF token
# from the sign-in page, sign-in, and accounts made with `amtstermin create-staff`.
import re
import subprocess
import urllib.parse

ROLES = ["agent", "reception", "caseworker", "team_lead", "admin"]
PASSWORD = "Lange sichere Passphrase 7"


def run_create_staff(server, login, roles, password=PASSWORD, location="mainz", staff=None):
    """`amtstermin create-staff`; its finished process. The hash is made at the minimum cost: the
    tests sign in hundreds of times, and argon2id at its real cost took about half of the staff
    tests' CPU time (test_staff_cli.py covers the real cost)."""
    args = [server.binary, "create-staff", "--login", login, "--name", login.title(), "--role", roles,
            "--location", location, "--cheap-hash-for-tests"]
    if staff:
        args += ["--staff", staff]
    return subprocess.run(args, cwd=server.workdir, env=server.env(), input=password.encode() + b"\n",
                          capture_output=True, timeout=60)


def create_staff(server, login, roles, password=PASSWORD, location="mainz", staff=None):
    result = run_create_staff(server, login, roles, password, location, staff)
    assert result.returncode == 0, result.stderr.decode(errors="replace")


def staff_routes(server):
    """The route table as `amtstermin staff-routes` prints it: dicts method, path, permission, roles."""
    out = server.cli("staff-routes").stdout.decode()
    routes = []
    for line in out.splitlines():
        method, path, permission, roles = line.split(" ")
        routes.append({"method": method, "path": path, "permission": permission,
                       "roles": ROLES if roles == "*" else roles.split(",")})
    return routes


def concrete(pattern):
    """A path for a route pattern: every {parameter} becomes a value no record has."""
    return re.sub(r"\{[^}]+\}", "NOPE42", pattern)


def set_cookies(resp):
    """name -> (value, attributes lower-cased) of every Set-Cookie in a response."""
    cookies = {}
    for key, value in resp.headers:
        if key.lower() != "set-cookie":
            continue
        pair, *attrs = [part.strip() for part in value.split(";")]
        name, _, val = pair.partition("=")
        cookies[name] = (val, [a.lower() for a in attrs])
    return cookies


class StaffBrowser:
    def __init__(self, client):
        self.client = client
        self.cookies = {}
        self.csrf = None

    def request(self, method, path, form=None, headers=None):
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(form).encode()
        resp = self.client.request(method, path, body=body, headers=all_headers)
        for name, (value, attrs) in set_cookies(resp).items():
            if "max-age=0" in attrs:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form=None, csrf=True):
        form = dict(form or {})
        if csrf and "csrf" not in form:
            form["csrf"] = self.fetch_csrf()
        return self.request("POST", path, form=form)

    def fetch_csrf(self):
        if self.csrf is None:
            for path in ("/staff/sign-in", "/staff"):  # the sign-in page redirects once signed in
                page = self.get(path)
                match = re.search(rb'name="csrf" value="([0-9a-f]+)"', page.body)
                if match:
                    break
            assert match, page
            self.csrf = match.group(1).decode()
        return self.csrf

    def sign_in(self, login, password=PASSWORD, next_path=None):
        form = {"login": login, "password": password}
        if next_path is not None:
            form["next"] = next_path
        return self.post("/staff/sign-in", form)

    @property
    def session(self):
        return self.cookies.get("amt_staff")


def signed_in(client, login, password=PASSWORD):
    browser = StaffBrowser(client)
    resp = browser.sign_in(login, password)
    assert resp.status == 303, resp
    assert browser.session, resp
    return browser


def is_sign_in_redirect(resp, target=None):
    if resp.status != 303:
        return False
    location = resp.header("location", "")
    if not location.startswith("/staff/sign-in?next="):
        return False
    return target is None or urllib.parse.unquote(location.split("=", 1)[1]) == target
