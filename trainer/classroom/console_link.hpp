// Role: the instructor's live link to a class for a window that must never wait on the
// network: a thread holds its own connection to the class store, applies the commands the
// window queues (next, pause, point, ...) and stores them, keeps the newest class state and
// table of students for the window to take each frame, notes the console in the class, and
// reconnects after a dropped connection or a server restart.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "classroom/classroom.hpp"
#include "records/class_store.hpp"

namespace palpa::classroom {

class ConsoleLink {
  public:
    // Reads the class (InputError when `code` names none; StoreUnavailable when the database
    // cannot be reached), then follows it on its own thread. `steps`: the tour's; `structures`:
    // the names a point may use.
    ConsoleLink(std::string url, std::string code, std::size_t steps, std::vector<std::string> structures);
    ~ConsoleLink();
    ConsoleLink(const ConsoleLink&) = delete;
    ConsoleLink& operator=(const ConsoleLink&) = delete;

    struct Snapshot {
        records::ClassRecord cls;
        std::vector<records::MemberRecord> members;
        bool connected = true;
        std::vector<std::string> said;  // what happened since the last snapshot, a line each
        int commands = 0, refreshes = 0;
    };
    // The newest state; the lines said since the last call move out with it.
    Snapshot snapshot();
    // Queues a command; its outcome is said in a later snapshot.
    void command(const Command& command);
    // Waits until every command queued so far has been applied or refused (or `ms` passed);
    // false on the timeout (the database away).
    bool settle(int ms);

  private:
    void run();

    std::string url_, code_;
    std::size_t steps_;
    std::vector<std::string> structures_;
    std::mutex mutex_;
    std::condition_variable wake_;
    Snapshot state_;
    std::deque<Command> queue_;
    bool applying_ = false;  // commands taken from the queue, not yet applied
    std::condition_variable settled_;
    std::unique_ptr<records::ClassStore> first_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace palpa::classroom
