#include <gtest/gtest.h>
#include <vouch/lockfile/lockfile.hpp>

using namespace vouch::lockfile;

// Some lockfiles carry `license` as an array (documenso's has ["MIT", "Apache2"]): the package
// is available under any one of them.
TEST(LockfileLicense, ArraysAreJoinedWithOr) {
    const char* text = R"({"name": "app", "lockfileVersion": 3, "packages": {
      "": {"name": "app", "dependencies": {"a": "1", "b": "1", "c": "1"}},
      "node_modules/a": {"version": "1.0.0", "license": ["MIT", "Apache2"]},
      "node_modules/b": {"version": "1.0.0", "license": [{"type": "ISC"}, {"type": "MIT"}]},
      "node_modules/c": {"version": "1.0.0", "license": [[], 3]}}})";
    auto lock = parse_lockfile(text, "package-lock.json");
    ASSERT_TRUE(lock.has_value()) << lock.error().describe();
    EXPECT_EQ(lock->packages[lock->find("node_modules/a")].license, "MIT OR Apache2");
    EXPECT_EQ(lock->packages[lock->find("node_modules/b")].license, "ISC OR MIT");
    EXPECT_EQ(lock->packages[lock->find("node_modules/c")].license, "");
}
