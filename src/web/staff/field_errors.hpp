// Field errors as the staff templates show them: "<field>_error" next to each field, and the list
// "errors" ({field, message}) with "has_errors" for the summary at the top of the form.
#pragma once

#include <string>
#include <vector>

#include "web/templates.hpp"

namespace amt::web::staff {

struct ShownError {
  std::string field;    // the form field's name, as the template's "<field>_error" spells it
  std::string message;  // already in the reader's language
};

inline void show_field_errors(Data& data, const std::vector<ShownError>& errors) {
  List list;
  for (const ShownError& e : errors) {
    data.set(e.field + "_error", e.message);
    Data item;
    item.set("field", e.field);
    item.set("message", e.message);
    list.push_back(item);
  }
  data.set("errors", Data{list});
  data.set("has_errors", !errors.empty());
}

}  // namespace amt::web::staff
