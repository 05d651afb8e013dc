// SPDX-License-Identifier: MIT
// The largest time Rapport accepts from any input (EAF TIME_VALUE, intervals CSV).
#pragma once

#include <cstdint>

namespace rapport {

/// 2^53 - 1 ms (about 285,000 years): every accepted time, and every sum or difference of two,
/// is exact in a double and far from int64 overflow in the measures' arithmetic (gamma shifts
/// intervals over the continuum; lengths are summed).
inline constexpr std::int64_t max_time_ms = (std::int64_t{1} << 53) - 1;

}  // namespace rapport
