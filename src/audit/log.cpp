// Decision log: hash-chained JSON lines, appended under flock with one write + fsync.
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vouch/audit/log.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::audit {
namespace {

using ordered = nlohmann::ordered_json;
namespace fs = std::filesystem;

ordered or_null(const std::string& text) {
    return text.empty() ? ordered() : ordered(text);
}

bool is_sha256_hex(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Error io_error(const fs::path& path, const std::string& what) {
    return make_error(Errc::io, what + ": " + std::strerror(errno), path.string());
}

// Closes the descriptor (and so drops the flock) on every path out.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

// The last line of the file (without its newline) and whether the file ends unterminated.
struct Tail {
    std::string last_line;   // "" when the file holds no complete line
    off_t complete_size = 0; // bytes up to and including the last newline
};

Result<Tail> read_tail(int fd, off_t size, const fs::path& path) {
    Tail tail;
    // Scan backwards in blocks for the newline that ends the last complete line, then the one
    // before it. Only the tail is read, so appends stay cheap on a long log.
    std::string buffer;
    off_t end = size;
    off_t found_end = -1; // offset of the last '\n'
    constexpr off_t block = 65536;
    while (end > 0) {
        const off_t start = end > block ? end - block : 0;
        std::string chunk(static_cast<std::size_t>(end - start), '\0');
        if (::pread(fd, chunk.data(), chunk.size(), start) != static_cast<ssize_t>(chunk.size())) {
            return fail(io_error(path, "cannot read the log"));
        }
        buffer = chunk + buffer;
        const off_t base = start;
        if (found_end < 0) {
            const auto pos = buffer.rfind('\n');
            if (pos != std::string::npos) {
                found_end = base + static_cast<off_t>(pos);
            }
        }
        if (found_end >= 0) {
            const auto local_end = static_cast<std::size_t>(found_end - base);
            const auto prev =
                local_end == 0 ? std::string::npos : buffer.rfind('\n', local_end - 1);
            if (prev != std::string::npos || start == 0) {
                const std::size_t begin = prev == std::string::npos ? 0 : prev + 1;
                tail.last_line = buffer.substr(begin, local_end - begin);
                tail.complete_size = found_end + 1;
                return tail;
            }
        }
        end = start;
    }
    return tail; // no newline at all: no complete line
}

struct LineCheck {
    bool ok = false;
    std::string problem;
    std::uint64_t seq = 0;
    std::string prev;
};

LineCheck check_line(std::string_view line) {
    LineCheck check;
    if (const auto nul = line.find('\0'); nul != std::string_view::npos) {
        check.problem = "NUL byte at column " + std::to_string(nul + 1);
        return check;
    }
    if (auto error = util::check_json_syntax(line, "line")) {
        check.problem = "not valid JSON (column " + std::to_string(error->column) + ")";
        return check;
    }
    const auto doc = nlohmann::json::parse(line, nullptr, false);
    if (!doc.is_object()) {
        check.problem = "not a JSON object";
        return check;
    }
    const auto seq = doc.find("seq");
    const auto prev = doc.find("prev_sha256");
    if (seq == doc.end() || !seq->is_number_unsigned()) {
        check.problem = "no unsigned integer 'seq'";
        return check;
    }
    if (prev == doc.end() || !prev->is_string() || !is_sha256_hex(prev->get<std::string>())) {
        check.problem = "no 'prev_sha256' (64 lowercase hex digits)";
        return check;
    }
    check.ok = true;
    check.seq = seq->get<std::uint64_t>();
    check.prev = prev->get<std::string>();
    return check;
}

} // namespace

std::string format_line(const Entry& entry, std::uint64_t seq, const std::string& prev_sha256) {
    ordered line;
    line["format"] = "vouch-log/v1";
    line["seq"] = seq;
    line["time"] = util::format_rfc3339(entry.time);
    line["event"] = entry.event;
    ordered actor = ordered::object();
    for (const auto& [key, value] : entry.actor) {
        actor[key] = value;
    }
    line["actor"] = actor;
    line["deployment"] = or_null(entry.deployment);
    line["commit"] = or_null(entry.commit);
    line["attestation_sha256"] = or_null(entry.attestation_sha256);
    ordered artifacts = ordered::array();
    for (const auto& [name, sha] : entry.artifacts) {
        artifacts.push_back({{"name", name}, {"sha256", sha}});
    }
    line["artifacts"] = artifacts;
    line["key_ids"] = entry.key_ids;
    line["verdict"] = entry.verdict;
    line["reasons"] = entry.reasons;
    line["opt_outs"] = entry.opt_outs;
    line["action"] = or_null(entry.action);
    line["prev_sha256"] = prev_sha256;
    // Invalid UTF-8 from an untrusted name is replaced, never a throw.
    return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Result<Appended> append(const fs::path& path, const Entry& entry) {
    Fd file{::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644)};
    if (file.fd < 0) {
        return fail(io_error(path, "cannot open the log"));
    }
    if (::flock(file.fd, LOCK_EX) != 0) {
        return fail(io_error(path, "cannot lock the log"));
    }
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) {
        return fail(io_error(path, "cannot stat the log"));
    }
    VOUCH_TRY_ASSIGN(const auto tail, read_tail(file.fd, st.st_size, path));
    Appended appended;
    if (tail.complete_size != st.st_size) {
        if (::ftruncate(file.fd, tail.complete_size) != 0) {
            return fail(io_error(path, "cannot cut off the unterminated last line"));
        }
        appended.repaired_torn_tail = true;
    }
    std::uint64_t seq = 1;
    std::string prev = k_genesis;
    if (!tail.last_line.empty()) {
        const auto last = check_line(tail.last_line);
        if (!last.ok) {
            return fail(Errc::rejected,
                        "the last entry is damaged (" + last.problem +
                            "); run 'vouch log verify' and repair the log before appending",
                        path.string());
        }
        seq = last.seq + 1;
        prev = digest::sha256_hex(tail.last_line);
    }
    const std::string line = format_line(entry, seq, prev) + "\n";
    // One write of the whole line: with O_APPEND and the lock, no other writer interleaves.
    const auto written = ::write(file.fd, line.data(), line.size());
    if (written != static_cast<ssize_t>(line.size())) {
        const int saved = errno;
        if (written > 0) {
            (void)::ftruncate(file.fd, tail.complete_size); // take back a short write
        }
        errno = saved;
        return fail(io_error(path, "cannot append to the log"));
    }
    if (::fsync(file.fd) != 0) {
        return fail(io_error(path, "cannot sync the log"));
    }
    appended.seq = seq;
    appended.sha256 = digest::sha256_hex(std::string_view(line).substr(0, line.size() - 1));
    return appended;
}

Verification verify_text(std::string_view text, const std::optional<Head>& head) {
    Verification result;
    std::string prev = k_genesis;
    std::size_t pos = 0;
    std::uint64_t line_no = 0;
    auto bad = [&](std::uint64_t line, std::string problem) {
        result.ok = false;
        result.first_bad_line = line;
        result.problem = std::move(problem);
        return result;
    };
    while (pos < text.size()) {
        ++line_no;
        const auto newline = text.find('\n', pos);
        if (newline == std::string_view::npos) {
            return bad(line_no, "the last line is incomplete (no newline: a write was cut off)");
        }
        const auto line = text.substr(pos, newline - pos);
        pos = newline + 1;
        const auto check = check_line(line);
        if (!check.ok) {
            return bad(line_no, check.problem);
        }
        if (check.seq != line_no) {
            return bad(line_no, "seq is " + std::to_string(check.seq) + ", expected " +
                                    std::to_string(line_no) + " (an entry was removed or moved)");
        }
        if (check.prev != prev) {
            return bad(line_no, line_no == 1
                                    ? "prev_sha256 of the first entry is not the genesis value"
                                    : "prev_sha256 does not match line " +
                                          std::to_string(line_no - 1) +
                                          " (that entry was edited, removed or moved)");
        }
        prev = digest::sha256_hex(line);
        result.entries = line_no;
        result.last_sha256 = prev;
        if (head && line_no == head->count && prev != head->last_sha256) {
            return bad(line_no, "entry " + std::to_string(line_no) +
                                    " does not match the signed head (the log was rewritten)");
        }
    }
    if (head && result.entries < head->count) {
        return bad(result.entries + 1, "the log was truncated: the signed head records " +
                                           std::to_string(head->count) + " entries, the log has " +
                                           std::to_string(result.entries));
    }
    return result;
}

fs::path head_path(const fs::path& log) {
    return fs::path(log.string() + ".head");
}

std::string head_message(const Head& head) {
    return "vouch-log-head/v1\n" + std::to_string(head.count) + "\n" + head.last_sha256 + "\n";
}

std::string format_head(const Head& head, const std::string& key_id,
                        const std::string& signature_base64) {
    ordered doc;
    doc["format"] = "vouch-log-head/v1";
    doc["count"] = head.count;
    doc["last_sha256"] = head.last_sha256;
    doc["key_id"] = key_id;
    doc["signature"] = signature_base64;
    return doc.dump(2) + "\n";
}

Result<SignedHead> parse_head(std::string_view text, const std::string& file) {
    if (auto error = util::check_json_syntax(text, file)) {
        return fail(std::move(*error));
    }
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    auto field = [&](const char* key) -> const nlohmann::json* {
        if (!doc.is_object()) {
            return nullptr;
        }
        const auto it = doc.find(key);
        return it == doc.end() ? nullptr : &*it;
    };
    const auto* format = field("format");
    const auto* count = field("count");
    const auto* last = field("last_sha256");
    const auto* key_id = field("key_id");
    const auto* signature = field("signature");
    if (format == nullptr || !format->is_string() || *format != "vouch-log-head/v1") {
        return fail(Errc::parse, "not a vouch log head (format vouch-log-head/v1)", file);
    }
    if (count == nullptr || !count->is_number_unsigned() || last == nullptr || !last->is_string() ||
        key_id == nullptr || !key_id->is_string() || signature == nullptr ||
        !signature->is_string()) {
        return fail(Errc::parse, "the head needs count, last_sha256, key_id and signature", file);
    }
    SignedHead head;
    head.head.count = count->get<std::uint64_t>();
    head.head.last_sha256 = last->get<std::string>();
    head.key_id = key_id->get<std::string>();
    head.signature_base64 = signature->get<std::string>();
    return head;
}

Result<Verification> verify_log(const fs::path& log, const std::vector<keys::PublicKey>& trusted) {
    VOUCH_TRY_ASSIGN(const auto text, util::read_file(log));
    std::optional<Head> head;
    if (!trusted.empty()) {
        const auto head_file = head_path(log);
        std::error_code ec;
        if (!fs::exists(head_file, ec)) {
            Verification missing;
            missing.ok = false;
            missing.problem = "no signed head " + head_file.string() +
                              " (write one with 'vouch log sign'); truncation cannot be checked";
            return missing;
        }
        VOUCH_TRY_ASSIGN(const auto head_text, util::read_file(head_file));
        VOUCH_TRY_ASSIGN(const auto signed_head, parse_head(head_text, head_file.string()));
        const auto signature = util::base64_decode(signed_head.signature_base64);
        bool verified = false;
        for (const auto& key : trusted) {
            if (signature && keys::key_id_hex(key.id) == signed_head.key_id &&
                keys::verify_detached(key, head_message(signed_head.head), signature->data(),
                                      signature->size())) {
                verified = true;
            }
        }
        if (!verified) {
            Verification unsigned_head;
            unsigned_head.ok = false;
            unsigned_head.problem = "the signed head does not verify with the trusted key(s) "
                                    "(signed by key " +
                                    signed_head.key_id + ")";
            return unsigned_head;
        }
        head = signed_head.head;
    }
    return verify_text(text, head);
}

Result<Head> sign_log(const fs::path& log, const keys::SecretKey& key) {
    VOUCH_TRY_ASSIGN(const auto text, util::read_file(log));
    const auto check = verify_text(text, std::nullopt);
    if (!check.ok) {
        return fail(Errc::rejected,
                    "line " + std::to_string(check.first_bad_line) + ": " + check.problem +
                        "; not signing a broken log",
                    log.string());
    }
    const Head head{check.entries, check.entries == 0 ? std::string(k_genesis) : check.last_sha256};
    const auto signature = keys::sign_detached(key, head_message(head));
    VOUCH_TRY(util::write_file_atomic(
        head_path(log), format_head(head, keys::key_id_hex(key.id),
                                    util::base64_encode(signature.data(), signature.size()))));
    return head;
}

} // namespace vouch::audit
