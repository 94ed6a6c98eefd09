// Screenshots of the real screens for docs/screenshots/: the headless harness drives them, and each
// frame is also rendered with OpenGL into a hidden GLFW window (run under xvfb-run).
//   caisse-ui-screenshots OUTDIR
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/services/cape.hpp"
#include "app/services/catering_invoice.hpp"
#include "app/services/catering.hpp"
#include "app/services/receipt_brand.hpp"
#include "app/ui/gl_textures.hpp"
#include "tests/core/invoice_example.hpp"
#include "tests/ui/harness.hpp"

using caisse::ui::testing::Harness;

namespace {

void save(const std::string& path, int w, int h) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);
    if (!stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3)) std::fprintf(stderr, "cannot write %s\n", path.c_str());
    else std::printf("%s\n", path.c_str());
}

// A hidden GLFW window of w x h with OpenGL, and the harness drawing the screens into it: each
// frame is rendered, shot(name) saves it as DIR/NAME-WxH.png. The textures and the GL backend go
// before the window (their context).
class Shooter {
public:
    Shooter(std::string dir, int w, int h)
        : dir_(std::move(dir)), w_(w), h_(h), window_(hidden_window(w, h)),
          ui(ImVec2(static_cast<float>(w), static_cast<float>(h)), caisse::ui::scale_for(w, h, 1.0f)) {
        ImGui_ImplOpenGL3_Init("#version 130");
        ui.use_textures(std::make_shared<caisse::ui::GlTextures>());  // the tiles' pictures, in this GL context
        ui.before_frame = [] { ImGui_ImplOpenGL3_NewFrame(); };
        ui.after_render = [this] {
            glViewport(0, 0, w_, h_);
            glClearColor(0.96f, 0.95f, 0.93f, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        };
    }
    ~Shooter() {
        ui.use_textures(nullptr);
        ImGui_ImplOpenGL3_Shutdown();
        ui.before_frame = nullptr;
        ui.after_render = nullptr;
        glfwDestroyWindow(window_);
    }
    Shooter(const Shooter&) = delete;
    Shooter& operator=(const Shooter&) = delete;

    // wait_pictures: the tiles' pictures decoded and uploaded first, as a moment after start-up.
    void shot(const std::string& name, bool wait_pictures = true) {
        if (wait_pictures) ui.wait_pictures();
        ui.frame();
        save(dir_ + "/" + name + "-" + std::to_string(w_) + "x" + std::to_string(h_) + ".png", w_, h_);
    }

private:
    static GLFWwindow* hidden_window(int w, int h) {
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        GLFWwindow* window = glfwCreateWindow(w, h, "screenshots", nullptr, nullptr);
        glfwMakeContextCurrent(window);
        return window;
    }
    std::string dir_;
    int w_, h_;
    GLFWwindow* window_;

public:
    Harness ui;
};

void shoot(const std::string& dir, int w, int h) {
    Shooter shooter(dir, w, h);
    Harness& ui = shooter.ui;
    auto shot = [&](const std::string& name) { shooter.shot(name, true); };
    ui.tap("user:Lucie");
    ui.type("11", "pin");
    shot("login");
    ui.type("11", "pin");
    ui.tap("login");
    for (const char* sku : {"MAFE", "COUSC", "BOBUN", "BOBUN", "CEVI"}) ui.tap(std::string("tile:") + sku);
    ui.tap("cat:Boissons");
    ui.tap("tile:EAU");
    ui.tap("tile:BISSAP");
    ui.tap("cat:all");
    shot("sell");
    // The keypad over the grid, the rest dimmed; then the ticket parked, two more parked, a filter
    // chosen on the second page of its row (named in the summary), and the first ticket taken back.
    ui.tap("discount");
    shot("sell-keypad");
    ui.tap("keypad_cancel");
    ui.tap("park");
    ui.tap("tile:MAFE");
    ui.tap("tile:YASSA");
    ui.tap("park");
    ui.tap("cat:Plats");
    ui.reveal_chip("ent:Rosa Quispe", "entrepreneurs");
    ui.tap("ent:Rosa Quispe");
    if (ui.has("entrepreneurs:prev")) ui.tap("entrepreneurs:prev");
    shot("sell-parked");
    ui.tap("filters:all");
    ui.tap("parked:1");
    ui.tap("pay");
    ui.type("60", "tender");
    shot("pay");
    ui.tap("tender:cash");
    shot("after-sale");
    ui.tap("next_sale");
    // A 12 € meal voucher for a 9,50 € mafé: no change, the customer leaves 2,50 € (issue 12 item 2).
    ui.tap("tile:MAFE");
    ui.tap("pay");
    ui.type("12", "tender");
    shot("pay-voucher");
    ui.tap("tender:voucher");
    shot("after-sale-voucher");
    ui.tap("next_sale");
    // A card payment asks "payment accepted?" first (item 3).
    ui.tap("tile:MAFE");
    ui.tap("pay");
    ui.tap("tender:card");
    ui.wait(0.5f);
    shot("pay-confirm");
    ui.tap("pay_confirm_yes");
    shot("after-sale-card");
    ui.tap("next_sale");
    // The screen printer (issue 12 item 12): the receipt as printed with its QR code for the phone;
    // two entrepreneurs with their own headers, Mei's lines grouped under hers.
    caisse::set_entrepreneur_brand(ui.till(), caisse::testing::as(ui.till(), "Karim"), "Aminata Diop", "Chez Aminata",
                                   "Cuisine du Sénégal");
    caisse::set_entrepreneur_brand(ui.till(), caisse::testing::as(ui.till(), "Karim"), "Mei Nguyen", "Saigon Mei", "");
    for (const char* sku : {"MAFE", "BOBUN", "BISSAP"}) ui.tap(std::string("tile:") + sku);
    ui.tap("pay");
    ui.tap("cash:50");
    ui.frame();
    shot("receipt-screen");
    if (ui.has("sale_receipt:qr")) {
        const auto qr = ui.app().targets().at("sale_receipt:qr");
        for (int i = 0; i < 3; ++i) ui.swipe(ImVec2(qr.min.x + 20, 120), ImVec2(qr.min.x + 20, static_cast<float>(h) - 30));
    }
    shot("receipt-screen-top");
    ui.tap("recent");
    ui.tap("ticket:" + std::to_string(ui.till().last_ticket() - 1));
    shot("recent");
    // A seller's duplicate: a manager approves it with their PIN.
    ui.tap("duplicate");
    ui.tap("approver:Karim");
    ui.type("23", "approval_pin");
    shot("approval");
    ui.tap("approval_cancel");
    // The end of the day, by the manager: X, the blind count 2 € short, the result, the note, the Z.
    ui.tap("back_to_sale");
    // A refund: the first ticket found by its number, two lines picked, by card; Lucie (a seller)
    // asks a manager's approval. Then a ticket cancelled at once by its seller.
    ui.tap("cash");
    ui.tap("menu:refund");
    ui.type("1", "rkey");
    ui.tap("refund_find");
    ui.tap("rline:1+");
    ui.tap("rline:3+");
    ui.tap("rmethod:card");
    shot("refund");
    ui.tap("refund_confirm");
    ui.tap("approver:Karim");
    ui.type("2345", "approval_pin");
    ui.tap("approval_ok");
    shot("refund-done");
    ui.tap("refund_back");
    ui.tap("tile:MAFE");
    ui.tap("pay");
    ui.tap("tender:card");
    ui.accept_payment();
    ui.tap("cancel_ticket");
    ui.tap("switch_user");
    ui.login("Karim", "2345");
    // Training mode (MODE ÉCOLE): the band over every screen, a training ticket; then back to real.
    ui.tap("cash");
    ui.tap("menu:training");
    ui.tap("tile:MAFE");
    ui.tap("tile:BISSAP");
    shot("training-sell");
    ui.tap("pay");
    ui.tap("cash_exact");
    shot("training-after-sale");
    ui.tap("next_sale");
    ui.tap("cash");
    ui.tap("menu:training");
    ui.tap("cash");
    ui.tap("menu:events");
    shot("events");
    ui.tap("events_back");
    ui.tap("cash");
    shot("cash-menu");
    ui.tap("menu:cash_out");
    ui.type("12", "move");
    ui.tap("reason:achat ingrédients");
    shot("cash-out");
    ui.tap("move_cancel");
    ui.tap("cash");
    ui.tap("menu:x");
    shot("x-report");
    ui.tap("x_close");
    for (int i = 0; i < 4; ++i) ui.tap("den+:5000");
    for (int i = 0; i < 2; ++i) ui.tap("den+:2000");
    for (int i = 0; i < 3; ++i) ui.tap("den+:200");
    ui.tap("den+:50");
    shot("close-count");
    ui.tap("count_done");
    ui.type("9,50", "declared");
    ui.tap("count_confirm");
    shot("close-result");
    ui.tap("recount");
    ui.tap("count_done");
    ui.tap("count_confirm");
    ui.tap("note:erreur de rendu");
    shot("close-note");
    ui.tap("close_with_note");
    shot("z");
    ui.tap("z_done");
    for (int i = 0; i < 3; ++i) ui.tap("den+:5000");
    ui.tap("den+:1000");
    ui.tap("den+:50");
    shot("open-session");
    // Backups go to a USB stick that is not plugged in: the status bar says so.
    ui.till().ledger().set_setting("backup.dir", "/media/caisse-usb");
    shot("backup-missing");
}

// The CAPE screens (issue 11) on a demo of their own: a few sales of every member, a group charge
// and a member's, hours; then the statement, the what-if (and its vote's question), the charges and
// the hours screens.
void shoot_cape(const std::string& dir, int w, int h) {
    Shooter shooter(dir, w, h);
    Harness& ui = shooter.ui;
    auto shot = [&](const std::string& name) { shooter.shot(name, true); };
    {
        caisse::Till& till = ui.till();
        const caisse::Actor karim = till.sign_in("Karim", "2345");
        using caisse::testing::sell_text;
        till.sell(karim, sell_text({"MAFE*6", "YASSA*3", "BISSAP*5"}, std::nullopt, {"card"}));
        till.sell(karim, sell_text({"TAJINE*4", "COUSC*5", "CORNE*2", "EAU*3"}, std::nullopt, {"card"}));
        till.sell(karim, sell_text({"BOBUN*7", "NEMS*3", "CAFE*6"}, std::nullopt, {"card"}));
        till.sell(karim, sell_text({"CEVI*2", "EMPA*4", "BIERE*3"}, std::nullopt, {"card"}));
        till.sell(karim, sell_text({"MAFE*2", "COUSC", "CHE*2"}, std::nullopt, {"card"}));
        caisse::add_charge(till, karim, {"2026-03-01", caisse::Money::cents(6000), caisse::Money::cents(1000), "emplacement", "Mairie du 11e",
                                         std::nullopt, false});
        caisse::add_charge(till, karim, {"2026-03-02", caisse::Money::cents(3300), caisse::Money::cents(300), "ingrédients",
                                         "Épicerie Diallo", "Aminata Diop", false});
        caisse::add_hours(till, karim, {"2026-03-02", "Mei Nguyen", 450});
        caisse::add_hours(till, karim, {"2026-03-02", "Aminata Diop", 390});
    }
    ui.login("Karim", "2345");
    ui.tap("cash");
    ui.tap("menu:cape");
    shot("cape-statement");
    ui.tap("cape_tab:what_if");
    shot("cape-what-if");
    ui.tap("whatif_vote:hybrid:30");  // a vote is asked first
    ui.wait(0.5f);
    shot("cape-what-if-vote");
    ui.tap("confirm_no");
    ui.tap("cape_tab:charges");
    shot("cape-charges");
    ui.tap("charge_new");
    ui.type("24,90", "charge_pad");
    ui.tap("charge_vat:550");
    ui.tap("charge_cat:ingredients");
    ui.tap("charge_supplier");
    ui.type("metro", "kbd");
    ui.tap("charge_typed");
    shot("cape-charge-form");
    ui.tap("charge_cancel");
    ui.tap("cape_tab:hours");
    ui.reveal_chip("hours_for:Rosa Quispe", "hours_for");
    ui.tap("hours_for:Rosa Quispe");
    for (int i = 0; i < 6; ++i) ui.tap("hours+60");
    ui.tap("hours+15");
    shot("cape-hours");
}

// The manager's screens (issue 12 item 13): products (list, edit, a name typed with accents),
// entrepreneurs (list, a receipt header typed), users (list, a role, adding one), settings; the
// sale in English.
void shoot_manage(const std::string& dir, int w, int h) {
    Shooter shooter(dir, w, h);
    Harness& ui = shooter.ui;
    auto shot = [&](const std::string& name) { shooter.shot(name, true); };
    ui.login("Karim", "2345");
    ui.tap("cash");
    ui.tap("menu:manage");
    shot("manage-products");
    ui.tap("mp_product:MAFE");  // a product with a picture (issue 12 item 8)
    ui.type("9,8", "mp_pad");
    shot("manage-product-edit");
    ui.tap("mp_cancel");
    ui.tap("mp_new");
    ui.tap("mp_name");
    ui.tap("kbd:shift");
    ui.tap("kbd:c");
    ui.tap("kbd:shift");
    ui.type("r", "kbd");
    ui.tap("kbd:è");
    ui.type("me", "kbd");
    ui.tap("kbd:space");
    ui.type("br", "kbd");
    ui.tap("kbd:accents");
    ui.tap("kbd:û");
    shot("manage-product-name");
    ui.tap("kbd:accents");
    ui.tap("mp_typed");
    ui.tap("mp_cancel");
    ui.tap("manage_tab:entrepreneurs");
    shot("manage-entrepreneurs");
    ui.tap("me_brand:Mei Nguyen");
    ui.tap("me_header");
    ui.tap("kbd:shift");
    ui.tap("kbd:c");
    ui.tap("kbd:shift");
    ui.type("hez", "kbd");
    ui.tap("kbd:space");
    ui.tap("kbd:shift");
    ui.tap("kbd:m");
    ui.tap("kbd:shift");
    ui.type("ei", "kbd");
    ui.tap("me_typed");
    shot("manage-entrepreneur-brand");
    ui.tap("me_cancel");
    ui.tap("manage_tab:users");
    shot("manage-users");
    ui.tap("mu_change_role:Lucie");
    ui.tap("mu_set_role:manager");
    shot("manage-user-role");
    ui.tap("mu_cancel");
    ui.tap("mu_new");
    ui.tap("mu_role:manager");
    ui.type("48", "mu_pin");
    shot("manage-user-add");
    ui.tap("mu_cancel");
    ui.tap("manage_tab:settings");
    shot("manage-settings");
    // The sale in English: tiles, chips and cart lines from the catalogue's name_en and category_en.
    ui.tap("manage_back");
    ui.tap("lang");
    ui.tap("tile:MAFE");
    ui.tap("tile:BISSAP");
    shot("sell-english");
    ui.tap("lang");
}

// The quote editor (issue 14 item 8): a buffet for 60 with a free delivery line, the catalogue
// searched, the free line's form, the question before leaving unsaved.
void shoot_quote(const std::string& dir, int w, int h) {
    Shooter shooter(dir, w, h);
    Harness& ui = shooter.ui;
    auto shot = [&](const std::string& name) { shooter.shot(name, true); };
    ui.login("Karim", "2345");
    ui.tap("cash");
    ui.tap("menu:new-quote");
    shot("quote-no-customer");
    ui.tap("qe_cancel");
    const caisse::Actor karim = ui.till().sign_in("Karim", "2345");
    caisse::invoice::Customer c;
    c.party = caisse::invoice::Party{"Mairie de Bagnolet", "Place Salvador Allende", "93170", "Bagnolet", "FR",
                                     "219300480", "21930048000015", "FR19219300480"};
    c.public_buyer = true;
    c.service_code_required = true;
    c.service_code = "FETES-CEREMONIES";
    c.commitment_number = "EJ-2026-004512";
    caisse::add_customer(ui.till(), karim, c);
    c.party.name = "Association Les Jardins";
    c.public_buyer = false;
    c.party.siren.clear();
    c.party.siret.clear();
    c.party.vat_number.clear();
    caisse::add_customer(ui.till(), karim, c);
    ui.tap("cash");
    ui.tap("menu:new-quote");
    shot("quote-new");
    ui.tap("qe_customer:1");
    ui.tap("qe_guests");
    ui.type("60", "qe_pad");
    shot("quote-guests");
    ui.tap("qe_pad_ok");
    ui.tap("qe_place");
    ui.tap("kbd:s");
    ui.tap("kbd:shift");
    ui.type("alle", "kbd");
    ui.tap("kbd:space");
    ui.type("des", "kbd");
    ui.tap("kbd:space");
    ui.type("f", "kbd");
    ui.tap("kbd:accents");
    ui.tap("kbd:ê");
    ui.tap("kbd:accents");
    ui.type("tes", "kbd");
    ui.tap("qe_typed");
    ui.tap("qe_add_catalogue");
    ui.type("ma", "kbd");
    shot("quote-catalogue");
    ui.tap("qe_product:MAFE");
    ui.tap("qe_per_guest:1");
    ui.tap("qe_add_catalogue");
    ui.tap("qe_product:TAJINE");
    ui.tap("qe_per_guest:2");
    ui.tap("qe_add_free");
    ui.tap("qe_free_description");
    ui.tap("kbd:l");
    ui.tap("kbd:shift");
    ui.type("ivraison", "kbd");
    ui.tap("qe_typed");
    ui.type("45", "qe_price");
    ui.tap("qe_vat:2000");
    shot("quote-free-line");
    ui.tap("qe_free_add");
    shot("quote-editor");
    ui.tap("qe_cancel");
    shot("quote-leave");
    ui.tap("confirm_no");
}

// The catering screens (issue 14 item 8): the orders, the customers and the form adding one, an
// order with its deposit panel, the confirmation, the invoices and the payment panel.
void shoot_catering(const std::string& dir, int w, int h) {
    Shooter shooter(dir, w, h);
    Harness& ui = shooter.ui;
    auto shot = [&](const std::string& name) { shooter.shot(name, false); };
    // The worked example's seller and city hall, three quotes at three stages.
    using namespace caisse;
    Till& till = ui.till();
    const auto seller = invoice::example::seller();
    for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
             {"business.name", seller.name}, {"business.address", seller.address}, {"business.postcode", seller.postcode},
             {"business.city", seller.city}, {"business.siret", seller.siret}, {"business.vat_number", seller.vat_number},
             {"invoice.iban", "FR7630006000011234567890189"}, {"invoice.bic", "AGRIFRPP"}})
        till.ledger().set_setting(k, v);
    const Actor karim = till.sign_in("Karim", "2345");
    const auto hall = add_customer(till, karim, invoice::example::city_hall());
    invoice::Customer coop;
    coop.party = invoice::Party{"Coopérative Informatique du Bas-Montreuil", "3 rue des Lilas", "93100", "Montreuil", "FR", "", "", ""};
    const auto it = add_customer(till, karim, coop);
    auto quote = [&](std::int64_t customer, const char* day, std::int64_t guests, std::vector<std::string> skus) {
        const auto q = new_quote(till, karim, QuoteRequest{customer, invoice::PriceBasis::incl_vat, guests, day, "Salle des fêtes", "", ""});
        for (const auto& sku : skus) {
            QuoteLineRequest l;
            l.quote = q.id;
            l.sku = sku;
            l.quantity_milli = guests * 1000;
            add_quote_line(till, karim, l);
        }
        return q.id;
    };
    quote(it.id, "2026-04-10", 25, {"BOBUN", "CHE"});
    const auto paid = quote(hall.id, "2026-03-14", 60, {"MAFE", "TAJINE", "CEVI", "BISSAP"});
    const auto late = quote(it.id, "2026-03-05", 12, {"COUSC"});
    const auto o1 = accept_quote(till, karim, paid);
    issue_deposit(till, karim, o1.id, invoice::DepositAsk{3000, Money()});
    accept_quote(till, karim, late);
    ui.login("Karim", "2345");
    ui.tap("cash");
    shot("catering-menu");
    ui.tap("menu:catering");
    shot("catering-orders");
    ui.tap("catering_tab:customers");
    shot("catering-customers");
    ui.tap("cc_new");
    ui.tap("cc_public:yes");
    ui.tap("cc_field:name");
    ui.tap("kbd:shift");
    ui.tap("kbd:m");
    ui.tap("kbd:shift");
    ui.type("airie", "kbd");
    shot("catering-customer-typing");
    ui.tap("cc_typed");
    shot("catering-customer-form");
    ui.tap("cc_cancel");
    ui.tap("catering_tab:orders");
    ui.tap("catering_order:1");
    shot("catering-quote");
    ui.tap("catering_tab:orders");
    ui.tap("catering_order:" + std::to_string(paid));
    shot("catering-order");
    ui.tap("co_deposit");
    ui.tap("co_deposit_amount");
    ui.type("150", "co_pad");
    shot("catering-deposit");
    ui.tap("co_panel_cancel");
    ui.tap("co_final");
    ui.wait(0.5f);
    shot("catering-confirm");
    ui.tap("catering_confirm_yes");
    shot("catering-invoice");
    ui.tap("co_pay");
    shot("catering-payment");
    ui.tap("co_panel_cancel");
    ui.tap("catering_tab:orders");
    ui.tap("catering_order:" + std::to_string(late));
    shot("catering-order-accepted");
}

}  // namespace

int main(int argc, char** argv) {
    // A second argument "catering" shoots those screens only (a quicker look while working on them).
    if (argc != 2 && !(argc == 3 && std::string(argv[2]) == "catering")) {
        std::fprintf(stderr, "usage: caisse-ui-screenshots OUTDIR [catering] (under xvfb-run)\n");
        return 2;
    }
    std::filesystem::create_directories(argv[1]);
    if (!glfwInit()) {
        std::fprintf(stderr, "no display: run under xvfb-run\n");
        return 4;
    }
    if (argc == 3) {
        shoot_catering(argv[1], 1024, 768);
        shoot_catering(argv[1], 1920, 1080);
        glfwTerminate();
        return 0;
    }
    shoot(argv[1], 1024, 768);
    shoot(argv[1], 1920, 1080);
    shoot_cape(argv[1], 1024, 768);
    shoot_cape(argv[1], 1920, 1080);
    shoot_manage(argv[1], 1024, 768);
    shoot_manage(argv[1], 1920, 1080);
    shoot_quote(argv[1], 1024, 768);
    shoot_quote(argv[1], 1920, 1080);
    shoot_catering(argv[1], 1024, 768);
    shoot_catering(argv[1], 1920, 1080);
    glfwTerminate();
    return 0;
}
