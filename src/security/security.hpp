// Secrets of the back office: password hashes and random tokens, through libsodium (the only
// file that includes it: ARCHITECTURE rule 9).
//
// Contract:
// - hash_password(): argon2id (crypto_pwhash_str, "interactive" limits: a sign-in costs tens of
//   milliseconds and 64 MiB, which is what makes guessing expensive); the string carries its own
//   salt and parameters. Passwords of 10 to 256 bytes; shorter or longer is a data error.
// - verify_password(): constant time in the password; false for a malformed hash.
// - random_token(): `bytes` random bytes from the OS generator, as lower-case hex.
// - same_secret(): constant-time comparison of two tokens.
// - token_digest(): SHA-256 of a token, as lower-case hex (64 characters): what the database
//   keeps of a session token (issue 16), so a copy of the database opens no session. Unsalted
//   and fast on purpose: a token is 256 random bits, nothing a dictionary could guess.
// Every function initialises libsodium on first use (thread-safe).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mutua {

inline constexpr size_t kMinPasswordLength = 10;

Result<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);
std::string random_token(size_t bytes);
bool same_secret(std::string_view a, std::string_view b);
std::string token_digest(std::string_view token);

}  // namespace mutua
