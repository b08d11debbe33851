# The OpenAPI document is the API's contract for app developers: it is served by the binary, it
# matches docs/openapi.yaml, and every operation it documents is actually answered by the server.
import datetime as dt
import re

from amt import LOCATION, POOL_SERVICE, REPO_ROOT, bearer, booking_body, slots

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# The v1 contract: operations every client may rely on.
CONTRACT = {
    ("get", "/api/v1/locations"),
    ("get", "/api/v1/services"),
    ("get", "/api/v1/availability"),
    ("post", "/api/v1/bookings"),
    ("get", "/api/v1/bookings/{code}"),
    ("post", "/api/v1/bookings/{code}/cancel"),
    ("post", "/api/v1/bookings/{code}/reschedule"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
    ("get", "/api/openapi.yaml"),
}


def documented_operations(text):
    """(method, path) pairs under `paths:`, read from the document's two-space block layout."""
    ops, path, in_paths = set(), None, False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            in_paths = line.rstrip() == "paths:"
            continue
        if not in_paths:
            continue
        match = re.fullmatch(r"  (['\"]?)(/[^'\":]*)\1:\s*", line)
        if match:
            path = match.group(2)
            continue
        match = re.fullmatch(r"    (\w+):.*", line)
        if match and path and match.group(1) in METHODS:
            ops.add((match.group(1), path))
    return ops


def served_document(client):
    resp = client.get("/api/openapi.yaml")
    assert resp.status == 200, resp
    assert "yaml" in resp.content_type, resp.content_type
    text = resp.body.decode("utf-8")
    assert re.search(r"^openapi: ['\"]?3\.1\.\d+", text, re.M), text[:200]
    return text


def test_openapi_document_is_served_and_matches_the_repository(client):
    served = documented_operations(served_document(client))
    in_repo = documented_operations((REPO_ROOT / "docs" / "openapi.yaml").read_text("utf-8"))
    assert served == in_repo


def test_openapi_document_covers_the_v1_contract(client):
    documented = documented_operations(served_document(client))
    missing = CONTRACT - documented
    assert not missing, f"not documented: {sorted(missing)}"


def test_every_documented_operation_is_answered(client):
    documented = documented_operations(served_document(client))
    day = dt.date(2027, 3, 17)
    free = slots(client, POOL_SERVICE, day, day)
    assert len(free) >= 3, free
    made = client.post("/api/v1/bookings", booking_body(free[0]["start"]))
    assert made.status == 201, made
    code, token = made.json["code"], made.json["manage_token"]
    wish = {"location": LOCATION, "service": POOL_SERVICE, "contact": {"name": "Ada", "email": "ada@example.org"}}
    joined = client.post("/api/v1/waitlist", wish)  # the waitlist's {id} routes use this entry and its token
    assert joined.status == 201, joined

    known = {
        ("post", "/api/v1/waitlist"): lambda: client.post("/api/v1/waitlist", wish),
        ("get", "/api/v1/waitlist/{id}"): lambda: client.get(f"/api/v1/waitlist/{joined.json['id']}",
                                                            bearer(joined.json["token"])),
        ("get", "/api/v1/locations"): lambda: client.get("/api/v1/locations"),
        ("get", "/api/v1/services"): lambda: client.get(f"/api/v1/services?location={LOCATION}"),
        ("get", "/api/v1/availability"): lambda: client.get(
            f"/api/v1/availability?location={LOCATION}&service={POOL_SERVICE}"),
        ("post", "/api/v1/bookings"): lambda: client.post("/api/v1/bookings", booking_body(free[1]["start"])),
        ("get", "/api/v1/bookings/{code}"): lambda: client.get(f"/api/v1/bookings/{code}", bearer(token)),
        ("post", "/api/v1/bookings/{code}/reschedule"): lambda: client.post(
            f"/api/v1/bookings/{code}/reschedule", {"start": free[2]["start"]}, bearer(token)),
        ("post", "/api/v1/bookings/{code}/cancel"): lambda: client.post(
            f"/api/v1/bookings/{code}/cancel", None, bearer(token)),
        ("get", "/healthz"): lambda: client.get("/healthz"),
        ("get", "/readyz"): lambda: client.get("/readyz"),
        ("get", "/metrics"): lambda: client.get("/metrics"),
        ("get", "/api/openapi.yaml"): lambda: client.get("/api/openapi.yaml"),
    }
    # cancel last, so reschedule still finds the booking changeable
    order = sorted(documented, key=lambda op: (op == ("post", "/api/v1/bookings/{code}/cancel"), op))
    for method, path in order:
        if (method, path) in known:
            resp = known[(method, path)]()
            assert 200 <= resp.status < 300, (method, path, resp)
            continue
        if path.startswith("/api/v1/waitlist/"):
            concrete = path.replace("{id}", joined.json["id"])
            resp = client.request(method.upper(), concrete, headers=bearer(joined.json["token"]))
            assert resp.status not in (404, 405) and resp.status < 500, (method, path, resp)
            continue
        concrete = re.sub(r"\{[^}]+\}", code, path)
        resp = client.request(method.upper(), concrete, headers=bearer(token))
        assert resp.status not in (404, 405) and resp.status < 500, (method, path, resp)
