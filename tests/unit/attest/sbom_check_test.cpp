// inspect_sbom: which documents sign accepts as an SBOM and which lockfile they name (issue 7
// item 8). Malformed, truncated, wrong-type, hostile and huge inputs.
#include <gtest/gtest.h>
#include <string>
#include <vouch/attest/sbom_check.hpp>

using namespace vouch;
using attest::inspect_sbom;

namespace {

const std::string k_sha(64, 'a');

std::string cyclonedx(const std::string& properties) {
    return R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"properties":[)" +
           properties + R"(]},"components":[]})";
}

} // namespace

TEST(SbomCheck, VouchCycloneDxNamesItsLockfile) {
    auto facts =
        inspect_sbom(cyclonedx(R"({"name":"vouch:lockfile:path","value":"package-lock.json"},)"
                               R"({"name":"vouch:lockfile:sha256","value":")" +
                               k_sha + R"("})"),
                     "sbom.cdx.json");
    ASSERT_TRUE(facts) << facts.error().describe();
    EXPECT_EQ(facts->format, "CycloneDX");
    EXPECT_EQ(facts->lockfile_sha256, k_sha);
}

TEST(SbomCheck, VouchSpdxNamesItsLockfile) {
    const std::string text =
        std::string(R"({"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","creationInfo":)") +
        R"({"comment":"From shop/package-lock.json (lockfileVersion 3, sha256 )" + k_sha + ")\"}}";
    auto facts = inspect_sbom(text, "sbom.spdx.json");
    ASSERT_TRUE(facts) << facts.error().describe();
    EXPECT_EQ(facts->format, "SPDX");
    EXPECT_EQ(facts->lockfile_sha256, k_sha);
}

TEST(SbomCheck, OtherToolsSbomsNameNoLockfile) {
    auto cdx =
        inspect_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[]})", "x");
    ASSERT_TRUE(cdx);
    EXPECT_FALSE(cdx->lockfile_sha256);
    auto spdx =
        inspect_sbom(R"({"spdxVersion":"SPDX-2.2","creationInfo":{"comment":"by syft"}})", "x");
    ASSERT_TRUE(spdx);
    EXPECT_FALSE(spdx->lockfile_sha256);
}

TEST(SbomCheck, NotAnSbomIsRejected) {
    for (const std::string text :
         {R"({"not":"an sbom"})", R"([])", R"("CycloneDX")", R"(42)", R"({"bomFormat":"SPDX"})",
          R"({"bomFormat":"CycloneDX"})", R"({"bomFormat":"CycloneDX","specVersion":1.6})",
          R"({"bomFormat":["CycloneDX"],"specVersion":"1.6"})", R"({"spdxVersion":2.3})",
          R"({"spdxVersion":"2.3"})"}) {
        auto facts = inspect_sbom(text, "in.json");
        ASSERT_FALSE(facts) << text;
        EXPECT_EQ(facts.error().code, Errc::rejected) << text;
        EXPECT_EQ(facts.error().file, "in.json");
    }
}

TEST(SbomCheck, MalformedAndTruncatedJsonIsAParseErrorWithPosition) {
    for (const std::string& text : {std::string("{\"bomFormat\":\"CycloneDX\",\n\"specVersion\":"),
                                    std::string("{\"bomFormat\" \"CycloneDX\"}"), std::string(""),
                                    std::string("{\"a\":1e999999}")}) {
        auto facts = inspect_sbom(text, "bad.json");
        ASSERT_FALSE(facts) << text;
        EXPECT_EQ(facts.error().code, Errc::parse) << text;
        EXPECT_EQ(facts.error().file, "bad.json");
        EXPECT_GE(facts.error().line, 1U) << text;
    }
}

TEST(SbomCheck, HostileLockfileProperties) {
    // Two different digests: which lockfile it describes is ambiguous.
    auto two = inspect_sbom(cyclonedx(R"({"name":"vouch:lockfile:sha256","value":")" + k_sha +
                                      R"("},{"name":"vouch:lockfile:sha256","value":")" +
                                      std::string(64, 'b') + R"("})"),
                            "x");
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().code, Errc::rejected);
    // Not a digest, or the wrong type.
    for (const std::string& value : {std::string(R"("ABC")"), std::string("12"),
                                     std::string("null"), "\"" + std::string(64, 'A') + "\""}) {
        auto bad = inspect_sbom(
            cyclonedx(R"({"name":"vouch:lockfile:sha256","value":)" + value + "}"), "x");
        ASSERT_FALSE(bad) << value;
        EXPECT_EQ(bad.error().code, Errc::rejected) << value;
    }
    // Wrong-type containers are ignored, not crashed on.
    auto odd =
        inspect_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":[1,2]})", "x");
    ASSERT_TRUE(odd);
    EXPECT_FALSE(odd->lockfile_sha256);
    // An SPDX comment that only looks like vouch's is not trusted.
    auto spoof = inspect_sbom(
        R"({"spdxVersion":"SPDX-2.3","creationInfo":{"comment":"sha256 )" + k_sha + R"("}})", "x");
    ASSERT_TRUE(spoof);
    EXPECT_FALSE(spoof->lockfile_sha256);
}

TEST(SbomCheck, DeepNestingAndHugeInputDoNotCrash) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto nested = inspect_sbom(deep, "deep.json");
    ASSERT_FALSE(nested);
    std::string huge = R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[)";
    for (int i = 0; i < 100000; ++i) {
        huge += (i ? "," : "") + std::string(R"({"type":"library","name":"p)") + std::to_string(i) +
                R"(","version":"1.0.0"})";
    }
    huge += "]}";
    auto big = inspect_sbom(huge, "huge.json");
    ASSERT_TRUE(big) << big.error().describe();
    EXPECT_EQ(big->format, "CycloneDX");
}
