// Saved GitHub GraphQL responses: `data.securityVulnerabilities.{edges[].node|nodes[]}` (one
// node per package+range, with its `advisory`) and a `securityAdvisory` node with its
// `vulnerabilities` (with or without the `data` wrapper). Each node becomes one advisory; nodes of
// the same GHSA id merge later by id.
#include "parsers.hpp"

#include <vouch/advisory/feeds.hpp>

namespace vouch::advisory {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

} // namespace

Result<std::string> github_range_to_npm(std::string_view range) {
    std::string out;
    std::string_view rest = range;
    while (true) {
        auto comma = rest.find(',');
        auto part = trim(rest.substr(0, comma));
        std::size_t op_length = 0;
        while (op_length < part.size() &&
               (part[op_length] == '<' || part[op_length] == '>' || part[op_length] == '=')) {
            ++op_length;
        }
        auto op = part.substr(0, op_length);
        auto version = trim(part.substr(op_length));
        bool known_op = op == "<" || op == "<=" || op == ">" || op == ">=" || op == "=";
        if (!known_op || version.empty() ||
            version.find_first_of(" \t<>=|,") != std::string_view::npos) {
            return fail(Errc::parse, "unsupported GitHub version range '" + std::string(range) +
                                         "' (expected e.g. '>= 2.0.0, < 2.1.4' or '= 1.2.3')");
        }
        if (!out.empty())
            out += ' ';
        if (op != "=")
            out += op;
        out += version;
        if (comma == std::string_view::npos)
            break;
        rest = rest.substr(comma + 1);
    }
    return out;
}

} // namespace vouch::advisory

namespace vouch::advisory::detail {

namespace {

// "edges": [{"node": X}] or "nodes": [X].
Result<std::vector<Object>> connection_nodes(Object connection, const Fields& fields,
                                             const std::string& path) {
    std::vector<Object> out;
    if (auto edges = Fields::member(connection, "edges")) {
        VOUCH_TRY_ASSIGN(auto items, fields.array(*edges, join_path(path, "edges")));
        std::size_t i = 0;
        for (Element item : items) {
            auto edge_path = index_path(join_path(path, "edges"), i++);
            VOUCH_TRY_ASSIGN(auto edge, fields.object(item, edge_path));
            auto node = Fields::member(edge, "node");
            if (!node)
                return fields.error(join_path(edge_path, "node"), "is missing");
            VOUCH_TRY_ASSIGN(auto node_object, fields.object(*node, join_path(edge_path, "node")));
            out.push_back(node_object);
        }
    } else if (auto nodes = Fields::member(connection, "nodes")) {
        VOUCH_TRY_ASSIGN(auto items, fields.array(*nodes, join_path(path, "nodes")));
        std::size_t i = 0;
        for (Element item : items) {
            VOUCH_TRY_ASSIGN(auto node,
                             fields.object(item, index_path(join_path(path, "nodes"), i++)));
            out.push_back(node);
        }
    } else {
        return fields.error(path, "has neither edges nor nodes");
    }
    return out;
}

// The advisory-level fields (identifiers, summary, severity, references, CVSS, CWEs).
Result<Advisory> parse_advisory(Object node, const Fields& fields, const std::string& path) {
    Advisory advisory;
    VOUCH_TRY_ASSIGN(auto ghsa, fields.optional_string(node, "ghsaId", path));
    if (auto identifiers = Fields::member(node, "identifiers")) {
        auto ids_path = join_path(path, "identifiers");
        VOUCH_TRY_ASSIGN(auto items, fields.array(*identifiers, ids_path));
        std::size_t i = 0;
        for (Element item : items) {
            auto item_path = index_path(ids_path, i++);
            VOUCH_TRY_ASSIGN(auto identifier, fields.object(item, item_path));
            VOUCH_TRY_ASSIGN(auto type, fields.required_string(identifier, "type", item_path));
            VOUCH_TRY_ASSIGN(auto value, fields.required_string(identifier, "value", item_path));
            if (type == "GHSA" && ghsa.empty())
                ghsa = value;
            if (value != ghsa)
                add_unique(advisory.aliases, std::move(value));
        }
    }
    if (ghsa.empty())
        return fields.error(path, "has no GHSA id (ghsaId or identifiers)");
    advisory.id = ghsa;
    VOUCH_TRY_ASSIGN(advisory.summary, fields.optional_string(node, "summary", path));
    VOUCH_TRY_ASSIGN(advisory.details, fields.optional_string(node, "description", path));
    VOUCH_TRY_ASSIGN(advisory.published, fields.optional_string(node, "publishedAt", path));
    VOUCH_TRY_ASSIGN(advisory.modified, fields.optional_string(node, "updatedAt", path));
    VOUCH_TRY_ASSIGN(auto severity, fields.optional_string(node, "severity", path));
    if (auto parsed = parse_severity(severity))
        advisory.feed_severity = *parsed;
    if (auto references = Fields::member(node, "references")) {
        auto refs_path = join_path(path, "references");
        VOUCH_TRY_ASSIGN(auto items, fields.array(*references, refs_path));
        std::size_t i = 0;
        for (Element item : items) {
            auto item_path = index_path(refs_path, i++);
            VOUCH_TRY_ASSIGN(auto reference, fields.object(item, item_path));
            VOUCH_TRY_ASSIGN(auto url, fields.required_string(reference, "url", item_path));
            if (auto npm = npm_id_from_url(url); !npm.empty())
                add_unique(advisory.aliases, npm);
            add_unique(advisory.references, std::move(url));
        }
    }
    // "cvss": {vectorString} (older schema) and "cvssSeverities": {cvssV3|cvssV4: {vectorString}}.
    auto take_vector = [&](Object holder) {
        std::string_view vector;
        if (holder["vectorString"].get_string().get(vector) == simdjson::SUCCESS &&
            is_supported_cvss_vector(vector)) {
            add_unique(advisory.cvss_vectors, std::string(vector));
        }
    };
    Object holder;
    if (auto cvss = Fields::member(node, "cvss"); cvss && cvss->get_object().get(holder) == 0) {
        take_vector(holder);
    }
    if (auto all = Fields::member(node, "cvssSeverities");
        all && all->get_object().get(holder) == 0) {
        for (auto key : {"cvssV3", "cvssV4"}) {
            Object version;
            if (auto v = Fields::member(holder, key); v && v->get_object().get(version) == 0) {
                take_vector(version);
            }
        }
    }
    if (auto cwes = Fields::member(node, "cwes"); cwes && cwes->get_object().get(holder) == 0) {
        auto nodes = connection_nodes(holder, fields, join_path(path, "cwes"));
        if (nodes) {
            for (Object cwe : *nodes) {
                std::string_view id;
                if (cwe["cweId"].get_string().get(id) == 0)
                    add_unique(advisory.cwes, std::string(id));
            }
        }
    }
    return advisory;
}

// A vulnerability node: {package{name, ecosystem?}, vulnerableVersionRange, severity?}.
// nullopt for another ecosystem.
Result<std::optional<Affected>> parse_vulnerability(Object node, const Fields& fields,
                                                    const std::string& path) {
    auto package_value = Fields::member(node, "package");
    if (!package_value)
        return fields.error(join_path(path, "package"), "is missing");
    auto package_path = join_path(path, "package");
    VOUCH_TRY_ASSIGN(auto package, fields.object(*package_value, package_path));
    VOUCH_TRY_ASSIGN(auto ecosystem, fields.optional_string(package, "ecosystem", package_path));
    if (!ecosystem.empty() && ecosystem != "NPM" && ecosystem != "npm")
        return std::nullopt;
    Affected affected;
    VOUCH_TRY_ASSIGN(affected.package, fields.required_string(package, "name", package_path));
    VOUCH_TRY_ASSIGN(auto range, fields.required_string(node, "vulnerableVersionRange", path));
    auto converted = github_range_to_npm(range);
    if (!converted) {
        return fields.error(join_path(path, "vulnerableVersionRange"), converted.error().message);
    }
    Range npm;
    npm.type = "NPM";
    npm.npm_range = std::move(*converted);
    affected.ranges.push_back(std::move(npm));
    return affected;
}

bool is_withdrawn(Object advisory) {
    return Fields::member(advisory, "withdrawnAt").has_value();
}

Status parse_security_advisory(Object node, const Fields& fields, const std::string& path,
                               Batch& out) {
    if (is_withdrawn(node)) {
        ++out.withdrawn;
        return {};
    }
    VOUCH_TRY_ASSIGN(auto advisory, parse_advisory(node, fields, path));
    auto vulnerabilities = Fields::member(node, "vulnerabilities");
    if (!vulnerabilities)
        return fields.error(join_path(path, "vulnerabilities"), "is missing");
    auto vulns_path = join_path(path, "vulnerabilities");
    VOUCH_TRY_ASSIGN(auto connection, fields.object(*vulnerabilities, vulns_path));
    VOUCH_TRY_ASSIGN(auto nodes, connection_nodes(connection, fields, vulns_path));
    std::size_t i = 0;
    for (Object vulnerability : nodes) {
        VOUCH_TRY_ASSIGN(auto affected,
                         parse_vulnerability(vulnerability, fields, index_path(vulns_path, i++)));
        if (affected)
            advisory.affected.push_back(std::move(*affected));
    }
    if (!advisory.affected.empty())
        out.advisories.push_back(std::move(advisory));
    return {};
}

} // namespace

Status parse_github_graphql(Object root, const Fields& fields, Batch& out) {
    Object body = root;
    std::string base;
    if (auto data = Fields::member(root, "data")) {
        VOUCH_TRY_ASSIGN(body, fields.object(*data, "data"));
        base = "data";
    }
    if (auto vulnerabilities = Fields::member(body, "securityVulnerabilities")) {
        auto path = join_path(base, "securityVulnerabilities");
        VOUCH_TRY_ASSIGN(auto connection, fields.object(*vulnerabilities, path));
        VOUCH_TRY_ASSIGN(auto nodes, connection_nodes(connection, fields, path));
        std::size_t i = 0;
        for (Object node : nodes) {
            auto node_path = index_path(path, i++);
            auto advisory_value = Fields::member(node, "advisory");
            if (!advisory_value)
                return fields.error(join_path(node_path, "advisory"), "is missing");
            VOUCH_TRY_ASSIGN(auto advisory_node,
                             fields.object(*advisory_value, join_path(node_path, "advisory")));
            if (is_withdrawn(advisory_node)) {
                ++out.withdrawn;
                continue;
            }
            VOUCH_TRY_ASSIGN(auto advisory, parse_advisory(advisory_node, fields,
                                                           join_path(node_path, "advisory")));
            VOUCH_TRY_ASSIGN(auto affected, parse_vulnerability(node, fields, node_path));
            if (!affected)
                continue;
            advisory.affected.push_back(std::move(*affected));
            out.advisories.push_back(std::move(advisory));
        }
        return {};
    }
    if (auto single = Fields::member(body, "securityAdvisory")) {
        auto path = join_path(base, "securityAdvisory");
        VOUCH_TRY_ASSIGN(auto node, fields.object(*single, path));
        return parse_security_advisory(node, fields, path, out);
    }
    if (auto many = Fields::member(body, "securityAdvisories")) {
        auto path = join_path(base, "securityAdvisories");
        VOUCH_TRY_ASSIGN(auto connection, fields.object(*many, path));
        VOUCH_TRY_ASSIGN(auto nodes, connection_nodes(connection, fields, path));
        std::size_t i = 0;
        for (Object node : nodes) {
            VOUCH_TRY(parse_security_advisory(node, fields, index_path(path, i++), out));
        }
        return {};
    }
    if (Fields::member(body, "ghsaId"))
        return parse_security_advisory(body, fields, "", out);
    return fields.error(base.empty() ? "(root)" : base,
                        "has no securityVulnerabilities, securityAdvisory or securityAdvisories");
}

} // namespace vouch::advisory::detail
