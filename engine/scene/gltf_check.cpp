#include "scene/gltf_check.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json_reader.hpp"

namespace palpa::scene {
namespace {

using json = JsonReader::json;
namespace fs = std::filesystem;

constexpr std::uint64_t kMaxFile = 1ull << 31;       // 2 GiB: the largest model palpa reads
constexpr std::uint64_t kMaxJson = 64ull << 20;      // 64 MiB of glTF JSON
constexpr std::uint64_t kMaxCount = 1ull << 28;      // elements in one accessor
constexpr double kMaxMatrixEntry = 1e6;              // a node transform's entries (model units)

// What Assimp 5.2's glTF 2 importer understands; a file requiring anything else is refused.
constexpr std::array<const char*, 8> kKnownRequired{
    "KHR_materials_pbrSpecularGlossiness", "KHR_materials_unlit", "KHR_texture_transform",
    "KHR_materials_sheen", "KHR_materials_clearcoat", "KHR_materials_transmission",
    "KHR_materials_volume", "KHR_materials_ior"};

struct Reader {
    std::string file;
    [[noreturn]] void fail(const std::string& place, const std::string& problem) const {
        throw InputError(file, place, problem);
    }
};

std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

std::string at(const std::string& array, std::size_t i) { return array + "[" + std::to_string(i) + "]"; }

// A non-negative integer field within [lo, hi].
std::uint64_t integer(const Reader& r, const json& obj, const std::string& place, const char* key, std::uint64_t lo,
                      std::uint64_t hi, std::optional<std::uint64_t> fallback = std::nullopt) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (fallback) return *fallback;
        r.fail(place + "." + key, "missing");
    }
    if (!it->is_number_integer() || (it->is_number_integer() && !it->is_number_unsigned() && it->get<std::int64_t>() < 0))
        r.fail(place + "." + key, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    const std::uint64_t v = it->get<std::uint64_t>();
    if (v < lo || v > hi)
        r.fail(place + "." + key, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                                      ", got " + std::to_string(v));
    return v;
}

std::size_t componentSize(std::uint64_t type) {
    switch (type) {
        case 5120: case 5121: return 1;
        case 5122: case 5123: return 2;
        case 5125: case 5126: return 4;
        default: return 0;
    }
}

std::size_t components(const std::string& type) {
    static const std::array<std::pair<const char*, std::size_t>, 7> kTypes{
        {{"SCALAR", 1}, {"VEC2", 2}, {"VEC3", 3}, {"VEC4", 4}, {"MAT2", 4}, {"MAT3", 9}, {"MAT4", 16}}};
    for (const auto& [name, n] : kTypes)
        if (type == name) return n;
    return 0;
}

// Base64 (a data: URI's payload) to bytes; nullopt when malformed.
std::optional<std::vector<unsigned char>> base64(std::string_view s) {
    std::vector<unsigned char> out;
    out.reserve(s.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+') v = 62;
        else if (c == '/') v = 63;
        else if (c == '=') break;
        else return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<unsigned char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

}  // namespace

void checkGltf(const fs::path& model) {
    std::string ext = model.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const Reader r{model.string()};
    std::error_code ec;
    const std::uint64_t size = fs::file_size(model, ec);
    if (ec) return;  // the loader reports a missing or unreadable file itself
    std::ifstream in(model, std::ios::binary);
    if (!in) return;
    std::array<unsigned char, 20> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    const bool glb = in.gcount() >= 12 && std::memcmp(head.data(), "glTF", 4) == 0;
    if (!glb && ext != ".gltf") return;
    if (size > kMaxFile) r.fail("", "is " + std::to_string(size) + " bytes, larger than the 2 GiB palpa reads");

    std::string text;
    std::vector<unsigned char> bin;
    bool haveBin = false;
    if (glb) {
        if (in.gcount() < 20) r.fail("header", "a .glb needs a 12-byte header and a JSON chunk");
        if (u32(head.data() + 4) != 2) r.fail("header.version", "expected glTF version 2, got " + std::to_string(u32(head.data() + 4)));
        if (u32(head.data() + 8) != size)
            r.fail("header.length", "says " + std::to_string(u32(head.data() + 8)) + " bytes, the file has " + std::to_string(size));
        const std::uint64_t jsonLength = u32(head.data() + 12);
        if (u32(head.data() + 16) != 0x4E4F534Au) r.fail("chunk 0", "expected the JSON chunk first");
        if (jsonLength > size - 20 || jsonLength > kMaxJson)
            r.fail("chunk 0.length", std::to_string(jsonLength) + " bytes, past the end of the file or over 64 MiB");
        text.resize(jsonLength);
        in.read(text.data(), static_cast<std::streamsize>(jsonLength));
        const std::uint64_t next = 20 + ((jsonLength + 3) & ~std::uint64_t{3});
        if (next + 8 <= size) {
            std::array<unsigned char, 8> chunk{};
            in.seekg(static_cast<std::streamoff>(next));
            in.read(reinterpret_cast<char*>(chunk.data()), 8);
            const std::uint64_t binLength = u32(chunk.data());
            if (u32(chunk.data() + 4) == 0x004E4942u) {
                if (binLength > size - next - 8) r.fail("chunk 1.length", std::to_string(binLength) + " bytes, past the end of the file");
                bin.resize(binLength);
                in.read(reinterpret_cast<char*>(bin.data()), static_cast<std::streamsize>(binLength));
                haveBin = true;
            }
        }
    } else {
        if (size > kMaxJson) r.fail("", "a .gltf over 64 MiB");
        text.resize(size);
        in.seekg(0);
        in.read(text.data(), static_cast<std::streamsize>(size));
    }
    const JsonReader jr(model.string());
    const json doc = jr.parse(text);
    if (!doc.is_object()) r.fail("top level", "expected a glTF object");

    if (auto req = doc.find("extensionsRequired"); req != doc.end()) {
        if (!req->is_array()) r.fail("extensionsRequired", "expected an array of names");
        for (std::size_t i = 0; i < req->size(); ++i) {
            const json& e = (*req)[i];
            if (!e.is_string()) r.fail(at("extensionsRequired", i), "expected a name");
            const std::string name = e.get<std::string>();
            if (std::none_of(kKnownRequired.begin(), kKnownRequired.end(), [&](const char* k) { return name == k; }))
                r.fail(at("extensionsRequired", i), "\"" + name + "\" is not an extension palpa's loader supports");
        }
    }

    // Buffers: their bytes where palpa can read them (the GLB's BIN chunk, a data: URI, a file
    // beside the model), for the index check.
    const fs::path folder = fs::weakly_canonical(fs::absolute(model).parent_path(), ec);
    std::vector<std::uint64_t> bufferLength;
    std::vector<std::vector<unsigned char>> bufferBytes;
    // A top-level array (an empty one when absent).
    const json empty = json::array();
    const auto arrayOf = [&](const char* key) -> const json& {
        auto it = doc.find(key);
        if (it == doc.end()) return empty;
        if (!it->is_array()) r.fail(key, "expected an array");
        return *it;
    };
    const json& buffers = arrayOf("buffers");
    for (std::size_t i = 0; i < buffers.size(); ++i) {
        const std::string place = at("buffers", i);
        const json& b = buffers[i];
        if (!b.is_object()) r.fail(place, "expected an object");
        const std::uint64_t length = integer(r, b, place, "byteLength", 1, kMaxFile);
        std::vector<unsigned char> bytes;
        if (!b.contains("uri")) {
            if (!glb || i != 0 || !haveBin) r.fail(place + ".uri", "missing (only a .glb's first buffer lives in its BIN chunk)");
            if (length > bin.size()) r.fail(place + ".byteLength", std::to_string(length) + " is more than the BIN chunk's " + std::to_string(bin.size()));
            bytes = bin;
        } else {
            if (!b["uri"].is_string()) r.fail(place + ".uri", "expected a string");
            const std::string uri = b["uri"].get<std::string>();
            if (uri.rfind("data:", 0) == 0) {
                const auto comma = uri.find(";base64,");
                auto decoded = comma == std::string::npos ? std::nullopt : base64(std::string_view(uri).substr(comma + 8));
                if (!decoded) r.fail(place + ".uri", "expected a base64 data: URI");
                if (decoded->size() < length) r.fail(place + ".byteLength", "is more than the data: URI holds");
                bytes = std::move(*decoded);
            } else {
                const fs::path p(uri);
                if (uri.empty() || p.is_absolute() || uri.find(':') != std::string::npos)
                    r.fail(place + ".uri", "\"" + uri + "\": expected a file path relative to the model's folder");
                const fs::path target = fs::weakly_canonical(folder / p, ec);
                const std::string base = folder.string() + "/";
                if (ec || target.string().rfind(base, 0) != 0)
                    r.fail(place + ".uri", "\"" + uri + "\" leads outside the model's folder");
                if (!fs::is_regular_file(target, ec)) r.fail(place + ".uri", "\"" + uri + "\": no such file beside the model");
                if (fs::file_size(target, ec) < length) r.fail(place + ".byteLength", "is more than \"" + uri + "\" holds");
                std::ifstream f(target, std::ios::binary);
                bytes.resize(length);
                f.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(length));
            }
        }
        bufferLength.push_back(length);
        bufferBytes.push_back(std::move(bytes));
    }

    struct View { std::size_t buffer; std::uint64_t offset, length, stride; };
    std::vector<View> views;
    const json& bufferViews = arrayOf("bufferViews");
    for (std::size_t i = 0; i < bufferViews.size(); ++i) {
        const std::string place = at("bufferViews", i);
        const json& v = bufferViews[i];
        if (!v.is_object()) r.fail(place, "expected an object");
        const std::size_t buffer = integer(r, v, place, "buffer", 0, bufferLength.empty() ? 0 : bufferLength.size() - 1);
        if (bufferLength.empty()) r.fail(place + ".buffer", "there are no buffers");
        const std::uint64_t offset = integer(r, v, place, "byteOffset", 0, kMaxFile, 0);
        const std::uint64_t length = integer(r, v, place, "byteLength", 1, kMaxFile);
        const std::uint64_t stride = integer(r, v, place, "byteStride", 4, 252, 0);
        if (offset + length > bufferLength[buffer])
            r.fail(place, "bytes " + std::to_string(offset) + " to " + std::to_string(offset + length) + " lie past the end of buffer " +
                              std::to_string(buffer) + " (" + std::to_string(bufferLength[buffer]) + " bytes)");
        views.push_back({buffer, offset, length, stride});
    }

    struct Accessor { std::uint64_t count, component; std::size_t n; std::optional<std::size_t> view; std::uint64_t offset; };
    std::vector<Accessor> accessors;
    const json& accessorList = arrayOf("accessors");
    for (std::size_t i = 0; i < accessorList.size(); ++i) {
        const std::string place = at("accessors", i);
        const json& a = accessorList[i];
        if (!a.is_object()) r.fail(place, "expected an object");
        const std::uint64_t component = integer(r, a, place, "componentType", 5120, 5126);
        if (componentSize(component) == 0) r.fail(place + ".componentType", "expected 5120-5123, 5125 or 5126");
        if (!a.contains("type") || !a["type"].is_string() || components(a["type"].get<std::string>()) == 0)
            r.fail(place + ".type", "expected SCALAR, VEC2, VEC3, VEC4, MAT2, MAT3 or MAT4");
        const std::size_t n = components(a["type"].get<std::string>());
        const std::uint64_t count = integer(r, a, place, "count", 1, kMaxCount);
        Accessor acc{count, component, n, std::nullopt, 0};
        if (a.contains("bufferView")) {
            const std::size_t view = integer(r, a, place, "bufferView", 0, views.empty() ? 0 : views.size() - 1);
            if (views.empty()) r.fail(place + ".bufferView", "there are no buffer views");
            const std::uint64_t offset = integer(r, a, place, "byteOffset", 0, kMaxFile, 0);
            const std::uint64_t element = componentSize(component) * n;
            const std::uint64_t stride = views[view].stride ? views[view].stride : element;
            if (offset + (count - 1) * stride + element > views[view].length)
                r.fail(place, std::to_string(count) + " elements from byte " + std::to_string(offset) + " run past the end of buffer view " +
                                  std::to_string(view));
            acc.view = view;
            acc.offset = offset;
        }
        accessors.push_back(acc);
    }

    const json& meshes = arrayOf("meshes");
    for (std::size_t m = 0; m < meshes.size(); ++m) {
        const json& mesh = meshes[m];
        if (!mesh.is_object() || !mesh.contains("primitives") || !mesh["primitives"].is_array())
            r.fail(at("meshes", m), "expected an object with primitives");
        for (std::size_t p = 0; p < mesh["primitives"].size(); ++p) {
            const std::string place = at(at("meshes", m) + ".primitives", p);
            const json& prim = mesh["primitives"][p];
            if (!prim.is_object() || !prim.contains("attributes") || !prim["attributes"].is_object())
                r.fail(place, "expected an object with attributes");
            std::uint64_t vertices = 0;
            for (auto it = prim["attributes"].begin(); it != prim["attributes"].end(); ++it) {
                if (!it->is_number_unsigned() || it->get<std::uint64_t>() >= accessors.size())
                    r.fail(place + ".attributes." + it.key(), "expected an accessor index below " + std::to_string(accessors.size()));
                if (it.key() == "POSITION") vertices = accessors[it->get<std::size_t>()].count;
            }
            if (!prim.contains("indices")) continue;
            if (!prim["indices"].is_number_unsigned() || prim["indices"].get<std::uint64_t>() >= accessors.size())
                r.fail(place + ".indices", "expected an accessor index below " + std::to_string(accessors.size()));
            const Accessor& idx = accessors[prim["indices"].get<std::size_t>()];
            if (idx.n != 1 || (idx.component != 5121 && idx.component != 5123 && idx.component != 5125))
                r.fail(place + ".indices", "expected a SCALAR accessor of unsigned bytes, shorts or ints");
            if (!idx.view) continue;
            const View& v = views[*idx.view];
            const std::vector<unsigned char>& bytes = bufferBytes[v.buffer];
            if (bytes.empty()) continue;
            const std::size_t width = componentSize(idx.component);
            const std::uint64_t stride = v.stride ? v.stride : width;
            for (std::uint64_t k = 0; k < idx.count; ++k) {
                const std::uint64_t o = v.offset + idx.offset + k * stride;
                if (o + width > bytes.size()) break;
                std::uint64_t value = bytes[o];
                if (width >= 2) value |= static_cast<std::uint64_t>(bytes[o + 1]) << 8;
                if (width == 4) value |= static_cast<std::uint64_t>(bytes[o + 2]) << 16 | static_cast<std::uint64_t>(bytes[o + 3]) << 24;
                if (value >= vertices)
                    r.fail(place + ".indices", "index " + std::to_string(k) + " is " + std::to_string(value) + ", past the " +
                                                   std::to_string(vertices) + " vertices");
            }
        }
    }

    const json& nodes = arrayOf("nodes");
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const std::string place = at("nodes", i);
        const json& n = nodes[i];
        if (!n.is_object()) r.fail(place, "expected an object");
        const auto finiteArray = [&](const char* key, std::size_t count) -> std::vector<double> {
            if (!n.contains(key)) return {};
            const json& a = n[key];
            if (!a.is_array() || a.size() != count) r.fail(place + "." + key, "expected " + std::to_string(count) + " numbers");
            std::vector<double> v;
            for (std::size_t k = 0; k < count; ++k) {
                if (!a[k].is_number() || !std::isfinite(a[k].get<double>()) || std::abs(a[k].get<double>()) > kMaxMatrixEntry)
                    r.fail(at(place + "." + key, k), "expected a finite number of at most 1e6");
                v.push_back(a[k].get<double>());
            }
            return v;
        };
        const std::vector<double> m = finiteArray("matrix", 16);
        if (!m.empty()) {
            const double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[4] * (m[1] * m[10] - m[2] * m[9]) + m[8] * (m[1] * m[6] - m[2] * m[5]);
            if (!(std::abs(det) > 1e-12)) r.fail(place + ".matrix", "is not invertible (it flattens the model)");
        }
        finiteArray("translation", 3);
        const std::vector<double> s = finiteArray("scale", 3);
        for (std::size_t k = 0; k < s.size(); ++k)
            if (std::abs(s[k]) < 1e-9) r.fail(at(place + ".scale", k), "is zero (it flattens the model)");
        const std::vector<double> q = finiteArray("rotation", 4);
        if (!q.empty() && std::abs(std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]) - 1.0) > 0.01)
            r.fail(place + ".rotation", "expected a unit quaternion");
        if (n.contains("children")) {
            const json& c = n["children"];
            if (!c.is_array()) r.fail(place + ".children", "expected an array of node indices");
            for (std::size_t k = 0; k < c.size(); ++k)
                if (!c[k].is_number_unsigned() || c[k].get<std::uint64_t>() >= nodes.size() || c[k].get<std::uint64_t>() == i)
                    r.fail(at(place + ".children", k), "expected the index of another node");
        }
        if (n.contains("mesh") && (!n["mesh"].is_number_unsigned() || n["mesh"].get<std::uint64_t>() >= meshes.size()))
            r.fail(place + ".mesh", "expected a mesh index below " + std::to_string(meshes.size()));
    }
}

}  // namespace palpa::scene
