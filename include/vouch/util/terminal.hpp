#pragma once
// Colour only on a terminal and only when NO_COLOR is unset (https://no-color.org).
#include <cstdio>

namespace vouch::util {

bool use_color(std::FILE* stream);

} // namespace vouch::util
