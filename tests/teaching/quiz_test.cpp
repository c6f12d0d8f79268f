#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <fstream>
#include <filesystem>

#include "core/error.hpp"
#include "quiz/quiz.hpp"
#include "support/run.hpp"

namespace palpa::quiz {
namespace {

namespace fs = std::filesystem;

const std::string kQuiz = std::string(PALPA_TEST_ASSETS) + "/quizzes/psoas-release.json";

TEST(Quiz, BundledQuizHasTwentyItemsOfEveryKind) {
    const Quiz q = loadQuiz(kQuiz);
    EXPECT_GE(q.items.size(), 20u);
    std::set<ItemType> kinds;
    std::set<std::string> topics;
    for (const Item& i : q.items) {
        kinds.insert(i.type);
        topics.insert(i.topic);
    }
    EXPECT_EQ(kinds.size(), 3u);
    EXPECT_TRUE(topics.count("anatomy") && topics.count("contraindications") && topics.count("technique"));
}

TEST(Quiz, OrderIsAShuffledPermutationFixedBySeed) {
    Quiz q = loadQuiz(kQuiz);
    const auto a = askingOrder(q, 42), b = askingOrder(q, 42), c = askingOrder(q, 43);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    auto sorted = a;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(sorted[i], i);
    q.shuffle = false;
    const auto plain = askingOrder(q, 42);
    EXPECT_TRUE(std::is_sorted(plain.begin(), plain.end()));
}

TEST(Quiz, GradingByChoicePickedMeshAndScore) {
    const Quiz q = loadQuiz(kQuiz);
    auto item = [&](const std::string& id) { return *std::find_if(q.items.begin(), q.items.end(), [&](const Item& i) { return i.id == id; }); };
    EXPECT_TRUE(gradeChoice(item("psoas-insertion"), 1));
    EXPECT_FALSE(gradeChoice(item("psoas-insertion"), 0));
    EXPECT_TRUE(gradePoint(item("point-psoas-left"), "psoas_major_left"));
    EXPECT_FALSE(gradePoint(item("point-psoas-left"), "psoas_major_right"));
    EXPECT_TRUE(gradePoint(item("point-iliacus"), "iliacus_right"));
    EXPECT_FALSE(gradePractical(item("practical-left"), true, 79));
    EXPECT_TRUE(gradePractical(item("practical-left"), true, 80));
    EXPECT_FALSE(gradePractical(item("practical-left"), false, 95));
}

std::string errorOf(const std::string& text) {
    try {
        parseQuiz(text, "q.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Quiz, BadInputNamesTheFileAndTheField) {
    EXPECT_NE(errorOf("{\"palpa_quiz\": 1,\n \"id\": }").find("q.json: line 2"), std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_quiz": 2, "id": "q", "title": "t", "items": []})").find("palpa_quiz"), std::string::npos);
    EXPECT_NE(errorOf(R"({"palpa_quiz": 1, "id": "q", "title": "t", "items": []})").find("items"), std::string::npos);
    const std::string item = R"({"palpa_quiz": 1, "id": "q", "title": "t", "items": [)";
    EXPECT_NE(errorOf(item + R"({"id": "a", "type": "essay", "prompt": "p"}]})").find("items[0].type"), std::string::npos);
    EXPECT_NE(errorOf(item + R"({"id": "a", "type": "choice", "choices": ["x", "y"], "answer": 0}]})").find("items[0].prompt: missing"), std::string::npos);
    EXPECT_NE(errorOf(item + R"({"id": "a", "type": "choice", "prompt": "p", "choices": ["x", "y"], "answer": 2}]})").find("items[0].answer"), std::string::npos);
    EXPECT_NE(errorOf(item + R"({"id": "a", "type": "point", "prompt": "p", "structures": []}]})").find("items[0].structures"), std::string::npos);
    EXPECT_NE(errorOf(item + R"({"id": "a", "type": "practical", "prompt": "p", "technique": "t", "side": "up"}]})").find("items[0].side"), std::string::npos);
    EXPECT_NE(errorOf(item + R"({"id": "a", "type": "choice", "prompt": "p", "choices": ["x", "y"], "answer": 0},
                                {"id": "a", "type": "choice", "prompt": "p", "choices": ["x", "y"], "answer": 0}]})").find("items[1].id"), std::string::npos);
}

// The terminal quiz: answering every multiple-choice item right scores full marks, and a
// practical item is graded from a recording by the scorer.
TEST(QuizCli, AllRightAnswersScoreFullMarks) {
    const Quiz q = loadQuiz(kQuiz);
    std::string answers;
    int expected = 0;
    for (std::size_t index : askingOrder(q, 5)) {
        const Item& i = q.items[index];
        if (i.type == ItemType::Choice) {
            answers += std::string(1, static_cast<char>('a' + i.answer)) + "\n";
            ++expected;
        } else if (i.type == ItemType::Practical) {
            answers += std::string(PALPA_TEST_ASSETS) + (i.side == "left" ? "/recordings/good-left.jsonl\n" : "/recordings/hold-short.jsonl\n");
            expected += i.side == "left" ? 1 : 0;
        }
    }
    const std::string input = (std::filesystem::temp_directory_path() / "palpa_quiz_answers.txt").string();
    std::ofstream(input) << answers;
    // run() gives the command /dev/null as input; the inner shell's redirection wins.
    const auto r = test::run("sh -c \"" + test::palpa() + " quiz --seed 5 < '" + input + "'\"");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const int asked = static_cast<int>(std::count_if(q.items.begin(), q.items.end(), [](const Item& i) { return i.type != ItemType::Point; }));
    EXPECT_NE(r.out.find("Final score: " + std::to_string(expected) + "/" + std::to_string(asked)), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Score 100/100, passed"), std::string::npos);
}

TEST(QuizCli, ResultIsStoredForTheStudentAndReported) {
    const fs::path db = fs::temp_directory_path() / "palpa_quiz_store.sqlite3";
    fs::remove(db);
    const std::string input = (fs::temp_directory_path() / "palpa_quiz_two.txt").string();
    const Quiz q = loadQuiz(kQuiz);
    // A seed whose first three items are multiple choice: three right answers, then the input ends.
    std::uint64_t seed = 1;
    const auto firstThreeChoices = [&](std::uint64_t s) {
        const auto order = askingOrder(q, s);
        return order.size() >= 3 && std::all_of(order.begin(), order.begin() + 3, [&](std::size_t i) {
                   return q.items[i].type == ItemType::Choice;
               });
    };
    while (!firstThreeChoices(seed)) ++seed;
    std::string answers;
    const auto order = askingOrder(q, seed);
    for (std::size_t k = 0; k < 3; ++k)
        answers += std::string(1, static_cast<char>('a' + q.items[order[k]].answer)) + "\n";
    std::ofstream(input) << answers;
    const std::string env = "PALPA_DB='" + db.string() + "' ";
    const auto taken = test::run("sh -c \"" + env + test::palpa() + " quiz --seed " + std::to_string(seed) +
                                 " --student 'Ana Lima' < '" + input + "'\"");
    ASSERT_EQ(taken.exit_code, 0) << taken.err;
    EXPECT_NE(taken.out.find("stored #1"), std::string::npos) << taken.out;
    const auto report = test::run(env + test::palpa() + " report --student 'Ana Lima'");
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(report.out.find("psoas-release  3/3"), std::string::npos) << report.out;
    fs::remove(db);
}

// A typo at a practical item is said and asked again (it does not end the quiz); the scored
// attempt is stored as the student's attempt and the quiz result with it.
TEST(QuizCli, APracticalItemReAsksAfterATypoAndStoresTheAttempt) {
    const fs::path dir = fs::temp_directory_path() / "palpa_quiz_practical";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "quiz.json") << R"({"palpa_quiz": 1, "id": "practical-only", "title": "Practical",
        "items": [{"id": "left", "type": "practical", "topic": "technique", "prompt": "Release the left psoas.",
                   "technique": "psoas-release", "side": "left", "pass_score": 80, "explanation": "As taught."}]})";
    std::ofstream(dir / "answers.txt") << "c\n" << PALPA_TEST_ASSETS << "/recordings/good-left.jsonl\n";
    const std::string env = "PALPA_DB='" + (dir / "store.sqlite3").string() + "' ";
    const auto r = test::run("sh -c \"" + env + test::palpa() + " quiz '" + (dir / "quiz.json").string() +
                             "' --student Ana < '" + (dir / "answers.txt").string() + "'\"");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("c: no such file"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("try again"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Final score: 1/1"), std::string::npos) << r.out;
    const auto report = test::run(env + test::palpa() + " report --student Ana");
    EXPECT_NE(report.out.find("psoas-release  left  100/100  passed"), std::string::npos) << report.out;
    EXPECT_NE(report.out.find("practical-only"), std::string::npos) << report.out;
    fs::remove_all(dir);
}

TEST(QuizCli, MalformedQuizExitsTwoNamingTheField) {
    const auto r = test::run(test::palpa() + " quiz " + PALPA_TEST_DATA + "/teaching/bad_answer.json");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.errLines(), 1) << r.err;
    EXPECT_NE(r.err.find("bad_answer.json: items[0].answer"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace palpa::quiz

#include "app/desktop_quiz.hpp"
#include "render/camera.hpp"
#include "scene/loader.hpp"
#include "scene/bvh.hpp"

namespace palpa::quiz {
namespace {

// "Point at the structure" as the desktop window grades it: the click's pixel becomes a ray
// from the eye, the nearest mesh of a visible layer is picked and graded by its name.
TEST(PointItem, ClickOnTheProjectedStructureIsGradedByThePickedMesh) {
    const scene::Scene model = scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb");
    const Quiz q = parseQuiz(R"({"palpa_quiz": 1, "id": "p", "title": "t", "shuffle": false, "items": [
        {"id": "a", "type": "point", "prompt": "Point at the left psoas", "structures": ["psoas_major_left"],
         "layers": {"skin": 0, "abdominal_wall": 0, "viscera": 0}},
        {"id": "b", "type": "point", "prompt": "Point at the left psoas again", "structures": ["psoas_major_left"],
         "layers": {"skin": 0, "abdominal_wall": 0, "viscera": 0}}]})", "inline");
    app::DesktopQuiz play(q, 1);
    ASSERT_TRUE(play.wantsPick());
    std::vector<render::LayerStyle> layers(model.layers.size());
    play.applyLayers(model, layers);
    std::vector<bool> visible;
    for (const auto& l : layers) visible.push_back(l.visible && l.opacity > 0.05f);
    EXPECT_FALSE(visible[static_cast<std::size_t>(model.findLayer("skin") - model.layers.data())]);

    const float w = 800, h = 600;
    const render::View view = render::views(render::frame(model.bounds(), render::Viewpoint::Front, w / h), w / h)[0];
    const glm::vec4 clip = view.projection * view.view * glm::vec4(model.landmark("psoas_belly_left"), 1.0f);
    const float px = (clip.x / clip.w * 0.5f + 0.5f) * w, py = (clip.y / clip.w * 0.5f + 0.5f) * h;
    const scene::TriangleBvh bvh(model);
    const auto hit = scene::pick(model, bvh, render::pixelRay(view, px, py, w, h), visible);
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(model.meshes[hit->mesh].name, "psoas_major_left");
    play.picked(&model.meshes[hit->mesh]);
    ASSERT_EQ(play.result().asked(), 1);
    EXPECT_TRUE(play.result().answers[0].correct);
    EXPECT_FALSE(play.wantsPick()) << "answered: waits for Next";

    // With every layer shown the same click lands on the skin, which is wrong.
    const auto onSkin = scene::pick(model, bvh, render::pixelRay(view, px, py, w, h));
    ASSERT_TRUE(onSkin.has_value());
    EXPECT_EQ(model.meshes[onSkin->mesh].name, "skin");
    EXPECT_FALSE(gradePoint(q.items[0], model.meshes[onSkin->mesh].name));
}

TEST(PointItem, TheLayerPanelShowsWhatTheItemHidesAndGetsItsOwnBackAfter) {
    const scene::Scene model = scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb");
    const Quiz q = parseQuiz(R"({"palpa_quiz": 1, "id": "p", "title": "t", "shuffle": false, "items": [
        {"id": "a", "type": "point", "prompt": "Point at the left psoas", "structures": ["psoas_major_left"],
         "layers": {"skin": 0, "viscera": 0.3}},
        {"id": "b", "type": "choice", "prompt": "Which?", "choices": ["x", "y"], "answer": 0}]})", "inline");
    app::DesktopQuiz play(q, 1);
    const auto at = [&](const char* name) { return static_cast<std::size_t>(model.findLayer(name) - model.layers.data()); };
    std::vector<render::LayerStyle> panel(model.layers.size());
    panel[at("skeleton")].opacity = 0.5f;  // the student's own choice
    play.syncLayers(model, panel);
    EXPECT_FALSE(panel[at("skin")].visible) << "the skin's checkbox is unticked while the item hides it";
    EXPECT_FLOAT_EQ(panel[at("viscera")].opacity, 0.3f);
    // The student may tick it again: the quiz does not fight the panel every frame.
    panel[at("skin")].visible = true;
    play.syncLayers(model, panel);
    EXPECT_TRUE(panel[at("skin")].visible);
    // Answered: the student's layers from before come back.
    play.picked(model.findMesh("psoas_major_left"));
    play.syncLayers(model, panel);
    EXPECT_TRUE(panel[at("skin")].visible);
    EXPECT_FLOAT_EQ(panel[at("viscera")].opacity, 1.0f);
    EXPECT_FLOAT_EQ(panel[at("skeleton")].opacity, 0.5f);
}

}  // namespace
}  // namespace palpa::quiz
