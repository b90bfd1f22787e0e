// Licence families. The table follows the usual classification (Blue Oak Council's permissive
// list, the FSF/OSI copyleft families); ids it does not name are "unknown", which the policy
// decides, so an unusual licence is looked at rather than guessed.
#include <string>
#include <vouch/license/license.hpp>

namespace vouch::license {

namespace {

struct Rule {
    const char* prefix; // an id equal to it, or starting with it when it ends in '-' or '.'
    Category category;
};

// First match wins: specific rules before the broader families.
constexpr Rule k_rules[] = {
    // Non-commercial / no-derivatives Creative Commons and source-available licences are not
    // open source: treated as proprietary.
    {"CC-BY-NC-", Category::proprietary},
    {"CC-BY-ND-", Category::proprietary},
    {"BUSL-", Category::proprietary},
    {"Elastic-", Category::proprietary},
    {"PolyForm-", Category::proprietary},
    {"SSPL-", Category::network_copyleft},
    {"AGPL-", Category::network_copyleft},
    {"RPL-", Category::network_copyleft},
    {"OSL-3.0", Category::network_copyleft},
    {"CC-BY-SA-", Category::strong_copyleft},
    {"GPL-", Category::strong_copyleft},
    {"EUPL-", Category::strong_copyleft},
    {"OSL-", Category::strong_copyleft},
    {"Sleepycat", Category::strong_copyleft},
    {"CECILL-C", Category::weak_copyleft},
    {"CECILL-B", Category::permissive},
    {"CECILL-", Category::strong_copyleft},
    {"LGPL-", Category::weak_copyleft},
    {"LGPLLR", Category::weak_copyleft},
    {"MPL-", Category::weak_copyleft},
    {"EPL-", Category::weak_copyleft},
    {"CDDL-", Category::weak_copyleft},
    {"CPL-1.0", Category::weak_copyleft},
    {"MS-RL", Category::weak_copyleft},
    {"APSL-", Category::weak_copyleft},
    {"OFL-", Category::weak_copyleft},
    {"Artistic-1.0", Category::weak_copyleft},
    {"Artistic-2.0", Category::permissive},
    {"MIT", Category::permissive},
    {"MIT-", Category::permissive},
    {"ISC", Category::permissive},
    {"Apache-", Category::permissive},
    {"BSD-", Category::permissive},
    {"0BSD", Category::permissive},
    {"Unlicense", Category::permissive},
    {"CC0-1.0", Category::permissive},
    {"CC-BY-", Category::permissive},
    {"WTFPL", Category::permissive},
    {"Zlib", Category::permissive},
    {"BlueOak-1.0.0", Category::permissive},
    {"Python-2.0", Category::permissive},
    {"PSF-2.0", Category::permissive},
    {"X11", Category::permissive},
    {"BSL-1.0", Category::permissive},
    {"NCSA", Category::permissive},
    {"PostgreSQL", Category::permissive},
    {"Unicode-", Category::permissive},
    {"W3C", Category::permissive},
    {"W3C-", Category::permissive},
    {"AFL-", Category::permissive},
    {"UPL-1.0", Category::permissive},
    {"MS-PL", Category::permissive},
    {"HPND", Category::permissive},
    {"ICU", Category::permissive},
    {"curl", Category::permissive},
    {"libpng-2.0", Category::permissive},
    {"Libpng", Category::permissive},
    {"OpenSSL", Category::permissive},
    {"ZPL-2.", Category::permissive},
    {"Beerware", Category::permissive},
    {"FSFAP", Category::permissive},
    {"NTP", Category::permissive},
};

bool matches(std::string_view id, std::string_view prefix) {
    if (id == prefix) {
        return true;
    }
    const char last = prefix.back();
    return (last == '-' || last == '.') && id.rfind(prefix, 0) == 0;
}

constexpr std::string_view k_category_names[k_category_count] = {
    "permissive", "weak-copyleft", "strong-copyleft", "network-copyleft", "proprietary", "unknown",
};

} // namespace

std::string_view to_string(Category category) {
    return k_category_names[static_cast<std::size_t>(category)];
}

std::optional<Category> parse_category(std::string_view text) {
    for (std::size_t i = 0; i < k_category_count; ++i) {
        if (k_category_names[i] == text) {
            return static_cast<Category>(i);
        }
    }
    return std::nullopt;
}

Category category_of(std::string_view id) {
    for (const auto& rule : k_rules) {
        if (matches(id, rule.prefix)) {
            return rule.category;
        }
    }
    return Category::unknown;
}

} // namespace vouch::license
