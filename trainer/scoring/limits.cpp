#include "scoring/limits.hpp"

namespace palpa::scoring::limits {

bool plausibleId(const char* id, std::size_t length) {
    if (length == 0 || length > kMaxIdLength) return false;
    for (std::size_t i = 0; i < length; ++i) {
        const char c = id[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) return false;
    }
    return id[0] != '.';
}

}  // namespace palpa::scoring::limits
