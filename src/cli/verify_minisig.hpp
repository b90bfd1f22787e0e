#pragma once
// `vouch verify ARTIFACT --minisig SIGFILE --pub KEY...`: the CLI glue for minisign signatures,
// called by cmd_verify.cpp when --minisig is given.
#include <string>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::cli {

// Loads the trusted public keys (an unreadable or malformed key file is an input error, exit 3),
// verifies `sig` (ARTIFACT.minisig when empty) over `artifact`, prints the verified trusted
// comment ("table") or a JSON object ("json"), and returns exit 0 — or exit 1 for every failure
// the artifact or the signature can cause (missing, malformed, tampered, other key, legacy "Ed"
// without `allow_legacy`).
Result<int> run_verify_minisig(const std::string& artifact, const std::string& sig,
                               const std::vector<std::string>& pubs, bool allow_legacy,
                               const std::string& format);

} // namespace vouch::cli
