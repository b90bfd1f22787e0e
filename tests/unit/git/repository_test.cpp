#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>
#include <vouch/git/repository.hpp>

using namespace vouch;
namespace fs = std::filesystem;

namespace {

// A throwaway repository made with the git CLI: main has two commits, "feature" one more.
class RepoFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "vouch-git-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        git("init -q -b main");
        write("a.txt", "one");
        git("add a.txt");
        git("commit -q -m one");
        first = head();
        write("a.txt", "two");
        git("commit -q -am two");
        second = head();
        git("checkout -q -b feature");
        write("b.txt", "three");
        git("add b.txt");
        git("commit -q -m three");
        feature = head();
        git("checkout -q main");
        git("remote add origin https://example.com/acme/shop.git");
    }
    void TearDown() override { fs::remove_all(dir); }

    void git(const std::string& args) {
        const std::string command = "git -C '" + dir.string() +
                                    "' -c user.name=t -c user.email=t@example.com "
                                    "-c commit.gpgsign=false " +
                                    args + " >/dev/null 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
    void write(const std::string& name, const std::string& content) {
        std::ofstream(dir / name) << content;
    }
    std::string head() {
        auto sha = git::resolve_commit(dir, "HEAD");
        EXPECT_TRUE(sha);
        return sha ? *sha : "";
    }

    fs::path dir;
    std::string first, second, feature;
};

} // namespace

TEST_F(RepoFixture, DescribesHead) {
    auto info = git::describe_commit(dir, "");
    ASSERT_TRUE(info) << info.error().describe();
    EXPECT_EQ(info->sha, second);
    EXPECT_EQ(info->sha.size(), 40U);
    EXPECT_EQ(info->branch, "main");
    EXPECT_EQ(info->remote_url, "https://example.com/acme/shop.git");
    EXPECT_FALSE(info->dirty);
}

TEST_F(RepoFixture, ResolvesRevisionsAndBranchNames) {
    auto by_branch = git::describe_commit(dir, "feature");
    ASSERT_TRUE(by_branch);
    EXPECT_EQ(by_branch->sha, feature);
    EXPECT_EQ(by_branch->branch, "feature");
    auto older = git::describe_commit(dir, "HEAD~1");
    ASSERT_TRUE(older);
    EXPECT_EQ(older->sha, first);
    EXPECT_EQ(older->branch, "");
    auto bad = git::describe_commit(dir, "no-such-rev");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::usage);
}

TEST_F(RepoFixture, DirtyTreeIsDetected) {
    write("a.txt", "changed");
    auto modified = git::describe_commit(dir, "");
    ASSERT_TRUE(modified);
    EXPECT_TRUE(modified->dirty);
    EXPECT_EQ(modified->dirty_paths, std::vector<std::string>{"a.txt"});
    git("add a.txt");
    auto staged = git::describe_commit(dir, "");
    ASSERT_TRUE(staged);
    EXPECT_TRUE(staged->dirty);
    git("reset -q --hard");
    git("rm -q --cached a.txt");
    auto removed = git::describe_commit(dir, "");
    ASSERT_TRUE(removed);
    EXPECT_TRUE(removed->dirty);
    git("reset -q --hard");
    write("new.txt", "untracked"); // as CI writes sbom.json or verdict.json before signing
    auto untracked = git::describe_commit(dir, "");
    ASSERT_TRUE(untracked);
    EXPECT_FALSE(untracked->dirty);
}

TEST_F(RepoFixture, Reachability) {
    auto yes = git::is_reachable_from_branch(dir, first, "main");
    ASSERT_TRUE(yes);
    EXPECT_TRUE(*yes);
    auto tip = git::is_reachable_from_branch(dir, second, "main");
    ASSERT_TRUE(tip);
    EXPECT_TRUE(*tip);
    auto no = git::is_reachable_from_branch(dir, feature, "main");
    ASSERT_TRUE(no);
    EXPECT_FALSE(*no);
    auto missing = git::is_reachable_from_branch(dir, std::string(40, 'a'), "main");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::rejected);
    EXPECT_FALSE(git::is_reachable_from_branch(dir, first, "no-such-branch"));
    EXPECT_FALSE(git::is_reachable_from_branch(dir, "zz", "main"));
}

TEST(Git, NotARepository) {
    auto result = git::describe_commit("/", "");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::io);
}

TEST_F(RepoFixture, RemoteWithoutOriginAndNoRemote) {
    git("remote rename origin upstream");
    auto upstream = git::describe_commit(dir, "");
    ASSERT_TRUE(upstream);
    EXPECT_EQ(upstream->remote_url, "https://example.com/acme/shop.git");
    git("remote remove upstream");
    auto none = git::describe_commit(dir, "");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->remote_url, "");
}
