#pragma once
// Factur-X invoices (issue 14, item 5): the invoice's PDF (app/services/invoice_pdf) turned into a
// PDF/A-3b that carries its CII XML (app/services/facturx, EN 16931 profile), the form Chorus Pro
// and e-invoicing platforms accept. Cairo cannot write PDF/A: qpdf rewrites its output, adding
//   - the XML as the embedded file "factur-x.xml" (/Type /EmbeddedFile, /Subtype text/xml, /Params
//     with size, MD5 checksum and modification date), named in the catalog's /Names /EmbeddedFiles
//     and in its /AF array, its file specification with /F and /UF, and /AFRelationship
//     /Alternative: the XML is the same invoice as the visible one (Factur-X 1.0 for the EN 16931
//     profile; "Data" is for MINIMUM and BASIC WL; ../shared/reference/fiscal-fr.md, "Invoices");
//   - the XMP metadata (uncompressed) with pdfaid:part 3, conformance B, dc:title / creator /
//     description, xmp dates, pdf:Producer, the Factur-X PDF/A extension schema declaration and its
//     fx: properties DocumentType INVOICE, DocumentFileName factur-x.xml, Version 1.0,
//     ConformanceLevel EN 16931; the Info dictionary rewritten to match it;
//   - an OutputIntent GTS_PDFA1 with the sRGB IEC61966-2.1 ICC profile (embedded at build time from
//     the icc-profiles-free package), as cairo paints in DeviceRGB;
//   - a deterministic /ID; fonts stay those cairo embedded (subsets of DejaVu Sans), their
//     CIDFontType2 dictionaries given the /CIDToGIDMap /Identity that PDF/A requires written out.
// Not checked here by a PDF/A validator (veraPDF is not packaged in Debian): the tests read the
// structure back with qpdf.
#include <span>
#include <string>

#include "app/core/invoice.hpp"
#include "app/services/invoice_pdf.hpp"

namespace caisse {

// The Factur-X file name and profile the XMP states.
inline constexpr const char* kFacturxFileName = "factur-x.xml";
inline constexpr const char* kFacturxConformance = "EN 16931";

// The PDF/A-3b bytes of `doc` with facturx::cii_xml(doc, extra_rates) embedded as factur-x.xml.
// Same checks and errors as invoice_pdf and cii_xml (InputError for a refused document);
// std::runtime_error when cairo or qpdf fails. The same document gives the same bytes (dates from
// the document: its issue date as creation date).
std::string facturx_pdf(const invoice::Document& doc, const EntrepreneurNames& names = {},
                        std::span<const VatRate> extra_rates = {});

// The XMP packet facturx_pdf embeds (exposed for the tests): title, author (the seller), subject,
// date "YYYY-MM-DD".
std::string facturx_xmp(const std::string& title, const std::string& author, const std::string& subject,
                        const std::string& date);

}  // namespace caisse
