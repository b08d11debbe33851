// The manage token from "Authorization: Bearer <token>", shared by the booking and document routes.
#pragma once

#include <string>

#include "http/message.hpp"

namespace amt::api {

// Empty when absent or malformed (the app answers 401 for that).
std::string bearer_token(const http::Request& request);

}  // namespace amt::api
