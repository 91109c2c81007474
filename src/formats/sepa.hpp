// SEPA direct debit files (BIL-03): identifier checks, the pain.008.001.02 export of a batch of
// debits, and the import of the bank's pain.002.001.03 status report (rejects), which reopens
// the debts. Values in, text out: no store, no clock (the creation time is an argument).
//
// Contract:
// - Identifiers are checked strictly, as a bank would: no normalisation (uppercase, no spaces).
//   The check functions return an Error whose message says what is wrong; check_batch also sets
//   Error.field and names the debit (index and end_to_end_id) in the message.
// - write_pain008 expects a batch that passed check_batch (an unchecked batch still gives
//   well-formed XML, but not necessarily a file a bank accepts). Free text (names, remittance)
//   is transliterated to the SEPA character set on output; the limits (70, 140 characters) are
//   checked on the transliterated text.
// - Amounts are Money (integer cents): counts and control sums are exact.
// - read_pain002 reads the whole report first; on any error it returns that error alone
//   (file, line, element as field), never a partial list.
//
// Interpretations (where the EPC implementation guidelines leave a choice):
// - MsgId is at most 30 characters, so that every PmtInfId (MsgId + "-" + sequence code) keeps
//   within the 35 allowed.
// - CreDtTm is exactly "YYYY-MM-DDThh:mm:ss" (local time, no zone), the form French banks show.
// - Identifiers must not start or end with '/' nor contain "//" (EPC rule for references).
// - Characters without a SEPA equivalent become a space; runs of spaces are collapsed and the
//   text is trimmed (so "Dupont  &  Fils" → "Dupont + Fils").
// - In a status report, a transaction without TxSts takes its block's or the group's status; a
//   transaction whose status cannot be told at all is an error rather than silently skipped.
//   A rejected group yields a single group-level reject (the whole file was refused).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

namespace mutua {

enum class SequenceType { kFirst, kRecurring, kFinal, kOneOff };  // FRST RCUR FNAL OOFF
std::string_view to_string(SequenceType type);                    // "FRST" ...
std::optional<SequenceType> parse_sequence_type(std::string_view code);

// Largest amount of one SEPA transaction: 999,999,999.99 EUR.
inline constexpr Money kSepaMaxAmount = Money::from_cents(99'999'999'999);

// SEPA creditor identifier (ICS, e.g. "FR56ZZZ564318"): country (2 letters), 2 check digits,
// creditor business code (3 letters or digits, not part of the check), national identifier
// (letters or digits; 6 characters in France, 11 in Germany). The check digits are ISO 7064
// mod 97-10 over national identifier + country + "00", letters counting A=10..Z=35.
Status check_creditor_id(std::string_view ics);

// BIC (ISO 9362): 8 or 11 characters, uppercase: 4 letters (bank), 2 letters (country),
// 2 letters or digits (location), optional 3 letters or digits (branch). As in the pain.008
// schema, the location does not start with 0 or 1 and its second character is not the letter O.
Status check_bic(std::string_view bic);

// SEPA identifier (MsgId, PmtInfId, EndToEndId...): 1..max_len characters of the restricted set
// a-z A-Z 0-9 / - ? : ( ) . , ' + and space; no leading or trailing '/', no "//".
// `field` names the identifier in the error message.
Status check_sepa_id(std::string_view id, std::string_view field, size_t max_len = 35);
// Mandate reference (RUM): a SEPA identifier of at most 35 characters, without spaces.
Status check_mandate_id(std::string_view rum);

// Free text (UTF-8) in the SEPA character set: accented Latin letters lose their accents
// (é→e, Œ→OE, ß→ss), typographic quotes and dashes become ' and -, & becomes +, anything else
// outside the set becomes a space; spaces are collapsed and trimmed. Invalid UTF-8 bytes count
// as unknown characters. The result is ASCII, so its size is its length in characters.
std::string to_sepa_text(std::string_view utf8);
// Same, appended to `out` (the export's hot path: no temporary string).
void append_sepa_text(std::string& out, std::string_view utf8);

struct SepaCreditor {
  std::string name;  // transliterated on output, 1..70 characters
  std::string iban;
  std::string bic;
  std::string creditor_id;  // ICS
};

struct SepaDebit {
  std::string end_to_end_id;  // unique in the batch, SEPA identifier (35)
  Money amount;               // 0.01 .. 999999999.99
  std::string mandate_id;     // RUM
  Date mandate_signed{};      // on or before the collection date
  SequenceType sequence = SequenceType::kRecurring;
  std::string debtor_name;  // transliterated on output, 1..70 characters
  std::string debtor_iban;
  std::string debtor_bic;  // empty: written as <Othr><Id>NOTPROVIDED</Id></Othr>
  std::string remittance;  // unstructured, transliterated, at most 140; empty: no RmtInf
};

struct SepaBatch {
  std::string message_id;  // MsgId, SEPA identifier of at most 30 characters
  std::string created;     // CreDtTm, "2026-11-22T00:00:00"
  Date collection_date{};  // ReqdColltnDt
  SepaCreditor creditor;
  std::vector<SepaDebit> debits;
};

// Checks everything a bank would refuse: the creditor (name, IBAN, BIC, ICS), the message id
// and creation time, the collection date, and each debit (end_to_end_id unique, amount, RUM,
// signature date, debtor name, IBAN, BIC when given, remittance); at least one debit, and a
// control sum that fits the schema (18 digits). Returns the first problem found.
Status check_batch(const SepaBatch& batch);

// Writes the pain.008.001.02 document (UTF-8, namespace
// urn:iso:std:iso:20022:tech:xsd:pain.008.001.02): GrpHdr, then one PmtInf per sequence type
// present, in the order FRST, RCUR, FNAL, OOFF, with PmtInfId = MsgId + "-" + code; debits keep
// their batch order within their PmtInf. SDD Core (SvcLvl SEPA, LclInstrm CORE, ChrgBr SLEV).
// One element per line, no indentation (`xmllint --format` pretty-prints). Streams in blocks:
// memory does not grow with the number of debits. Precondition: check_batch(batch) passed.
void write_pain008(const SepaBatch& batch, std::ostream& out);

// French label of an ISO 20022 / EPC reason code ("AM04" → "provision insuffisante"); empty for
// a code not in the table.
std::string_view sepa_reason_label(std::string_view code);

// One rejected (or returned) transaction, payment information block or group of a pain.002.
struct SepaReject {
  std::string original_message_id;    // OrgnlGrpInfAndSts/OrgnlMsgId
  std::string original_message_name;  // OrgnlGrpInfAndSts/OrgnlMsgNmId ("pain.008.001.02")
  std::string end_to_end_id;    // OrgnlEndToEndId; empty when a group or block is rejected whole
  std::string payment_info_id;  // OrgnlPmtInfId when present
  std::string reason_code;      // StsRsnInf/Rsn/Cd or Prtry (AC04, AM04, MD01, MS02, ...);
                                // the transaction's, else its block's, else the group's
  std::string reason_text;      // sepa_reason_label(reason_code)
  std::optional<Money> amount;  // OrgnlTxRef/Amt/InstdAmt when present (EUR, > 0)
  int line = 0;                 // line of the TxInfAndSts, OrgnlPmtInfAndSts or OrgnlGrpInfAndSts
};

// Reads a pain.002.001.03 status report with libxml2 (no network, no DTD, no entity expansion).
// Reports only rejections, in file order:
// - a TxInfAndSts with TxSts RJCT (or no TxSts inside a rejected block);
// - an OrgnlPmtInfAndSts with PmtInfSts RJCT and no TxInfAndSts: one reject with an empty
//   end_to_end_id and the payment_info_id;
// - a GrpSts RJCT: one reject with both ids empty (and nothing else).
// Accepted or pending statuses (ACCP, ACSC, ACTC, PDNG...) are skipped. Errors: unreadable or
// malformed XML, a DOCTYPE, a wrong root or namespace, a missing OrgnlMsgId, a TxInfAndSts
// without OrgnlEndToEndId or without any status, an amount that is not a positive EUR amount.
Result<std::vector<SepaReject>> read_pain002(const std::string& path);

}  // namespace mutua
