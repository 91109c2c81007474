// SEPA identifiers (sequence types, ICS, BIC, references) and the transliteration of free text
// to the SEPA character set.
#include <array>
#include <cstdint>
#include <string>

#include "formats/sepa.hpp"

namespace mutua {

namespace {

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper_alnum(char c) { return is_upper(c) || is_digit(c); }

constexpr bool in_sepa_set(char c) {
  if ((c >= 'a' && c <= 'z') || is_upper(c) || is_digit(c)) return true;
  switch (c) {
    case '/':
    case '-':
    case '?':
    case ':':
    case '(':
    case ')':
    case '.':
    case ',':
    case '\'':
    case '+':
    case ' ':
      return true;
    default:
      return false;
  }
}

Status fail(std::string_view what, std::string_view value, const std::string& why) {
  return Status(Error{"invalid " + std::string(what) + " '" + std::string(value) + "': " + why});
}

}  // namespace

std::string_view to_string(SequenceType type) {
  switch (type) {
    case SequenceType::kFirst:
      return "FRST";
    case SequenceType::kRecurring:
      return "RCUR";
    case SequenceType::kFinal:
      return "FNAL";
    case SequenceType::kOneOff:
      return "OOFF";
  }
  return "RCUR";  // unreachable: every enumerator is handled above
}

std::optional<SequenceType> parse_sequence_type(std::string_view code) {
  for (SequenceType t : {SequenceType::kFirst, SequenceType::kRecurring, SequenceType::kFinal,
                         SequenceType::kOneOff}) {
    if (to_string(t) == code) return t;
  }
  return std::nullopt;
}

Status check_creditor_id(std::string_view ics) {
  constexpr std::string_view kWhat = "creditor identifier (ICS)";
  if (ics.size() < 8 || ics.size() > 35) return fail(kWhat, ics, "length must be 8 to 35");
  if (!is_upper(ics[0]) || !is_upper(ics[1])) return fail(kWhat, ics, "country code expected");
  if (!is_digit(ics[2]) || !is_digit(ics[3])) return fail(kWhat, ics, "check digits expected");
  for (char c : ics.substr(4)) {
    if (!is_upper_alnum(c)) return fail(kWhat, ics, "only uppercase letters and digits");
  }
  // National identifier lengths we are sure of; other countries get the generic check only.
  std::string_view country = ics.substr(0, 2);
  if (country == "FR" && ics.size() != 13)
    return fail(kWhat, ics, "FR identifiers have 13 characters");
  if (country == "DE" && ics.size() != 18)
    return fail(kWhat, ics, "DE identifiers have 18 characters");
  // ISO 7064 mod 97-10 over national id + country + "00"; the business code (4..6) is skipped
  // so a creditor can change it without a new identifier.
  unsigned remainder = 0;
  auto feed = [&](char c) {
    remainder = is_digit(c) ? (remainder * 10 + static_cast<unsigned>(c - '0')) % 97
                            : (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
  };
  for (char c : ics.substr(7)) feed(c);
  for (char c : std::string_view(country)) feed(c);
  feed('0');
  feed('0');
  unsigned expected = 98 - remainder;
  unsigned given = static_cast<unsigned>((ics[2] - '0') * 10 + (ics[3] - '0'));
  if (given != expected) {
    std::string digits{static_cast<char>('0' + expected / 10),
                       static_cast<char>('0' + expected % 10)};
    return fail(kWhat, ics, "wrong check digits (expected " + digits + ")");
  }
  return Status::success();
}

Status check_bic(std::string_view bic) {
  constexpr std::string_view kWhat = "BIC";
  if (bic.size() != 8 && bic.size() != 11) return fail(kWhat, bic, "length must be 8 or 11");
  for (size_t i = 0; i < 6; ++i) {
    if (!is_upper(bic[i]))
      return fail(kWhat, bic, "bank and country codes are 6 uppercase letters");
  }
  for (char c : bic.substr(6)) {
    if (!is_upper_alnum(c))
      return fail(kWhat, bic, "location and branch are uppercase letters or digits");
  }
  // The schemas' BICIdentifier pattern: [A-Z2-9][A-NP-Z0-9] for the location ('0' marks a test
  // BIC, '1' a passive participant, 'O' in second place is reserved).
  if (bic[6] == '0' || bic[6] == '1') return fail(kWhat, bic, "location cannot start with 0 or 1");
  if (bic[7] == 'O') return fail(kWhat, bic, "location's second character cannot be the letter O");
  return Status::success();
}

Status check_sepa_id(std::string_view id, std::string_view field, size_t max_len) {
  if (id.empty()) return Status(Error{std::string(field) + " is empty"});
  if (id.size() > max_len) {
    return fail(field, id, "longer than " + std::to_string(max_len) + " characters");
  }
  for (char c : id) {
    if (!in_sepa_set(c)) {
      return fail(field, id,
                  "character '" + std::string(1, c) +
                      "' outside the SEPA set (a-z A-Z 0-9 / - ? : ( ) . , ' + space)");
    }
  }
  if (id.front() == '/' || id.back() == '/' || id.find("//") != std::string_view::npos) {
    return fail(field, id, "cannot start or end with '/' nor contain \"//\"");
  }
  return Status::success();
}

Status check_mandate_id(std::string_view rum) {
  if (Status s = check_sepa_id(rum, "mandate id (RUM)", 35); !s) return s;
  if (rum.find(' ') != std::string_view::npos)
    return fail("mandate id (RUM)", rum, "contains a space");
  return Status::success();
}

// ---- Transliteration ------------------------------------------------------------------------

namespace {

// What an ASCII byte becomes: itself when in the SEPA set, a close substitute, or ' '.
constexpr std::array<char, 128> make_ascii_map() {
  std::array<char, 128> map{};
  for (int c = 0; c < 128; ++c) {
    char ch = static_cast<char>(c);
    map[c] = in_sepa_set(ch) ? ch : ' ';
  }
  map['&'] = '+';
  map['_'] = '-';
  map['"'] = '\'';
  map['`'] = '\'';
  map[';'] = ',';
  map['['] = '(';
  map['{'] = '(';
  map[']'] = ')';
  map['}'] = ')';
  return map;
}
constexpr std::array<char, 128> kAsciiMap = make_ascii_map();

// U+00C0..U+017F (Latin-1 letters and Latin Extended-A) without their diacritics; nullptr for
// × and ÷, which have no letter equivalent.
// clang-format off
constexpr std::array<const char*, 192> kLatin = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",    // C0
    "D", "N", "O", "O", "O", "O", "O", nullptr, "O", "U", "U", "U", "U", "Y", "TH", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",    // E0
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",     // 100
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",     // 110
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",     // 120
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",   // 130
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",     // 140
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",   // 150
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",     // 160
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s",     // 170
};
// clang-format on

// Punctuation and symbols outside Latin-1 that have an obvious SEPA spelling.
const char* other_symbol(uint32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x00B4:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x00AB:
    case 0x00BB:
      return "'";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return "-";
    case 0x2026:
      return "...";
    case 0x20AC:
      return "EUR";
    default:
      return nullptr;
  }
}

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when the bytes are not valid
// UTF-8 (the caller then skips one byte as an unknown character).
size_t decode_utf8(std::string_view text, size_t i, uint32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
  if (len == 0 || b > 0xF4 || i + len > text.size()) return 0;
  cp = b & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Appends characters, collapsing runs of spaces and dropping leading and trailing ones.
class SpaceCollapser {
 public:
  explicit SpaceCollapser(std::string& out) : out_(out), start_(out.size()) {}
  void put(char c) {
    if (c == ' ') {
      pending_space_ = true;
      return;
    }
    if (pending_space_ && out_.size() > start_) out_.push_back(' ');
    pending_space_ = false;
    out_.push_back(c);
  }
  void put(const char* s) {
    while (*s) put(*s++);
  }

 private:
  std::string& out_;
  size_t start_;
  bool pending_space_ = false;
};

void put_code_point(SpaceCollapser& sink, uint32_t cp) {
  if (cp >= 0x300 && cp <= 0x36F) return;  // combining accents (decomposed input): dropped
  const char* s = nullptr;
  if (cp >= 0xC0 && cp <= 0x17F) {
    s = kLatin[cp - 0xC0];
  } else {
    s = other_symbol(cp);
  }
  sink.put(s ? s : " ");
}

}  // namespace

void append_sepa_text(std::string& out, std::string_view utf8) {
  SpaceCollapser sink(out);
  for (size_t i = 0; i < utf8.size();) {
    auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      sink.put(kAsciiMap[b]);
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t len = decode_utf8(utf8, i, cp);
    if (len == 0) {
      sink.put(' ');
      ++i;
      continue;
    }
    put_code_point(sink, cp);
    i += len;
  }
}

std::string to_sepa_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  append_sepa_text(out, utf8);
  return out;
}

}  // namespace mutua
