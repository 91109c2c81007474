// Result<T>: the value of an operation that can fail in an expected way (bad input, a rule
// refusal). Exceptions are kept for broken infrastructure and caught at the CLI/HTTP edge.
//
// An Error names where the problem is (file, line, field) or which rule refused (rule_id), so
// the CLI can print `error: <file>:<line>: <field>: <message>` or `error: <RULE-ID>: <message>`.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mutua {

struct Error {
  std::string message;
  std::string file;     // empty when not about a file
  int line = 0;         // 1-based; 0 when unknown
  std::string field;    // column or key; empty when not about one field
  std::string rule_id;  // e.g. "TAR-04" for a rule refusal; empty for plain bad input

  // "file:line: field: message", "RULE-ID: message", or the message alone.
  std::string to_string() const;
};

// Builders for the two kinds of error.
Error data_error(std::string file, int line, std::string field, std::string message);
Error rule_error(std::string rule_id, std::string message);

// A list of errors: imports and checks report every problem they find, not only the first.
using Errors = std::vector<Error>;

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}     // NOLINT: implicit on purpose

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { check_ok(); return std::get<0>(v_); }
  T& value() & { check_ok(); return std::get<0>(v_); }
  T&& value() && { check_ok(); return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const {
    if (ok()) std::abort();
    return std::get<1>(v_);
  }

 private:
  void check_ok() const {
    if (!ok()) std::abort();  // using a failed result's value is a programming error
  }
  std::variant<T, Error> v_;
};

// Result<void> equivalent.
// A success holds no Error at all: hot loops (parsing millions of fields) create and drop
// Status values, and an empty pointer costs nothing to build or destroy.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error)  // NOLINT: implicit on purpose
      : error_(std::make_unique<Error>(std::move(error))) {}
  Status(const Status& other)
      : error_(other.error_ ? std::make_unique<Error>(*other.error_) : nullptr) {}
  Status(Status&&) noexcept = default;
  Status& operator=(const Status& other) {
    error_ = other.error_ ? std::make_unique<Error>(*other.error_) : nullptr;
    return *this;
  }
  Status& operator=(Status&&) noexcept = default;
  static Status success() { return Status(); }
  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    if (!error_) std::abort();
    return *error_;
  }

 private:
  std::unique_ptr<Error> error_;
};

}  // namespace mutua

// Always-on invariant check: a broken invariant is a bug, never bad input.
#define MUTUA_ASSERT(cond)                                                         \
  do {                                                                             \
    if (!(cond)) ::mutua::assertion_failed(#cond, __FILE__, __LINE__);             \
  } while (0)

namespace mutua {
[[noreturn]] void assertion_failed(const char* expr, const char* file, int line);
}
