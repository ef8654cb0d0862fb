#pragma once
// `file:` URIs, as editors name documents, and the paths the loader reads (RFC 8089, with the
// percent-encoding of RFC 3986).
#include <string>
#include <string_view>

namespace sop::lsp {

// The absolute path a `file://` URI names, percent-decoded; "" for any other URI.
std::string path_from_uri(std::string_view uri);
// The `file://` URI of `path` (made absolute and normalised), percent-encoding what must be.
std::string uri_from_path(const std::string& path);

}  // namespace sop::lsp
