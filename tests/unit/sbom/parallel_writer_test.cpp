// Large CycloneDX documents are written by two threads, each continuing the other's JSON, and
// handed over in chunks; the chunks joined must be a well-formed document with every component.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vouch/sbom/sbom.hpp>
#include <vouch/util/json_writer.hpp>

using namespace vouch;

namespace {

// A lockfile with `count` packages in a chain, so every component has a dependency edge.
std::string chain_lockfile(int count) {
    std::string text = R"({"name": "shop", "version": "1.0.0", "lockfileVersion": 3,
      "packages": {"": {"name": "shop", "version": "1.0.0", "dependencies": {"p0": "1.0.0"}})";
    for (int i = 0; i < count; ++i) {
        text += ",\n\"node_modules/p" + std::to_string(i) + "\": {\"version\": \"1.0." +
                std::to_string(i) + "\", \"license\": \"MIT\"";
        if (i + 1 < count) {
            text += ", \"dependencies\": {\"p" + std::to_string(i + 1) + "\": \"*\"}";
        }
        text += "}";
    }
    return text + "}}";
}

sbom::DocumentInfo fixed_info() {
    sbom::DocumentInfo info;
    info.serial_uuid = "00000000-0000-8000-8000-000000000000";
    info.lockfile_path = "package-lock.json";
    info.reproducible = true;
    return info;
}

// The document as nlohmann writes it with the writer's layout (2-space indent, keys in order).
std::string reformatted(const std::string& document) {
    return nlohmann::ordered_json::parse(document).dump(2) + "\n";
}

} // namespace

TEST(JsonWriterContinuing, AppendsToTheOtherWritersText) {
    util::JsonWriter first;
    first.begin_object().key("items").begin_array().value("a");
    auto rest = util::JsonWriter::continuing(2);
    rest.value("b").end_array().field("n", 1).end_object();
    const std::string joined = first.take() + rest.finish();

    util::JsonWriter one;
    one.begin_object().key("items").begin_array().value("a").value("b").end_array();
    one.field("n", 1).end_object();
    EXPECT_EQ(joined, one.finish());
}

TEST(JsonWriterContinuing, AnEmptyInnermostContainerGetsNoComma) {
    util::JsonWriter first;
    first.begin_object().key("items").begin_array();
    auto rest = util::JsonWriter::continuing(2, true);
    rest.end_array().end_object();
    EXPECT_EQ(first.take() + rest.finish(), "{\n  \"items\": []\n}\n");
}

TEST(CycloneDxParts, TwoThreadsWriteTheSameDocumentAsOne) {
    for (const int count : {0, 3, 511, 512, 2000, 5000}) {
        auto lock = lockfile::parse_lockfile(chain_lockfile(count), "package-lock.json");
        ASSERT_TRUE(lock) << lock.error().describe();
        const auto built = sbom::build_sbom(*lock);
        ASSERT_TRUE(built);
        std::string joined;
        std::size_t pieces = 0;
        ASSERT_TRUE(sbom::write_cyclonedx(*built, fixed_info(), [&](std::string_view piece) {
            joined += piece;
            ++pieces;
            return Status{};
        }));
        EXPECT_GE(pieces, 2U);
        EXPECT_EQ(joined, sbom::write_cyclonedx(*built, fixed_info()));
        EXPECT_EQ(joined, reformatted(joined)) << count << " packages: layout differs";
        const auto doc = nlohmann::json::parse(joined);
        ASSERT_EQ(doc["components"].size(), static_cast<std::size_t>(count)) << count;
        ASSERT_EQ(doc["dependencies"].size(), static_cast<std::size_t>(count) + 1) << count;
        std::set<std::string> names;
        for (const auto& component : doc["components"]) {
            names.insert(component["name"].get<std::string>());
        }
        for (int i = 0; i < count; ++i) {
            EXPECT_EQ(names.count("p" + std::to_string(i)), 1u) << "p" << i << " missing";
        }
        if (count > 0) {
            EXPECT_EQ(doc["dependencies"][0]["dependsOn"][0], "pkg:npm/p0@1.0.0");
        }
    }
}

TEST(CycloneDxParts, ASpooledSecondPartIsAppendedWhereItBelongs) {
    for (const int count : {3, 510, 511, 5000}) {
        auto lock = lockfile::parse_lockfile(chain_lockfile(count), "package-lock.json");
        ASSERT_TRUE(lock);
        const auto built = sbom::build_sbom(*lock);
        ASSERT_TRUE(built);
        std::string joined;
        std::string spooled;
        std::size_t spooled_pieces = 0;
        bool appended = false;
        const sbom::Spool spool{[&](std::string_view piece) {
                                    spooled += piece;
                                    ++spooled_pieces;
                                    return Status{};
                                },
                                [&] {
                                    joined += spooled;
                                    appended = true;
                                    return Status{};
                                }};
        ASSERT_TRUE(sbom::write_cyclonedx(
            *built, fixed_info(),
            [&](std::string_view piece) {
                EXPECT_FALSE(appended) << "the first part must be whole before the second";
                joined += piece;
                return Status{};
            },
            &spool));
        EXPECT_EQ(joined, sbom::write_cyclonedx(*built, fixed_info())) << count;
        // Only a document written by two threads (512 components with the root) uses the
        // spool, and in chunks.
        EXPECT_EQ(appended, count + 1 >= 512) << count;
        if (count == 5000) {
            EXPECT_GE(spooled_pieces, 3U);
        }
    }
}

TEST(CycloneDxParts, ASpoolErrorStopsTheWriting) {
    auto lock = lockfile::parse_lockfile(chain_lockfile(3000), "package-lock.json");
    ASSERT_TRUE(lock);
    const auto built = sbom::build_sbom(*lock);
    ASSERT_TRUE(built);
    bool appended = false;
    const sbom::Spool spool{
        [](std::string_view) { return Status(fail(Errc::io, "scratch disk full")); },
        [&] {
            appended = true;
            return Status{};
        }};
    const auto written = sbom::write_cyclonedx(
        *built, fixed_info(), [](std::string_view) { return Status{}; }, &spool);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().message, "scratch disk full");
    EXPECT_FALSE(appended);
}

TEST(CycloneDxParts, TheFirstSinkErrorStopsTheWriting) {
    auto lock = lockfile::parse_lockfile(chain_lockfile(3000), "package-lock.json");
    ASSERT_TRUE(lock);
    const auto built = sbom::build_sbom(*lock);
    ASSERT_TRUE(built);
    std::size_t calls = 0;
    const auto written = sbom::write_cyclonedx(*built, fixed_info(), [&](std::string_view) {
        ++calls;
        return Status(fail(Errc::io, "disk full"));
    });
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().message, "disk full");
    EXPECT_EQ(calls, 1U);
}
