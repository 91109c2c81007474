// Identifiers and free text read from outside (files, JSON, the command line): one place says
// what is acceptable, so that every entry point refuses the same things (issue 14, item 12).
//
// Contract:
// - An identifier (contract, beneficiary, claim, product code, payment reference, provider...)
//   is 1..kIdBytesMax bytes of [A-Za-z0-9._-], not starting with '.' or '-': it can name a file
//   or a URL segment as is ("../x" and "a/b" are refused; "-x" would read as an option).
// - Free text (names, addresses, comments) is valid UTF-8 (no overlong forms, no surrogates),
//   holds no control character (C0, DEL, C1; a line feed only where `multiline` allows it,
//   never a carriage return alone or a NUL), and is at most `max_bytes` bytes.
// - Each check returns the reason as a message (English, no file context: callers add file,
//   line and field), or nullopt when the value is acceptable. Pure, no allocation on success.
// - sanitize_utf8() is for output only: it replaces each invalid byte by U+FFFD so a page or an
//   export never fails on a value stored before these checks existed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mutua {

inline constexpr size_t kIdBytesMax = 64;
inline constexpr size_t kNameBytesMax = 200;     // a last name, a first name, a label
inline constexpr size_t kTextBytesMax = 500;     // an address, a reference, a one-line note
inline constexpr size_t kLongTextBytesMax = 4000;  // a multi-line comment or description

bool is_valid_utf8(std::string_view text);

// Why `id` is not an acceptable identifier, or nullopt.
std::optional<std::string> id_problem(std::string_view id);

// Why `text` is not acceptable free text, or nullopt. Empty text is acceptable (callers say
// when a field is required).
std::optional<std::string> text_problem(std::string_view text, size_t max_bytes,
                                        bool multiline = false);

// A copy of `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);

}  // namespace mutua
