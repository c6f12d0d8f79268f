// Role: turning a scored attempt into an AttemptRecord and storing it: storeAttempt() for one
// open store, AttemptRecorder for `palpa score --student`, which keeps attempts in the pending
// folder when the store cannot be reached and reports that once at the end.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "records/pending.hpp"
#include "records/store.hpp"
#include "scoring/verdict.hpp"

namespace palpa::records {

// The record of one scored attempt (digesting the recording file); startedAt "" means now.
AttemptRecord makeAttemptRecord(const std::string& student, const std::filesystem::path& recording,
                                const scoring::Result& result, const std::string& startedAt = "");

// Stores one scored attempt (committed on return); returns its id.
std::int64_t storeAttempt(Store& store, const std::string& student,
                          const std::filesystem::path& recording, const scoring::Result& result,
                          const std::string& startedAt = "");

// Stores one quiz result or walkthrough completion (uid and time filled when empty) in the
// store at `url` ("" = defaultStoreUrl()); returns the line to show. When the store cannot be
// reached the record is kept in the pending folder and palpa::Error (exit 1) says where.
std::string storeRecord(const std::string& url, PendingRecord record);

// Records a sequence of attempts in one store; each is committed before record() returns.
class AttemptRecorder {
  public:
    // Opens the store at `url` ("" = defaultStoreUrl()). A newer or foreign database throws
    // InputError at once; an unreachable one is remembered and attempts go to the pending folder.
    explicit AttemptRecorder(const std::string& url);
    ~AttemptRecorder();

    // Stores (or keeps pending) one attempt; returns the line to show the user.
    std::string record(const std::string& student, const std::filesystem::path& recording,
                       const scoring::Result& result, const std::string& startedAt,
                       const std::string& classCode = "");
    // Throws palpa::Error (exit 1) when some attempts were kept pending, naming the cause.
    void finish() const;

  private:
    std::string url_;
    std::unique_ptr<Store> store_;
    std::string failure_;  // why the store is unusable; "" while fine
    int kept_ = 0;         // attempts written to the pending folder
};

}  // namespace palpa::records
