// The regional scheme's tables of migrations 6 and 7 round-trip exactly, and their queries filter
// and order as store.hpp says.
// Rules: PAR-01 PAR-03 PAR-04 PAR-05 PAR-07 PAR-08 PAR-09 PAR-10 ELIG-10 GDPR-03
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "storage/migrations.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/storage_test_support.hpp"

namespace mutua {
namespace {

Date d(const char* text) { return parse_date(text).value(); }

// ConventionTerms, NonRenewalNotice and BreachNotice have no operator== (so neither has
// Convention): they are compared field by field.
auto fields(const ConventionTerms& t) {
  return std::tie(t.signed_on, t.effect, t.max_renewals, t.notice_months, t.remedy_days,
                  t.termination_notice_months, t.alert_days);
}
auto fields(const NonRenewalNotice& n) {
  return std::tie(n.id, n.sent, n.received, n.by, n.reference);
}
auto fields(const BreachNotice& b) {
  return std::tie(b.id, b.formal_notice, b.remedied, b.by, b.termination_notified, b.reason);
}
auto fields(const Convention& c) {
  return std::tuple_cat(std::tie(c.id, c.commune, c.mutuelle, c.scheme, c.place, c.contacts,
                                 c.recorded, c.contacts_erased),
                        fields(c.terms));
}

template <typename T>
void expect_same(const std::vector<T>& a, const std::vector<T>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(fields(a[i]) == fields(b[i])) << "at " << i;
}

void expect_same(const ConventionRecord& a, const ConventionRecord& b) {
  EXPECT_TRUE(fields(a.convention) == fields(b.convention)) << a.convention.id;
  expect_same(a.notices, b.notices);
  expect_same(a.breaches, b.breaches);
  EXPECT_EQ(a.amendments, b.amendments);
}

std::vector<std::string> ids_of(const std::vector<ConventionRecord>& records) {
  std::vector<std::string> out;
  for (const ConventionRecord& r : records) out.push_back(r.convention.id);
  return out;
}

Convention sample_convention(const std::string& id, const std::string& commune) {
  Convention c;
  c.id = id;
  c.commune = commune;
  c.mutuelle = "MILTIS";
  c.scheme = "Ma mutuelle Région Auvergne-Rhône-Alpes";
  c.place = "Saint-Chamond";
  c.terms.signed_on = d("2025-03-14");
  c.terms.effect = d("2025-04-01");
  c.terms.max_renewals = 2;
  c.terms.notice_months = 3;
  c.terms.remedy_days = 45;
  c.terms.termination_notice_months = 2;
  c.terms.alert_days = 60;
  c.contacts = {"M. Hervé REYNAUD, Maire", "Mme Claire DURAND, Présidente",
                "dpo@saint-chamond.fr",    "dpo@miltis.fr",
                "M. Axel DUGUA",           "contact-cnll@miltis.fr"};
  c.recorded = d("2025-03-20");
  return c;
}

class PartnersStorageTest : public testing_support::StoreFixture {
 protected:
  PartnersStorageTest() : StoreFixture("mutua_partners_") {}

  // Two communes and one mutuelle: conventions reference them.
  void SetUp() override {
    StoreFixture::SetUp();
    store_->save_commune({"42207", "Saint-Chamond"});
    store_->save_commune({"42218", "Saint-Étienne"});
    store_->save_partner_mutuelle({"MILTIS", "Miltis", "352830143"});
  }

  PartnerEvent event(const std::string& convention, const std::string& commune, const char* date,
                     int start) {
    PartnerEvent e;
    e.convention_id = convention;
    e.commune = commune;
    e.kind = EventKind::kOfficeHours;
    e.date = d(date);
    e.start_minute = start;
    e.end_minute = start + 120;
    e.place = "Mairie de Saint-Chamond, avenue Antoine Pinet";
    e.room = "Salle du conseil";
    e.recorded = d("2025-04-02");
    e.id = store_->insert_event(e);
    return e;
  }

  Material material(const std::string& convention, const std::string& commune,
                    const std::string& title) {
    Material m;
    m.convention_id = convention;
    m.commune = commune;
    m.title = title;
    m.medium = Medium::kPoster;
    m.reference = title + ".pdf";
    m.submitted = d("2025-04-10");
    m.id = store_->insert_material(m);
    return m;
  }

  CssCheckRecord css_check(const std::string& commune, const char* date) {
    CssCheckRecord c;
    c.reference = "SC-" + commune + "-" + date;
    c.check_date = d(date);
    c.recorded = d(date);
    c.persons = 2;
    c.resources = Money::from_cents(1500000);
    c.result = "free";
    c.ceiling = Money::from_cents(1800000);
    c.table = "2025-04-01..2026-03-31";
    c.regime = "general";
    c.commune = commune;
    c.id = store_->insert_css_check(c);
    return c;
  }

  // Contracts need their product (foreign key).
  void add_product() {
    Product p;
    p.code = "REGION";
    p.name = "Ma mutuelle Région";
    p.kind = ProductKind::kRegional;
    store_->upsert_product(p);
  }

  Contract contract(const std::string& id, const std::string& commune, int children) {
    Contract c;
    c.id = id;
    c.product = "REGION";
    c.commune = commune;
    c.link = Link::kResidence;
    c.address = "12 rue de la République, 42400 Saint-Chamond";
    c.beneficiaries.push_back(
        {id + "-M", Role::kMember, "MARTIN", "Élodie", d("1984-05-03"), d("2025-05-01")});
    Beneficiary s{id + "-S", Role::kSpouse, "MARTIN", "Hugo", d("1983-01-15"), d("2025-05-01")};
    s.relation = Relation::kPacs;
    c.beneficiaries.push_back(s);
    for (int i = 0; i < children; ++i) {
      Beneficiary k{id + "-C" + std::to_string(i),
                    Role::kChild,
                    "MARTIN",
                    "Enfant",
                    d("2010-01-01"),
                    d("2025-05-01"),
                    d("2028-12-31")};
      k.condition = ChildCondition::kMinor;
      k.end_reason = "ELIG-07";
      c.beneficiaries.push_back(k);
    }
    return c;
  }
};

// PAR-08: a CSS check is recorded with its figures under its reference, every check kept.
TEST_F(PartnersStorageTest, CssChecksRoundTripPAR08) {
  CssCheckRecord c;
  c.reference = "SC-2025-017";
  c.check_date = parse_date("2025-06-01").value();
  c.recorded = parse_date("2025-06-02").value();
  c.persons = 3;
  c.resources = Money::from_cents(2000050);
  c.result = "participatory";
  c.ceiling = Money::from_cents(2512300);
  c.monthly_participation = Money::from_cents(3600);
  c.table = "2025-04-01..2026-03-31";
  c.regime = "general";
  const int64_t first = store_->insert_css_check(c);
  c.resources = Money::from_cents(100);
  c.result = "free";
  const int64_t second = store_->insert_css_check(c);
  EXPECT_LT(first, second);
  auto checks = store_->css_checks("SC-2025-017");
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].id, first);
  EXPECT_EQ(checks[0].check_date, parse_date("2025-06-01").value());
  EXPECT_EQ(checks[0].recorded, parse_date("2025-06-02").value());
  EXPECT_EQ(checks[0].persons, 3);
  EXPECT_EQ(checks[0].alternating_custody, 0);
  EXPECT_EQ(checks[0].resources, Money::from_cents(2000050));
  EXPECT_EQ(checks[0].result, "participatory");
  EXPECT_EQ(checks[0].ceiling, Money::from_cents(2512300));
  EXPECT_EQ(checks[0].monthly_participation, Money::from_cents(3600));
  EXPECT_EQ(checks[0].table, "2025-04-01..2026-03-31");
  EXPECT_EQ(checks[0].regime, "general");
  EXPECT_EQ(checks[0].commune, "");
  EXPECT_EQ(checks[1].result, "free");
  EXPECT_TRUE(store_->css_checks("OTHER").empty());
}

// PAR-08, PAR-10: the commune of a check is kept (empty stays empty, stored NULL), and the checks
// of a commune are those dated within [from, to], inclusive, in id order.
TEST_F(PartnersStorageTest, CssChecksOfCommunePAR08PAR10) {
  const CssCheckRecord late = css_check("42207", "2025-12-31");
  const CssCheckRecord early = css_check("42207", "2025-01-01");
  const CssCheckRecord before = css_check("42207", "2024-12-31");
  const CssCheckRecord other = css_check("42218", "2025-06-01");
  const CssCheckRecord none = css_check("", "2025-06-01");
  EXPECT_EQ(store_->css_checks(late.reference).at(0).commune, "42207");
  EXPECT_EQ(store_->css_checks(none.reference).at(0).commune, "");
  EXPECT_EQ(store_->db().query_int("SELECT count(*) FROM css_checks WHERE commune IS NULL"), 1);

  auto checks = store_->css_checks_of_commune("42207", d("2025-01-01"), d("2025-12-31"));
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].id, late.id);  // id order, not date order
  EXPECT_EQ(checks[1].id, early.id);
  EXPECT_EQ(checks[1].reference, early.reference);
  EXPECT_EQ(checks[1].resources, early.resources);
  EXPECT_EQ(store_->css_checks_of_commune("42207", d("2024-01-01"), d("2024-12-31")).at(0).id,
            before.id);
  EXPECT_EQ(store_->css_checks_of_commune("42218", d("2025-01-01"), d("2025-12-31")).size(), 1u);
  EXPECT_EQ(store_->css_checks_of_commune("42218", d("2025-01-01"), d("2025-12-31")).at(0).id,
            other.id);
  EXPECT_TRUE(store_->css_checks_of_commune("42218", d("2025-06-02"), d("2025-12-31")).empty());
  EXPECT_TRUE(store_->css_checks_of_commune("01001", d("2000-01-01"), d("2099-12-31")).empty());
}

// PAR-08: a database at schema 6 keeps its CSS checks through migration 7 (commune empty).
TEST_F(PartnersStorageTest, MigrationKeepsCssChecksPAR08) {
  testing_support::TestDatabase old_database("mutua_v6_");
  {
    SqliteStore old(old_database.target());
    old.db().exec(dialect_sql(
        {"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
         "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"},
        old.db().dialect()));
    for (const Migration& m : migrations()) {
      if (m.version > 6) break;
      for (const MigrationStatement& s : m.statements) {
        old.db().exec(dialect_sql(s, old.db().dialect()));
      }
      old.db().exec("INSERT INTO schema_migrations (version, description) VALUES (" +
                    std::to_string(m.version) + ", 'test')");
    }
    ASSERT_EQ(old.schema_version(), 6);
    old.db().exec(
        "INSERT INTO css_checks (reference, check_date, recorded, persons, alternating_custody, "
        "resources_cents, result, ceiling_cents, participation_cents, table_validity, regime) "
        "VALUES ('SC-OLD', '2025-05-02', '2025-05-03', 1, 0, 900000, 'free', 1000000, 0, "
        "'2025-04-01..2026-03-31', 'general')");
    old.migrate();
    EXPECT_EQ(old.schema_version(), migrations().back().version);
    auto checks = old.css_checks("SC-OLD");
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].commune, "");
    EXPECT_EQ(checks[0].check_date, d("2025-05-02"));
    EXPECT_EQ(checks[0].resources, Money::from_cents(900000));
  }
}

// PAR-01: communes and partner mutuelles are saved by code; saving again replaces them (even
// when a convention references them).
TEST_F(PartnersStorageTest, CommunesAndMutuellesRoundTripPAR01) {
  EXPECT_EQ(store_->find_commune("42207"), (Commune{"42207", "Saint-Chamond"}));
  EXPECT_EQ(store_->find_partner_mutuelle("MILTIS"),
            (PartnerMutuelle{"MILTIS", "Miltis", "352830143"}));
  store_->insert_convention(sample_convention("CONV-42207-2025-1", "42207"));
  store_->save_commune({"42207", ""});
  store_->save_partner_mutuelle({"MILTIS", "Miltis mutuelle", ""});
  EXPECT_EQ(store_->find_commune("42207"), (Commune{"42207", ""}));
  EXPECT_EQ(store_->find_partner_mutuelle("MILTIS"),
            (PartnerMutuelle{"MILTIS", "Miltis mutuelle", ""}));
  EXPECT_EQ(store_->find_commune("42218"), (Commune{"42218", "Saint-Étienne"}));
  EXPECT_EQ(store_->find_commune("01001"), std::nullopt);
  EXPECT_EQ(store_->find_partner_mutuelle("OTHER"), std::nullopt);
  EXPECT_TRUE(store_->find_convention("CONV-42207-2025-1").has_value());
}

// PAR-01: a convention is stored as signed, found by id, listed by id (all, or a commune's);
// its id is unique; it needs a known commune and mutuelle.
TEST_F(PartnersStorageTest, ConventionRoundTripPAR01) {
  const Convention b = sample_convention("CONV-42207-2025-2", "42207");
  Convention a = sample_convention("CONV-42207-2025-1", "42207");
  a.place = "";
  a.scheme = "";
  a.contacts.commune_dpo = "";
  a.contacts_erased = d("2031-01-05");
  const Convention c = sample_convention("CONV-42218-2025-1", "42218");
  store_->insert_convention(b);
  store_->insert_convention(c);
  store_->insert_convention(a);

  auto found = store_->find_convention(a.id);
  ASSERT_TRUE(found.has_value());
  expect_same(*found, ConventionRecord{a, {}, {}, {}});
  EXPECT_EQ(store_->find_convention("CONV-00000-2025-1"), std::nullopt);

  EXPECT_EQ(ids_of(store_->conventions("")), (std::vector<std::string>{a.id, b.id, c.id}));
  auto of_42207 = store_->conventions("42207");
  EXPECT_EQ(ids_of(of_42207), (std::vector<std::string>{a.id, b.id}));
  expect_same(of_42207[1], ConventionRecord{b, {}, {}, {}});
  EXPECT_EQ(ids_of(store_->conventions("42218")), (std::vector<std::string>{c.id}));
  EXPECT_TRUE(store_->conventions("01001").empty());

  EXPECT_THROW(store_->insert_convention(a), StoreError);
  EXPECT_THROW(store_->insert_convention(sample_convention("CONV-01001-2025-1", "01001")),
               StoreError);
  Convention unknown_mutuelle = sample_convention("CONV-42207-2025-9", "42207");
  unknown_mutuelle.mutuelle = "OTHER";
  EXPECT_THROW(store_->insert_convention(unknown_mutuelle), StoreError);
}

// PAR-01: amendments come back with their convention, by number, each with its changes in order;
// replace_amendment_changes rewrites one amendment's changes only.
TEST_F(PartnersStorageTest, AmendmentsRoundTripPAR01) {
  const Convention c = sample_convention("CONV-42207-2025-1", "42207");
  const Convention other = sample_convention("CONV-42218-2025-1", "42218");
  store_->insert_convention(c);
  store_->insert_convention(other);

  Amendment second{0,
                   c.id,
                   2,
                   d("2026-02-01"),
                   d("2026-03-01"),
                   "Nouveau contact",
                   {{"commune_contact", "M. Axel DUGUA", "Mme Léa FAURE"}},
                   d("2026-02-03")};
  Amendment first{0,
                  c.id,
                  1,
                  d("2025-09-01"),
                  d("2025-10-01"),
                  "Préavis et renouvellements",
                  {{"notice_months", "3", "2"}, {"max_renewals", "2", "3"}},
                  d("2025-09-02")};
  Amendment elsewhere{0,
                      other.id,
                      1,
                      d("2025-09-01"),
                      d("2025-10-01"),
                      "",
                      {{"mutuelle_dpo", "dpo@miltis.fr", "rgpd@miltis.fr"}},
                      d("2025-09-02")};
  second.id = store_->insert_amendment(second);
  first.id = store_->insert_amendment(first);
  elsewhere.id = store_->insert_amendment(elsewhere);
  EXPECT_GT(second.id, 0);
  EXPECT_NE(first.id, second.id);

  auto found = store_->find_convention(c.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->amendments, (std::vector<Amendment>{first, second}));
  EXPECT_EQ(store_->find_convention(other.id)->amendments, std::vector<Amendment>{elsewhere});
  EXPECT_EQ(store_->conventions("").at(0).amendments, (std::vector<Amendment>{first, second}));

  Amendment duplicate = first;
  duplicate.summary = "Numéro déjà pris";
  EXPECT_THROW(store_->insert_amendment(duplicate), StoreError);

  second.changes = {{"commune_contact", "", ""}};
  store_->replace_amendment_changes(second);
  EXPECT_EQ(store_->find_convention(c.id)->amendments, (std::vector<Amendment>{first, second}));
  EXPECT_EQ(store_->find_convention(other.id)->amendments, std::vector<Amendment>{elsewhere});
}

// PAR-03: non-renewal notices are stored with their convention, in id order.
TEST_F(PartnersStorageTest, NoticesRoundTripPAR03) {
  const Convention c = sample_convention("CONV-42207-2025-1", "42207");
  store_->insert_convention(c);
  store_->insert_convention(sample_convention("CONV-42218-2025-1", "42218"));
  NonRenewalNotice n1{d("2025-09-20"), d("2025-09-23"), "commune", 0, "1A 123 456 7890 1"};
  NonRenewalNotice n2{d("2026-10-01"), d("2026-10-04"), "", 0, ""};
  n1.id = store_->insert_notice(c.id, n1);
  n2.id = store_->insert_notice(c.id, n2);
  EXPECT_LT(n1.id, n2.id);
  auto found = store_->find_convention(c.id);
  ASSERT_TRUE(found.has_value());
  expect_same(found->notices, {n1, n2});
  EXPECT_TRUE(store_->find_convention("CONV-42218-2025-1")->notices.empty());
  expect_same(store_->conventions("42207").at(0).notices, {n1, n2});
  EXPECT_THROW(store_->insert_notice("CONV-00000-2025-1", n1), StoreError);
}

// PAR-04: a breach is stored with its convention; update_breach replaces only its remedy and
// termination dates.
TEST_F(PartnersStorageTest, BreachesRoundTripPAR04) {
  const Convention c = sample_convention("CONV-42207-2025-1", "42207");
  store_->insert_convention(c);
  BreachNotice b;
  b.formal_notice = d("2025-06-02");
  b.by = "commune";
  b.reason = "Permanences non tenues";
  b.id = store_->insert_breach(c.id, b);
  BreachNotice remedied;
  remedied.formal_notice = d("2025-07-01");
  remedied.remedied = d("2025-07-15");
  remedied.by = "mutuelle";
  remedied.id = store_->insert_breach(c.id, remedied);

  auto found = store_->find_breach(b.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->first, c.id);
  EXPECT_TRUE(fields(found->second) == fields(b));
  expect_same(store_->find_convention(c.id)->breaches, {b, remedied});
  EXPECT_EQ(store_->find_breach(remedied.id + 100), std::nullopt);

  BreachNotice update = b;
  update.termination_notified = d("2025-07-10");
  update.formal_notice = d("2025-01-01");  // not replaced
  update.by = "mutuelle";
  update.reason = "changed";
  store_->update_breach(update);
  b.termination_notified = d("2025-07-10");
  EXPECT_TRUE(fields(store_->find_breach(b.id)->second) == fields(b));
  expect_same(store_->find_convention(c.id)->breaches, {b, remedied});

  update.remedied = d("2025-07-20");
  update.termination_notified.reset();
  store_->update_breach(update);
  b.remedied = d("2025-07-20");
  b.termination_notified.reset();
  EXPECT_TRUE(fields(store_->find_breach(b.id)->second) == fields(b));
}

// GDPR-03: the retention job replaces the contacts and the erasure date, nothing else.
TEST_F(PartnersStorageTest, ContactsUpdateGDPR03) {
  Convention c = sample_convention("CONV-42207-2025-1", "42207");
  store_->insert_convention(c);
  store_->insert_convention(sample_convention("CONV-42218-2025-1", "42218"));
  store_->update_convention_contacts(c.id, ConventionContacts{}, d("2033-01-02"));
  Convention erased = c;
  erased.contacts = {};
  erased.contacts_erased = d("2033-01-02");
  expect_same(*store_->find_convention(c.id), ConventionRecord{erased, {}, {}, {}});
  expect_same(*store_->find_convention("CONV-42218-2025-1"),
              ConventionRecord{sample_convention("CONV-42218-2025-1", "42218"), {}, {}, {}});

  c.contacts.commune_contact = "Mme Léa FAURE";
  store_->update_convention_contacts(c.id, c.contacts, std::nullopt);
  expect_same(*store_->find_convention(c.id), ConventionRecord{c, {}, {}, {}});
}

// PAR-05: events round-trip; every filter set must match; they come by date, start, then id;
// update replaces status, attendees and notes only.
TEST_F(PartnersStorageTest, EventsRoundTripAndFiltersPAR05) {
  const std::string a = "CONV-42207-2025-1";
  const std::string b = "CONV-42207-2025-2";
  const std::string e = "CONV-42218-2025-1";
  store_->insert_convention(sample_convention(a, "42207"));
  store_->insert_convention(sample_convention(b, "42207"));
  store_->insert_convention(sample_convention(e, "42218"));
  const PartnerEvent late = event(a, "42207", "2025-06-10", 14 * 60);
  PartnerEvent early = event(a, "42207", "2025-06-10", 9 * 60);
  const PartnerEvent tie = event(b, "42207", "2025-06-10", 9 * 60);  // same start: by id
  const PartnerEvent may = event(b, "42207", "2025-05-05", 10 * 60);
  const PartnerEvent etienne = event(e, "42218", "2025-06-01", 10 * 60);
  PartnerEvent bare;
  bare.convention_id = e;
  bare.commune = "42218";
  bare.kind = EventKind::kAnnualReport;
  bare.date = d("2026-01-20");
  bare.start_minute = 18 * 60;
  bare.end_minute = 24 * 60;
  bare.place = "Hôtel de ville";
  bare.status = EventStatus::kCancelled;
  bare.attendees = 0;
  bare.recorded = d("2025-12-01");
  bare.id = store_->insert_event(bare);

  EXPECT_EQ(store_->find_event(early.id), early);
  EXPECT_EQ(store_->find_event(bare.id), bare);
  EXPECT_EQ(store_->find_event(bare.id + 100), std::nullopt);

  using Events = std::vector<PartnerEvent>;
  EXPECT_EQ(store_->events({}), (Events{may, etienne, early, tie, late, bare}));
  EXPECT_EQ(store_->events({"42207", "", {}, {}}), (Events{may, early, tie, late}));
  EXPECT_EQ(store_->events({"", b, {}, {}}), (Events{may, tie}));
  EXPECT_EQ(store_->events({"42207", a, {}, {}}), (Events{early, late}));
  EXPECT_EQ(store_->events({"42218", a, {}, {}}), Events{});
  EXPECT_EQ(store_->events({"", "", d("2025-06-01"), d("2025-06-10")}),
            (Events{etienne, early, tie, late}));
  EXPECT_EQ(store_->events({"", "", d("2025-06-02"), {}}), (Events{early, tie, late, bare}));
  EXPECT_EQ(store_->events({"", "", {}, d("2025-06-09")}), (Events{may, etienne}));
  EXPECT_EQ(store_->events({"42207", b, d("2025-06-01"), d("2025-12-31")}), Events{tie});

  PartnerEvent update = early;
  update.status = EventStatus::kHeld;
  update.attendees = 23;
  update.notes = "Questions sur la CSS";
  update.place = "ignored";
  update.room = "";
  update.date = d("2025-06-11");
  update.start_minute = 0;
  update.recorded = d("2025-06-11");
  store_->update_event(update);
  early.status = EventStatus::kHeld;
  early.attendees = 23;
  early.notes = "Questions sur la CSS";
  EXPECT_EQ(store_->find_event(early.id), early);
  update.attendees.reset();
  update.notes = "";
  store_->update_event(update);
  early.attendees.reset();
  early.notes = "";
  EXPECT_EQ(store_->find_event(early.id), early);
  EXPECT_EQ(store_->find_event(late.id), late);
}

// PAR-05: an event's commune is its convention's: a disagreeing one is refused by the schema.
TEST_F(PartnersStorageTest, EventCommuneMatchesConventionPAR05) {
  store_->insert_convention(sample_convention("CONV-42207-2025-1", "42207"));
  EXPECT_THROW(event("CONV-42207-2025-1", "42218", "2025-06-10", 600), StoreError);
  EXPECT_THROW(event("CONV-00000-2025-1", "42207", "2025-06-10", 600), StoreError);
}

// PAR-05: materials round-trip; listed by commune and/or convention, by id; update replaces the
// status, decision and publication only.
TEST_F(PartnersStorageTest, MaterialsRoundTripPAR05) {
  const std::string a = "CONV-42207-2025-1";
  const std::string b = "CONV-42207-2025-2";
  const std::string e = "CONV-42218-2025-1";
  store_->insert_convention(sample_convention(a, "42207"));
  store_->insert_convention(sample_convention(b, "42207"));
  store_->insert_convention(sample_convention(e, "42218"));
  Material poster = material(a, "42207", "Affiche permanences");
  const Material flyer = material(e, "42218", "Dépliant");
  Material decided;
  decided.convention_id = b;
  decided.commune = "42207";
  decided.title = "Bulletin municipal, juin";
  decided.medium = Medium::kMunicipalNewsletter;
  decided.version = 2;
  decided.replaces = poster.id;
  decided.status = MaterialStatus::kPublished;
  decided.submitted = d("2025-05-01");
  decided.decided = d("2025-05-03");
  decided.decided_by = "Service communication";
  decided.comment = "Logo en couleur";
  decided.published = d("2025-06-01");
  decided.id = store_->insert_material(decided);

  EXPECT_EQ(store_->find_material(poster.id), poster);
  EXPECT_EQ(store_->find_material(decided.id), decided);
  EXPECT_EQ(store_->find_material(decided.id + 100), std::nullopt);

  using Materials = std::vector<Material>;
  EXPECT_EQ(store_->materials("", ""), (Materials{poster, flyer, decided}));
  EXPECT_EQ(store_->materials("42207", ""), (Materials{poster, decided}));
  EXPECT_EQ(store_->materials("", e), Materials{flyer});
  EXPECT_EQ(store_->materials("42207", b), Materials{decided});
  EXPECT_EQ(store_->materials("42218", b), Materials{});

  Material update = poster;
  update.status = MaterialStatus::kRejected;
  update.decided = d("2025-04-12");
  update.decided_by = "M. le Maire";
  update.comment = "Charte graphique non respectée";
  update.title = "ignored";
  update.medium = Medium::kOnline;
  update.reference = "";
  update.submitted = d("2025-01-01");
  store_->update_material(update);
  poster.status = MaterialStatus::kRejected;
  poster.decided = d("2025-04-12");
  poster.decided_by = "M. le Maire";
  poster.comment = "Charte graphique non respectée";
  EXPECT_EQ(store_->find_material(poster.id), poster);
  EXPECT_EQ(store_->find_material(flyer.id), flyer);

  update.status = MaterialStatus::kSubmitted;
  update.decided.reset();
  update.decided_by = "";
  update.comment = "";
  update.published = d("2025-04-20");
  store_->update_material(update);
  poster.status = MaterialStatus::kSubmitted;
  poster.decided.reset();
  poster.decided_by = "";
  poster.comment = "";
  poster.published = d("2025-04-20");
  EXPECT_EQ(store_->find_material(poster.id), poster);
}

// PAR-09, ELIG-10: a regional subscription is saved by contract id (insert or replace), with or
// without its optional fields.
TEST_F(PartnersStorageTest, RegionalSubscriptionRoundTripPAR09ELIG10) {
  add_product();
  store_->insert_contracts({contract("R1", "42207", 0), contract("R2", "42207", 0)});
  store_->insert_convention(sample_convention("CONV-42207-2025-1", "42207"));
  RegionalSubscription full{"R1",
                            "CONV-42207-2025-1",
                            PriorityPublic::kSelfEmployed,
                            d("2025-04-28"),
                            d("2025-04-29"),
                            d("2025-04-30")};
  RegionalSubscription bare{"R2", "", std::nullopt, std::nullopt, std::nullopt, d("2025-05-02")};
  store_->save_regional_subscription(full);
  store_->save_regional_subscription(bare);
  EXPECT_EQ(store_->find_regional_subscription("R1"), full);
  EXPECT_EQ(store_->find_regional_subscription("R2"), bare);
  EXPECT_EQ(store_->find_regional_subscription("R9"), std::nullopt);

  full.priority_public = PriorityPublic::kSenior;
  full.informed_100s.reset();
  full.recorded = d("2025-05-10");
  store_->save_regional_subscription(full);
  EXPECT_EQ(store_->find_regional_subscription("R1"), full);
  EXPECT_EQ(store_->db().query_int("SELECT count(*) FROM regional_subscriptions"), 2);

  EXPECT_THROW(store_->save_regional_subscription({"R9", "", {}, {}, {}, d("2025-05-02")}),
               StoreError);  // no such contract
}

// PAR-10, PAR-09: the contracts of a commune come by id, read exactly as stored (beneficiaries
// in order, member first), each with its subscription when there is one.
TEST_F(PartnersStorageTest, ContractsOfCommunePAR10) {
  add_product();
  store_->insert_convention(sample_convention("CONV-42207-2025-1", "42207"));
  const Contract r3 = contract("R3", "42207", 2);
  const Contract r1 = contract("R1", "42207", 1);
  const Contract r2 = contract("R2", "42218", 0);
  const Contract r4 = contract("R4", "42207", 0);
  store_->insert_contracts({r3, r1, r2, r4});
  const RegionalSubscription s3{"R3",
                                "CONV-42207-2025-1",
                                PriorityPublic::kJobSeeker,
                                d("2025-04-28"),
                                d("2025-04-29"),
                                d("2025-04-30")};
  const RegionalSubscription s2{"R2", "", PriorityPublic::kFarmer, {}, {}, d("2025-04-30")};
  store_->save_regional_subscription(s3);
  store_->save_regional_subscription(s2);

  std::vector<Contract> seen;
  std::vector<std::optional<RegionalSubscription>> subscriptions;
  store_->for_each_contract_of_commune(
      "42207", [&](const Contract& c, const std::optional<RegionalSubscription>& s) {
        seen.push_back(c);
        subscriptions.push_back(s);
      });
  EXPECT_EQ(seen, (std::vector<Contract>{r1, r3, r4}));
  EXPECT_EQ(subscriptions,
            (std::vector<std::optional<RegionalSubscription>>{std::nullopt, s3, std::nullopt}));

  seen.clear();
  subscriptions.clear();
  store_->for_each_contract_of_commune(
      "42218", [&](const Contract& c, const std::optional<RegionalSubscription>& s) {
        seen.push_back(c);
        subscriptions.push_back(s);
      });
  EXPECT_EQ(seen, std::vector<Contract>{r2});
  EXPECT_EQ(subscriptions, std::vector<std::optional<RegionalSubscription>>{s2});

  int visits = 0;
  store_->for_each_contract_of_commune(
      "01001", [&](const Contract&, const std::optional<RegionalSubscription>&) { ++visits; });
  EXPECT_EQ(visits, 0);
}

// PAR-07: no table of the regional scheme has a column for a remuneration, a commission, a fee
// or an advantage.
TEST_F(PartnersStorageTest, NoRemunerationColumnPAR07) {
  const char* tables[] = {"communes",
                          "partner_mutuelles",
                          "conventions",
                          "convention_notices",
                          "convention_breaches",
                          "convention_amendments",
                          "convention_amendment_changes",
                          "partner_events",
                          "partner_materials",
                          "regional_subscriptions",
                          "css_checks"};
  for (const char* table : tables) {
    const bool pg = store_->db().is_postgres();
    sql::Statement info(store_->db(),
                        pg ? std::string("SELECT column_name FROM information_schema.columns WHERE "
                                         "table_schema = current_schema() AND table_name = '") +
                                 table + "'"
                           : std::string("PRAGMA table_info(") + table + ")");
    int columns = 0;
    while (info.step()) {
      ++columns;
      std::string name(info.column_text(pg ? 0 : 1));
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      for (const char* word : {"commission", "remuneration", "fee", "advantage"}) {
        EXPECT_EQ(name.find(word), std::string::npos) << table << "." << name;
      }
    }
    EXPECT_GT(columns, 0) << table << " does not exist";
  }
}

}  // namespace
}  // namespace mutua
