#include "controls.hpp"

namespace vouch::check::detail {

const std::vector<ControlRow>& control_rows() {
    static const std::vector<ControlRow> rows = {
        {"Advisory scan",
         "ISO 27001:2013 A.12.6.1 / 2022 8.8 (management of technical vulnerabilities)",
         "Each finding: advisory id, affected package and version, severity with CVSS vector, "
         "fixed "
         "version; the advisory database's import time and hash; the gate and its verdict; "
         "suppressions with owner, reason and expiry",
         "Remediation on time against defined SLAs; who may accept risk; coverage outside npm "
         "dependencies (runtime, platform, first-party code); proof the feeds were current; "
         "rescans between builds"},
        {"Advisory scan",
         "ISO 27001:2013 A.14.2.8 (+A.14.2.9) / 2022 8.29 (security testing in "
         "development and acceptance)",
         "A gate result for this build",
         "SAST, DAST and penetration tests; acceptance criteria written into the SDLC policy"},
        {"Advisory scan", "ISO 27001:2013 A.12.2.1 / 2022 8.7 (protection against malware)",
         "Known-malicious package ids (MAL-) fail the gate",
         "vouch only matches published malicious-package ids; it is not anti-malware. Endpoint "
         "and build-host protection are separate"},
        {"Advisory scan",
         "SOC 2 CC7.1 (Conducts Vulnerability Scans); CC6.8; CC7.3; SSDF RV.1.1, PW.4.4",
         "The same findings and verdict",
         "Evidence of how often scans ran across the whole audit period, not only at build time"},
        {"Licence policy",
         "ISO 27001:2013 A.18.1.2 / 2022 5.32 (intellectual property rights); SSDF PW.4.4",
         "The declared licence of each package, the policy (allow / review / deny), the deciding "
         "rule, and exceptions with owner and expiry",
         "Declared is not concluded: vouch does not scan file contents. Legal sign-off of the "
         "policy; meeting licence obligations (e.g. notices in client bundles); licences of "
         "non-npm assets. No SOC 2 criterion covers licensing: not mapped"},
        {"Lockfile lint", "ISO 27001:2013 A.15.1.3 / 2022 5.21 (ICT supply chain)",
         "Findings per rule: registry allow-list, non-https sources, missing or weak integrity, "
         "install scripts, git/URL/file sources and pins, typosquat candidates, lockfile out of "
         "sync with package.json",
         "Approval on record of the allowed registries; proof that CI installs with npm ci from "
         "this lockfile and sets an install-script policy"},
        {"Lockfile lint", "ISO 27001:2022 8.9 (configuration management; no 2013 predecessor)",
         "The lint rules as the documented baseline for dependency configuration; findings are "
         "deviations from it",
         "An owner of the configuration-management process and periodic review"},
        {"Lockfile lint", "ISO 27001:2013 A.14.2.1 / 2022 8.25 (secure development life cycle)",
         "An automated security checkpoint in the pipeline",
         "A secure development policy that requires the checkpoint"},
        {"Lockfile lint", "SOC 2 CC6.8, CC7.1, CC6.6 (weak link); SSDF PW.4.1, PW.4.4",
         "The same findings", "Network egress controls on the build host. SLSA: not covered"},
        {"This report",
         "ISO 27001:2013 A.15.1.1, A.15.1.2, A.15.2.1 / 2022 5.19, 5.20, 5.22 "
         "(the operator as a supplier); A.15.1.3 / 5.21",
         "A summary of package counts, open findings by severity and the verdict, licence "
         "results, generation time, and the digests of the inputs it summarises",
         "The reviewer must check the underlying signed artifacts: this HTML is only as "
         "trustworthy as its source. The operator's ISMS certificate or SOC 2 report; contractual "
         "commitments"},
        {"This report", "SOC 2 CC9.2 (input to the reviewer's vendor assessment)",
         "The same report", "It is not an assurance report and carries no auditor opinion"},
    };
    return rows;
}

const std::vector<std::string_view>& not_evidenced() {
    static const std::vector<std::string_view> rows = {
        "A.8.2.1 / 5.12 information classification (dev/prod scope is not a classification)",
        "5.23 use of cloud services (nothing about Vercel's own security)",
        "A.6.1.2 / 5.3 segregation of duties",
        "A.12.1.4, A.14.2.6 / 8.31 separation of environments; 8.26, 8.27, 8.28 secure coding and "
        "architecture",
        "A.16.1.5 / 5.26 incident response; SOC 2 CC7.4, CC7.5",
        "SOC 2 CC6.1 \"Protects Encryption Keys\"; CC6.6 perimeter of the live site; CC7.2 runtime "
        "anomaly detection",
    };
    return rows;
}

} // namespace vouch::check::detail
