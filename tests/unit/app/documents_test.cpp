// File names from uploads are display text only, and types come from the bytes.
#include "app/documents.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/contact.hpp"
#include "app/demo_data.hpp"
#include "app/secrets.hpp"

namespace amt::app {
namespace {

TEST(SanitiseFileName, KeepsOnlyTheLastPathPartWithoutControlCharacters) {
  EXPECT_EQ(sanitise_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitise_file_name("C:\\Users\\erika\\Kontoauszug März.pdf"), "Kontoauszug März.pdf");
  EXPECT_EQ(sanitise_file_name("evil\r\nname\".pdf"), "evilname.pdf");
  EXPECT_EQ(sanitise_file_name(".hidden"), "hidden");
  EXPECT_EQ(sanitise_file_name("../"), "upload");
  EXPECT_EQ(sanitise_file_name("\xff\xfe.pdf"), "upload") << "invalid UTF-8 is dropped whole";
}

TEST(SanitiseFileName, CutsLongNamesAtOneHundredCharactersNotInsideOne) {
  std::string name;
  for (int i = 0; i < 120; ++i) name += "ü";
  const std::string cut = sanitise_file_name(name);
  EXPECT_EQ(cut.size(), 200u);
  EXPECT_TRUE(is_valid_utf8(cut));
}

class DocumentTypes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("amt-docs-" + random_nonce().substr(0, 12));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    store_->replace_catalog(demo_catalog(*parse_date("2027-03-15")));
    catalogs_ = std::make_unique<CatalogHolder>(*store_);
    bookings_ = std::make_unique<Bookings>(*store_, *catalogs_, clock_, BookingPolicy{3, 62, "s"});
    documents_ = std::make_unique<Documents>(*store_, *catalogs_, *bookings_, clock_,
                                             UploadSettings{dir_ / "uploads", 1024 * 1024, 20});
  }
  void TearDown() override {
    documents_.reset();
    bookings_.reset();
    catalogs_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  Clock clock_{*parse_rfc3339("2027-03-08T07:00:00Z")};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CatalogHolder> catalogs_;
  std::unique_ptr<Bookings> bookings_;
  std::unique_ptr<Documents> documents_;
};

TEST_F(DocumentTypes, DetectsPdfJpegAndPngFromTheirBytes) {
  using namespace std::string_literals;  // the headers hold NUL bytes: let the literal say its length
  EXPECT_EQ(documents_->detect_type("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n"), "application/pdf");
  EXPECT_EQ(documents_->detect_type("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"s),
            "image/jpeg");
  EXPECT_EQ(documents_->detect_type("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
                                    "\x08\x02\x00\x00\x00"s),
            "image/png");
  EXPECT_NE(documents_->detect_type("MZ\x90\x00 this is not a document"), "application/pdf");
  EXPECT_EQ(documents_->detect_type("just text, named scan.pdf"), "text/plain");
}

TEST_F(DocumentTypes, UploadToAnUnknownCodeIsNotFoundAndStoresNothing) {
  auto result = documents_->upload("CCCCCC", "token", "%PDF-1.4\n", "a.pdf", "");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::not_found);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "uploads"));
}

}  // namespace
}  // namespace amt::app
