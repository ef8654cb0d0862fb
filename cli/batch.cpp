// The batch pipeline (docs/design.md, "The batch pipeline"): the calling thread reads the input
// and cuts it into chunks of whole records; N workers evaluate chunks, each with its own
// evaluators, decoders and writers (one per plan), into the chunk's own output text; a writer
// thread writes chunks in input order. At most a fixed number of chunks are in flight, so memory
// stays flat whatever the input's size, and the output is the same bytes whatever N.
#include "cli/batch.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>

#include "interpreter/codec/case_csv.hpp"
#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/csv.hpp"
#include "interpreter/codec/determination_csv.hpp"
#include "interpreter/codec/determination_writer.hpp"
#include "interpreter/codec/json_text.hpp"
#include "interpreter/loaded_plan.hpp"

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
// their turn, and the free chunks (recycled, so their buffers keep their capacity).
struct Pipeline {
  std::mutex m;
  std::condition_variable work_ready, chunk_done, slot_free;
  std::vector<Chunk*> queue;  // FIFO, popped from the front (small: at most `limit`)
  std::vector<std::unique_ptr<Chunk>> pool;
  std::vector<Chunk*> free_chunks;
  std::vector<Chunk*> slots;  // by seq % limit: the chunks in flight
  size_t limit = 0;
  uint64_t next_seq = 0;  // the next chunk the reader makes
  uint64_t written = 0;   // the next chunk the writer writes
  bool input_done = false;

  explicit Pipeline(size_t n) : slots(n, nullptr), limit(n) {
    for (size_t i = 0; i < n; ++i) {
      pool.push_back(std::make_unique<Chunk>());
      free_chunks.push_back(pool.back().get());
    }
  }
};

// ---------------------------------------------------------------- per-plan state

// The workers share a plan's program and decoder (decoding is const), not its evaluator.
using Plan = LoadedPlan;

// What one worker needs per plan: evaluation state is per thread.
struct PlanWorker {
  const Program& program;
  const CaseDecoder& decoder;
  Evaluator ev;
  DeterminationWriter writer;
  Case kase;
  std::unique_ptr<CsvCaseDecoder> csv;
  PlanWorker(const Plan& plan, const std::vector<std::string>* header)
      : program(*plan.program),
        decoder(*plan.decoder),
        ev(*plan.program),
        writer(*plan.program),
        kase(*plan.program) {
    if (header) csv = std::make_unique<CsvCaseDecoder>(program, decoder, *header);
  }
};

struct Shared {
  const BatchOptions& options;
  const std::vector<Plan>& plans;
  const std::vector<std::string>* csv_header;  // null for JSON Lines input
  bool csv_out;
  bool several;  // more than one plan: error records name theirs
};

void error_record(const Shared& s, const Program& p, uint64_t line, const std::string& error,
                  std::string& out) {
  out += "{\"schema\":\"sop.error/1\",\"line\":";
  append_json_int(out, static_cast<int64_t>(line));
  out += ",\"error\":";
  append_json_string(out, error);
  if (s.several) {
    out += ",\"plan\":";
    append_json_string(out, p.plan_id);
  }
  out += "}\n";
}

class Worker {
 public:
  explicit Worker(const Shared& s) : s_(s) {
    std::vector<const Program*> programs;
    for (const Plan& p : s.plans) {
      plans_.push_back(std::make_unique<PlanWorker>(p, s.csv_header));
      programs.push_back(p.program.get());
    }
    if (s.csv_out) columns_ = std::make_unique<CsvColumns>(programs, s.options.trace);
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
  void answer(std::string_view record, uint64_t line, Chunk& c) {
    ++c.records;
    std::string split_error;
    bool split = !s_.csv_header || split_csv_record(record, fields_, count_, split_error);
    for (size_t i = 0; i < plans_.size(); ++i) {
      PlanWorker& pw = *plans_[i];
      std::string error;
      bool ok;
      if (!split) {
        error = split_error;
        ok = false;
      } else if (s_.csv_header) {
        ok = pw.csv->decode(fields_, count_, pw.kase, error);
      } else {
        ok = pw.decoder.decode_text(record, pw.kase, error);
      }
      if (ok) {
        pw.ev.evaluate(pw.kase, s_.options.trace);
        size_t mark = c.out.size();
        if (columns_) {
          columns_->row(i, pw.ev, line, c.out);
        } else {
          pw.writer.write(pw.ev, options_, c.out);
          c.out += '\n';
        }
        if (!pw.ev.fault().empty()) {
          // The case could not be decided (an overflow, a date out of range): an error in its
          // place, not a determination with holes.
          c.out.resize(mark);
          error = pw.ev.fault();
          ok = false;
        }
      }
      if (!ok) {
        ++c.bad;
        if (columns_)
          columns_->error_row(i, line, error, c.out);
        else
          error_record(s_, pw.program, line, error, c.out);
      }
    }
  }

  const Shared& s_;
  RenderOptions options_{s_.options.trace};
  std::vector<std::unique_ptr<PlanWorker>> plans_;
  std::unique_ptr<CsvColumns> columns_;
  std::vector<std::string> fields_;
  size_t count_ = 0;
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

}  // namespace

int eval_batch(const BatchOptions& options, std::istream& in, std::ostream& out,
               std::ostream& err) {
  // The plans, loaded and checked once; each worker then builds its own evaluators.
  std::vector<Plan> plans;
  bool failed = false;
  for (const std::string& path : options.policies) {
    std::string errors;
    std::optional<Plan> plan = load_plan(path, "`sop eval`", errors);
    err << errors;
    if (plan)
      plans.push_back(std::move(*plan));
    else
      failed = true;
  }
  if (failed) return 1;

  // The input.
  std::unique_ptr<Source> source;
  int fd = -1;
  bool from_stdin = options.input.empty() || options.input == "-";
  if (!from_stdin) {
    fd = ::open(options.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      err << fmt::format("error: cannot open input `{}`\n", options.input);
      return 1;
    }
    source = std::make_unique<FdSource>(fd);
  } else if (options.use_stdin_fd) {
    source = std::make_unique<FdSource>(0);
  } else {
    source = std::make_unique<StreamSource>(in);
  }
  struct CloseFd {
    int fd;
    ~CloseFd() {
      if (fd >= 0) ::close(fd);
    }
  } close_fd{fd};

  bool csv_in = options.input_format == "csv";
  bool csv_out = options.output_format == "csv";
  std::string carry;  // input read past the last whole record
  std::vector<std::string> header;
  uint64_t line = 1;
  if (csv_in) {
    std::string error;
    if (!read_csv_header(*source, carry, header, error)) {
      err << fmt::format("error: {}:1: {}\n", from_stdin ? "<stdin>" : options.input, error);
      return 1;
    }
    std::vector<const CaseDecoder*> decoders;
    for (const Plan& p : plans) decoders.push_back(p.decoder.get());
    std::string problem = check_csv_header(header, decoders);
    if (!problem.empty()) {
      err << fmt::format("error: {}:1: {}\n", from_stdin ? "<stdin>" : options.input, problem);
      return 1;
    }
    line = 2;
  }

  Shared shared{options, plans, csv_in ? &header : nullptr, csv_out, plans.size() > 1};
  unsigned jobs = options.jobs;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  // Enough chunks in flight to keep every worker busy while the writer waits for the oldest.
  Pipeline pl(4 * jobs + 2);

  std::atomic<uint64_t> total_records{0}, total_bad{0};
  if (csv_out) {
    std::vector<const Program*> programs;
    for (const Plan& p : plans) programs.push_back(p.program.get());
    out << CsvColumns(programs, options.trace).header() << std::flush;
  }

  // The writer: chunks in sequence, each written and flushed as soon as its turn comes.
  std::thread writer([&] {
    Progress progress(options.progress, err);
    while (true) {
      Chunk* c;
      {
        std::unique_lock lock(pl.m);
        pl.chunk_done.wait(lock, [&] {
          Chunk* s = pl.slots[pl.written % pl.limit];
          return (s && s->done && s->seq == pl.written) ||
                 (pl.input_done && pl.written == pl.next_seq);
        });
        c = pl.slots[pl.written % pl.limit];
        if (!c || !c->done || c->seq != pl.written) break;  // everything written
      }
      out.write(c->out.data(), static_cast<std::streamsize>(c->out.size()));
      out.flush();
      total_records += c->records;
      total_bad += c->bad;
      progress.update(total_records, total_bad, false);
      {
        std::lock_guard lock(pl.m);
        pl.slots[pl.written % pl.limit] = nullptr;
        ++pl.written;
        // A chunk that held a huge record gives its memory back.
        if (c->text.capacity() > 4 * options.chunk_bytes) std::string().swap(c->text);
        if (c->out.capacity() > 16 * options.chunk_bytes) std::string().swap(c->out);
        c->done = false;
        pl.free_chunks.push_back(c);
      }
      pl.slot_free.notify_one();
    }
    progress.update(total_records, total_bad, true);
  });

  std::vector<std::thread> workers;
  for (unsigned i = 0; i < jobs; ++i) {
    workers.emplace_back([&] {
      Worker w(shared);
      while (true) {
        Chunk* c;
        {
          std::unique_lock lock(pl.m);
          pl.work_ready.wait(lock, [&] { return !pl.queue.empty() || pl.input_done; });
          if (pl.queue.empty()) return;
          c = pl.queue.front();
          pl.queue.erase(pl.queue.begin());
        }
        w.run(*c);
        {
          std::lock_guard lock(pl.m);
          c->done = true;
        }
        pl.chunk_done.notify_one();
      }
    });
  }

  // The reader (this thread): whole records into chunks; a chunk goes out as soon as the input
  // has nothing more ready, or it is full.
  auto take_chunk = [&]() {
    std::unique_lock lock(pl.m);
    pl.slot_free.wait(lock, [&] { return !pl.free_chunks.empty(); });
    Chunk* c = pl.free_chunks.back();
    pl.free_chunks.pop_back();
    return c;
  };
  auto dispatch = [&](Chunk* c) {
    {
      std::lock_guard lock(pl.m);
      c->seq = pl.next_seq++;
      pl.slots[c->seq % pl.limit] = c;
      pl.queue.push_back(c);
    }
    pl.work_ready.notify_one();
  };
  bool quoted = false;  // CSV: whether the scan of `carry` is inside quotes
  size_t scanned = 0;   // how much of carry is known to hold no record end
  size_t last_end = std::string::npos;
  // Scans carry from `scanned` for the last record end.
  auto scan = [&]() {
    if (csv_in) {
      size_t at = scanned;
      while (true) {
        size_t e = csv_record_end(carry, at, quoted);
        if (e == std::string::npos) break;
        last_end = e;
        at = e + 1;
      }
    } else {
      // Only the new bytes: a long line read piece by piece is scanned once.
      const void* e = memrchr(carry.data() + scanned, '\n', carry.size() - scanned);
      if (e) last_end = static_cast<size_t>(static_cast<const char*>(e) - carry.data());
    }
    scanned = carry.size();
  };
  auto emit = [&](size_t upto) {  // carry[0, upto) as a chunk
    Chunk* c = take_chunk();
    c->text.assign(carry, 0, upto);
    c->first_line = line;
    line += count_lines(c->text);
    carry.erase(0, upto);
    dispatch(c);
  };
  scan();
  std::string buf(std::max<size_t>(options.chunk_bytes, 4096), '\0');
  while (true) {
    bool have_whole = last_end != std::string::npos;
    if (have_whole && (carry.size() >= options.chunk_bytes || !source->ready())) {
      size_t upto = last_end + 1;
      emit(upto);
      last_end = std::string::npos;
      scanned = 0;
      quoted = false;
      scan();  // what stays in carry is the start of the next record (CSV: not inside quotes)
      continue;
    }
    size_t n = source->read(buf.data(), buf.size());
    if (n == 0) break;
    carry.append(buf.data(), n);
    scan();
  }
  if (!carry.empty()) emit(carry.size());  // the last record, without a line break
  {
    std::lock_guard lock(pl.m);
    pl.input_done = true;
  }
  pl.work_ready.notify_all();
  pl.chunk_done.notify_all();
  for (std::thread& t : workers) t.join();
  pl.chunk_done.notify_all();
  writer.join();
  return total_bad > 0 ? 1 : 0;
}

}  // namespace sop::cli
