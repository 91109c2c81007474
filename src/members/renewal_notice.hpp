// The annual call as the notice of the tacit renewal (Code de la mutualité L221-10-1, "loi
// Chatel"): the last day to resign it states, when it was sent and how, and the resignation
// window the member has because of it (DEM-07, DEM-08). Pure: dates in, windows out.
//
// Readings (docs/rules.md, DEM-07/DEM-08 *Interpretation*):
// - The renewal of 1 January Y is resigned by 31 October Y-1 (DEM-01, two months before the
//   31 December due date); that is the last day the call for Y states.
// - "Sent less than 15 days before that day": last_day - sent < 15 calendar days (sent on
//   31 October - 15 = 16 October is in time; on 17 October it is late), or sent after it.
// - "20 days from the sending date": the sending day is day 0 (as French procedure counts a
//   period, CPC art. 641): a letter sent (postmark) on sent + 20 is in time.
// - "Sent" is the sending date recorded for the call (`billing calls sent`), the postmark for a
//   letter, never the date the call was generated: a call generated but not recorded as sent
//   gives no window (the mutuelle cannot prove it informed the member).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"

namespace mutua {

// How a call went out.
enum class SendChannel { kPost, kRegisteredPost, kEmail, kPortal };
std::string_view to_string(SendChannel c);  // "post", "registered_post", "email", "portal"
std::optional<SendChannel> parse_send_channel(std::string_view text);

// One annual call as sent (L221-10-1).
struct CallSending {
  std::string contract_id;
  int year = 0;                  // the call's year: the renewal on 1 January of it
  Date sent{};                   // sending date (postmark, e-mail sent)
  SendChannel channel = SendChannel::kPost;
  std::optional<Date> last_day;  // the last day to resign it states; none: not stated
  Date recorded{};
  friend bool operator==(const CallSending&, const CallSending&) = default;
};

// DEM-01: the last day to resign the renewal of 1 January `renewal_year`: 31 October before.
Date renewal_resignation_deadline(int renewal_year);

// DEM-07: a call sent on `sent` stating `last_day` is late when sent less than 15 days before
// it or after it.
bool renewal_notice_late(Date sent, Date last_day);

// What a call gives the member beyond DEM-01.
enum class RenewalWindow {
  kNone,       // stated and sent in time: DEM-01 only
  kTwentyDays, // DEM-07: stated but late: letters sent up to `until` are in time
  kAnyTime,    // DEM-08: not stated: from the renewal date, at any time
};
struct RenewalNotice {
  RenewalWindow window = RenewalWindow::kNone;
  std::optional<Date> until;  // kTwentyDays: sent + 20
};
RenewalNotice renewal_notice(const CallSending& call);

// DEM-11: a call can only have been sent between the day it was issued (`issued`: the business
// date of the billing run that issued it, BillingSchedule::called) and `today`; otherwise a data
// error naming --sent (a sending date before the issue would make a late call look in time and
// take the member's 20 days away).
Status check_sending_date(Date sent, Date issued, Date today);

// DEM-11: a recorded sending may be corrected only when the correction takes nothing from the
// window the recorded one gives the member: DEM-01 only → anything; 20 days (DEM-07) → 20 days
// ending on the same day or later; any time (DEM-08) → any time. Otherwise refused (rule
// DEM-11): the member may already rely on the window (or have resigned within it). Recording
// the same sending again (same date, channel and statement; the recording date aside) changes
// nothing.
bool same_sending(const CallSending& a, const CallSending& b);
bool shortens_window(const CallSending& recorded, const CallSending& call);
Status check_sending_correction(const CallSending& recorded, const CallSending& call);

}  // namespace mutua
