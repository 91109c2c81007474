// write_pdf(): renders a PdfDocument (documents/pdf_document.hpp) to a PDF file (DOC-02). The
// adapter to cairo + pango: the only files of mutua that include them.
//
// Contract:
// - A4 portrait, 20 mm margins, DejaVu Sans 10 pt (headings bold 12 pt, title bold 16 pt,
//   footer 8 pt); text wrapped at word boundaries to the text width. UTF-8 text is printed as
//   given; the PDF carries the text (pdftotext gives back the accents, « », € and U+202F).
// - Page breaks: a paragraph breaks between lines; a heading is never left alone at the
//   bottom of a page; a field row, a table row and the signature are never split. A table that
//   goes on over the next page repeats its header row there. (A single table row taller than
//   a page is printed anyway and runs into the footer.)
// - Every page ends with the footer and "Page n / N": the document is laid out twice, once to
//   count the pages and once to print them.
// - PDF metadata: Title = doc.title, Creator = "mutua".
// - The file is written to `path + ".partial"`, flushed to disk and renamed to `path`: after
//   the call, `path` is either the complete new file or untouched, and no ".partial" file is
//   left behind. Any failure (directory missing or not writable, disk full, text that is not
//   valid UTF-8) returns an Error whose message names the path.
// - Threads: calls are serialised by an internal mutex (ARCHITECTURE: one rendering thread),
//   because pango's font map and fontconfig's caches are shared process state.
#pragma once

#include <string>

#include "core/result.hpp"
#include "documents/pdf_document.hpp"

namespace mutua {

Status write_pdf(const PdfDocument& doc, const std::string& path);

}  // namespace mutua
