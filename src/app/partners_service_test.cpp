// The use cases of the regional scheme « Ma mutuelle Région » (app/partners_service.hpp) against a
// real SQLite file, the real catalogue (config/catalogue.yaml, whose REGION_AURA is the regional
// product) and the real regulation (config/regulation.yaml, CSS tables from 2025-04-01):
// PAR-01..06, PAR-08..10, ELIG-10, GDPR-03. Every step goes through a use case (add_convention,
// record_notice, add_event, enrol, annual_report...), never through the domain functions alone; the
// store is read back to prove what was (or was not) written.
//
// The seed convention (shared/spec/seeds/000_93159f0dde1153c1.txt): Saint-Chamond (INSEE 42207)
// and the Mutuelle MILTIS (SIREN 417 934 817), signed and in effect on 2025-03-17, first term to
// 2025-12-31, renewed tacitly at most 3 times (final end 2028-12-31), non-renewal by registered
// letter 2 months at least before a term (deadlines 2025-10-31, 2026-10-31, 2027-10-31), 30 days
// to remedy a breach then one month's notice (CONV art. 8), contacts kept 5 years after the end.
#include "app/partners_service.hpp"

#include <gtest/gtest.h>

#include <map>
#include <rapidcheck.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/catalogue_service.hpp"
#include "app/css_service.hpp"
#include "app/lifecycle.hpp"
#include "app/partners_json.hpp"
#include "app/app_test_support.hpp"
#include "app/regulation_source.hpp"

namespace mutua {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using app_testing::contains;
using app_testing::d;
using app_testing::field_of;
using app_testing::must;
using app_testing::regulation;
using app_testing::rule_of;

const char* kSeedCommune = "42207";  // Saint-Chamond
const char* kSeedId = "CONV-42207-2025-1";

ConventionRequest convention_request(const std::string& commune, const std::string& mutuelle,
                                     const char* signed_on) {
  ConventionRequest r;
  r.commune = commune;
  r.mutuelle = mutuelle;
  r.signed_on = d(signed_on);
  return r;
}

// The seed convention as staff would type it (the commune's DPO is left blank: « ..... »).
ConventionRequest seed_request() {
  ConventionRequest r = convention_request(kSeedCommune, "MILTIS", "2025-03-17");
  r.commune_name = "Saint-Chamond";
  r.mutuelle_name = "Mutuelle MILTIS";
  r.mutuelle_siren = "417934817";
  r.place = "Saint-Chamond";
  r.scheme = "Ma mutuelle Région Auvergne-Rhône-Alpes";
  r.contacts.commune_signatory = "M. Axel DUGUA, Maire";
  r.contacts.mutuelle_signatory = "M. Patrick JULIEN, Directeur Général";
  r.contacts.mutuelle_dpo = "contact-cnll@miltis.fr";
  r.contacts.commune_contact = "Service social, 04 77 31 04 04";
  return r;
}

PartnerEvent event(const std::string& convention, EventKind kind, const char* date, int start,
                   int end, const std::string& place, const std::string& room = "") {
  PartnerEvent e;
  e.convention_id = convention;
  e.kind = kind;
  e.date = d(date);
  e.start_minute = start;
  e.end_minute = end;
  e.place = place;
  e.room = room;
  return e;
}

Material material(const std::string& convention, const std::string& title, const char* submitted,
                  std::optional<int64_t> replaces = std::nullopt) {
  Material m;
  m.convention_id = convention;
  m.title = title;
  m.medium = Medium::kPrint;
  m.reference = title + ".pdf";
  m.submitted = d(submitted);
  m.replaces = replaces;
  return m;
}

// A contract as the members import would store it: a member, then a spouse and children as
// `persons` asks; every person covered from `start` to `end`.
Contract contract(const std::string& id, const std::string& product, const std::string& commune,
                  std::optional<Link> link, const char* start, const char* end, int persons,
                  const std::string& last_name, const std::string& first_name) {
  Contract c;
  c.id = id;
  c.product = product;
  c.commune = commune;
  c.link = link;
  if (product != "REGION_AURA") c.employer = "Commune de Saint-Chamond";
  for (int i = 0; i < persons; ++i) {
    Beneficiary b;
    b.id = id + "-" + std::to_string(i + 1);
    b.role = i == 0 ? Role::kMember : i == 1 ? Role::kSpouse : Role::kChild;
    b.last_name = last_name;
    b.first_name = first_name + (i == 0 ? "" : std::to_string(i));
    b.birth_date = i < 2 ? d("1961-02-11") : d("2012-07-03");
    if (b.role == Role::kSpouse) b.relation = Relation::kSpouse;
    if (b.role == Role::kChild) b.condition = ChildCondition::kMinor;
    b.start_date = d(start);
    if (end) {
      b.end_date = d(end);
      b.end_reason = "DEM-02";
    }
    c.beneficiaries.push_back(b);
  }
  return c;
}

// A request of `member enrol` for the regional product, in the shape of docs/cli.md "Regional
// enrolments": the first contribution is received with it, the 100% santé information is not.
json regional_request(const std::string& id, const char* signed_on) {
  return json{
      {"contract_id", id},
      {"product", "REGION_AURA"},
      {"signed", signed_on},
      {"payment_method", "transfer"},
      {"commune", kSeedCommune},
      {"link", "residence"},
      {"member",
       {{"beneficiary_id", id + "-M"},
        {"last_name", "VALCOURT"},
        {"first_name", "Sidonie"},
        {"birth_date", "1958-09-14"}}},
      {"regional", {{"collective_cover", false}, {"priority_public", "senior"}}},
      {"received", json::array({json{{"item", "first_contribution"}, {"date", signed_on}}})}};
}

class PartnersServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ =
        fs::temp_directory_path() / ("mutua_partners_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = Store::open((dir_ / "t.db").string());
    store_->migrate();
    auto loaded = load_catalogue_into(
        *store_, std::string(MUTUA_SOURCE_DIR) + "/config/catalogue.yaml", regulation());
    ASSERT_TRUE(loaded.errors.empty()) << loaded.errors.front().to_string();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  Store& store() { return *store_; }

  std::string add(const ConventionRequest& r, const char* today = "2025-03-20") {
    return must(add_convention(*store_, r, d(today)), "add_convention " + r.commune).id;
  }
  // A convention of the seed's terms (2025-03-17, 3 renewals, 2 months' notice) with `commune`.
  std::string add_seed_terms(const std::string& commune, const std::string& mutuelle = "MILTIS") {
    return add(convention_request(commune, mutuelle, "2025-03-17"));
  }
  ConventionView view(const std::string& id, const char* as_of) {
    return must(convention_view(*store_, id, d(as_of)), "convention_view " + id);
  }
  void insert(const std::vector<Contract>& contracts) {
    Transaction tx(*store_);
    store_->insert_contracts(contracts);
    tx.commit();
  }
  int enrolments() {
    int n = 0;
    store_->for_each_enrolment([&](const EnrolmentRecord&) { ++n; });
    return n;
  }
  std::vector<PartnerAlert> alerts(const char* on, const std::string& rule) {
    std::vector<PartnerAlert> out;
    for (const PartnerAlert& a : partner_alerts(*store_, d(on))) {
      if (a.rule == rule) out.push_back(a);
    }
    return out;
  }

 private:
  fs::path dir_;
  std::unique_ptr<Store> store_;
};

// ---- PAR-01: conventions and amendments -------------------------------------------------------

// PAR-01: add_convention stores the commune, the mutuelle and the convention under
// CONV-<INSEE>-<year>-<n>; the same command again is a no-op; an overlapping convention of the
// same parties is stored with a PAR-01 warning; a known commune named differently is a data error
// on --commune-name and writes nothing.
TEST_F(PartnersServiceTest, AddConventionCreatesPartiesAndIsIdempotentPAR01) {
  const AddedConvention first =
      must(add_convention(store(), seed_request(), d("2025-03-20")), "add");
  EXPECT_EQ(first.id, kSeedId);
  EXPECT_FALSE(first.already_recorded);
  EXPECT_TRUE(first.warnings.empty());

  const auto commune = store().find_commune(kSeedCommune);
  ASSERT_TRUE(commune);
  EXPECT_EQ(commune->name, "Saint-Chamond");
  const auto mutuelle = store().find_partner_mutuelle("MILTIS");
  ASSERT_TRUE(mutuelle);
  EXPECT_EQ(mutuelle->name, "Mutuelle MILTIS");
  EXPECT_EQ(mutuelle->siren, "417934817");

  const ConventionView v = view(kSeedId, "2025-03-20");
  EXPECT_EQ(v.original.commune, kSeedCommune);
  EXPECT_EQ(v.original.mutuelle, "MILTIS");
  EXPECT_EQ(v.original.terms.signed_on, d("2025-03-17"));
  EXPECT_EQ(v.original.terms.effect, d("2025-03-17"));  // default: the signature date
  EXPECT_EQ(v.original.terms.max_renewals, 3);
  EXPECT_EQ(v.original.terms.notice_months, 2);
  EXPECT_EQ(v.original.contacts.mutuelle_dpo, "contact-cnll@miltis.fr");
  EXPECT_EQ(v.original.contacts.commune_signatory, "M. Axel DUGUA, Maire");
  EXPECT_EQ(v.commune.name, "Saint-Chamond");
  EXPECT_EQ(v.mutuelle.siren, "417934817");

  // The same command again (a retry): the stored id, nothing new.
  const AddedConvention again =
      must(add_convention(store(), seed_request(), d("2025-03-21")), "again");
  EXPECT_EQ(again.id, kSeedId);
  EXPECT_TRUE(again.already_recorded);
  EXPECT_TRUE(again.warnings.empty());
  EXPECT_EQ(store().conventions(kSeedCommune).size(), 1u);

  // A second convention of the same parties, overlapping the first: stored, with a warning.
  ConventionRequest overlapping = convention_request(kSeedCommune, "MILTIS", "2025-09-01");
  const AddedConvention second = must(add_convention(store(), overlapping, d("2025-09-02")), "2nd");
  EXPECT_EQ(second.id, "CONV-42207-2025-2");
  EXPECT_FALSE(second.already_recorded);
  ASSERT_EQ(second.warnings.size(), 1u);
  EXPECT_TRUE(contains(second.warnings[0], "PAR-01")) << second.warnings[0];
  EXPECT_TRUE(contains(second.warnings[0], kSeedId)) << second.warnings[0];
  EXPECT_EQ(store().conventions(kSeedCommune).size(), 2u);

  // Another mutuelle with the same commune: other parties, no warning.
  ConventionRequest other = convention_request(kSeedCommune, "RADIANCE", "2025-05-01");
  other.commune_name = "Saint-Chamond";
  const AddedConvention radiance =
      must(add_convention(store(), other, d("2025-05-02")), "radiance");
  EXPECT_EQ(radiance.id, "CONV-42207-2025-3");
  EXPECT_TRUE(radiance.warnings.empty());

  // The stored commune named differently: a data error on --commune-name, nothing written.
  ConventionRequest renamed = convention_request(kSeedCommune, "PRECOCIA", "2025-06-01");
  renamed.commune_name = "Saint-Étienne";
  const auto refused = add_convention(store(), renamed, d("2025-06-02"));
  EXPECT_EQ(field_of(refused), "--commune-name");
  EXPECT_EQ(store().conventions(kSeedCommune).size(), 3u);
  EXPECT_FALSE(store().find_partner_mutuelle("PRECOCIA"));
  EXPECT_EQ(store().find_commune(kSeedCommune)->name, "Saint-Chamond");
}

// PAR-01: an amendment (avenant) changes the convention only from its effective date
// (convention_view before and after), amendments are numbered 1, 2 in signature order, the
// convention as signed is kept, and a retried amendment is a no-op returning the stored one.
TEST_F(PartnersServiceTest, AmendmentAppliesFromItsEffectiveDatePAR01) {
  add(seed_request());
  AmendmentRequest dpo;
  dpo.signed_on = d("2025-06-02");
  dpo.effective = d("2025-07-01");
  dpo.summary = "Avenant n°1 : DPO de la commune";
  dpo.sets = {{"commune_dpo", "dpo@saint-chamond.fr"}};
  const Amendment first =
      must(amend_convention(store(), kSeedId, dpo, d("2025-06-03")), "avenant 1");
  EXPECT_EQ(first.number, 1);
  EXPECT_EQ(first.convention_id, kSeedId);
  EXPECT_EQ(first.effective, d("2025-07-01"));
  ASSERT_EQ(first.changes.size(), 1u);
  EXPECT_EQ(first.changes[0].field, "commune_dpo");
  EXPECT_EQ(first.changes[0].old_value, "");
  EXPECT_EQ(first.changes[0].new_value, "dpo@saint-chamond.fr");

  EXPECT_EQ(view(kSeedId, "2025-06-30").current.contacts.commune_dpo, "");
  EXPECT_EQ(view(kSeedId, "2025-07-01").current.contacts.commune_dpo, "dpo@saint-chamond.fr");
  EXPECT_EQ(view(kSeedId, "2025-07-01").original.contacts.commune_dpo, "");  // as signed

  AmendmentRequest renewals;
  renewals.signed_on = d("2025-09-01");  // effective: the signature date
  renewals.summary = "Avenant n°2 : une reconduction de plus";
  renewals.sets = {{"max_renewals", "4"}};
  const Amendment second =
      must(amend_convention(store(), kSeedId, renewals, d("2025-09-01")), "avenant 2");
  EXPECT_EQ(second.number, 2);
  EXPECT_EQ(second.effective, d("2025-09-01"));
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_EQ(second.changes[0].old_value, "3");
  EXPECT_EQ(second.changes[0].new_value, "4");
  EXPECT_EQ(view(kSeedId, "2025-08-31").state.final_end, d("2028-12-31"));
  const ConventionView after = view(kSeedId, "2025-09-01");
  EXPECT_EQ(after.current.terms.max_renewals, 4);
  EXPECT_EQ(after.state.final_end, d("2029-12-31"));
  EXPECT_EQ(after.original.terms.max_renewals, 3);
  ASSERT_EQ(after.amendments.size(), 2u);
  EXPECT_EQ(convention_json(after)["amendments"][1]["number"], 2);

  // Retried commands: the stored amendments back, nothing new.
  const auto retried_first = amend_convention(store(), kSeedId, dpo, d("2025-09-05"));
  ASSERT_TRUE(retried_first) << retried_first.error().to_string();
  EXPECT_EQ(retried_first->id, first.id);
  EXPECT_EQ(retried_first->number, 1);
  const auto retried_second = amend_convention(store(), kSeedId, renewals, d("2025-09-05"));
  ASSERT_TRUE(retried_second) << retried_second.error().to_string();
  EXPECT_EQ(retried_second->id, second.id);
  EXPECT_EQ(store().find_convention(kSeedId)->amendments.size(), 2u);

  // A field no amendment may change (PAR-07: no remuneration): refused, nothing stored.
  AmendmentRequest fee = renewals;
  fee.summary = "Commission";
  fee.sets = {{"commission", "5"}};
  EXPECT_EQ(rule_of(amend_convention(store(), kSeedId, fee, d("2025-09-10"))), "PAR-01");
  EXPECT_EQ(store().find_convention(kSeedId)->amendments.size(), 2u);
}

// PAR-01: a convention already ended can no longer be amended.
TEST_F(PartnersServiceTest, AmendmentOfAnEndedConventionIsRefusedPAR01) {
  ConventionRequest r = convention_request("38185", "MILTIS", "2020-01-10");  // Grenoble
  r.max_renewals = 0;                                                         // ends 2020-12-31
  const std::string id = add(r, "2020-01-10");
  EXPECT_EQ(id, "CONV-38185-2020-1");
  EXPECT_EQ(view(id, "2021-01-01").state.status, "ended");
  AmendmentRequest late;
  late.signed_on = d("2021-02-01");
  late.summary = "Nouveau contact";
  late.sets = {{"commune_contact", "Mme Lucie BERTRAND"}};
  EXPECT_EQ(rule_of(amend_convention(store(), id, late, d("2021-02-02"))), "PAR-01");
  EXPECT_TRUE(store().find_convention(id)->amendments.empty());
  EXPECT_EQ(field_of(amend_convention(store(), "CONV-38185-2020-9", late, d("2021-02-02"))),
            "CONVENTION");
}

// ---- PAR-02, PAR-03: term and notices ---------------------------------------------------------

// PAR-02, PAR-03: the seed convention seen at several dates: first term to 2025-12-31, renewed
// each 1 January at most 3 times (final end 2028-12-31), notice deadlines 31 October of 2025, 2026
// and 2027, none in the last term; contacts kept until end + 5 years (GDPR-03).
TEST_F(PartnersServiceTest, SeedConventionDeadlinesPAR02PAR03) {
  add(seed_request());
  EXPECT_EQ(view(kSeedId, "2025-03-16").state.status, "not_in_force");

  const ConventionState first = view(kSeedId, "2025-06-01").state;
  EXPECT_EQ(first.status, "active");
  EXPECT_EQ(first.current_term_end, d("2025-12-31"));
  EXPECT_EQ(first.renewals_done, 0);
  EXPECT_EQ(first.renewals_left, 3);
  EXPECT_EQ(first.notice_deadline, d("2025-10-31"));
  EXPECT_EQ(first.next_notice_deadline, d("2025-10-31"));
  EXPECT_EQ(first.final_end, d("2028-12-31"));
  EXPECT_EQ(first.ends_on, d("2028-12-31"));
  EXPECT_TRUE(contains(first.why, "PAR-02")) << first.why;
  EXPECT_EQ(view(kSeedId, "2025-06-01").contacts_kept_until, d("2033-12-31"));

  // After the first deadline: the current term's deadline has passed, the next one is 2026's.
  const ConventionState late_2025 = view(kSeedId, "2025-11-15").state;
  EXPECT_EQ(late_2025.current_term_end, d("2025-12-31"));
  EXPECT_EQ(late_2025.next_notice_deadline, d("2026-10-31"));

  const ConventionView second = view(kSeedId, "2026-06-01");
  EXPECT_EQ(second.state.current_term_end, d("2026-12-31"));
  EXPECT_EQ(second.state.renewals_done, 1);
  EXPECT_EQ(second.state.renewals_left, 2);
  EXPECT_EQ(second.state.notice_deadline, d("2026-10-31"));
  const json j = convention_json(second);  // the document of docs/cli.md
  EXPECT_EQ(j["notice_deadline"], "2026-10-31");
  EXPECT_EQ(j["next_notice_deadline"], "2026-10-31");
  EXPECT_EQ(j["final_end"], "2028-12-31");
  EXPECT_EQ(j["contacts_kept_until"], "2033-12-31");

  const ConventionState third = view(kSeedId, "2027-06-01").state;
  EXPECT_EQ(third.current_term_end, d("2027-12-31"));
  EXPECT_EQ(third.renewals_done, 2);
  EXPECT_EQ(third.notice_deadline, d("2027-10-31"));

  const ConventionState last = view(kSeedId, "2028-06-01").state;
  EXPECT_EQ(last.current_term_end, d("2028-12-31"));
  EXPECT_EQ(last.renewals_done, 3);
  EXPECT_EQ(last.renewals_left, 0);
  EXPECT_EQ(last.notice_deadline, std::nullopt);
  EXPECT_EQ(last.next_notice_deadline, std::nullopt);
  EXPECT_EQ(last.status, "active");

  EXPECT_EQ(view(kSeedId, "2028-12-31").state.status, "active");
  EXPECT_EQ(view(kSeedId, "2029-01-01").state.status, "ended");
}

// PAR-03, PAR-02: a notice received on a term's deadline ends the convention at that term, one
// received a day later at the next; a notice in the last term is refused (PAR-02: it ends then
// anyway); a second notice that changes nothing, or one after the end, is refused (PAR-03); a
// retried identical notice is a no-op (one notice stored).
TEST_F(PartnersServiceTest, NoticeEndsTheConventionAtTheTermItMeetsPAR02PAR03) {
  const std::string on_time = add(seed_request());
  const std::string late = add_seed_terms("42218");
  const std::string last_term = add_seed_terms("69123");

  NonRenewalNotice deadline{d("2025-10-20"), d("2025-10-31"), "commune"};
  deadline.reference = "1A 123 456 7890 1";
  const ConventionView a = must(record_notice(store(), on_time, deadline), "notice on time");
  EXPECT_EQ(a.as_of, d("2025-10-31"));
  EXPECT_EQ(a.state.ends_on, d("2025-12-31"));
  EXPECT_EQ(a.state.status, "not_renewed");
  EXPECT_TRUE(contains(a.state.why, "PAR-03")) << a.state.why;
  EXPECT_EQ(a.state.notice_deadline, std::nullopt);
  const json aj = convention_json(a);  // docs/cli.md: final_end is the end as things stand
  EXPECT_EQ(aj["final_end"], "2025-12-31");
  EXPECT_EQ(aj["ends_on"], "2025-12-31");
  EXPECT_EQ(aj["last_possible_end"], "2028-12-31");
  EXPECT_EQ(aj["notices"].size(), 1u);
  EXPECT_EQ(view(on_time, "2026-01-01").state.status, "ended");
  EXPECT_EQ(view(on_time, "2026-01-01").contacts_kept_until, d("2030-12-31"));

  const ConventionView b =
      must(record_notice(store(), late, {d("2025-10-25"), d("2025-11-01"), "mutuelle"}), "late");
  EXPECT_EQ(b.state.ends_on, d("2026-12-31"));
  EXPECT_EQ(b.state.status, "not_renewed");

  // In the last term: refused PAR-02, nothing stored.
  EXPECT_EQ(
      rule_of(record_notice(store(), last_term, {d("2028-02-25"), d("2028-03-01"), "commune"})),
      "PAR-02");
  EXPECT_TRUE(store().find_convention(last_term)->notices.empty());

  // A second notice that would end the convention at the term it already ends at: PAR-03.
  EXPECT_EQ(rule_of(record_notice(store(), late, {d("2026-02-01"), d("2026-02-03"), "commune"})),
            "PAR-03");
  EXPECT_EQ(store().find_convention(late)->notices.size(), 1u);
  // After the end: PAR-03.
  EXPECT_EQ(rule_of(record_notice(store(), on_time, {d("2026-01-20"), d("2026-02-01"), "commune"})),
            "PAR-03");

  // The same notice again (a retried command): the convention back, still one notice.
  const auto retried = record_notice(store(), on_time, deadline);
  ASSERT_TRUE(retried) << retried.error().to_string();
  EXPECT_EQ(retried->state.ends_on, d("2025-12-31"));
  EXPECT_EQ(store().find_convention(on_time)->notices.size(), 1u);

  // Bad input: received before sent, a party that is neither.
  EXPECT_EQ(field_of(record_notice(store(), last_term, {d("2025-10-20"), d("2025-10-19"), ""})),
            "--received");
  EXPECT_EQ(
      field_of(record_notice(store(), last_term, {d("2025-10-20"), d("2025-10-21"), "maire"})),
      "--by");
  EXPECT_EQ(field_of(record_notice(store(), "CONV-42207-2025-7", deadline)), "CONVENTION");
}

// ---- PAR-04: breaches -------------------------------------------------------------------------

// PAR-04: after a formal notice, 30 days to remedy; the complaining party may terminate only from
// day 31 when the breach was not remedied in time; the convention then ends one month after the
// termination's notification (terminating, then ended). A breach remedied in time allows no
// termination. An unknown breach is a data error on BREACH.
TEST_F(PartnersServiceTest, BreachTerminationAfterThirtyDaysPAR04) {
  const std::string unremedied = add(seed_request());
  const std::string remedied = add_seed_terms("42218");

  BreachNotice breach;
  breach.formal_notice = d("2025-05-02");
  breach.by = "commune";
  breach.reason = "Permanences non assurées";
  const auto [id, notified] =
      must(record_breach(store(), unremedied, breach, d("2025-05-02")), "breach");
  EXPECT_GT(id, 0);
  ASSERT_EQ(notified.breaches.size(), 1u);
  EXPECT_EQ(notified.breaches[0].id, id);
  EXPECT_TRUE(std::any_of(notified.state.alerts.begin(), notified.state.alerts.end(),
                          [](const std::string& a) { return contains(a, "PAR-04"); }));
  EXPECT_EQ(convention_json(notified)["breaches"][0]["remedy_by"], "2025-06-01");

  // Day 30 (2025-06-01) is still within the time to remedy.
  EXPECT_EQ(rule_of(record_breach_termination(store(), id, d("2025-06-01"))), "PAR-04");
  EXPECT_EQ(store().find_breach(id)->second.termination_notified, std::nullopt);

  const ConventionView terminated =
      must(record_breach_termination(store(), id, d("2025-06-02")), "termination");
  EXPECT_EQ(terminated.state.status, "terminating");
  EXPECT_EQ(terminated.state.ends_on, d("2025-07-02"));
  EXPECT_TRUE(contains(terminated.state.why, "PAR-04")) << terminated.state.why;
  EXPECT_EQ(view(unremedied, "2025-07-02").state.status, "terminating");
  EXPECT_EQ(view(unremedied, "2025-07-03").state.status, "ended");
  // The same termination again: a no-op.
  const auto retried = record_breach_termination(store(), id, d("2025-06-02"));
  ASSERT_TRUE(retried) << retried.error().to_string();
  EXPECT_EQ(retried->state.ends_on, d("2025-07-02"));

  // Remedied within the 30 days: no termination, the convention runs on.
  BreachNotice other = breach;
  other.by = "mutuelle";
  other.reason = "Local non mis à disposition";
  const int64_t other_id =
      must(record_breach(store(), remedied, other, d("2025-05-02")), "b2").first;
  const ConventionView fixed =
      must(record_remedy(store(), other_id, d("2025-05-20"), d("2025-05-20")), "remedy");
  ASSERT_EQ(fixed.breaches.size(), 1u);
  EXPECT_EQ(fixed.breaches[0].remedied, d("2025-05-20"));
  EXPECT_EQ(rule_of(record_breach_termination(store(), other_id, d("2025-06-10"))), "PAR-04");
  EXPECT_EQ(view(remedied, "2025-06-10").state.ends_on, d("2028-12-31"));
  EXPECT_EQ(view(remedied, "2025-06-10").state.status, "active");

  EXPECT_EQ(field_of(record_remedy(store(), 9999, d("2025-05-20"), d("2025-05-20"))), "BREACH");
  EXPECT_EQ(field_of(record_breach_termination(store(), 9999, d("2025-06-10"))), "BREACH");
  EXPECT_EQ(field_of(record_breach(store(), "CONV-42207-2025-9", breach, d("2025-05-02"))),
            "CONVENTION");
}

// ---- PAR-05: events, alerts, materials ---------------------------------------------------------

// PAR-05: no double booking of a room within a commune, across its conventions with different
// mutuelles (place and room compared ignoring case and extra spaces); the same room in another
// commune is free; a cancelled event frees its room; nothing is recorded as held in the future;
// an outcome is final.
TEST_F(PartnersServiceTest, RoomBookingAcrossConventionsOfACommunePAR05) {
  const std::string miltis = add(seed_request());
  ConventionRequest radiance_request = convention_request(kSeedCommune, "RADIANCE", "2025-04-01");
  const std::string radiance = add(radiance_request, "2025-04-01");
  const std::string elsewhere = add_seed_terms("42218");
  const std::string mairie = "Mairie de Saint-Chamond, avenue Antoine Pinet";

  const PartnerEvent first = must(add_event(store(),
                                            event(miltis, EventKind::kOfficeHours, "2025-06-10",
                                                  600, 720, mairie, "Salle du conseil"),
                                            std::nullopt, std::nullopt, d("2025-05-01")),
                                  "first");
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(first.commune, kSeedCommune);
  EXPECT_EQ(first.status, EventStatus::kPlanned);

  // The other mutuelle of the same commune, same room, 11:00-13:00: refused.
  const PartnerEvent clash =
      event(radiance, EventKind::kInformationMeeting, "2025-06-10", 660, 780,
            "mairie de  Saint-Chamond, avenue Antoine Pinet", "salle du  Conseil");
  EXPECT_EQ(rule_of(add_event(store(), clash, std::nullopt, std::nullopt, d("2025-05-02"))),
            "PAR-05");
  EXPECT_EQ(list_events(store(), EventFilter{"", radiance}).size(), 0u);

  // The same place and room in another commune: no conflict.
  const auto other_commune = add_event(
      store(),
      event(elsewhere, EventKind::kOfficeHours, "2025-06-10", 600, 720, mairie, "Salle du conseil"),
      std::nullopt, std::nullopt, d("2025-05-02"));
  ASSERT_TRUE(other_commune) << other_commune.error().to_string();
  EXPECT_EQ(other_commune->commune, "42218");

  // Cancelled, the first event frees the room.
  const PartnerEvent cancelled =
      must(record_event_outcome(store(), first.id, EventStatus::kCancelled, std::nullopt,
                                "Salle indisponible", d("2025-05-15")),
           "cancel");
  EXPECT_EQ(cancelled.status, EventStatus::kCancelled);
  const PartnerEvent booked =
      must(add_event(store(), clash, std::nullopt, std::nullopt, d("2025-05-16")), "rebooked");
  EXPECT_EQ(booked.commune, kSeedCommune);

  // --held for an event dated after today: refused, nothing written.
  const auto future_held =
      add_event(store(), event(miltis, EventKind::kOfficeHours, "2025-07-01", 540, 600, mairie),
                EventStatus::kHeld, 5, d("2025-06-15"));
  EXPECT_EQ(rule_of(future_held), "PAR-05");
  EXPECT_EQ(list_events(store(), EventFilter{"", miltis}).size(), 1u);  // the cancelled one

  // The outcome of a past event; then it is final.
  const PartnerEvent held =
      must(record_event_outcome(store(), booked.id, EventStatus::kHeld, 25,
                                "Questions sur le 100% santé", d("2025-06-11")),
           "held");
  EXPECT_EQ(held.status, EventStatus::kHeld);
  EXPECT_EQ(held.attendees, 25);
  EXPECT_EQ(store().find_event(booked.id)->attendees, 25);
  EXPECT_EQ(rule_of(record_event_outcome(store(), booked.id, EventStatus::kCancelled, std::nullopt,
                                         "Erreur", d("2025-06-12"))),
            "PAR-05");
  // Held before its date: refused.
  const PartnerEvent coming =
      must(add_event(store(),
                     event(miltis, EventKind::kStaffInformation, "2025-09-15", 840, 960, mairie),
                     std::nullopt, std::nullopt, d("2025-06-12")),
           "coming");
  EXPECT_EQ(rule_of(record_event_outcome(store(), coming.id, EventStatus::kHeld, 10, "",
                                         d("2025-09-14"))),
            "PAR-05");
  // A past meeting recorded at once as held.
  const PartnerEvent recorded = must(add_event(store(),
                                               event(miltis, EventKind::kInformationMeeting,
                                                     "2025-05-20", 1080, 1200, "Salle des fêtes"),
                                               EventStatus::kHeld, 40, d("2025-05-21")),
                                     "recorded held");
  EXPECT_EQ(recorded.status, EventStatus::kHeld);
  EXPECT_EQ(recorded.attendees, 40);
  // Outside the convention's life (before its signature): refused.
  EXPECT_EQ(rule_of(add_event(
                store(), event(miltis, EventKind::kOfficeHours, "2025-03-01", 600, 720, mairie),
                std::nullopt, std::nullopt, d("2025-03-20"))),
            "PAR-05");
  EXPECT_EQ(
      field_of(record_event_outcome(store(), 9999, EventStatus::kHeld, 1, "", d("2025-09-14"))),
      "EVENT");
}

// PAR-05: recording an outcome again with the same values (a retried command) is a no-op that
// returns the stored event, also when the event was planned with notes and the outcome gives none.
TEST_F(PartnersServiceTest, RetriedEventOutcomeIsANoOpPAR05) {
  add(seed_request());
  PartnerEvent planned = event(kSeedId, EventKind::kOfficeHours, "2025-06-10", 540, 720,
                               "Mairie de Saint-Chamond", "Bureau 2");
  planned.notes = "Prévoir le vidéoprojecteur";
  const PartnerEvent e =
      must(add_event(store(), planned, std::nullopt, std::nullopt, d("2025-05-01")), "add");
  const PartnerEvent held = must(
      record_event_outcome(store(), e.id, EventStatus::kHeld, 12, "", d("2025-06-11")), "held");
  EXPECT_EQ(held.status, EventStatus::kHeld);
  EXPECT_EQ(held.notes, "Prévoir le vidéoprojecteur");
  const auto retried =
      record_event_outcome(store(), e.id, EventStatus::kHeld, 12, "", d("2025-06-12"));
  ASSERT_TRUE(retried) << retried.error().to_string();
  EXPECT_EQ(*retried, held);

  // The same with notes given: a retry too.
  const PartnerEvent other = must(add_event(store(),
                                            event(kSeedId, EventKind::kOfficeHours, "2025-06-17",
                                                  540, 720, "Mairie de Saint-Chamond", "Bureau 2"),
                                            std::nullopt, std::nullopt, d("2025-05-01")),
                                  "add 2");
  const PartnerEvent held2 = must(record_event_outcome(store(), other.id, EventStatus::kHeld, 9,
                                                       "Deux dossiers CSS", d("2025-06-18")),
                                  "held 2");
  const auto retried2 = record_event_outcome(store(), other.id, EventStatus::kHeld, 9,
                                             "Deux dossiers CSS", d("2025-06-19"));
  ASSERT_TRUE(retried2) << retried2.error().to_string();
  EXPECT_EQ(*retried2, held2);
  // A different outcome is not a retry: the outcome is final.
  EXPECT_EQ(rule_of(record_event_outcome(store(), other.id, EventStatus::kHeld, 10,
                                         "Deux dossiers CSS", d("2025-06-19"))),
            "PAR-05");
}

// PAR-03, PAR-05, GDPR-03: partner_alerts lists an event past its date without an outcome, a
// material waiting for the commune's review, the PAR-03 notice deadline from 30 days before it,
// and the contacts kept past end + 5 years; each goes once acted on.
TEST_F(PartnersServiceTest, PartnerAlertsPAR03PAR05GDPR03) {
  add(seed_request());
  const PartnerEvent meeting = must(add_event(store(),
                                              event(kSeedId, EventKind::kInformationMeeting,
                                                    "2025-06-20", 1080, 1200, "Salle des fêtes"),
                                              std::nullopt, std::nullopt, d("2025-06-01")),
                                    "meeting");
  const Material flyer =
      must(submit_material(store(), material(kSeedId, "Flyer", "2025-06-05")), "flyer");

  // On its date the event is not yet overdue; the day after it is.
  const auto is_event = [&](const PartnerAlert& a) {
    return contains(a.text, "event " + std::to_string(meeting.id));
  };
  const std::vector<PartnerAlert> on_the_day = alerts("2025-06-20", "PAR-05");
  EXPECT_TRUE(std::none_of(on_the_day.begin(), on_the_day.end(), is_event));
  const std::vector<PartnerAlert> par05 = alerts("2025-06-21", "PAR-05");
  ASSERT_EQ(par05.size(), 2u);
  const auto is_material = [&](const PartnerAlert& a) {
    return contains(a.text, "material " + std::to_string(flyer.id));
  };
  EXPECT_TRUE(std::any_of(par05.begin(), par05.end(), is_event));
  EXPECT_TRUE(std::any_of(par05.begin(), par05.end(), is_material));
  for (const PartnerAlert& a : par05) {
    EXPECT_EQ(a.convention_id, kSeedId);
    EXPECT_EQ(a.commune, kSeedCommune);
  }
  EXPECT_TRUE(alerts("2025-06-21", "PAR-03").empty());

  // PAR-03: from 30 days before the 2025-10-31 deadline, while no notice is given.
  EXPECT_TRUE(alerts("2025-09-30", "PAR-03").empty());
  const std::vector<PartnerAlert> par03 = alerts("2025-10-01", "PAR-03");
  ASSERT_EQ(par03.size(), 1u);
  EXPECT_EQ(par03[0].convention_id, kSeedId);
  EXPECT_TRUE(contains(par03[0].text, "2025-10-31")) << par03[0].text;
  EXPECT_EQ(alerts("2025-10-31", "PAR-03").size(), 1u);
  EXPECT_TRUE(alerts("2025-11-01", "PAR-03").empty());

  // Acted on: the outcome recorded and the material decided, the PAR-05 alerts go.
  must(record_event_outcome(store(), meeting.id, EventStatus::kHeld, 18, "", d("2025-06-21")),
       "held");
  must(decide_material(store(), flyer.id, true, d("2025-06-22"), "Service communication", ""),
       "approve");
  EXPECT_TRUE(alerts("2025-06-23", "PAR-05").empty());

  // GDPR-03: ends 2028-12-31, contacts kept until 2033-12-31.
  EXPECT_TRUE(alerts("2033-12-31", "GDPR-03").empty());
  const std::vector<PartnerAlert> gdpr = alerts("2034-01-01", "GDPR-03");
  ASSERT_EQ(gdpr.size(), 1u);
  EXPECT_EQ(gdpr[0].convention_id, kSeedId);
  EXPECT_TRUE(contains(gdpr[0].text, "2033-12-31")) << gdpr[0].text;
  retain_partner_contacts(store(), d("2034-01-01"), false);
  EXPECT_TRUE(alerts("2034-01-02", "GDPR-03").empty());
}

// PAR-05: the commune reviews any material using its graphic charter: submitted → rejected (with a
// comment) → a new version replacing it → approved → published; nothing is published before
// approval; a decided material is not decided again; a retried submission is a no-op.
TEST_F(PartnersServiceTest, MaterialReviewWorkflowPAR05) {
  add(seed_request());
  const Material v1 =
      must(submit_material(store(), material(kSeedId, "Flyer permanences", "2025-04-01")), "v1");
  EXPECT_GT(v1.id, 0);
  EXPECT_EQ(v1.status, MaterialStatus::kSubmitted);
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v1.commune, kSeedCommune);
  const Material again =
      must(submit_material(store(), material(kSeedId, "Flyer permanences", "2025-04-01")), "again");
  EXPECT_EQ(again.id, v1.id);
  EXPECT_EQ(list_materials(store(), "", kSeedId).size(), 1u);

  EXPECT_EQ(rule_of(publish_material(store(), v1.id, d("2025-04-02"))), "PAR-05");
  EXPECT_EQ(store().find_material(v1.id)->status, MaterialStatus::kSubmitted);
  EXPECT_FALSE(decide_material(store(), v1.id, false, d("2025-04-05"), "Service communication", ""))
      << "a rejection needs a comment";

  const Material rejected = must(decide_material(store(), v1.id, false, d("2025-04-05"),
                                                 "Service communication", "Logo obsolète"),
                                 "reject");
  EXPECT_EQ(rejected.status, MaterialStatus::kRejected);
  EXPECT_EQ(rejected.decided, d("2025-04-05"));
  EXPECT_EQ(
      rule_of(decide_material(store(), v1.id, true, d("2025-04-06"), "Service communication", "")),
      "PAR-05");
  EXPECT_EQ(rule_of(publish_material(store(), v1.id, d("2025-04-06"))), "PAR-05");

  const Material v2 = must(
      submit_material(store(), material(kSeedId, "Flyer permanences", "2025-04-10", v1.id)), "v2");
  EXPECT_NE(v2.id, v1.id);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.replaces, v1.id);
  EXPECT_EQ(v2.status, MaterialStatus::kSubmitted);
  EXPECT_EQ(must(find_material(store(), v1.id), "v1").status, MaterialStatus::kRejected);

  const Material approved = must(
      decide_material(store(), v2.id, true, d("2025-04-12"), "Service communication", "Conforme"),
      "approve");
  EXPECT_EQ(approved.status, MaterialStatus::kApproved);
  EXPECT_EQ(approved.decided_by, "Service communication");
  const Material published = must(publish_material(store(), v2.id, d("2025-04-15")), "publish");
  EXPECT_EQ(published.status, MaterialStatus::kPublished);
  EXPECT_EQ(published.published, d("2025-04-15"));
  EXPECT_EQ(must(publish_material(store(), v2.id, d("2025-04-15")), "retried").id, v2.id);
  EXPECT_EQ(material_json(published)["status"], "published");
  EXPECT_EQ(list_materials(store(), kSeedCommune, "").size(), 2u);

  EXPECT_EQ(field_of(find_material(store(), 9999)), "MATERIAL");
  EXPECT_EQ(field_of(submit_material(store(), material("CONV-42207-2025-9", "X", "2025-04-01"))),
            "CONVENTION");
}

// ---- ELIG-10, PAR-09: regional enrolments ------------------------------------------------------

// PAR-09, ELIG-10: a regional enrolment waits for the item info_100s; once it is received the
// contract is created and the subscription record stores the convention that made the commune
// eligible, the priority public, the declaration date (the signature date) and the information
// date (the item's date).
TEST_F(PartnersServiceTest, RegionalEnrolmentWaitsForInfo100sPAR09ELIG10) {
  add(seed_request());
  const EnrolmentOutcome waiting =
      must(enrol(store(), regulation(), regional_request("RG1", "2025-04-10").dump(), "rg1.json"),
           "enrol");
  EXPECT_EQ(waiting.contract_id, "RG1");
  EXPECT_EQ(waiting.status, "incomplete");
  EXPECT_EQ(waiting.missing_codes(), "info_100s");
  EXPECT_FALSE(store().find_contract("RG1"));
  EXPECT_FALSE(store().find_regional_subscription("RG1"));

  const EnrolmentOutcome done =
      must(receive_item(store(), regulation(), "RG1", "info_100s", d("2025-04-12"), false, ""),
           "receive");
  EXPECT_EQ(done.status, "active");
  EXPECT_EQ(done.completed_on, d("2025-04-12"));
  const auto contract = store().find_contract("RG1");
  ASSERT_TRUE(contract);
  EXPECT_EQ(contract->product, "REGION_AURA");
  EXPECT_EQ(contract->commune, kSeedCommune);
  EXPECT_EQ(contract->link, Link::kResidence);
  const auto sub = store().find_regional_subscription("RG1");
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->convention_id, kSeedId);
  EXPECT_EQ(sub->priority_public, PriorityPublic::kSenior);
  EXPECT_EQ(sub->no_collective_cover, d("2025-04-10"));
  EXPECT_EQ(sub->informed_100s, d("2025-04-12"));
  const json j = regional_json(*sub);
  EXPECT_EQ(j["convention"], kSeedId);
  EXPECT_EQ(j["priority_public"], "senior");
  EXPECT_EQ(j["informed_100s"], "2025-04-12");

  // Received with the request: the contract at once.
  json both = regional_request("RG2", "2025-05-02");
  both["link"] = "work";
  both["regional"]["priority_public"] = "self_employed";
  both["received"].push_back(json{{"item", "info_100s"}, {"date", "2025-05-02"}});
  const EnrolmentOutcome at_once =
      must(enrol(store(), regulation(), both.dump(), "rg2.json"), "enrol rg2");
  EXPECT_EQ(at_once.status, "active");
  const auto sub2 = store().find_regional_subscription("RG2");
  ASSERT_TRUE(sub2);
  EXPECT_EQ(sub2->priority_public, PriorityPublic::kSelfEmployed);
  EXPECT_EQ(sub2->informed_100s, d("2025-05-02"));
  EXPECT_EQ(store().find_contract("RG2")->link, Link::kWork);
}

// ELIG-10: a declared collective cover, or a commune without a convention in force on the
// signature date, is refused and writes nothing (no enrolment, no contract); a non-regional
// product with a `regional` block, or a regional one without it, is a data error; a labelled
// contract has no regional subscription.
TEST_F(PartnersServiceTest, RegionalEnrolmentRefusalsELIG10) {
  add(seed_request());  // in force from 2025-03-17

  json covered = regional_request("RG3", "2025-04-10");
  covered["regional"]["collective_cover"] = true;
  EXPECT_EQ(rule_of(enrol(store(), regulation(), covered.dump(), "rg3.json")), "ELIG-10");

  // Signed before the convention takes effect.
  const json early = regional_request("RG4", "2025-03-01");
  EXPECT_EQ(rule_of(enrol(store(), regulation(), early.dump(), "rg4.json")), "ELIG-10");
  // A commune with no convention at all.
  json lyon = regional_request("RG5", "2025-04-10");
  lyon["commune"] = "69123";
  EXPECT_EQ(rule_of(enrol(store(), regulation(), lyon.dump(), "rg5.json")), "ELIG-10");
  // Saint-Étienne's convention ends on 2025-12-31 by a notice: nothing in force on 2026-02-01.
  const std::string ending = add_seed_terms("42218");
  must(record_notice(store(), ending, {d("2025-09-01"), d("2025-09-03"), "commune"}), "notice");
  json after_end = regional_request("RG9", "2026-02-01");
  after_end["commune"] = "42218";
  EXPECT_EQ(rule_of(enrol(store(), regulation(), after_end.dump(), "rg9.json")), "ELIG-10");
  for (const char* id : {"RG3", "RG4", "RG5", "RG9"}) {
    EXPECT_FALSE(store().find_enrolment(id)) << id;
    EXPECT_FALSE(store().find_contract(id)) << id;
    EXPECT_FALSE(store().find_regional_subscription(id)) << id;
  }
  EXPECT_EQ(enrolments(), 0);

  // Data errors naming the request's keys.
  json undeclared = regional_request("RG6", "2025-04-10");
  undeclared["regional"].erase("collective_cover");
  EXPECT_EQ(field_of(enrol(store(), regulation(), undeclared.dump(), "rg6.json")),
            "regional.collective_cover");
  json no_link = regional_request("RG7", "2025-04-10");
  no_link.erase("link");
  EXPECT_EQ(field_of(enrol(store(), regulation(), no_link.dump(), "rg7.json")), "link");
  json labelled = regional_request("LB1", "2025-04-10");
  labelled["product"] = "LABEL2";
  labelled["member"]["employer"] = "Commune de Saint-Chamond";
  EXPECT_EQ(field_of(enrol(store(), regulation(), labelled.dump(), "lb1.json")), "regional");
  json bare = regional_request("RG8", "2025-04-10");
  bare.erase("regional");
  EXPECT_EQ(field_of(enrol(store(), regulation(), bare.dump(), "rg8.json")), "regional");
  EXPECT_EQ(enrolments(), 0);

  // A labelled contract of the same commune: no regional subscription for it.
  insert({contract("LB2", "LABEL2", kSeedCommune, Link::kResidence, "2025-05-01", nullptr, 1,
                   "MARTIN", "Camille")});
  RegionalUpdate update;
  update.priority_public = PriorityPublic::kSenior;
  EXPECT_EQ(rule_of(record_regional_subscription(store(), "LB2", update, d("2025-05-02"))),
            "ELIG-10");
  EXPECT_FALSE(store().find_regional_subscription("LB2"));
  EXPECT_EQ(field_of(record_regional_subscription(store(), "NOPE", update, d("2025-05-02"))),
            "CONTRACT");
}

// ---- PAR-10, PAR-06, PAR-08: the yearly report -------------------------------------------------

// Names and references of the report's store: none may leave it (PAR-06).
const std::vector<std::string> kContractIds = {"RGA-0001", "RGA-0002", "RGA-0003", "RGA-0004",
                                               "RGA-0005", "RGA-0006", "RGA-0007", "RGA-0008",
                                               "LAB-0009", "RGA-0010", "RGA-0011"};
const std::vector<std::string> kLastNames = {"QUERNEC",    "BALTHAZARD", "FOUQUERAY", "LEMARIGNIER",
                                             "DESVERGNES", "PAYRASTRE",  "VIGOUROUX", "ABGRALL",
                                             "TROUILLARD", "KERGOAT",    "ROUSSILHE"};
const std::vector<std::string> kFirstNames = {"Philibert", "Ermengarde", "Tiburce", "Gontran",
                                              "Leocadie",  "Eulalie",    "Anatole", "Berthilde",
                                              "Isidore",   "Honorine",   "Saturnin"};
const std::vector<std::string> kCssReferences = {
    "CSSREF-QA1", "CSSREF-QB2", "CSSREF-QC3", "CSSREF-QH4", "CSSREF-QF5",
    "CSSREF-QG6", "CSSREF-QI7", "CSSREF-QD8", "CSSREF-QE9", "CSSREF-QK0"};

// PAR-10, PAR-06, PAR-08, PAR-05: the 2025 report of Saint-Chamond counts the regional contracts
// of the commune in force in 2025 by the product in force (a change on 1 January counts), not the
// labelled one of the same commune nor the one of another commune; CSS checks recorded with the
// commune, one per reference (its latest check); events and materials of the year; every count of
// people below 5 is "< 5" and the exact ones show; no contract id, name or CSS reference leaves
// the report (JSON and CSV).
TEST_F(PartnersServiceTest, AnnualReportAggregatesMasksAndNamesNoOnePAR10PAR06PAR08) {
  add(seed_request());
  add_seed_terms("42218");
  const auto& n = kLastNames;
  const auto& f = kFirstNames;
  insert({
      // In force in 2025, regional, Saint-Chamond:
      contract("RGA-0001", "REGION_AURA", kSeedCommune, Link::kResidence, "2025-04-01", nullptr, 3,
               n[0], f[0]),
      contract("RGA-0002", "REGION_AURA", kSeedCommune, Link::kResidence, "2025-05-01", nullptr, 1,
               n[1], f[1]),
      contract("RGA-0003", "REGION_AURA", kSeedCommune, Link::kWork, "2025-06-01", nullptr, 3, n[2],
               f[2]),
      contract("RGA-0004", "REGION_AURA", kSeedCommune, Link::kResidence, "2025-04-15",
               "2025-09-30", 1, n[3], f[3]),  // ended in the year
      contract("RGA-0005", "REGION_AURA", kSeedCommune, Link::kWork, "2025-07-01", nullptr, 1, n[4],
               f[4]),
      // Labelled until 2024, regional from 2025-01-01 (product change), no link recorded.
      contract("RGA-0006", "LABEL2", kSeedCommune, std::nullopt, "2024-01-01", nullptr, 1, n[5],
               f[5]),
      // Regional until 2024, labelled from 2025-01-01: not counted.
      contract("RGA-0007", "REGION_AURA", kSeedCommune, Link::kResidence, "2024-01-01", nullptr, 2,
               n[6], f[6]),
      // Another commune: not counted.
      contract("RGA-0008", "REGION_AURA", "42218", Link::kResidence, "2025-05-01", nullptr, 2, n[7],
               f[7]),
      // A labelled product with the same commune: not counted.
      contract("LAB-0009", "LABEL2", kSeedCommune, Link::kResidence, "2025-05-01", nullptr, 2, n[8],
               f[8]),
      // Ended before the year, starting after it: not counted.
      contract("RGA-0010", "REGION_AURA", kSeedCommune, Link::kWork, "2024-02-01", "2024-12-31", 1,
               n[9], f[9]),
      contract("RGA-0011", "REGION_AURA", kSeedCommune, Link::kWork, "2026-01-05", nullptr, 1,
               n[10], f[10]),
  });
  must(change_product(store(), "RGA-0006", "REGION_AURA", d("2024-10-15"), "DEM-2024-0006"),
       "change to regional");
  must(change_product(store(), "RGA-0007", "LABEL2", d("2024-10-15"), "DEM-2024-0007"),
       "change to labelled");
  const Date today = d("2026-01-15");
  RegionalUpdate senior;
  senior.priority_public = PriorityPublic::kSenior;
  senior.informed_100s = d("2025-04-01");
  for (const char* id : {"RGA-0001", "RGA-0002", "RGA-0003"}) {
    must(record_regional_subscription(store(), id, senior, today), id);
  }
  RegionalUpdate job_seeker;
  job_seeker.priority_public = PriorityPublic::kJobSeeker;
  must(record_regional_subscription(store(), "RGA-0004", job_seeker, today), "RGA-0004");
  must(record_regional_subscription(store(), "RGA-0008", job_seeker, today), "RGA-0008");

  // CSS checks (one person, 2025 table: free up to 10,339.00, participatory up to 13,957.00).
  const auto css = [&](const std::string& reference, const char* date, const char* resources,
                       const std::string& commune) {
    CssRequest request{*parse_css_resources(resources), {CssPerson{40}}};
    return must(
        record_css_check(store(), regulation(), d(date), request, reference, commune, today),
        "css " + reference);
  };
  const auto& r = kCssReferences;
  // The first case: free, then (resources corrected) not eligible: counted once, not eligible.
  css(r[0], "2025-05-10", "8000", kSeedCommune);
  EXPECT_TRUE(css(r[0], "2025-05-10", "8000", kSeedCommune).already_recorded);  // a retry
  css(r[0], "2025-09-10", "50000", kSeedCommune);
  css(r[1], "2025-06-01", "8000", kSeedCommune);   // free
  css(r[2], "2025-06-02", "9000", kSeedCommune);   // free
  css(r[3], "2025-06-03", "10000", kSeedCommune);  // free
  css(r[4], "2025-07-01", "12000", kSeedCommune);  // participatory
  css(r[5], "2025-07-02", "13000", kSeedCommune);  // participatory
  css(r[6], "2025-08-01", "40000", kSeedCommune);  // not eligible
  css(r[7], "2025-06-05", "8000", "42218");        // another commune
  css(r[8], "2025-06-06", "8000", "");             // no commune
  css(r[9], "2026-01-10", "8000", kSeedCommune);   // another year

  // Activity.
  const std::string hall = "Mairie de Saint-Chamond";
  must(add_event(store(),
                 event(kSeedId, EventKind::kInformationMeeting, "2025-05-20", 1080, 1200, hall,
                       "Salle des fêtes"),
                 EventStatus::kHeld, 30, today),
       "meeting");
  must(add_event(store(),
                 event(kSeedId, EventKind::kOfficeHours, "2025-06-10", 540, 720, hall, "Bureau 2"),
                 EventStatus::kHeld, 12, today),
       "office hours 1");
  must(add_event(store(),
                 event(kSeedId, EventKind::kOfficeHours, "2025-06-17", 540, 720, hall, "Bureau 2"),
                 EventStatus::kHeld, std::nullopt, today),
       "office hours 2");
  PartnerEvent off =
      event(kSeedId, EventKind::kOfficeHours, "2025-07-01", 540, 720, hall, "Bureau 2");
  off.notes = "Salle indisponible";
  must(add_event(store(), off, EventStatus::kCancelled, std::nullopt, today), "cancelled");
  must(
      add_event(store(), event(kSeedId, EventKind::kStaffInformation, "2025-12-20", 840, 960, hall),
                std::nullopt, std::nullopt, today),
      "planned");
  must(add_event(store(), event(kSeedId, EventKind::kAnnualReport, "2026-01-10", 840, 960, hall),
                 EventStatus::kHeld, 8, today),
       "next year");
  must(add_event(store(),
                 event("CONV-42218-2025-1", EventKind::kOfficeHours, "2025-06-10", 540, 720,
                       "Mairie de Saint-Étienne"),
                 EventStatus::kHeld, 50, today),
       "other commune");
  const Material m1 =
      must(submit_material(store(), material(kSeedId, "Affiche", "2025-04-01")), "m1");
  must(decide_material(store(), m1.id, true, d("2025-04-05"), "Mairie", ""), "approve m1");
  must(publish_material(store(), m1.id, d("2025-04-10")), "publish m1");
  const Material m2 =
      must(submit_material(store(), material(kSeedId, "Flyer", "2025-05-01")), "m2");
  must(decide_material(store(), m2.id, false, d("2025-05-03"), "Mairie", "Charte non respectée"),
       "reject m2");
  must(submit_material(store(), material(kSeedId, "Bulletin", "2025-11-01")), "m3");
  must(submit_material(store(), material(kSeedId, "Vœux", "2026-01-05")), "m4");

  const AnnualReport report = must(annual_report(store(), kSeedCommune, 2025, today), "report");
  const json j = report_json(report);
  EXPECT_EQ(j["rule"], "PAR-10");
  EXPECT_EQ(j["commune"], kSeedCommune);
  EXPECT_EQ(j["commune_name"], "Saint-Chamond");
  EXPECT_EQ(j["year"], 2025);
  EXPECT_EQ(j["generated"], "2026-01-15");
  EXPECT_EQ(j["organism"], "Mutuelle MILTIS");
  ASSERT_EQ(j["conventions"].size(), 1u);
  EXPECT_EQ(j["conventions"][0]["id"], kSeedId);
  EXPECT_EQ(j["conventions"][0]["status"], "active");

  // RGA-0001..0006: 6 contracts, 3+1+3+1+1+1 = 10 persons, 5 new, 1 ended.
  EXPECT_EQ(j["subscriptions"], 6);
  EXPECT_EQ(j["insured_persons"], 10);
  EXPECT_EQ(j["new_subscriptions"], 5);
  EXPECT_EQ(j["ended_subscriptions"], "< 5");
  EXPECT_EQ(
      j["by_product"],
      json::parse(R"([{"key": "REGION_AURA", "label": "Ma mutuelle Région Auvergne-Rhône-Alpes",
                             "subscriptions": 6, "insured_persons": 10}])"));
  EXPECT_EQ(j["by_link"], json::parse(R"([
      {"key": "residence", "label": "Résidence", "subscriptions": "< 5", "insured_persons": 5},
      {"key": "work", "label": "Lieu de travail", "subscriptions": "< 5", "insured_persons": "< 5"},
      {"key": "not_recorded", "label": "Non renseigné", "subscriptions": "< 5", "insured_persons": "< 5"}])"));
  // PAR-06: every priority public is listed, masked when below 5 (zero included).
  const json publics = j["by_priority_public"];
  ASSERT_EQ(publics.size(), static_cast<size_t>(kPriorityPublics) + 1);
  std::map<std::string, json> by_key;
  for (const json& row : publics) by_key[row["key"]] = row;
  EXPECT_EQ(by_key["senior"], json::parse(R"({"key": "senior", "label": "Seniors",
      "subscriptions": "< 5", "insured_persons": 7})"));
  EXPECT_EQ(by_key["job_seeker"]["subscriptions"], "< 5");
  EXPECT_EQ(by_key["farmer"]["subscriptions"], "< 5");  // none: still listed, masked
  EXPECT_EQ(by_key["not_recorded"]["insured_persons"], "< 5");
  EXPECT_EQ(publics.back()["key"], "not_recorded");

  // CSS: 7 references in 2025 (the first one counted once, by its latest check: not eligible).
  EXPECT_EQ(j["css"], json::parse(R"({"checks": 7, "free": "< 5", "participatory": "< 5",
                                      "not_eligible": "< 5", "orientations": 5})"));

  EXPECT_EQ(j["events"], json::parse(R"([
      {"kind": "information_meeting", "held": 1, "planned": 0, "cancelled": 0, "attendees": 30},
      {"kind": "office_hours", "held": 2, "planned": 0, "cancelled": 1, "attendees": 12},
      {"kind": "staff_information", "held": 0, "planned": 1, "cancelled": 0, "attendees": 0},
      {"kind": "annual_report", "held": 0, "planned": 0, "cancelled": 0, "attendees": 0}])"));
  ASSERT_EQ(j["held_events"].size(), 3u);
  EXPECT_EQ(j["held_events"][0]["date"], "2025-05-20");
  EXPECT_EQ(j["held_events"][2]["date"], "2025-06-17");
  EXPECT_TRUE(j["held_events"][2]["attendees"].is_null());
  EXPECT_EQ(j["materials"], json::parse(R"({"submitted": 3, "approved": 1, "rejected": 1,
                                            "published": 1, "pending": 1})"));

  const std::string csv = report_csv(report);
  EXPECT_TRUE(contains(csv, "totals,subscriptions,Adhésions,count,6\n")) << csv;
  EXPECT_TRUE(contains(csv, "totals,ended_subscriptions,Adhésions terminées,count,< 5\n")) << csv;
  EXPECT_TRUE(contains(csv, "by_link,residence,Résidence,insured_persons,5\n")) << csv;
  EXPECT_TRUE(contains(csv, "css,orientations,Orientations vers l'Assurance Maladie,count,5\n"))
      << csv;

  // PAR-06: no contract id, beneficiary id, name or CSS case reference in either output.
  const std::string text = j.dump();
  std::vector<std::string> secrets = kContractIds;
  secrets.insert(secrets.end(), kLastNames.begin(), kLastNames.end());
  secrets.insert(secrets.end(), kFirstNames.begin(), kFirstNames.end());
  secrets.insert(secrets.end(), kCssReferences.begin(), kCssReferences.end());
  for (const std::string& s : secrets) {
    EXPECT_FALSE(contains(text, s)) << s << " in the JSON report";
    EXPECT_FALSE(contains(csv, s)) << s << " in the CSV report";
  }

  // A year not begun, a commune without a convention: data errors naming the option.
  EXPECT_EQ(field_of(annual_report(store(), kSeedCommune, 2027, today)), "--year");
  EXPECT_EQ(field_of(annual_report(store(), "69123", 2025, today)), "--commune");
  EXPECT_EQ(field_of(annual_report(store(), kSeedCommune, 2024, today)), "--commune");
}

// PAR-10: the report is for a commune with a convention in force during the year; a commune whose
// only convention ended before the year (or starts after it) is a data error on --commune.
TEST_F(PartnersServiceTest, AnnualReportNeedsAConventionInForceDuringTheYearPAR10) {
  ConventionRequest r = convention_request("38185", "MILTIS", "2020-01-10");  // Grenoble
  r.max_renewals = 0;                                                         // ends 2020-12-31
  add(r, "2020-01-10");
  EXPECT_TRUE(annual_report(store(), "38185", 2020, d("2026-01-15")).ok());
  EXPECT_EQ(field_of(annual_report(store(), "38185", 2019, d("2026-01-15"))), "--commune");
  EXPECT_EQ(field_of(annual_report(store(), "38185", 2021, d("2026-01-15"))), "--commune");
  EXPECT_EQ(field_of(annual_report(store(), "38185", 2025, d("2026-01-15"))), "--commune");
  EXPECT_EQ(field_of(annual_report(store(), "3818", 2020, d("2026-01-15"))), "--commune");
}

// PAR-10, PAR-06 (property): whatever the number of regional contracts of a commune (0 to 12) and
// their households (1 to 3 persons), the report shows the exact count from 5 and "< 5" below,
// for subscriptions and insured persons alike, and never a contract id.
TEST_F(PartnersServiceTest, ReportMasksEveryCountBelowFivePropertyPAR10PAR06) {
  int next_commune = 1;
  const bool ok = rc::check("report masking", [&] {
    char insee[8];
    std::snprintf(insee, sizeof insee, "63%03d", next_commune++);  // Puy-de-Dôme, fresh each case
    const std::string commune = insee;
    add(convention_request(commune, "MILTIS", "2025-03-17"));
    const auto count = static_cast<std::size_t>(*rc::gen::inRange(0, 13));
    const auto households = *rc::gen::container<std::vector<int>>(count, rc::gen::inRange(1, 4));
    std::vector<Contract> contracts;
    int persons = 0;
    for (size_t i = 0; i < households.size(); ++i) {
      const std::string id = "P" + commune + "-" + std::to_string(i);
      contracts.push_back(contract(id, "REGION_AURA", commune, Link::kWork, "2025-06-01", nullptr,
                                   households[i], "ZPROPNAME", "Zprop"));
      persons += households[i];
    }
    if (!contracts.empty()) insert(contracts);
    const auto report = annual_report(store(), commune, 2025, d("2026-01-15"));
    RC_ASSERT(report.ok());
    const json j = report_json(*report);
    const auto shown = [](int count) { return count < 5 ? json("< 5") : json(count); };
    RC_ASSERT(j["subscriptions"] == shown(static_cast<int>(households.size())));
    RC_ASSERT(j["insured_persons"] == shown(persons));
    RC_ASSERT(j["new_subscriptions"] == shown(static_cast<int>(households.size())));
    const std::string text = j.dump() + report_csv(*report);
    RC_ASSERT(!contains(text, "P" + commune));
    RC_ASSERT(!contains(text, "ZPROPNAME"));
  });
  EXPECT_TRUE(ok);
}

// ---- GDPR-03: retention of partner contacts ----------------------------------------------------

// GDPR-03: retain_partner_contacts erases the contacts of a convention ended more than 5 years
// ago, in the convention and in its amendments' changes (terms stay), keeps the others; a dry run
// lists without changing anything; a second run erases nothing new.
TEST_F(PartnersServiceTest, RetentionErasesContactsFiveYearsAfterTheEndGDPR03) {
  ConventionRequest old = seed_request();
  old.commune = "38185";  // Grenoble: ended 2018-12-31, contacts kept until 2023-12-31
  old.commune_name = "Grenoble";
  old.signed_on = d("2018-02-01");
  old.max_renewals = 0;
  const std::string old_id = add(old, "2018-02-01");
  AmendmentRequest amendment;
  amendment.signed_on = d("2018-06-01");
  amendment.summary = "Nouveau contact et préavis de 3 mois";
  amendment.sets = {{"commune_contact", "Mme Lucie BERTRAND, 04 76 00 00 00"},
                    {"notice_months", "3"}};
  must(amend_convention(store(), old_id, amendment, d("2018-06-01")), "amend old");

  ConventionRequest recent_end = seed_request();
  recent_end.commune = "63113";  // Clermont-Ferrand: ended 2021-12-31, kept until 2026-12-31
  recent_end.commune_name = "Clermont-Ferrand";
  recent_end.signed_on = d("2021-01-15");
  recent_end.max_renewals = 0;
  const std::string recent_id = add(recent_end, "2021-01-15");
  const std::string active_id = add(seed_request());

  const Date today = d("2025-01-10");
  const ContactsRetention dry = retain_partner_contacts(store(), today, true);
  EXPECT_TRUE(dry.dry_run);
  EXPECT_EQ(dry.erased, std::vector<std::string>{old_id});
  EXPECT_EQ(store().find_convention(old_id)->convention.contacts, old.contacts);
  EXPECT_EQ(store().find_convention(old_id)->convention.contacts_erased, std::nullopt);
  EXPECT_EQ(store().find_convention(old_id)->amendments[0].changes[0].new_value,
            "Mme Lucie BERTRAND, 04 76 00 00 00");

  const ContactsRetention run = retain_partner_contacts(store(), today, false);
  EXPECT_FALSE(run.dry_run);
  EXPECT_EQ(run.erased, std::vector<std::string>{old_id});
  const ConventionRecord erased = *store().find_convention(old_id);
  EXPECT_EQ(erased.convention.contacts, ConventionContacts{});
  EXPECT_EQ(erased.convention.contacts_erased, today);
  EXPECT_EQ(erased.convention.commune, "38185");  // parties and dates stay
  EXPECT_EQ(erased.convention.terms.signed_on, d("2018-02-01"));
  ASSERT_EQ(erased.amendments.size(), 1u);
  ASSERT_EQ(erased.amendments[0].changes.size(), 2u);
  for (const AmendmentChange& c : erased.amendments[0].changes) {
    if (c.field == "commune_contact") {
      EXPECT_EQ(c.old_value, "");
      EXPECT_EQ(c.new_value, "");
    } else {
      EXPECT_EQ(c.field, "notice_months");  // a term, not personal data: kept
      EXPECT_EQ(c.old_value, "2");
      EXPECT_EQ(c.new_value, "3");
    }
  }
  const std::string dumped = convention_json(view(old_id, "2025-01-10")).dump();
  EXPECT_FALSE(contains(dumped, "BERTRAND"));
  EXPECT_FALSE(contains(dumped, "DUGUA"));
  EXPECT_FALSE(contains(dumped, "contact-cnll@miltis.fr"));
  EXPECT_EQ(store().find_convention(recent_id)->convention.contacts, recent_end.contacts);
  EXPECT_EQ(store().find_convention(active_id)->convention.contacts, seed_request().contacts);

  const ContactsRetention second = retain_partner_contacts(store(), today, false);
  EXPECT_TRUE(second.erased.empty());
  // Once its own 5 years have run, the other ended convention goes too.
  EXPECT_EQ(retain_partner_contacts(store(), d("2027-01-01"), true).erased,
            std::vector<std::string>{recent_id});
}

// GDPR-03: a contact given only by an amendment (the convention was signed without one) is
// personal data of the convention too: erased by the retention job once its 5 years have run.
TEST_F(PartnersServiceTest, RetentionErasesContactsGivenOnlyByAnAmendmentGDPR03) {
  ConventionRequest bare = convention_request("38185", "MILTIS", "2018-02-01");  // no contacts
  bare.max_renewals = 0;  // ends 2018-12-31, kept until 2023-12-31
  const std::string id = add(bare, "2018-02-01");
  AmendmentRequest contact;
  contact.signed_on = d("2018-06-01");
  contact.summary = "Contact de la commune";
  contact.sets = {{"commune_contact", "Mme Lucie BERTRAND, 04 76 00 00 00"}};
  must(amend_convention(store(), id, contact, d("2018-06-01")), "amend");
  EXPECT_EQ(view(id, "2018-07-01").current.contacts.commune_contact,
            "Mme Lucie BERTRAND, 04 76 00 00 00");

  const ContactsRetention run = retain_partner_contacts(store(), d("2025-01-10"), false);
  EXPECT_EQ(run.erased, std::vector<std::string>{id});
  const ConventionRecord rec = *store().find_convention(id);
  ASSERT_EQ(rec.amendments.size(), 1u);
  ASSERT_EQ(rec.amendments[0].changes.size(), 1u);
  EXPECT_EQ(rec.amendments[0].changes[0].new_value, "");
  EXPECT_FALSE(contains(convention_json(view(id, "2025-01-10")).dump(), "BERTRAND"));
  EXPECT_TRUE(alerts("2025-01-11", "GDPR-03").empty());
}

// GDPR-03: the retention alert is about contacts kept too long; a convention that holds no
// contact at all raises none (the retention job has nothing to erase, so it could never clear it).
TEST_F(PartnersServiceTest, NoRetentionAlertForAConventionWithoutContactsGDPR03) {
  ConventionRequest bare = convention_request("38185", "MILTIS", "2018-02-01");  // no contacts
  bare.max_renewals = 0;  // ends 2018-12-31, kept until 2023-12-31
  add(bare, "2018-02-01");
  EXPECT_TRUE(retain_partner_contacts(store(), d("2025-01-10"), false).erased.empty());
  EXPECT_TRUE(alerts("2025-01-10", "GDPR-03").empty());
}

}  // namespace
}  // namespace mutua
