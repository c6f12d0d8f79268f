#include "platform/stop.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace palpa::platform {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the stop flag is written from a signal handler");

extern "C" void onStopSignal(int sig) {
    int expected = 0;
    if (!g_signal.compare_exchange_strong(expected, sig)) _exit(128 + sig);  // the second one
    static const char kLine[] = "\npalpa: stopping (a second Ctrl-C ends it at once)\n";
    const ssize_t written = ::write(STDERR_FILENO, kLine, sizeof kLine - 1);
    (void)written;
}

}  // namespace

void installStopHandlers() {
    struct sigaction sa{};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a blocking read returns, the loop sees the flag
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

bool stopRequested() { return g_signal.load() != 0; }

int stopSignal() { return g_signal.load(); }

int stopExitStatus() {
    const int sig = g_signal.load();
    return sig == 0 ? 0 : 128 + sig;
}

void clearStop() { g_signal.store(0); }

}  // namespace palpa::platform
