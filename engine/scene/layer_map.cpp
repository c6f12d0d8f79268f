#include "scene/layer_map.hpp"

#include <cmath>

#include <glm/matrix.hpp>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/file.hpp"

namespace palpa::scene {
namespace {

using json = nlohmann::ordered_json;

// "line L, column C" for a byte offset in text.
std::string lineColumn(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') { ++line; column = 1; }
        else ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

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
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        throw InputError(file, lineColumn(text, e.byte > 0 ? e.byte - 1 : 0),
                         "malformed JSON (expected a layer-map object)");
    }
    if (!doc.is_object()) throw InputError(file, "top level", "expected a JSON object");

    LayerMap map;
    map.source = file;
    if (auto v = doc.find("palpa_layer_map"); v == doc.end() || !v->is_number_integer() || *v != 1)
        throw InputError(file, "palpa_layer_map", "expected the format version 1");

    const auto layers = doc.find("layers");
    if (layers == doc.end() || !layers->is_array() || layers->empty())
        throw InputError(file, "layers", "expected a non-empty array of {\"name\", \"meshes\"}");
    for (std::size_t i = 0; i < layers->size(); ++i) {
        const json& l = (*layers)[i];
        const std::string place = "layers[" + std::to_string(i) + "]";
        if (!l.is_object() || !l.contains("name") || !l["name"].is_string() || l["name"].get<std::string>().empty())
            throw InputError(file, place + ".name", "expected a non-empty string");
        LayerRule rule{l["name"].get<std::string>(), {}};
        const auto meshes = l.find("meshes");
        if (meshes == l.end() || !meshes->is_array() || meshes->empty())
            throw InputError(file, place + ".meshes", "expected a non-empty array of mesh-name patterns");
        for (std::size_t k = 0; k < meshes->size(); ++k) {
            if (!(*meshes)[k].is_string())
                throw InputError(file, place + ".meshes[" + std::to_string(k) + "]", "expected a string");
            rule.patterns.push_back((*meshes)[k].get<std::string>());
        }
        for (const LayerRule& existing : map.layers)
            if (existing.name == rule.name)
                throw InputError(file, place + ".name", "layer \"" + rule.name + "\" appears twice");
        map.layers.push_back(std::move(rule));
    }

    if (auto lm = doc.find("landmarks"); lm != doc.end()) {
        if (!lm->is_object()) throw InputError(file, "landmarks", "expected an object of name: node name");
        for (auto it = lm->begin(); it != lm->end(); ++it) {
            if (!it.value().is_string())
                throw InputError(file, "landmarks." + it.key(), "expected a node name (string)");
            map.landmarks.emplace_back(it.key(), it.value().get<std::string>());
        }
    }
    if (auto req = doc.find("required_layers"); req != doc.end()) {
        if (!req->is_array()) throw InputError(file, "required_layers", "expected an array of layer names");
        map.required_layers.clear();
        for (const json& r : *req) {
            if (!r.is_string()) throw InputError(file, "required_layers", "expected layer names (strings)");
            map.required_layers.push_back(r.get<std::string>());
        }
    }
    if (auto s = doc.find("scale"); s != doc.end()) {
        if (!s->is_number() || !(s->get<double>() > 0.0))
            throw InputError(file, "scale", "expected a positive number (model units to metres)");
        map.scale = s->get<float>();
    }
    if (auto a = doc.find("axes"); a != doc.end()) {
        if (!a->is_array() || a->size() != 3 || !(*a)[0].is_string() || !(*a)[1].is_string() || !(*a)[2].is_string())
            throw InputError(file, "axes", "expected three model axes for patient right, anterior, superior, e.g. [\"x\", \"-z\", \"y\"]");
        // Row r of the patient-from-model matrix is the model axis that gives patient axis r.
        glm::mat3 m(0.0f);
        for (int r = 0; r < 3; ++r) {
            const glm::vec3 row = axisVector((*a)[static_cast<std::size_t>(r)].get<std::string>(), file,
                                             "axes[" + std::to_string(r) + "]");
            for (int c = 0; c < 3; ++c) m[c][r] = row[c];  // glm is column-major
        }
        if (std::abs(glm::determinant(m)) < 0.5f)
            throw InputError(file, "axes", "expected three different axes");
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
