#include "db/records/projected_kind.hpp"

#include "db/records/catalogue.hpp"
#include "db/records/duplicate.hpp"
#include "db/records/event.hpp"
#include "db/records/imported_verify.hpp"
#include "db/records/member.hpp"
#include "db/records/session.hpp"
#include "db/records/training.hpp"
#include "db/records/user.hpp"

namespace caisse::db {

const std::vector<ProjectedKind>& projected_kinds() {
    static const std::vector<ProjectedKind> all = [] {
        std::vector<ProjectedKind> v;
        for (auto part : {catalogue_projected_kinds(), user_projected_kinds(), session_projected_kinds(), duplicate_projected_kinds(),
                          event_projected_kinds(), training_projected_kinds(), member_projected_kinds(), imported_projected_kinds()})
            for (auto& k : part) v.push_back(std::move(k));
        return v;
    }();
    return all;
}

}  // namespace caisse::db
