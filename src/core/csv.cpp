#include "core/csv.hpp"

#include <algorithm>
#include <cstring>
#include <ostream>

namespace mutua {

namespace {

constexpr size_t kBufferBytes = 1 << 20;

// Bytes that end an unquoted field or make it malformed; a table beats three compares per byte.
struct SpecialTable {
  bool is[256] = {};
  constexpr SpecialTable() {
    is[static_cast<unsigned char>(',')] = true;
    is[static_cast<unsigned char>('\n')] = true;
    is[static_cast<unsigned char>('"')] = true;
  }
};
constexpr SpecialTable kSpecial;

}  // namespace

CsvReader::CsvReader(std::FILE* file, std::string text, std::string name)
    : file_(file), name_(std::move(name)), buf_(std::move(text)) {
  if (file_) {
    buf_.resize(kBufferBytes);
  } else {
    end_ = buf_.size();
    eof_ = true;
  }
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return data_error(path, 0, "", std::string("cannot open: ") + std::strerror(errno));
  std::unique_ptr<CsvReader> reader(new CsvReader(f, {}, path));
  if (Status s = reader->read_header(); !s) return s.error();
  return reader;
}

Result<std::unique_ptr<CsvReader>> CsvReader::from_string(std::string text, std::string name) {
  std::unique_ptr<CsvReader> reader(new CsvReader(nullptr, std::move(text), std::move(name)));
  if (Status s = reader->read_header(); !s) return s.error();
  return reader;
}

std::optional<size_t> CsvReader::column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

bool CsvReader::refill() {
  if (!file_ || eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // a record longer than the buffer
  size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
  end_ += n;
  if (n == 0) eof_ = true;
  return true;
}

Error CsvReader::error_at(size_t field_index, std::string message) const {
  std::string field = field_index < header_.size() ? header_[field_index]
                                                   : "column " + std::to_string(field_index + 1);
  return data_error(name_, record_line_, std::move(field), std::move(message));
}

Status CsvReader::read_header() {
  refill();
  if (end_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
  Result<bool> got = next();
  if (!got.ok()) return got.error();
  if (!*got) return data_error(name_, 1, "", "empty file: a header line is required");
  for (size_t i = 0; i < fields_.size(); ++i) {
    std::string name(fields_[i]);
    if (std::find(header_.begin(), header_.end(), name) != header_.end()) {
      return data_error(name_, record_line_, name, "duplicate column in the header");
    }
    header_.push_back(std::move(name));
  }
  return Status::success();
}

// One record from buf_[pos_, end_). Quoted fields without "" escapes are spans into buf_; the
// few with escapes are copied unescaped into scratch_. Nothing is consumed unless a whole record
// was seen, so a record cut by the buffer end is simply parsed again after refill().
CsvReader::Parse CsvReader::parse_record(bool at_eof) {
  spans_.clear();
  scratch_.clear();
  const char* b = buf_.data();
  size_t p = pos_;
  const size_t end = end_;
  record_line_ = line_;
  if (p == end) return Parse::kNeedMore;
  if (b[p] == '\n' || (b[p] == '\r' && p + 1 < end && b[p + 1] == '\n')) {
    pos_ = p + (b[p] == '\n' ? 1 : 2);
    ++line_;
    return Parse::kEmptyLine;
  }
  int inner_lines = 0;
  for (;;) {
    if (p < end && b[p] == '"') {
      size_t start = p + 1, q = start;
      bool escaped = false;
      for (;;) {
        const void* hit = q < end ? std::memchr(b + q, '"', end - q) : nullptr;
        if (!hit) {
          if (!at_eof) return Parse::kNeedMore;
          pending_error_ = error_at(spans_.size(), "unterminated quoted field");
          return Parse::kError;
        }
        q = static_cast<const char*>(hit) - b;
        if (q + 1 == end && !at_eof) return Parse::kNeedMore;
        if (q + 1 < end && b[q + 1] == '"') {
          escaped = true;
          q += 2;
          continue;
        }
        break;
      }
      inner_lines += static_cast<int>(std::count(b + start, b + q, '\n'));
      if (escaped) {
        size_t off = scratch_.size();
        for (size_t i = start; i < q; ++i) {
          scratch_.push_back(b[i]);
          if (b[i] == '"') ++i;  // "" → "
        }
        spans_.push_back({off, scratch_.size() - off, true});
      } else {
        spans_.push_back({start, q - start, false});
      }
      p = q + 1;
      if (p == end) {
        if (!at_eof) return Parse::kNeedMore;
        break;
      }
      if (b[p] == ',') {
        ++p;
        continue;
      }
      if (b[p] == '\n') {
        ++p;
        break;
      }
      if (b[p] == '\r') {
        if (p + 1 == end && !at_eof) return Parse::kNeedMore;
        if (p + 1 == end || b[p + 1] == '\n') {
          p += 2;
          break;
        }
      }
      pending_error_ = error_at(spans_.size() - 1, "unexpected character after a closing quote");
      return Parse::kError;
    }
    size_t start = p;
    while (p < end && !kSpecial.is[static_cast<unsigned char>(b[p])]) ++p;
    if (p == end) {
      if (!at_eof) return Parse::kNeedMore;
      size_t stop = (p > start && b[p - 1] == '\r') ? p - 1 : p;
      spans_.push_back({start, stop - start, false});
      break;
    }
    if (b[p] == '"') {
      pending_error_ = error_at(spans_.size(), "quote inside an unquoted field");
      return Parse::kError;
    }
    if (b[p] == ',') {
      spans_.push_back({start, p - start, false});
      ++p;
      continue;
    }
    size_t stop = (p > start && b[p - 1] == '\r') ? p - 1 : p;  // CRLF
    spans_.push_back({start, stop - start, false});
    ++p;
    break;
  }
  pos_ = std::min(p, end);
  line_ += 1 + inner_lines;
  return Parse::kRecord;
}

Result<bool> CsvReader::next() {
  for (;;) {
    Parse r = parse_record(eof_);
    if (r == Parse::kEmptyLine) continue;
    if (r == Parse::kError) {
      // The rest of the input cannot be trusted after broken quoting: stop here.
      pos_ = end_ = 0;
      eof_ = true;
      fields_.clear();
      return *pending_error_;
    }
    if (r == Parse::kNeedMore) {
      if (end_ - pos_ >= kCsvRecordBytesMax && !eof_) {
        // A record longer than any real one (an unterminated quote, a hostile field): refuse
        // it rather than load the rest of the file into memory.
        pos_ = end_ = 0;
        eof_ = true;
        fields_.clear();
        return data_error(name_, record_line_, "record",
                          "record longer than " + std::to_string(kCsvRecordBytesMax) + " bytes");
      }
      if (eof_ || !refill()) {
        if (pos_ == end_) return false;
        continue;  // eof_ is now set: parse what is left as the last record
      }
      continue;
    }
    fields_.resize(spans_.size());
    size_t record_bytes = 0;
    for (size_t i = 0; i < spans_.size(); ++i) {
      const Span& s = spans_[i];
      fields_[i] = std::string_view((s.scratch ? scratch_.data() : buf_.data()) + s.offset, s.size);
      record_bytes += s.size;
    }
    if (record_bytes > kCsvRecordBytesMax) {
      return data_error(name_, record_line_, "record",
                        "record longer than " + std::to_string(kCsvRecordBytesMax) + " bytes");
    }
    if (!header_.empty() && fields_.size() != header_.size()) {
      size_t n = fields_.size();
      std::string msg = "expected " + std::to_string(header_.size()) + " fields, found " +
                        std::to_string(n);
      if (n < header_.size()) return error_at(n, msg);
      return data_error(name_, record_line_, "record", msg);
    }
    return true;
  }
}

// --- Writer --------------------------------------------------------------------------------

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

CsvWriter::CsvWriter(std::FILE* out) : file_(out) { buf_.reserve(kFlushBytes + 4096); }
CsvWriter::CsvWriter(std::ostream& out) : stream_(&out) { buf_.reserve(kFlushBytes + 4096); }
CsvWriter::~CsvWriter() { flush(); }

void CsvWriter::separator() {
  if (row_started_) buf_.push_back(',');
  row_started_ = true;
}

CsvWriter& CsvWriter::field(std::string_view value) {
  separator();
  append_csv_field(buf_, value);
  return *this;
}

CsvWriter& CsvWriter::field(int64_t value) {
  separator();
  char tmp[24];
  int n = std::snprintf(tmp, sizeof tmp, "%lld", static_cast<long long>(value));
  buf_.append(tmp, static_cast<size_t>(n));
  return *this;
}

std::string& CsvWriter::raw_field() {
  separator();
  return buf_;
}

void CsvWriter::end_row() {
  buf_.push_back('\n');
  row_started_ = false;
  maybe_flush();
}

void CsvWriter::row(const std::vector<std::string_view>& fields) {
  for (std::string_view f : fields) field(f);
  end_row();
}

void CsvWriter::flush() {
  if (buf_.empty()) return;
  if (file_) {
    std::fwrite(buf_.data(), 1, buf_.size(), file_);
    std::fflush(file_);
  } else if (stream_) {
    stream_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    stream_->flush();
  }
  buf_.clear();
}

}  // namespace mutua
