// The decision log's chain: appends, and detection of edit, delete, reorder, truncation (with a
// signed head) and a torn last line; appending after a torn line keeps every earlier entry.
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>
#include <vouch/audit/log.hpp>
#include <vouch/util/file.hpp>

using namespace vouch;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string templ = (fs::temp_directory_path() / "vouch-audit-XXXXXX").string();
        path = ::mkdtemp(templ.data());
    }
    ~TempDir() { fs::remove_all(path); }
};

audit::Entry entry(int n) {
    audit::Entry e;
    e.event = "gate";
    e.actor = {{"ci", "local"}, {"user", "tester"}};
    e.deployment = "dpl_" + std::to_string(n);
    e.commit = std::string(40, 'a');
    e.verdict = n % 2 ? "go" : "no-go";
    e.reasons = {"reason \"" + std::to_string(n) + "\"\nwith a newline"};
    e.key_ids = {"0123456789ABCDEF"};
    e.time = util::TimePoint(std::chrono::seconds(1790000000 + n));
    return e;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) {
        out += line + "\n";
    }
    return out;
}

std::string make_log(const fs::path& path, int count) {
    for (int i = 1; i <= count; ++i) {
        auto appended = audit::append(path, entry(i));
        EXPECT_TRUE(appended) << appended.error().describe();
        EXPECT_EQ(appended->seq, static_cast<std::uint64_t>(i));
    }
    return *util::read_file(path);
}

} // namespace

TEST(DecisionLog, AppendsOneJsonObjectPerLine) {
    TempDir dir;
    const auto text = make_log(dir.path / "log", 5);
    const auto lines = lines_of(text);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_NE(lines[0].find(R"("seq":1)"), std::string::npos);
    EXPECT_NE(lines[0].find(R"("time":"2026-09-21T)"), std::string::npos);
    EXPECT_NE(lines[0].find(R"("prev_sha256":")" + std::string(audit::k_genesis)),
              std::string::npos);
    const auto result = audit::verify_text(text, std::nullopt);
    EXPECT_TRUE(result.ok) << result.problem;
    EXPECT_EQ(result.entries, 5u);
}

TEST(DecisionLog, EditIsDetectedAtTheNextLine) {
    TempDir dir;
    auto lines = lines_of(make_log(dir.path / "log", 5));
    const auto pos = lines[1].find("no-go");
    ASSERT_NE(pos, std::string::npos);
    lines[1].replace(pos, 5, "go   ");
    const auto result = audit::verify_text(join(lines), std::nullopt);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_line, 3u);
    EXPECT_NE(result.problem.find("line 2"), std::string::npos);
}

TEST(DecisionLog, DeleteAndReorderAreDetected) {
    TempDir dir;
    const auto lines = lines_of(make_log(dir.path / "log", 5));
    auto deleted = lines;
    deleted.erase(deleted.begin() + 1);
    auto result = audit::verify_text(join(deleted), std::nullopt);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_line, 2u);
    auto first_deleted = lines;
    first_deleted.erase(first_deleted.begin());
    EXPECT_EQ(audit::verify_text(join(first_deleted), std::nullopt).first_bad_line, 1u);
    auto reordered = lines;
    std::swap(reordered[3], reordered[4]);
    result = audit::verify_text(join(reordered), std::nullopt);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.first_bad_line, 4u);
}

TEST(DecisionLog, TruncationNeedsTheHead) {
    TempDir dir;
    const auto text = make_log(dir.path / "log", 5);
    const auto full = audit::verify_text(text, std::nullopt);
    const audit::Head head{5, full.last_sha256};
    auto lines = lines_of(text);
    lines.pop_back();
    EXPECT_TRUE(audit::verify_text(join(lines), std::nullopt).ok); // the chain alone cannot tell
    const auto result = audit::verify_text(join(lines), head);
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.problem.find("truncated"), std::string::npos);
    EXPECT_TRUE(audit::verify_text(text, head).ok);
}

TEST(DecisionLog, SignedHeadRoundTripAndWrongKey) {
    TempDir dir;
    const auto log = dir.path / "log";
    make_log(log, 3);
    const auto key = keys::generate_key();
    const auto head = audit::sign_log(log, key);
    ASSERT_TRUE(head) << head.error().describe();
    EXPECT_EQ(head->count, 3u);
    auto ok = audit::verify_log(log, {key.public_key()});
    ASSERT_TRUE(ok);
    EXPECT_TRUE(ok->ok) << ok->problem;
    const auto other = keys::generate_key();
    auto wrong = audit::verify_log(log, {other.public_key()});
    ASSERT_TRUE(wrong);
    EXPECT_FALSE(wrong->ok);
    // Cut the last entry: detected with the head.
    auto lines = lines_of(*util::read_file(log));
    lines.pop_back();
    ASSERT_TRUE(util::write_file_atomic(log, join(lines)));
    auto cut = audit::verify_log(log, {key.public_key()});
    ASSERT_TRUE(cut);
    EXPECT_FALSE(cut->ok);
    EXPECT_NE(cut->problem.find("truncated"), std::string::npos);
}

TEST(DecisionLog, SignRefusesABrokenLog) {
    TempDir dir;
    const auto log = dir.path / "log";
    auto lines = lines_of(make_log(log, 3));
    std::swap(lines[0], lines[1]);
    ASSERT_TRUE(util::write_file_atomic(log, join(lines)));
    const auto head = audit::sign_log(log, keys::generate_key());
    ASSERT_FALSE(head);
    EXPECT_EQ(head.error().code, Errc::rejected);
    EXPECT_FALSE(fs::exists(audit::head_path(log)));
}

TEST(DecisionLog, TornLastLineIsDetectedAndCutOnAppend) {
    TempDir dir;
    const auto log = dir.path / "log";
    const auto text = make_log(log, 3);
    {
        std::ofstream out(log, std::ios::app | std::ios::binary);
        out << R"({"format":"vouch-log/v1","seq":4,"ti)";
    }
    const auto torn = audit::verify_text(*util::read_file(log), std::nullopt);
    EXPECT_FALSE(torn.ok);
    EXPECT_EQ(torn.first_bad_line, 4u);
    const auto appended = audit::append(log, entry(4));
    ASSERT_TRUE(appended) << appended.error().describe();
    EXPECT_TRUE(appended->repaired_torn_tail);
    EXPECT_EQ(appended->seq, 4u);
    const auto after = *util::read_file(log);
    EXPECT_EQ(after.substr(0, text.size()), text); // nothing written before is touched
    EXPECT_TRUE(audit::verify_text(after, std::nullopt).ok);
}

TEST(DecisionLog, HostileLines) {
    const std::vector<std::string> bad = {"not json\n",
                                          "[]\n",
                                          "{\"seq\":1}\n",
                                          "{\"seq\":-1,\"prev_sha256\":\"x\"}\n",
                                          "\n",
                                          std::string(50000, '{') + "\n",
                                          std::string("{\"seq\":1}\0{}\n", 13)};
    for (const auto& text : bad) {
        const auto result = audit::verify_text(text, std::nullopt);
        EXPECT_FALSE(result.ok) << text.substr(0, 40);
        EXPECT_EQ(result.first_bad_line, 1u);
    }
    EXPECT_TRUE(audit::verify_text("", std::nullopt).ok);
}

TEST(DecisionLog, HeadParser) {
    EXPECT_FALSE(audit::parse_head("{", "h"));
    EXPECT_FALSE(audit::parse_head("{}", "h"));
    EXPECT_FALSE(audit::parse_head(R"({"format":"vouch-log-head/v1","count":-1})", "h"));
    const auto text = audit::format_head({2, std::string(64, 'a')}, "ID", "c2ln");
    const auto head = audit::parse_head(text, "h");
    ASSERT_TRUE(head);
    EXPECT_EQ(head->head.count, 2u);
}
