#pragma once
// The common ending of vouch check / report / licenses / lint: write the rendered output, print
// the warnings (escaped) and the failure line, pick the exit code.
#include <string>
#include <vouch/check/run.hpp>
#include <vouch/util/result.hpp>

namespace vouch::cli {

// Writes out.rendered to stdout, or atomically to output_file when it is not empty.
Result<int> finish_check_output(const check::Output& out, const std::string& output_file,
                                const char* what);

} // namespace vouch::cli
