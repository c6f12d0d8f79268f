// Role: SHA-256 (FIPS 180-4) of a file, so a stored attempt names exactly which recording
// it scored. Computed by OpenSSL (libcrypto).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace palpa::records {

// Lowercase hex SHA-256 of bytes.
std::string sha256Hex(std::string_view bytes);

// Lowercase hex SHA-256 of a file's bytes and its size; throws InputError when unreadable.
struct FileDigest {
    std::string sha256;
    std::int64_t size = 0;
};
FileDigest digestFile(const std::filesystem::path& path);

}  // namespace palpa::records
