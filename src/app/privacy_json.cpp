#include "app/privacy_json.hpp"

namespace mutua {

nlohmann::json request_json(const PrivacyRequest& r, Date today) {
  return {{"id", r.id},
          {"kind", to_string(r.kind)},
          {"beneficiary", r.beneficiary_id},
          {"contract", r.contract_id},
          {"received", format_date(r.received)},
          {"deadline", format_date(r.deadline)},
          {"status", to_string(r.status)},
          {"closed", r.closed ? nlohmann::json(format_date(*r.closed)) : nlohmann::json()},
          {"reason", r.reason},
          {"rule", r.rule},
          {"details", r.details},
          {"late", is_late(r, today)},
          {"answered_late", answered_late(r)},
          {"days_left", days_left(r, today)}};
}

}  // namespace mutua
