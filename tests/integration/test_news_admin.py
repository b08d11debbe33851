# News written by admins (issue #8 item 4), on both engines: an admin writes an item through the
# staff pages and it shows at once on /news, the banner, /news.atom and /api/v1/news (whose ETag
# changes with every edit); publishing posts one status to a recording Mastodon endpoint (and one
# webhook call) with the bearer token; edits do not post again; a scheduled item posts only when
# its time comes; an endpoint that is down gets the post once it is back; other roles get 403;
# raw HTML in titles and Markdown is shown as text or dropped, never run.
import json
import re
import secrets
import time

import feedparser
import pytest

from amt import free_port, wait_until
from social_recorder import STATUSES, WEBHOOK, SocialRecorder, social_env
from staff_client import create_staff, signed_in

TOKEN_VARIABLE = "AMT_TEST_MASTODON_TOKEN"
SECRET_VARIABLE = "AMT_TEST_WEBHOOK_SECRET"
TOKEN = "masto-" + secrets.token_hex(12)
WEBHOOK_SECRET = "hook-" + secrets.token_hex(12)
ITEM_PATH = re.compile(r"^/staff/admin/news-item/([a-z0-9-]+)\?saved=1$")


def item_form(title="Neue Öffnungszeiten", markdown="Ab Montag **8 bis 16 Uhr**.", **fields):
    form = {"title_de": title, "markdown_de": markdown, "publication": "now"}
    form.update(fields)
    return form


def publish(admin, **fields):
    """Writes an item through the admin form; returns its id."""
    resp = admin.post("/staff/admin/news", item_form(**fields))
    assert resp.status == 303, resp
    match = ITEM_PATH.match(resp.header("location"))
    assert match, resp.header("location")
    return match.group(1)


def news_api(client, headers=None):
    resp = client.get("/api/v1/news", headers)
    assert resp.status in (200, 304), resp
    return resp


def api_ids(client):
    return [i["id"] for i in json.loads(news_api(client).body)["items"]]


def social_rows(server):
    with server.connect_db() as db:
        return db.execute("SELECT kind, status, attempts, dedupe_key FROM outbox WHERE channel = 'webhook'"
                          " ORDER BY created_at").fetchall()


def wait_for_rows(server, predicate, what, timeout=20):
    return wait_until(lambda: social_rows(server), what, timeout, holds=predicate)


@pytest.fixture(scope="module")
def recorder(backend):  # one per engine: the module runs once for each
    rec = SocialRecorder(free_port()).start()
    yield rec
    rec.stop()


@pytest.fixture(scope="module")
def social_server(binary, backend, tmp_path_factory, recorder):
    from amt import AmtServer, fresh_database
    env = social_env(recorder.port, TOKEN_VARIABLE, webhook=True, secret_variable=SECRET_VARIABLE)
    env[TOKEN_VARIABLE] = TOKEN
    env[SECRET_VARIABLE] = WEBHOOK_SECRET
    srv = AmtServer(binary, tmp_path_factory.mktemp(f"news-admin-{backend}"), env,
                    fresh_database(backend)).prepare().start()
    create_staff(srv, "ada.admin", "admin")
    create_staff(srv, "tom.lead", "team_lead,agent,reception,caseworker")
    yield srv
    assert srv.stop() == 0, srv.log_tail()


@pytest.fixture(scope="module")
def admin(social_server):
    return signed_in(social_server.client, "ada.admin")


def test_an_item_written_by_an_admin_shows_everywhere_at_once_and_posts_once(social_server, admin, recorder):
    client = social_server.client
    before = news_api(client)
    old_etag = before.header("etag")
    news_id = publish(admin, pinned="1", title_en="New opening hours", markdown_en="From Monday **8 to 4**.")
    assert news_id == "neue-oeffnungszeiten"

    changed = news_api(client, {"If-None-Match": old_etag})
    assert changed.status == 200 and changed.header("etag") != old_etag
    items = {i["id"]: i for i in json.loads(changed.body)["items"]}
    assert items[news_id]["pinned"] and "<strong>8 bis 16 Uhr</strong>" in items[news_id]["content_html"]
    assert news_api(client, {"If-None-Match": changed.header("etag")}).status == 304
    english = {i["id"]: i for i in json.loads(client.get("/api/v1/news?lang=en").body)["items"]}
    assert english[news_id]["title"] == "New opening hours"

    assert "Neue Öffnungszeiten" in client.get("/news").text
    banner = client.get("/").text
    assert 'class="news-banner"' in banner and f'href="/news#news-{news_id}"' in banner

    feed = feedparser.parse(client.get("/news.atom").body)
    assert not feed.bozo, feed.bozo_exception
    assert any(e.id.endswith(f"news/{news_id}") for e in feed.entries)
    for entry in feed.entries:
        assert entry.get("id") and entry.get("title") and entry.get("updated"), entry

    recorder.wait_for(lambda got: len(recorder.posted()) >= 1 and len(recorder.posted(WEBHOOK)) >= 1,
                      what="the toot and the webhook call")
    [toot] = [r for r in recorder.all(STATUSES)]
    assert toot["headers"]["authorization"] == f"Bearer {TOKEN}"
    assert toot["headers"]["idempotency-key"] == f"news:{news_id}:mastodon"
    assert toot["fields"]["status"] == f"Neue Öffnungszeiten\n\nhttps://termine.example.org/news#news-{news_id}"
    [hook] = recorder.all(WEBHOOK)
    assert hook["headers"]["x-amtstermin-secret"] == WEBHOOK_SECRET and "authorization" not in hook["headers"]
    assert hook["fields"]["id"] == news_id and hook["fields"]["title"] == "Neue Öffnungszeiten"
    assert hook["fields"]["url"] == f"https://termine.example.org/news#news-{news_id}" and hook["fields"]["published"]

    wait_for_rows(social_server, lambda rows: len(rows) == 2 and all(r[1] == "sent" for r in rows), "both sent")
    listing = admin.get("/staff/admin/news").text
    assert "Neue Öffnungszeiten" in listing and 'data-state="published"' in listing
    assert "Mastodon: zugestellt" in listing and "Webhook: zugestellt" in listing


def test_editing_a_published_item_changes_the_etag_at_once_and_does_not_post_again(social_server, admin, recorder):
    client = social_server.client
    news_id = "neue-oeffnungszeiten"
    etag = news_api(client).header("etag")
    form = item_form(title="Neue Öffnungszeiten ab Montag", pinned="1", publication="at")
    resp = admin.post(f"/staff/admin/news-item/{news_id}", form)
    assert resp.status == 303, resp
    after = news_api(client, {"If-None-Match": etag})
    assert after.status == 200 and after.header("etag") != etag
    assert "Neue Öffnungszeiten ab Montag" in after.text
    assert "Neue Öffnungszeiten ab Montag" in client.get("/news.atom").text
    time.sleep(3)  # several announcement checks and worker polls
    assert len(recorder.all(STATUSES)) == 1 and len(recorder.all(WEBHOOK)) == 1
    with social_server.connect_db() as db:
        actions = [r[0] for r in db.execute(f"SELECT action FROM audit_log WHERE subject_id = '{news_id}'"
                                            " ORDER BY id").fetchall()]
    assert actions == ["news.create", "news.change"]


def test_wrong_fields_are_named_next_to_the_field_and_everything_typed_is_kept(social_server, admin):
    resp = admin.post("/staff/admin/news", item_form(title="", markdown="Text *bleibt*", title_en="Only a title",
                                                     publication="at", publish_date="2027-02-30",
                                                     expires_date="morgen"))
    assert resp.status == 422, resp
    body = resp.text
    assert 'id="title_de-error"' in body and "Bitte füllen Sie dieses Feld aus." in body
    assert 'id="markdown_en-error"' in body and 'value="Only a title"' in body
    assert 'id="publish_date-error"' in body and 'id="expires_date-error"' in body
    assert "Text *bleibt*" in body and 'value="2027-02-30"' in body
    backwards = admin.post("/staff/admin/news", item_form(publication="at", publish_date="2027-03-10",
                                                          publish_time="09:00", expires_date="2027-03-09"))
    assert backwards.status == 422 and 'id="expires_date-error"' in backwards.text
    assert "Der Ablauf muss nach der Veröffentlichung liegen." in backwards.text
    assert "Neue Öffnungszeiten" not in admin.get("/staff/admin/news").text.replace(
        "Neue Öffnungszeiten ab Montag", "")  # nothing new was saved


def test_preview_renders_markdown_without_raw_html_and_saves_nothing(social_server, admin):
    evil = "Hallo **Welt** <script>alert('x')</script> [klick](javascript:alert(1)) <img src=x onerror=alert(2)>"
    resp = admin.post("/staff/admin/news", item_form(title="Vorschau <b>fett</b>", markdown=evil, preview="1"))
    assert resp.status == 200, resp
    preview = resp.text[resp.text.index('id="preview"'):resp.text.index('id="main-form"')]
    assert "<strong>Welt</strong>" in preview
    assert "<script" not in preview and "onerror" not in preview and "javascript:" not in preview
    assert "Vorschau &lt;b&gt;fett&lt;/b&gt;" in preview
    assert "&lt;script&gt;alert" in resp.text  # the typed text is kept, as text
    with social_server.connect_db() as db:
        assert db.execute("SELECT COUNT(*) FROM news_texts WHERE title LIKE 'Vorschau%'").fetchone()[0] == 0
    news_id = publish(admin, title="Sicher <b>fett</b>", markdown=evil)
    item = {i["id"]: i for i in json.loads(social_server.client.get("/api/v1/news").body)["items"]}[news_id]
    assert item["title"] == "Sicher <b>fett</b>"  # text, which every page escapes
    assert "<script" not in item["content_html"] and "onerror" not in item["content_html"]
    page = social_server.client.get("/news").text
    assert "Sicher &lt;b&gt;fett&lt;/b&gt;" in page and "<script>alert" not in page


def test_unpublishing_and_deleting_take_an_item_off_every_page_and_move_the_validators(social_server, admin):
    client = social_server.client
    news_id = publish(admin, title="Kurzfristige Schließung", markdown="Heute geschlossen.")
    assert news_id in api_ids(client)
    etag = news_api(client).header("etag")
    assert admin.post(f"/staff/admin/news-item/{news_id}/unpublish").status == 303
    assert news_id not in api_ids(client)
    assert news_api(client, {"If-None-Match": etag}).status == 200
    assert 'data-state="expired"' in admin.get("/staff/admin/news").text
    assert admin.post(f"/staff/admin/news-item/{news_id}/unpublish").status == 409  # not published any more

    other = publish(admin, title="Wird gelöscht", markdown="Gleich weg.")
    etag = news_api(client).header("etag")
    modified = news_api(client).header("last-modified")
    assert admin.post(f"/staff/admin/news-item/{other}/delete").status == 303
    assert other not in api_ids(client) and "Wird gelöscht" not in client.get("/news.atom").text
    assert news_api(client, {"If-None-Match": etag}).status == 200
    assert news_api(client, {"If-Modified-Since": modified}).status in (200, 304)
    assert admin.get(f"/staff/admin/news-item/{other}").status == 404
    assert "Wird gelöscht" not in admin.get("/staff/admin/news").text
    assert admin.post(f"/staff/admin/news-item/{other}/delete").status == 404


def test_deleting_asks_first_with_the_item_shown_and_only_the_confirmed_post_deletes(social_server, admin):
    client = social_server.client
    news_id = publish(admin, title="Erst fragen, dann löschen", markdown="Bestätigung nötig.")
    delete_path = f"/staff/admin/news-item/{news_id}/delete"
    item_page = admin.get(f"/staff/admin/news-item/{news_id}").text
    assert f'href="{delete_path}" id="delete"' in item_page, "the item page links to the question"
    assert f'action="{delete_path}"' not in item_page, "and has no form that deletes at once"

    question = admin.get(delete_path)
    assert question.status == 200
    assert "Diese Neuigkeit löschen?" in question.text and "Erst fragen, dann löschen" in question.text
    assert 'data-state="published"' in question.text and "sofort von /news" in question.text
    assert f'<form method="post" action="{delete_path}"' in question.text
    assert f'href="/staff/admin/news-item/{news_id}" id="keep"' in question.text
    english = admin.get(delete_path + "?lang=en").text
    assert "Delete this news item?" in english and ">Keep<" in english and ">Delete<" in english
    assert news_id in api_ids(client), "asking deletes nothing"

    assert admin.post(delete_path, {"csrf": "0" * 64}).status == 403, "a forged form deletes nothing"
    assert news_id in api_ids(client)
    assert admin.post(delete_path).status == 303
    assert news_id not in api_ids(client)
    assert admin.get(delete_path).status == 404
    with social_server.connect_db() as db:
        actions = [r[0] for r in db.execute(f"SELECT action FROM audit_log WHERE subject_id = '{news_id}'"
                                            " ORDER BY id").fetchall()]
    assert actions == ["news.create", "news.delete"]


def test_a_draft_is_shown_nowhere_and_posts_nothing(social_server, admin, recorder):
    news_id = publish(admin, title="Entwurf Sommerpause", markdown="Noch nicht.", publication="draft")
    assert news_id not in api_ids(social_server.client)
    assert 'data-state="draft"' in admin.get("/staff/admin/news").text
    time.sleep(3)  # several announcement checks
    assert not [r for r in recorder.all() if news_id in r["headers"]["idempotency-key"]]
    assert not [r for r in social_rows(social_server) if news_id in r[3]]


def test_other_roles_get_403_on_every_news_admin_page(social_server):
    lead = signed_in(social_server.client, "tom.lead")
    for path in ("/staff/admin/news", "/staff/admin/news/new", "/staff/admin/news-item/neue-oeffnungszeiten",
                 "/staff/admin/news-item/neue-oeffnungszeiten/delete"):
        assert lead.get(path).status == 403, path
    assert lead.post("/staff/admin/news", item_form(title="Nicht erlaubt")).status == 403
    assert lead.post("/staff/admin/news-item/neue-oeffnungszeiten/delete").status == 403
    assert "Nicht erlaubt" not in social_server.client.get("/news").text


# --- servers of their own: the clock and the endpoint's state matter --------------------------

def own_server(make_server, recorder, clock_now=None):
    env = social_env(recorder.port, TOKEN_VARIABLE)
    env[TOKEN_VARIABLE] = TOKEN
    if clock_now:
        env["AMTSTERMIN_CLOCK_NOW"] = clock_now
    server = make_server(env).prepare().start()
    create_staff(server, "ada.admin", "admin")
    return server, signed_in(server.client, "ada.admin")


def test_a_scheduled_item_appears_and_posts_only_when_its_time_comes(make_server):
    recorder = SocialRecorder(free_port()).start()
    try:
        # 08:00:45 in Mainz; the item is due at 08:01, 15 seconds later on the server's running clock.
        server, admin = own_server(make_server, recorder, clock_now="2027-03-08T07:00:45Z")
        news_id = publish(admin, title="Ab 8:01 Uhr", markdown="Geplant.", publication="at",
                          publish_date="2027-03-08", publish_time="08:01")
        assert 'data-state="scheduled"' in admin.get("/staff/admin/news").text
        assert news_id not in api_ids(server.client)
        time.sleep(3)
        assert recorder.all() == [], "posted before its time"
        recorder.wait_for(lambda got: len(got) >= 1, timeout=40, what="the post at the publish time")
        assert news_id in api_ids(server.client)
        time.sleep(2)
        assert len(recorder.all()) == 1
        assert recorder.all()[0]["fields"]["status"].startswith("Ab 8:01 Uhr\n\n")
    finally:
        recorder.stop()


def test_an_endpoint_that_is_down_gets_the_post_once_it_is_back(make_server):
    recorder = SocialRecorder(free_port())  # not listening yet: the endpoint is down
    try:
        server, admin = own_server(make_server, recorder)
        news_id = publish(admin, title="Während der Störung", markdown="Trotzdem.")
        [row] = wait_for_rows(server, lambda rows: rows and rows[0][2] >= 2, "two failed attempts", timeout=30)
        assert row[0] == "news_mastodon" and row[1] == "pending" and row[2] >= 2, row
        assert "Mastodon: wartet" in admin.get("/staff/admin/news").text
        recorder.start()
        recorder.wait_for(lambda got: len(got) >= 1, timeout=30, what="the post after the outage")
        time.sleep(3)
        assert len(recorder.posted()) == 1 and len(recorder.all()) == 1
        assert recorder.all()[0]["headers"]["idempotency-key"] == f"news:{news_id}:mastodon"
        wait_for_rows(server, lambda rows: rows[0][1] == "sent", "the post marked sent")
        log = b"".join(p.read_bytes() for p in sorted(server.workdir.glob("serve-*.log"))).decode(errors="replace")
        assert TOKEN not in log
    finally:
        recorder.stop()
