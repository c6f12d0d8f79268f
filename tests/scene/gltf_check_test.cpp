// Hostile and careless .glb files, made from the bundled model by changing one thing each, are
// refused before Assimp reads them, with one line naming the file, the place and what was
// expected; the untouched model still loads.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "scene/gltf_check.hpp"
#include "scene/loader.hpp"

namespace palpa::scene {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct Glb {
    json doc;
    std::string bin;
};

std::uint32_t u32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    std::memcpy(&v, s.data() + at, 4);
    return v;
}

Glb bundled() {
    std::ifstream in(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb", std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string bytes = s.str();
    const std::uint32_t jsonLength = u32(bytes, 12);
    Glb g;
    g.doc = json::parse(bytes.substr(20, jsonLength));
    const std::size_t bin = 20 + jsonLength;
    g.bin = bytes.substr(bin + 8, u32(bytes, bin));
    return g;
}

void put(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

// Writes the .glb (its lengths as they should be unless `patch` changes the bytes after).
fs::path write(const Glb& g, const std::string& name, const std::function<void(std::string&)>& patch = {}) {
    std::string text = g.doc.dump();
    while (text.size() % 4) text += ' ';
    std::string bin = g.bin;
    while (bin.size() % 4) bin += '\0';
    std::string out = "glTF";
    put(out, 2);
    put(out, static_cast<std::uint32_t>(12 + 8 + text.size() + 8 + bin.size()));
    put(out, static_cast<std::uint32_t>(text.size()));
    put(out, 0x4E4F534Au);
    out += text;
    put(out, static_cast<std::uint32_t>(bin.size()));
    put(out, 0x004E4942u);
    out += bin;
    if (patch) patch(out);
    const fs::path dir = fs::temp_directory_path() / "palpa_gltf_check";
    fs::create_directories(dir);
    const fs::path p = dir / (name + ".glb");
    std::ofstream(p, std::ios::binary) << out;
    return p;
}

// The one-line refusal for a changed model ("" when it was accepted).
std::string refusal(const fs::path& p) {
    try {
        checkGltf(p);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(GltfCheck, TheBundledModelPasses) {
    const fs::path p = write(bundled(), "untouched");
    EXPECT_EQ(refusal(p), "");
    EXPECT_NO_THROW(loadScene(p, std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.layers.json"));
}

TEST(GltfCheck, EachMalformedThingIsRefusedByPlace) {
    struct Case {
        const char* name;
        std::function<void(Glb&)> change;
        const char* expected;  // in the message
    };
    const std::vector<Case> cases{
        {"uri-passwd", [](Glb& g) { g.doc["buffers"][0]["uri"] = "/etc/passwd"; }, "buffers[0].uri: \"/etc/passwd\": expected a file path relative"},
        {"uri-zero", [](Glb& g) { g.doc["buffers"][0]["uri"] = "/dev/zero"; }, "buffers[0].uri"},
        {"uri-escape", [](Glb& g) { g.doc["buffers"][0]["uri"] = "../../../../etc/passwd"; }, "leads outside the model's folder"},
        {"length-negative", [](Glb& g) { g.doc["buffers"][0]["byteLength"] = -1; }, "buffers[0].byteLength: expected a whole number"},
        {"length-huge", [](Glb& g) { g.doc["buffers"][0]["byteLength"] = 1ull << 40; }, "buffers[0].byteLength"},
        {"mat9", [](Glb& g) { g.doc["accessors"][0]["type"] = "MAT9"; }, "accessors[0].type: expected SCALAR"},
        {"required", [](Glb& g) { g.doc["extensionsRequired"] = {"EXT_made_up"}; }, "extensionsRequired[0]: \"EXT_made_up\""},
        {"matrix-zero", [](Glb& g) { g.doc["nodes"][0]["matrix"] = json::array({0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1}); }, "nodes[0].matrix: is not invertible"},
        {"matrix-huge", [](Glb& g) { g.doc["nodes"][0]["matrix"] = json::array({1e308,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,1}); }, "nodes[0].matrix[0]: expected a finite number"},
        {"accessor-past", [](Glb& g) { g.doc["accessors"][0]["count"] = g.doc["accessors"][0]["count"].get<std::uint64_t>() * 1000; }, "accessors[0]: "},
    };
    for (const Case& c : cases) {
        Glb g = bundled();
        c.change(g);
        const std::string why = refusal(write(g, c.name));
        EXPECT_NE(why.find("palpa_gltf_check/" + std::string(c.name) + ".glb: "), std::string::npos) << c.name << ": " << why;
        EXPECT_NE(why.find(c.expected), std::string::npos) << c.name << ": " << why;
    }
}

TEST(GltfCheck, AnIndexPastTheVerticesIsRefused) {
    Glb g = bundled();
    const json& prim = g.doc["meshes"][0]["primitives"][0];
    const json& idx = g.doc["accessors"][prim["indices"].get<std::size_t>()];
    const json& view = g.doc["bufferViews"][idx["bufferView"].get<std::size_t>()];
    const std::size_t at = view.value("byteOffset", 0u) + idx.value("byteOffset", 0u);
    ASSERT_EQ(idx["componentType"], 5125) << "the bundled model's indices are 32-bit";
    const std::uint32_t past = 0x00FFFFFFu;
    std::memcpy(g.bin.data() + at, &past, 4);
    const std::string why = refusal(write(g, "index-past"));
    EXPECT_NE(why.find("meshes[0].primitives[0].indices: index 0 is 16777215, past the"), std::string::npos) << why;
}

TEST(GltfCheck, AnAbsurdChunkLengthIsRefusedAtOnce) {
    const std::string why = refusal(write(bundled(), "chunk-length", [](std::string& out) {
        const std::uint32_t huge = 0x7FFFFFFFu;
        std::memcpy(out.data() + 12, &huge, 4);
    }));
    // Refused from the header, before anything that size is allocated or read.
    EXPECT_NE(why.find("chunk 0.length: 2147483647 bytes, past the end of the file"), std::string::npos) << why;
}

}  // namespace
}  // namespace palpa::scene
