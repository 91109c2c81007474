// PdfDocument: what a generated letter or attestation says, as plain values (DOC-02). The
// domain and app layers build one; documents/pdf_render.hpp turns it into a PDF. No cairo or
// pango type appears here, so building a document needs neither.
//
// Contract:
// - Every string is UTF-8 and is printed as given: no normalisation, no markup (a '<' or '&' is
//   a character, not a tag). Callers write French with its accents (NFC, ARCHITECTURE).
// - The first page starts with the letterhead: `sender` top left (first line, the organism
//   name, in bold), `reference` under it, `recipient` top right, `place_and_date` right-aligned,
//   then `title` (bold, centred). Then `blocks`, in order, flowing over as many pages as needed.
// - `footer` and "Page n / N" are printed at the bottom of every page.
// - A table row with fewer cells than the widest row is padded with empty cells; `right_align`
//   may be shorter than the number of columns (missing entries: left-aligned).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mutua {

struct PdfTable {
  std::vector<std::string> header;             // printed bold on grey; repeated after a page break
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_align;               // per column: true for amounts
};

struct PdfBlock {
  enum class Kind { kHeading, kParagraph, kFields, kTable, kSignature };
  Kind kind = Kind::kParagraph;
  std::string text;                                        // heading / paragraph / signature; may hold '\n'
  std::vector<std::pair<std::string, std::string>> fields; // kFields: label → value, two aligned columns
  PdfTable table;                                          // kTable
};

struct PdfDocument {
  std::string title;                    // big title under the letterhead; also the PDF Title metadata
  std::vector<std::string> sender;      // organism name first (bold), then address lines
  std::vector<std::string> recipient;   // name, address lines; may be empty
  std::string place_and_date;           // "Avignon, le 22 novembre 2026", right-aligned above the title
  std::string reference;                // "Réf. : contrat C000123", under the sender; may be empty
  std::vector<PdfBlock> blocks;
  std::string footer;                   // small text at the bottom of every page
};

// Builders, so a document reads as a list: {heading("Objet"), paragraph("Madame, ..."), ...}.
inline PdfBlock heading(std::string text) {
  PdfBlock b;
  b.kind = PdfBlock::Kind::kHeading;
  b.text = std::move(text);
  return b;
}

inline PdfBlock paragraph(std::string text) {
  PdfBlock b;
  b.kind = PdfBlock::Kind::kParagraph;
  b.text = std::move(text);
  return b;
}

inline PdfBlock fields(std::vector<std::pair<std::string, std::string>> label_values) {
  PdfBlock b;
  b.kind = PdfBlock::Kind::kFields;
  b.fields = std::move(label_values);
  return b;
}

inline PdfBlock table(PdfTable t) {
  PdfBlock b;
  b.kind = PdfBlock::Kind::kTable;
  b.table = std::move(t);
  return b;
}

// The closing block (place, signatory's name and function), on the right-hand half of the page.
inline PdfBlock signature(std::string text) {
  PdfBlock b;
  b.kind = PdfBlock::Kind::kSignature;
  b.text = std::move(text);
  return b;
}

}  // namespace mutua
