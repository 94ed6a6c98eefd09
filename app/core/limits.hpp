#pragma once
// The till's limits on what comes from outside (CSV, CLI arguments, settings, the keypad), in one
// place. Each is a typo guard or a resource guard, never a business rule: a value past a limit is
// refused with a message naming the limit, and nothing is recorded. Issue 10, item 9.
#include <array>
#include <cstdint>

namespace caisse {

// --- Files -------------------------------------------------------------------------------------
// A catalogue of 10 000 products with long names is about 1.5 MiB; 8 MiB leaves room for pictures'
// paths and comments, and keeps a mistaken file (a video, /dev/zero) from filling memory.
inline constexpr std::int64_t kMaxCatalogueBytes = 8 * 1024 * 1024;
// A counter or market stall sells tens to hundreds of products; 10 000 rows is a generator or a
// wrong export, and the product grid would be unusable anyway.
inline constexpr std::int64_t kMaxCatalogueRows = 10'000;

// A product picture (PNG or JPEG) is shown on a tile of a few hundred pixels: 10 MiB is already a
// 20-megapixel photo straight from a camera; more is a wrong file. Its sides are at most 4096 pixels
// (decoding one takes 64 MiB for a moment, on the picture thread).
inline constexpr std::int64_t kMaxPictureFileBytes = 10 * 1024 * 1024;
inline constexpr int kMaxPictureSide = 4096;
// A picture's path as the catalogue and the product screen take it.
inline constexpr std::size_t kMaxPicturePathChars = 200;

// --- Names and texts (counted in Unicode code points, after UTF-8 checks) -----------------------
// A person's name (user, entrepreneur): 64 fits the status bar and a receipt line of 58 mm paper
// twice; real names are shorter.
inline constexpr std::size_t kMaxPersonNameChars = 64;
// A product name: two lines of a 48-column receipt, minus the price column.
inline constexpr std::size_t kMaxProductNameChars = 80;
// A category is a tab on the sell screen: short by nature.
inline constexpr std::size_t kMaxCategoryNameChars = 40;
// Why cash went in or out: one sentence.
inline constexpr std::size_t kMaxReasonChars = 200;
// The note explaining a difference at the close: a paragraph.
inline constexpr std::size_t kMaxNoteChars = 500;
// A business field printed on receipts (name, brand, address, footer): a few lines of paper.
inline constexpr std::size_t kMaxBusinessFieldChars = 300;

// --- Money and quantities ---------------------------------------------------------------------
// Quantity of one line: more than 9 999 of one item at a counter is a typo.
inline constexpr std::int64_t kMaxQuantity = 9999;
// Unit price, tax included: 100 000,00 €. A counter sells meals and crafts; catering invoices
// go through invoices, not the till. Six digits before the comma is what the keypad accepts.
inline constexpr std::int64_t kMaxUnitPriceCents = 10'000'000;
// Cash tendered beyond what is due: the change handed back may not exceed 500 € (the largest euro
// note). Change above that means the customer handed over at least one note that was not needed,
// which no one does: it is a mistyped amount (2000 typed for 20,00). A ceiling relative to the
// amount due (e.g. 10x) is not used: a 50 € note for a 2 € coffee (25x) is an everyday sale.
inline constexpr std::int64_t kMaxCashChangeCents = 50'000;
// Meal vouchers beyond what is due (kept by the till, no change): at most 25 €, the daily cap on
// what a customer may spend in meal vouchers (Code du travail, R3262-10). More is a mistyped amount.
inline constexpr std::int64_t kMaxVoucherExcessCents = 2'500;
// Largest float, cash move and drawer count: 100 000,00 € is far beyond any counter's drawer.
inline constexpr std::int64_t kMaxDrawerCents = 10'000'000;
// A charge of the CAPE roll-up (an invoice, a purchase): 100 000 EUR is more than a six-month
// cooperative spends on one invoice; above it is a typo (an amount typed in cents).
inline constexpr std::int64_t kMaxChargeCents = 10'000'000;
// Hours worked by one member on one day.
inline constexpr std::int64_t kMaxMinutesPerDay = 24 * 60;
// Pieces of one denomination in a drawer count: more is a typo, not a drawer.
inline constexpr std::int64_t kMaxPiecesPerDenomination = 9999;

// --- Invoices (catering, issue 14) -----------------------------------------------------------
// Lines of one invoice: a buffet's quote has a dozen; 200 is a generated or pasted document.
inline constexpr std::size_t kMaxInvoiceLines = 200;
// Quantity of one invoice line, in thousandths: 99 999 guests, hours or kilos is far past a caterer.
inline constexpr std::int64_t kMaxInvoiceQuantityMilli = 99'999'000;
// Unit price of one invoice line: 100 000,00 EUR (room hire for a week is far below).
inline constexpr std::int64_t kMaxInvoiceUnitPriceCents = 10'000'000;

// --- VAT --------------------------------------------------------------------------------------
// The rates of metropolitan France in basis points (CGI art. 278 to 281 nonies): 20 %, 10 %,
// 5,5 %, 2,1 % and 0 (exempt). Any other rate is refused unless the till is configured for it
// (setting vat.extra_rates, e.g. the overseas departments' 8,5 % and 2,1 %): a rate typed as 19,6
// (the rate before 2014) or 7 is an old spreadsheet, and would put wrong VAT on every ticket.
inline constexpr std::array<std::int32_t, 5> kStandardVatRatesBp = {0, 210, 550, 1000, 2000};
// How many extra rates a till may configure.
inline constexpr std::size_t kMaxExtraVatRates = 8;

}  // namespace caisse
