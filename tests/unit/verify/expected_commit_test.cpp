// The expected-commit rule shared by verify and sign --append (issue 7 item 1).
#include <gtest/gtest.h>
#include <vouch/verify/expected_commit.hpp>

using namespace vouch;

namespace {
const std::string k_sha_a(40, 'a');
const std::string k_sha_b(40, 'b');
} // namespace

TEST(ExpectedCommit, NoSourceIsAUsageErrorNamingEveryWay) {
    const auto expected = verify::resolve_expected_commit({});
    ASSERT_FALSE(expected);
    EXPECT_EQ(expected.error().code, Errc::usage);
    for (const char* way :
         {"--commit", "VERCEL_GIT_COMMIT_SHA", "GITHUB_SHA", "--repo", "--any-commit"}) {
        EXPECT_NE(expected.error().message.find(way), std::string::npos) << way;
    }
}

TEST(ExpectedCommit, CommitFlagWinsAndIsLowercased) {
    verify::CommitSources sources;
    sources.commit_flag = std::string(40, 'A');
    sources.ci_variables = {{"GITHUB_SHA", k_sha_b}};
    const auto expected = verify::resolve_expected_commit(sources);
    ASSERT_TRUE(expected) << expected.error().describe();
    EXPECT_EQ(*expected->sha, k_sha_a);
    EXPECT_EQ(expected->source, "--commit");
    EXPECT_FALSE(expected->any_commit);
}

TEST(ExpectedCommit, FirstCiVariableThatIsSet) {
    verify::CommitSources sources;
    sources.ci_variables = {{"VERCEL_GIT_COMMIT_SHA", ""}, {"GITHUB_SHA", k_sha_b}};
    const auto expected = verify::resolve_expected_commit(sources);
    ASSERT_TRUE(expected) << expected.error().describe();
    EXPECT_EQ(*expected->sha, k_sha_b);
    EXPECT_EQ(expected->source, "GITHUB_SHA");
}

TEST(ExpectedCommit, CiVariableThatIsNotAShaIsAUsageError) {
    verify::CommitSources sources;
    sources.ci_variables = {{"GITHUB_SHA", "main"}};
    const auto expected = verify::resolve_expected_commit(sources);
    ASSERT_FALSE(expected);
    EXPECT_EQ(expected.error().code, Errc::usage);
}

TEST(ExpectedCommit, ShortCommitNeedsARepo) {
    verify::CommitSources sources;
    sources.commit_flag = "abc123";
    EXPECT_EQ(verify::resolve_expected_commit(sources).error().code, Errc::usage);
}

TEST(ExpectedCommit, AnyCommitIsAnExplicitOptOut) {
    verify::CommitSources sources;
    sources.any_commit = true;
    sources.ci_variables = {{"GITHUB_SHA", k_sha_b}};
    const auto expected = verify::resolve_expected_commit(sources);
    ASSERT_TRUE(expected) << expected.error().describe();
    EXPECT_TRUE(expected->any_commit);
    EXPECT_FALSE(expected->sha);
}

TEST(ExpectedCommit, AnyCommitWithCommitContradicts) {
    verify::CommitSources sources;
    sources.any_commit = true;
    sources.commit_flag = k_sha_a;
    EXPECT_EQ(verify::resolve_expected_commit(sources).error().code, Errc::usage);
}

TEST(ExpectedCommit, RepoThatIsNotARepository) {
    verify::CommitSources sources;
    sources.repo = "/nonexistent/vouch-no-repo";
    const auto expected = verify::resolve_expected_commit(sources);
    ASSERT_FALSE(expected);
    EXPECT_NE(expected.error().code, Errc::rejected);
}
