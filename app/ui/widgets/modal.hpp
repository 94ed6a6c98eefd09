#pragma once
// A question over the screen: a title, a plain sentence, and two big answers. The screen below
// takes no input while it is open (TillApp draws it last and blocks the main window).
#include <string>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

enum class Answer { none, yes, no };

struct ModalText {
    std::string title, body;
    std::string yes, no;  // the labels of the two answers
    bool yes_is_danger = false;  // red "yes" (removing a payment, dropping a ticket)
    // Answers twice as tall, set far apart ("payment accepted?"): no finger lands on the wrong one.
    bool big = false;
    // False: "yes" is drawn greyed and is no target yet (the tap that asked cannot answer it).
    bool yes_armed = true;
};

// Dims the whole screen under an overlay drawn next (a question, a keypad): what is behind shows
// that it cannot be touched now (the caller makes it inert).
void dim_behind(Kit& k, const std::string& id);

// Draws the question; the answers are the targets `id` + "_yes" and `id` + "_no".
Answer modal(Kit& k, const std::string& id, const ModalText& text);

}  // namespace caisse::ui
