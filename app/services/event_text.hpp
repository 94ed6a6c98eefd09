#pragma once
// The JET's details in the reader's language (issue 9, item 4). A detail is recorded in English in
// the signed record ("Z 3, session 4, total 152.40", "needs the manager role"): the record must
// not change, so the screen and `caisse events` recognise each shape the till writes and give it
// back as a Message, whose template assets/i18n/<lang>.po translates.
#include <string>
#include <vector>

#include "app/core/message.hpp"
#include "db/records/event_log.hpp"

namespace caisse {

// The detail of e as a translatable message: a known shape becomes its template with the values
// read from it (amounts "152.40" as money, role and tender words translated in their turn); any
// other detail (settings "key=value", a name) is kept as recorded. Never throws.
Message event_detail_message(const db::LogEntry& e);

// Every template event_detail_message can return (the French catalogue test checks each has a
// translation).
std::vector<std::string> event_detail_templates();

}  // namespace caisse
