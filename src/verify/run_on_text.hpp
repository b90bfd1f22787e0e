#pragma once
// verify::run over envelope bytes already read (or the error reading them), so the co-signer
// checks exactly the bytes it then extends.
#include <string>
#include <vouch/util/result.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::verify {

Report run_on_text(const Request& request, const Result<std::string>& text);

} // namespace vouch::verify
