#pragma once
// The subjects check: re-hash each artifact and find its subject (by name, else by digest).
#include <filesystem>
#include <string>
#include <vector>
#include <vouch/attest/statement.hpp>

namespace vouch::verify {

struct SubjectsOutcome {
    bool ok = false;
    std::string detail; // for a directory that changed: the added, removed and changed files
};

// "FILE[:LINE:COL]: message" like Error::describe(), without credentials but NOT yet escaped:
// check details stay raw (JSON escapes them itself) and are escaped once when printed.
std::string plain_text(const Error& error);

// With `every_subject`, also fails when a subject is not matched by one of the artifacts.
SubjectsOutcome check_subjects(const std::vector<std::filesystem::path>& artifacts,
                               const std::vector<attest::Subject>& subjects, unsigned threads,
                               bool every_subject = false);

} // namespace vouch::verify
