// The server's handlers: the lifecycle, text synchronisation, and the requests, each turning
// its params into a call of a feature (lsp/features.hpp). Params are the client's JSON: a
// missing or mistyped member throws nlohmann::json::exception or std::invalid_argument, which
// Server::request answers as invalid params.
#include <stdexcept>

#include "lsp/features.hpp"
#include "lsp/positions.hpp"
#include "lsp/server.hpp"

namespace sop::lsp {

namespace {

std::string uri_of(const nlohmann::json& params) {
  return params.at("textDocument").at("uri").get<std::string>();
}

}  // namespace

nlohmann::json Server::initialize(const nlohmann::json&) {
  initialized_ = true;
  nlohmann::json capabilities = {
      {"positionEncoding", "utf-16"},
      {"textDocumentSync", {{"openClose", true}, {"change", 1}}},  // full text on each change
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"completionProvider", {{"triggerCharacters", {"."}}}},
      {"documentSymbolProvider", true},
      {"documentFormattingProvider", true},
      {"codeLensProvider", {{"resolveProvider", false}}},
      {"executeCommandProvider", {{"commands", {k_run_tests_command}}}},
  };
  return {{"capabilities", capabilities}, {"serverInfo", {{"name", "sop"}}}};
}

nlohmann::json Server::shutdown(const nlohmann::json&) {
  shut_down_ = true;
  return nullptr;
}

void Server::initialized(const nlohmann::json&) {}

void Server::exit(const nlohmann::json&) {
  exited_ = true;
}

// Each document checked again gets its diagnostics.
void Server::publish(const std::vector<const Document*>& checked) {
  for (const Document* d : checked)
    send({{"jsonrpc", "2.0"},
          {"method", "textDocument/publishDiagnostics"},
          {"params", publish_diagnostics(*d)}});
}

void Server::did_open(const nlohmann::json& params) {
  const nlohmann::json& doc = params.at("textDocument");
  publish(workspace_.open(doc.at("uri").get<std::string>(), doc.at("text").get<std::string>(),
                          doc.value("version", int64_t{0})));
}

// Full text on each change, as the server asks; a client that sends ranges anyway has them
// applied in order.
void Server::did_change(const nlohmann::json& params) {
  std::string uri = uri_of(params);
  Document* d = workspace_.find(uri);
  if (!d) throw std::invalid_argument("`" + uri + "` is not open");
  std::string text = d->text;
  for (const nlohmann::json& change : params.at("contentChanges")) {
    std::string replacement = change.at("text").get<std::string>();
    if (!change.contains("range")) {
      text = std::move(replacement);
      continue;
    }
    uint32_t begin = offset_at(text, position_from_json(change["range"].at("start")));
    uint32_t end = offset_at(text, position_from_json(change["range"].at("end")));
    if (end < begin) throw std::invalid_argument("a change's range ends before it starts");
    text.replace(begin, end - begin, replacement);
  }
  publish(workspace_.open(uri, std::move(text),
                          params.at("textDocument").value("version", int64_t{0})));
}

void Server::did_close(const nlohmann::json& params) {
  std::string uri = uri_of(params);
  std::vector<const Document*> checked = workspace_.close(uri);
  // A closed file's diagnostics are cleared (LSP 3.17 §publishDiagnostics).
  send({{"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params", {{"uri", uri}, {"diagnostics", nlohmann::json::array()}}}});
  publish(checked);
}

const Document& Server::document(const nlohmann::json& params) {
  std::string uri = uri_of(params);
  const Document* d = workspace_.find(uri);
  if (!d) throw std::invalid_argument("`" + uri + "` is not open");
  return *d;
}

uint32_t Server::offset(const Document& d, const nlohmann::json& params) const {
  return offset_at(d.text, position_from_json(params.at("position")));
}

nlohmann::json Server::hover(const nlohmann::json& params) {
  const Document& d = document(params);
  return lsp::hover(d, offset(d, params));
}

nlohmann::json Server::definition(const nlohmann::json& params) {
  const Document& d = document(params);
  return lsp::definition(d, offset(d, params));
}

nlohmann::json Server::references(const nlohmann::json& params) {
  const Document& d = document(params);
  bool declaration =
      params.contains("context") && params["context"].value("includeDeclaration", false);
  return lsp::references(d, offset(d, params), declaration);
}

nlohmann::json Server::completion(const nlohmann::json& params) {
  const Document& d = document(params);
  return lsp::completion(d, offset(d, params));
}

nlohmann::json Server::document_symbols(const nlohmann::json& params) {
  return lsp::document_symbols(document(params));
}

nlohmann::json Server::format(const nlohmann::json& params) {
  return formatting(document(params));
}

nlohmann::json Server::code_lens(const nlohmann::json& params) {
  return code_lenses(document(params));
}

// `sop.runTests URI [TEST]`: the results, and a message the editor shows.
nlohmann::json Server::execute_command(const nlohmann::json& params) {
  std::string command = params.at("command").get<std::string>();
  if (command != k_run_tests_command)
    throw std::invalid_argument("unknown command `" + command + "`");
  const nlohmann::json& args = params.at("arguments");
  const Document* d = workspace_.find(args.at(0).get<std::string>());
  if (!d) throw std::invalid_argument("`" + args.at(0).get<std::string>() + "` is not open");
  std::string only = args.size() > 1 ? args.at(1).get<std::string>() : "";
  nlohmann::json result = run_tests(*d, only);
  send({{"jsonrpc", "2.0"},
        {"method", "window/showMessage"},
        {"params",
         {{"type", result["failed"].get<int>() == 0 && d->load.ok() ? 3 : 1},
          {"message", "sop test " + d->path + ": " + result["summary"].get<std::string>()}}}});
  return result;
}

}  // namespace sop::lsp
