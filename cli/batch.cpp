// The batch pipeline (docs/design.md, "The batch pipeline"): the calling thread reads the input
// and cuts it into chunks of whole records (ChunkReader); N workers evaluate chunks, each with
// its own evaluators, decoders and writers (one per plan), into the chunk's own output text
// (Worker); a writer thread writes chunks in input order (OrderedWriter). The chunks pass from
// one to the next through a Pipeline; at most a fixed number are in flight, so memory stays flat
// whatever the input's size, and the output is the same bytes whatever N. eval_batch opens the
// run (plans, input, CSV header), then starts the three.
#include "cli/batch.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "cli/pipeline.hpp"
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
class Worker : public ChunkWorker {
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

  void run(Chunk& c) override {
    c.out.clear();
    c.records = c.bad = 0;
    for_each_record(c, s_.csv_header != nullptr,
                    [&](std::string_view record, uint64_t line) { answer(record, line, c); });
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
  if (!open_input(options.input, options.use_stdin_fd, in, input, err)) return 1;
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
  std::vector<std::unique_ptr<ChunkWorker>> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.push_back(std::make_unique<Worker>(shared));
  PipelineOptions run{csv_in,  options.chunk_bytes, options.progress,
                      "cases", std::move(carry),    csv_in ? 2u : 1u};
  auto sink = [&out](const std::string& text) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
  };
  PipelineCounts counts = run_pipeline(*input.source, std::move(run), workers, sink, err);
  return counts.bad > 0 ? 1 : 0;
}

}  // namespace sop::cli