#include "zip_reader.hpp"

#include <fstream>
#include <memory>
#include <vouch/lazylib/lazylib.hpp>
#include <zip.h>

namespace vouch::advisory::detail {

namespace {

struct ArchiveCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

bool unsafe_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.front() == '\\')
        return true;
    if (name.size() >= 2 && name[1] == ':')
        return true; // C:\...
    std::size_t start = 0;
    while (start <= name.size()) {
        auto end = name.find_first_of("/\\", start);
        auto part = name.substr(start, end == std::string_view::npos ? name.npos : end - start);
        if (part == "..")
            return true;
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return false;
}

std::string mib(std::uintmax_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

} // namespace

bool looks_like_zip(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' &&
           ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

Status for_each_zip_entry(const std::filesystem::path& zip, const ZipLimits& limits,
                          const std::function<Status(const std::string&, std::string&)>& visit) {
    const std::string zip_name = zip.string();
    VOUCH_TRY(lazylib::require_zip()); // libzip is opened here, not at start-up
    int code = 0;
    std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open(zip_name.c_str(), ZIP_RDONLY, &code));
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        std::string message =
            std::string("not a readable zip archive: ") + zip_error_strerror(&error);
        zip_error_fini(&error);
        return fail(Errc::parse, message, zip_name);
    }
    zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_entries) {
        return fail(Errc::parse,
                    "zip archive has " + std::to_string(count) +
                        " entries, more than the limit of " + std::to_string(limits.max_entries),
                    zip_name);
    }
    std::uintmax_t total = 0;
    std::string content;
    for (zip_int64_t index = 0; index < count; ++index) {
        const char* raw_name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(index), 0);
        if (raw_name == nullptr) {
            return fail(Errc::parse, "zip entry " + std::to_string(index) + " has no name",
                        zip_name);
        }
        std::string name = raw_name;
        const std::string where = zip_name + "!/" + name;
        if (unsafe_name(name)) {
            return fail(Errc::parse,
                        "unsafe zip entry name '" + name +
                            "' (absolute or containing '..'); refusing the archive",
                        zip_name);
        }
        if (name.back() == '/')
            continue; // directory entry
        std::unique_ptr<zip_file_t, FileCloser> file(
            zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
        if (!file) {
            return fail(Errc::parse,
                        std::string("cannot open zip entry: ") + zip_strerror(archive.get()),
                        where);
        }
        content.clear();
        char buffer[1 << 16];
        while (true) {
            zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
            if (got < 0) {
                return fail(Errc::parse,
                            std::string("corrupt zip entry: ") + zip_file_strerror(file.get()),
                            where);
            }
            if (got == 0)
                break;
            total += static_cast<std::uintmax_t>(got);
            if (content.size() + static_cast<std::size_t>(got) > limits.max_entry_bytes) {
                return fail(Errc::parse,
                            "zip entry inflates past the " + mib(limits.max_entry_bytes) +
                                " per-entry limit (zip bomb?)",
                            where);
            }
            if (total > limits.max_total_bytes) {
                return fail(Errc::parse,
                            "zip archive inflates past the " + mib(limits.max_total_bytes) +
                                " total limit (zip bomb?)",
                            zip_name);
            }
            content.append(buffer, static_cast<std::size_t>(got));
        }
        VOUCH_TRY(visit(name, content));
    }
    return {};
}

} // namespace vouch::advisory::detail
