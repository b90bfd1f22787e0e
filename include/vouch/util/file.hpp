#pragma once
// File I/O at the edges: whole-file reads with a size cap, atomic writes (temp + rename).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::util {

// Inputs larger than this are refused rather than read into memory.
inline constexpr std::uintmax_t k_max_input_bytes = std::uintmax_t{1} << 30;

// Spare capacity read_file() leaves after a regular file's content, so a JSON parser that reads
// ahead (simdjson: 64 bytes) can parse the string in place instead of copying it.
inline constexpr std::size_t k_read_padding = 64;

// Reads the whole file. Fails with Errc::io when it is missing, unreadable, a directory, or
// larger than `max_bytes`. A regular file's string has capacity() >= size() + k_read_padding.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::uintmax_t max_bytes = k_max_input_bytes);

// Writes `content` to a temporary file beside `path` and renames it into place, so a failed run
// never leaves a partial file. `mode` is applied before the rename (0600 for secrets).
Status write_file_atomic(const std::filesystem::path& path, std::string_view content,
                         unsigned mode = 0644);

// A nameless temporary file (O_TMPFILE, or created and unlinked at once where that is not
// supported), so nothing is ever left behind: what a second writer produces while the first
// one's output is still being written (OutputFile::append).
class ScratchFile {
  public:
    static Result<ScratchFile> create_in(const std::filesystem::path& directory);
    Status write(std::string_view piece);

    ScratchFile(ScratchFile&& other) noexcept;
    ScratchFile& operator=(ScratchFile&&) = delete;
    ~ScratchFile();

  private:
    friend class OutputFile;
    ScratchFile() = default;
    std::filesystem::path m_directory; // for messages
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

// A report a rerun recreates (SBOM, scan/check report, inspection), written piece by piece
// (a large one is never whole in memory) to a temp file beside `path` and renamed over it by
// commit(), so a failure never leaves a partial file; dropped without commit() (an error on the
// way), the temp file is removed. Not fsynced, as peers' `> out.json` is not: the fsync was 3 ms
// of a 27 ms SBOM run. Keys, signatures, attestations and logs go through write_file_atomic,
// which syncs.
class OutputFile {
  public:
    static Result<OutputFile> create(const std::filesystem::path& path);
    Status write(std::string_view piece);
    // A scratch file on the output's file system, so append() can copy within it.
    Result<ScratchFile> scratch() const;
    // Adds everything written to `scratch` after what was written here, copied by the kernel
    // (copy_file_range) rather than through memory.
    Status append(const ScratchFile& scratch);
    Status commit();

    OutputFile(OutputFile&& other) noexcept;
    OutputFile& operator=(OutputFile&&) = delete;
    ~OutputFile();

  private:
    OutputFile() = default;
    void abandon();

    std::filesystem::path m_path;
    std::string m_temp;
    int m_fd = -1;
    int m_slot = -1;
};

// OutputFile for a report already in memory, in `parts`.
Status write_output_atomic(const std::filesystem::path& path,
                           const std::vector<std::string_view>& parts);

// One output of a run that writes several.
struct FileToWrite {
    std::filesystem::path path;
    std::string_view content;
    unsigned mode = 0644;
};

// All of `files` appear or none does: every temp file is written and synced first, then they
// are renamed into place in order; if a rename fails, the files already renamed are put back
// (the previous file restored from a hard-link backup, or removed when there was none) and
// every temp is removed. Temps are registered (temp_registry.hpp) so a SIGINT/SIGTERM during
// the write removes them.
// `before_rename`, when given, runs after every temp file is written and synced and before the
// first rename: its failure abandons the write like any other (a last check that can overlap
// the disk writes, such as sign's re-verification of its own signature).
Status write_files_atomic(const std::vector<FileToWrite>& files,
                          const std::function<Status()>& before_rename = {});

// 1-based line and column of a byte offset (column counts bytes, as compilers do).
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

} // namespace vouch::util
