#include <gtest/gtest.h>
#include <vouch/license/license.hpp>

using namespace vouch::license;
using Kind = Classified::Kind;

TEST(License, CanonicalIdsAreCaseInsensitive) {
    EXPECT_EQ(canonical_license_id("mit"), "MIT");
    EXPECT_EQ(canonical_license_id("apache-2.0"), "Apache-2.0");
    EXPECT_EQ(canonical_license_id("GPL-2.0"), "GPL-2.0") << "deprecated ids are still ids";
    EXPECT_FALSE(canonical_license_id("Custom"));
    EXPECT_EQ(canonical_exception_id("classpath-exception-2.0"), "Classpath-exception-2.0");
}

TEST(License, Expressions) {
    EXPECT_EQ(normalize_expression("(mit OR apache-2.0)"), "(MIT OR Apache-2.0)");
    EXPECT_EQ(
        normalize_expression("MIT AND (BSD-3-Clause OR GPL-2.0-only WITH Classpath-exception-2.0)"),
        "MIT AND (BSD-3-Clause OR GPL-2.0-only WITH Classpath-exception-2.0)");
    EXPECT_EQ(normalize_expression("Apache-2.0+"), "Apache-2.0+");
    EXPECT_EQ(normalize_expression("LicenseRef-acme-1"), "LicenseRef-acme-1");
    EXPECT_EQ(normalize_expression("DocumentRef-x:LicenseRef-y"), "DocumentRef-x:LicenseRef-y");
    for (const char* bad : {"", "MIT OR", "(MIT", "MIT)", "MIT and Apache-2.0", "MIT WITH MIT",
                            "Custom", "OR MIT", "MIT Apache-2.0", "LicenseRef-"}) {
        EXPECT_FALSE(normalize_expression(bad)) << bad;
    }
    EXPECT_FALSE(normalize_expression(std::string(10000, '(') + "MIT" + std::string(10000, ')')));
    EXPECT_FALSE(normalize_expression(std::string(60, '(') + "MIT" + std::string(60, ')')) ==
                 std::nullopt);
}

TEST(License, ClassifyForSboms) {
    EXPECT_EQ(classify("MIT").kind, Kind::id);
    EXPECT_EQ(classify(" isc ").value, "ISC");
    EXPECT_EQ(classify("(MIT OR Apache-2.0)").kind, Kind::expression);
    EXPECT_EQ(classify("SEE LICENSE IN LICENSE.md").kind, Kind::name);
    EXPECT_EQ(classify("").kind, Kind::unknown);
}
