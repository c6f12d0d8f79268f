// Role: a class's report (`palpa report --class CODE`): who attended, each student's attempts
// made in the class and their scores, the faults by kind across the class, the class quiz's
// results per item (the questions most students missed first), and each student's
// improvement from their first attempt to their last; as text, CSV and a standalone HTML page.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "records/class_store.hpp"
#include "records/store.hpp"

namespace palpa::records {

struct ClassReport {
    ClassRecord cls;
    std::string store;  // the store's display name
    std::size_t steps = 0;
    struct Student {
        MemberRecord member;
        std::vector<AttemptRecord> attempts;  // made in this class, oldest first
        std::vector<QuizRecord> quizzes;      // the class quiz, taken since the class began
    };
    std::vector<Student> students;
    struct Item {
        std::string id;
        int asked = 0, right = 0;
    };
    std::vector<Item> items;  // the class quiz's items, most missed first
    std::vector<std::pair<std::string, int>> faults;  // by kind across the class, most first
};

// Reads the class `code` (InputError when there is none). `quizId`: the class quiz's id ("" none).
ClassReport loadClassReport(Store& store, ClassStore& classes, const std::string& code, std::size_t steps,
                            const std::string& quizId);

std::string formatClassText(const ClassReport& report);
// RFC 4180 CSV, one row per attempt made in the class (CRLF line ends).
std::string formatClassCsv(const ClassReport& report);
// A standalone HTML5 page (inline CSS and SVG; nothing fetched).
std::string formatClassHtml(const ClassReport& report);

}  // namespace palpa::records
