// load_source(): a directory of JSON documents (recursively), an OSV all.zip, or one document.
#include "parsers.hpp"
#include "streaming.hpp"
#include "zip_reader.hpp"

#include <algorithm>
#include <set>
#include <system_error>
#include <vouch/advisory/feeds.hpp>
#include <vouch/util/file.hpp>

namespace vouch::advisory {

namespace {

namespace fs = std::filesystem;

// Accumulates documents of one source, applying the skip-invalid policy per document. With a
// sink, each advisory goes to the sink as soon as its document is parsed instead of being kept.
class SourceReader {
  public:
    SourceReader(const LoadOptions& options, std::string location,
                 const detail::AdvisorySink* sink = nullptr)
        : m_options(options), m_sink(sink) {
        m_loaded.info.location = std::move(location);
    }

    Status add_document(std::string_view text, const std::string& name) {
        detail::Batch batch;
        auto outcome = parse(text, name, batch);
        if (outcome)
            return deliver(batch); // a sink's error is not a malformed record: never skipped
        if (!m_options.skip_invalid)
            return tl::unexpected(outcome.error());
        ++m_loaded.info.skipped;
        if (m_options.on_skipped)
            m_options.on_skipped(outcome.error());
        return {};
    }

    void skip(const Error& error) {
        ++m_loaded.info.skipped;
        if (m_options.on_skipped)
            m_options.on_skipped(error);
    }

    bool skip_invalid() const { return m_options.skip_invalid; }

    LoadedSource finish(std::string fallback_format) {
        std::string format;
        for (const auto& name : m_formats) {
            if (!format.empty())
                format += '+';
            format += name;
        }
        m_loaded.info.format = format.empty() ? std::move(fallback_format) : format;
        m_loaded.info.records = m_sink ? m_delivered : m_loaded.advisories.size();
        return std::move(m_loaded);
    }

  private:
    Status deliver(detail::Batch& batch) {
        for (auto& advisory : batch.advisories) {
            advisory.sources.push_back(m_loaded.info.location);
            if (m_sink) {
                VOUCH_TRY((*m_sink)(std::move(advisory)));
                ++m_delivered;
            } else {
                m_loaded.advisories.push_back(std::move(advisory));
            }
        }
        return {};
    }

    Status parse(std::string_view text, const std::string& name, detail::Batch& batch) {
        if (text.size() > k_max_document_bytes) {
            return fail(Errc::parse,
                        "document is larger than the " +
                            std::to_string(k_max_document_bytes >> 20) + " MiB limit",
                        name);
        }
        simdjson::padded_string padded(text);
        detail::Fields fields(name);
        VOUCH_TRY_ASSIGN(auto root, detail::parse_document(m_parser, padded, name));
        VOUCH_TRY_ASSIGN(auto format, detail::parse_any(root, fields, batch));
        m_loaded.info.withdrawn += batch.withdrawn;
        m_formats.insert(std::move(format));
        return {};
    }

    const LoadOptions& m_options;
    const detail::AdvisorySink* m_sink;
    std::size_t m_delivered = 0;
    simdjson::dom::parser m_parser;
    LoadedSource m_loaded;
    std::set<std::string> m_formats;
};

Result<std::string> read_document(const fs::path& path) {
    return util::read_file(path, k_max_document_bytes);
}

Result<LoadedSource> load_directory(const fs::path& dir, const LoadOptions& options,
                                    const detail::AdvisorySink* sink) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, ec), end;
    if (ec)
        return fail(Errc::io, "cannot read directory: " + ec.message(), dir.string());
    for (; it != end; it.increment(ec)) {
        if (ec)
            return fail(Errc::io, "cannot read directory: " + ec.message(), dir.string());
        if (it->is_regular_file(ec) && it->path().extension() == ".json")
            files.push_back(it->path());
    }
    if (ec)
        return fail(Errc::io, "cannot read directory: " + ec.message(), dir.string());
    std::sort(files.begin(), files.end()); // deterministic order, so errors are reproducible
    SourceReader reader(options, dir.string(), sink);
    for (const auto& file : files) {
        auto text = read_document(file);
        if (!text) {
            if (!reader.skip_invalid())
                return tl::unexpected(text.error());
            reader.skip(text.error());
            continue;
        }
        VOUCH_TRY(reader.add_document(*text, file.string()));
    }
    if (files.empty()) {
        return fail(Errc::parse, "directory holds no .json advisory files", dir.string());
    }
    return reader.finish(detail::k_format_osv);
}

Result<LoadedSource> load_zip(const fs::path& zip, const LoadOptions& options,
                              const detail::AdvisorySink* sink) {
    SourceReader reader(options, zip.string(), sink);
    detail::ZipLimits limits{k_max_zip_entry_bytes, k_max_zip_total_bytes, k_max_zip_entries};
    std::size_t documents = 0;
    VOUCH_TRY(detail::for_each_zip_entry(
        zip, limits, [&](const std::string& name, std::string& content) -> Status {
            if (name.size() < 5 || name.substr(name.size() - 5) != ".json")
                return {};
            ++documents;
            return reader.add_document(content, zip.string() + "!/" + name);
        }));
    if (documents == 0)
        return fail(Errc::parse, "zip archive holds no .json files", zip.string());
    auto loaded = reader.finish(detail::k_format_osv);
    loaded.info.format =
        loaded.info.format == detail::k_format_osv ? "osv-zip" : loaded.info.format + "-zip";
    return loaded;
}

Result<LoadedSource> load_any(const fs::path& path, const LoadOptions& options,
                              const detail::AdvisorySink* sink) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        return fail(Errc::io, "advisory source not found", path.string());
    }
    if (fs::is_directory(status))
        return load_directory(path, options, sink);
    if (path.extension() == ".zip" || detail::looks_like_zip(path))
        return load_zip(path, options, sink);
    VOUCH_TRY_ASSIGN(auto text, read_document(path));
    // One document: skipping it would import nothing, so it always fails closed.
    const LoadOptions strict;
    SourceReader reader(strict, path.string(), sink);
    VOUCH_TRY(reader.add_document(text, path.string()));
    return reader.finish(detail::k_format_osv);
}

} // namespace

Result<LoadedSource> load_source(const fs::path& path, const LoadOptions& options) {
    return load_any(path, options, nullptr);
}

Result<SourceInfo> detail::stream_source(const fs::path& path, const LoadOptions& options,
                                         const AdvisorySink& sink) {
    VOUCH_TRY_ASSIGN(auto loaded, load_any(path, options, &sink));
    return std::move(loaded.info);
}

Result<std::vector<Advisory>> load_source(const fs::path& path) {
    VOUCH_TRY_ASSIGN(auto loaded, load_source(path, LoadOptions{}));
    return std::move(loaded.advisories);
}

} // namespace vouch::advisory
