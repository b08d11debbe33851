// Prometheus exposition format 0.0.4: HELP/TYPE lines, escaped label values, cumulative buckets.
#include "http/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "http/text.hpp"

namespace amt::http {

namespace {

constexpr std::string_view requests_name = "amtstermin_http_requests_total";
constexpr std::string_view duration_name = "amtstermin_http_request_duration_seconds";

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!ok(name[i], i == 0)) return false;
  }
  return true;
}

// HELP text escapes backslash and newline; label values also escape the double quote.
void append_escaped(std::string& out, std::string_view s, bool label) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && label) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

void append_header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  append_escaped(out, help, false);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void append_label(std::string& out, std::string_view name, std::string_view value, bool first) {
  if (!first) out += ',';
  out += name;
  out += "=\"";
  append_escaped(out, value, true);
  out += '"';
}

std::string format_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

}  // namespace

void Metrics::observe_request(std::string_view route, std::string_view method, int status, double seconds) {
  const auto bucket = static_cast<std::size_t>(
      std::lower_bound(duration_buckets.begin(), duration_buckets.end(), seconds) - duration_buckets.begin());
  const auto folded = fold_method(method);
  const std::lock_guard lock(mutex_);

  const auto key = std::tuple<std::string_view, std::string_view, int>(route, folded, status);
  auto request = requests_.find(key);
  if (request == requests_.end()) request = requests_.emplace(RequestKey(route, folded, status), 0).first;
  ++request->second;

  auto histogram = durations_.find(route);
  if (histogram == durations_.end()) histogram = durations_.emplace(std::string(route), Histogram{}).first;
  ++histogram->second.buckets[bucket];
  histogram->second.sum += seconds;
  ++histogram->second.count;
}

std::atomic<std::uint64_t>& Metrics::counter(const std::string& name, const std::string& help) {
  if (!valid_name(name)) throw std::invalid_argument("invalid metric name: " + name);
  const std::lock_guard lock(mutex_);
  auto& entry = counters_[name];
  if (!entry.second) entry = {help, std::make_unique<std::atomic<std::uint64_t>>(0)};
  return *entry.second;
}

void Metrics::gauge(const std::string& name, const std::string& help, std::function<double()> read) {
  if (!valid_name(name)) throw std::invalid_argument("invalid metric name: " + name);
  const std::lock_guard lock(mutex_);
  gauges_[name] = {help, std::move(read)};
}

std::string Metrics::render() const {
  std::string out;
  std::unique_lock lock(mutex_);

  append_header(out, requests_name, "HTTP requests by route pattern, method and status.", "counter");
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += requests_name;
    out += '{';
    append_label(out, "route", route, true);
    append_label(out, "method", method, false);
    append_label(out, "status", std::to_string(status), false);
    out += fmt::format("}} {}\n", count);
  }

  append_header(out, duration_name, "Time from a complete request to its response, by route pattern.", "histogram");
  for (const auto& [route, histogram] : durations_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < histogram.buckets.size(); ++i) {
      cumulative += histogram.buckets[i];
      out += duration_name;
      out += "_bucket{";
      append_label(out, "route", route, true);
      append_label(out, "le", i < duration_buckets.size() ? format_value(duration_buckets[i]) : "+Inf", false);
      out += fmt::format("}} {}\n", cumulative);
    }
    std::string labels = "{";
    append_label(labels, "route", route, true);
    labels += '}';
    out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", duration_name, labels, format_value(histogram.sum),
                       duration_name, labels, histogram.count);
  }

  for (const auto& [name, entry] : counters_) {
    append_header(out, name, entry.first, "counter");
    out += fmt::format("{} {}\n", name, entry.second->load(std::memory_order_relaxed));
  }
  // Gauges are read without the lock: a gauge may well look at metrics or take its own locks.
  auto gauges = gauges_;
  lock.unlock();
  for (const auto& [name, entry] : gauges) {
    append_header(out, name, entry.first, "gauge");
    out += fmt::format("{} {}\n", name, format_value(entry.second()));
  }
  return out;
}

}  // namespace amt::http
