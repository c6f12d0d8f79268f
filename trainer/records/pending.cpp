#include "records/pending.hpp"

#include <unistd.h>
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/file.hpp"
#include "core/log.hpp"

namespace palpa::records {
namespace {

using nlohmann::json;

json toJson(const PendingRecord& record) {
    if (const auto* a = std::get_if<AttemptRecord>(&record))
        return {{"kind", "attempt"},
                {"uid", a->uid},
                {"student", a->student},
                {"technique", a->technique},
                {"side", a->side},
                {"started_at", a->started_at},
                {"recording_path", a->recording_path},
                {"recording_sha256", a->recording_sha256},
                {"recording_size", a->recording_size},
                {"score", a->score},
                {"passed", a->passed},
                {"faults", a->faults},
                {"metrics", a->metrics_json},
                {"class_code", a->class_code}};
    if (const auto* q = std::get_if<QuizRecord>(&record))
        return {{"kind", "quiz"},         {"uid", q->uid},          {"student", q->student},
                {"quiz", q->quiz},        {"score", q->score},      {"max_score", q->max_score},
                {"items", q->items_json}, {"taken_at", q->taken_at}, {"class_code", q->class_code}};
    const auto& w = std::get<WalkthroughRecord>(record);
    return {{"kind", "walkthrough"},
            {"uid", w.uid},
            {"student", w.student},
            {"walkthrough", w.walkthrough},
            {"completed_at", w.completed_at}};
}

PendingRecord fromJson(const json& j) {
    const std::string kind = j.at("kind").get<std::string>();
    if (kind == "attempt") {
        AttemptRecord a;
        a.uid = j.at("uid").get<std::string>();
        a.student = j.at("student").get<std::string>();
        a.technique = j.at("technique").get<std::string>();
        a.side = j.at("side").get<std::string>();
        a.started_at = j.at("started_at").get<std::string>();
        a.recording_path = j.at("recording_path").get<std::string>();
        a.recording_sha256 = j.at("recording_sha256").get<std::string>();
        a.recording_size = j.at("recording_size").get<std::int64_t>();
        a.score = j.at("score").get<int>();
        a.passed = j.at("passed").get<bool>();
        a.faults = j.at("faults").get<std::vector<std::string>>();
        a.metrics_json = j.at("metrics").get<std::string>();
        if (j.contains("class_code")) a.class_code = j.at("class_code").get<std::string>();
        return a;
    }
    if (kind == "quiz")
        return QuizRecord{0,
                          j.at("uid").get<std::string>(),
                          j.at("student").get<std::string>(),
                          j.at("quiz").get<std::string>(),
                          j.at("score").get<double>(),
                          j.at("max_score").get<double>(),
                          j.at("items").get<std::string>(),
                          j.at("taken_at").get<std::string>(),
                          j.contains("class_code") ? j.at("class_code").get<std::string>() : std::string()};
    if (kind == "walkthrough")
        return WalkthroughRecord{
            0, j.at("uid").get<std::string>(), j.at("student").get<std::string>(),
            j.at("walkthrough").get<std::string>(), j.at("completed_at").get<std::string>()};
    throw std::runtime_error("unknown kind \"" + kind + "\"");
}

const std::string& uidOf(const PendingRecord& record) {
    return std::visit([](const auto& r) -> const std::string& { return r.uid; }, record);
}

}  // namespace

std::filesystem::path pendingDir() {
    return dataDir() / "pending";
}

std::filesystem::path writePending(const std::string& target, const PendingRecord& record) {
    json item = toJson(record);
    item["palpa_pending"] = 1;
    item["target"] = canonicalUrl(target);
    std::error_code ec;
    std::filesystem::create_directories(pendingDir(), ec);
    if (ec) throw Error("cannot create " + pendingDir().string() + ": " + ec.message());
    // Names sort by time; the uid keeps them unique.
    std::string stamp = nowUtc();
    std::replace(stamp.begin(), stamp.end(), ':', '-');
    const std::filesystem::path file = pendingDir() / (stamp + "-" + uidOf(record) + ".json");
    files::writeAtomic(file, item.dump(2) + "\n");
    std::filesystem::permissions(
        file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
    return file;
}

std::vector<PendingItem> readPending() {
    std::vector<PendingItem> items;
    std::error_code ec;
    if (!std::filesystem::is_directory(pendingDir(), ec)) return items;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(pendingDir(), ec))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        try {
            const json j = json::parse(files::readAll(file));
            if (j.value("palpa_pending", 0) != 1) throw std::runtime_error("not a pending item");
            items.push_back({file, j.at("target").get<std::string>(), fromJson(j)});
        } catch (const std::exception& e) {
            log::warn(file.string(), ": skipped, not a readable pending item (", e.what(), ")");
        }
    }
    return items;
}

int flushPending(Store& store, bool allTargets) {
    int stored = 0;
    for (const PendingItem& item : readPending()) {
        if (!allTargets && item.target != store.url()) continue;
        std::visit(
            [&store](const auto& r) {
                using T = std::decay_t<decltype(r)>;
                if constexpr (std::is_same_v<T, AttemptRecord>)
                    store.addAttempt(r);
                else if constexpr (std::is_same_v<T, QuizRecord>)
                    store.addQuizResult(r);
                else
                    store.addWalkthroughCompletion(r);
            },
            item.record);
        std::filesystem::remove(item.file);
        ++stored;
    }
    return stored;
}

}  // namespace palpa::records
