#include "scene/layer_map.hpp"

#include <cmath>

#include <glm/matrix.hpp>

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/json_reader.hpp"

namespace palpa::scene {
namespace {

using json = JsonReader::json;

glm::vec3 axisVector(const std::string& spec, const std::string& file, const std::string& place) {
    std::string s = spec;
    float sign = 1.0f;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        sign = s[0] == '-' ? -1.0f : 1.0f;
        s.erase(0, 1);
    }
    if (s == "x") return {sign, 0, 0};
    if (s == "y") return {0, sign, 0};
    if (s == "z") return {0, 0, sign};
    throw InputError(file, place, "expected an axis such as \"x\", \"-z\" or \"+y\", got \"" + spec + "\"");
}

}  // namespace

bool globMatch(std::string_view p, std::string_view t) {
    std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
    while (ti < t.size()) {
        if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) { ++pi; ++ti; }
        else if (pi < p.size() && p[pi] == '*') { star = pi++; mark = ti; }
        else if (star != std::string_view::npos) { pi = star + 1; ti = ++mark; }
        else return false;
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

std::filesystem::path layerMapBeside(const std::filesystem::path& model) {
    std::filesystem::path p = model;
    p.replace_extension(".layers.json");
    return p;
}

LayerMap LayerMap::load(const std::filesystem::path& path) {
    return parse(files::readAll(path), path.string());
}

LayerMap LayerMap::parse(std::string_view text, const std::string& file) {
    const JsonReader in(file);
    const json doc = in.parse(text);
    if (!doc.is_object()) in.fail("top level", "expected a JSON object");

    LayerMap map;
    map.source = file;
    if (auto v = doc.find("palpa_layer_map"); v == doc.end() || !v->is_number_integer() || *v != 1)
        in.fail("palpa_layer_map", "expected the format version 1");

    const json& layers = in.array(doc, "", "layers");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::string place = JsonReader::index("layers", i);
        LayerRule rule{in.string(layers[i], place, "name"), in.strings(layers[i], place, "meshes")};
        if (rule.patterns.empty()) in.fail(place + ".meshes", "expected a non-empty array of mesh-name patterns");
        for (const LayerRule& existing : map.layers)
            if (existing.name == rule.name) in.fail(place + ".name", "layer \"" + rule.name + "\" appears twice");
        map.layers.push_back(std::move(rule));
    }

    if (in.has(doc, "landmarks")) {
        const json& lm = doc["landmarks"];
        if (!lm.is_object()) in.fail("landmarks", "expected an object of name: node name");
        for (auto it = lm.begin(); it != lm.end(); ++it) {
            if (!it.value().is_string()) in.fail("landmarks." + it.key(), "expected a node name (string)");
            map.landmarks.emplace_back(it.key(), it.value().get<std::string>());
        }
    }
    if (in.has(doc, "names")) {
        const json& names = doc["names"];
        if (!names.is_object()) in.fail("names", "expected an object of code name: name for people");
        for (auto it = names.begin(); it != names.end(); ++it) {
            if (!it.value().is_string() || it.value().get<std::string>().empty() || it.value().get<std::string>().size() > 200)
                in.fail("names." + it.key(), "expected a name for people (a string of 1-200 characters)");
            map.names.emplace_back(it.key(), it.value().get<std::string>());
        }
    }
    if (in.has(doc, "required_layers")) map.required_layers = in.strings(doc, "", "required_layers");
    if (auto s = doc.find("scale"); s != doc.end()) {
        if (!s->is_number() || !(s->get<double>() > 0.0))
            in.fail("scale", "expected a positive number (model units to metres)");
        map.scale = s->get<float>();
    }
    if (auto a = doc.find("axes"); a != doc.end()) {
        if (!a->is_array() || a->size() != 3 || !(*a)[0].is_string() || !(*a)[1].is_string() || !(*a)[2].is_string())
            in.fail("axes", "expected three model axes for patient right, anterior, superior, e.g. [\"x\", \"-z\", \"y\"]");
        // Row r of the patient-from-model matrix is the model axis that gives patient axis r.
        glm::mat3 m(0.0f);
        for (int r = 0; r < 3; ++r) {
            const glm::vec3 row = axisVector((*a)[static_cast<std::size_t>(r)].get<std::string>(), file,
                                             "axes[" + std::to_string(r) + "]");
            for (int c = 0; c < 3; ++c) m[c][r] = row[c];  // glm is column-major
        }
        if (std::abs(glm::determinant(m)) < 0.5f)
            in.fail("axes", "expected three different axes");
        map.axes = m;
    }
    return map;
}

int LayerMap::layerFor(std::string_view meshName) const {
    for (std::size_t i = 0; i < layers.size(); ++i)
        for (const std::string& p : layers[i].patterns)
            if (globMatch(p, meshName)) return static_cast<int>(i);
    return -1;
}

}  // namespace palpa::scene
