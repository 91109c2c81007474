#include "claims/care_line.hpp"

namespace mutua {

std::string_view to_string(Basket basket) {
  switch (basket) {
    case Basket::kNone:
      return "";
    case Basket::k100S:
      return "100S";
    case Basket::kModerate:
      return "MODERATE";
    case Basket::kFree:
      return "FREE";
  }
  return "";
}

std::string_view to_string(Payee payee) {
  return payee == Payee::kProvider ? "provider" : "member";
}

Result<Basket> parse_basket(std::string_view text) {
  for (Basket b : {Basket::kNone, Basket::k100S, Basket::kModerate, Basket::kFree}) {
    if (text == to_string(b)) return b;
  }
  return Error{"unknown basket '" + std::string(text) +
               "' (expected 100S, MODERATE, FREE or empty)"};
}

Result<Payee> parse_payee(std::string_view text) {
  if (text == "member") return Payee::kMember;
  if (text == "provider") return Payee::kProvider;
  return Error{"unknown payee '" + std::string(text) + "' (expected member or provider)"};
}

std::string_view to_string(EarlyRenewal why) {
  switch (why) {
    case EarlyRenewal::kNone:
      return "";
    case EarlyRenewal::kVisionChange:
      return "vision_change";
    case EarlyRenewal::kFrameFit:
      return "frame_fit";
  }
  return "";
}

Result<EarlyRenewal> parse_early_renewal(std::string_view text) {
  for (EarlyRenewal w : {EarlyRenewal::kNone, EarlyRenewal::kVisionChange, EarlyRenewal::kFrameFit}) {
    if (text == to_string(w)) return w;
  }
  return Error{"unknown early renewal '" + std::string(text) +
               "' (expected vision_change, frame_fit or empty)"};
}

}  // namespace mutua
