// All-or-nothing outputs (issue 7 items 11 and 13): several files written together, rollback
// when one cannot be put in place, and temp files removed when a fatal signal arrives.
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vouch/util/file.hpp>
#include <vouch/util/temp_registry.hpp>

using namespace vouch;
using namespace vouch::util;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "vouch-atomic-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path); }
    std::size_t entries() const {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(path), fs::directory_iterator{}));
    }
};

} // namespace

TEST(AtomicOutputs, WritesEveryFileAndLeavesNoTempOrBackup) {
    TempDir dir;
    ASSERT_TRUE(write_file_atomic(dir.path / "a", "old a"));
    ASSERT_TRUE(write_files_atomic({{dir.path / "a", "new a"}, {dir.path / "b", "new b"}}));
    EXPECT_EQ(*read_file(dir.path / "a"), "new a");
    EXPECT_EQ(*read_file(dir.path / "b"), "new b");
    EXPECT_EQ(dir.entries(), 2U);
}

TEST(AtomicOutputs, NoneAppearsWhenOneCannotBeWritten) {
    TempDir dir;
    ASSERT_TRUE(write_file_atomic(dir.path / "envelope", "previous envelope"));
    fs::create_directory(dir.path / "app.minisig"); // a directory where a file must go
    auto result = write_files_atomic(
        {{dir.path / "envelope", "new envelope"}, {dir.path / "app.minisig", "sig"}});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::io);
    EXPECT_EQ(*read_file(dir.path / "envelope"), "previous envelope");
    EXPECT_EQ(dir.entries(), 2U); // the old envelope and the directory, no temp or backup
}

TEST(AtomicOutputs, NoneAppearsWhenATempCannotBeCreated) {
    TempDir dir;
    auto result = write_files_atomic(
        {{dir.path / "envelope", "new"}, {dir.path / "missing-dir" / "x.minisig", "sig"}});
    ASSERT_FALSE(result);
    EXPECT_FALSE(fs::exists(dir.path / "envelope"));
    EXPECT_EQ(dir.entries(), 0U);
}

TEST(TempRegistry, UnregisteredPathsAreLeftAlone) {
    TempDir dir;
    const fs::path kept = dir.path / "kept";
    ASSERT_TRUE(write_file_atomic(kept, "x"));
    const int slot = register_temp_path(kept.c_str());
    ASSERT_GE(slot, 0);
    unregister_temp_path(slot);
    EXPECT_EQ(unlink_registered_temps(), 0U);
    EXPECT_TRUE(fs::exists(kept));
}

TEST(TempRegistry, FatalSignalRemovesTempsAndStillKills) {
    for (const int signal_number : {SIGTERM, SIGINT}) {
        TempDir dir;
        const fs::path temp = dir.path / ".out.tmp.123456";
        ASSERT_TRUE(write_file_atomic(temp, "partial"));
        int ready[2];
        ASSERT_EQ(::pipe(ready), 0);
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            install_temp_cleanup_on_signals();
            register_temp_path(temp.c_str());
            const char byte = 'r';
            (void)!::write(ready[1], &byte, 1);
            for (;;) {
                ::pause();
            }
        }
        char byte = 0;
        ASSERT_EQ(::read(ready[0], &byte, 1), 1);
        ::kill(child, signal_number);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ::close(ready[0]);
        ::close(ready[1]);
        EXPECT_TRUE(WIFSIGNALED(status)) << "the signal must still end the process";
        EXPECT_EQ(WTERMSIG(status), signal_number);
        EXPECT_FALSE(fs::exists(temp)) << "the registered temp file must be removed";
    }
}

TEST(AtomicOutputs, AReportWrittenInPartsReplacesTheOldOneWhole) {
    TempDir dir;
    ASSERT_TRUE(write_file_atomic(dir.path / "sbom.json", "old"));
    ASSERT_TRUE(write_output_atomic(dir.path / "sbom.json", {"{\"a\": ", "", "1}\n"}));
    EXPECT_EQ(*read_file(dir.path / "sbom.json"), "{\"a\": 1}\n");
    EXPECT_EQ(dir.entries(), 1U);
    // A directory in the way: an error, and nothing left behind.
    fs::create_directory(dir.path / "taken");
    EXPECT_FALSE(write_output_atomic(dir.path / "taken", {"x"}));
    EXPECT_TRUE(fs::is_directory(dir.path / "taken"));
    EXPECT_EQ(dir.entries(), 2U);
}

TEST(AtomicOutputs, ALastCheckThatFailsBeforeTheRenameLeavesEverythingAsItWas) {
    TempDir dir;
    ASSERT_TRUE(write_file_atomic(dir.path / "a", "old a"));
    bool ran = false;
    const auto refused =
        write_files_atomic({{dir.path / "a", "new a"}, {dir.path / "b", "new b"}}, [&]() -> Status {
            ran = true;
            EXPECT_EQ(*read_file(dir.path / "a"), "old a"); // nothing renamed yet
            return fail(Errc::internal, "signature does not verify");
        });
    EXPECT_TRUE(ran);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "signature does not verify");
    EXPECT_EQ(*read_file(dir.path / "a"), "old a");
    EXPECT_FALSE(fs::exists(dir.path / "b"));
    EXPECT_EQ(dir.entries(), 1U); // no temp left

    ASSERT_TRUE(write_files_atomic({{dir.path / "a", "new a"}}, [] { return Status{}; }));
    EXPECT_EQ(*read_file(dir.path / "a"), "new a");
}

TEST(AtomicOutputs, AScratchFileIsAppendedAfterWhatWasWrittenAndLeavesNothingBehind) {
    TempDir dir;
    auto out = OutputFile::create(dir.path / "sbom.json");
    ASSERT_TRUE(out);
    auto scratch = out->scratch();
    ASSERT_TRUE(scratch);
    // Larger than the 64 KiB buffer a kernel without copy_file_range is copied through.
    std::string tail;
    for (int i = 0; tail.size() < 300 * 1024; ++i) {
        tail += "component " + std::to_string(i) + "\n";
    }
    ASSERT_TRUE(scratch->write(tail.substr(0, 1000)));
    ASSERT_TRUE(out->write("head\n"));
    ASSERT_TRUE(scratch->write(tail.substr(1000)));
    ASSERT_TRUE(out->append(*scratch));
    ASSERT_TRUE(out->write("end\n"));
    // The scratch file has no name: only the output's temp file is in the directory.
    EXPECT_EQ(dir.entries(), 1U);
    ASSERT_TRUE(out->commit());
    EXPECT_EQ(*read_file(dir.path / "sbom.json"), "head\n" + tail + "end\n");
    EXPECT_EQ(dir.entries(), 1U);
}

TEST(AtomicOutputs, AnEmptyScratchFileAppendsNothing) {
    TempDir dir;
    auto out = OutputFile::create(dir.path / "report.json");
    ASSERT_TRUE(out);
    auto scratch = out->scratch();
    ASSERT_TRUE(scratch);
    ASSERT_TRUE(out->write("{}\n"));
    ASSERT_TRUE(out->append(*scratch));
    ASSERT_TRUE(out->commit());
    EXPECT_EQ(*read_file(dir.path / "report.json"), "{}\n");
}

TEST(AtomicOutputs, NoScratchFileInADirectoryThatIsGone) {
    TempDir dir;
    auto out = OutputFile::create(dir.path / "sbom.json");
    ASSERT_TRUE(out);
    fs::remove_all(dir.path);
    const auto scratch = out->scratch();
    ASSERT_FALSE(scratch);
    EXPECT_NE(scratch.error().describe().find(dir.path.string()), std::string::npos);
}
