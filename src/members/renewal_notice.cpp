#include "members/renewal_notice.hpp"

namespace mutua {

namespace {

constexpr std::pair<SendChannel, const char*> kChannels[] = {
    {SendChannel::kPost, "post"},
    {SendChannel::kRegisteredPost, "registered_post"},
    {SendChannel::kEmail, "email"},
    {SendChannel::kPortal, "portal"},
};

constexpr int kLateBeforeDays = 15;  // L221-10-1: "moins de quinze jours avant cette date"
constexpr int kWindowDays = 20;      // L221-10-1: "un délai de vingt jours"

}  // namespace

std::string_view to_string(SendChannel c) {
  for (const auto& [channel, name] : kChannels) {
    if (channel == c) return name;
  }
  return "post";
}

std::optional<SendChannel> parse_send_channel(std::string_view text) {
  for (const auto& [channel, name] : kChannels) {
    if (text == name) return channel;
  }
  return std::nullopt;
}

Date renewal_resignation_deadline(int renewal_year) {
  // DEM-01: two months before the 31 December due date.
  return add_months(last_of_year(renewal_year - 1), -2);
}

bool renewal_notice_late(Date sent, Date last_day) {
  return days_between(sent, last_day) < kLateBeforeDays;  // negative when sent after it
}

RenewalNotice renewal_notice(const CallSending& call) {
  if (!call.last_day) return {RenewalWindow::kAnyTime, std::nullopt};
  if (renewal_notice_late(call.sent, *call.last_day)) {
    return {RenewalWindow::kTwentyDays, add_days(call.sent, kWindowDays)};
  }
  return {};
}

Status check_sending_date(Date sent, Date issued, Date today) {
  if (sent < issued) {
    return data_error("", 0, "--sent", format_date(sent) + " is before the call was issued (" +
                                           format_date(issued) + ", `billing run`) (DEM-11)");
  }
  if (sent > today) {
    return data_error("", 0, "--sent", format_date(sent) + " is after the business date (" +
                                           format_date(today) + ")");
  }
  return Status::success();
}

bool same_sending(const CallSending& a, const CallSending& b) {
  return a.contract_id == b.contract_id && a.year == b.year && a.sent == b.sent &&
         a.channel == b.channel && a.last_day == b.last_day;
}

bool shortens_window(const CallSending& recorded, const CallSending& call) {
  RenewalNotice was = renewal_notice(recorded);
  RenewalNotice now = renewal_notice(call);
  switch (was.window) {
    case RenewalWindow::kNone: return false;
    case RenewalWindow::kTwentyDays:
      return now.window != RenewalWindow::kTwentyDays || *now.until < *was.until;
    case RenewalWindow::kAnyTime: return now.window != RenewalWindow::kAnyTime;
  }
  return true;
}

Status check_sending_correction(const CallSending& recorded, const CallSending& call) {
  if (!shortens_window(recorded, call)) return Status::success();
  auto describe = [](const CallSending& c) {
    RenewalNotice n = renewal_notice(c);
    return format_date(c.sent) + " by " + std::string(to_string(c.channel)) +
           (n.window == RenewalWindow::kAnyTime ? " without the last day to resign (any time)"
            : n.until ? " (20 days, to " + format_date(*n.until) + ")"
                      : " (in time: DEM-01 only)");
  };
  return rule_error("DEM-11", "the " + std::to_string(call.year) + " call of contract " +
                                  call.contract_id + " is recorded as sent on " +
                                  describe(recorded) + "; a correction may not shorten the "
                                  "member's window: refused " + describe(call));
}

}  // namespace mutua
