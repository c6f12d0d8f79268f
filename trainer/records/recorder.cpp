#include "records/recorder.hpp"

#include <type_traits>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "records/pending.hpp"
#include "records/sha256.hpp"
#include "scoring/report.hpp"

namespace palpa::records {

AttemptRecord makeAttemptRecord(const std::string& student, const std::filesystem::path& recording,
                                const scoring::Result& result, const std::string& startedAt) {
    if (student.empty()) throw InputError("--student", "", "the student name is empty");
    AttemptRecord a;
    a.uid = newUid();
    a.student = student;
    a.technique = result.technique;
    a.side = std::string(scoring::sideName(result.side));
    a.started_at = startedAt.empty() ? nowUtc() : startedAt;
    a.recording_path = std::filesystem::absolute(recording).lexically_normal().string();
    const FileDigest digest = digestFile(recording);
    a.recording_sha256 = digest.sha256;
    a.recording_size = digest.size;
    a.score = result.score;
    a.passed = result.passed;
    a.faults = scoring::faultCodes(result.faults);
    const nlohmann::json report = nlohmann::json::parse(scoring::formatJsonReport(result));
    a.metrics_json = report.at("metrics").dump();
    return a;
}

std::int64_t storeAttempt(Store& store, const std::string& student,
                          const std::filesystem::path& recording, const scoring::Result& result,
                          const std::string& startedAt) {
    return store.addAttempt(makeAttemptRecord(student, recording, result, startedAt));
}

AttemptRecorder::AttemptRecorder(const std::string& url)
    : url_(url.empty() ? defaultStoreUrl() : url) {
    try {
        store_ = openStore(url_);
    } catch (const InputError&) {
        throw;
    } catch (const Error& e) {
        failure_ = e.what();
    }
}

AttemptRecorder::~AttemptRecorder() = default;

std::string AttemptRecorder::record(const std::string& student,
                                    const std::filesystem::path& recording,
                                    const scoring::Result& result, const std::string& startedAt,
                                    const std::string& classCode) {
    AttemptRecord attempt = makeAttemptRecord(student, recording, result, startedAt);
    attempt.class_code = classCode;
    if (store_) {
        try {
            const std::int64_t id = store_->addAttempt(attempt);
            return "stored attempt #" + std::to_string(id) + " for " + student + " in " +
                   store_->displayName();
        } catch (const InputError&) {
            throw;
        } catch (const Error& e) {
            failure_ = e.what();
            store_.reset();
        }
    }
    const std::filesystem::path file = writePending(url_, attempt);
    ++kept_;
    return "kept attempt for " + student + " in " + file.string() +
           " (store it later: palpa records sync)";
}

std::string storeRecord(const std::string& url, PendingRecord record) {
    std::visit([](auto& r) {
        if (r.uid.empty()) r.uid = newUid();
    }, record);
    if (auto* q = std::get_if<QuizRecord>(&record); q && q->taken_at.empty()) q->taken_at = nowUtc();
    if (auto* w = std::get_if<WalkthroughRecord>(&record); w && w->completed_at.empty()) w->completed_at = nowUtc();
    const std::string target = url.empty() ? defaultStoreUrl() : url;
    try {
        std::unique_ptr<Store> store = openStore(target);
        const std::int64_t id = std::visit(
            [&store](const auto& r) -> std::int64_t {
                using T = std::decay_t<decltype(r)>;
                if constexpr (std::is_same_v<T, QuizRecord>) return store->addQuizResult(r);
                else if constexpr (std::is_same_v<T, WalkthroughRecord>) return store->addWalkthroughCompletion(r);
                else return store->addAttempt(r);
            },
            record);
        return "stored #" + std::to_string(id) + " in " + store->displayName();
    } catch (const StoreUnavailable& e) {
        const std::filesystem::path file = writePending(target, record);
        throw Error(std::string(e.what()) + "; kept in " + file.string() + " to store later (palpa records sync)");
    }
}

void AttemptRecorder::finish() const {
    if (kept_ == 0) return;
    throw Error(failure_ + "; kept " + std::to_string(kept_) + " attempt(s) in " +
                pendingDir().string() + " to store later (palpa records sync)");
}

}  // namespace palpa::records
