// The streaming pipeline (cli/pipeline.hpp; docs/design.md, "The batch pipeline").
#include "cli/pipeline.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <iostream>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>

#include "interpreter/codec/csv.hpp"

namespace sop::cli {

namespace {

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

// ---------------------------------------------------------------- progress

class Progress {
 public:
  Progress(bool on, std::string noun, std::ostream& err)
      : on_(on), noun_(std::move(noun)), err_(err) {}
  void update(uint64_t cases, uint64_t errors, bool final) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? static_cast<double>(cases) / secs : 0;
    // \r and "erase to the end of the line": the line is rewritten in place.
    err_ << fmt::format("\r\x1b[K{} {}, {:.0f} {}/s, {} errors", cases, noun_, rate, noun_, errors)
         << (final ? "\n" : "") << std::flush;
  }

 private:
  bool on_;
  std::string noun_;
  std::ostream& err_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

// ---------------------------------------------------------------- the ordered writer

// Writes the chunks strictly in input order, each written and flushed as soon as its turn comes,
// on its own thread; counts the records and errors.
class OrderedWriter {
 public:
  OrderedWriter(Pipeline& pl, const std::function<void(const std::string&)>& sink,
                const PipelineOptions& options, std::ostream& err)
      : pl_(pl), sink_(sink), options_(options), err_(err) {}

  void run() {
    Progress progress(options_.progress, options_.noun, err_);
    while (Chunk* c = pl_.next_in_order()) {
      sink_(c->out);
      counts_.records += c->records;
      counts_.bad += c->bad;
      progress.update(counts_.records, counts_.bad, false);
      pl_.recycle(c, options_.chunk_bytes);
    }
    progress.update(counts_.records, counts_.bad, true);
  }
  // After run() has returned.
  PipelineCounts counts() const { return counts_; }

 private:
  Pipeline& pl_;
  const std::function<void(const std::string&)>& sink_;
  const PipelineOptions& options_;
  std::ostream& err_;
  PipelineCounts counts_;
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

}  // namespace

Input::~Input() {
  if (fd >= 0) ::close(fd);
}

bool open_input(const std::string& path, bool use_stdin_fd, std::istream& in, Input& input,
                std::ostream& err) {
  bool from_stdin = path.empty() || path == "-";
  input.name = from_stdin ? "<stdin>" : path;
  if (!from_stdin) {
    input.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (input.fd < 0) {
      err << fmt::format("error: cannot open input `{}`\n", path);
      return false;
    }
    input.source = std::make_unique<FdSource>(input.fd);
  } else if (use_stdin_fd) {
    input.source = std::make_unique<FdSource>(0);
  } else {
    input.source = std::make_unique<StreamSource>(in);
  }
  return true;
}

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

void for_each_record(const Chunk& c, bool csv,
                     const std::function<void(std::string_view, uint64_t)>& answer) {
  std::string_view text = c.text;
  uint64_t line = c.first_line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end;
    uint64_t lines_in = 0;
    if (csv) {
      bool quoted = false;
      end = csv_record_end(text, pos, quoted);
      if (end == std::string_view::npos) end = text.size();
      lines_in = count_lines(text.substr(pos, end - pos));
    } else {
      const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
      end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    }
    std::string_view record = text.substr(pos, end - pos);
    if (record.find_first_not_of(" \t\r") != std::string_view::npos) answer(record, line);
    line += 1 + lines_in;
    pos = end + 1;
  }
}

PipelineCounts run_pipeline(Source& source, PipelineOptions options,
                            const std::vector<std::unique_ptr<ChunkWorker>>& workers,
                            const std::function<void(const std::string&)>& sink,
                            std::ostream& err) {
  // Enough chunks in flight to keep every worker busy while the writer waits for the oldest.
  Pipeline pl(4 * workers.size() + 2);
  OrderedWriter writer(pl, sink, options, err);
  std::thread writing([&] { writer.run(); });
  std::vector<std::thread> threads;
  for (const auto& w : workers)
    threads.emplace_back([&pl, worker = w.get()] {
      while (Chunk* c = pl.next_work()) {
        worker->run(*c);
        pl.done(c);
      }
    });
  ChunkReader(source, pl, options.csv, options.chunk_bytes, std::move(options.carry),
              options.first_line)
      .run();
  pl.close_input();
  for (std::thread& t : threads) t.join();
  pl.workers_finished();
  writing.join();
  return writer.counts();
}

}  // namespace sop::cli
