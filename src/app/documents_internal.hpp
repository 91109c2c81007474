// Pieces shared by the letter builders of app/ (documents_service.cpp, billing_documents.cpp).
#pragma once

#include <string>

#include "documents/pdf_document.hpp"
#include "regulation/regulation.hpp"
#include "storage/store.hpp"

namespace mutua {

// What a letter is built from.
struct Letter {
  Store& store;
  const Regulation& regulation;
  const Contract& contract;
  Catalogue catalogue;
  Date today;
};

std::string full_name(const Beneficiary& b);
// The organism's letterhead addressed to the member, dated `today`, with the contract reference.
PdfDocument letterhead(const Letter& l, std::string title);

bool is_billing_letter(const std::string& kind);
Result<PdfDocument> billing_letter(const Letter& l, const std::string& kind);

}  // namespace mutua
