#include "quiz/quiz.hpp"

#include <algorithm>
#include <numeric>

#include "core/file.hpp"
#include "core/json_reader.hpp"
#include "scene/layer_map.hpp"

namespace palpa::quiz {
namespace {

Item parseItem(const JsonReader& in, const JsonReader::json& obj, const std::string& place) {
    Item item;
    item.id = in.string(obj, place, "id");
    item.prompt = in.string(obj, place, "prompt");
    item.topic = in.string(obj, place, "topic", "general");
    item.explanation = in.string(obj, place, "explanation", "");
    const std::string type = in.string(obj, place, "type");
    if (type == "choice") {
        item.type = ItemType::Choice;
        item.choices = in.strings(obj, place, "choices");
        if (item.choices.size() < 2) in.fail(JsonReader::join(place, "choices"), "expected at least two choices");
        const double answer = in.number(obj, place, "answer");
        if (answer < 0 || answer >= static_cast<double>(item.choices.size()) || answer != static_cast<double>(static_cast<std::size_t>(answer)))
            in.fail(JsonReader::join(place, "answer"),
                    "expected the index (from 0) of the right choice, below " + std::to_string(item.choices.size()));
        item.answer = static_cast<std::size_t>(answer);
    } else if (type == "point") {
        item.type = ItemType::Point;
        item.structures = in.strings(obj, place, "structures");
        if (item.structures.empty()) in.fail(JsonReader::join(place, "structures"), "expected the mesh names that count as right");
        item.layers = in.opacities(obj, place, "layers");
    } else if (type == "practical") {
        item.type = ItemType::Practical;
        item.technique = in.string(obj, place, "technique");
        item.side = in.string(obj, place, "side");
        if (item.side != "left" && item.side != "right") in.fail(JsonReader::join(place, "side"), "expected \"left\" or \"right\"");
        const double pass = in.number(obj, place, "pass_score", 80);
        if (pass < 0 || pass > 100) in.fail(JsonReader::join(place, "pass_score"), "expected 0 to 100");
        item.pass_score = static_cast<int>(pass);
    } else {
        in.fail(JsonReader::join(place, "type"), "expected \"choice\", \"point\" or \"practical\", got \"" + type + "\"");
    }
    return item;
}

}  // namespace

Quiz parseQuiz(std::string_view text, const std::string& source) {
    const JsonReader in(source);
    const JsonReader::json root = in.parse(text);
    if (!root.is_object()) in.fail("top level", "expected a JSON object");
    if (!root.contains("palpa_quiz") || root["palpa_quiz"] != 1) in.fail("palpa_quiz", "expected the format version 1");
    Quiz q;
    q.source = source;
    q.id = in.string(root, "", "id");
    q.title = in.string(root, "", "title");
    q.shuffle = in.boolean(root, "", "shuffle", true);
    const auto& items = in.array(root, "", "items");
    for (std::size_t i = 0; i < items.size(); ++i) {
        Item item = parseItem(in, items[i], JsonReader::index("items", i));
        for (const Item& other : q.items)
            if (other.id == item.id) in.fail(JsonReader::index("items", i) + ".id", "\"" + item.id + "\" is used twice");
        q.items.push_back(std::move(item));
    }
    return q;
}

Quiz loadQuiz(const std::filesystem::path& path) { return parseQuiz(files::readAll(path), path.string()); }

std::vector<std::size_t> askingOrder(const Quiz& quiz, std::uint64_t seed) {
    std::vector<std::size_t> order(quiz.items.size());
    std::iota(order.begin(), order.end(), 0);
    if (!quiz.shuffle) return order;
    // Fisher-Yates with splitmix64: the same seed gives the same order on every platform.
    std::uint64_t state = seed;
    auto next = [&state] {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    };
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next() % i]);
    return order;
}

bool gradeChoice(const Item& item, std::size_t chosen) { return item.type == ItemType::Choice && chosen == item.answer; }

bool gradePoint(const Item& item, std::string_view picked) {
    if (item.type != ItemType::Point) return false;
    return std::any_of(item.structures.begin(), item.structures.end(),
                       [&](const std::string& pattern) { return scene::globMatch(pattern, picked); });
}

bool gradePractical(const Item& item, bool attemptPassed, int score) {
    return item.type == ItemType::Practical && attemptPassed && score >= item.pass_score;
}

int QuizResult::correct() const {
    return static_cast<int>(std::count_if(answers.begin(), answers.end(), [](const Answer& a) { return a.correct; }));
}

}  // namespace palpa::quiz
