# Turns the file IN into a C++ source OUT defining `const std::string_view NAMESPACE::SYMBOL()` with its
# bytes (used for the sRGB ICC profile that Factur-X PDFs embed, read from the installed Debian package).
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT} "// Generated from ${IN} by cmake/embed_binary.cmake: do not edit.\n#include <string_view>\nnamespace ${NAMESPACE} {\nnamespace {\nconst unsigned char kBytes[${size}] = {\n${bytes}};\n}  // namespace\nstd::string_view ${SYMBOL}() { return {reinterpret_cast<const char*>(kBytes), sizeof kBytes}; }\n}  // namespace ${NAMESPACE}\n")
