// The export of everything the store holds about a person (GDPR-01: access and portability,
// "dans un format structuré, couramment utilisé et lisible par un support informatique"): one
// JSON document and CSV files in a zip (the list is in privacy_service.hpp). The only file that
// uses libzip (ARCHITECTURE rule 9).
#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/json_values.hpp"
#include "app/privacy_internal.hpp"
#include "app/privacy_service.hpp"
#include "claims/records.hpp"
#include "core/csv.hpp"

namespace mutua {

namespace {

using nlohmann::json;

json opt(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(); }
template <typename T>
json opt_text(const std::optional<T>& v) {
  return v ? json(std::string(to_string(*v))) : json();
}

// --- the zip adapter -----------------------------------------------------------------------------

struct ZipEntry {
  std::string name;
  std::string bytes;
};

std::string zip_message(zip_t* z) { return z ? zip_strerror(z) : "cannot open"; }

// Writes the entries to `path` (created or replaced), each dated `day` at noon UTC, then fsyncs.
Status write_zip(const std::string& path, const std::vector<ZipEntry>& entries, Date day) {
  auto fail = [&](const std::string& why) {
    return Status(data_error(path, 0, "--out", "cannot write the zip: " + why));
  };
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!z) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(why);
  }
  const time_t mtime = static_cast<time_t>(day_number(day)) * 86400 + 12 * 3600;
  for (const ZipEntry& e : entries) {
    zip_source_t* src = zip_source_buffer(z, e.bytes.data(), e.bytes.size(), 0);
    if (!src) {
      std::string why = zip_message(z);
      zip_discard(z);
      return fail(why);
    }
    const zip_int64_t index = zip_file_add(z, e.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      std::string why = zip_message(z);
      zip_discard(z);
      return fail(why);
    }
    zip_file_set_mtime(z, static_cast<zip_uint64_t>(index), mtime, 0);
  }
  if (zip_close(z) != 0) {  // the buffers are read here: `entries` outlives the call
    std::string why = zip_message(z);
    zip_discard(z);
    return fail(why);
  }
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return fail("fsync failed");
  }
  ::close(fd);
  return Status::success();
}

// --- CSV files -----------------------------------------------------------------------------------

// A CSV file being built: header first, then rows; counts its data rows.
class Table {
 public:
  explicit Table(std::vector<std::string_view> header) : writer_(out_) { writer_.row(header); }
  Table& operator<<(std::string_view field) {
    writer_.field(field);
    return *this;
  }
  Table& operator<<(const char* field) { return *this << std::string_view(field); }
  Table& operator<<(const std::string& field) { return *this << std::string_view(field); }
  Table& operator<<(int64_t n) {
    writer_.field(n);
    return *this;
  }
  Table& operator<<(int n) { return *this << static_cast<int64_t>(n); }
  Table& operator<<(Money m) { return *this << m.format(); }
  Table& operator<<(Date d) { return *this << format_date(d); }
  Table& operator<<(const std::optional<Date>& d) {
    return *this << (d ? format_date(*d) : std::string());
  }
  void end_row() {
    writer_.end_row();
    ++rows_;
  }
  ZipEntry finish(std::string name, std::vector<ExportedFile>& files) {
    writer_.flush();
    files.push_back({name, rows_});
    return {std::move(name), out_.str()};
  }

 private:
  std::ostringstream out_;
  CsvWriter writer_;
  long long rows_ = 0;
};

// What the export shows: the requester, and the persons whose administrative data they see.
struct Scope {
  Contract contract;
  const Beneficiary* requester = nullptr;
  bool member = false;
  std::vector<const Beneficiary*> persons;  // member: everyone; dependant: themselves
};

ZipEntry contract_csv(const Scope& s, std::vector<ExportedFile>& files) {
  const Contract& c = s.contract;
  Table t({"contract_id", "product", "adhesion_date", "payment_frequency", "status",
           "civil_service_entry", "prior_coefficient_bp", "last_coverage_end", "express_start",
           "iban", "email", "address", "employer", "commune", "link"});
  t << c.id << c.product << c.adhesion_date();
  if (s.member) {
    t << to_string(c.payment_frequency) << to_string(c.status) << c.civil_service_entry
      << c.prior_coefficient_bp << c.last_coverage_end << (c.express_start ? "true" : "false")
      << c.iban << c.email << c.address << c.employer << c.commune
      << (c.link ? to_string(*c.link) : std::string_view());
  } else {
    // A dependant sees the contract they are covered by, not the member's own details.
    for (int i = 0; i < 12; ++i) t << "";
  }
  t.end_row();
  return t.finish("contrat.csv", files);
}

ZipEntry persons_csv(const Scope& s, std::vector<ExportedFile>& files) {
  Table t({"beneficiary_id", "role", "last_name", "first_name", "birth_date", "nir", "relation",
           "condition", "start_date", "end_date", "end_reason"});
  for (const Beneficiary* b : s.persons) {
    t << b->id << to_string(b->role) << b->last_name << b->first_name << b->birth_date
      << (b == s.requester ? b->nir : std::string())  // a NIR only to its holder
      << (b->relation ? to_string(*b->relation) : std::string_view())
      << (b->condition ? to_string(*b->condition) : std::string_view()) << b->start_date
      << b->end_date << b->end_reason;
    t.end_row();
  }
  return t.finish("beneficiaires.csv", files);
}

ZipEntry schedules_csv(Store& store, const Scope& s, std::vector<ExportedFile>& files) {
  Table t(
      {"year", "period", "frequency", "due", "from", "to", "amount", "billed", "posted", "called"});
  if (s.member) {
    for (const BillingSchedule& sch : store.schedules(s.contract.id)) {
      for (const ScheduledInstalment& i : sch.instalments) {
        t << sch.year << i.instalment.period << to_string(sch.frequency) << i.instalment.due
          << i.instalment.from << i.instalment.to << i.instalment.amount << i.billed
          << (i.posted ? "true" : "false") << sch.called;
        t.end_row();
      }
    }
  }
  return t.finish("cotisations.csv", files);
}

ZipEntry entries_csv(Store& store, const Scope& s, std::vector<ExportedFile>& files) {
  Table t({"entry_id", "date", "kind", "debit", "credit", "amount", "year", "period", "rule",
           "reference"});
  if (s.member) {
    for (const Entry& e : store.entries(s.contract.id)) {
      t << e.id << e.date << to_string(e.kind) << e.debit << e.credit << e.amount << e.year
        << e.period << e.rule << e.reference;
      t.end_row();
    }
  }
  return t.finish("ecritures.csv", files);
}

// The requester's own claim decisions: their health data (the member's access right covers their
// own care only; a dependant's care lines are the dependant's).
ZipEntry claims_csv(Store& store, const Scope& s, std::vector<ExportedFile>& files) {
  Table t({"claim_id",   "line",      "care_date", "received_date", "category",
           "act_code",   "quantity",  "charged",   "base",          "ro_rate",
           "ro_paid",    "flat_fee",  "franchise", "other_payers",  "status",
           "reimbursed", "remaining", "reasons",   "payee",         "provider"});
  for (const StoredDecision& row : store.contract_decisions(s.contract.id)) {
    auto detail = decode_detail(row);
    if (!detail)
      throw StoreError("corrupted decision " + row.claim_id + ": " + detail.error().to_string());
    const CareLine& l = detail->line;
    if (l.beneficiary_id != s.requester->id) continue;
    t << row.claim_id << row.line << l.care_date << l.received_date << l.category << l.act_code
      << l.quantity << l.charged << l.base
      << (l.ro_rate ? std::to_string(*l.ro_rate) : std::string()) << l.ro_paid << l.flat_fee
      << l.franchise << l.other_payers << to_string(row.status) << row.rc << row.remaining
      << row.reasons << to_string(l.payee) << l.provider;
    t.end_row();
  }
  return t.finish("remboursements.csv", files);
}

ZipEntry documents_csv(Store& store, const Scope& s, std::vector<ExportedFile>& files) {
  Table t({"document_id", "kind", "issued", "file"});
  if (s.member) {
    for (const DocumentRecord& d : store.documents(s.contract.id)) {
      t << d.id << d.kind << d.issued << d.file;
      t.end_row();
    }
  }
  return t.finish("documents.csv", files);
}

bool in_scope(const Scope& s, const std::string& beneficiary_id) {
  for (const Beneficiary* b : s.persons) {
    if (b->id == beneficiary_id) return true;
  }
  return false;
}

ZipEntry history_csv(Store& store, const Scope& s, std::vector<ExportedFile>& files) {
  Table t({"source", "beneficiary_id", "field", "old_value", "new_value", "effective", "recorded"});
  if (s.member) {
    for (const ContractChange& c : store.contract_changes(s.contract.id)) {
      t << "contract"
        << "" << c.field << c.old_value << c.new_value << c.effective << c.recorded;
      t.end_row();
    }
  }
  for (const PersonChange& c : store.person_changes(s.contract.id)) {
    if (!in_scope(s, c.beneficiary_id)) continue;
    t << "person" << c.beneficiary_id << c.field << c.old_value << c.new_value << c.effective
      << c.recorded;
    t.end_row();
  }
  return t.finish("historique.csv", files);
}

ZipEntry proofs_csv(Store& store, const Scope& s, std::vector<ExportedFile>& files) {
  Table t({"beneficiary_id", "type", "valid_from", "valid_to", "reference", "received"});
  for (const Beneficiary* b : s.persons) {
    for (const Proof& p : store.proofs(b->id)) {
      t << p.beneficiary_id << to_string(p.type) << p.valid_from << p.valid_to << p.reference
        << p.received;
      t.end_row();
    }
  }
  return t.finish("justificatifs.csv", files);
}

// --- personne.json -------------------------------------------------------------------------------

json person_json(const Beneficiary& b) {
  return {{"beneficiary_id", b.id},
          {"role", to_string(b.role)},
          {"last_name", b.last_name},
          {"first_name", b.first_name},
          {"birth_date", format_date(b.birth_date)},
          {"nir", b.nir},
          {"relation", opt_text(b.relation)},
          {"condition", opt_text(b.condition)},
          {"rights",
           {{"start", format_date(b.start_date)},
            {"end", opt(b.end_date)},
            {"end_rule", b.end_reason}}}};
}

json request_json(const PrivacyRequest& r) {
  return {{"id", r.id},
          {"kind", to_string(r.kind)},
          {"received", format_date(r.received)},
          {"deadline", format_date(r.deadline)},
          {"status", to_string(r.status)},
          {"closed", opt(r.closed)},
          {"reason", r.reason},
          {"rule", r.rule},
          {"details", r.details}};
}

// The member's own records about the contract: bank mandates, contribution status, dunning
// procedures and waivers, regional subscription, the enrolment file.
void add_member_records(Store& store, const Contract& c, json& j) {
  json mandates = json::array();
  for (const Mandate& m : store.mandates(c.id)) {
    mandates.push_back({{"rum", m.rum},
                        {"iban", m.iban},
                        {"bic", m.bic},
                        {"signed_on", format_date(m.signed_on)},
                        {"kind", m.kind == MandateKind::kOneOff ? "one_off" : "recurrent"},
                        {"revoked", m.revoked}});
  }
  j["mandates"] = mandates;
  if (auto s = store.collection_status(c.id)) {
    j["contribution_status"] = {{"status", to_string(s->status)},
                                {"since", format_date(s->since)},
                                {"suspended_from", opt(s->suspended_from)}};
  }
  json cases = json::array();
  for (const DunningCase& k : store.cases(c.id)) {
    cases.push_back({{"notice", format_date(k.notice)},
                     {"oldest_due", format_date(k.oldest_due)},
                     {"arrears", k.arrears.format()},
                     {"suspended", opt(k.suspended)},
                     {"terminated", opt(k.terminated)},
                     {"reinstated", opt(k.reinstated)}});
  }
  j["dunning_procedures"] = cases;
  json waivers = json::array();
  for (const Waiver& w : store.waivers(c.id)) {
    waivers.push_back({{"from", format_date(w.from)},
                       {"to", format_date(w.to)},
                       {"reason", w.reason},
                       {"granted", format_date(w.granted)}});
  }
  j["dunning_waivers"] = waivers;
  if (auto r = store.find_regional_subscription(c.id)) {
    j["regional_subscription"] = {
        {"convention", r->convention_id},
        {"priority_public", r->priority_public ? json(to_string(*r->priority_public)) : json()},
        {"no_collective_cover_declared", opt(r->no_collective_cover)},
        {"informed_100s", opt(r->informed_100s)}};
  }
  if (auto e = store.find_enrolment(c.id)) {
    json doc = json::parse(e->document, nullptr, false);
    j["enrolment"] = {{"status", e->status},
                      {"signed_on", format_date(e->signed_on)},
                      {"request", doc.is_discarded() ? json(e->document) : doc}};
  }
}

ZipEntry personne_json(Store& store, const Scope& s, Date today, const std::vector<ZipEntry>& csv,
                       std::vector<ExportedFile>& files) {
  const Contract& c = s.contract;
  json j;
  j["format"] = "mutua personal data export 1";
  j["generated_on"] = format_date(today);
  j["requester_is_member"] = s.member;
  j["person"] = person_json(*s.requester);
  j["contract"] = {{"contract_id", c.id},
                   {"product", c.product},
                   {"adhesion_date", format_date(c.adhesion_date())}};
  if (auto t = store.find_termination(c.id)) {
    j["termination"] = {{"kind", t->kind},
                        {"rule", t->rule},
                        {"received", format_date(t->received)},
                        {"effective", format_date(t->effective)},
                        {"event", t->event},
                        {"event_date", opt(t->event_date)},
                        {"confirmed", opt(t->confirmed)}};
  }
  json suspensions = json::array();
  for (const Suspension& x : store.suspensions(c.id)) {
    suspensions.push_back({{"from", format_date(x.from)},
                           {"to", format_date(x.to)},
                           {"reason", to_string(x.reason)},
                           {"notified", format_date(x.notified)},
                           {"proofs", x.proofs}});
  }
  j["suspensions"] = suspensions;
  json changes = json::array();
  for (const ProductChange& p : store.product_changes(c.id)) {
    changes.push_back({{"effective", format_date(p.effective)},
                       {"product", p.product},
                       {"previous", p.previous},
                       {"signed_on", format_date(p.signed_on)}});
  }
  j["product_changes"] = changes;
  if (s.member) add_member_records(store, c, j);
  json history = json::array();
  OppositionFlags current;
  for (const OppositionRecord& o : store.oppositions(s.requester->id)) {
    history.push_back({{"effective", format_date(o.effective)},
                       {"surveys", o.flags.surveys},
                       {"extra_offers", o.flags.extra_offers}});
    current = o.flags;
  }
  j["marketing_opposition"] = {
      {"surveys", current.surveys}, {"extra_offers", current.extra_offers}, {"history", history}};
  json requests = json::array();
  for (const PrivacyRequest& r : store.privacy_requests(s.requester->id, false)) {
    requests.push_back(request_json(r));
  }
  j["privacy_requests"] = requests;
  if (auto e = store.find_erasure(c.id)) {
    j["anonymised"] = {{"on", format_date(e->erased)}, {"adhesion_end", format_date(e->ended)}};
  }
  json listed = json::array();
  for (const ZipEntry& e : csv) listed.push_back(e.name);
  j["files"] = listed;
  files.insert(files.begin(), ExportedFile{"personne.json", 1});
  return {"personne.json", json_text(j, 2) + "\n"};
}

}  // namespace

Result<ExportOutcome> export_personal_data(Store& store, const std::string& beneficiary_id,
                                           const std::string& out, Date today,
                                           std::optional<int64_t> request_id, bool care_lines) {
  if (out.empty()) return data_error("", 0, "--out", "required");
  // One unit of work: the request found open is the one closed, and the file is of one state of
  // the data (the write lock is held while the archive is written: it is one person's).
  Transaction tx(store);
  auto loaded = contract_of_person(store, beneficiary_id);
  if (!loaded) return loaded.error();
  auto request = linked_request(store, request_id, {beneficiary_id},
                                {RequestKind::kAccess, RequestKind::kPortability});
  if (!request) return request.error();
  Scope s;
  s.contract = std::move(loaded).value();
  for (const Beneficiary& b : s.contract.beneficiaries) {
    if (b.id == beneficiary_id) s.requester = &b;
  }
  MUTUA_ASSERT(s.requester != nullptr);
  s.member = s.requester->role == Role::kMember;
  for (const Beneficiary& b : s.contract.beneficiaries) {
    if (s.member || &b == s.requester) s.persons.push_back(&b);
  }
  ExportOutcome outcome{out, beneficiary_id, s.contract.id, s.member};
  std::vector<ZipEntry> entries;
  entries.push_back(contract_csv(s, outcome.files));
  entries.push_back(persons_csv(s, outcome.files));
  entries.push_back(schedules_csv(store, s, outcome.files));
  entries.push_back(entries_csv(store, s, outcome.files));
  if (care_lines) entries.push_back(claims_csv(store, s, outcome.files));
  entries.push_back(documents_csv(store, s, outcome.files));
  entries.push_back(history_csv(store, s, outcome.files));
  entries.push_back(proofs_csv(store, s, outcome.files));
  entries.insert(entries.begin(), personne_json(store, s, today, entries, outcome.files));

  const std::string partial = out + ".partial";
  if (Status st = write_zip(partial, entries, today); !st) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    Error e = st.error();
    e.file = out;  // the file the user named
    return e;
  }
  std::error_code ec;
  std::filesystem::rename(partial, out, ec);
  if (ec) return data_error(out, 0, "--out", "cannot rename " + partial + ": " + ec.message());
  if (*request) outcome.request = close_done(store, **request, "export " + out, today);
  tx.commit();
  return outcome;
}

}  // namespace mutua
