#pragma once
// The streaming pipeline that batch evaluation and the audit share (docs/design.md, "The batch
// pipeline"): the calling thread cuts the input into chunks of whole records (ChunkReader); N
// workers answer chunks into each chunk's own output text (a ChunkWorker each, which the command
// supplies); a writer thread hands finished chunks to a sink strictly in input order. At most a
// fixed number of chunks are in flight, so memory stays flat whatever the input's size, and the
// output is the same bytes whatever N.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sop::cli {

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

// The input of a run, and the name messages give it.
struct Input {
  std::unique_ptr<Source> source;
  std::string name;  // the file, or <stdin>
  int fd = -1;       // a file this opened, closed with it
  Input() = default;
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
  ~Input();
};

// Opens `path` ("-" or empty: standard input, read with read(2) when `use_stdin_fd`, else from
// `in`); on failure writes the error to `err`.
bool open_input(const std::string& path, bool use_stdin_fd, std::istream& in, Input& input,
                std::ostream& err);

// Reads the CSV header record from `source` (through `carry`, which keeps what was read past it).
// Returns false at the end of the input with no header.
bool read_csv_header(Source& source, std::string& carry, std::vector<std::string>& header,
                     std::string& error);

struct Chunk {
  uint64_t seq = 0;
  uint64_t first_line = 1;  // the input line the chunk's text starts on
  std::string text;         // whole records, each ending in '\n' (but perhaps the input's last)
  std::string out;          // the answers
  uint64_t records = 0, bad = 0;
  bool done = false;
};

// Calls `answer(record, line)` for every record of the chunk that is not blank: lines of JSON
// Lines, or CSV records (which may span lines inside quotes); `line` is the record's first line.
void for_each_record(const Chunk& c, bool csv,
                     const std::function<void(std::string_view, uint64_t)>& answer);

// Answers chunks on one worker thread; owns whatever per-thread state that needs.
class ChunkWorker {
 public:
  virtual ~ChunkWorker() = default;
  // Fills c.out, c.records and c.bad from c.text.
  virtual void run(Chunk& c) = 0;
};

struct PipelineOptions {
  bool csv = false;                 // records are CSV records (else lines)
  size_t chunk_bytes = 256 * 1024;  // the reader cuts its input into chunks of about this size
  bool progress = false;            // a progress line on `err`
  std::string noun = "cases";       // what the progress line counts
  std::string carry;                // input already read (past a CSV header)
  uint64_t first_line = 1;          // the line `carry` starts on
};

struct PipelineCounts {
  uint64_t records = 0, bad = 0;
};

// Runs the pipeline to the end of `source`, one thread per worker (the caller keeps the workers,
// and what they gathered, after the run); `sink` receives every chunk's output in input order.
PipelineCounts run_pipeline(Source& source, PipelineOptions options,
                            const std::vector<std::unique_ptr<ChunkWorker>>& workers,
                            const std::function<void(const std::string&)>& sink, std::ostream& err);

}  // namespace sop::cli
