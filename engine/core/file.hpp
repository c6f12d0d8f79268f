// Role: whole-file reads and atomic writes. Failures throw palpa::Error naming the path.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace palpa::files {

// Reads a whole file as bytes; throws InputError (file, "", reason) when it cannot be read.
std::string readAll(const std::filesystem::path& path);
// Writes bytes to path through a temporary file and rename, so readers never see half a file.
void writeAtomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace palpa::files
