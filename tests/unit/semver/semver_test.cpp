// Hand-written cases per range form; expectations are node-semver 7.x behaviour.
#include <gtest/gtest.h>
#include <vouch/semver/semver.hpp>

using namespace vouch::semver;

namespace {
std::string norm(std::string_view range) {
    const auto r = Range::parse(range);
    return r ? to_string(*r) : "invalid";
}
} // namespace

TEST(Version, ParsesStrictSemver) {
    const auto v = Version::parse("1.2.3-beta.11+build.7");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->major, 1u);
    EXPECT_EQ(v->minor, 2u);
    EXPECT_EQ(v->patch, 3u);
    ASSERT_EQ(v->prerelease.size(), 2u);
    EXPECT_FALSE(v->prerelease[0].numeric);
    EXPECT_EQ(v->prerelease[0].text, "beta");
    EXPECT_TRUE(v->prerelease[1].numeric);
    EXPECT_EQ(v->prerelease[1].number, 11u);
    EXPECT_EQ(v->build, (std::vector<std::string>{"build", "7"}));
    EXPECT_EQ(v->to_string(), "1.2.3-beta.11");
    EXPECT_TRUE(v->is_prerelease());
}

TEST(Version, AcceptsWhatNodeSemverAccepts) {
    EXPECT_EQ(Version::parse("v1.2.3")->to_string(), "1.2.3");
    EXPECT_EQ(Version::parse("  1.2.3\t")->to_string(), "1.2.3");
    EXPECT_EQ(Version::parse("\xC2\xA0"
                             "1.2.3")
                  ->to_string(),
              "1.2.3"); // NBSP is trimmed
    EXPECT_EQ(Version::parse("9007199254740991.0.0")->major, 9007199254740991u);
    EXPECT_EQ(Version::parse("1.2.3+01")->to_string(), "1.2.3"); // build ids may lead with 0
    EXPECT_TRUE(Version::parse("1.2.3-0a"));
    EXPECT_TRUE(Version::parse("1.2.3--"));
}

TEST(Version, RejectsWhatNodeSemverRejects) {
    for (const char* bad : {"",
                            "1",
                            "1.2",
                            "1.2.3.4",
                            "=1.2.3",
                            "vv1.2.3",
                            "V1.2.3",
                            "01.2.3",
                            "1.02.3",
                            "1.2.03",
                            "1.2.3-01",
                            "1.2.3-",
                            "1.2.3+",
                            "1.2.3-a..b",
                            "1.2.3 -beta",
                            "1.2.x",
                            "a.b.c",
                            "9007199254740992.0.0",
                            "1.99999999999999999999.0",
                            "-1.2.3",
                            "1.2.3\x01"}) {
        EXPECT_FALSE(Version::parse(bad)) << bad;
    }
    EXPECT_FALSE(Version::parse("1.2.3-" + std::string(251, 'a'))); // longer than 256
    EXPECT_TRUE(Version::parse("1.2.3-" + std::string(250, 'a')));
}

TEST(Version, PrecedenceFollowsSemver2) {
    const char* ordered[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                             "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
                             "1.0.0-rc.1",  "1.0.0",         "1.0.1",
                             "1.1.0",       "2.0.0",         "10.0.0"};
    for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
        const auto a = *Version::parse(ordered[i]);
        const auto b = *Version::parse(ordered[i + 1]);
        EXPECT_LT(compare(a, b), 0) << ordered[i] << " < " << ordered[i + 1];
        EXPECT_GT(compare(b, a), 0);
        EXPECT_TRUE(a < b);
    }
    EXPECT_TRUE(*Version::parse("1.0.0+a") == *Version::parse("1.0.0+b")); // build ignored
    EXPECT_LT(compare(*Version::parse("1.0.0-1"), *Version::parse("1.0.0-a")), 0);
    EXPECT_LT(compare(*Version::parse("1.0.0-A"), *Version::parse("1.0.0-a")), 0); // ASCII
}

TEST(Range, Primitives) {
    EXPECT_EQ(norm(">=1.2.3 <2.0.0"), ">=1.2.3 <2.0.0");
    EXPECT_EQ(norm("=1.2.3"), "1.2.3");
    EXPECT_EQ(norm("v1.2.3"), "1.2.3");
    EXPECT_EQ(norm(">= 1.2.3 < 2.0.0"), ">=1.2.3 <2.0.0"); // whitespace after operators
    EXPECT_EQ(norm("> =1.2.3"), ">=1.2.3");                // node-semver quirk
    EXPECT_TRUE(satisfies("1.5.0", ">=1.2.3 <2.0.0"));
    EXPECT_FALSE(satisfies("2.0.0", ">=1.2.3 <2.0.0"));
    EXPECT_TRUE(satisfies("1.2.3", "<=1.2.3"));
    EXPECT_FALSE(satisfies("1.2.3", "<1.2.3"));
    EXPECT_FALSE(satisfies("1.2.3", ">1.2.3"));
    EXPECT_TRUE(satisfies("1.2.3", "1.2.3"));
    EXPECT_TRUE(satisfies("1.2.3+build", "1.2.3"));
}

TEST(Range, CommasAreNotSeparators) {
    EXPECT_EQ(norm(">=1.2.3, <2.0.0"), "invalid");
    EXPECT_EQ(norm(">=1.2.3,<2.0.0"), "invalid");
    EXPECT_FALSE(satisfies("1.5.0", ">=1.2.3, <2.0.0"));
}

TEST(Range, Caret) {
    EXPECT_EQ(norm("^1.2.3"), ">=1.2.3 <2.0.0-0");
    EXPECT_EQ(norm("^0.2.3"), ">=0.2.3 <0.3.0-0");
    EXPECT_EQ(norm("^0.0.3"), ">=0.0.3 <0.0.4-0");
    EXPECT_EQ(norm("^1.2"), ">=1.2.0 <2.0.0-0");
    // ">=0.0.0" is rewritten to "any" and then dropped from the set.
    EXPECT_EQ(norm("^0.0"), "<0.1.0-0");
    EXPECT_EQ(norm("^0.x"), "<1.0.0-0");
    EXPECT_EQ(norm("^0.0.x"), "<0.1.0-0");
    EXPECT_EQ(norm("^1.2.3-beta.2"), ">=1.2.3-beta.2 <2.0.0-0");
    EXPECT_EQ(norm("^ 1.2.3"), ">=1.2.3 <2.0.0-0");
    EXPECT_EQ(norm("^*"), "");
    EXPECT_TRUE(satisfies("1.9.9", "^1.2.3"));
    EXPECT_FALSE(satisfies("2.0.0", "^1.2.3"));
    EXPECT_FALSE(satisfies("0.3.0", "^0.2.3"));
    EXPECT_FALSE(satisfies("0.0.4", "^0.0.3"));
    EXPECT_TRUE(satisfies("1.2.3-beta.3", "^1.2.3-beta.2"));
    EXPECT_FALSE(satisfies("1.2.4-beta.3", "^1.2.3-beta.2"));
    EXPECT_EQ(norm("^9007199254740991.0.0"), "invalid"); // upper bound overflows
}

TEST(Range, Tilde) {
    EXPECT_EQ(norm("~1.2.3"), ">=1.2.3 <1.3.0-0");
    EXPECT_EQ(norm("~1.2"), ">=1.2.0 <1.3.0-0");
    EXPECT_EQ(norm("~1"), ">=1.0.0 <2.0.0-0");
    EXPECT_EQ(norm("~0.2.3"), ">=0.2.3 <0.3.0-0");
    EXPECT_EQ(norm("~>1.2.3"), ">=1.2.3 <1.3.0-0");
    EXPECT_EQ(norm("~> 1.2"), ">=1.2.0 <1.3.0-0");
    EXPECT_EQ(norm("~1.2.3-beta.2"), ">=1.2.3-beta.2 <1.3.0-0");
    EXPECT_TRUE(satisfies("1.2.9", "~1.2.3"));
    EXPECT_FALSE(satisfies("1.3.0", "~1.2.3"));
}

TEST(Range, XRangesAndPartials) {
    EXPECT_EQ(norm("1.x"), ">=1.0.0 <2.0.0-0");
    EXPECT_EQ(norm("1.2.*"), ">=1.2.0 <1.3.0-0");
    EXPECT_EQ(norm("1"), ">=1.0.0 <2.0.0-0");
    EXPECT_EQ(norm("*"), "");
    EXPECT_EQ(norm(""), "");
    EXPECT_EQ(norm("x"), "");
    EXPECT_EQ(norm(">1"), ">=2.0.0");
    EXPECT_EQ(norm(">1.2"), ">=1.3.0");
    EXPECT_EQ(norm("<=1.2"), "<1.3.0-0");
    EXPECT_EQ(norm("<1"), "<1.0.0-0");
    EXPECT_EQ(norm(">*"), "<0.0.0-0");
    EXPECT_EQ(norm(">=0.0.0"), "");
    EXPECT_EQ(norm("1.x.3"), "invalid");
    EXPECT_TRUE(satisfies("1.99.0", "1.x"));
    EXPECT_TRUE(satisfies("0.0.0", "*"));
    EXPECT_FALSE(satisfies("1.0.0-beta", "*")); // prereleases never match "*"
    EXPECT_FALSE(satisfies("1.0.0", ">*"));
}

TEST(Range, Hyphen) {
    EXPECT_EQ(norm("1.2.3 - 2.3.4"), ">=1.2.3 <=2.3.4");
    EXPECT_EQ(norm("1.2 - 2.3"), ">=1.2.0 <2.4.0-0");
    EXPECT_EQ(norm("1.2.3 - 2"), ">=1.2.3 <3.0.0-0");
    EXPECT_EQ(norm("* - 2"), "<3.0.0-0");
    EXPECT_EQ(norm("1.2.3 - *"), ">=1.2.3");
    EXPECT_EQ(norm("1.2.3 -2.0.0"), "invalid");
    EXPECT_TRUE(satisfies("2.3.4", "1.2.3 - 2.3.4"));
    EXPECT_FALSE(satisfies("2.3.5", "1.2.3 - 2.3.4"));
    EXPECT_TRUE(satisfies("2.3.9", "1.2 - 2.3"));
}

TEST(Range, Unions) {
    EXPECT_EQ(norm("1.2.3 || 2.x"), "1.2.3||>=2.0.0 <3.0.0-0");
    EXPECT_EQ(norm("||"), "");
    EXPECT_TRUE(satisfies("2.5.0", "^1.0.0 || ^2.0.0"));
    EXPECT_FALSE(satisfies("3.0.0", "^1.0.0 || ^2.0.0"));
    // A lone "*" set swallows the union, prerelease alternatives included.
    EXPECT_EQ(norm("* || 1.2.3-beta"), "");
    EXPECT_FALSE(satisfies("1.2.3-beta", "* || 1.2.3-beta"));
    EXPECT_EQ(norm("<0.0.0-0 || 1.2.3"), "1.2.3");
}

TEST(Range, PrereleasesOnlyMatchSameTuple) {
    EXPECT_TRUE(satisfies("1.2.3-beta.2", ">=1.2.3-beta.1 <1.3.0"));
    EXPECT_FALSE(satisfies("1.2.4-beta.2", ">=1.2.3-beta.1 <1.3.0"));
    EXPECT_FALSE(satisfies("1.2.4-beta", "^1.2.3"));
    EXPECT_FALSE(satisfies("2.0.0-rc.1", "<2.0.0"));
    EXPECT_TRUE(satisfies("2.0.0-rc.1", "<=2.0.0-rc.1"));
}

TEST(Range, RejectsGarbageWithAMessage) {
    for (const char* bad : {"latest", "a.b.c", "1.2.3a", ">>1.2.3", "!1.2.3", "01.2.3",
                            "1.2.3 1.2.3a", "npm:foo@1"}) {
        const auto r = Range::parse(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, vouch::Errc::parse);
        EXPECT_NE(r.error().message.find(bad), std::string::npos) << r.error().message;
    }
    EXPECT_FALSE(satisfies("1.2.3", "latest"));
    EXPECT_FALSE(satisfies("not-a-version", "*"));
}

TEST(Range, HostileInputsStayLinear) {
    const std::string many(200000, '1');
    EXPECT_FALSE(Range::parse(many));
    std::string unions;
    for (int i = 0; i < 20000; ++i) {
        unions += "1.2." + std::to_string(i) + " || ";
    }
    unions += "3.0.0";
    const auto r = Range::parse(unions);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->satisfies(*Version::parse("1.2.19999")));
    EXPECT_FALSE(r->satisfies(*Version::parse("1.3.0")));
    EXPECT_FALSE(Range::parse(std::string(100000, '.') + "1"));
    EXPECT_FALSE(Range::parse("1.2.3-" + std::string(100000, 'a')));
    EXPECT_TRUE(Range::parse(std::string(100000, ' ') + "1.2.3"));
}

TEST(Version, HandBuiltIdentifiersCompareLikeParsedOnes) {
    Version built{1, 0, 0, {Identifier{true, 2, ""}}, {}};
    EXPECT_EQ(built.to_string(), "1.0.0-2");
    EXPECT_EQ(compare(built, *Version::parse("1.0.0-2")), 0);
    EXPECT_LT(compare(built, *Version::parse("1.0.0-10")), 0);
    EXPECT_LT(compare(built, *Version::parse("1.0.0-a")), 0);
    Version huge{1, 0, 0, {Identifier{true, 0, "99999999999999999999"}}, {}};
    EXPECT_GT(compare(huge, built), 0);
}
