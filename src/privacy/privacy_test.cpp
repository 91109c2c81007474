// The personal-data rules as pure functions: requests and their one-month deadline (GDPR-01),
// retention until the legal prescription ends and anonymisation (GDPR-03), opposition to
// marketing uses (GDPR-04), rectification of a person's identity (GDPR-01).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "privacy/opposition.hpp"
#include "privacy/rectification.hpp"
#include "privacy/request.hpp"
#include "privacy/retention.hpp"

namespace mutua {
namespace {

Date d(const char* t) { return *parse_date(t); }

Contract family() {
  Contract c;
  c.id = "K1";
  c.product = "LABEL2";
  c.iban = "FR7630006000011234567890189";
  c.email = "elodie.martin@example.fr";
  c.address = "12 rue de la République, 42400 Saint-Chamond";
  c.employer = "Commune de Saint-Chamond";
  c.commune = "42207";
  c.link = Link::kResidence;
  Beneficiary m{"K1-M", Role::kMember, "MARTIN", "Élodie", d("1984-05-03"), d("2020-03-17")};
  m.nir = "284054220700162";
  Beneficiary z{"K1-Z", Role::kChild, "MARTIN", "Zoé", d("2007-06-20"), d("2020-03-17")};
  z.condition = ChildCondition::kStudent;
  c.beneficiaries = {m, z};
  return c;
}

// --- GDPR-01: requests ---------------------------------------------------------------------------

// GDPR-01: each request is a tracked case with its deadline of one month.
TEST(PrivacyRequest, GDPR_01_DeadlineIsOneMonthAfterReceipt) {
  auto r = new_request(RequestKind::kAccess, "K1-M", "K1", d("2026-03-10"), d("2026-03-12"), "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->deadline, d("2026-04-10"));
  EXPECT_EQ(r->status, RequestStatus::kOpen);
  // 31 January + 1 month: the last day of February (add_months).
  EXPECT_EQ(request_deadline(d("2026-01-31")), d("2026-02-28"));
  EXPECT_EQ(request_deadline(d("2028-01-31")), d("2028-02-29"));
}

// GDPR-01: a request cannot be received after the business date.
TEST(PrivacyRequest, GDPR_01_ReceivedInTheFutureIsBadInput) {
  auto r = new_request(RequestKind::kErasure, "K1-M", "K1", d("2026-03-13"), d("2026-03-12"), "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "--received");
}

// GDPR-01: open past the deadline is late; answered on the deadline is not.
TEST(PrivacyRequest, GDPR_01_LateRequestsAreFlagged) {
  PrivacyRequest r =
      *new_request(RequestKind::kPortability, "K1-M", "K1", d("2026-03-10"), d("2026-03-10"), "");
  EXPECT_FALSE(is_late(r, d("2026-04-10")));
  EXPECT_EQ(days_left(r, d("2026-04-10")), 0);
  EXPECT_TRUE(is_late(r, d("2026-04-11")));
  EXPECT_EQ(days_left(r, d("2026-04-11")), -1);
  auto on_time = close_request(r, RequestOutcome::kDone, "export sent", "", d("2026-04-10"));
  ASSERT_TRUE(on_time.ok());
  EXPECT_FALSE(is_late(*on_time, d("2026-05-01")));
  EXPECT_FALSE(answered_late(*on_time));
  auto late = close_request(r, RequestOutcome::kDone, "", "", d("2026-04-11"));
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(answered_late(*late));
}

// GDPR-01: open → done | refused, once; a refusal names its reason and rule.
TEST(PrivacyRequest, GDPR_01_CloseOnceWithReasonAndRule) {
  PrivacyRequest r =
      *new_request(RequestKind::kAccess, "K1-M", "K1", d("2026-03-10"), d("2026-03-10"), "");
  r.id = 7;
  auto no_reason = close_request(r, RequestOutcome::kRefused, "", "", d("2026-03-11"));
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field, "--reason");
  auto refused =
      close_request(r, RequestOutcome::kRefused, "identity not proven", "", d("2026-03-11"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, RequestStatus::kRefused);
  EXPECT_EQ(refused->rule, "GDPR-01");
  EXPECT_EQ(refused->closed, d("2026-03-11"));
  auto again = close_request(*refused, RequestOutcome::kDone, "", "", d("2026-03-12"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().field, "ID");
  auto before = close_request(r, RequestOutcome::kDone, "", "", d("2026-03-09"));
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().field, "--today");
}

TEST(PrivacyRequest, GDPR_01_KindsAndStatusesRoundTrip) {
  for (RequestKind k :
       {RequestKind::kAccess, RequestKind::kPortability, RequestKind::kRectification,
        RequestKind::kErasure, RequestKind::kOpposition, RequestKind::kLimitation}) {
    EXPECT_EQ(parse_request_kind(to_string(k)), k);
  }
  for (RequestStatus s : {RequestStatus::kOpen, RequestStatus::kDone, RequestStatus::kRefused}) {
    EXPECT_EQ(parse_request_status(to_string(s)), s);
  }
  EXPECT_FALSE(parse_request_kind("deletion"));
}

// GDPR-01: the deadline is 28 to 31 days after receipt, and a request is late exactly after it.
RC_GTEST_PROP(PrivacyRequestProperty, GDPR_01_DeadlineWithinAMonth, ()) {
  const int day = *rc::gen::inRange(day_number(d("2020-01-01")), day_number(d("2030-12-31")));
  const Date received = from_day_number(day);
  const int after = *rc::gen::inRange(0, 90);
  PrivacyRequest r = *new_request(RequestKind::kAccess, "B", "C", received, received, "");
  const int span = days_between(received, r.deadline);
  RC_ASSERT(span >= 28 && span <= 31);
  const Date today = add_days(received, after);
  RC_ASSERT(is_late(r, today) == (after > span));
}

// --- GDPR-03: retention --------------------------------------------------------------------------

// GDPR-03: no end, the adhesion is in force: kept, erasure refused naming the rule.
TEST(Retention, GDPR_03_InForceIsKept) {
  Contract c = family();
  EXPECT_FALSE(adhesion_end(c, std::nullopt));
  Retention r = retention_of(std::nullopt, RetentionParams{2}, d("2040-01-01"));
  EXPECT_FALSE(r.erasable);
  Status s = check_erasure("K1", r, RetentionParams{2});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().rule_id, "GDPR-03");
  EXPECT_NE(s.error().message.find("in force"), std::string::npos);
}

// GDPR-03: a contract ended on E is kept until E + 2 years and erasable from the day after.
TEST(Retention, GDPR_03_ErasableTheDayAfterPrescription) {
  Contract c = family();
  Termination t;
  t.contract_id = "K1";
  t.effective = d("2024-12-31");
  c.beneficiaries[0].end_date = d("2024-12-31");
  ASSERT_EQ(adhesion_end(c, t), d("2024-12-31"));
  const RetentionParams p{2};
  Retention on_last_day = retention_of(d("2024-12-31"), p, d("2026-12-31"));
  EXPECT_EQ(on_last_day.kept_until, d("2026-12-31"));
  EXPECT_EQ(on_last_day.erasable_from(), d("2027-01-01"));
  EXPECT_FALSE(on_last_day.erasable);
  Status s = check_erasure("K1", on_last_day, p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().rule_id, "GDPR-03");
  EXPECT_NE(s.error().message.find("kept until 2026-12-31"), std::string::npos);
  EXPECT_NE(s.error().message.find("from 2027-01-01"), std::string::npos);
  Retention next_day = retention_of(d("2024-12-31"), p, d("2027-01-01"));
  EXPECT_TRUE(next_day.erasable);
  EXPECT_TRUE(check_erasure("K1", next_day, p).ok());
}

// GDPR-03: the later of the termination and the member's end counts; a 29 February end is kept
// until 1 March two years later (add_years).
TEST(Retention, GDPR_03_EndIsTheLaterOfTerminationAndMemberEnd) {
  Contract c = family();
  c.beneficiaries[0].end_date = d("2024-02-29");
  EXPECT_EQ(adhesion_end(c, std::nullopt), d("2024-02-29"));
  Termination t;
  t.effective = d("2024-01-31");
  EXPECT_EQ(adhesion_end(c, t), d("2024-02-29"));
  t.effective = d("2024-03-31");
  EXPECT_EQ(adhesion_end(c, t), d("2024-03-31"));
  Retention r = retention_of(d("2024-02-29"), RetentionParams{2}, d("2026-03-01"));
  EXPECT_EQ(r.kept_until, d("2026-03-01"));
  EXPECT_FALSE(r.erasable);
}

// GDPR-03: erasability only grows with the date (never erasable, then kept again).
RC_GTEST_PROP(RetentionProperty, GDPR_03_ErasabilityIsMonotone, ()) {
  const Date end =
      from_day_number(*rc::gen::inRange(day_number(d("2015-01-01")), day_number(d("2030-12-31"))));
  const int a = *rc::gen::inRange(0, 3000);
  const int b = *rc::gen::inRange(a, 3001);
  const RetentionParams p{*rc::gen::inRange(0, 6)};
  const Retention ra = retention_of(end, p, add_days(end, a));
  const Retention rb = retention_of(end, p, add_days(end, b));
  RC_ASSERT(!ra.erasable || rb.erasable);
  RC_ASSERT(ra.erasable == (add_days(end, a) > add_years(end, p.prescription_years)));
}

// GDPR-03: anonymisation blanks what identifies, keeps what accounting and statistics need.
TEST(Retention, GDPR_03_AnonymiseKeepsIdsDatesAndProduct) {
  Contract c = family();
  c.beneficiaries[0].end_date = d("2024-12-31");
  c.beneficiaries[0].end_reason = "DEM-02";
  Contract a = anonymise_contract(c);
  EXPECT_EQ(a.id, "K1");
  EXPECT_EQ(a.product, "LABEL2");
  EXPECT_EQ(a.commune, "42207");
  EXPECT_EQ(a.link, Link::kResidence);
  EXPECT_EQ(a.employer, "Commune de Saint-Chamond");
  EXPECT_EQ(a.iban, "");
  EXPECT_EQ(a.email, "");
  EXPECT_EQ(a.address, "");
  ASSERT_EQ(a.beneficiaries.size(), 2u);
  const Beneficiary& m = a.beneficiaries[0];
  EXPECT_EQ(m.id, "K1-M");
  EXPECT_EQ(m.role, Role::kMember);
  EXPECT_EQ(m.last_name, "");
  EXPECT_EQ(m.first_name, "");
  EXPECT_EQ(m.nir, "");
  EXPECT_EQ(m.birth_date, d("1984-01-01"));  // the tariff age Y − birth year is unchanged
  EXPECT_EQ(m.start_date, d("2020-03-17"));
  EXPECT_EQ(m.end_date, d("2024-12-31"));
  EXPECT_EQ(m.end_reason, "DEM-02");
  EXPECT_EQ(a.beneficiaries[1].condition, ChildCondition::kStudent);
  EXPECT_EQ(anonymise_contract(a), a);  // idempotent
}

// GDPR-03: the history of changes keeps non-identifying fields, blanks the rest.
TEST(Retention, GDPR_03_HistoryValues) {
  EXPECT_EQ(anonymised_change_value("email", "a@b.fr"), "");
  EXPECT_EQ(anonymised_change_value("iban", "FR76..."), "");
  EXPECT_EQ(anonymised_change_value("last_name", "MARTIN"), "");
  EXPECT_EQ(anonymised_change_value("birth_date", "1984-05-03"), "1984-01-01");
  EXPECT_EQ(anonymised_change_value("status", "retired"), "retired");
  EXPECT_EQ(anonymised_change_value("payment_frequency", "yearly"), "yearly");
  EXPECT_EQ(anonymised_change_value("employer", "Commune de Lyon"), "Commune de Lyon");
}

// --- GDPR-04: opposition -------------------------------------------------------------------------

Contract member_only(const std::string& id, const char* start,
                     std::optional<Date> end = std::nullopt) {
  Contract c;
  c.id = id;
  Beneficiary m{id + "-M", Role::kMember, "X", "Y", d("1980-01-01"), d(start), end};
  c.beneficiaries = {m};
  return c;
}

// GDPR-04: marketing uses honour each member's flags, use by use.
TEST(Opposition, GDPR_04_MarketingAudienceHonoursFlags) {
  std::vector<Contract> all = {member_only("A", "2025-01-01"), member_only("B", "2025-01-01"),
                               member_only("C", "2025-01-01"), member_only("D", "2025-01-01")};
  OppositionIndex flags;
  flags["B-M"] = OppositionFlags{true, false};
  flags["C-M"] = OppositionFlags{false, true};
  flags["D-M"] = OppositionFlags{false, false};  // withdrew an earlier objection
  EXPECT_EQ(marketing_audience(all, MarketingUse::kSurveys, flags, d("2026-01-01")),
            (std::vector<std::string>{"A", "C", "D"}));
  EXPECT_EQ(marketing_audience(all, MarketingUse::kExtraOffers, flags, d("2026-01-01")),
            (std::vector<std::string>{"A", "B", "D"}));
}

// GDPR-04: the member's flags decide (the mailing goes to the member), ended adhesions are not
// addressed.
TEST(Opposition, GDPR_04_MemberDecidesAndEndedAreNotAddressed) {
  Contract fam = family();
  OppositionIndex flags;
  flags["K1-Z"] = OppositionFlags{true, true};  // the child's flags: not the mailing's addressee
  EXPECT_TRUE(may_address(fam, MarketingUse::kSurveys, flags, d("2026-01-01")));
  flags["K1-M"] = OppositionFlags{true, false};
  EXPECT_FALSE(may_address(fam, MarketingUse::kSurveys, flags, d("2026-01-01")));
  EXPECT_TRUE(may_address(fam, MarketingUse::kExtraOffers, flags, d("2026-01-01")));
  Contract ended = member_only("E", "2020-01-01", d("2025-12-31"));
  EXPECT_FALSE(may_address(ended, MarketingUse::kExtraOffers, {}, d("2026-01-01")));
  EXPECT_TRUE(may_address(ended, MarketingUse::kExtraOffers, {}, d("2025-12-31")));
}

// GDPR-04: a change sets only the flags given.
TEST(Opposition, GDPR_04_ApplyChangesOnlyGivenFlags) {
  OppositionFlags f = apply_opposition({}, true, std::nullopt);
  EXPECT_EQ(f, (OppositionFlags{true, false}));
  f = apply_opposition(f, std::nullopt, true);
  EXPECT_EQ(f, (OppositionFlags{true, true}));
  f = apply_opposition(f, false, std::nullopt);
  EXPECT_EQ(f, (OppositionFlags{false, true}));
  EXPECT_EQ(parse_marketing_use("extra_offers"), MarketingUse::kExtraOffers);
  EXPECT_EQ(parse_marketing_use("surveys"), MarketingUse::kSurveys);
  EXPECT_FALSE(parse_marketing_use("phone"));
}

// GDPR-04: whatever the flags, no objecting member is ever in an audience.
RC_GTEST_PROP(OppositionProperty, GDPR_04_NoObjectorInAudience, ()) {
  const int n = *rc::gen::inRange(0, 30);
  std::vector<Contract> all;
  OppositionIndex flags;
  for (int i = 0; i < n; ++i) {
    all.push_back(member_only("C" + std::to_string(i), "2025-01-01"));
    if (*rc::gen::arbitrary<bool>()) {
      flags["C" + std::to_string(i) + "-M"] =
          OppositionFlags{*rc::gen::arbitrary<bool>(), *rc::gen::arbitrary<bool>()};
    }
  }
  for (MarketingUse use : {MarketingUse::kSurveys, MarketingUse::kExtraOffers}) {
    size_t objectors = 0;
    for (const auto& [id, f] : flags) objectors += f.opposes(use) ? 1 : 0;
    auto audience = marketing_audience(all, use, flags, d("2026-01-01"));
    RC_ASSERT(audience.size() + objectors == all.size());
    for (const std::string& id : audience) {
      auto it = flags.find(id + "-M");
      RC_ASSERT(it == flags.end() || !it->second.opposes(use));
    }
  }
}

// --- GDPR-01: rectification ----------------------------------------------------------------------

// GDPR-01: a person's names, birth date and NIR are rectified; the old value is returned for the
// history.
TEST(Rectification, GDPR_01_PersonFieldsKeepTheOldValue) {
  Beneficiary p = family().beneficiaries[0];
  auto old = rectify_person(p, PersonField::kLastName, "MARTIN-DURAND", d("2026-03-10"));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, "MARTIN");
  EXPECT_EQ(p.last_name, "MARTIN-DURAND");
  old = rectify_person(p, PersonField::kBirthDate, "1984-05-13", d("2026-03-10"));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, "1984-05-03");
  EXPECT_EQ(p.birth_date, d("1984-05-13"));
  old = rectify_person(p, PersonField::kNir, "", d("2026-03-10"));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, "284054220700162");
  EXPECT_EQ(p.nir, "");
}

// GDPR-01: bad values and unchanged values are refused, naming --value.
TEST(Rectification, GDPR_01_BadValuesAreRefused) {
  Beneficiary p = family().beneficiaries[0];
  for (auto [field, value] : {std::pair{PersonField::kLastName, " "},
                              {PersonField::kFirstName, "Élodie"},
                              {PersonField::kBirthDate, "1984-02-30"},
                              {PersonField::kBirthDate, "2027-01-01"},
                              {PersonField::kNir, "284054220700161"}}) {
    Beneficiary copy = p;
    auto r = rectify_person(copy, field, value, d("2026-03-10"));
    ASSERT_FALSE(r.ok()) << to_string(field) << " " << value;
    EXPECT_EQ(r.error().field, "--value");
    EXPECT_EQ(copy, p);
  }
  EXPECT_EQ(parse_person_field("birth_date"), PersonField::kBirthDate);
  EXPECT_FALSE(parse_person_field("email"));
  EXPECT_TRUE(is_contract_field("email"));
  EXPECT_FALSE(is_contract_field("nir"));
}

}  // namespace
}  // namespace mutua
