// The .ics of one appointment, shared by the mails and the booking page's download, so both give
// calendars the same UID and content (worded in the booking's language).
#pragma once

#include <string>
#include <string_view>

#include "core/model.hpp"

namespace amt::app {

// host: the site's host name, making the UID globally unique ("K7M4QX@termine.example.org").
// now: DTSTAMP, and the SEQUENCE (minutes since booking) that lets a calendar replace an older copy.
std::string appointment_ics(const Appointment& a, const Location& location, const Service& service,
                            std::string_view host, Instant now);

// "https://termine.example.org:8443/x" -> "termine.example.org"; "" when there is none.
std::string host_of(std::string_view url);

}  // namespace amt::app
