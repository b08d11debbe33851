// Documents a citizen uploads for an appointment (PDF, JPEG, PNG): type detected from the content
// with libmagic, never from the name; bytes stored outside the web root under their SHA-256.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "app/booking.hpp"
#include "app/document_states.hpp"

namespace amt::app {

struct UploadSettings {
  std::filesystem::path dir;  // created on demand, mode 0700
  std::size_t max_bytes = 10 * 1024 * 1024;
  int max_files = 20;         // per appointment
};

struct DocumentList {
  std::vector<store::StoredDocument> received;  // oldest first
  std::vector<std::string> missing;             // required documents the citizen still owes
  DocumentStates states;                        // each required document's state (issue #7)
};

// Upload names are for display only: the last path part, no control characters, at most 100
// characters, "upload" when nothing is left.
std::string sanitise_file_name(std::string_view name);

class Documents {
 public:
  // Loads the libmagic database once; throws std::runtime_error when it cannot.
  Documents(store::Store& store, CatalogHolder& catalogs, Bookings& bookings, const Clock& clock,
            UploadSettings settings);
  ~Documents();
  Documents(const Documents&) = delete;
  Documents& operator=(const Documents&) = delete;

  Result<store::StoredDocument> upload(std::string_view code, std::string_view token, std::string_view content,
                                       std::string_view file_name, std::string_view document);
  Result<DocumentList> list(std::string_view code, std::string_view token) const;
  std::string detect_type(std::string_view content) const;  // MIME type from the bytes
  std::size_t max_bytes() const { return settings_.max_bytes; }  // per file

 private:
  void store_file(const std::string& sha256, std::string_view content) const;

  store::Store& store_;
  CatalogHolder& catalogs_;
  Bookings& bookings_;
  const Clock& clock_;
  UploadSettings settings_;
  struct Magic;
  std::unique_ptr<Magic> magic_;  // a magic_t is not thread-safe: used under its mutex
};

}  // namespace amt::app
