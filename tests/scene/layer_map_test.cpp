#include <gtest/gtest.h>

#include "core/error.hpp"
#include "scene/layer_map.hpp"
#include "scene/scene.hpp"

namespace palpa::scene {
namespace {

TEST(Glob, MatchesStarsAndQuestionMarks) {
    EXPECT_TRUE(globMatch("vertebra_*", "vertebra_L4"));
    EXPECT_TRUE(globMatch("*", ""));
    EXPECT_TRUE(globMatch("disc_L?_L?", "disc_L4_L5"));
    EXPECT_TRUE(globMatch("*oblique*", "external_oblique_left"));
    EXPECT_FALSE(globMatch("disc_L?_L?", "disc_T12_L1"));
    EXPECT_FALSE(globMatch("skin", "skin_left"));
    EXPECT_FALSE(globMatch("Skin", "skin"));  // case-sensitive
}

TEST(LayerMap, ParsesLayersLandmarksScaleAndAxes) {
    const LayerMap m = LayerMap::parse(R"({"palpa_layer_map": 1, "scale": 0.01,
        "axes": ["x", "-z", "y"],
        "layers": [{"name": "bone", "meshes": ["Bone*"]}, {"name": "skin", "meshes": ["Skin"]}],
        "landmarks": {"navel": "Empty.001", "asis": "Empty.002"}})",
                                       "map.json");
    ASSERT_EQ(m.layers.size(), 2u);
    EXPECT_EQ(m.layerFor("Bone.003"), 0);
    EXPECT_EQ(m.layerFor("Skin"), 1);
    EXPECT_EQ(m.layerFor("Other"), -1);
    ASSERT_EQ(m.landmarks.size(), 2u);
    EXPECT_EQ(m.landmarks[0].first, "navel");  // file order kept
    EXPECT_FLOAT_EQ(m.scale, 0.01f);
    // Patient anterior (+Y) comes from model -Z; patient superior from model +Y.
    const glm::vec3 anterior = m.axes * glm::vec3(0, 0, -1);
    const glm::vec3 superior = m.axes * glm::vec3(0, 1, 0);
    EXPECT_FLOAT_EQ(anterior.y, 1.0f);
    EXPECT_FLOAT_EQ(superior.z, 1.0f);
}

std::string errorOf(const std::string& json) {
    try {
        LayerMap::parse(json, "bad.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(LayerMap, MalformedJsonNamesFileLineAndColumn) {
    const std::string e = errorOf("{\n  \"palpa_layer_map\": 1,\n  \"layers\": [ }\n");
    EXPECT_NE(e.find("bad.json"), std::string::npos) << e;
    EXPECT_NE(e.find("line 3"), std::string::npos) << e;
    EXPECT_NE(e.find("malformed JSON"), std::string::npos) << e;
}

TEST(LayerMap, EveryMissingOrWrongFieldIsNamed) {
    EXPECT_NE(errorOf(R"({"layers": [{"name": "skin", "meshes": ["s"]}]})").find("palpa_layer_map"), std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1})").find("layers"), std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "layers": [{"name": "skin"}]})").find("layers[0].meshes"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "layers": [{"name": "skin", "meshes": [3]}]})")
                  .find("layers[0].meshes[0]"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "layers": [{"name": "a", "meshes": ["x"]}, {"name": "a", "meshes": ["y"]}]})")
                  .find("appears twice"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "axes": ["x", "x", "z"], "layers": [{"name": "a", "meshes": ["x"]}]})")
                  .find("axes"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "axes": ["x", "q", "z"], "layers": [{"name": "a", "meshes": ["x"]}]})")
                  .find("axes[1]"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "scale": -2, "layers": [{"name": "a", "meshes": ["x"]}]})")
                  .find("scale"),
              std::string::npos);
    EXPECT_NE(errorOf("[1, 2]").find("top level"), std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "names": {"asis": 3}, "layers": [{"name": "a", "meshes": ["x"]}]})")
                  .find("names.asis"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_layer_map": 1, "names": ["asis"], "layers": [{"name": "a", "meshes": ["x"]}]})")
                  .find("names"),
              std::string::npos);
}

TEST(LayerMap, NamesForPeopleComeFromTheMapWithSidesAppended) {
    const LayerMap m = LayerMap::parse(R"({"palpa_layer_map": 1, "layers": [{"name": "skin", "meshes": ["s"]}],
        "names": {"asis": "Anterior superior iliac spine", "xiphoid": "Xiphoid process"}})", "n.json");
    Scene scene;
    scene.names = m.names;
    EXPECT_EQ(scene.nameOf("asis_left"), "Anterior superior iliac spine (left)");
    EXPECT_EQ(scene.nameOf("asis_right"), "Anterior superior iliac spine (right)");
    EXPECT_EQ(scene.nameOf("xiphoid"), "Xiphoid process");
    // Codes the map does not name read as made from the code.
    EXPECT_EQ(scene.nameOf("lesser_trochanter_right"), "Lesser trochanter (right)");
    EXPECT_EQ(scene.nameOf("asis"), "Anterior superior iliac spine");
}

TEST(LayerMap, ConventionalPathSitsBesideTheModel) {
    EXPECT_EQ(layerMapBeside("assets/models/psoas-region.glb").string(),
              "assets/models/psoas-region.layers.json");
}

}  // namespace
}  // namespace palpa::scene
