#pragma once
// Who made a decision, for the decision log: the CI environment's identifiers (read here, at the
// edge, and passed into the library), or the local user.
#include <map>
#include <string>

namespace vouch::cli {

std::map<std::string, std::string> ci_actor();

} // namespace vouch::cli
