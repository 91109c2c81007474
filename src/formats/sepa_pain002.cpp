// pain.002.001.03 import: the bank's status report, reduced to the rejected debits. The only
// libxml2 parsing adapter of the module (the writer needs no XML library).
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <array>
#include <fstream>
#include <memory>
#include <string>
#include <utility>

#include "formats/sepa.hpp"

namespace mutua {

namespace {

constexpr std::string_view kNamespace = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03";
constexpr std::string_view kRejected = "RJCT";

// EPC / ISO 20022 external reason codes met on SDD rejects and returns, worded for a manager.
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kReasonLabels{{
    {"AC01", "IBAN incorrect"},
    {"AC04", "compte clôturé"},
    {"AC06", "compte bloqué"},
    {"AC13", "compte de consommateur (prélèvement interentreprises refusé)"},
    {"AG01", "transaction interdite sur ce compte"},
    {"AG02", "code opération invalide"},
    {"AM04", "provision insuffisante"},
    {"AM05", "opération en double"},
    {"BE05", "identifiant du créancier incorrect"},
    {"CNOR", "banque du créancier injoignable"},
    {"DNOR", "banque du débiteur injoignable"},
    {"ED05", "échec du règlement"},
    {"FF01", "format de fichier invalide"},
    {"FOCR", "retour après demande d'annulation"},
    {"MD01", "absence de mandat"},
    {"MD02", "données du mandat manquantes ou incorrectes"},
    {"MD06", "contestation du débiteur"},
    {"MD07", "débiteur décédé"},
    {"MS02", "refus du débiteur"},
    {"MS03", "raison non communiquée"},
    {"RC01", "BIC incorrect"},
    {"RR01", "identification du débiteur manquante (raison réglementaire)"},
    {"RR02", "nom ou adresse du débiteur manquant (raison réglementaire)"},
    {"RR03", "nom ou adresse du créancier manquant (raison réglementaire)"},
    {"RR04", "raison réglementaire"},
    {"SL01", "service spécifique de la banque"},
    {"TM01", "reçu après l'heure limite"},
}};

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ContextDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

std::string_view name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
int line_of(const xmlNode* n) { return static_cast<int>(xmlGetLineNo(n)); }

bool is_element(const xmlNode* n, std::string_view name) {
  return n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
         kNamespace == reinterpret_cast<const char*>(n->ns->href) && name_of(n) == name;
}

const xmlNode* child(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (is_element(n, name)) return n;
  }
  return nullptr;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

// Text content, trimmed (pretty-printed reports may wrap values); empty for a missing node.
std::string text_of(const xmlNode* n) {
  if (n == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(n);
  if (content == nullptr) return {};
  std::string text(trim(reinterpret_cast<const char*>(content)));
  xmlFree(content);
  return text;
}

std::string attribute_of(const xmlNode* n, const char* name) {
  xmlChar* value = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

// The first StsRsnInf/Rsn of `parent`: its Cd, else its Prtry; empty when there is none.
std::string reason_of(const xmlNode* parent) {
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (!is_element(n, "StsRsnInf")) continue;
    const xmlNode* rsn = child(n, "Rsn");
    if (rsn == nullptr) continue;
    std::string code = text_of(child(rsn, "Cd"));
    return code.empty() ? text_of(child(rsn, "Prtry")) : code;
  }
  return {};
}

// Walks one report; the first error stops it (the caller then returns the error alone).
class ReportReader {
 public:
  explicit ReportReader(const std::string& path) : path_(path) {}

  Status read(const xmlNode* root, std::vector<SepaReject>& out);

 private:
  Status error(const xmlNode* n, std::string_view field, std::string message) const {
    return Status(data_error(path_, n ? line_of(n) : 0, std::string(field), std::move(message)));
  }
  Status read_block(const xmlNode* block, std::vector<SepaReject>& out);
  Status read_transaction(const xmlNode* tx, const std::string& inherited_status,
                          const SepaReject& block, std::vector<SepaReject>& out);
  Status read_amount(const xmlNode* tx, std::optional<Money>& amount);

  const std::string& path_;
  SepaReject group_;  // the fields every reject of this report shares
  std::string group_status_;
};

Status ReportReader::read(const xmlNode* root, std::vector<SepaReject>& out) {
  if (root == nullptr || !is_element(root, "Document")) {
    return error(root, root ? name_of(root) : "",
                 "root element must be Document in namespace " + std::string(kNamespace));
  }
  const xmlNode* report = child(root, "CstmrPmtStsRpt");
  if (report == nullptr) return error(root, "CstmrPmtStsRpt", "missing: not a status report");
  const xmlNode* group = child(report, "OrgnlGrpInfAndSts");
  if (group == nullptr) return error(report, "OrgnlGrpInfAndSts", "missing");
  group_.original_message_id = text_of(child(group, "OrgnlMsgId"));
  if (group_.original_message_id.empty()) return error(group, "OrgnlMsgId", "missing or empty");
  group_.original_message_name = text_of(child(group, "OrgnlMsgNmId"));
  group_.reason_code = reason_of(group);
  group_.line = line_of(group);
  group_status_ = text_of(child(group, "GrpSts"));
  for (const xmlNode* n = report->children; n != nullptr; n = n->next) {
    if (!is_element(n, "OrgnlPmtInfAndSts")) continue;
    if (Status s = read_block(n, out); !s) return s;
  }
  // A rejected group is the whole file refused: one reject stands for every debit in it.
  if (group_status_ == kRejected) {
    out.clear();
    out.push_back(group_);
  }
  return Status::success();
}

Status ReportReader::read_block(const xmlNode* block, std::vector<SepaReject>& out) {
  SepaReject base = group_;
  base.payment_info_id = text_of(child(block, "OrgnlPmtInfId"));
  if (base.payment_info_id.empty()) return error(block, "OrgnlPmtInfId", "missing or empty");
  if (std::string reason = reason_of(block); !reason.empty()) base.reason_code = reason;
  base.line = line_of(block);
  std::string status = text_of(child(block, "PmtInfSts"));
  if (status.empty()) status = group_status_;
  bool has_transactions = false;
  for (const xmlNode* n = block->children; n != nullptr; n = n->next) {
    if (!is_element(n, "TxInfAndSts")) continue;
    has_transactions = true;
    if (Status s = read_transaction(n, status, base, out); !s) return s;
  }
  if (!has_transactions && status == kRejected) out.push_back(base);
  return Status::success();
}

Status ReportReader::read_transaction(const xmlNode* tx, const std::string& inherited_status,
                                      const SepaReject& block, std::vector<SepaReject>& out) {
  SepaReject reject = block;
  reject.end_to_end_id = text_of(child(tx, "OrgnlEndToEndId"));
  if (reject.end_to_end_id.empty()) {
    return error(tx, "OrgnlEndToEndId", "TxInfAndSts without OrgnlEndToEndId");
  }
  std::string status = text_of(child(tx, "TxSts"));
  if (status.empty()) status = inherited_status;
  // PART (partly accepted) says nothing of this transaction: guessing could lose a reject.
  if (status.empty() || status == "PART") {
    return error(tx, "TxSts", "no status for transaction '" + reject.end_to_end_id + "'");
  }
  if (std::string reason = reason_of(tx); !reason.empty()) reject.reason_code = reason;
  if (Status s = read_amount(tx, reject.amount); !s) return s;
  if (status != kRejected) return Status::success();
  reject.line = line_of(tx);
  out.push_back(std::move(reject));
  return Status::success();
}

Status ReportReader::read_amount(const xmlNode* tx, std::optional<Money>& amount) {
  const xmlNode* node = child(child(child(tx, "OrgnlTxRef"), "Amt"), "InstdAmt");
  if (node == nullptr) return Status::success();
  std::string text = text_of(node);
  Result<Money> parsed = Money::parse(text);
  if (!parsed || *parsed <= Money()) {
    return error(node, "InstdAmt", "not a positive amount: '" + text + "'");
  }
  if (std::string currency = attribute_of(node, "Ccy"); currency != "EUR") {
    return error(node, "InstdAmt", "currency must be EUR, got '" + currency + "'");
  }
  amount = *parsed;
  return Status::success();
}

// What the parser met that makes the document unusable, kept through ctxt->_private.
struct ParseTrouble {
  int doctype_line = 0;  // a report has no use for a DTD; stopping there rules out entity attacks
  std::string first_error;  // libxml2 goes on after an error: the first one is the cause
  int first_error_line = 0;
};

void stop_at_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  static_cast<ParseTrouble*>(ctxt->_private)->doctype_line = ctxt->input ? ctxt->input->line : 1;
  xmlStopParser(ctxt);
}

void keep_first_error(void* ctx, xmlErrorPtr error) {
  auto* trouble = static_cast<ParseTrouble*>(static_cast<xmlParserCtxt*>(ctx)->_private);
  if (!trouble->first_error.empty() || error == nullptr || error->level < XML_ERR_ERROR) return;
  trouble->first_error = error->message ? std::string(trim(error->message)) : "unreadable";
  trouble->first_error_line = error->line;
}

// Parses without network access, DTD or entity substitution; errors are collected, not printed.
Result<std::unique_ptr<xmlDoc, DocDeleter>> parse_file(const std::string& path) {
  if (!std::ifstream(path)) return data_error(path, 0, "", "cannot open file");
  xmlInitParser();
  std::unique_ptr<xmlParserCtxt, ContextDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) return data_error(path, 0, "", "cannot create an XML parser");
  ParseTrouble trouble;
  ctxt->_private = &trouble;
  ctxt->sax->internalSubset = stop_at_doctype;
  ctxt->sax->serror = keep_first_error;
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlCtxtReadFile(ctxt.get(), path.c_str(), nullptr, options));
  if (trouble.doctype_line > 0) {
    return data_error(path, trouble.doctype_line, "DOCTYPE",
                      "a DOCTYPE is not allowed in a status report");
  }
  if (!doc || !ctxt->wellFormed || !trouble.first_error.empty()) {
    std::string why = trouble.first_error.empty() ? "unreadable" : trouble.first_error;
    return data_error(path, trouble.first_error_line, "", "malformed XML: " + why);
  }
  return doc;
}

}  // namespace

std::string_view sepa_reason_label(std::string_view code) {
  for (const auto& [known, label] : kReasonLabels) {
    if (known == code) return label;
  }
  return {};
}

Result<std::vector<SepaReject>> read_pain002(const std::string& path) {
  auto doc = parse_file(path);
  if (!doc) return doc.error();
  std::vector<SepaReject> rejects;
  ReportReader reader(path);
  if (Status s = reader.read(xmlDocGetRootElement(doc->get()), rejects); !s) return s.error();
  for (SepaReject& r : rejects) r.reason_text = std::string(sepa_reason_label(r.reason_code));
  return rejects;
}

}  // namespace mutua
