// The batch pipeline (docs/design.md, "The batch pipeline"): the calling thread reads the input
// and cuts it into chunks of whole records (ChunkReader); N workers evaluate chunks, each with
// its own evaluators, decoders and writers (one per plan), into the chunk's own output text
// (Worker); a writer thread writes chunks in input order (OrderedWriter). The chunks pass from
// one to the next through a Pipeline; at most a fixed number are in flight, so memory stays flat
// whatever the input's size, and the output is the same bytes whatever N. eval_batch opens the
// run (plans, input, CSV header), then starts the three.
#include "cli/batch.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>

#include "cli/version_choice.hpp"
#include "interpreter/codec/case_csv.hpp"
#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/csv.hpp"
#include "interpreter/codec/determination_csv.hpp"
#include "interpreter/codec/determination_writer.hpp"
#include "interpreter/codec/json_text.hpp"
#include "interpreter/plan_versions.hpp"

namespace sop::cli {

namespace {

// ---------------------------------------------------------------- input

// Where the records come from: a file descriptor read with read(2), which returns what has
// arrived (so an interactive or slow producer is answered line by line), or a stream.
class Source {
 public:
  virtual ~Source() = default;
  // Up to `n` bytes into `buf`; 0 at the end.
  virtual size_t read(char* buf, size_t n) = 0;
  // Whether more input is ready now (a read would not wait).
  virtual bool ready() { return true; }
};

class FdSource : public Source {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  size_t read(char* buf, size_t n) override {
    while (true) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) return static_cast<size_t>(r);
      if (errno != EINTR) return 0;
    }
  }
  bool ready() override {
    pollfd p{fd_, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
  }

 private:
  int fd_;
};

class StreamSource : public Source {
 public:
  explicit StreamSource(std::istream& in) : in_(in) {}
  size_t read(char* buf, size_t n) override {
    in_.read(buf, static_cast<std::streamsize>(n));
    return static_cast<size_t>(in_.gcount());
  }

 private:
  std::istream& in_;
};

// The line breaks in `text`, with memchr (vectorized in libc), which std::count is not at -O2.
uint64_t count_lines(std::string_view text) {
  uint64_t n = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
    ++n;
    p = static_cast<const char*>(nl) + 1;
  }
  return n;
}

// ---------------------------------------------------------------- chunks

struct Chunk {
  uint64_t seq = 0;
  uint64_t first_line = 1;  // the input line the chunk's text starts on
  std::string text;         // whole records, each ending in '\n' (but perhaps the input's last)
  std::string out;          // the answers, one line (JSON) or row (CSV) per plan per record
  uint64_t records = 0, bad = 0;
  bool done = false;
};

// Everything the threads share, under one mutex: the work queue, the finished chunks waiting for
// their turn, and the free chunks (recycled, so their buffers keep their capacity). Each method
// is one hand-off of one chunk: a lock per chunk, none per record.
class Pipeline {
 public:
  explicit Pipeline(size_t n) : slots_(n, nullptr), limit_(n) {
    for (size_t i = 0; i < n; ++i) {
      pool_.push_back(std::make_unique<Chunk>());
      free_chunks_.push_back(pool_.back().get());
    }
  }

  // The reader's side: a free chunk (waiting for one), then the chunk filled, numbered in input
  // order and queued for the workers; then the end of the input.
  Chunk* take_free() {
    std::unique_lock lock(m_);
    slot_free_.wait(lock, [&] { return !free_chunks_.empty(); });
    Chunk* c = free_chunks_.back();
    free_chunks_.pop_back();
    return c;
  }
  void dispatch(Chunk* c) {
    {
      std::lock_guard lock(m_);
      c->seq = next_seq_++;
      slots_[c->seq % limit_] = c;
      queue_.push_back(c);
    }
    work_ready_.notify_one();
  }
  void close_input() {
    {
      std::lock_guard lock(m_);
      input_done_ = true;
    }
    work_ready_.notify_all();
    chunk_done_.notify_all();
  }

  // The workers' side: the next chunk to evaluate (null once the input is done and the queue
  // empty), then the chunk evaluated.
  Chunk* next_work() {
    std::unique_lock lock(m_);
    work_ready_.wait(lock, [&] { return !queue_.empty() || input_done_; });
    if (queue_.empty()) return nullptr;
    Chunk* c = queue_.front();
    queue_.erase(queue_.begin());
    return c;
  }
  void done(Chunk* c) {
    {
      std::lock_guard lock(m_);
      c->done = true;
    }
    chunk_done_.notify_one();
  }
  // Once every worker has returned: the writer may be waiting for the end.
  void workers_finished() { chunk_done_.notify_all(); }

  // The writer's side: the next chunk in input order once it is evaluated (null once every
  // chunk is written), then the chunk written, back to the free chunks.
  Chunk* next_in_order() {
    std::unique_lock lock(m_);
    chunk_done_.wait(lock, [&] {
      Chunk* s = slots_[written_ % limit_];
      return (s && s->done && s->seq == written_) || (input_done_ && written_ == next_seq_);
    });
    Chunk* c = slots_[written_ % limit_];
    return c && c->done && c->seq == written_ ? c : nullptr;
  }
  void recycle(Chunk* c, size_t chunk_bytes) {
    {
      std::lock_guard lock(m_);
      slots_[written_ % limit_] = nullptr;
      ++written_;
      // A chunk that held a huge record gives its memory back.
      if (c->text.capacity() > 4 * chunk_bytes) std::string().swap(c->text);
      if (c->out.capacity() > 16 * chunk_bytes) std::string().swap(c->out);
      c->done = false;
      free_chunks_.push_back(c);
    }
    slot_free_.notify_one();
  }

 private:
  std::mutex m_;
  std::condition_variable work_ready_, chunk_done_, slot_free_;
  std::vector<Chunk*> queue_;  // FIFO, popped from the front (small: at most `limit_`)
  std::vector<std::unique_ptr<Chunk>> pool_;
  std::vector<Chunk*> free_chunks_;
  std::vector<Chunk*> slots_;  // by seq % limit_: the chunks in flight
  size_t limit_ = 0;
  uint64_t next_seq_ = 0;  // the next chunk the reader makes
  uint64_t written_ = 0;   // the next chunk the writer writes
  bool input_done_ = false;
};

RenderOptions render_options(const BatchOptions& options) {
  RenderOptions r;
  r.trace = options.trace;
  return r;
}

// ---------------------------------------------------------------- per-plan state

// The workers share a plan's program and decoder (decoding is const), not its evaluator.
using Plan = LoadedPlan;

// What one worker needs per version of a plan: evaluation state is per thread.
struct PlanWorker {
  const Program& program;
  const CaseDecoder& decoder;
  Evaluator ev;
  DeterminationWriter writer;
  Case kase;
  std::unique_ptr<CsvCaseDecoder> csv;
  size_t column_plan;  // its index among the programs of the CSV columns
  std::vector<std::pair<uint32_t, uint32_t>> copies;  // outputs that copy a fact
  PlanWorker(const Plan& plan, const std::vector<std::string>* header, size_t column,
             const TimeZone* zone)
      : program(*plan.program),
        decoder(*plan.decoder),
        ev(*plan.program),
        writer(*plan.program),
        kase(*plan.program),
        column_plan(column),
        copies(fact_copies(*plan.program)) {
    if (header) csv = std::make_unique<CsvCaseDecoder>(program, decoder, *header, zone);
  }
};

// Per plan: a worker per version, earliest first, and the choice among them.
struct VersionsWorker {
  std::vector<std::unique_ptr<PlanWorker>> versions;
  VersionChooser chooser;
  VersionsWorker(const PlanVersions& plan, std::optional<int32_t> as_of) : chooser(plan, as_of) {}
};

struct Shared {
  const BatchOptions& options;
  const std::vector<PlanVersions>& plans;
  const std::vector<std::string>* csv_header;  // null for JSON Lines input
  bool csv_out;
  bool several;                         // more than one plan: error records name theirs
  std::vector<std::string> echo_names;  // CSV in and out with --echo: the input's facts
};

// The bad cells of a CSV row, as the `errors` array added to `sop.error/1`.
void append_cell_errors(const std::vector<CellError>& cells, std::string& out) {
  out += ",\"errors\":[";
  for (size_t i = 0; i < cells.size(); ++i) {
    const CellError& e = cells[i];
    out += i ? ",{\"column\":" : "{\"column\":";
    append_json_int(out, static_cast<int64_t>(e.column));
    out += ",\"field\":";
    append_json_string(out, e.field);
    out += ",\"value\":";
    append_json_string(out, e.value);
    out += ",\"expected\":";
    if (e.expected.empty())
      out += "null";
    else
      append_json_string(out, e.expected);
    out += ",\"did_you_mean\":";
    if (e.suggestion.empty())
      out += "null";
    else
      append_json_string(out, e.suggestion);
    out += '}';
  }
  out += ']';
}

// `sop.error/1`, with two additions (docs/spreadsheets.md): each output that copies a fact
// (`case_id`) when the input gives it, and the bad cells of a CSV row.
void error_record(const Shared& s, const PlanWorker& pw, uint64_t line, const std::string& error,
                  const std::vector<CellError>& cells, const CsvColumns::FactCell& cell,
                  std::string& out) {
  out += "{\"schema\":\"sop.error/1\",\"line\":";
  append_json_int(out, static_cast<int64_t>(line));
  out += ",\"error\":";
  append_json_string(out, error);
  if (s.several) {
    out += ",\"plan\":";
    append_json_string(out, pw.program.plan_id);
  }
  for (auto [output, fact] : pw.copies) {
    std::string_view v = cell ? cell(fact) : std::string_view();
    if (v.empty()) continue;
    out += ',';
    append_json_string(out, pw.program.vars[output].json);
    out += ':';
    append_json_string(out, v);
  }
  if (!cells.empty()) append_cell_errors(cells, out);
  out += "}\n";
}

// Every version of every plan, in order: the programs of the CSV columns.
std::vector<const Program*> programs_of(const std::vector<PlanVersions>& plans) {
  std::vector<const Program*> programs;
  for (const PlanVersions& p : plans)
    for (const Plan& v : p.versions) programs.push_back(v.program.get());
  return programs;
}

// Evaluates chunks: every record of a chunk under every plan, into the chunk's output text.
class Worker {
 public:
  // The CSV output's layout, as the options ask.
  static CsvLayout layout(const Shared& s) {
    return {s.options.trace, s.echo_names, s.options.readable_headers, s.options.excel};
  }

  explicit Worker(const Shared& s) : s_(s) {
    size_t column_plan = 0;
    for (const PlanVersions& p : s.plans) {
      auto& w = plans_.emplace_back(std::make_unique<VersionsWorker>(p, s.options.as_of));
      for (const Plan& v : p.versions)
        w->versions.push_back(
            std::make_unique<PlanWorker>(v, s.csv_header, column_plan++, s.options.zone));
    }
    if (s.csv_out) columns_ = std::make_unique<CsvColumns>(programs_of(s.plans), layout(s));
  }

  // A worker thread: chunks until the input is done.
  static void work(Pipeline& pl, const Shared& s) {
    Worker w(s);
    while (Chunk* c = pl.next_work()) {
      w.run(*c);
      pl.done(c);
    }
  }

  void run(Chunk& c) {
    c.out.clear();
    c.records = c.bad = 0;
    std::string_view text = c.text;
    uint64_t line = c.first_line;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end;
      uint64_t lines_in = 0;
      if (s_.csv_header) {
        bool quoted = false;
        end = csv_record_end(text, pos, quoted);
        if (end == std::string_view::npos) end = text.size();
        lines_in = count_lines(text.substr(pos, end - pos));
      } else {
        const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
        end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
      }
      std::string_view record = text.substr(pos, end - pos);
      if (record.find_first_not_of(" \t\r") != std::string_view::npos) answer(record, line, c);
      line += 1 + lines_in;
      pos = end + 1;
    }
  }

 private:
  bool decode(PlanWorker& pw, std::string_view record, std::string& error) {
    if (s_.csv_header) return pw.csv->decode(fields_, count_, pw.kase, error, cells_);
    return pw.decoder.decode_text(record, pw.kase, error);
  }

  // The version of `plan` that decides the record, its case decoded: the record is read under
  // the latest version (whose case format gives the date), then under the chosen one if it is
  // another. Null with `error` set when the record is refused.
  PlanWorker* decide_version(VersionsWorker& plan, std::string_view record, std::string& error) {
    PlanWorker& latest = *plan.versions.back();
    if (!decode(latest, record, error)) return nullptr;
    VersionChoice choice = plan.chooser.choose(latest.kase);
    if (!choice.index) {
      error = std::move(choice.error);
      return nullptr;
    }
    PlanWorker& chosen = *plan.versions[*choice.index];
    if (&chosen != &latest && !decode(chosen, record, error)) return nullptr;
    return &chosen;
  }

  void answer(std::string_view record, uint64_t line, Chunk& c) {
    ++c.records;
    std::string split_error;
    bool split = !s_.csv_header || split_csv_record(record, fields_, count_, split_error);
    // The row's cells, for the echo columns, when it has as many as the header.
    const std::string* echo = !s_.echo_names.empty() && split && count_ == s_.csv_header->size()
                                  ? fields_.data()
                                  : nullptr;
    for (auto& plan : plans_) {
      std::string error = split_error;
      cells_.clear();
      PlanWorker* pw = split ? decide_version(*plan, record, error) : nullptr;
      if (pw && evaluate(*pw, line, echo, c, error)) continue;
      ++c.bad;
      PlanWorker& named = pw ? *pw : *plan->versions.back();
      CsvColumns::FactCell cell;
      if (split && s_.csv_header)
        cell = [&](uint32_t f) { return named.csv->cell_of(fields_, count_, f); };
      else if (!s_.csv_header)
        cell = [&](uint32_t f) -> std::string_view {
          return scratch_ = named.decoder.string_field(record, f);
        };
      if (columns_)
        columns_->error_row(named.column_plan, line, error, c.out, echo, cell);
      else
        error_record(s_, named, line, error, cells_, cell, c.out);
    }
  }

  // Evaluates the decoded case and writes its answer; false, with `error`, on a fault.
  bool evaluate(PlanWorker& pw, uint64_t line, const std::string* echo, Chunk& c,
                std::string& error) {
    pw.ev.evaluate(pw.kase, s_.options.trace);
    size_t mark = c.out.size();
    if (columns_) {
      columns_->row(pw.column_plan, pw.ev, line, c.out, echo);
    } else {
      pw.writer.write(pw.ev, options_, c.out);
      c.out += '\n';
    }
    if (pw.ev.fault().empty()) return true;
    // The case could not be decided (an overflow, a date out of range): an error in its place,
    // not a determination with holes.
    c.out.resize(mark);
    error = pw.ev.fault();
    return false;
  }

  const Shared& s_;
  RenderOptions options_ = render_options(s_.options);
  std::vector<std::unique_ptr<VersionsWorker>> plans_;
  std::unique_ptr<CsvColumns> columns_;
  std::vector<std::string> fields_;
  size_t count_ = 0;
  std::vector<CellError> cells_;
  std::string scratch_;  // a JSON case's field, for an error record
};

// ---------------------------------------------------------------- progress

class Progress {
 public:
  Progress(bool on, std::ostream& err) : on_(on), err_(err) {}
  void update(uint64_t cases, uint64_t errors, bool final) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? static_cast<double>(cases) / secs : 0;
    // \r and "erase to the end of the line": the line is rewritten in place.
    err_ << fmt::format("\r\x1b[K{} cases, {:.0f} cases/s, {} errors", cases, rate, errors)
         << (final ? "\n" : "") << std::flush;
  }

 private:
  bool on_;
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

// Reads the CSV header record from `source` (through `carry`, which keeps what was read past it).
// Returns false at the end of the input with no header.
bool read_csv_header(Source& source, std::string& carry, std::vector<std::string>& header,
                     std::string& error) {
  bool quoted = false;
  size_t scanned = 0;
  char buf[65536];
  while (true) {
    size_t end = csv_record_end(carry, scanned, quoted);
    if (end != std::string::npos || !carry.empty()) {
      if (end == std::string::npos) {
        size_t n = source.read(buf, sizeof buf);
        if (n > 0) {
          scanned = carry.size();
          carry.append(buf, n);
          continue;
        }
        end = carry.size();
      }
      std::string_view record(carry.data(), end);
      if (record.substr(0, 3) == "\xEF\xBB\xBF") record.remove_prefix(3);  // a spreadsheet's BOM
      size_t count = 0;
      bool ok = split_csv_record(record, header, count, error);
      header.resize(count);
      carry.erase(0, std::min(carry.size(), end + 1));
      return ok;
    }
    size_t n = source.read(buf, sizeof buf);
    if (n == 0) {
      error = "the input is empty: a CSV input starts with a header row naming the facts";
      return false;
    }
    carry.append(buf, n);
    scanned = 0;
  }
}

// ---------------------------------------------------------------- the ordered writer

// Writes the chunks strictly in input order, each written and flushed as soon as its turn comes,
// on its own thread; counts the records and errors.
class OrderedWriter {
 public:
  OrderedWriter(Pipeline& pl, std::ostream& out, const BatchOptions& options, std::ostream& err)
      : pl_(pl), out_(out), options_(options), err_(err) {}

  void run() {
    Progress progress(options_.progress, err_);
    while (Chunk* c = pl_.next_in_order()) {
      out_.write(c->out.data(), static_cast<std::streamsize>(c->out.size()));
      out_.flush();
      records_ += c->records;
      bad_ += c->bad;
      progress.update(records_, bad_, false);
      pl_.recycle(c, options_.chunk_bytes);
    }
    progress.update(records_, bad_, true);
  }
  // After run() has returned.
  uint64_t bad() const { return bad_; }

 private:
  Pipeline& pl_;
  std::ostream& out_;
  const BatchOptions& options_;
  std::ostream& err_;
  uint64_t records_ = 0, bad_ = 0;
};

// ---------------------------------------------------------------- the reader

// Cuts the input into chunks of whole records (a record is never split) and hands them to the
// workers: a chunk goes out when it is full, or as soon as the input has nothing more ready, so
// a case piped alone is answered at once.
class ChunkReader {
 public:
  // `carry`: input already read (past a CSV header), starting on line `line`.
  ChunkReader(Source& source, Pipeline& pl, bool csv, size_t chunk_bytes, std::string carry,
              uint64_t line)
      : source_(source),
        pl_(pl),
        csv_(csv),
        chunk_bytes_(chunk_bytes),
        carry_(std::move(carry)),
        line_(line) {}

  // Reads to the end of the input.
  void run() {
    scan();
    std::string buf(std::max<size_t>(chunk_bytes_, 4096), '\0');
    while (true) {
      bool have_whole = last_end_ != std::string::npos;
      if (have_whole && (carry_.size() >= chunk_bytes_ || !source_.ready())) {
        emit(last_end_ + 1);
        last_end_ = std::string::npos;
        scanned_ = 0;
        quoted_ = false;
        scan();  // what stays in carry_ is the start of the next record (CSV: not inside quotes)
        continue;
      }
      size_t n = source_.read(buf.data(), buf.size());
      if (n == 0) break;
      carry_.append(buf.data(), n);
      scan();
    }
    if (!carry_.empty()) emit(carry_.size());  // the last record, without a line break
  }

 private:
  // Scans carry_ from scanned_ for the last record end.
  void scan() {
    if (csv_) {
      size_t at = scanned_;
      while (true) {
        size_t e = csv_record_end(carry_, at, quoted_);
        if (e == std::string::npos) break;
        last_end_ = e;
        at = e + 1;
      }
    } else {
      // Only the new bytes: a long line read piece by piece is scanned once.
      const void* e = memrchr(carry_.data() + scanned_, '\n', carry_.size() - scanned_);
      if (e) last_end_ = static_cast<size_t>(static_cast<const char*>(e) - carry_.data());
    }
    scanned_ = carry_.size();
  }

  // carry_[0, upto) as a chunk.
  void emit(size_t upto) {
    Chunk* c = pl_.take_free();
    c->text.assign(carry_, 0, upto);
    c->first_line = line_;
    line_ += count_lines(c->text);
    carry_.erase(0, upto);
    pl_.dispatch(c);
  }

  Source& source_;
  Pipeline& pl_;
  bool csv_;
  size_t chunk_bytes_;
  std::string carry_;                    // input read past the last whole record
  uint64_t line_;                        // the line carry_ starts on
  bool quoted_ = false;                  // CSV: whether the scan of carry_ is inside quotes
  size_t scanned_ = 0;                   // how much of carry_ is known to hold no record end
  size_t last_end_ = std::string::npos;  // the last record end found in carry_
};

// ---------------------------------------------------------------- opening the run

// Where the records come from, and the name messages give it.
struct Input {
  std::unique_ptr<Source> source;
  std::string name;  // the file, or <stdin>
  int fd = -1;       // a file this opened, closed with it
  Input() = default;
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
  ~Input() {
    if (fd >= 0) ::close(fd);
  }
};

bool open_input(const BatchOptions& options, std::istream& in, Input& input, std::ostream& err) {
  bool from_stdin = options.input.empty() || options.input == "-";
  input.name = from_stdin ? "<stdin>" : options.input;
  if (!from_stdin) {
    input.fd = ::open(options.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (input.fd < 0) {
      err << fmt::format("error: cannot open input `{}`\n", options.input);
      return false;
    }
    input.source = std::make_unique<FdSource>(input.fd);
  } else if (options.use_stdin_fd) {
    input.source = std::make_unique<FdSource>(0);
  } else {
    input.source = std::make_unique<StreamSource>(in);
  }
  return true;
}

// CSV input: the header row, read (what was read past it stays in `carry`) and checked against
// the plans' facts.
bool read_header(Input& input, const std::vector<PlanVersions>& plans, std::string& carry,
                 std::vector<std::string>& header, std::ostream& err) {
  std::string error;
  if (!read_csv_header(*input.source, carry, header, error)) {
    err << fmt::format("error: {}:1: {}\n", input.name, error);
    return false;
  }
  std::vector<const CaseDecoder*> decoders;
  for (const PlanVersions& p : plans)
    for (const Plan& v : p.versions) decoders.push_back(v.decoder.get());
  std::string problem = check_csv_header(header, decoders);
  if (!problem.empty()) {
    err << fmt::format("error: {}:1: {}\n", input.name, problem);
    return false;
  }
  return true;
}

// The JSON names of the facts a CSV header names (a header may spell them for people).
std::vector<std::string> fact_names(const std::vector<std::string>& header,
                                    const std::vector<PlanVersions>& plans) {
  std::vector<std::string> names;
  for (const std::string& h : header) {
    std::string name = h;
    for (const PlanVersions& versions : plans) {
      const Plan& p = versions.versions.back();
      std::vector<std::string> ambiguous;
      int32_t f = csv_header_fact(*p.decoder, h, ambiguous);
      if (f != k_none) {
        name = p.program->vars[static_cast<uint32_t>(f)].json;
        break;
      }
    }
    names.push_back(name);
  }
  return names;
}

}  // namespace

int eval_batch(const BatchOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err) {
  // The plans, loaded and checked once; each worker then builds its own evaluators.
  std::vector<PlanVersions> plans;
  std::string errors;
  bool loaded = load_plan_versions(options.policies, "`sop eval`", plans, errors, options.load);
  err << errors;
  if (!loaded) return 1;
  Input input;
  if (!open_input(options, in, input, err)) return 1;
  bool csv_in = options.input_format == "csv";
  bool csv_out = options.output_format == "csv";
  std::string carry;
  std::vector<std::string> header;
  if (csv_in && !read_header(input, plans, carry, header, err)) return 1;
  Shared shared{options, plans, csv_in ? &header : nullptr, csv_out, plans.size() > 1, {}};
  if (csv_in && csv_out && options.echo) shared.echo_names = fact_names(header, plans);
  if (csv_out) {
    // Excel reads a file without a byte-order mark as the system's code page, not UTF-8.
    if (options.excel) out << "\xEF\xBB\xBF";
    out << CsvColumns(programs_of(plans), Worker::layout(shared)).header() << std::flush;
  }

  unsigned jobs = options.jobs;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  // Enough chunks in flight to keep every worker busy while the writer waits for the oldest.
  Pipeline pl(4 * jobs + 2);
  OrderedWriter writer(pl, out, options, err);
  std::thread writing([&] { writer.run(); });
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.emplace_back([&] { Worker::work(pl, shared); });
  ChunkReader(*input.source, pl, csv_in, options.chunk_bytes, std::move(carry), csv_in ? 2 : 1)
      .run();
  pl.close_input();
  for (std::thread& t : workers) t.join();
  pl.workers_finished();
  writing.join();
  return writer.bad() > 0 ? 1 : 0;
}

}  // namespace sop::cli
