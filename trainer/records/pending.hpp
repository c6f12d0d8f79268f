// Role: the pending folder (dataDir()/pending/*.json): items that could not be stored because
// their store was unreachable, each a JSON file naming its target store. They are stored by
// `palpa records sync` or when their store is next opened, and deleted once committed (a
// uid makes storing twice harmless).
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "records/store.hpp"

namespace palpa::records {

using PendingRecord = std::variant<AttemptRecord, QuizRecord, WalkthroughRecord>;

struct PendingItem {
    std::filesystem::path file;
    std::string target;  // canonical store URL it was meant for
    PendingRecord record;
};

// dataDir()/pending.
std::filesystem::path pendingDir();
// Writes an item for `target` (any store URL) atomically; returns its file.
std::filesystem::path writePending(const std::string& target, const PendingRecord& record);
// The pending items, oldest first; a malformed file is skipped with a warning.
std::vector<PendingItem> readPending();
// Stores the pending items meant for `store` (every item when allTargets) and deletes their
// files; returns how many were stored. Throws when storing fails (items not yet stored stay).
int flushPending(Store& store, bool allTargets);

}  // namespace palpa::records
