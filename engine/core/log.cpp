#include "core/log.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace palpa::log {
namespace {

Level fromEnvironment() {
    const char* env = std::getenv("PALPA_LOG");
    if (!env) return Level::Info;
    const std::string v(env);
    if (v == "error") return Level::Error;
    if (v == "warn") return Level::Warn;
    if (v == "debug") return Level::Debug;
    return Level::Info;
}

std::atomic<int>& level() {
    static std::atomic<int> value{static_cast<int>(fromEnvironment())};
    return value;
}

const char* name(Level l) {
    switch (l) {
        case Level::Error: return "error";
        case Level::Warn: return "warning";
        case Level::Info: return "info";
        case Level::Debug: return "debug";
    }
    return "?";
}

}  // namespace

Level threshold() { return static_cast<Level>(level().load(std::memory_order_relaxed)); }

void setThreshold(Level l) { level().store(static_cast<int>(l), std::memory_order_relaxed); }

void write(Level l, std::string_view message) {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    std::fprintf(stderr, "palpa: %s: %.*s\n", name(l), static_cast<int>(message.size()),
                 message.data());
}

}  // namespace palpa::log
