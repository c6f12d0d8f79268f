// Role: self-assessment quizzes as data (assets/quizzes/*.json, docs/quiz-format.md):
// multiple choice, "point at the structure" (graded by the picked mesh) and practical items
// (graded by the technique scorer). Loading validates everything and names the file and the
// field of any problem; grading is pure and deterministic.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace palpa::quiz {

enum class ItemType { Choice, Point, Practical };

struct Item {
    std::string id;
    ItemType type = ItemType::Choice;
    std::string prompt;
    std::string topic;        // "anatomy", "contraindications", "technique", ...
    std::string explanation;  // feedback shown after the answer
    // Choice: the options and the index of the right one.
    std::vector<std::string> choices;
    std::size_t answer = 0;
    // Point: mesh-name patterns accepted, and layer opacities while pointing.
    std::vector<std::string> structures;
    std::map<std::string, float> layers;
    // Practical: the technique and side to perform, and the score that passes.
    std::string technique;
    std::string side;
    int pass_score = 80;
};

struct Quiz {
    std::string source;
    std::string id;
    std::string title;
    bool shuffle = true;
    std::vector<Item> items;
};

// Parses and validates a quiz; throws InputError naming `source` and the field.
Quiz parseQuiz(std::string_view text, const std::string& source);
// Reads a quiz file.
Quiz loadQuiz(const std::filesystem::path& path);

// The order items are asked in: shuffled by `seed` when the quiz asks for it.
std::vector<std::size_t> askingOrder(const Quiz& quiz, std::uint64_t seed);

// Grading, one function per kind of item.
bool gradeChoice(const Item& item, std::size_t chosen);
bool gradePoint(const Item& item, std::string_view pickedMesh);
bool gradePractical(const Item& item, bool attemptPassed, int score);

// One answered item, as stored and reported.
struct Answer {
    std::string item;
    bool correct = false;
    std::string given;  // the choice text, the picked structure, or "score 92"
};

// The quiz's final score: answers right out of answers given.
struct QuizResult {
    std::string quiz;
    std::vector<Answer> answers;
    int correct() const;
    int asked() const { return static_cast<int>(answers.size()); }
};

}  // namespace palpa::quiz
