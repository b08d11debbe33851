# Writes one text file into a C++ function returning it, so the binary serves it from anywhere.
file(READ ${IN} content)
set(body "// Generated from ${NAME} by cmake/embed_file.cmake. Do not edit.\n#include <string>\n\n")
string(APPEND body "namespace ${NAMESPACE} {\n\nconst std::string& ${FUNCTION}() {\n")
string(APPEND body "  static const std::string text = R\"amtdoc(${content})amtdoc\";\n  return text;\n}\n\n}\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
