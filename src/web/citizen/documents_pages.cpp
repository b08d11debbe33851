// A booking's documents and calendar file: the upload form on the booking page (a plain
// multipart form, so it works without JavaScript), POST /manage/{code}/documents, and
// GET /manage/{code}/calendar.ics. Both need the manage token, like every manage step.
#include <algorithm>

#include "app/appointment_ics.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "web/citizen/manage.hpp"

namespace amt::web::citizen {

namespace {

std::string size_text(std::int64_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string(std::max<std::int64_t>(1, bytes / 1024)) + " KB";
  return std::to_string(bytes / (1024 * 1024)) + "." + std::to_string(bytes % (1024 * 1024) * 10 / (1024 * 1024)) +
         " MB";
}

std::string too_large_message(const Page& page, std::int64_t max_mb) {
  return with_number(page.t("This file is too large. Files can have at most {n} MB."), max_mb);
}

// The translated reason a file was refused (the single mapping of upload errors to messages).
std::string upload_message(const Page& page, const app::Error& e, std::int64_t max_mb) {
  for (const auto& f : e.fields) {
    if (f.code == "too_many") return page.t("You have uploaded the most files allowed for this appointment.");
    if (f.code == "too_large") return too_large_message(page, max_mb);
    if (f.code == "empty") return page.t("This file is empty. Please choose another file.");
    if (f.code == "unsupported_type")
      return page.t("This file is not a PDF, JPEG or PNG file. Please choose a PDF, a photo (JPEG) or a PNG "
                    "image.");
    if (f.field == "document") return page.t("Please choose a document from the list.");
  }
  return page.t("The file could not be received. Please try again.");
}

http::Response calendar_file(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto snapshot = c.catalogs.current();
  auto found = find_booking(c, page, request.param("code"), request.query_param("token").value_or(""), *snapshot);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  const Appointment& a = std::get<Found>(found).appointment;
  const Location* location = snapshot->catalog.location(a.location_id);
  if (!location) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  // The same UID and content as the mail's attachment, so a calendar keeps one entry.
  auto response = http::Response::text(
      200, app::appointment_ics(a, *location, *std::get<Found>(found).service, app::host_of(c.bookings.public_url()),
                                c.bookings.now()),
      "text/calendar; charset=utf-8");
  response.set("Content-Disposition", "attachment; filename=\"termin-" + a.code + ".ics\"");
  response.set("Cache-Control", "no-store");  // the link carries the manage token
  return response;
}

http::Response post_upload(CitizenContext& c, const http::Request& request) {
  const auto form = http::parse_multipart(request.header("content-type"), request.body);
  const Page page(c.site, request, form ? &form->fields : nullptr);
  if (!form)
    return page.message(400, "Please try again", "This form has expired. Please go back and send it again.");
  if (!page.csrf_ok())
    return page.message(403, "Please try again", "This form has expired. Please go back and send it again.");
  std::string token = http::field(form->fields, "token");
  if (token.empty()) token = request.query_param("token").value_or("");
  const auto snapshot = c.catalogs.current();
  auto found = find_booking(c, page, request.param("code"), token, *snapshot);
  if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
  const Found& booking = std::get<Found>(found);
  BookingNotes notes;
  notes.chosen_document = http::field(form->fields, "document");
  const auto file = std::find_if(form->files.begin(), form->files.end(), [](const auto& f) { return f.field == "file"; });
  if (!c.documents) return page.message(404, "Page not found", "This page does not exist. Please start again.");
  if (file == form->files.end() || (file->file_name.empty() && file->data.empty())) {
    notes.file_error = page.t("Please choose a file.");
    return booking_view(c, page, *snapshot, booking, token, notes);
  }
  auto stored = c.documents->upload(booking.appointment.code, token, file->data, file->file_name, notes.chosen_document);
  if (stored) return page.redirect(with_token(manage_path(booking.appointment.code), token, {{"uploaded", "1"}}) + "#documents");
  if (stored.error().kind == app::ErrorKind::not_changeable)
    return page.message(409, "This appointment cannot be changed", "It has already begun or was cancelled.");
  notes.file_error =
      upload_message(page, stored.error(), static_cast<std::int64_t>(c.documents->max_bytes() / (1024 * 1024)));
  return booking_view(c, page, *snapshot, booking, token, notes);
}

// GET of the upload address: a language link on a re-shown upload form, or the server sending a
// browser back after a file far over the limit (too_large, see too_large_upload_redirect). Back to
// the booking; for the latter with the message next to the file field.
http::Response back_to_booking(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const std::string token = request.query_param("token").value_or("");
  if (c.documents && request.query_param("too_large")) {
    const auto snapshot = c.catalogs.current();
    auto found = find_booking(c, page, request.param("code"), token, *snapshot);
    if (auto* response = std::get_if<http::Response>(&found)) return std::move(*response);
    BookingNotes notes;
    const auto max_mb = static_cast<std::int64_t>(c.documents->max_bytes() / (1024 * 1024));
    notes.file_error = too_large_message(page, max_mb);
    return booking_view(c, page, *snapshot, std::get<Found>(found), token, notes);
  }
  return page.redirect(with_token(manage_path(request.param("code")), token) + "#documents");
}

}  // namespace

Data documents_data(CitizenContext& c, const Page& page, const Found& found, const std::string& token,
                    const BookingNotes& notes) {
  if (!c.documents || found.appointment.status != AppointmentStatus::booked) return Data(false);
  auto listed = c.documents->list(found.appointment.code, token);
  if (!listed) return Data(false);
  Data data;
  List received;
  for (const auto& d : listed->received) {
    Data item;
    item.set("file_name", d.file_name);
    if (!d.document.empty()) item.set("document", page.data_text(d.document));  // "" would count as set
    item.set("size", size_text(d.size_bytes));
    received.push_back(item);
  }
  data.set("received", Data{received});
  data.set("has_received", !received.empty());
  List missing;
  for (const auto& m : listed->missing) missing.push_back(Data("name", page.data_text(m)));
  data.set("missing", Data{missing});
  List states;
  for (const auto& d : listed->states.required) {
    std::string text = page.t(app::status_msgid(d.status));
    if (d.review && outstanding(d.status) && d.status != DocumentStatus::not_received) {
      if (const auto reason = app::reason_msgid(d.review->reason); !reason.empty()) text += " (" + page.t(reason) + ")";
      if (!d.review->comment.empty()) text += " – " + d.review->comment;
    }
    Data item;
    item.set("name", page.data_text(d.name));
    item.set("state", text);
    item.set("state_class", std::string(to_string(d.status)));
    item.set("outstanding", outstanding(d.status));
    states.push_back(item);
  }
  data.set("states", Data{states});
  data.set("has_states", !states.empty());
  data.set("has_missing", !missing.empty());
  List choices;
  for (const auto& d : found.service->documents) {
    Data choice;
    choice.set("value", d);
    choice.set("label", page.data_text(d));
    choice.set("selected", d == notes.chosen_document);
    choices.push_back(choice);
  }
  data.set("choices", Data{choices});
  data.set("uploaded", notes.uploaded);
  // The token rides in the action too: the language links of a re-shown form then lead back here.
  data.set("action", with_token(manage_path(found.appointment.code, "documents"), token));
  data.set("token", token);
  const auto max_mb = static_cast<std::int64_t>(c.documents->max_bytes() / (1024 * 1024));
  data.set("file_hint", with_number(page.t("PDF, JPEG or PNG, at most {n} MB"), max_mb));
  data.set("max_bytes", std::to_string(c.documents->max_bytes()));  // app.js checks before sending
  data.set("too_large", too_large_message(page, max_mb));
  if (!notes.file_error.empty()) data.set("file_error", notes.file_error);
  return data;
}

}  // namespace amt::web::citizen

namespace amt::web {

std::optional<std::string> too_large_upload_redirect(std::string_view method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  if (method != "POST" || !path.starts_with("/manage/") || !path.ends_with("/documents")) return std::nullopt;
  // The same address, read with GET: what the citizen typed into the form is lost with the body,
  // but the token and the language in the query stay.
  return std::string(target) + (path.size() == target.size() ? "?" : "&") + "too_large=1";
}

void add_document_pages(http::Router& router, CitizenContext& c) {
  using namespace citizen;
  router.get("/manage/{code}/calendar.ics", [&c](const http::Request& r) { return calendar_file(c, r); });
  router.post("/manage/{code}/documents", [&c](const http::Request& r) { return post_upload(c, r); });
  router.get("/manage/{code}/documents", [&c](const http::Request& r) { return back_to_booking(c, r); });
}

}  // namespace amt::web
