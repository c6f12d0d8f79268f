// Role: minimal levelled logging to stderr. Level from PALPA_LOG (error|warn|info|debug),
// default info. Thread-safe; no allocation when a message is filtered out.
#pragma once

#include <sstream>
#include <string_view>

namespace palpa::log {

enum class Level { Error = 0, Warn = 1, Info = 2, Debug = 3 };

// Current threshold; messages above it are dropped.
Level threshold();
// Overrides the threshold (tests and --quiet/--verbose flags).
void setThreshold(Level level);
// Writes one line "palpa: <level>: message" to stderr when level passes the threshold.
void write(Level level, std::string_view message);

template <typename... Args>
void emit(Level level, const Args&... args) {
    if (static_cast<int>(level) > static_cast<int>(threshold())) return;
    std::ostringstream out;
    (out << ... << args);
    write(level, out.str());
}
template <typename... Args> void error(const Args&... a) { emit(Level::Error, a...); }
template <typename... Args> void warn(const Args&... a) { emit(Level::Warn, a...); }
template <typename... Args> void info(const Args&... a) { emit(Level::Info, a...); }
template <typename... Args> void debug(const Args&... a) { emit(Level::Debug, a...); }

}  // namespace palpa::log
