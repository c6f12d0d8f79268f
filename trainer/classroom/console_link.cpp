#include "classroom/console_link.hpp"

#include <chrono>
#include <map>

#include "core/error.hpp"

namespace palpa::classroom {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

ConsoleLink::ConsoleLink(std::string url, std::string code, std::size_t steps, std::vector<std::string> structures)
    : url_(std::move(url)), code_(std::move(code)), steps_(steps), structures_(std::move(structures)) {
    // A console opened while the server restarts (or cuts every connection) waits for it.
    const std::optional<records::ClassRecord> cls = records::retryWhileUnavailable([this] {
        first_ = records::openClassStore(url_);
        std::optional<records::ClassRecord> found = first_->find(code_);
        if (found) state_.members = first_->members(code_);
        return found;
    });
    if (!cls) throw InputError("class", "", "the code of a class in " + first_->displayName() + " (there is no class " + code_ + ")");
    state_.cls = *cls;
    if (!cls->console_at.empty() && secondsBetween(cls->console_at, records::nowUtc()) < 5.0)
        state_.said.push_back("another console was live a moment ago; this one takes the class over");
    thread_ = std::thread([this] { run(); });
}

ConsoleLink::~ConsoleLink() {
    stop_ = true;
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

ConsoleLink::Snapshot ConsoleLink::snapshot() {
    std::lock_guard lock(mutex_);
    Snapshot out = state_;
    state_.said.clear();
    return out;
}

void ConsoleLink::command(const Command& command) {
    std::lock_guard lock(mutex_);
    queue_.push_back(command);
    wake_.notify_all();
}

bool ConsoleLink::settle(int ms) {
    std::unique_lock lock(mutex_);
    return settled_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return queue_.empty() && !applying_; });
}

void ConsoleLink::run() {
    std::unique_ptr<records::ClassStore> store = std::move(first_);
    auto lastSeen = Clock::now() - std::chrono::hours(1), lastRead = lastSeen;
    std::map<std::string, bool> unsafe;
    int backoffMs = 250;
    bool pending = true;
    const auto say = [this](std::string line) {
        std::lock_guard lock(mutex_);
        state_.said.push_back(std::move(line));
    };
    while (!stop_) {
        try {
            if (!store) {
                store = records::openClassStore(url_);
                {
                    std::lock_guard lock(mutex_);
                    state_.connected = true;
                }
                say("connected again");
                backoffMs = 250;
                pending = true;
            }
            std::deque<Command> commands;
            {
                std::lock_guard lock(mutex_);
                commands.swap(queue_);
                applying_ = !commands.empty();
            }
            for (; !commands.empty(); commands.pop_front()) {
                std::optional<records::ClassRecord> cls = store->find(code_);  // another console may have moved it
                if (!cls) break;
                try {
                    const std::string said = apply(*cls, commands.front(), steps_, structures_);
                    cls->version = store->update(*cls);
                    std::lock_guard lock(mutex_);
                    state_.cls = *cls;
                    state_.said.push_back(said + " (v" + std::to_string(cls->version) + ")");
                    ++state_.commands;
                } catch (const InputError& e) {
                    say(e.what());
                } catch (...) {
                    // The database went away: the rest are not sent (the instructor gives them
                    // again once connected; applied late they could surprise the class).
                    say(std::to_string(commands.size()) + " command(s) not sent (no database); give them again once connected");
                    commands.clear();
                    {
                        std::lock_guard lock(mutex_);
                        applying_ = false;
                    }
                    settled_.notify_all();
                    throw;
                }
            }
            {
                std::lock_guard lock(mutex_);
                applying_ = false;
            }
            settled_.notify_all();
            std::int64_t version;
            {
                std::lock_guard lock(mutex_);
                version = state_.cls.version;
            }
            if (store->waitForChange(code_, version, 50, true)) pending = true;
            if (!pending && Clock::now() - lastRead < std::chrono::seconds(1)) continue;
            if (Clock::now() - lastRead < std::chrono::milliseconds(100)) continue;  // at most 10 reads a second
            pending = false;
            lastRead = Clock::now();
            std::optional<records::ClassRecord> cls = store->find(code_);
            std::vector<records::MemberRecord> members = store->members(code_);
            if (cls && cls->version != version)  // another console or `palpa class control`
                say("the class moved: step " + std::to_string(cls->step + 1) + "/" + std::to_string(steps_) + ", " +
                    records::modeName(cls->mode) + (cls->paused ? ", paused" : "") + " (v" + std::to_string(cls->version) + ")");
            const std::string now = records::nowUtc();
            for (const records::MemberRecord& m : members) {
                const bool nowUnsafe = m.unsafe && secondsBetween(m.seen_at, now) < kConnectedSeconds;
                if (nowUnsafe && !unsafe[m.student]) say("!! " + m.student + " is pressing unsafely (" + liveFromJson(m.live).cue + ")");
                unsafe[m.student] = nowUnsafe;
            }
            {
                std::lock_guard lock(mutex_);
                if (cls) state_.cls = *cls;
                state_.members = std::move(members);
                ++state_.refreshes;
            }
            if (Clock::now() - lastSeen >= std::chrono::seconds(2)) {
                store->consoleSeen(code_);
                lastSeen = Clock::now();
            }
        } catch (const std::exception& e) {
            if (store) say(std::string(e.what()) + "; trying again");
            store.reset();
            {
                std::lock_guard lock(mutex_);
                state_.connected = false;
            }
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(backoffMs), [this] { return stop_.load(); });
            backoffMs = std::min(2000, backoffMs * 2);
        }
    }
}

}  // namespace palpa::classroom
