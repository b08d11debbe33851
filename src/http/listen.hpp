// Parses the "host:port" listen option ("127.0.0.1:8080", "[::1]:0", ":8080", "localhost:8080").
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <string_view>

namespace amt::http {

// Throws std::invalid_argument for a malformed option, boost::system::system_error if the host
// does not resolve.
boost::asio::ip::tcp::endpoint resolve_listen(boost::asio::io_context& ioc, std::string_view listen);

}  // namespace amt::http
