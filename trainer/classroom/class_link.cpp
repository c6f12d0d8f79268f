#include "classroom/class_link.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/log.hpp"

namespace palpa::classroom {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

ClassLink::ClassLink(Options options) : options_(std::move(options)) {
    const std::optional<std::string> code = normalizeCode(options_.code);
    if (!code)
        throw InputError("--class", "", "a 6-character join code such as K7QF2M (got \"" + options_.code + "\")");
    options_.code = *code;
    first_ = records::openClassStore(options_.url);
    const std::optional<records::ClassRecord> cls = first_->find(options_.code);
    if (!cls) throw InputError("--class", "", "the code of a class in " + first_->displayName() + " (there is no class " + options_.code + ")");
    const std::string now = records::nowUtc();
    if (cls->mode == records::ClassMode::Ended)
        throw InputError("--class", "", "a class that is still on (class " + options_.code + " has ended)");
    // A student who was in the class already may come back after the code expires.
    bool member = false;
    for (const records::MemberRecord& m : first_->members(options_.code)) member = member || m.student == options_.student;
    if (!member && codeExpired(*cls, now))
        throw InputError("--class", "", "a join code still valid (" + options_.code + " expired at " + cls->expires_at + ")");
    class_ = *cls;
    joined_at_ = now;
    send(*first_);
    thread_ = std::thread([this] { run(); });
}

ClassLink::~ClassLink() {
    stop_ = true;
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

records::ClassRecord ClassLink::current() const {
    std::lock_guard lock(mutex_);
    return class_;
}

std::optional<records::ClassRecord> ClassLink::changed() {
    std::lock_guard lock(mutex_);
    if (class_.version == taken_) return std::nullopt;
    taken_ = class_.version;
    return class_;
}

void ClassLink::setLive(const LiveState& live) {
    std::lock_guard lock(mutex_);
    if (live.unsafe && !live_.unsafe) {
        urgent_ = true;
        wake_.notify_all();
    }
    live_ = live;
}

std::string ClassLink::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

void ClassLink::reload(records::ClassStore& store) {
    const std::optional<records::ClassRecord> cls = store.find(options_.code);
    if (!cls) return;
    std::lock_guard lock(mutex_);
    if (cls->version != class_.version)
        latency_ms_ = secondsBetween(cls->updated_at, records::nowUtc()) * 1000.0;
    class_ = *cls;
}

void ClassLink::send(records::ClassStore& store) {
    records::MemberRecord m;
    {
        std::lock_guard lock(mutex_);
        m.student = options_.student;
        m.joined_at = joined_at_;
        m.version = class_.version;
        m.step = class_.step;
        m.live = toJson(live_);
        m.unsafe = live_.unsafe;
        urgent_ = false;
    }
    store.report(options_.code, m);
}

void ClassLink::run() {
    std::unique_ptr<records::ClassStore> store = std::move(first_);
    const auto period = std::chrono::duration<double>(1.0 / std::max(0.2, options_.report_hz));
    auto lastSent = Clock::now();
    int backoffMs = 250;
    while (!stop_) {
        try {
            if (!store) {
                store = records::openClassStore(options_.url);
                reload(*store);  // what changed while we were away
                send(*store);
                connected_ = true;
                backoffMs = 250;
                {
                    std::lock_guard lock(mutex_);
                    problem_.clear();
                }
                log::info("class ", options_.code, ": connected again");
            }
            std::int64_t version;
            {
                std::lock_guard lock(mutex_);
                version = class_.version;
            }
            if (store->waitForChange(options_.code, version, 100)) reload(*store);
            bool urgent;
            {
                std::lock_guard lock(mutex_);
                urgent = urgent_;
            }
            if (urgent || Clock::now() - lastSent >= period) {
                send(*store);
                lastSent = Clock::now();
            }
        } catch (const std::exception& e) {
            if (connected_) ++reconnects_;
            connected_ = false;
            store.reset();
            {
                std::lock_guard lock(mutex_);
                problem_ = e.what();
            }
            log::warn("class ", options_.code, ": ", e.what(), "; trying again in ", backoffMs, " ms");
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(backoffMs), [this] { return stop_.load(); });
            backoffMs = std::min(2000, backoffMs * 2);
        }
    }
    if (store) {
        try {
            send(*store);  // the last state, so the console sees where this student stopped
        } catch (const std::exception&) {
        }
    }
}

}  // namespace palpa::classroom
