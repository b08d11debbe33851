// Upload checks happen in the order a citizen can act on: right booking, size, type, count.
#include "app/documents.hpp"

#include <fcntl.h>
#include <magic.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "app/contact.hpp"
#include "app/secrets.hpp"

namespace amt::app {

struct Documents::Magic {
  std::mutex mutex;
  magic_t cookie = nullptr;
};

namespace {

constexpr std::array<std::string_view, 3> accepted = {"application/pdf", "image/jpeg", "image/png"};

void write_all(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) throw std::runtime_error("cannot write " + path);
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string sanitise_file_name(std::string_view name) {
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  if (is_valid_utf8(name)) {
    for (char c : name) {
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x20 && u != 0x7f && c != '"') out += c;
    }
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  out = trim(out);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {  // cut before the 101st character
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && ++chars > 100) {
      out.resize(i);
      break;
    }
  }
  return out.empty() ? "upload" : out;
}

Documents::Documents(store::Store& store, CatalogHolder& catalogs, Bookings& bookings, const Clock& clock,
                     UploadSettings settings)
    : store_(store), catalogs_(catalogs), bookings_(bookings), clock_(clock), settings_(std::move(settings)),
      magic_(std::make_unique<Magic>()) {
  magic_->cookie = magic_open(MAGIC_MIME_TYPE);
  if (!magic_->cookie || magic_load(magic_->cookie, nullptr) != 0) {
    if (magic_->cookie) magic_close(magic_->cookie);
    throw std::runtime_error("libmagic: cannot load the file type database");
  }
}

Documents::~Documents() { magic_close(magic_->cookie); }

std::string Documents::detect_type(std::string_view content) const {
  std::lock_guard lock(magic_->mutex);
  const char* type = magic_buffer(magic_->cookie, content.data(), content.size());
  return type ? std::string(type) : std::string();
}

void Documents::store_file(const std::string& sha256, std::string_view content) const {
  std::filesystem::create_directories(settings_.dir);
  std::filesystem::permissions(settings_.dir, std::filesystem::perms::owner_all);
  const auto final_path = settings_.dir / sha256;
  if (std::filesystem::exists(final_path)) return;  // same bytes already stored
  // Written to a temporary name, synced, then renamed: a crash leaves no half file under the hash.
  const auto temp = settings_.dir / (sha256 + ".part-" + random_nonce().substr(0, 8));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + temp.string());
  try {
    write_all(fd, content, temp.string());
    if (::fsync(fd) != 0) throw std::runtime_error("cannot sync " + temp.string());
  } catch (...) {
    ::close(fd);
    std::filesystem::remove(temp);
    throw;
  }
  ::close(fd);
  std::filesystem::rename(temp, final_path);
}

Result<store::StoredDocument> Documents::upload(std::string_view code, std::string_view token,
                                                std::string_view content, std::string_view file_name,
                                                std::string_view document) {
  auto appointment = bookings_.view(code, token);
  if (!appointment) return tl::unexpected(appointment.error());
  if (appointment->status != AppointmentStatus::booked)
    return fail(ErrorKind::not_changeable, "Documents can only be added to an open booking.");
  if (content.size() > settings_.max_bytes)
    return fail(ErrorKind::too_large,
                "The file is larger than " + std::to_string(settings_.max_bytes / (1024 * 1024)) + " MB.",
                {{"file", "too_large", "The file is too large."}});
  if (content.empty()) return invalid({{"file", "empty", "The file is empty."}});
  const std::string type = detect_type(content);
  if (std::find(accepted.begin(), accepted.end(), type) == accepted.end())
    return invalid({{"file", "unsupported_type",
                     "Only PDF, JPEG and PNG files can be uploaded. This file is not one of them."}});
  const Service* service = catalogs_.current()->catalog.service(appointment->service_id);
  if (!document.empty() &&
      (!service || std::find(service->documents.begin(), service->documents.end(), document) == service->documents.end()))
    return invalid({{"document", "unknown", "This document is not one this appointment asks for."}});

  const auto too_many = [&] {
    return fail(ErrorKind::too_large,
                "At most " + std::to_string(settings_.max_files) + " files can be uploaded for one appointment.",
                {{"file", "too_many", "No more files can be uploaded for this appointment."}});
  };
  // Checked before the file is written (no orphan file in the normal case) and again in the write.
  if (static_cast<int>(store_.documents(appointment->id).size()) >= settings_.max_files) return too_many();

  store::StoredDocument d{random_nonce(), appointment->id, std::string(document), sanitise_file_name(file_name),
                          type, static_cast<std::int64_t>(content.size()), sha256_hex(content), clock_.now()};
  store_file(d.sha256, content);  // before the row: a row never points at a missing file
  Result<store::StoredDocument> result = d;
  store_.write([&](store::WriteTx& tx) {
    if (static_cast<int>(tx.documents(d.appointment_id).size()) >= settings_.max_files) {
      result = too_many();
      return;
    }
    tx.insert_document(d);
  });
  return result;
}

Result<DocumentList> Documents::list(std::string_view code, std::string_view token) const {
  auto appointment = bookings_.view(code, token);
  if (!appointment) return tl::unexpected(appointment.error());
  DocumentList out;
  out.received = store_.documents(appointment->id);
  // Not received, or rejected by a caseworker since the last upload, counts as missing.
  out.states = document_states(catalogs_.current()->catalog.service(appointment->service_id), out.received,
                               store_.document_reviews(appointment->id));
  for (const auto& d : out.states.required)
    if (outstanding(d.status)) out.missing.push_back(d.name);
  return out;
}

}  // namespace amt::app
