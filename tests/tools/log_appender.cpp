// Test helper: appends N entries to a decision log through audit::append, as fast as it can, so
// the e2e tests can race two writers and kill one mid-append (tests/e2e/test_decision_log.sh).
// Prints each acknowledged seq (after fsync) on stdout.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vouch/audit/log.hpp>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: log_appender LOG COUNT TAG\n");
        return 2;
    }
    const long count = std::strtol(argv[2], nullptr, 10);
    for (long i = 0; i < count; ++i) {
        vouch::audit::Entry entry;
        entry.event = "verify";
        entry.actor = {{"ci", "test"}, {"writer", argv[3]}};
        entry.deployment = std::string(argv[3]) + "-" + std::to_string(i);
        entry.verdict = "pass";
        entry.reasons = {std::string(200, 'x')};
        const auto appended = vouch::audit::append(argv[1], entry);
        if (!appended) {
            std::fprintf(stderr, "%s\n", appended.error().describe().c_str());
            return 1;
        }
        std::printf("%llu\n", static_cast<unsigned long long>(appended->seq));
        std::fflush(stdout);
    }
    return 0;
}
