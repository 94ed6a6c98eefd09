#pragma once
// Validation of a Factur-X XML against the published EN 16931 schemas (libxml2), for the tests of the
// XML and of the PDF that embeds it. CAISSE_FACTURX_SCHEMA_DIR is set by tests/CMakeLists.txt.
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <string>

namespace caisse::facturx_test {

inline std::string facturx_schema_path() { return std::string(CAISSE_FACTURX_SCHEMA_DIR) + "/Factur-X_EN16931.xsd"; }
inline bool have_facturx_schema() { return std::filesystem::exists(facturx_schema_path()); }

inline void collect_xml_errors(void* ctx, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
inline void collect_xml_errors(void* ctx, const char* fmt, ...) {
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    *static_cast<std::string*>(ctx) += buf;
}

// "" when xml is valid (or when the schemas are not there: check have_facturx_schema()), else the errors.
inline std::string facturx_schema_errors(const std::string& xml) {
    if (!have_facturx_schema()) return {};
    std::string errors;
    xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(facturx_schema_path().c_str());
    xmlSchemaSetParserErrors(pctx, collect_xml_errors, collect_xml_errors, &errors);
    xmlSchemaPtr schema = xmlSchemaParse(pctx);
    xmlSchemaFreeParserCtxt(pctx);
    if (!schema) return "schema did not parse: " + errors;
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "factur-x.xml", "UTF-8", XML_PARSE_NONET);
    if (!doc) {
        xmlSchemaFree(schema);
        return "not well-formed XML";
    }
    xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidErrors(vctx, collect_xml_errors, collect_xml_errors, &errors);
    const int rc = xmlSchemaValidateDoc(vctx, doc);
    xmlSchemaFreeValidCtxt(vctx);
    xmlFreeDoc(doc);
    xmlSchemaFree(schema);
    if (rc != 0 && errors.empty()) errors = "invalid (code " + std::to_string(rc) + ")";
    return rc == 0 ? std::string() : errors;
}

}  // namespace caisse::facturx_test
