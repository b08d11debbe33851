// What the manage pages (manage_pages.cpp) and the booking's documents and calendar file
// (documents_pages.cpp) share: links that carry the manage token, the lookup of code + token, and
// the page that shows one booking.
#pragma once

#include <string>
#include <variant>

#include "web/citizen/common.hpp"

namespace amt::web::citizen {

std::string manage_path(std::string_view code, std::string_view step = {});
std::string with_token(std::string path, const std::string& token, http::Fields more = {});

struct Found {
  Appointment appointment;
  const Service* service = nullptr;
};
// The booking behind code + token, or the page that says it was not found.
std::variant<Found, http::Response> find_booking(CitizenContext& c, const Page& page, std::string_view code,
                                                 const std::string& token, const CatalogSnapshot& snapshot);

// What the booking page says besides the booking itself.
struct BookingNotes {
  bool booked = false;    // just booked: the confirmation
  bool moved = false;
  bool uploaded = false;  // a document was just received
  std::string file_error;       // a rejected upload: the message next to the file field
  std::string chosen_document;  // ...and the document the citizen had chosen, kept
};
http::Response booking_view(CitizenContext& c, const Page& page, const CatalogSnapshot& snapshot,
                            const Found& found, const std::string& token, const BookingNotes& notes);

// The documents part of the booking page: received, still missing, the upload form. Empty when the
// server takes no uploads.
Data documents_data(CitizenContext& c, const Page& page, const Found& found, const std::string& token,
                    const BookingNotes& notes);

}  // namespace amt::web::citizen
