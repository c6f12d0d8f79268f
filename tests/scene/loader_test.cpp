#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "scene/exporter.hpp"
#include "scene/loader.hpp"
#include "scene/mesh_builder.hpp"

namespace palpa::scene {
namespace {

namespace fs = std::filesystem;
const fs::path kAssets = PALPA_TEST_ASSETS;
const fs::path kData = PALPA_TEST_DATA;
const fs::path kModel = kAssets / "models" / "psoas-region.glb";

std::string loadError(const fs::path& model, const fs::path& map) {
    try {
        loadScene(model, map);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Loader, BundledModelHasItsLayersInOrderAndLandmarks) {
    const Scene s = loadScene(kModel);
    ASSERT_EQ(s.layers.size(), 6u);
    const char* order[] = {"skeleton", "vessels", "muscles_deep", "viscera", "abdominal_wall", "skin"};
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(s.layers[i].name, order[i]);
        EXPECT_FALSE(s.layers[i].meshes.empty()) << order[i];
        for (std::uint32_t m : s.layers[i].meshes) EXPECT_EQ(s.meshes[m].layer, i);
    }
    EXPECT_EQ(s.landmarks.size(), 21u);  // the psoas region's 15, and hips, knees and ankles
    EXPECT_NE(s.findMesh("psoas_major_left"), nullptr);
}

TEST(Loader, MissingFileIsNamed) {
    const std::string e = loadError(kData / "models" / "absent.glb", kAssets / "models" / "psoas-region.layers.json");
    EXPECT_NE(e.find("absent.glb"), std::string::npos) << e;
    EXPECT_NE(e.find("no such file"), std::string::npos) << e;
}

TEST(Loader, UnreadableFormatIsNamed) {
    const std::string e = loadError(kData / "models" / "garbage.glb", kAssets / "models" / "psoas-region.layers.json");
    EXPECT_NE(e.find("garbage.glb"), std::string::npos) << e;
    EXPECT_NE(e.find("cannot read as a 3D model"), std::string::npos) << e;
}

TEST(Loader, NoSkinLayerIsRefused) {
    const std::string e = loadError(kModel, kData / "layer_maps" / "no_skin.json");
    EXPECT_NE(e.find("layer \"skin\""), std::string::npos) << e;
    EXPECT_NE(e.find("no_skin.json"), std::string::npos) << e;
}

TEST(Loader, LayerMapMatchingNothingIsRefused) {
    const std::string e = loadError(kModel, kData / "layer_maps" / "matches_nothing.json");
    EXPECT_NE(e.find("matches_nothing.json"), std::string::npos) << e;
    EXPECT_NE(e.find("no pattern matches"), std::string::npos) << e;
}

TEST(Loader, MalformedLayerMapNamesTheLine) {
    const std::string e = loadError(kModel, kData / "layer_maps" / "malformed.json");
    EXPECT_NE(e.find("malformed.json: line 5"), std::string::npos) << e;
}

TEST(Loader, MissingLandmarkNodeIsNamed) {
    const std::string e = loadError(kModel, kData / "layer_maps" / "missing_landmark.json");
    EXPECT_NE(e.find("landmark \"navel\""), std::string::npos) << e;
    EXPECT_NE(e.find("no_such_node"), std::string::npos) << e;
}

TEST(Loader, ModelWithoutLayerMapSaysWhereItLooked) {
    const fs::path dir = fs::temp_directory_path() / "palpa_loader_nomap";
    fs::create_directories(dir);
    fs::copy_file(kModel, dir / "copy.glb", fs::copy_options::overwrite_existing);
    const std::string e = loadError(dir / "copy.glb", {});
    EXPECT_NE(e.find("copy.layers.json"), std::string::npos) << e;
    fs::remove_all(dir);
}

// A model "authored elsewhere": centimetres, Z up, the patient's front along -Y, other names.
Scene foreignScene() {
    Scene s;
    s.materials = {{"Skin.mat", {0.9f, 0.7f, 0.6f, 1.0f}}, {"Bone.mat", {1, 1, 1, 1}}};
    s.layers = {{"Collection", {0, 1}}};
    s.meshes.push_back(build::finish("Body_Skin", build::ellipsoid({0, -5, 100}, {15, 10, 30}, 12, 16), 0));
    s.meshes.push_back(build::finish("Spine.001", build::ellipsoid({0, 5, 100}, {2, 2, 10}, 8, 12), 1));
    s.landmarks = {{"Navel", {0, -15, 100}}};
    return s;
}

class ForeignFormat : public ::testing::TestWithParam<std::string> {};

TEST_P(ForeignFormat, LoadsIntoThePatientFrameThroughItsLayerMap) {
    const std::string format = GetParam();
    const fs::path dir = fs::temp_directory_path() / ("palpa_foreign_" + format);
    fs::create_directories(dir);
    const std::string ext = format == "collada" ? ".dae" : format == "glb2" ? ".glb" : format == "fbxa" ? ".fbx" : "." + format;
    const fs::path model = dir / ("atlas" + ext);
    exportScene(foreignScene(), model, format, "Scene");
    const bool hasNodes = format != "obj";  // OBJ keeps no empty nodes
    std::ofstream(dir / "atlas.layers.json")
        << R"({"palpa_layer_map": 1, "scale": 0.01, "axes": ["x", "-y", "z"],
               "layers": [{"name": "skeleton", "meshes": ["Spine*"]}, {"name": "skin", "meshes": ["*Skin*"]}])"
        << (hasNodes ? R"(, "landmarks": {"umbilicus": "Navel"}})" : "}");
    const Scene s = loadScene(model);
    ASSERT_EQ(s.layers.size(), 2u);
    ASSERT_EQ(s.layers[1].meshes.size(), 1u);
    const Mesh& skin = s.meshes[s.layers[1].meshes[0]];
    // Centre (0, -5, 100) cm in the model is (0, 0.05, 1.0) m in the patient frame.
    EXPECT_NEAR(skin.bounds.centre().x, 0.0f, 1e-3f);
    EXPECT_NEAR(skin.bounds.centre().y, 0.05f, 1e-3f);
    EXPECT_NEAR(skin.bounds.centre().z, 1.0f, 1e-3f);
    EXPECT_NEAR(skin.bounds.size().y, 0.20f, 2e-3f);  // the 10 cm half-depth, now anterior
    if (hasNodes) {
        EXPECT_NEAR(s.landmark("umbilicus").y, 0.15f, 1e-4f);
    }
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Formats, ForeignFormat, ::testing::Values("collada", "obj", "glb2", "fbxa"));

}  // namespace
}  // namespace palpa::scene
