// Placeholder screens while the real ones are written in this change set.
#include "app/ui/till_app.hpp"

namespace caisse::ui {

struct TillApp::State {
    std::unique_ptr<Till> till;
    std::unique_ptr<PrintQueue> printer;
    Fonts fonts;
    float scale = 1;
    Targets targets;
    std::string message;
    std::function<void()> wake;
};

TillApp::TillApp(std::unique_ptr<Till> till, std::unique_ptr<PrintQueue> printer, Fonts fonts, float scale)
    : s_(std::make_unique<State>()) {
    s_->till = std::move(till);
    s_->printer = std::move(printer);
    s_->fonts = fonts;
    s_->scale = scale;
}
TillApp::~TillApp() = default;

void TillApp::draw() {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("till", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::TextUnformatted("Caisse Commune");
    ImGui::End();
}
bool TillApp::animating() const { return false; }
void TillApp::set_wake(std::function<void()> wake) { s_->wake = std::move(wake); }
Screen TillApp::screen() const { return Screen::login; }
const Targets& TillApp::targets() const { return s_->targets; }
const std::string& TillApp::message() const { return s_->message; }
Till& TillApp::till() { return *s_->till; }

}  // namespace caisse::ui
