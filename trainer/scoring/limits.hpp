// Role: the plausibility limits on what palpa reads from files, in one place (documented in
// docs/recording-format.md and docs/technique-format.md). A value past one is refused with the
// usual one-line error naming the file, the place and the limit; values are checked as the type
// they are stored in (a double that overflows a float is refused, not turned into infinity).
#pragma once

#include <cstddef>

namespace palpa::scoring::limits {

inline constexpr double kMaxCoordinate = 10.0;      // m: a joint this far from the navel is not a hand on a patient
inline constexpr double kMaxJointRadius = 0.05;     // m
inline constexpr double kQuaternionTolerance = 0.05;  // a joint's orientation: |q| within 1 +/- this
inline constexpr double kMaxTime = 86400.0;         // s: a recording lasts under a day
inline constexpr double kMaxBreathCm = 10.0;        // cm of recorded breath swell
inline constexpr std::size_t kMaxIdLength = 64;     // technique ids: letters, digits, '.', '_', '-'
inline constexpr double kMaxFilterHz = 1000.0;      // One Euro filter cut-offs
inline constexpr double kMaxFilterBeta = 1000.0;

// Whether `id` is a plausible technique id (it names a file: no separators, bounded length).
bool plausibleId(const char* id, std::size_t length);

}  // namespace palpa::scoring::limits
