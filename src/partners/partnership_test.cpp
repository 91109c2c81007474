// The parties and text of a partnership convention (PAR-01, PAR-07, GDPR-03): the seed's
// convention between Saint-Chamond (INSEE 42207) and Mutuelle Miltis (SIREN 417 934 817),
// signed and in effect on 2025-03-17.
#include <gtest/gtest.h>

#include "partners/partnership.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }

Convention seed() {
  Convention c;
  c.id = "CONV-42207-2025-1";
  c.commune = "42207";
  c.mutuelle = "MILTIS";
  c.scheme = "Ma mutuelle Région Auvergne-Rhône-Alpes";
  c.place = "Saint-Chamond";
  c.terms.signed_on = d("2025-03-17");
  c.terms.effect = d("2025-03-17");
  c.contacts = {"M. Axel DUGUA, Maire",
                "M. Patrick JULIEN, Directeur Général",
                "",
                "contact-cnll@miltis.fr",
                "Service social",
                "Agence de Saint-Étienne"};
  c.recorded = d("2025-03-20");
  return c;
}

using Sets = std::vector<std::pair<std::string, std::string>>;

Amendment amendment(int number, const char* signed_on, const char* effective,
                    std::vector<AmendmentChange> changes) {
  Amendment a;
  a.convention_id = "CONV-42207-2025-1";
  a.number = number;
  a.signed_on = d(signed_on);
  a.effective = d(effective);
  a.changes = std::move(changes);
  return a;
}

// PAR-01: a convention binds one commune, named by its INSEE code (Corsica, overseas included).
TEST(Partnership, InseeCodesPAR01) {
  for (const char* ok : {"42207", "2A004", "2B033", "75056", "01001", "19001", "21001", "95690",
                         "97411", "97101", "97611", "98415", "98818"}) {
    EXPECT_TRUE(check_insee(ok, "--commune")) << ok;
  }
  for (const char* bad : {"20004", "00123", "96001", "42000", "4220", "422070", "", "2C004",
                          "2a004", "2A000", "97100", "97701", "97001", "99001", "42 07", "4220A"}) {
    const Status s = check_insee(bad, "--commune");
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().field, "--commune");
    EXPECT_TRUE(s.error().rule_id.empty());
  }
}

// PAR-01: the partner mutuelle is named by a code.
TEST(Partnership, MutuelleCodesPAR01) {
  EXPECT_TRUE(check_mutuelle_code("MILTIS", "--mutuelle"));
  EXPECT_TRUE(check_mutuelle_code("RADIANCE_2", "--mutuelle"));
  EXPECT_TRUE(check_mutuelle_code("MILTIS-SANTE", "--mutuelle"));
  EXPECT_TRUE(check_mutuelle_code(std::string(32, 'A'), "--mutuelle"));
  for (const char* bad : {"", "miltis", "-MILTIS", "MIL TIS", "MUTUÉLLE"}) {
    const Status s = check_mutuelle_code(bad, "--mutuelle");
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().field, "--mutuelle");
  }
  EXPECT_FALSE(check_mutuelle_code(std::string(33, 'A'), "--mutuelle"));
}

// PAR-01: a SIREN is nine digits with a Luhn key. The seed's (417 934 817) passes.
TEST(Partnership, SirenLuhnPAR01) {
  for (const char* ok : {"417934817", "552081317", "552032534", "542051180", "356000000"}) {
    EXPECT_TRUE(check_siren(ok, "--siren")) << ok;
  }
  for (const char* bad : {"417934818", "417934871", "123456789", "000000000", "41793481",
                          "4179348170", "417 934 817", "41793481A", ""}) {
    const Status s = check_siren(bad, "--siren");
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().field, "--siren");
  }
}

// PAR-01: a new convention's parties, dates and terms.
TEST(Partnership, CheckConventionPAR01) {
  EXPECT_TRUE(check_convention(seed()));
  auto field_of = [](const Convention& c) { return check_convention(c).error().field; };
  Convention c = seed();
  c.commune = "20004";
  EXPECT_EQ(field_of(c), "--commune");
  c = seed();
  c.mutuelle = "miltis";
  EXPECT_EQ(field_of(c), "--mutuelle");
  c = seed();
  c.terms.effect = d("2025-03-16");  // before the signature
  EXPECT_EQ(field_of(c), "--effect");
  c.terms.effect = d("2025-04-01");  // later: allowed
  EXPECT_TRUE(check_convention(c));
  c = seed();
  c.terms.max_renewals = 11;
  EXPECT_EQ(field_of(c), "--max-renewals");
  c.terms.max_renewals = 0;
  EXPECT_TRUE(check_convention(c));
  c.terms.notice_months = 0;
  EXPECT_EQ(field_of(c), "--notice-months");
  c.terms.notice_months = 7;
  EXPECT_EQ(field_of(c), "--notice-months");
  c.terms.notice_months = 6;
  EXPECT_TRUE(check_convention(c));
}

// PAR-01: an amendment's changes carry the old values; numbers are read as decimal integers.
TEST(Partnership, AmendmentChangesPAR01) {
  auto changes = amendment_changes(
      seed(), Sets{{"commune_signatory", "Mme Claire MARTIN, Maire"}, {"max_renewals", "4"}});
  ASSERT_TRUE(changes) << changes.error().to_string();
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0], (AmendmentChange{"commune_signatory", "M. Axel DUGUA, Maire",
                                            "Mme Claire MARTIN, Maire"}));
  EXPECT_EQ((*changes)[1], (AmendmentChange{"max_renewals", "3", "4"}));
  auto leading_zero = amendment_changes(seed(), Sets{{"notice_months", "03"}});
  ASSERT_TRUE(leading_zero);
  EXPECT_EQ((*leading_zero)[0].new_value, "3");
  // A contact may be blanked (the person left); the DPO may be named for the first time.
  EXPECT_TRUE(amendment_changes(seed(), Sets{{"commune_contact", ""}}));
  EXPECT_TRUE(amendment_changes(seed(), Sets{{"commune_dpo", "dpo@saint-chamond.fr"}}));
}

// PAR-01, PAR-07: what an amendment may not do.
TEST(Partnership, AmendmentRefusalsPAR01) {
  const Sets refused[] = {
      {},                                              // changes nothing
      {{"commission", "5"}},                           // PAR-07: no such field
      {{"effect", "2025-04-01"}},                      // dates are not amendable
      {{"max_renewals", "4"}, {"max_renewals", "5"}},  // twice
      {{"max_renewals", "11"}},                        // out of range
      {{"max_renewals", "-1"}},                        //
      {{"notice_months", "0"}},                        //
      {{"notice_months", "7"}},                        //
      {{"max_renewals", "3"}},                         // the current value
      {{"mutuelle_dpo", "contact-cnll@miltis.fr"}},    //
      {{"commune_signatory", ""}},                     // a convention names its signatories
  };
  for (const Sets& sets : refused) {
    auto r = amendment_changes(seed(), sets);
    ASSERT_FALSE(r) << (sets.empty() ? "(empty)" : sets[0].first);
    EXPECT_EQ(r.error().rule_id, "PAR-01") << r.error().to_string();
  }
  // Not a number at all: bad input on --set, not a refusal.
  for (const char* text : {"four", "4.0", " 4", "", "+4", "99999999999"}) {
    auto r = amendment_changes(seed(), Sets{{"max_renewals", text}});
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().field, "--set") << text;
  }
}

// PAR-01: an amendment is signed on or after the convention, and takes effect on or after its
// own signature.
TEST(Partnership, AmendmentDatesPAR01) {
  EXPECT_TRUE(check_amendment_dates(seed(), amendment(1, "2025-03-17", "2025-03-17", {})));
  EXPECT_TRUE(check_amendment_dates(seed(), amendment(1, "2025-09-01", "2026-01-01", {})));
  const Status early = check_amendment_dates(seed(), amendment(1, "2025-03-16", "2025-04-01", {}));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().rule_id, "PAR-01");
  const Status backdated =
      check_amendment_dates(seed(), amendment(1, "2025-09-01", "2025-08-31", {}));
  ASSERT_FALSE(backdated);
  EXPECT_EQ(backdated.error().rule_id, "PAR-01");
}

// PAR-01: the convention as of a date applies the amendments effective by then, in number order.
TEST(Partnership, ConventionAsOfPAR01) {
  const std::vector<Amendment> amendments{
      // Avenant 2 signed later but taking effect earlier than avenant 1: number order decides.
      amendment(2, "2025-06-01", "2025-07-01",
                {{"max_renewals", "4", "2"}, {"commune_contact", "Service social", "CCAS"}}),
      amendment(1, "2025-05-01", "2025-09-01", {{"max_renewals", "3", "4"}}),
      amendment(3, "2025-10-01", "2026-01-01", {{"notice_months", "2", "3"}}),
  };
  const Convention original = seed();
  EXPECT_EQ(convention_as_of(original, amendments, d("2025-06-30")), original);
  const Convention july = convention_as_of(original, amendments, d("2025-07-01"));
  EXPECT_EQ(july.terms.max_renewals, 2);
  EXPECT_EQ(july.contacts.commune_contact, "CCAS");
  EXPECT_EQ(july.terms.notice_months, 2);
  // Both in force: 1 then 2, so avenant 2's value stands.
  const Convention autumn = convention_as_of(original, amendments, d("2025-09-01"));
  EXPECT_EQ(autumn.terms.max_renewals, 2);
  const Convention next_year = convention_as_of(original, amendments, d("2026-01-01"));
  EXPECT_EQ(next_year.terms.notice_months, 3);
  EXPECT_EQ(next_year.contacts.commune_signatory, original.contacts.commune_signatory);
  // The dates and parties never change.
  EXPECT_EQ(next_year.terms.signed_on, original.terms.signed_on);
  EXPECT_EQ(next_year.commune, original.commune);
}

// GDPR-03: partner contacts are kept 5 years after the convention ends, then blanked.
TEST(Partnership, ContactsRetentionGDPR03) {
  EXPECT_EQ(contacts_kept_until(d("2028-12-31")), d("2033-12-31"));
  EXPECT_EQ(contacts_kept_until(d("2026-05-10")), d("2031-05-10"));
  EXPECT_EQ(contacts_kept_until(d("2028-02-29")), d("2033-03-01"));  // leap day: 1 March

  const Convention erased = erase_contacts(seed(), d("2034-01-02"));
  EXPECT_EQ(erased.contacts, ConventionContacts{});
  EXPECT_EQ(erased.contacts_erased, d("2034-01-02"));
  EXPECT_EQ(erased.terms.signed_on, seed().terms.signed_on);
  EXPECT_EQ(erased.commune, "42207");
  EXPECT_EQ(erased.mutuelle, "MILTIS");

  const Amendment a = erase_contacts(
      amendment(1, "2025-05-01", "2025-05-01",
                {{"commune_signatory", "M. Axel DUGUA, Maire", "Mme Claire MARTIN, Maire"},
                 {"max_renewals", "3", "4"}}));
  EXPECT_EQ(a.changes[0], (AmendmentChange{"commune_signatory", "", ""}));
  EXPECT_EQ(a.changes[1], (AmendmentChange{"max_renewals", "3", "4"}));
  // Applied after erasure, the amendment leaves no name behind.
  const Convention as_of = convention_as_of(erased, {a}, d("2034-01-02"));
  EXPECT_EQ(as_of.contacts, ConventionContacts{});
  EXPECT_EQ(as_of.terms.max_renewals, 4);
}

}  // namespace
}  // namespace mutua
