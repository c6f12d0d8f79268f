// Role: a student's live link to a class. A thread holds its own connection to the class
// store, waits for the instructor's changes (LISTEN/NOTIFY on PostgreSQL, polling on SQLite),
// keeps the latest class state for the frame loop to take, sends the student's live state a
// few times a second, and after a dropped connection or a server restart reconnects and reads
// the state again, so a student who was cut off catches up. The frame loop never waits on it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "classroom/classroom.hpp"
#include "records/class_store.hpp"

namespace palpa::classroom {

class ClassLink {
  public:
    struct Options {
        std::string url;      // the progress database
        std::string code;     // the join code, as typed
        std::string student;  // who joins
        double report_hz = 4.0;
    };

    // Joins: reads the class and adds the student to it. Throws InputError for a code that
    // names no class, has expired or whose class has ended, and StoreUnavailable when the
    // database cannot be reached; then follows the class on its own thread.
    explicit ClassLink(Options options);
    ~ClassLink();  // says goodbye (one last report) when it can, and stops the thread
    ClassLink(const ClassLink&) = delete;
    ClassLink& operator=(const ClassLink&) = delete;

    // The class as last read.
    records::ClassRecord current() const;
    // The class when it changed since the last call (once per change).
    std::optional<records::ClassRecord> changed();
    // What the student is doing now; sent at report_hz (and at once when it turns unsafe).
    void setLive(const LiveState& live);
    // Whether the link is connected now, and why not when it is not.
    bool connected() const { return connected_; }
    std::string problem() const;
    // Milliseconds from the instructor's change to its arrival here, for the last change.
    double lastLatencyMs() const { return latency_ms_; }
    int reconnects() const { return reconnects_; }

  private:
    void run();
    void reload(records::ClassStore& store);
    void send(records::ClassStore& store);

    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    records::ClassRecord class_;
    std::int64_t taken_ = 0;  // the version changed() last handed out
    LiveState live_;
    bool urgent_ = false;     // an unsafe state to send at once
    std::string problem_;
    std::string joined_at_;
    std::atomic<bool> stop_{false}, connected_{true};
    std::atomic<double> latency_ms_{0.0};
    std::atomic<int> reconnects_{0};
    std::unique_ptr<records::ClassStore> first_;  // the joining connection, handed to the thread
    std::thread thread_;
};

}  // namespace palpa::classroom
