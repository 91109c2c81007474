// pain.008.001.02 export: the checks a bank applies to a batch, and the streaming writer.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "core/iban.hpp"
#include "formats/sepa.hpp"

namespace mutua {

namespace {

constexpr std::array<SequenceType, 4> kSequenceOrder = {
    SequenceType::kFirst, SequenceType::kRecurring, SequenceType::kFinal, SequenceType::kOneOff};
constexpr size_t kMessageIdMax = 30;  // leaves room for "-FRST" in PmtInfId (35)
constexpr size_t kNameMax = 70;
constexpr size_t kRemittanceMax = 140;
// CtrlSum is a DecimalNumber of 18 digits: at most 10^16 - 0.01 euros.
constexpr __int128 kControlSumMaxCents = static_cast<__int128>(1'000'000'000'000'000'000) - 1;

Status batch_error(std::string field, std::string message) {
  return Status(data_error("", 0, std::move(field), std::move(message)));
}

// Re-labels a check's error with the field it concerns.
Status in_field(Status s, std::string field) {
  if (s) return s;
  return batch_error(std::move(field), s.error().message);
}

size_t sequence_index(SequenceType t) { return static_cast<size_t>(t); }

bool valid_date(Date d) { return d.ok() && year_of(d) >= 1900 && year_of(d) <= 2999; }

// "YYYY-MM-DDThh:mm:ss": a real date and time of day, no fraction, no zone.
bool valid_date_time(std::string_view t) {
  if (t.size() != 19 || t[10] != 'T' || t[13] != ':' || t[16] != ':') return false;
  if (!try_parse_date(t.substr(0, 10))) return false;
  auto two = [&](size_t at, int max) {
    if (!(t[at] >= '0' && t[at] <= '9' && t[at + 1] >= '0' && t[at + 1] <= '9')) return false;
    return (t[at] - '0') * 10 + (t[at + 1] - '0') <= max;
  };
  return two(11, 23) && two(14, 59) && two(17, 59);
}

// Free text must keep 1..max characters once transliterated (what the bank will read).
Status check_text(std::string_view text, std::string_view what, size_t max, bool required,
                  std::string& scratch) {
  scratch.clear();
  append_sepa_text(scratch, text);
  if (scratch.empty() && required) {
    return Status(Error{std::string(what) + " is empty once written in the SEPA character set"});
  }
  if (scratch.size() > max) {
    return Status(Error{std::string(what) + " '" + scratch + "' is longer than " +
                        std::to_string(max) + " characters"});
  }
  return Status::success();
}

Status check_header(const SepaBatch& batch, std::string& scratch) {
  if (Status s = check_sepa_id(batch.message_id, "message id", kMessageIdMax); !s) {
    return in_field(std::move(s), "message_id");
  }
  if (!valid_date_time(batch.created)) {
    return batch_error("created", "expected YYYY-MM-DDThh:mm:ss, got '" + batch.created + "'");
  }
  if (!valid_date(batch.collection_date)) return batch_error("collection_date", "not a valid date");
  const SepaCreditor& c = batch.creditor;
  if (Status s = check_text(c.name, "creditor name", kNameMax, true, scratch); !s) {
    return in_field(std::move(s), "creditor.name");
  }
  if (Status s = validate_iban(c.iban); !s) return in_field(std::move(s), "creditor.iban");
  if (Status s = check_bic(c.bic); !s) return in_field(std::move(s), "creditor.bic");
  if (Status s = check_creditor_id(c.creditor_id); !s) {
    return in_field(std::move(s), "creditor.creditor_id");
  }
  return Status::success();
}

// The caller adds which debit it is (built only on error: no string per debit).
Status check_debit(const SepaDebit& d, Date collection, std::string& scratch) {
  if (Status s = check_sepa_id(d.end_to_end_id, "end to end id"); !s) {
    return in_field(std::move(s), "end_to_end_id");
  }
  if (d.amount <= Money() || d.amount > kSepaMaxAmount) {
    return batch_error("amount", "amount " + d.amount.format() + " outside 0.01 .. 999999999.99");
  }
  if (Status s = check_mandate_id(d.mandate_id); !s) return in_field(std::move(s), "mandate_id");
  if (!valid_date(d.mandate_signed)) {
    return batch_error("mandate_signed", "mandate signature date missing or invalid");
  }
  if (d.mandate_signed > collection) {
    return batch_error("mandate_signed", "mandate signed " + format_date(d.mandate_signed) +
                                             ", after the collection date");
  }
  if (sequence_index(d.sequence) > 3) return batch_error("sequence", "unknown sequence type");
  if (Status s = check_text(d.debtor_name, "debtor name", kNameMax, true, scratch); !s) {
    return in_field(std::move(s), "debtor_name");
  }
  if (Status s = validate_iban(d.debtor_iban); !s) return in_field(std::move(s), "debtor_iban");
  if (!d.debtor_bic.empty()) {
    if (Status s = check_bic(d.debtor_bic); !s) return in_field(std::move(s), "debtor_bic");
  }
  if (Status s = check_text(d.remittance, "remittance", kRemittanceMax, false, scratch); !s) {
    return in_field(std::move(s), "remittance");
  }
  return Status::success();
}

// "debit 12 ('E2E-12'): <message>": the index and the id, so the row can be found either way.
Status about_debit(const Status& s, size_t index, const SepaDebit& d) {
  Error e = s.error();
  e.message = "debit " + std::to_string(index) + " ('" + d.end_to_end_id + "'): " + e.message;
  return Status(std::move(e));
}

}  // namespace

Status check_batch(const SepaBatch& batch) {
  std::string scratch;  // reused by every transliteration: no allocation per debit
  if (Status s = check_header(batch, scratch); !s) return s;
  if (batch.debits.empty()) return batch_error("debits", "a batch needs at least one debit");
  std::unordered_set<std::string_view> ids;
  ids.reserve(batch.debits.size());
  __int128 total = 0;
  for (size_t i = 0; i < batch.debits.size(); ++i) {
    const SepaDebit& d = batch.debits[i];
    if (Status s = check_debit(d, batch.collection_date, scratch); !s) return about_debit(s, i, d);
    if (!ids.insert(d.end_to_end_id).second) {
      return about_debit(batch_error("end_to_end_id", "already used earlier in this batch"), i, d);
    }
    total += d.amount.cents();
  }
  if (total > kControlSumMaxCents) {
    return batch_error("debits", "control sum exceeds the 18 digits allowed: split the batch");
  }
  return Status::success();
}

// ---- Writer ---------------------------------------------------------------------------------

namespace {

struct Totals {
  int64_t count = 0;
  Money sum;
};

// Appends `text` with the XML special characters escaped. Checked identifiers and
// transliterated text never contain them; this keeps the document well-formed regardless.
void append_escaped(std::string& out, std::string_view text) {
  auto special = [](char c) { return c == '&' || c == '<' || c == '>'; };
  if (std::none_of(text.begin(), text.end(), special)) {  // the usual case: one append
    out.append(text);
    return;
  }
  for (char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      default:
        out.push_back(c);
    }
  }
}

// The document is built in a block buffer flushed to the stream every 64 KiB: one write call
// per few hundred debits, and no per-debit stream formatting.
class XmlWriter {
 public:
  explicit XmlWriter(std::ostream& out) : out_(out) { buf_.reserve(kBlock + 8192); }

  void raw(std::string_view s) { buf_.append(s); }
  // <a><b>value</b></a> on one line, for a chain of single-child elements.
  void chain(std::initializer_list<std::string_view> tags, std::string_view value) {
    open_all(tags);
    append_escaped(buf_, value);
    close_all(tags);
  }
  // Same, with free text transliterated to the SEPA set (so nothing to escape).
  void chain_text(std::initializer_list<std::string_view> tags, std::string_view utf8) {
    open_all(tags);
    append_sepa_text(buf_, utf8);
    close_all(tags);
  }
  void leaf_money(std::string_view tag, Money m) {
    open(tag);
    m.append_to(buf_);
    close(tag);
    buf_.push_back('\n');
  }
  void leaf_count(std::string_view tag, int64_t n) { chain({tag}, std::to_string(n)); }
  std::string& buffer() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= kBlock) flush();
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr size_t kBlock = size_t{64} * 1024;
  void open(std::string_view tag) {
    buf_.push_back('<');
    buf_.append(tag);
    buf_.push_back('>');
  }
  void close(std::string_view tag) {
    buf_.append("</");
    buf_.append(tag);
    buf_.push_back('>');
  }
  void open_all(std::initializer_list<std::string_view> tags) {
    for (std::string_view t : tags) open(t);
  }
  void close_all(std::initializer_list<std::string_view> tags) {
    for (auto it = std::rbegin(tags); it != std::rend(tags); ++it) close(*it);
    buf_.push_back('\n');
  }

  std::ostream& out_;
  std::string buf_;
};

void write_group_header(XmlWriter& w, const SepaBatch& batch, const Totals& all) {
  w.raw(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.008.001.02\">\n"
      "<CstmrDrctDbtInitn>\n<GrpHdr>\n");
  w.chain({"MsgId"}, batch.message_id);
  w.chain({"CreDtTm"}, batch.created);
  w.leaf_count("NbOfTxs", all.count);
  w.leaf_money("CtrlSum", all.sum);
  w.chain_text({"InitgPty", "Nm"}, batch.creditor.name);
  w.raw("</GrpHdr>\n");
}

void write_payment_info_header(XmlWriter& w, const SepaBatch& batch, SequenceType seq,
                               const Totals& totals) {
  const SepaCreditor& c = batch.creditor;
  w.raw("<PmtInf>\n");
  std::string id = batch.message_id + "-" + std::string(to_string(seq));
  w.chain({"PmtInfId"}, id);
  w.raw("<PmtMtd>DD</PmtMtd>\n");
  w.leaf_count("NbOfTxs", totals.count);
  w.leaf_money("CtrlSum", totals.sum);
  w.raw("<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>CORE</Cd></LclInstrm><SeqTp>");
  w.raw(to_string(seq));
  w.raw("</SeqTp></PmtTpInf>\n");
  char date[10];
  w.chain({"ReqdColltnDt"}, format_date_to(batch.collection_date, date));
  w.chain_text({"Cdtr", "Nm"}, c.name);
  w.chain({"CdtrAcct", "Id", "IBAN"}, c.iban);
  w.chain({"CdtrAgt", "FinInstnId", "BIC"}, c.bic);
  w.raw("<ChrgBr>SLEV</ChrgBr>\n<CdtrSchmeId><Id><PrvtId><Othr><Id>");
  append_escaped(w.buffer(), c.creditor_id);
  w.raw("</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></CdtrSchmeId>\n");
}

void write_transaction(XmlWriter& w, const SepaDebit& d) {
  w.raw("<DrctDbtTxInf>\n");
  w.chain({"PmtId", "EndToEndId"}, d.end_to_end_id);
  w.raw("<InstdAmt Ccy=\"EUR\">");
  d.amount.append_to(w.buffer());
  w.raw("</InstdAmt>\n<DrctDbtTx><MndtRltdInf><MndtId>");
  append_escaped(w.buffer(), d.mandate_id);
  w.raw("</MndtId><DtOfSgntr>");
  append_date(w.buffer(), d.mandate_signed);
  w.raw("</DtOfSgntr></MndtRltdInf></DrctDbtTx>\n");
  if (d.debtor_bic.empty()) {
    w.raw("<DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>\n");
  } else {
    w.chain({"DbtrAgt", "FinInstnId", "BIC"}, d.debtor_bic);
  }
  w.chain_text({"Dbtr", "Nm"}, d.debtor_name);
  w.chain({"DbtrAcct", "Id", "IBAN"}, d.debtor_iban);
  if (!d.remittance.empty()) w.chain_text({"RmtInf", "Ustrd"}, d.remittance);
  w.raw("</DrctDbtTxInf>\n");
  w.maybe_flush();
}

}  // namespace

void write_pain008(const SepaBatch& batch, std::ostream& out) {
  // Counts and sums first (one pass), since each PmtInf header precedes its transactions.
  std::array<Totals, 4> per_sequence{};
  Totals all;
  for (const SepaDebit& d : batch.debits) {
    Totals& t = per_sequence[sequence_index(d.sequence)];
    ++t.count;
    t.sum += d.amount;
    ++all.count;
    all.sum += d.amount;
  }
  XmlWriter w(out);
  write_group_header(w, batch, all);
  for (SequenceType seq : kSequenceOrder) {
    const Totals& totals = per_sequence[sequence_index(seq)];
    if (totals.count == 0) continue;
    write_payment_info_header(w, batch, seq, totals);
    for (const SepaDebit& d : batch.debits) {
      if (d.sequence == seq) write_transaction(w, d);
    }
    w.raw("</PmtInf>\n");
  }
  w.raw("</CstmrDrctDbtInitn>\n</Document>\n");
  w.flush();
}

}  // namespace mutua
