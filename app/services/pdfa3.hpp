#pragma once
// The PDF/A-3 step of the Factur-X PDF (app/services/facturx_pdf): qpdf rewrites a PDF cairo drew,
// adding one associated file and what PDF/A-3b asks. Its own translation unit, compiled as C++17
// (CMakeLists.txt): qpdf 11's headers (JSON.hh) do not compile as C++20 under clang with
// libstdc++ 12, which the fuzz build uses. So this header holds plain strings only.
#include <string>

namespace caisse {

struct PdfaParts {
    std::string pdf;                     // the visible document, as cairo wrote it
    std::string attachment;              // the file embedded, e.g. the CII XML
    std::string attachment_name;         // its name, e.g. "factur-x.xml" (subtype text/xml)
    std::string attachment_description;  // shown by readers beside the attachment
    std::string xmp;                     // the XMP metadata packet (pdfaid part 3 conformance B, fx schema)
    std::string icc;                     // the sRGB ICC profile of the OutputIntent
    std::string title, author, subject, producer;  // the Info dictionary, as the XMP says them
    std::string pdf_date;                // "D:YYYYMMDDhhmmss+00'00'": creation and modification dates
};

// The PDF with `attachment` embedded (/EmbeddedFiles and the catalog's /AF, /AFRelationship
// /Alternative: Factur-X's EN 16931 profile), the XMP as /Metadata, an sRGB /OutputIntents
// (GTS_PDFA1), /CIDToGIDMap /Identity on every CIDFontType2 font that lacks it (ISO 19005-3
// 6.2.11.3.2), the Info dictionary, a deterministic /ID, PDF 1.7 without object streams.
// Throws std::runtime_error "Factur-X PDF: qpdf failed: ..." when qpdf cannot read or write it.
std::string pdfa3_with_attachment(const PdfaParts& parts);

}  // namespace caisse
