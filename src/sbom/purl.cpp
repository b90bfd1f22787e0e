#include <vouch/sbom/sbom.hpp>

namespace vouch::sbom {

std::string purl_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '-' || c == '_' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 0xf];
        }
    }
    return out;
}

std::string purl_for(const lockfile::Package& p) {
    std::string out = "pkg:npm/";
    const auto slash = p.name.find('/');
    if (!p.name.empty() && p.name.front() == '@' && slash != std::string::npos) {
        out += purl_encode(p.name.substr(0, slash));
        out += '/';
        out += purl_encode(p.name.substr(slash + 1));
    } else {
        out += purl_encode(p.name);
    }
    if (!p.version.empty()) {
        out += '@';
        out += purl_encode(p.version);
    }
    switch (p.source) {
    case lockfile::Source::git:
        out += "?vcs_url=" + purl_encode(p.resolved);
        break;
    case lockfile::Source::remote_tarball:
    case lockfile::Source::local_tarball:
        if (!p.resolved.empty()) {
            out += "?download_url=" + purl_encode(p.resolved);
        }
        break;
    default:
        break;
    }
    return out;
}

} // namespace vouch::sbom
