#pragma once
// The NEXT_PUBLIC_* variables of this process (in CI: the values the build inlined into its
// client bundles), read here at the edge for the inspection of `vouch inspect` and `vouch sign`.
#include <string>
#include <utility>
#include <vector>

namespace vouch::cli {

std::vector<std::pair<std::string, std::string>> next_public_environment();

} // namespace vouch::cli
