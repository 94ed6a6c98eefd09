// The PDF/A-3 step of the Factur-X PDF (see pdfa3.hpp). C++17 on purpose: see the header.
#include "app/services/pdfa3.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include <stdexcept>

namespace caisse {

std::string pdfa3_with_attachment(const PdfaParts& parts) {
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("invoice.pdf", parts.pdf.data(), parts.pdf.size());
        QPDFObjectHandle root = q.getRoot();

        // The attachment, embedded and associated with the document.
        auto ef = QPDFEFStreamObjectHelper::createEFStream(q, parts.attachment);
        ef.setSubtype("text/xml").setModDate(parts.pdf_date).setCreationDate(parts.pdf_date);
        auto spec = QPDFFileSpecObjectHelper::createFileSpec(q, parts.attachment_name, ef);
        spec.setDescription(parts.attachment_description).setFilename(parts.attachment_name, parts.attachment_name);
        spec.getObjectHandle().replaceKey("/AFRelationship", QPDFObjectHandle::newName("/Alternative"));
        QPDFEmbeddedFileDocumentHelper(q).replaceEmbeddedFile(parts.attachment_name, spec);
        root.replaceKey("/AF", QPDFObjectHandle::newArray({spec.getObjectHandle()}));

        // XMP metadata.
        QPDFObjectHandle meta = QPDFObjectHandle::newStream(&q, parts.xmp);
        meta.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
        meta.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
        root.replaceKey("/Metadata", meta);

        // The output intent: sRGB.
        QPDFObjectHandle profile = QPDFObjectHandle::newStream(&q, parts.icc);
        profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
        QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
        intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
        intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
        intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/DestOutputProfile", profile);
        root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({q.makeIndirectObject(intent)}));

        // PDF/A-2/3 (ISO 19005-3, 6.2.11.3.2) wants a CIDToGIDMap in every CIDFontType2 font; cairo
        // leaves it out, meaning the default, Identity: say it.
        for (auto& object : q.getAllObjects()) {
            if (!object.isDictionary() || !object.getKey("/Subtype").isNameAndEquals("/CIDFontType2")) continue;
            if (!object.hasKey("/CIDToGIDMap")) object.replaceKey("/CIDToGIDMap", QPDFObjectHandle::newName("/Identity"));
        }

        // The Info dictionary, saying what the XMP says.
        QPDFObjectHandle info = QPDFObjectHandle::newDictionary();
        info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(parts.title));
        info.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(parts.author));
        info.replaceKey("/Subject", QPDFObjectHandle::newUnicodeString(parts.subject));
        info.replaceKey("/Creator", QPDFObjectHandle::newString("Caisse Commune"));
        info.replaceKey("/Producer", QPDFObjectHandle::newString(parts.producer));
        info.replaceKey("/CreationDate", QPDFObjectHandle::newString(parts.pdf_date));
        info.replaceKey("/ModDate", QPDFObjectHandle::newString(parts.pdf_date));
        q.getTrailer().replaceKey("/Info", q.makeIndirectObject(info));

        QPDFWriter w(q);
        w.setOutputMemory();
        w.setDeterministicID(true);
        w.setMinimumPDFVersion("1.7");
        w.setObjectStreamMode(qpdf_o_disable);  // plain cross-reference table: readable by every checker
        w.setQDFMode(false);
        w.write();
        auto buffer = w.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("Factur-X PDF: qpdf failed: ") + e.what());
    }
}

}  // namespace caisse
