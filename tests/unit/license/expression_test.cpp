#include <gtest/gtest.h>
#include <vouch/license/license.hpp>

using namespace vouch;
using namespace vouch::license;
using EKind = Expression::Kind;

namespace {

Expression parsed(std::string_view text) {
    auto e = parse_expression(text);
    EXPECT_TRUE(e.has_value()) << text << ": " << (e ? "" : e.error().message);
    return e ? *e : Expression{};
}

std::string error_of(std::string_view text) {
    auto e = parse_expression(text);
    EXPECT_FALSE(e.has_value()) << text;
    if (e) {
        return {};
    }
    EXPECT_EQ(e.error().code, Errc::parse);
    return e.error().message;
}

} // namespace

TEST(Expression, VendoredListIsCurrent) {
    EXPECT_EQ(spdx_list_version(), "3.28.0");
    // Added to the SPDX list after 3.0.12 (the Debian package this replaced).
    EXPECT_TRUE(canonical_license_id("MIT-Khronos-old"));
    EXPECT_TRUE(is_deprecated_id("GPL-2.0"));
    EXPECT_FALSE(is_deprecated_id("GPL-2.0-only"));
}

TEST(Expression, SingleIdAndSuffixes) {
    auto e = parsed("mit");
    EXPECT_EQ(e.kind, EKind::license);
    EXPECT_EQ(e.id, "MIT");
    e = parsed("Apache-2.0+");
    EXPECT_TRUE(e.or_later);
    EXPECT_EQ(e.term(), "Apache-2.0+");
    e = parsed("GPL-2.0-only WITH classpath-exception-2.0");
    EXPECT_EQ(e.exception, "Classpath-exception-2.0");
    EXPECT_EQ(e.term(), "GPL-2.0-only WITH Classpath-exception-2.0");
    e = parsed("LicenseRef-acme-1.0");
    EXPECT_TRUE(e.is_reference());
    e = parsed("DocumentRef-spdx-doc:LicenseRef-x");
    EXPECT_TRUE(e.is_reference());
    EXPECT_TRUE(parsed("GPL-2.0").deprecated);
}

TEST(Expression, AndOrAreFlattened) {
    auto e = parsed("MIT OR ISC OR Apache-2.0");
    EXPECT_EQ(e.kind, EKind::any_of);
    EXPECT_EQ(e.operands.size(), 3u);
    e = parsed("MIT AND ISC AND 0BSD");
    EXPECT_EQ(e.kind, EKind::all_of);
    EXPECT_EQ(e.operands.size(), 3u);
}

TEST(Expression, PrecedenceWithOverAndOverOr) {
    // MIT OR (ISC AND Apache-2.0)
    auto e = parsed("MIT OR ISC AND Apache-2.0");
    ASSERT_EQ(e.kind, EKind::any_of);
    ASSERT_EQ(e.operands.size(), 2u);
    EXPECT_EQ(e.operands[0].id, "MIT");
    EXPECT_EQ(e.operands[1].kind, EKind::all_of);
    // (MIT AND ISC) OR Apache-2.0
    e = parsed("MIT AND ISC OR Apache-2.0");
    ASSERT_EQ(e.kind, EKind::any_of);
    EXPECT_EQ(e.operands[0].kind, EKind::all_of);
    EXPECT_EQ(e.operands[1].id, "Apache-2.0");
    // WITH binds to the id next to it only.
    e = parsed("MIT AND GPL-2.0-only WITH Classpath-exception-2.0");
    ASSERT_EQ(e.kind, EKind::all_of);
    EXPECT_EQ(e.operands[1].exception, "Classpath-exception-2.0");
    EXPECT_TRUE(e.operands[0].exception.empty());
    // Parentheses override.
    e = parsed("(MIT OR ISC) AND Apache-2.0");
    ASSERT_EQ(e.kind, EKind::all_of);
    EXPECT_EQ(e.operands[0].kind, EKind::any_of);
    EXPECT_TRUE(e.operands[0].parenthesized);
    EXPECT_EQ(to_string(e), "(MIT OR ISC) AND Apache-2.0");
    // A parenthesized group of the same operator stays a group when re-spelled.
    EXPECT_EQ(to_string(parsed("MIT OR (ISC OR 0BSD)")), "MIT OR (ISC OR 0BSD)");
    EXPECT_EQ(to_string(parsed("  mit   AND(isc)")), "MIT AND (ISC)");
}

TEST(Expression, MalformedIsAClearError) {
    EXPECT_EQ(error_of(""), "empty licence expression");
    EXPECT_EQ(error_of("   "), "empty licence expression");
    EXPECT_EQ(error_of("MIT OR"), "column 7: expected a licence after OR");
    EXPECT_EQ(error_of("OR MIT"), "column 1: expected a licence, found \"OR\"");
    EXPECT_EQ(error_of("MIT AND AND ISC"), "column 9: expected a licence after AND, found \"AND\"");
    EXPECT_EQ(error_of("(MIT"), "column 1: unbalanced '(': no closing parenthesis");
    EXPECT_EQ(error_of("MIT)"), "column 4: unbalanced ')'");
    EXPECT_EQ(error_of("()"), "column 2: expected a licence after (, found \")\"");
    EXPECT_EQ(error_of("MIT ISC"), "column 5: expected AND, OR or WITH before \"ISC\"");
    EXPECT_EQ(error_of("Custom"), "column 1: unknown licence id \"Custom\"");
    EXPECT_EQ(error_of("MIT and ISC"),
              "column 5: operators are upper case: \"and\" is not AND/OR/WITH");
    EXPECT_EQ(error_of("MIT WITH MIT"), "column 10: unknown licence exception \"MIT\"");
    EXPECT_EQ(error_of("MIT WITH"), "column 9: expected an exception id after WITH");
    EXPECT_EQ(error_of("(MIT OR ISC) WITH Classpath-exception-2.0"),
              "column 14: WITH must follow a single licence id");
    EXPECT_EQ(error_of("LicenseRef-x WITH Classpath-exception-2.0"),
              "column 14: WITH cannot follow a LicenseRef");
    EXPECT_EQ(error_of("LicenseRef-"), "column 1: unknown licence id \"LicenseRef-\"");
    EXPECT_EQ(error_of("DocumentRef-a:"), "column 1: unknown licence id \"DocumentRef-a:\"");
    EXPECT_NE(error_of(std::string(60, '(') + "MIT" + std::string(59, ')')).find("unbalanced"),
              std::string::npos);
}

TEST(Expression, HostileAndHuge) {
    EXPECT_NE(error_of(std::string(100, '(') + "MIT" + std::string(100, ')')).find("deeper"),
              std::string::npos);
    EXPECT_NE(error_of(std::string(5000, 'M')).find("4096"), std::string::npos);
    std::string many = "MIT";
    for (int i = 0; i < 500; ++i) {
        many += " OR ISC";
    }
    EXPECT_EQ(parsed(many).operands.size(), 501u);
    EXPECT_FALSE(parse_expression(std::string("MIT\0OR ISC", 10)));
    EXPECT_FALSE(parse_expression("MIT \xff\xfe"));
}

TEST(Categories, WellKnownFamilies) {
    EXPECT_EQ(category_of("MIT"), Category::permissive);
    EXPECT_EQ(category_of("BSD-3-Clause"), Category::permissive);
    EXPECT_EQ(category_of("Apache-2.0"), Category::permissive);
    EXPECT_EQ(category_of("LGPL-2.1-or-later"), Category::weak_copyleft);
    EXPECT_EQ(category_of("MPL-2.0"), Category::weak_copyleft);
    EXPECT_EQ(category_of("GPL-3.0-only"), Category::strong_copyleft);
    EXPECT_EQ(category_of("AGPL-3.0-or-later"), Category::network_copyleft);
    EXPECT_EQ(category_of("SSPL-1.0"), Category::network_copyleft);
    EXPECT_EQ(category_of("CC-BY-NC-4.0"), Category::proprietary);
    EXPECT_EQ(category_of("CC-BY-4.0"), Category::permissive);
    EXPECT_EQ(category_of("CC-BY-SA-4.0"), Category::strong_copyleft);
    EXPECT_EQ(category_of("LicenseRef-acme"), Category::unknown);
    EXPECT_EQ(category_of("Glulxe"), Category::unknown);
    EXPECT_EQ(parse_category("network-copyleft"), Category::network_copyleft);
    EXPECT_FALSE(parse_category("copyleft"));
}

TEST(NpmLicense, SpdxAsWritten) {
    auto l = read_npm_license("(MIT OR Apache-2.0)");
    EXPECT_EQ(l.kind, NpmLicense::Kind::spdx);
    EXPECT_TRUE(l.notes.empty());
    EXPECT_EQ(read_npm_license("").kind, NpmLicense::Kind::none);
    EXPECT_EQ(read_npm_license("  ").kind, NpmLicense::Kind::none);
}

TEST(NpmLicense, CommonNonSpdxStrings) {
    auto l = read_npm_license("MIT/X11");
    EXPECT_EQ(l.kind, NpmLicense::Kind::corrected);
    EXPECT_EQ(to_string(*l.expression), "MIT");
    EXPECT_EQ(to_string(*read_npm_license("Apache 2.0").expression), "Apache-2.0");
    EXPECT_EQ(to_string(*read_npm_license("Apache License, Version 2.0").expression), "Apache-2.0");
    EXPECT_EQ(to_string(*read_npm_license("BSD").expression), "BSD-2-Clause OR BSD-3-Clause");
    l = read_npm_license("MIT or Apache-2.0");
    EXPECT_EQ(l.kind, NpmLicense::Kind::corrected);
    EXPECT_EQ(to_string(*l.expression), "MIT OR Apache-2.0");
    EXPECT_EQ(read_npm_license("UNLICENSED").kind, NpmLicense::Kind::unlicensed);
    l = read_npm_license("MIT OR Apache2"); // a legacy array, joined by the lockfile reader
    EXPECT_EQ(l.kind, NpmLicense::Kind::corrected);
    EXPECT_EQ(to_string(*l.expression), "MIT OR Apache-2.0");
    EXPECT_EQ(read_npm_license("MIT OR Nonsense").kind, NpmLicense::Kind::custom);
    l = read_npm_license("SEE LICENSE IN LICENSE.md");
    EXPECT_EQ(l.kind, NpmLicense::Kind::custom);
    EXPECT_EQ(l.notes.at(0), "custom licence text in LICENSE.md");
    l = read_npm_license("Custom: https://example.com");
    EXPECT_EQ(l.kind, NpmLicense::Kind::custom);
    EXPECT_NE(l.notes.at(0).find("unknown licence id"), std::string::npos);
}

TEST(NpmLicense, DeprecatedIdsAreFlaggedAndReplaced) {
    auto l = read_npm_license("GPL-2.0");
    EXPECT_EQ(l.kind, NpmLicense::Kind::corrected);
    EXPECT_EQ(to_string(*l.expression), "GPL-2.0-only");
    EXPECT_EQ(l.notes.at(0), "deprecated SPDX id GPL-2.0 read as GPL-2.0-only");
    EXPECT_EQ(to_string(*read_npm_license("LGPL-2.1+ OR MIT").expression),
              "LGPL-2.1-or-later OR MIT");
    EXPECT_EQ(to_string(*read_npm_license("GPL-2.0-with-classpath-exception").expression),
              "GPL-2.0-only WITH Classpath-exception-2.0");
    l = read_npm_license("Nunit");
    EXPECT_EQ(l.kind, NpmLicense::Kind::corrected);
    EXPECT_EQ(l.notes.at(0), "deprecated SPDX id Nunit");
}
