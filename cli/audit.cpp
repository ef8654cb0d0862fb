// `sop audit`: the reader, the workers and the ordered writer of the batch pipeline, with an
// AuditWorker that decodes each record, chooses its plan, evaluates the case and judges the
// record (audit/auditor.hpp); findings are written in input order, and each worker's summary is
// merged at the end.
#include "cli/audit.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "audit/summary.hpp"
#include "cli/audit_report.hpp"
#include "cli/pipeline.hpp"
#include "cli/version_choice.hpp"
#include "interpreter/codec/csv.hpp"
#include "interpreter/codec/json_text.hpp"
#include "interpreter/codec/record_csv.hpp"
#include "interpreter/plan_versions.hpp"
#include "lang/suggest.hpp"

namespace sop::cli {

namespace {

enum class Format { jsonl, csv, text, html };

// A version of a plan and its auditor (which holds the version's record decoder), and for a CSV
// log the version's reader of its rows.
struct AuditVersion {
  const LoadedPlan& plan;
  std::unique_ptr<audit::Auditor> auditor;
  std::unique_ptr<CsvRecordDecoder> csv;
};

// A plan: its versions, earliest first, and the choice among them (the version in force on the
// day the request was received).
struct AuditPlan {
  const PlanVersions& plan;
  std::vector<AuditVersion> versions;
  VersionChooser chooser;
  explicit AuditPlan(const PlanVersions& p) : plan(p), chooser(p, std::nullopt) {}
};

struct Shared {
  const std::vector<AuditPlan>& plans;
  Format format;
  bool csv_in = false;
  int plan_column = -1;  // CSV input: the column of the record's `plan`, if the header has one
};

// The plan a record is judged against: the one its `plan` names, or the only one given (its
// version is then the one in force on received_at: AuditWorker::decode). Returns the index into
// `plans`, or -1 with `error` set.
int plan_for(const std::vector<AuditPlan>& plans, std::optional<std::string_view> id,
             std::string& error) {
  if (!id) {
    if (plans.size() == 1) return 0;
    error =
        "field \"plan\" is missing: the log is audited against several plans, so each record "
        "names its plan";
    return -1;
  }
  std::vector<std::string> ids;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (plans[i].plan.id() == *id) return static_cast<int>(i);
    ids.push_back(plans[i].plan.id());
  }
  std::optional<std::string> best = did_you_mean(*id, ids);
  std::string given;
  for (const std::string& p : ids) given += (given.empty() ? "" : ", ") + p;
  error = fmt::format("field \"plan\": \"{}\" is not a plan given to `sop audit` ({}){}", *id,
                      given, best ? fmt::format(" (did you mean \"{}\"?)", *best) : "");
  return -1;
}

// One worker's state per plan: evaluation is per thread, the auditor and decoders are shared.
struct PlanState {
  Evaluator ev;
  RecordValues record;
  explicit PlanState(const LoadedPlan& p) : ev(*p.program) { record.kase = Case(*p.program); }
};

class AuditWorker : public ChunkWorker {
 public:
  explicit AuditWorker(const Shared& s) : s_(s) {
    for (const AuditPlan& p : s.plans) {
      auto& versions = states_.emplace_back();
      for (const AuditVersion& v : p.versions)
        versions.push_back(std::make_unique<PlanState>(v.plan));
    }
  }
  void run(Chunk& c) override {
    c.out.clear();
    c.records = c.bad = 0;
    for_each_record(c, s_.csv_in,
                    [&](std::string_view record, uint64_t line) { answer(record, line, c); });
  }
  const audit::Summary& summary() const { return summary_; }

 private:
  void answer(std::string_view text, uint64_t line, Chunk& c);
  bool decode(std::string_view text, int& plan, size_t& version, std::string& error);
  bool decode_csv(std::string_view text, int& plan, size_t& version, std::string& error);
  bool decode_as(std::string_view text, int plan, size_t version, std::string& error) {
    const AuditVersion& v = s_.plans[static_cast<size_t>(plan)].versions[version];
    if (v.csv) return v.csv->decode(fields_, count_, state(plan, version).record, error, cells_);
    return v.auditor->decoder().decode_text(text, state(plan, version).record, error);
  }
  // The version in force on the record's received_at, its record decoded under `latest`.
  bool choose_version(std::string_view text, int plan, size_t latest, size_t& version,
                      std::string& error);
  PlanState& state(int plan, size_t version) {
    return *states_[static_cast<size_t>(plan)][version];
  }
  std::string error_case_id(std::string_view text, int plan) const;
  void write_error(uint64_t line, std::string_view case_id, const std::string& error,
                   std::string& out) const;
  void write_finding(uint64_t line, std::string_view case_id, const std::string& plan,
                     const std::optional<std::string>& version, const audit::Finding& f,
                     std::string& out) const;

  const Shared& s_;
  std::vector<std::vector<std::unique_ptr<PlanState>>> states_;  // per plan, per version
  std::vector<audit::Finding> findings_;
  audit::Summary summary_;
  std::vector<std::string> fields_;  // a CSV row's cells
  size_t count_ = 0;
  std::vector<CellError> cells_;
};

bool AuditWorker::decode(std::string_view text, int& plan, size_t& version, std::string& error) {
  // With several plans, the plan's id, read without decoding, chooses the decoder; where it
  // cannot be read so (and with one plan), the first plan's decoder reads the record and its
  // `plan` field decides.
  std::optional<std::string_view> id;
  if (s_.plans.size() > 1) id = RecordDecoder::top_level_string(text, "plan");
  bool guessed = !id;
  plan = guessed ? 0 : plan_for(s_.plans, id, error);
  if (plan < 0) return false;
  // Read under the plan's latest version, whose case format gives the date; then under the
  // version in force on that date if it is another.
  size_t latest = s_.plans[static_cast<size_t>(plan)].versions.size() - 1;
  if (!decode_as(text, plan, latest, error)) return false;
  if (guessed) {
    const AuditVersion& first = s_.plans[0].versions[latest];
    const Value& named =
        state(0, latest).record.fields[static_cast<size_t>(first.auditor->decoder().field("plan"))];
    std::optional<std::string> name;
    if (named.kind == ValueKind::string) name = std::string(named.text());
    plan = plan_for(s_.plans, name ? std::optional<std::string_view>(*name) : std::nullopt, error);
    if (plan < 0) return false;
    latest = s_.plans[static_cast<size_t>(plan)].versions.size() - 1;
    if (plan != 0 && !decode_as(text, plan, latest, error)) return false;
  }
  return choose_version(text, plan, latest, version, error);
}

bool AuditWorker::choose_version(std::string_view text, int plan, size_t latest, size_t& version,
                                 std::string& error) {
  VersionChoice choice =
      s_.plans[static_cast<size_t>(plan)].chooser.choose(state(plan, latest).record.kase);
  if (!choice.index) {
    error = std::move(choice.error);
    return false;
  }
  version = *choice.index;
  return version == latest || decode_as(text, plan, version, error);
}

bool AuditWorker::decode_csv(std::string_view text, int& plan, size_t& version,
                             std::string& error) {
  if (!split_csv_record(text, fields_, count_, error)) return false;
  // The plan column's cell, as written, chooses the plan.
  std::optional<std::string_view> id;
  if (s_.plan_column >= 0 && static_cast<size_t>(s_.plan_column) < count_) {
    std::string_view cell = trim_cell(fields_[static_cast<size_t>(s_.plan_column)]);
    if (!cell.empty()) id = cell;
  }
  plan = plan_for(s_.plans, id, error);
  if (plan < 0) return false;
  size_t latest = s_.plans[static_cast<size_t>(plan)].versions.size() - 1;
  return decode_as(text, plan, latest, error) && choose_version(text, plan, latest, version, error);
}

void AuditWorker::answer(std::string_view text, uint64_t line, Chunk& c) {
  ++c.records;
  int plan = -1;
  size_t version = 0;
  std::string error;
  findings_.clear();
  cells_.clear();
  count_ = 0;
  if (s_.csv_in ? decode_csv(text, plan, version, error) : decode(text, plan, version, error)) {
    PlanState& st = state(plan, version);
    const AuditVersion& av = s_.plans[static_cast<size_t>(plan)].versions[version];
    const std::optional<std::string>& label = av.plan.program->version;
    audit::Tally tally;
    av.auditor->judge(st.record, st.ev, findings_, tally);
    if (st.ev.fault().empty()) {
      summary_.add(av.plan.id(), label.value_or(""), tally, findings_);
      for (const audit::Finding& f : findings_)
        write_finding(line, av.auditor->case_id(st.record), av.plan.id(), label, f, c.out);
      return;
    }
    error = st.ev.fault();
  }
  ++c.bad;
  summary_.add_error();
  write_error(line, error_case_id(text, plan), error, c.out);
}

// The case id of a record that could not be judged, as written, or "": a CSV row's id cell, a
// JSON line's case.id where the line parses (slow, and only for errors).
std::string AuditWorker::error_case_id(std::string_view text, int plan) const {
  const AuditVersion& v = s_.plans[static_cast<size_t>(std::max(plan, 0))].versions.back();
  uint32_t id = v.auditor->case_id_fact();
  if (s_.csv_in) return std::string(trim_cell(v.csv->cell_of_fact(fields_, count_, id)));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("case") || !j["case"].is_object()) return "";
  const nlohmann::json& c = j["case"];
  auto it = c.find(v.plan.program->vars[id].json);
  return it != c.end() && it->is_string() ? it->get<std::string>() : "";
}

void AuditWorker::write_finding(uint64_t line, std::string_view case_id, const std::string& plan,
                                const std::optional<std::string>& version, const audit::Finding& f,
                                std::string& out) const {
  std::string_view kind = audit::name(f.kind);
  if (s_.format == Format::text) {
    out += fmt::format("line {}: {} ({}): {}: expected {}, the record shows {} [{}]\n", line,
                       case_id.empty() ? "-" : case_id, plan, kind, f.expected, f.actual, f.cite);
    return;
  }
  if (s_.format == Format::csv) {
    append_json_int(out, static_cast<int64_t>(line));
    for (std::string_view cell :
         {case_id, std::string_view(plan),
          version ? std::string_view(*version) : std::string_view(), kind,
          std::string_view(f.expected), std::string_view(f.actual), std::string_view(f.cite)}) {
      out += ',';
      append_csv_field(out, cell);
    }
    out += "\r\n";
    return;
  }
  out += "{\"schema\":\"sop.audit-finding/1\",\"line\":";
  append_json_int(out, static_cast<int64_t>(line));
  out += ",\"case_id\":";
  if (case_id.empty())
    out += "null";
  else
    append_json_string(out, case_id);
  out += ",\"plan\":";
  append_json_string(out, plan);
  out += ",\"version\":";
  if (version)
    append_json_string(out, *version);
  else
    out += "null";
  out += ",\"kind\":";
  append_json_string(out, kind);
  out += ",\"expected\":" + f.expected + ",\"actual\":" + f.actual + ",\"cite\":";
  append_json_string(out, f.cite);
  out += "}\n";
}

// `sop.error/1`, with the additions batch evaluation makes (docs/spreadsheets.md): the record's
// `case_id` when it can be read, and a CSV row's bad cells.
void AuditWorker::write_error(uint64_t line, std::string_view case_id, const std::string& error,
                              std::string& out) const {
  if (s_.format == Format::text) {
    out += fmt::format("line {}: {}error: {}\n", line,
                       case_id.empty() ? "" : fmt::format("{}: ", case_id), error);
    return;
  }
  if (s_.format == Format::csv) {
    append_json_int(out, static_cast<int64_t>(line));
    out += ',';
    append_csv_field(out, case_id);
    out += ",,,error,,";
    append_csv_field(out, error);
    out += ",\r\n";
    return;
  }
  out += "{\"schema\":\"sop.error/1\",\"line\":";
  append_json_int(out, static_cast<int64_t>(line));
  out += ",\"error\":";
  append_json_string(out, error);
  if (!case_id.empty()) {
    out += ",\"case_id\":";
    append_json_string(out, case_id);
  }
  if (!cells_.empty()) append_cell_errors(cells_, out);
  out += "}\n";
}

Format format_of(const std::string& name) {
  if (name == "csv") return Format::csv;
  if (name == "text") return Format::text;
  if (name == "html") return Format::html;
  return Format::jsonl;
}

bool make_auditors(const std::vector<PlanVersions>& loaded, std::vector<AuditPlan>& plans,
                   std::ostream& err) {
  for (const PlanVersions& p : loaded) {
    AuditPlan& plan = plans.emplace_back(p);
    for (const LoadedPlan& v : p.versions) {
      std::string error;
      std::unique_ptr<audit::Auditor> a = audit::Auditor::make(*v.program, *v.decoder, error);
      if (!a) {
        err << fmt::format("error: {}: {}\n", v.path, error);
        return false;
      }
      plan.versions.push_back({v, std::move(a), nullptr});
    }
  }
  return true;
}

// Keeps the first `limit` lines of the findings for the HTML report, counting them all.
struct HtmlCollector {
  size_t limit;
  std::vector<std::string> lines;
  uint64_t total = 0;
  void take(const std::string& text) {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      ++total;
      if (lines.size() < limit) lines.emplace_back(text, pos, nl - pos);
      pos = nl + 1;
    }
  }
};

// CSV input: reads and checks the header, and gives every version its reader of rows and the
// shared state the plan column. False, with the error on `err`, for a bad header.
bool read_log_header(Input& input, std::vector<AuditPlan>& plans, const TimeZone* zone,
                     std::string& carry, Shared& shared, std::ostream& err) {
  std::vector<std::string> header;
  std::string error;
  if (!read_csv_header(*input.source, carry, header, error)) {
    err << fmt::format("error: {}:1: {}\n", input.name, error);
    return false;
  }
  std::vector<std::pair<const CaseDecoder*, const RecordDecoder*>> decoders;
  for (const AuditPlan& p : plans)
    for (const AuditVersion& v : p.versions)
      decoders.emplace_back(v.plan.decoder.get(), &v.auditor->decoder());
  std::string problem = check_csv_record_header(header, decoders);
  if (!problem.empty()) {
    err << fmt::format("error: {}:1: {}\n", input.name, problem);
    return false;
  }
  for (AuditPlan& p : plans)
    for (AuditVersion& v : p.versions) {
      v.csv =
          std::make_unique<CsvRecordDecoder>(*v.plan.decoder, v.auditor->decoder(), header, zone);
      int32_t plan_field = v.auditor->decoder().field("plan");
      if (plan_field >= 0 && shared.plan_column < 0)
        shared.plan_column = v.csv->column_of_field(static_cast<uint32_t>(plan_field));
    }
  return true;
}

}  // namespace

int run_audit(const AuditOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<PlanVersions> loaded;
  std::string errors;
  bool ok = load_plan_versions(options.policies, "`sop audit`", loaded, errors, options.load);
  err << errors;
  if (!ok) return 1;
  std::vector<AuditPlan> plans;
  plans.reserve(loaded.size());  // the choosers refer to their plans
  if (!make_auditors(loaded, plans, err)) return 1;
  Input input;
  if (!open_input(options.input, options.use_stdin_fd, in, input, err)) return 1;
  Format format = format_of(options.format);

  Shared shared{plans, format, options.input_format == "csv", -1};
  std::string carry;
  if (shared.csv_in && !read_log_header(input, plans, options.zone, carry, shared, err)) return 1;
  if (format == Format::csv) out << "line,case_id,plan,version,kind,expected,actual,cite\r\n";
  unsigned jobs = options.jobs;
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<ChunkWorker>> workers;
  for (unsigned i = 0; i < jobs; ++i) workers.push_back(std::make_unique<AuditWorker>(shared));
  HtmlCollector html{options.html_findings, {}, 0};
  auto sink = [&](const std::string& text) {
    if (format == Format::html) return html.take(text);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (format != Format::text) out.flush();
  };
  PipelineOptions run{shared.csv_in, options.chunk_bytes, options.progress,
                      "records",     std::move(carry),    shared.csv_in ? 2u : 1u};
  PipelineCounts counts = run_pipeline(*input.source, std::move(run), workers, sink, err);
  audit::Summary summary;
  for (const auto& w : workers) summary.merge(static_cast<const AuditWorker&>(*w).summary());
  if (format == Format::text) out << "\n" << summary_text(summary);
  if (format == Format::html) out << audit_html(summary, html.lines, html.total);
  out.flush();
  return counts.bad > 0 || summary.violations() > 0 ? 1 : 0;
}

}  // namespace sop::cli
