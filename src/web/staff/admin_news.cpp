// /staff/admin/news: news items (Neuigkeiten) admins write, schedule, pin, unpublish and delete
// (issue #8 item 4; deleting asks for confirmation on a page of its own). The form keeps what was typed, shows errors next to each field and previews
// the rendered Markdown without saving (a second submit button, so it works without JavaScript).
#include "app/administration_messages.hpp"
#include "app/i18n.hpp"
#include "app/markdown.hpp"
#include "app/contact.hpp"
#include "web/staff/admin.hpp"
#include "web/staff/field_errors.hpp"
#include "web/url.hpp"

namespace amt::web::staff::admin {

namespace {

constexpr std::string_view news_list_path = "/staff/admin/news";

std::string news_item_path(const Id& id) { return "/staff/admin/news-item/" + percent_encode(id); }

std::string local_date_text(Zone z, Instant t) { return format_date(local_date(z, t)); }

std::string local_time_text(Zone z, Instant t) {
  const auto local = to_local(z, t);
  const auto day = std::chrono::floor<date::days>(local);
  return format_time(LocalTime{static_cast<int>(std::chrono::duration_cast<Minutes>(local - day).count())});
}

// A stored item as the form shows it.
http::Fields news_fields(const NewsItem& item, Zone z) {
  http::Fields f;
  for (const NewsText& t : item.texts) {
    f.emplace_back("title_" + t.language, t.title);
    f.emplace_back("markdown_" + t.language, t.markdown);
  }
  f.emplace_back("publication", item.draft ? "draft" : "at");
  f.emplace_back("publish_date", local_date_text(z, item.publish_at));
  f.emplace_back("publish_time", local_time_text(z, item.publish_at));
  if (item.expires_at) {
    f.emplace_back("expires_date", local_date_text(z, *item.expires_at));
    f.emplace_back("expires_time", local_time_text(z, *item.expires_at));
  }
  if (item.pinned) f.emplace_back("pinned", "1");
  return f;
}

// A date and a time typed in the office's zone; a time in the DST gap means the gap's end.
std::optional<Instant> typed_instant(Zone z, const std::string& date, const std::string& time) {
  const auto d = parse_date(date);
  const auto t = parse_time(time.empty() ? "00:00" : time);
  if (!d || !t) return std::nullopt;
  return resolve(z, at(*d, *t)).earliest;
}

// What the admin entered; field errors for dates that are not dates. A published item's publication
// is fixed (the form shows it as text), so its date fields are not read.
app::NewsEdit news_edit_from(const http::Fields& form, Zone z, bool publication_fixed,
                             std::vector<app::FieldError>& errors) {
  app::NewsEdit edit;
  for (std::string_view lang : app::supported_languages) {
    std::string title = http::field(form, "title_" + std::string(lang));
    std::string markdown = http::field(form, "markdown_" + std::string(lang));
    if (app::trim(title).empty() && app::trim(markdown).empty()) continue;
    edit.texts.push_back({std::string(lang), app::trim(title), markdown});
  }
  const std::string publication = http::field(form, "publication");
  edit.draft = publication == "draft";
  if (publication == "at" && !publication_fixed) {
    edit.publish_at = typed_instant(z, http::field(form, "publish_date"), http::field(form, "publish_time"));
    if (!edit.publish_at) errors.push_back({"publish_date", "invalid_date", "Give a date like 2027-03-15."});
  }
  const std::string expires_date = http::field(form, "expires_date");
  if (!expires_date.empty()) {
    edit.expires_at = typed_instant(z, expires_date, http::field(form, "expires_time"));
    if (!edit.expires_at) errors.push_back({"expires_date", "invalid_date", "Give a date like 2027-03-15."});
  }
  edit.pinned = http::field(form, "pinned") == "1";
  return edit;
}

// The optional languages' fields, each with its errors.
List language_blocks(const http::Fields& values, const std::map<std::string, std::string>& errors) {
  List list;
  for (std::string_view lang : app::supported_languages) {
    if (lang == "de") continue;
    const std::string code(lang);
    Data item;
    item.set("code", code);
    item.set("name", std::string(app::native_language_name(lang)));
    item.set("title", http::field(values, "title_" + code));
    item.set("markdown", http::field(values, "markdown_" + code));
    if (auto e = errors.find("title_" + code); e != errors.end()) item.set("title_error", e->second);
    if (auto e = errors.find("markdown_" + code); e != errors.end()) item.set("markdown_error", e->second);
    list.push_back(item);
  }
  return list;
}

struct NewsFormState {
  const app::NewsListing* existing = nullptr;
  std::vector<app::FieldError> errors;
  bool preview = false;
  bool saved = false;
};

http::Response news_form(StaffContext& c, const StaffRequest& r, const http::Fields& values, const NewsFormState& s,
                         int status) {
  Data data;
  std::vector<ShownError> shown;
  std::map<std::string, std::string> by_field;
  for (const app::FieldError& e : s.errors) {
    shown.push_back({e.field, app::admin::field_message(r.page.lang(), e)});
    by_field.emplace(e.field, shown.back().message);
  }
  show_field_errors(data, shown);
  for (const char* f : {"title_de", "markdown_de", "publish_date", "publish_time", "expires_date", "expires_time"})
    data.set(f, http::field(values, f));
  const bool published = s.existing && s.existing->state != NewsState::draft && s.existing->state != NewsState::scheduled;
  const std::string publication = http::field(values, "publication");
  data.set("publication_now", publication.empty() || publication == "now");
  data.set("publication_at", publication == "at");
  data.set("publication_draft", publication == "draft");
  data.set("pinned", http::field(values, "pinned") == "1");
  data.set("languages", language_blocks(values, by_field));
  data.set("editing", s.existing != nullptr);
  data.set("published", published);
  data.set("saved", s.saved);
  if (published) {
    data.set("published_at", local_date_text(c.zone, s.existing->item.publish_at) + " " +
                                 local_time_text(c.zone, s.existing->item.publish_at));
    data.set("can_unpublish", s.existing->state == NewsState::published);
  }
  if (s.existing) {
    data.set("state", r.page.t(to_string(s.existing->state)));
    data.set("unpublish_action", news_item_path(s.existing->item.id) + "/unpublish");
  }
  data.set("action", s.existing ? news_item_path(s.existing->item.id) : std::string(news_list_path));
  if (s.existing) data.set("delete_href", news_item_path(s.existing->item.id) + "/delete");
  if (s.preview) {
    data.set("preview", true);
    data.set("preview_title", app::trim(http::field(values, "title_de")));
    // Rendered by cmark-gfm without raw HTML: the one kind of HTML {{{preview_html}}} takes.
    data.set("preview_html", app::markdown_to_html(http::field(values, "markdown_de")));
  }
  const auto title = s.existing ? r.page.t("Change news item") : r.page.t("Write a news item");
  return r.page.render(status, "admin_news_item", title, std::move(data));
}

// "sent 2027-03-08 08:00", "waiting (attempt 2: HTTP 503)", "failed: HTTP 401": one social post.
std::string delivery_text(const StaffContext& c, const StaffPage& page, const app::SocialDelivery& d) {
  const std::string target = d.target == "mastodon" ? "Mastodon" : "Webhook";
  switch (d.status) {
    case store::OutboxStatus::sent:
      return target + ": " + page.t("sent") + " " + (d.sent_at ? local_date_text(c.zone, *d.sent_at) + " " +
                                                                     local_time_text(c.zone, *d.sent_at)
                                                               : std::string());
    case store::OutboxStatus::failed: return target + ": " + page.t("failed") + " (" + d.last_error + ")";
    case store::OutboxStatus::pending: break;
  }
  std::string text = target + ": " + page.t("waiting");
  if (!d.last_error.empty()) text += " (" + std::to_string(d.attempts) + " × " + d.last_error + ")";
  return text;
}

// One item as the list and the delete confirmation show it.
Data news_summary(const StaffContext& c, const StaffPage& page, const app::NewsListing& l) {
  const NewsText* text = text_for(l.item, "de");
  Data item;
  item.set("title", text ? text->title : l.item.id);
  item.set("href", news_item_path(l.item.id));
  item.set("state", page.t(to_string(l.state)));
  item.set("state_code", std::string(to_string(l.state)));
  item.set("publish", l.state == NewsState::draft ? std::string("–")
                                                  : local_date_text(c.zone, l.item.publish_at) + " " +
                                                        local_time_text(c.zone, l.item.publish_at));
  item.set("expires", l.item.expires_at ? local_date_text(c.zone, *l.item.expires_at) + " " +
                                              local_time_text(c.zone, *l.item.expires_at)
                                        : std::string("–"));
  item.set("pinned", l.item.pinned);
  List social;
  bool posted = false;
  bool waiting = false;
  for (const app::SocialDelivery& d : l.social) {
    Data line;
    line.set("text", delivery_text(c, page, d));
    social.push_back(line);
    posted = posted || d.status == store::OutboxStatus::sent;
    waiting = waiting || d.status == store::OutboxStatus::pending;
  }
  item.set("social", social);
  item.set("has_social", !social.empty());
  item.set("posted", posted);
  item.set("post_waiting", waiting);
  return item;
}

http::Response news_list(StaffContext& c, const StaffRequest& r) {
  List items;
  for (const app::NewsListing& l : c.news_desk->list()) items.push_back(news_summary(c, r.page, l));
  Data data;
  data.set("items", items);
  data.set("has_items", !items.empty());
  data.set("deleted", r.http.query_param("deleted").has_value());
  return r.page.render(200, "admin_news", r.page.t("News"), std::move(data));
}

http::Response new_news_form(StaffContext& c, const StaffRequest& r) {
  return news_form(c, r, {{"publication", "now"}}, {}, 200);
}

// Save, or with "preview" show the rendered German text and save nothing.
http::Response save_news(StaffContext& c, const StaffRequest& r, const app::NewsListing* existing) {
  NewsFormState state;
  state.existing = existing;
  const bool fixed = existing && was_published(existing->item, c.clock.now());
  const app::NewsEdit edit = news_edit_from(r.form, c.zone, fixed, state.errors);
  if (http::field(r.form, "preview") == "1") {
    state.preview = true;
    state.errors.clear();
    return news_form(c, r, r.form, state, 200);
  }
  if (!state.errors.empty()) {  // dates that are not dates: name the other wrong fields too
    const Instant publish_at = edit.publish_at.value_or(c.clock.now());
    for (app::FieldError& e : app::check_news_edit(edit, publish_at)) state.errors.push_back(std::move(e));
    return news_form(c, r, r.form, state, 422);
  }
  const app::AdminActor by = actor(r);
  const auto result = existing ? c.news_desk->change(by, existing->item.id, edit) : c.news_desk->create(by, edit);
  if (result) return r.page.redirect(news_item_path(*result) + "?saved=1");
  if (result.error().kind == app::ErrorKind::not_found) return r.page.message(404, "Not found", "This record does not exist.");
  state.errors = result.error().fields;
  return news_form(c, r, r.form, state, 422);
}

http::Response news_item_page(StaffContext& c, const StaffRequest& r) {
  const auto listing = c.news_desk->find(std::string(r.http.param("id")));
  if (!listing) return r.page.message(404, "Not found", "This record does not exist.");
  NewsFormState state;
  state.existing = &*listing;
  state.saved = r.http.query_param("saved").has_value();
  return news_form(c, r, news_fields(listing->item, c.zone), state, 200);
}

http::Response change_news(StaffContext& c, const StaffRequest& r) {
  const auto listing = c.news_desk->find(std::string(r.http.param("id")));
  if (!listing) return r.page.message(404, "Not found", "This record does not exist.");
  return save_news(c, r, &*listing);
}

http::Response unpublish_news(StaffContext& c, const StaffRequest& r) {
  const Id id(r.http.param("id"));
  const auto result = c.news_desk->unpublish(actor(r), id);
  if (result) return r.page.redirect(news_item_path(id) + "?saved=1");
  if (result.error().kind == app::ErrorKind::not_found) return r.page.message(404, "Not found", "This record does not exist.");
  return r.page.message(409, "Not published", "Only a published news item can be unpublished.");
}

// Deleting asks first: the item with what it is now and where it went, then "Delete" or "Keep".
http::Response confirm_delete_news(StaffContext& c, const StaffRequest& r) {
  const auto listing = c.news_desk->find(std::string(r.http.param("id")));
  if (!listing) return r.page.message(404, "Not found", "This record does not exist.");
  Data data = news_summary(c, r.page, *listing);
  data.set("shown", listing->state == NewsState::published);
  data.set("delete_action", news_item_path(listing->item.id) + "/delete");
  return r.page.render(200, "admin_news_delete", r.page.t("Delete this news item?"), std::move(data));
}

http::Response delete_news(StaffContext& c, const StaffRequest& r) {
  const auto result = c.news_desk->remove(actor(r), Id(r.http.param("id")));
  if (!result) return r.page.message(404, "Not found", "This record does not exist.");
  return r.page.redirect(std::string(news_list_path) + "?deleted=1");
}

}  // namespace

void add_news_pages(StaffRoutes& routes) {
  StaffContext& c = routes.context();
  const auto handler = [&c](http::Response (*f)(StaffContext&, const StaffRequest&)) {
    return [&c, f](const StaffRequest& r) { return f(c, r); };
  };
  routes.get("/staff/admin/news", Permission::administer, handler(news_list));
  routes.get("/staff/admin/news/new", Permission::administer, handler(new_news_form));
  routes.post("/staff/admin/news", Permission::administer,
              [&c](const StaffRequest& r) { return save_news(c, r, nullptr); });
  routes.get("/staff/admin/news-item/{id}", Permission::administer, handler(news_item_page));
  routes.post("/staff/admin/news-item/{id}", Permission::administer, handler(change_news));
  routes.post("/staff/admin/news-item/{id}/unpublish", Permission::administer, handler(unpublish_news));
  routes.get("/staff/admin/news-item/{id}/delete", Permission::administer, handler(confirm_delete_news));
  routes.post("/staff/admin/news-item/{id}/delete", Permission::administer, handler(delete_news));
  routes.link({"/staff/admin/news", "News", "Write, schedule and pin news for citizens and the social channels.",
               Permission::administer});
}

}  // namespace amt::web::staff::admin
