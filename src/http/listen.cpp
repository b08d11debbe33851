// Listen address parsing; numeric addresses avoid the resolver, names go through it once at start.
#include "http/listen.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <stdexcept>
#include <string>

namespace amt::http {

boost::asio::ip::tcp::endpoint resolve_listen(boost::asio::io_context& ioc, std::string_view listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string_view::npos) throw std::invalid_argument("listen must be host:port: " + std::string(listen));
  auto host = listen.substr(0, colon);
  const auto port_text = listen.substr(colon + 1);
  unsigned short port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port_text.empty()) {
    throw std::invalid_argument("invalid port in listen: " + std::string(listen));
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";

  boost::system::error_code parse_ec;
  const auto address = boost::asio::ip::make_address(host, parse_ec);
  if (!parse_ec) return {address, port};
  boost::asio::ip::tcp::resolver resolver(ioc);
  const auto results = resolver.resolve(std::string(host), std::to_string(port));
  return *results.begin();
}

}  // namespace amt::http
