#pragma once
// `sop lsp`: a language server over a pair of streams (standard input and output in use; string
// streams in the tests and the fuzz target). JSON-RPC 2.0 dispatch by method name to the
// features (lsp/features.hpp); the protocol's rules kept here: nothing but `initialize` before
// `initialize`, nothing but `exit` after `shutdown`, and every malformed message answered with
// an error response (id null when it has no usable id) while the server keeps running.
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace sop::lsp {

class Server {
 public:
  explicit Server(std::ostream& out) : out_(out) {}
  // Reads and handles messages until `exit` or the end of `in`. Returns the exit status: 0 after
  // `shutdown` then `exit`, 1 otherwise (LSP 3.17 §exit).
  int run(std::istream& in);
  // Handles one message body (the bytes after the header); false once `exit` has been handled.
  bool handle(std::string_view body);
  int exit_status() const { return shut_down_ ? 0 : 1; }

 private:
  using Request = nlohmann::json (Server::*)(const nlohmann::json& params);
  using Notification = void (Server::*)(const nlohmann::json& params);

  void dispatch(const nlohmann::json& message);
  void request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  void notify(const std::string& method, const nlohmann::json& params);
  void respond(const nlohmann::json& id, nlohmann::json result);
  void fail(const nlohmann::json& id, int code, const std::string& message);
  void send(const nlohmann::json& message);
  void publish(const std::vector<const Document*>& checked);

  // The document a request names; throws (answered as invalid params) when it is not open.
  const Document& document(const nlohmann::json& params);
  uint32_t offset(const Document& d, const nlohmann::json& params) const;

  nlohmann::json initialize(const nlohmann::json& params);
  nlohmann::json shutdown(const nlohmann::json& params);
  nlohmann::json hover(const nlohmann::json& params);
  nlohmann::json definition(const nlohmann::json& params);
  nlohmann::json references(const nlohmann::json& params);
  nlohmann::json completion(const nlohmann::json& params);
  nlohmann::json document_symbols(const nlohmann::json& params);
  nlohmann::json format(const nlohmann::json& params);
  nlohmann::json code_lens(const nlohmann::json& params);
  nlohmann::json execute_command(const nlohmann::json& params);

  void initialized(const nlohmann::json& params);
  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void exit(const nlohmann::json& params);

  static const std::map<std::string, Request, std::less<>>& requests();
  static const std::map<std::string, Notification, std::less<>>& notifications();

  std::ostream& out_;
  Workspace workspace_;
  bool initialized_ = false;
  bool shut_down_ = false;
  bool exited_ = false;
};

}  // namespace sop::lsp
