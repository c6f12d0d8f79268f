#include "records/sha256.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "core/error.hpp"

namespace palpa::records {
namespace {

// OpenSSL's streaming digest, owned.
struct Digest {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
    Digest() {
        if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw Error("OpenSSL cannot start a SHA-256 digest");
    }
    void update(const void* data, std::size_t size) {
        if (EVP_DigestUpdate(ctx.get(), data, size) != 1) throw Error("OpenSSL SHA-256 update failed");
    }
    std::string hex() {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        if (EVP_DigestFinal_ex(ctx.get(), out, &len) != 1) throw Error("OpenSSL SHA-256 final failed");
        std::string text(len * 2, '0');
        for (unsigned int i = 0; i < len; ++i) std::snprintf(&text[i * 2], 3, "%02x", out[i]);
        return text;
    }
};

}  // namespace

std::string sha256Hex(std::string_view bytes) {
    Digest d;
    d.update(bytes.data(), bytes.size());
    return d.hex();
}

FileDigest digestFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string(), "", "cannot read the recording to fingerprint it");
    Digest d;
    FileDigest out;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        const std::streamsize n = in.gcount();
        if (n > 0) {
            d.update(buffer, static_cast<std::size_t>(n));
            out.size += n;
        }
    }
    if (in.bad()) throw InputError(path.string(), "", "read failed while fingerprinting");
    out.sha256 = d.hex();
    return out;
}

}  // namespace palpa::records
