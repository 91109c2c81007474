// SEPA direct debit files (BIL-03): identifiers, the pain.008 export checked against the
// official schema, and the import of pain.002 rejects.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "formats/sepa.hpp"

namespace mutua {
namespace {

const std::string kSourceDir = MUTUA_SOURCE_DIR;
const std::string kDataDir = kSourceDir + "/tests/data/sepa/";
const std::string kSchemaDir = kDataDir;  // the XSDs sit beside the reports

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- libxml2 helpers (tests only) -----------------------------------------------------------

// Validates a document against an XSD; returns the schema errors ("" when valid).
class SchemaValidator {
 public:
  explicit SchemaValidator(const std::string& xsd_path) {
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(xsd_path.c_str());
    schema_ = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
  }
  ~SchemaValidator() { xmlSchemaFree(schema_); }
  bool loaded() const { return schema_ != nullptr; }

  std::string errors(const std::string& xml) const {
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "doc.xml", nullptr,
                                  XML_PARSE_NONET);
    if (doc == nullptr) return "not well-formed";
    std::string messages;
    xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema_);
    xmlSchemaSetValidStructuredErrors(valid, collect, &messages);
    int rc = xmlSchemaValidateDoc(valid, doc);
    xmlSchemaFreeValidCtxt(valid);
    xmlFreeDoc(doc);
    if (rc != 0 && messages.empty()) messages = "invalid (code " + std::to_string(rc) + ")";
    return messages;
  }

 private:
  static void collect(void* user, xmlErrorPtr e) {
    auto* out = static_cast<std::string*>(user);
    *out += "line " + std::to_string(e->line) + ": " + (e->message ? e->message : "?");
  }
  xmlSchemaPtr schema_ = nullptr;
};

const SchemaValidator& pain008_schema() {
  static const SchemaValidator v(kSchemaDir + "pain.008.001.02.xsd");
  return v;
}
const SchemaValidator& pain002_schema() {
  static const SchemaValidator v(kSchemaDir + "pain.002.001.03.xsd");
  return v;
}

// XPath queries on a written pain.008 (prefix p: for its namespace).
class Pain008View {
 public:
  explicit Pain008View(const std::string& xml)
      : doc_(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "p.xml", nullptr, 0)) {
    ctx_ = xmlXPathNewContext(doc_);
    xmlXPathRegisterNs(ctx_, BAD_CAST "p",
                       BAD_CAST "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02");
  }
  ~Pain008View() {
    xmlXPathFreeContext(ctx_);
    xmlFreeDoc(doc_);
  }
  bool ok() const { return doc_ != nullptr; }
  std::string str(const std::string& xpath) const {
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST("string(" + xpath + ")").c_str(), ctx_);
    std::string s = r && r->stringval ? reinterpret_cast<const char*>(r->stringval) : "";
    xmlXPathFreeObject(r);
    return s;
  }
  int count(const std::string& xpath) const {
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST("count(" + xpath + ")").c_str(), ctx_);
    int n = r ? static_cast<int>(r->floatval) : -1;
    xmlXPathFreeObject(r);
    return n;
  }
  Money money(const std::string& xpath) const { return Money::parse(str(xpath)).value(); }
  // Sum of the InstdAmt of the n-th PmtInf (1-based), parsed as exact cents.
  Money sum_of_amounts(int pmt_inf) const {
    Money sum;
    std::string base = "/p:Document/p:CstmrDrctDbtInitn/p:PmtInf[" + std::to_string(pmt_inf) + "]";
    int n = count(base + "/p:DrctDbtTxInf");
    for (int i = 1; i <= n; ++i) {
      sum += money(base + "/p:DrctDbtTxInf[" + std::to_string(i) + "]/p:InstdAmt");
    }
    return sum;
  }

 private:
  xmlDocPtr doc_;
  xmlXPathContextPtr ctx_ = nullptr;
};

constexpr const char* kGrpHdr = "/p:Document/p:CstmrDrctDbtInitn/p:GrpHdr";
std::string pmt_inf(int n) {
  return "/p:Document/p:CstmrDrctDbtInitn/p:PmtInf[" + std::to_string(n) + "]";
}

// ---- Sample batch ---------------------------------------------------------------------------

SepaDebit debit(std::string id, int64_t cents, SequenceType seq, std::string name) {
  SepaDebit d;
  d.end_to_end_id = std::move(id);
  d.amount = Money::from_cents(cents);
  d.mandate_id = "MGA-" + d.end_to_end_id.substr(d.end_to_end_id.size() - 4) + "-01";
  d.mandate_signed = make_date(2023, 1, 15);
  d.sequence = seq;
  d.debtor_name = std::move(name);
  d.debtor_iban = "FR7630006000011234567890189";
  d.debtor_bic = "AGRIFRPP";
  d.remittance = "Cotisation décembre 2026";
  return d;
}

SepaBatch sample_batch() {
  SepaBatch b;
  b.message_id = "MGA-2026-12";
  b.created = "2026-11-22T00:00:00";
  b.collection_date = make_date(2026, 12, 5);
  b.creditor = {"Mutuelle Générale d'Avignon", "FR1420041010050500013M02606", "CMCIFR2A",
                "FR56ZZZ564318"};
  using S = SequenceType;
  b.debits = {
      debit("MGA-2026-12-0001", 4217, S::kRecurring, "Hélène Martin"),
      debit("MGA-2026-12-0002", 11860, S::kFirst, "François Lévêque"),
      debit("MGA-2026-12-0003", 3500, S::kOneOff, "Zoë Œuvray-Müller"),
      debit("MGA-2026-12-0004", 1, S::kRecurring, "Jean Dupont & Fils"),
      debit("MGA-2026-12-0005", 99'999'999'999, S::kFinal, "Ana Núñez"),
      debit("MGA-2026-12-0006", 7033, S::kFirst, "Łukasz Wałęsa"),
      debit("MGA-2026-12-0007", 2599, S::kRecurring, "Jörg Straße"),
  };
  b.debits[2].debtor_bic.clear();  // a debtor bank without BIC: NOTPROVIDED
  b.debits[3].remittance.clear();  // no remittance: no RmtInf
  b.debits[4].debtor_iban = "DE89370400440532013000";
  b.debits[4].debtor_bic = "COBADEFFXXX";
  return b;
}

std::string write(const SepaBatch& b) {
  std::ostringstream out;
  write_pain008(b, out);
  return out.str();
}

// ---- Identifiers ----------------------------------------------------------------------------

TEST(SepaSequence, CodesRoundTrip_BIL_03) {
  for (SequenceType t : {SequenceType::kFirst, SequenceType::kRecurring, SequenceType::kFinal,
                         SequenceType::kOneOff}) {
    EXPECT_EQ(parse_sequence_type(to_string(t)), t);
  }
  EXPECT_EQ(to_string(SequenceType::kFirst), "FRST");
  EXPECT_EQ(to_string(SequenceType::kOneOff), "OOFF");
  EXPECT_FALSE(parse_sequence_type("rcur"));
  EXPECT_FALSE(parse_sequence_type(""));
}

// The catalogue's ICS (config/catalogue.yaml, organism.creditor_id; FR56ZZZ564318 when written)
// must pass the bank's check: 564318 + FR00 → 564318152700 mod 97 = 42, 98 − 42 = 56. BIL-03.
TEST(SepaCreditorId, CatalogueIcsIsValid_BIL_03) {
  std::smatch m;
  std::string yaml = read_text(kSourceDir + "/config/catalogue.yaml");
  ASSERT_TRUE(std::regex_search(yaml, m, std::regex("creditor_id:\\s*\"([A-Z0-9]+)\"")));
  Status s = check_creditor_id(m[1].str());
  EXPECT_TRUE(s) << s.error().message;
}

// Check digits recomputed by hand (national id + country + "00", letters A=10..Z=35).
TEST(SepaCreditorId, KnownValid_BIL_03) {
  for (const char* ics : {"FR56ZZZ564318", "DE98ZZZ09999999999", "FR72ZZZ123456",
                          "NL53ZZZ091734220000", "BE69ZZZ050D000000008", "ES50ZZZM23456789"}) {
    Status s = check_creditor_id(ics);
    EXPECT_TRUE(s) << ics << ": " << (s ? "" : s.error().message);
  }
  // The business code is outside the check: a creditor may change it.
  EXPECT_TRUE(check_creditor_id("FR72ABC123456"));
  EXPECT_TRUE(check_creditor_id("FR56001564318"));
}

TEST(SepaCreditorId, WrongDigitsOrShape_BIL_03) {
  Status s = check_creditor_id("FR14ZZZ123456");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("check digits (expected 72)"), std::string::npos);
  EXPECT_FALSE(check_creditor_id("FR57ZZZ564318"));
  EXPECT_FALSE(check_creditor_id("FR56ZZZ564319"));
  EXPECT_FALSE(check_creditor_id("DE99ZZZ09999999999"));
  EXPECT_FALSE(check_creditor_id(""));
  EXPECT_FALSE(check_creditor_id("fr56zzz564318"));  // strict: uppercase only
  EXPECT_FALSE(check_creditor_id("FR56 ZZZ 564318"));
  EXPECT_FALSE(check_creditor_id("FR56ZZZ5643180"));  // FR: 13 characters
  EXPECT_FALSE(check_creditor_id("F156ZZZ564318"));
  EXPECT_FALSE(check_creditor_id("FRX6ZZZ564318"));
  EXPECT_FALSE(check_creditor_id("FR56Z-Z564318"));
}

TEST(SepaBic, ValidAndInvalid_BIL_03) {
  for (const char* bic : {"BNPAFRPP", "BNPAFRPPXXX", "CMCIFR2A", "AGRIFRPP882", "DEUTDEFF500",
                          "PSSTFRPPMAR", "COBADEFFXXX"}) {
    EXPECT_TRUE(check_bic(bic)) << bic;
  }
  EXPECT_FALSE(check_bic(""));
  EXPECT_FALSE(check_bic("bnpafrpp"));
  EXPECT_FALSE(check_bic("BNPAFRP"));     // 7
  EXPECT_FALSE(check_bic("BNPAFRPPX"));   // 9
  EXPECT_FALSE(check_bic("BNPAFRPPXX"));  // 10
  EXPECT_FALSE(check_bic("BNP1FRPP"));    // digit in the bank code
  EXPECT_FALSE(check_bic("BNPAF1PP"));    // digit in the country
  EXPECT_FALSE(check_bic("BNPAFR0P"));    // location starting with 0 (test BIC)
  EXPECT_FALSE(check_bic("BNPAFRPO"));    // letter O second in the location
  EXPECT_FALSE(check_bic("BNPAFRPP-XX"));
}

TEST(SepaId, CharacterSetAndLength_BIL_03) {
  EXPECT_TRUE(check_sepa_id("MGA-2026-12-000017", "id"));
  EXPECT_TRUE(check_sepa_id("a/b?c:(d).e,f'g+h i", "id"));
  EXPECT_TRUE(check_sepa_id(std::string(35, 'X'), "id"));
  EXPECT_FALSE(check_sepa_id(std::string(36, 'X'), "id"));
  EXPECT_TRUE(check_sepa_id(std::string(30, 'X'), "id", 30));
  EXPECT_FALSE(check_sepa_id(std::string(31, 'X'), "id", 30));
  EXPECT_FALSE(check_sepa_id("", "id"));
  for (const char* bad : {"MGA_1", "MGA&1", "MGA<1", "MGA\"1", "Hélène", "MGA;1", "MGA\t1"}) {
    EXPECT_FALSE(check_sepa_id(bad, "id")) << bad;
  }
  Status s = check_sepa_id("A//B", "end to end id");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("end to end id"), std::string::npos);
  EXPECT_FALSE(check_sepa_id("/AB", "id"));
  EXPECT_FALSE(check_sepa_id("AB/", "id"));
  EXPECT_TRUE(check_sepa_id("A/B", "id"));
}

TEST(SepaId, MandateReferenceHasNoSpace_BIL_03) {
  EXPECT_TRUE(check_mandate_id("MGA-000123-01"));
  EXPECT_FALSE(check_mandate_id("MGA 000123 01"));
  EXPECT_FALSE(check_mandate_id(std::string(36, '1')));
  EXPECT_FALSE(check_mandate_id(""));
}

TEST(SepaText, Transliteration_BIL_03) {
  EXPECT_EQ(to_sepa_text("Hélène Lévêque-Çaïn"), "Helene Leveque-Cain");
  EXPECT_EQ(to_sepa_text("Zoë Œuvray, Æsa Müller-Straße"), "Zoe OEuvray, AEsa Muller-Strasse");
  EXPECT_EQ(to_sepa_text("Łukasz Wałęsa Dvořák"), "Lukasz Walesa Dvorak");
  EXPECT_EQ(to_sepa_text("l’Étang «Ñandú» – 12 €"), "l'Etang 'Nandu' - 12 EUR");
  EXPECT_EQ(to_sepa_text("Dupont  &  Fils_SA"), "Dupont + Fils-SA");
  EXPECT_EQ(to_sepa_text("  <Jean>\t\"Paul\"  "), "Jean 'Paul'");
  EXPECT_EQ(to_sepa_text("e\xCC\x81t\xC3\xA9"), "ete");  // decomposed é, then composed
  EXPECT_EQ(to_sepa_text("李 Wang"), "Wang");            // no equivalent: dropped
  EXPECT_EQ(to_sepa_text("A\xFF\xC3Z"), "A Z");          // invalid UTF-8 bytes
  EXPECT_EQ(to_sepa_text(""), "");
  std::string out = "x";
  append_sepa_text(out, " é ");
  EXPECT_EQ(out, "xe");
}

// ---- Batch checks ---------------------------------------------------------------------------

TEST(SepaBatchCheck, SampleIsValid_BIL_03) {
  Status s = check_batch(sample_batch());
  EXPECT_TRUE(s) << s.error().to_string();
}

// Each refusal names the field, and for a debit its index and end-to-end id.
void expect_refused(const SepaBatch& b, const std::string& field, const std::string& text) {
  Status s = check_batch(b);
  ASSERT_FALSE(s) << "expected a refusal on " << field;
  EXPECT_EQ(s.error().field, field) << s.error().to_string();
  EXPECT_NE(s.error().message.find(text), std::string::npos) << s.error().to_string();
}

TEST(SepaBatchCheck, CreditorAndHeader_BIL_03) {
  SepaBatch b = sample_batch();
  b.creditor.iban = "FR1520041010050500013M02606";
  expect_refused(b, "creditor.iban", "check digits");
  b = sample_batch();
  b.creditor.bic = "CMCIFR";
  expect_refused(b, "creditor.bic", "8 or 11");
  b = sample_batch();
  b.creditor.creditor_id = "FR57ZZZ564318";
  expect_refused(b, "creditor.creditor_id", "check digits");
  b = sample_batch();
  b.creditor.name = "  ";
  expect_refused(b, "creditor.name", "empty");
  b = sample_batch();
  b.message_id = std::string(31, 'M');  // MsgId-FRST would exceed 35
  expect_refused(b, "message_id", "30");
  b = sample_batch();
  b.created = "2026-11-22 00:00:00";
  expect_refused(b, "created", "YYYY-MM-DDThh:mm:ss");
  b = sample_batch();
  b.created = "2026-11-22T24:00:00";
  expect_refused(b, "created", "YYYY");
  b = sample_batch();
  b.collection_date = Date{};
  expect_refused(b, "collection_date", "date");
  b = sample_batch();
  b.debits.clear();
  expect_refused(b, "debits", "at least one");
}

TEST(SepaBatchCheck, Debits_BIL_03) {
  SepaBatch b = sample_batch();
  b.debits[1].debtor_iban = "FR7630006000011234567890188";
  expect_refused(b, "debtor_iban", "debit 1 ('MGA-2026-12-0002')");
  b = sample_batch();
  b.debits[1].debtor_bic = "AGRIFRP";
  expect_refused(b, "debtor_bic", "debit 1 ('MGA-2026-12-0002')");
  b = sample_batch();
  b.debits[5].end_to_end_id = "MGA-2026-12-0002";
  expect_refused(b, "end_to_end_id", "debit 5 ('MGA-2026-12-0002'): already used");
  b = sample_batch();
  b.debits[0].end_to_end_id = "MGA_2026";
  expect_refused(b, "end_to_end_id", "debit 0");
  b = sample_batch();
  b.debits[2].amount = Money();
  expect_refused(b, "amount", "debit 2");
  b.debits[2].amount = Money::from_cents(-100);
  expect_refused(b, "amount", "debit 2");
  b.debits[2].amount = kSepaMaxAmount + Money::from_cents(1);
  expect_refused(b, "amount", "1000000000.00");
  b = sample_batch();
  b.debits[3].mandate_id = "MGA 0004";
  expect_refused(b, "mandate_id", "space");
  b = sample_batch();
  b.debits[3].mandate_signed = make_date(2026, 12, 6);
  expect_refused(b, "mandate_signed", "after the collection date");
  b = sample_batch();
  b.debits[3].mandate_signed = Date{};
  expect_refused(b, "mandate_signed", "missing");
  b = sample_batch();
  b.debits[6].debtor_name = std::string(60, 'a') + " " + std::string(10, 'b');  // 71
  expect_refused(b, "debtor_name", "longer than 70");
  b.debits[6].debtor_name = "李";  // nothing left once transliterated
  expect_refused(b, "debtor_name", "empty");
  b = sample_batch();
  b.debits[6].remittance = std::string(141, 'r');
  expect_refused(b, "remittance", "140");
}

TEST(SepaBatchCheck, LimitsAreInclusive_BIL_03) {
  SepaBatch b = sample_batch();
  b.message_id = std::string(30, 'M');
  b.debits[0].debtor_name = std::string(70, 'n');
  b.debits[0].remittance = std::string(140, 'r');
  b.debits[0].end_to_end_id = std::string(35, 'E');
  b.debits[0].mandate_signed = b.collection_date;
  Status s = check_batch(b);
  EXPECT_TRUE(s) << s.error().to_string();
  ASSERT_TRUE(pain008_schema().loaded());
  EXPECT_EQ(pain008_schema().errors(write(b)), "");
}

// ---- pain.008 -------------------------------------------------------------------------------

TEST(SepaPain008, MixedBatchValidatesAgainstOfficialSchema_BIL_03) {
  ASSERT_TRUE(pain008_schema().loaded());
  std::string xml = write(sample_batch());
  EXPECT_EQ(pain008_schema().errors(xml), "");
}

TEST(SepaPain008, GroupAndBlocksAddUp_BIL_03) {
  SepaBatch b = sample_batch();
  Pain008View v(write(b));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.str(std::string(kGrpHdr) + "/p:MsgId"), "MGA-2026-12");
  EXPECT_EQ(v.str(std::string(kGrpHdr) + "/p:CreDtTm"), "2026-11-22T00:00:00");
  EXPECT_EQ(v.str(std::string(kGrpHdr) + "/p:NbOfTxs"), "7");
  EXPECT_EQ(v.str(std::string(kGrpHdr) + "/p:CtrlSum"), "1000000292.09");
  EXPECT_EQ(v.str(std::string(kGrpHdr) + "/p:InitgPty/p:Nm"), "Mutuelle Generale d'Avignon");
  // One block per sequence present, in the order FRST, RCUR, FNAL, OOFF.
  ASSERT_EQ(v.count("//p:PmtInf"), 4);
  const char* seqs[] = {"FRST", "RCUR", "FNAL", "OOFF"};
  const char* counts[] = {"2", "3", "1", "1"};
  const char* sums[] = {"188.93", "68.17", "999999999.99", "35.00"};
  Money total;
  for (int i = 1; i <= 4; ++i) {
    std::string p = pmt_inf(i);
    EXPECT_EQ(v.str(p + "/p:PmtInfId"), std::string("MGA-2026-12-") + seqs[i - 1]);
    EXPECT_EQ(v.str(p + "/p:PmtTpInf/p:SeqTp"), seqs[i - 1]);
    EXPECT_EQ(v.str(p + "/p:PmtTpInf/p:LclInstrm/p:Cd"), "CORE");
    EXPECT_EQ(v.str(p + "/p:NbOfTxs"), counts[i - 1]);
    EXPECT_EQ(v.str(p + "/p:CtrlSum"), sums[i - 1]);
    EXPECT_EQ(v.count(p + "/p:DrctDbtTxInf"), std::stoi(counts[i - 1]));
    EXPECT_EQ(v.money(p + "/p:CtrlSum"), v.sum_of_amounts(i));
    EXPECT_EQ(v.str(p + "/p:ReqdColltnDt"), "2026-12-05");
    EXPECT_EQ(v.str(p + "/p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id"), "FR56ZZZ564318");
    total += v.money(p + "/p:CtrlSum");
  }
  EXPECT_EQ(total, v.money(std::string(kGrpHdr) + "/p:CtrlSum"));
  // Batch order is kept inside a block.
  EXPECT_EQ(v.str(pmt_inf(2) + "/p:DrctDbtTxInf[1]/p:PmtId/p:EndToEndId"), "MGA-2026-12-0001");
  EXPECT_EQ(v.str(pmt_inf(2) + "/p:DrctDbtTxInf[2]/p:InstdAmt"), "0.01");
  EXPECT_EQ(v.str(pmt_inf(2) + "/p:DrctDbtTxInf[2]/p:InstdAmt/@Ccy"), "EUR");
}

TEST(SepaPain008, TransactionContent_BIL_03) {
  Pain008View v(write(sample_batch()));
  ASSERT_TRUE(v.ok());
  std::string ooff = pmt_inf(4) + "/p:DrctDbtTxInf[1]";
  EXPECT_EQ(v.str(ooff + "/p:Dbtr/p:Nm"), "Zoe OEuvray-Muller");
  EXPECT_EQ(v.str(ooff + "/p:DbtrAgt/p:FinInstnId/p:Othr/p:Id"), "NOTPROVIDED");
  EXPECT_EQ(v.count(ooff + "/p:DbtrAgt/p:FinInstnId/p:BIC"), 0);
  EXPECT_EQ(v.str(ooff + "/p:DrctDbtTx/p:MndtRltdInf/p:MndtId"), "MGA-0003-01");
  EXPECT_EQ(v.str(ooff + "/p:DrctDbtTx/p:MndtRltdInf/p:DtOfSgntr"), "2023-01-15");
  EXPECT_EQ(v.str(ooff + "/p:RmtInf/p:Ustrd"), "Cotisation decembre 2026");
  std::string frst = pmt_inf(1);
  EXPECT_EQ(v.str(frst + "/p:DrctDbtTxInf[1]/p:Dbtr/p:Nm"), "Francois Leveque");
  EXPECT_EQ(v.str(frst + "/p:DrctDbtTxInf[2]/p:Dbtr/p:Nm"), "Lukasz Walesa");
  EXPECT_EQ(v.str(frst + "/p:DrctDbtTxInf[1]/p:DbtrAgt/p:FinInstnId/p:BIC"), "AGRIFRPP");
  EXPECT_EQ(v.str(frst + "/p:Cdtr/p:Nm"), "Mutuelle Generale d'Avignon");
  EXPECT_EQ(v.str(frst + "/p:CdtrAcct/p:Id/p:IBAN"), "FR1420041010050500013M02606");
  EXPECT_EQ(v.str(frst + "/p:CdtrAgt/p:FinInstnId/p:BIC"), "CMCIFR2A");
  EXPECT_EQ(v.str(frst + "/p:ChrgBr"), "SLEV");
  std::string rcur = pmt_inf(2);
  EXPECT_EQ(v.str(rcur + "/p:DrctDbtTxInf[2]/p:Dbtr/p:Nm"), "Jean Dupont + Fils");
  EXPECT_EQ(v.count(rcur + "/p:DrctDbtTxInf[2]/p:RmtInf"), 0);
  EXPECT_EQ(v.str(rcur + "/p:DrctDbtTxInf[3]/p:Dbtr/p:Nm"), "Jorg Strasse");
  // The whole document is ASCII: nothing for a bank to misread.
  std::string xml = write(sample_batch());
  EXPECT_EQ(std::count_if(xml.begin(), xml.end(),
                          [](char c) { return static_cast<unsigned char>(c) > 127; }),
            0);
}

// A caller that skipped check_batch still gets well-formed XML (identifiers are escaped).
TEST(SepaPain008, EscapesUncheckedIdentifiers_BIL_03) {
  SepaBatch b = sample_batch();
  b.message_id = "A&B<C>";
  b.debits[0].end_to_end_id = "E&<2E>";
  std::string xml = write(b);
  EXPECT_NE(xml.find("<MsgId>A&amp;B&lt;C&gt;</MsgId>"), std::string::npos);
  Pain008View v(xml);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.str(std::string(kGrpHdr) + "/p:MsgId"), "A&B<C>");
  EXPECT_EQ(v.str(pmt_inf(2) + "/p:DrctDbtTxInf[1]/p:PmtId/p:EndToEndId"), "E&<2E>");
}

// Control sums are exact whatever the amounts and the mix of sequence types: each block's
// CtrlSum equals its amounts read back, the group's equals the batch total. BIL-03.
RC_GTEST_PROP(SepaPain008Property, ControlSumsAreExact_BIL_03, ()) {
  auto cents_gen = rc::gen::oneOf(rc::gen::inRange<int64_t>(1, 10'000),
                                  rc::gen::inRange<int64_t>(1, kSepaMaxAmount.cents() + 1));
  auto items = *rc::gen::resize(
      60, rc::gen::nonEmpty(rc::gen::container<std::vector<std::pair<int, int64_t>>>(
              rc::gen::pair(rc::gen::inRange(0, 4), cents_gen))));
  SepaBatch b = sample_batch();
  b.debits.clear();
  std::array<int64_t, 4> expected_sum{};
  std::array<int, 4> expected_count{};
  int64_t total = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    auto [seq, cents] = items[i];
    b.debits.push_back(debit("E2E-" + std::to_string(1000 + i), cents,
                             static_cast<SequenceType>(seq), "Adhérent " + std::to_string(i)));
    expected_sum[seq] += cents;
    ++expected_count[seq];
    total += cents;
  }
  RC_ASSERT(check_batch(b).ok());
  std::string xml = write(b);
  Pain008View v(xml);
  RC_ASSERT(v.ok());
  RC_ASSERT(v.str(std::string(kGrpHdr) + "/p:NbOfTxs") == std::to_string(items.size()));
  RC_ASSERT(v.money(std::string(kGrpHdr) + "/p:CtrlSum") == Money::from_cents(total));
  int block = 0;
  for (int seq = 0; seq < 4; ++seq) {
    if (expected_count[seq] == 0) continue;
    std::string p = pmt_inf(++block);
    RC_ASSERT(v.str(p + "/p:PmtTpInf/p:SeqTp") == to_string(static_cast<SequenceType>(seq)));
    RC_ASSERT(v.str(p + "/p:NbOfTxs") == std::to_string(expected_count[seq]));
    RC_ASSERT(v.money(p + "/p:CtrlSum") == Money::from_cents(expected_sum[seq]));
    RC_ASSERT(v.sum_of_amounts(block) == Money::from_cents(expected_sum[seq]));
  }
  RC_ASSERT(v.count("//p:PmtInf") == block);
  RC_ASSERT(pain008_schema().errors(xml).empty());
}

// Counts bytes without keeping them: the timing measures the writer, not memory or a disk.
class CountingBuf : public std::streambuf {
 public:
  size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    ++bytes;
    return c;
  }
};

// Measurement only (no timed assertion): prints check and write times for 1,000,000 debits.
TEST(SepaPain008, MillionDebitsTiming_BIL_03) {
  SepaBatch b = sample_batch();
  b.debits.clear();
  b.debits.reserve(1'000'000);
  using S = SequenceType;
  const S seqs[] = {S::kRecurring, S::kRecurring, S::kRecurring, S::kFirst, S::kFinal, S::kOneOff};
  for (int i = 0; i < 1'000'000; ++i) {
    b.debits.push_back(debit("MGA-2026-12-" + std::to_string(1'000'000 + i), 1000 + i % 99'000,
                             seqs[i % 6], i % 2 ? "Hélène Lévêque" : "Jean Martin"));
  }
  auto t0 = std::chrono::steady_clock::now();
  Status s = check_batch(b);
  auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(s) << s.error().to_string();
  CountingBuf buf;
  std::ostream out(&buf);
  write_pain008(b, out);
  auto t2 = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::cout << "[ timing   ] 1,000,000 debits: check_batch " << ms(t1 - t0) << " ms, write_pain008 "
            << ms(t2 - t1) << " ms, " << buf.bytes / (1024 * 1024) << " MiB\n";
  EXPECT_GT(buf.bytes, 400'000'000u);  // ~470 bytes a debit
}

// ---- pain.002 -------------------------------------------------------------------------------

TEST(SepaPain002, SamplesValidateAgainstEpcSchema_BIL_03) {
  ASSERT_TRUE(pain002_schema().loaded());
  for (const char* f : {"rejects_sample.xml", "rejects_payment_info.xml", "rejects_group.xml"}) {
    EXPECT_EQ(pain002_schema().errors(read_text(kDataDir + f)), "") << f;
  }
}

TEST(SepaPain002, TransactionRejects_BIL_03) {
  auto r = read_pain002(kDataDir + "rejects_sample.xml");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  const SepaReject& a = (*r)[0];
  EXPECT_EQ(a.original_message_id, "MGA-2026-12");
  EXPECT_EQ(a.original_message_name, "pain.008.001.02");
  EXPECT_EQ(a.end_to_end_id, "MGA-2026-12-000017");
  EXPECT_EQ(a.payment_info_id, "MGA-2026-12-RCUR");
  EXPECT_EQ(a.reason_code, "AM04");
  EXPECT_EQ(a.reason_text, "provision insuffisante");
  EXPECT_EQ(a.amount, Money::from_cents(4217));
  EXPECT_EQ(a.line, 22);
  const SepaReject& b = (*r)[1];
  EXPECT_EQ(b.end_to_end_id, "MGA-2026-12-000842");
  EXPECT_EQ(b.reason_code, "AC04");
  EXPECT_EQ(b.reason_text, "compte clôturé");
  EXPECT_EQ(b.amount, Money::from_cents(11860));
  EXPECT_EQ(b.line, 86);
}

TEST(SepaPain002, PaymentInformationRejectedWhole_BIL_03) {
  auto r = read_pain002(kDataDir + "rejects_payment_info.xml");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].end_to_end_id, "");
  EXPECT_EQ((*r)[0].payment_info_id, "MGA-2026-12-FRST");
  EXPECT_EQ((*r)[0].reason_code, "BE05");
  EXPECT_EQ((*r)[0].reason_text, "identifiant du créancier incorrect");
  EXPECT_FALSE((*r)[0].amount);
  EXPECT_EQ((*r)[0].line, 18);
}

TEST(SepaPain002, GroupRejectedWhole_BIL_03) {
  auto r = read_pain002(kDataDir + "rejects_group.xml");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].original_message_id, "MGA-2026-12");
  EXPECT_EQ((*r)[0].end_to_end_id, "");
  EXPECT_EQ((*r)[0].payment_info_id, "");
  EXPECT_EQ((*r)[0].reason_code, "AM05");
  EXPECT_EQ((*r)[0].reason_text, "opération en double");
  EXPECT_EQ((*r)[0].line, 9);
}

TEST(SepaPain002, AcceptedStatusesSkipped_BIL_03) {
  auto r = read_pain002(kDataDir + "status_iso_mixed.xml");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].end_to_end_id, "MGA-2026-12-001102");
  EXPECT_EQ((*r)[0].payment_info_id, "MGA-2026-12-OOFF");
  EXPECT_EQ((*r)[0].reason_code, "MS02");
  EXPECT_EQ((*r)[0].reason_text, "refus du débiteur");
  EXPECT_EQ((*r)[0].amount, Money::from_cents(3500));
  EXPECT_EQ((*r)[0].line, 27);
}

TEST(SepaPain002, ReasonLabels_BIL_03) {
  EXPECT_EQ(sepa_reason_label("AC01"), "IBAN incorrect");
  EXPECT_EQ(sepa_reason_label("AC06"), "compte bloqué");
  EXPECT_EQ(sepa_reason_label("AG01"), "transaction interdite sur ce compte");
  EXPECT_EQ(sepa_reason_label("MD01"), "absence de mandat");
  EXPECT_EQ(sepa_reason_label("MD06"), "contestation du débiteur");
  EXPECT_EQ(sepa_reason_label("MS03"), "raison non communiquée");
  EXPECT_EQ(sepa_reason_label("SL01"), "service spécifique de la banque");
  EXPECT_EQ(sepa_reason_label("ZZ99"), "");
}

const std::string kPain002Ns = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03";

// Malformed reports are written to a scratch file; each must give file, line and element.
class SepaPain002Errors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mutua-sepa-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Error read_error(const std::string& xml) {
    std::string path = (dir_ / "report.xml").string();
    std::ofstream(path) << xml;
    auto r = read_pain002(path);
    EXPECT_FALSE(r) << "expected an error";
    if (r) return Error{};
    EXPECT_EQ(r.error().file, path);
    return r.error();
  }

  // A minimal report around one payment information block (lines 1-7, block from line 8).
  static std::string report(const std::string& block, const std::string& ns = kPain002Ns) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    xml += "<Document xmlns=\"" + ns + "\">\n";
    xml += "<CstmrPmtStsRpt>\n";
    xml += "<GrpHdr><MsgId>PSR-1</MsgId><CreDtTm>2026-12-07T06:12:45</CreDtTm></GrpHdr>\n";
    xml += "<OrgnlGrpInfAndSts>\n";
    xml += "<OrgnlMsgId>MGA-2026-12</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId>\n";
    xml += "</OrgnlGrpInfAndSts>\n";
    return xml + block + "</CstmrPmtStsRpt>\n</Document>\n";
  }

  std::filesystem::path dir_;
};

TEST_F(SepaPain002Errors, MissingFile_BIL_03) {
  auto r = read_pain002((dir_ / "absent.xml").string());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("cannot open"), std::string::npos);
}

TEST_F(SepaPain002Errors, MalformedXml_BIL_03) {
  Error e =
      read_error(report("<OrgnlPmtInfAndSts>\n<OrgnlPmtInfId>X</OrgnlPmtInfId>\n"
                        "<TxInfAndSts><OrgnlEndToEndId>E1</OrgnlEndToEnd>\n"));
  EXPECT_EQ(e.line, 10) << e.to_string();  // the first error, not the end of file it causes
  EXPECT_NE(e.message.find("malformed XML: Opening and ending tag mismatch"), std::string::npos)
      << e.to_string();
}

TEST_F(SepaPain002Errors, WrongRootOrNamespace_BIL_03) {
  Error e = read_error(report("", "urn:iso:std:iso:20022:tech:xsd:pain.002.001.02"));
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.field, "Document");
  EXPECT_NE(e.message.find("namespace"), std::string::npos);
  e = read_error("<?xml version=\"1.0\"?>\n<Report/>\n");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.field, "Report");
  e = read_error(
      "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:"
      "pain.002.001.03\">\n<CstmrPmtStsRpt/>\n</Document>\n");
  EXPECT_EQ(e.field, "OrgnlGrpInfAndSts");
  EXPECT_EQ(e.line, 3);
}

TEST_F(SepaPain002Errors, TransactionWithoutEndToEndId_BIL_03) {
  Error e =
      read_error(report("<OrgnlPmtInfAndSts>\n<OrgnlPmtInfId>MGA-2026-12-RCUR</OrgnlPmtInfId>\n"
                        "<TxInfAndSts>\n<TxSts>RJCT</TxSts>\n</TxInfAndSts>\n"
                        "</OrgnlPmtInfAndSts>\n"));
  EXPECT_EQ(e.line, 10);
  EXPECT_EQ(e.field, "OrgnlEndToEndId");
  EXPECT_EQ(e.to_string().find(e.file + ":10: OrgnlEndToEndId: "), 0u) << e.to_string();
}

TEST_F(SepaPain002Errors, BadAmount_BIL_03) {
  auto tx = [](const std::string& amount) {
    return "<OrgnlPmtInfAndSts>\n<OrgnlPmtInfId>MGA-2026-12-RCUR</OrgnlPmtInfId>\n"
           "<TxInfAndSts>\n<OrgnlEndToEndId>E1</OrgnlEndToEndId><TxSts>RJCT</TxSts>\n"
           "<OrgnlTxRef><Amt>\n" +
           amount +
           "\n</Amt></OrgnlTxRef>\n</TxInfAndSts>\n"
           "</OrgnlPmtInfAndSts>\n";
  };
  for (const char* bad :
       {"<InstdAmt Ccy=\"EUR\">12,50</InstdAmt>", "<InstdAmt Ccy=\"EUR\">-3.00</InstdAmt>",
        "<InstdAmt Ccy=\"EUR\">0.00</InstdAmt>", "<InstdAmt Ccy=\"EUR\"></InstdAmt>",
        "<InstdAmt Ccy=\"USD\">12.50</InstdAmt>", "<InstdAmt>12.50</InstdAmt>"}) {
    Error e = read_error(report(tx(bad)));
    EXPECT_EQ(e.line, 13) << bad;
    EXPECT_EQ(e.field, "InstdAmt") << bad;
  }
  // A well-formed amount, wrapped by a pretty-printer, is read.
  std::string path = (dir_ / "ok.xml").string();
  std::ofstream(path) << report(tx("<InstdAmt Ccy=\"EUR\">\n  12.50\n</InstdAmt>"));
  auto r = read_pain002(path);
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].amount, Money::from_cents(1250));
  EXPECT_EQ((*r)[0].reason_code, "");
  EXPECT_EQ((*r)[0].reason_text, "");
}

// A transaction without TxSts inherits its block's status; with none at all it is an error,
// since skipping it could lose a reject.
TEST_F(SepaPain002Errors, TransactionStatusInheritedOrRequired_BIL_03) {
  std::string tx = "<TxInfAndSts>\n<OrgnlEndToEndId>E1</OrgnlEndToEndId>\n</TxInfAndSts>\n";
  Error e = read_error(report("<OrgnlPmtInfAndSts>\n<OrgnlPmtInfId>B</OrgnlPmtInfId>\n" + tx +
                              "</OrgnlPmtInfAndSts>\n"));
  EXPECT_EQ(e.field, "TxSts");
  EXPECT_EQ(e.line, 10);
  std::string path = (dir_ / "inherit.xml").string();
  std::ofstream(path) << report(
      "<OrgnlPmtInfAndSts>\n<OrgnlPmtInfId>B</OrgnlPmtInfId>\n"
      "<PmtInfSts>RJCT</PmtInfSts><StsRsnInf><Rsn><Cd>MD01</Cd></Rsn>"
      "</StsRsnInf>\n" +
      tx + "</OrgnlPmtInfAndSts>\n");
  auto r = read_pain002(path);
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].end_to_end_id, "E1");
  EXPECT_EQ((*r)[0].reason_code, "MD01");  // the block's reason
  EXPECT_EQ((*r)[0].reason_text, "absence de mandat");
}

// Entity expansion ("billion laughs") never starts: any DOCTYPE is refused.
TEST_F(SepaPain002Errors, DoctypeRefused_BIL_03) {
  Error e = read_error(
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE Document [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\">&b;</Document>\n");
  EXPECT_EQ(e.field, "DOCTYPE");
  EXPECT_EQ(e.line, 2);
  e = read_error(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE Document SYSTEM \"http://example.org/x.dtd\">\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.03\"/>\n");
  EXPECT_EQ(e.field, "DOCTYPE");
}

}  // namespace
}  // namespace mutua
