// multipart/form-data as browsers send it for the upload form: fields, a file with its bytes, and
// refusal of bodies that are cut off or not form data.
#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace amt::http {
namespace {

const std::string type = "multipart/form-data; boundary=----WebKitFormBoundaryX3b";

std::string body_with(std::string_view file_bytes) {
  return "------WebKitFormBoundaryX3b\r\n"
         "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
         "abc\r\n"
         "------WebKitFormBoundaryX3b\r\n"
         "Content-Disposition: form-data; name=\"document\"\r\n\r\n"
         "Kontoauszüge der letzten drei Monate\r\n"
         "------WebKitFormBoundaryX3b\r\n"
         "Content-Disposition: form-data; name=\"file\"; filename=\"Miete \\\"März\\\".pdf\"\r\n"
         "Content-Type: application/pdf\r\n\r\n" +
         std::string(file_bytes) +
         "\r\n------WebKitFormBoundaryX3b--\r\n";
}

TEST(Multipart, ReadsTextFieldsAndAFileWithItsNameAndBytes) {
  const std::string bytes("%PDF-1.4\r\n\0\xff binary\r\n--not the boundary", 36);
  const auto form = parse_multipart(type, body_with(bytes));
  ASSERT_TRUE(form);
  ASSERT_EQ(form->fields.size(), 2u);
  EXPECT_EQ(form->fields[0], (std::pair<std::string, std::string>{"csrf", "abc"}));
  EXPECT_EQ(form->fields[1].second, "Kontoauszüge der letzten drei Monate");
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].field, "file");
  EXPECT_EQ(form->files[0].file_name, "Miete \"März\".pdf");
  EXPECT_EQ(form->files[0].content_type, "application/pdf");
  EXPECT_EQ(form->files[0].data, bytes);
}

TEST(Multipart, AnEmptyFileInputIsAFileWithoutNameOrBytes) {
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n\r\n--b--\r\n";
  const auto form = parse_multipart("multipart/form-data; boundary=b", body);
  ASSERT_TRUE(form);
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].file_name, "");
  EXPECT_EQ(form->files[0].data, "");
}

TEST(Multipart, QuotedBoundaryAndUpperCaseHeaderNamesAreAccepted) {
  const std::string body = "--x y\r\nCONTENT-DISPOSITION: form-data; NAME=token\r\n\r\nT1\r\n--x y--";
  const auto form = parse_multipart("Multipart/Form-Data; charset=utf-8; boundary=\"x y\"", body);
  ASSERT_TRUE(form);
  ASSERT_EQ(form->fields.size(), 1u);
  EXPECT_EQ(form->fields[0].second, "T1");
}

TEST(Multipart, RefusesCutOffBodiesOtherTypesAndPartsWithoutAName) {
  const std::string full = body_with("data");
  EXPECT_FALSE(parse_multipart(type, full.substr(0, full.size() - 40)));
  EXPECT_FALSE(parse_multipart("application/x-www-form-urlencoded", full));
  EXPECT_FALSE(parse_multipart("multipart/form-data", full));  // no boundary
  EXPECT_FALSE(parse_multipart(type, ""));
  EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=b",
                               "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--"));
  EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=b",
                               "--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--"));
  EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=b", "--b\r\nno blank line\r\n--b--"));
}

}  // namespace
}  // namespace amt::http
