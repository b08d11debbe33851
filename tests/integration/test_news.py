# News for citizens, the office's app and feeds (issue #8): only published, unexpired items appear
# at /news, /news.atom and /api/v1/news; the pinned one is a banner on every citizen page; the API
# and the feed answer conditional requests with 304; Markdown never lets raw HTML through.
import datetime as dt
import json
import sqlite3

import feedparser
import pytest

from amt import CLOCK_NOW, psql, wait_until

NOW = int(dt.datetime.fromisoformat(CLOCK_NOW.replace("Z", "+00:00")).timestamp())
DAY = 86400

# (id, publish_at, expires_at, pinned, texts {lang: (title, markdown)})
ITEMS = [
    ("opening-hours", NOW - 3 * DAY, None, 0,
     {"de": ("Neue Öffnungszeiten", "Ab Montag **8 bis 16 Uhr**.\n\n| Tag | Zeit |\n|---|---|\n| Mo | 8–16 |"),
      "tr": ("Yeni çalışma saatleri", "Pazartesiden itibaren 8-16.")}),
    ("not-yet", NOW + 2 * DAY, None, 1, {"de": ("Noch geheim", "Erscheint erst übermorgen.")}),
    ("gone", NOW - 10 * DAY, NOW - DAY, 0, {"de": ("Abgelaufen", "Gilt nicht mehr.")}),
    ("expires-soon", NOW - DAY, NOW + 10, 0, {"de": ("Nur kurz", "Läuft in Sekunden ab.")}),
    ("sneaky", NOW - 2 * DAY, None, 0,
     {"de": ("Vorsicht <b>fett</b>",
             "Text <script>alert('x')</script> und [Link](javascript:alert(1)) und <img src=x onerror=alert(2)>")}),
]


def insert_items(server):
    statements = []
    for news_id, publish, expires, pinned, texts in ITEMS:
        exp = "NULL" if expires is None else str(expires)
        statements.append("INSERT INTO news_items (id, publish_at, expires_at, pinned, updated_at, announced_at)"
                          f" VALUES ('{news_id}', {publish}, {exp}, {pinned}, {publish}, {publish})")
        for lang, (title, md) in texts.items():
            t, m = title.replace("'", "''"), md.replace("'", "''")
            statements.append(f"INSERT INTO news_texts VALUES ('{news_id}', '{lang}', '{t}', '{m}')")
    if server.backend == "postgres":
        psql(server.database_url, "; ".join(statements))
        return
    with sqlite3.connect(server.db_path) as db:
        for s in statements:
            db.execute(s)


@pytest.fixture(scope="module")
def news_server(binary, backend, tmp_path_factory):
    from conftest import fresh_database
    from amt import AmtServer
    srv = AmtServer(binary, tmp_path_factory.mktemp(f"news-{backend}"), database_url=fresh_database(backend))
    srv.prepare()
    insert_items(srv)  # before start: as an admin tool writing the database would
    srv.start()
    yield srv
    assert srv.stop() == 0, srv.log_tail()


def api(client, query="", headers=None):
    resp = client.get("/api/v1/news" + query, headers)
    assert resp.status in (200, 304), resp
    return resp


def test_api_lists_only_published_unexpired_items_pinned_first(news_server):
    items = json.loads(api(news_server.client).body)["items"]
    ids = [i["id"] for i in items]
    assert ids[0] == "terminpflicht" and items[0]["pinned"] is True
    assert set(ids) <= {"terminpflicht", "opening-hours", "sneaky", "expires-soon"}
    assert "not-yet" not in ids and "gone" not in ids
    for item in items:
        for key in ("id", "title", "content_html", "published", "updated", "language", "url"):
            assert item[key], (key, item)


def test_api_gives_the_wished_language_and_falls_back_to_german(news_server):
    items = {i["id"]: i for i in json.loads(api(news_server.client, "?lang=en").body)["items"]}
    assert items["terminpflicht"]["language"] == "en"
    assert items["terminpflicht"]["title"].startswith("Appointments required from")
    assert items["opening-hours"]["language"] == "de" and items["opening-hours"]["title"] == "Neue Öffnungszeiten"
    tr = {i["id"]: i for i in json.loads(api(news_server.client, "?lang=tr").body)["items"]}
    assert tr["opening-hours"]["title"] == "Yeni çalışma saatleri"


def test_api_refuses_an_unknown_language_with_a_problem(news_server):
    resp = news_server.client.get("/api/v1/news?lang=xx")
    assert resp.status == 422 and resp.content_type.startswith("application/problem+json")


def test_api_answers_304_to_if_none_match_and_if_modified_since(news_server):
    c = news_server.client
    first = api(c)
    etag, modified = first.header("etag"), first.header("last-modified")
    assert etag and modified
    again = api(c, headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b"" and again.header("etag") == etag
    assert api(c, headers={"If-Modified-Since": modified}).status == 304
    assert api(c, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}).status == 200
    other_language = api(c, "?lang=en", headers={"If-None-Match": etag})
    assert other_language.status == 200 and other_language.header("etag") != etag


def test_markdown_is_rendered_and_raw_html_never_gets_through(news_server):
    items = {i["id"]: i for i in json.loads(api(news_server.client).body)["items"]}
    assert "<strong>8 bis 16 Uhr</strong>" in items["opening-hours"]["content_html"]
    assert "<table>" in items["opening-hours"]["content_html"]
    html = items["sneaky"]["content_html"]
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    page = news_server.client.get("/news").body.decode()
    assert "<script>alert" not in page and "onerror" not in page and "javascript:" not in page
    assert "Vorsicht &lt;b&gt;fett&lt;/b&gt;" in page  # the title is text, escaped


def test_atom_feed_parses_and_every_entry_has_id_title_updated(news_server):
    resp = news_server.client.get("/news.atom")
    assert resp.status == 200 and resp.content_type.startswith("application/atom+xml")
    feed = feedparser.parse(resp.body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.get("id") and feed.feed.get("title") and feed.feed.get("updated")
    ids = [e.id for e in feed.entries]
    assert any(i.endswith("news/terminpflicht") for i in ids)
    assert not any(i.endswith(("news/not-yet", "news/gone")) for i in ids)
    for entry in feed.entries:
        assert entry.get("id") and entry.get("title") and entry.get("updated"), entry
    assert len(set(ids)) == len(ids)
    again = news_server.client.get("/news.atom", {"If-None-Match": resp.header("etag")})
    assert again.status == 304


def test_news_page_and_pinned_banner_on_every_citizen_page(news_server):
    c = news_server.client
    page = c.get("/news?lang=en")
    assert page.status == 200
    body = page.body.decode()
    assert "Neue Öffnungszeiten" in body and "Noch geheim" not in body and "Abgelaufen" not in body
    for path in ("/", "/manage", "/news"):
        html = c.get(path).body.decode()
        assert 'class="news-banner"' in html, path
        assert 'href="/news#news-terminpflicht"' in html, path
        assert "Noch geheim" not in html  # pinned but not published yet


def test_an_item_disappears_when_its_expiry_passes_and_last_modified_moves(news_server):
    # Runs last in this module: the server's clock started at CLOCK_NOW and runs on.
    c = news_server.client
    before = api(c)
    assert "expires-soon" in [i["id"] for i in json.loads(before.body)["items"]]
    wait_until(lambda: [i["id"] for i in json.loads(api(c).body)["items"]], "the expired item gone", 25,
               holds=lambda items: "expires-soon" not in items, interval=0.5)
    after = api(c, headers={"If-None-Match": before.header("etag")})
    assert after.status == 200
    assert after.header("last-modified") != before.header("last-modified")
    assert "Nur kurz" not in c.get("/news.atom").body.decode()
