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

namespace {
// "https://host/path/<name>/-/<file>.tgz" -> "https://host/path/"
std::string_view registry_of(std::string_view resolved) {
    const auto dash = resolved.find("/-/");
    if (dash == std::string_view::npos || resolved.rfind("http", 0) != 0) {
        return {};
    }
    auto name_start = resolved.rfind('/', dash - 1);
    if (name_start == std::string_view::npos) {
        return {};
    }
    if (const auto scope = resolved.rfind('/', name_start - 1);
        scope != std::string_view::npos && resolved.compare(scope + 1, 1, "@") == 0) {
        name_start = scope;
    }
    return resolved.substr(0, name_start + 1);
}
} // namespace

std::string canonical_git_url(std::string_view resolved) {
    // npm's hosted-git shorthands are not URLs; npm itself resolves them to git+ssh.
    static constexpr std::pair<std::string_view, std::string_view> k_hosts[] = {
        {"github:", "github.com"}, {"gitlab:", "gitlab.com"}, {"bitbucket:", "bitbucket.org"}};
    for (const auto& [prefix, host] : k_hosts) {
        if (resolved.rfind(prefix, 0) == 0) {
            const std::string_view rest = resolved.substr(prefix.size());
            const auto hash = rest.find('#');
            std::string repo(rest.substr(0, hash));
            if (repo.size() < 4 || repo.compare(repo.size() - 4, 4, ".git") != 0) {
                repo += ".git";
            }
            return "git+ssh://git@" + std::string(host) + "/" + repo +
                   (hash == std::string_view::npos ? std::string()
                                                   : std::string(rest.substr(hash)));
        }
    }
    return std::string(resolved);
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
        out += "?vcs_url=" + purl_encode(canonical_git_url(p.resolved));
        break;
    case lockfile::Source::remote_tarball:
    case lockfile::Source::local_tarball:
        if (!p.resolved.empty()) {
            out += "?download_url=" + purl_encode(p.resolved);
        }
        break;
    case lockfile::Source::registry:
        // A private or mirror registry is named, so a package from it is not mistaken for the
        // public one of the same name (dependency confusion).
        if (const auto registry = registry_of(p.resolved);
            !registry.empty() && registry != "https://registry.npmjs.org/" &&
            registry != "https://registry.yarnpkg.com/") {
            out += "?repository_url=" + purl_encode(registry);
        }
        break;
    default:
        break;
    }
    return out;
}

} // namespace vouch::sbom
