#include "lsp/server.hpp"

#include <istream>
#include <stdexcept>

#include "lsp/transport.hpp"

namespace sop::lsp {

namespace {

// JSON-RPC 2.0 and LSP 3.17 error codes.
constexpr int k_parse_error = -32700;
constexpr int k_invalid_request = -32600;
constexpr int k_method_not_found = -32601;
constexpr int k_invalid_params = -32602;
constexpr int k_internal_error = -32603;
constexpr int k_server_not_initialized = -32002;

bool valid_id(const nlohmann::json& id) {
  return id.is_string() || id.is_number_integer();
}

}  // namespace

int Server::run(std::istream& in) {
  for (;;) {
    Incoming m = read_message(in);
    if (m.kind == Incoming::Kind::end) break;
    if (m.kind == Incoming::Kind::bad_header) {
      fail(nullptr, k_parse_error, "malformed header: " + m.error);
      continue;
    }
    if (!handle(m.body)) break;
  }
  return exit_status();
}

bool Server::handle(std::string_view body) {
  nlohmann::json m = nlohmann::json::parse(body, nullptr, false);
  if (m.is_discarded()) {
    fail(nullptr, k_parse_error, "parse error: the message is not valid JSON");
  } else {
    dispatch(m);
  }
  return !exited_;
}

void Server::dispatch(const nlohmann::json& m) {
  if (!m.is_object()) return fail(nullptr, k_invalid_request, "invalid request: not a JSON object");
  auto id = m.find("id");
  if (id != m.end() && !valid_id(*id))
    return fail(nullptr, k_invalid_request, "invalid request: `id` must be an integer or a string");
  auto method = m.find("method");
  if (method == m.end()) {
    // A response to the server (it asks nothing that needs an answer), or nothing at all.
    if (id == m.end()) fail(nullptr, k_invalid_request, "invalid request: no `method`");
    return;
  }
  nlohmann::json no_id;
  if (!method->is_string())
    return fail(id == m.end() ? no_id : *id, k_invalid_request,
                "invalid request: `method` must be a string");
  auto params = m.find("params");
  const nlohmann::json& p = params == m.end() ? no_id : *params;
  if (id != m.end()) {
    request(*id, method->get<std::string>(), p);
  } else {
    notify(method->get<std::string>(), p);
  }
}

void Server::request(const nlohmann::json& id, const std::string& method,
                     const nlohmann::json& params) {
  if (!initialized_ && method != "initialize")
    return fail(id, k_server_not_initialized,
                "the server is not initialized: send `initialize` first");
  if (initialized_ && method == "initialize")
    return fail(id, k_invalid_request, "the server is already initialized");
  if (shut_down_)
    return fail(id, k_invalid_request, "the server is shut down: only `exit` is accepted");
  auto it = requests().find(method);
  if (it == requests().end())
    return fail(id, k_method_not_found, "unknown method `" + method + "`");
  try {
    respond(id, (this->*it->second)(params));
  } catch (const nlohmann::json::exception& e) {
    fail(id, k_invalid_params, std::string("invalid params: ") + e.what());
  } catch (const std::invalid_argument& e) {
    fail(id, k_invalid_params, std::string("invalid params: ") + e.what());
  } catch (const std::exception& e) {
    fail(id, k_internal_error, std::string("internal error: ") + e.what());
  }
}

// A notification has no answer, so what is wrong with one is logged to the client.
void Server::notify(const std::string& method, const nlohmann::json& params) {
  if (method == "exit") return exit(params);
  if (!initialized_ || shut_down_) return;
  auto it = notifications().find(method);
  if (it == notifications().end()) return;  // `$/cancelRequest`, `$/setTrace` and the like
  try {
    (this->*it->second)(params);
  } catch (const std::exception& e) {
    send(
        {{"jsonrpc", "2.0"},
         {"method", "window/logMessage"},
         {"params", {{"type", 1}, {"message", "sop lsp: `" + method + "` ignored: " + e.what()}}}});
  }
}

void Server::respond(const nlohmann::json& id, nlohmann::json result) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::fail(const nlohmann::json& id, int code, const std::string& message) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::send(const nlohmann::json& message) {
  write_message(out_, message);
}

const std::map<std::string, Server::Request, std::less<>>& Server::requests() {
  static const std::map<std::string, Request, std::less<>> table = {
      {"initialize", &Server::initialize},
      {"shutdown", &Server::shutdown},
      {"textDocument/hover", &Server::hover},
      {"textDocument/definition", &Server::definition},
      {"textDocument/references", &Server::references},
      {"textDocument/completion", &Server::completion},
      {"textDocument/documentSymbol", &Server::document_symbols},
      {"textDocument/formatting", &Server::format},
      {"textDocument/codeLens", &Server::code_lens},
      {"workspace/executeCommand", &Server::execute_command},
  };
  return table;
}

const std::map<std::string, Server::Notification, std::less<>>& Server::notifications() {
  static const std::map<std::string, Notification, std::less<>> table = {
      {"initialized", &Server::initialized},
      {"textDocument/didOpen", &Server::did_open},
      {"textDocument/didChange", &Server::did_change},
      {"textDocument/didClose", &Server::did_close},
  };
  return table;
}

}  // namespace sop::lsp
