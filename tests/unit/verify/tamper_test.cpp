// The tamper matrix: each case changes one thing after signing and asserts which check fails.
#include "signed_payload.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sodium.h>
#include <stdexcept>
#include <unistd.h>
#include <vouch/attest/provenance.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/dsse/envelope.hpp>
#include <vouch/git/repository.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/file.hpp>
#include <vouch/verify/pipeline.hpp>

using namespace vouch;
namespace fs = std::filesystem;

namespace {

// The same throwaway Ed25519 key the other verify tests sign with.
using TestKey = vouch::test::SigningKey;

class Tamper : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "vouch-tamper-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        ::setenv("VOUCH_NOW", "2026-11-20T12:00:00Z", 1);
        git("init -q -b main");
        write(".gitignore", "out/\napp.bin\nsbom.json\nverdict.json\n*.intoto.jsonl\n");
        write("package-lock.json", "{\"lockfileVersion\": 3}");
        git("add .gitignore package-lock.json");
        git("commit -q -m one");
        first = *git::resolve_commit(dir, "HEAD");
        write("src.txt", "two");
        git("add src.txt");
        git("commit -q -m two");
        head = *git::resolve_commit(dir, "HEAD");
        git("checkout -q -b feature");
        write("feature.txt", "three");
        git("add feature.txt");
        git("commit -q -m three");
        feature = *git::resolve_commit(dir, "HEAD");
        git("checkout -q main");

        write("out/static/index.html", "<html></html>");
        write("out/static/app.js", "console.log(1)");
        write("out/functions/api.func/index.js", "module.exports = 1");
        fs::create_directory_symlink("api.func", dir / "out/functions/alias.func");
        write("app.bin", std::string(100000, 'b'));
        // An SBOM of this lockfile, as vouch sbom records it (sign checks that).
        write("sbom.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", "
                           "\"metadata\": {\"properties\": [{\"name\": \"vouch:lockfile:sha256\", "
                           "\"value\": \"" +
                               digest::sha256_hex("{\"lockfileVersion\": 3}") + "\"}]}}");
        write("verdict.json",
              "{\"verdict\": \"pass\", \"lockfile\": {\"path\": \"package-lock.json\", "
              "\"sha256\": \"" +
                  digest::sha256_hex("{\"lockfileVersion\": 3}") + "\"}}");
    }
    void TearDown() override {
        ::unsetenv("VOUCH_NOW");
        fs::remove_all(dir);
    }

    void git(const std::string& args) {
        const std::string command = "git -C '" + dir.string() +
                                    "' -c user.name=t -c user.email=t@example.com "
                                    "-c commit.gpgsign=false " +
                                    args + " >/dev/null 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
    }
    void write(const std::string& name, const std::string& content) {
        fs::create_directories((dir / name).parent_path());
        std::ofstream(dir / name, std::ios::binary) << content;
    }

    attest::ProvenanceRequest sign_request() {
        attest::ProvenanceRequest request;
        request.artifacts = {dir / "out", dir / "app.bin"};
        request.repo = dir;
        request.sbom = dir / "sbom.json";
        request.verdict = dir / "verdict.json";
        request.env = [](const std::string&) { return std::nullopt; };
        return request;
    }
    dsse::Envelope sign(const attest::ProvenanceRequest& request) {
        auto provenance = attest::make_provenance(request);
        EXPECT_TRUE(provenance) << provenance.error().describe();
        if (!provenance) // a helper returning a value cannot ASSERT_*: stop before *provenance
            throw std::runtime_error("test setup failed: provenance");
        return dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type), provenance->statement,
                                   key.signer());
    }
    void save(const dsse::Envelope& envelope) { save_text(dsse::serialize_envelope(envelope)); }
    void save_text(const std::string& text) {
        ASSERT_TRUE(util::write_file_atomic(envelope_path(), text));
    }
    fs::path envelope_path() const { return dir / "att.intoto.jsonl"; }

    verify::Request verify_request() {
        verify::Request request;
        request.artifacts = {dir / "out", dir / "app.bin"};
        request.attestation = envelope_path();
        request.trusted = {key.trusted()};
        request.expected_commit = head;
        request.expected_commit_source = "--commit";
        request.repo = dir;
        request.branch = "main";
        request.max_age = std::chrono::hours{24};
        request.require_sbom = true;
        request.require_verdict = "pass";
        request.now = *util::parse_rfc3339("2026-11-20T13:00:00Z");
        return request;
    }

    // Asserts that `name` is the first failing check and every later check was skipped.
    static void expect_fails_at(const verify::Report& report, const std::string& name,
                                const std::string& detail_part = "") {
        const auto* failed = report.first_failure();
        ASSERT_NE(failed, nullptr) << "expected check '" << name << "' to fail";
        EXPECT_EQ(failed->name, name) << failed->detail;
        EXPECT_NE(failed->detail.find(detail_part), std::string::npos) << failed->detail;
        bool after = false;
        for (const auto& check : report.checks) {
            if (after) {
                EXPECT_EQ(check.status, verify::CheckStatus::skipped) << check.name;
            }
            after = after || &check == failed;
        }
        EXPECT_EQ(report.checks.size(), 11U); // envelope ... verdict, inspection
    }

    fs::path dir;
    std::string first, head, feature;
    TestKey key{"AAAAAAAAAAAAAAAA"};
};

} // namespace

TEST_F(Tamper, UntouchedAttestationPassesEveryCheck) {
    save(sign(sign_request()));
    const auto report = verify::run(verify_request());
    ASSERT_TRUE(report.passed()) << verify::render_text(report);
    for (const auto& check : report.checks) {
        if (check.name == "inspection") {
            continue; // app.bin is a file: only build output directories are inspected
        }
        EXPECT_EQ(check.status, verify::CheckStatus::pass) << check.name << ": " << check.detail;
    }
}

TEST_F(Tamper, OneByteOfTheArtifact) {
    save(sign(sign_request()));
    auto content = *util::read_file(dir / "app.bin");
    content[500] ^= 1;
    write("app.bin", content);
    expect_fails_at(verify::run(verify_request()), "subjects", "app.bin: digest mismatch");
}

TEST_F(Tamper, FileAddedToDirectory) {
    save(sign(sign_request()));
    write("out/static/evil.js", "steal()");
    expect_fails_at(verify::run(verify_request()), "subjects", "added: static/evil.js");
}

TEST_F(Tamper, FileRemovedFromDirectory) {
    save(sign(sign_request()));
    fs::remove(dir / "out/static/app.js");
    expect_fails_at(verify::run(verify_request()), "subjects", "removed: static/app.js");
}

TEST_F(Tamper, FileRenamedInDirectory) {
    save(sign(sign_request()));
    fs::rename(dir / "out/static/app.js", dir / "out/static/app2.js");
    const auto report = verify::run(verify_request());
    expect_fails_at(report, "subjects", "added: static/app2.js; removed: static/app.js");
}

TEST_F(Tamper, FileChangedInDirectory) {
    save(sign(sign_request()));
    write("out/functions/api.func/index.js", "module.exports = 2");
    expect_fails_at(verify::run(verify_request()), "subjects",
                    "changed: functions/api.func/index.js");
}

TEST_F(Tamper, SymlinkRetargeted) {
    write("out/functions/other.func/index.js", "x");
    save(sign(sign_request()));
    fs::remove(dir / "out/functions/alias.func");
    fs::create_directory_symlink("other.func", dir / "out/functions/alias.func");
    expect_fails_at(verify::run(verify_request()), "subjects", "changed: functions/alias.func");
}

TEST_F(Tamper, PayloadByte) {
    auto envelope = sign(sign_request());
    envelope.payload[envelope.payload.size() / 2] ^= 0x20;
    save(envelope);
    expect_fails_at(verify::run(verify_request()), "signatures");
}

TEST_F(Tamper, SignatureByte) {
    auto envelope = sign(sign_request());
    envelope.signatures[0].sig[7] ^= 1;
    save(envelope);
    expect_fails_at(verify::run(verify_request()), "signatures");
}

TEST_F(Tamper, PayloadTypeEditedBreaksTheSignature) {
    auto envelope = sign(sign_request());
    envelope.payload_type = "application/vnd.in-toto.provenance+json";
    save(envelope);
    expect_fails_at(verify::run(verify_request()), "signatures");
}

TEST_F(Tamper, PayloadTypeSignedButWrong) {
    auto provenance = attest::make_provenance(sign_request());
    ASSERT_TRUE(provenance);
    save(dsse::sign_envelope("application/json", provenance->statement, key.signer()));
    expect_fails_at(verify::run(verify_request()), "payload-type", "application/json");
}

TEST_F(Tamper, KeyIdSwapped) {
    TestKey second("BBBBBBBBBBBBBBBB");
    auto envelope = sign(sign_request());
    ASSERT_TRUE(dsse::add_signature(envelope, second.signer()));
    std::swap(envelope.signatures[0].keyid, envelope.signatures[1].keyid);
    save(envelope);
    auto request = verify_request();
    request.trusted = {key.trusted(), second.trusted()};
    expect_fails_at(verify::run(request), "signatures");
}

TEST_F(Tamper, UntrustedKey) {
    TestKey stranger("CCCCCCCCCCCCCCCC");
    auto provenance = attest::make_provenance(sign_request());
    ASSERT_TRUE(provenance);
    save(dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type), provenance->statement,
                             stranger.signer()));
    expect_fails_at(verify::run(verify_request()), "signatures");
}

TEST_F(Tamper, SameKeyTwiceDoesNotMeetAThresholdOfTwo) {
    TestKey second("BBBBBBBBBBBBBBBB");
    auto envelope = sign(sign_request());
    envelope.signatures.push_back(envelope.signatures[0]);
    envelope.signatures.back().keyid = second.keyid;
    save(envelope);
    auto request = verify_request();
    request.trusted = {key.trusted(), second.trusted()};
    request.threshold = 2;
    expect_fails_at(verify::run(request), "signatures");

    envelope.signatures.pop_back();
    ASSERT_TRUE(dsse::add_signature(envelope, second.signer()));
    save(envelope);
    EXPECT_TRUE(verify::run(request).passed()); // two distinct keys do
}

TEST_F(Tamper, OtherCommit) {
    save(sign(sign_request()));
    auto request = verify_request();
    request.expected_commit = first;
    expect_fails_at(verify::run(request), "commit", "expected " + first);
}

TEST_F(Tamper, CommitNotOnTheBranch) {
    auto sign_req = sign_request();
    sign_req.revision = "feature";
    git("checkout -q feature"); // only what is checked out can be signed
    save(sign(sign_req));
    git("checkout -q main");
    auto request = verify_request();
    request.expected_commit = feature;
    expect_fails_at(verify::run(request), "branch", "not on branch 'main'");
    request.branch = "feature";
    EXPECT_TRUE(verify::run(request).passed());
}

TEST_F(Tamper, CommitUnknownToTheRepository) {
    auto provenance = attest::make_provenance(sign_request());
    ASSERT_TRUE(provenance);
    std::string statement = provenance->statement;
    ASSERT_NE(statement.find(head), std::string::npos);
    for (auto at = statement.find(head); at != std::string::npos; at = statement.find(head)) {
        statement.replace(at, head.size(), std::string(40, 'e'));
    }
    save(dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type), statement, key.signer()));
    auto request = verify_request();
    request.expected_commit = std::string(40, 'e');
    expect_fails_at(verify::run(request), "branch", "does not exist");
}

TEST_F(Tamper, DirtyTreeRefusesToSign) {
    write("src.txt", "uncommitted");
    auto refused = attest::make_provenance(sign_request());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::rejected);
    EXPECT_NE(refused.error().message.find("src.txt"), std::string::npos);

    auto allowed = sign_request();
    allowed.allow_dirty = true;
    save(sign(allowed));
    expect_fails_at(verify::run(verify_request()), "commit", "uncommitted changes");
    auto request = verify_request();
    request.allow_dirty = true;
    EXPECT_TRUE(verify::run(request).passed());
}

TEST_F(Tamper, Expired) {
    save(sign(sign_request()));
    auto request = verify_request();
    request.now = *util::parse_rfc3339("2026-11-22T12:00:01Z");
    expect_fails_at(verify::run(request), "age", "more than --max-age 1d");
    request.max_age = std::chrono::hours{24 * 7};
    EXPECT_TRUE(verify::run(request).passed());
}

TEST_F(Tamper, SignedInTheFuture) {
    save(sign(sign_request()));
    auto request = verify_request();
    request.now = *util::parse_rfc3339("2026-11-19T12:00:00Z");
    expect_fails_at(verify::run(request), "age", "future");
}

TEST_F(Tamper, TruncatedEnvelope) {
    const auto text = dsse::serialize_envelope(sign(sign_request()));
    save_text(text.substr(0, text.size() / 2));
    expect_fails_at(verify::run(verify_request()), "envelope");
}

TEST_F(Tamper, GarbageEnvelope) {
    save_text("\x89PNG\r\n\x1a\n garbage");
    expect_fails_at(verify::run(verify_request()), "envelope");
    save_text("");
    expect_fails_at(verify::run(verify_request()), "envelope");
}

TEST_F(Tamper, MissingEnvelope) {
    expect_fails_at(verify::run(verify_request()), "envelope", "no such file");
}

namespace {
// A statement whose signed manifest carries `path`, signed by the trusted key itself: verify must
// still refuse it (a buggy or malicious signer's tooling).
std::string statement_with_manifest_path(const std::string& path, const std::string& commit) {
    attest::ProvenanceInput input;
    const std::string manifest =
        "vouch-manifest v1\nfile " + path + " 1 " + std::string(64, 'a') + "\n";
    input.subjects.push_back({"out", {{"sha256", digest::sha256_hex(manifest)}}, manifest});
    input.commit.sha = commit;
    input.ci.builder_id = "b";
    return attest::build_statement(input);
}
} // namespace

TEST_F(Tamper, ManifestPathWithDotDot) {
    save(dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type),
                             statement_with_manifest_path("../etc/passwd", head), key.signer()));
    expect_fails_at(verify::run(verify_request()), "subjects", "'..' component");
}

TEST_F(Tamper, ManifestPathAbsolute) {
    save(dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type),
                             statement_with_manifest_path("/etc/passwd", head), key.signer()));
    expect_fails_at(verify::run(verify_request()), "subjects", "absolute path");
}

TEST_F(Tamper, RequiredSbomMissing) {
    auto request_without = sign_request();
    request_without.sbom.reset();
    save(sign(request_without));
    expect_fails_at(verify::run(verify_request()), "sbom");
}

// Fail closed: an SBOM signed with --sbom-unchecked ("checked": false) does not satisfy
// --require-sbom unless the verifier explicitly opts out with --allow-unchecked-sbom.
TEST_F(Tamper, RequiredSbomUnchecked) {
    write("sbom.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", "
                       "\"components\": []}");
    auto unchecked = sign_request();
    unchecked.sbom_unchecked = true;
    save(sign(unchecked));
    auto request = verify_request();
    expect_fails_at(verify::run(request), "sbom", "--sbom-unchecked");
    request.allow_unchecked_sbom = true;
    const auto report = verify::run(request);
    ASSERT_TRUE(report.passed());
    const auto sbom = std::find_if(report.checks.begin(), report.checks.end(),
                                   [](const auto& check) { return check.name == "sbom"; });
    ASSERT_NE(sbom, report.checks.end());
    EXPECT_NE(sbom->detail.find("NOT checked"), std::string::npos) << sbom->detail;
    EXPECT_NE(verify::render_json(report, request).find("\"allow_unchecked_sbom\": true"),
              std::string::npos);
}

TEST_F(Tamper, RequiredVerdictFailing) {
    write("verdict.json", "{\"verdict\": \"fail\", \"lockfile\": {\"path\": \"package-lock.json\", "
                          "\"sha256\": \"" +
                              digest::sha256_hex("{\"lockfileVersion\": 3}") + "\"}}");
    save(sign(sign_request()));
    expect_fails_at(verify::run(verify_request()), "verdict", "'fail'");
}

TEST_F(Tamper, VerdictAboutAnotherLockfile) {
    write("verdict.json", "{\"verdict\": \"pass\", \"lockfile\": {\"path\": \"x\", \"sha256\": \"" +
                              std::string(64, '0') + "\"}}");
    save(sign(sign_request()));
    expect_fails_at(verify::run(verify_request()), "verdict", "lockfile");
}

// --require-gate (issue 8 item 1): the verdict must pass under a gate at least as strict.
TEST_F(Tamper, RequireGateAcceptsAStricterGateAndRejectsAWeakerOne) {
    const std::string lockfile_sha = digest::sha256_hex("{\"lockfileVersion\": 3}");
    auto verdict_with_gate = [&](const std::string& verdict, const std::string& gate) {
        write("verdict.json", "{\"verdict\": \"" + verdict + "\", \"gate\": \"" + gate +
                                  "\", \"database\": {\"sha256\": \"" + std::string(64, 'd') +
                                  "\", \"imported\": \"2026-11-20T00:00:00Z\"}, "
                                  "\"lockfile\": {\"path\": \"package-lock.json\", \"sha256\": \"" +
                                  lockfile_sha + "\"}}");
        save(sign(sign_request()));
    };
    auto request = verify_request();
    request.require_verdict.reset();
    request.require_gate = "moderate";

    verdict_with_gate("pass", "any");
    EXPECT_TRUE(verify::run(request).passed());
    verdict_with_gate("pass", "moderate");
    EXPECT_TRUE(verify::run(request).passed());
    verdict_with_gate("pass", "high");
    expect_fails_at(verify::run(request), "verdict", "weaker than the required 'moderate'");
    verdict_with_gate("report-only", "none");
    expect_fails_at(verify::run(request), "verdict", "'report-only'");
    verdict_with_gate("fail", "any");
    expect_fails_at(verify::run(request), "verdict", "'fail'");
}

TEST_F(Tamper, RequireGateFailsAVerdictWithoutAGate) {
    save(sign(sign_request())); // the fixture's verdict records no gate (an older vouch)
    auto request = verify_request();
    request.require_gate = "critical";
    expect_fails_at(verify::run(request), "verdict", "records no gate");
}

TEST(ReadVerdict, RecordsGateAndDatabaseIdentity) {
    const auto dir = fs::temp_directory_path() / ("vouch-verdict-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto path = dir / "verdict.json";
    ASSERT_TRUE(util::write_file_atomic(
        path, "{\"verdict\": \"report-only\", \"gate\": \"none\", \"database\": {\"sha256\": "
              "\"ab\", \"imported\": \"2026-11-20T00:00:00Z\"}, \"lockfile\": {\"path\": \"p\", "
              "\"sha256\": \"cd\"}}"));
    auto record = attest::read_verdict(path);
    ASSERT_TRUE(record) << record.error().describe();
    EXPECT_EQ(record->verdict, "report-only");
    EXPECT_EQ(record->gate, "none");
    EXPECT_EQ(record->database_sha256, "ab");
    EXPECT_EQ(record->database_imported, "2026-11-20T00:00:00Z");
    ASSERT_TRUE(util::write_file_atomic(
        path, "{\"verdict\": \"pass\", \"gate\": 3, \"lockfile\": {\"sha256\": \"cd\"}}"));
    auto wrong_type = attest::read_verdict(path);
    ASSERT_FALSE(wrong_type);
    EXPECT_EQ(wrong_type.error().code, Errc::parse);
    fs::remove_all(dir);
}

TEST_F(Tamper, WrongPredicateType) {
    auto provenance = attest::make_provenance(sign_request());
    ASSERT_TRUE(provenance);
    std::string statement = provenance->statement;
    const std::string slsa = "https://slsa.dev/provenance/v1";
    statement.replace(statement.find(slsa), slsa.size(), "https://slsa.dev/provenance/v0.2");
    save(dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type), statement, key.signer()));
    expect_fails_at(verify::run(verify_request()), "statement", "predicateType");
}

TEST_F(Tamper, ArtifactMissing) {
    save(sign(sign_request()));
    fs::remove(dir / "app.bin");
    expect_fails_at(verify::run(verify_request()), "subjects", "not found");
}

TEST(Duration, ParsesAndRejects) {
    EXPECT_EQ(*verify::parse_duration("30m"), std::chrono::seconds{1800});
    EXPECT_EQ(*verify::parse_duration("24h"), std::chrono::seconds{86400});
    EXPECT_EQ(*verify::parse_duration("7d"), std::chrono::seconds{604800});
    EXPECT_EQ(*verify::parse_duration("2w"), std::chrono::seconds{1209600});
    EXPECT_EQ(*verify::parse_duration("45s"), std::chrono::seconds{45});
    for (const char* bad :
         {"", "h", "0h", "-1h", "1.5h", "1y", "24", "h24", "1 h", "99999999999999999999d"}) {
        auto result = verify::parse_duration(bad);
        EXPECT_FALSE(result) << bad;
        if (!result) {
            EXPECT_EQ(result.error().code, Errc::usage);
        }
    }
    EXPECT_EQ(verify::format_duration(std::chrono::seconds{90061}), "1d 1h 1m 1s");
}

TEST_F(Tamper, JsonReportListsEveryCheckInOrder) {
    save(sign(sign_request()));
    write("out/static/evil.js", "x");
    const auto request = verify_request();
    const auto json = verify::render_json(verify::run(request), request);
    EXPECT_NE(json.find("\"verified\": false"), std::string::npos);
    EXPECT_NE(json.find("\"failed_check\": \"subjects\""), std::string::npos);
    std::size_t last = 0;
    for (const char* name : {"envelope", "signatures", "payload-type", "statement", "subjects",
                             "commit", "branch", "age", "sbom", "verdict"}) {
        const auto at = json.find("\"name\": \"" + std::string(name) + "\"");
        ASSERT_NE(at, std::string::npos) << name;
        EXPECT_GT(at, last) << name;
        last = at;
    }
    EXPECT_NE(json.find("\"status\": \"skipped\""), std::string::npos);
}
