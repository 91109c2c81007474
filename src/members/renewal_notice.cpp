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

}  // namespace mutua
