// The staff templates and their German catalog as compiled into the binary.
#include <gtest/gtest.h>

#include "web/staff/staff_page.hpp"

namespace amt::web::staff {
namespace {

TEST(StaffTemplates, EveryTemplateTextHasAGermanTranslation) {
  const Templates templates(builtin_template_sources(), builtin_translations());
  ASSERT_GT(templates.msgids().size(), 80u);
  for (const auto& msgid : templates.msgids()) {
    if (msgid == "Name" || msgid == "Status" || msgid == "Team") continue;  // the same word in German
    EXPECT_NE(builtin_translations().translate("de", msgid), msgid) << msgid;
  }
}

TEST(StaffTemplates, EnglishShowsTheMsgidAndTheCitizenCatalogIsNotMixedIn) {
  EXPECT_EQ(builtin_translations().translate("en", "Staff sign-in"), "Staff sign-in");
  EXPECT_EQ(builtin_translations().translate("de", "Staff sign-in"), "Anmeldung für Mitarbeitende");
  const auto staff = builtin_template_sources();
  EXPECT_EQ(staff.count("console"), 1u);
  EXPECT_EQ(staff.count("concern"), 0u);  // a citizen template
  EXPECT_EQ(Templates::builtin_sources().count("console"), 0u);
}

}  // namespace
}  // namespace amt::web::staff
