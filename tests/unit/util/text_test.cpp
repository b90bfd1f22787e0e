#include <gtest/gtest.h>
#include <vouch/util/error.hpp>
#include <vouch/util/text.hpp>

using vouch::util::escape_for_terminal;
using vouch::util::strip_userinfo;

TEST(EscapeForTerminal, PrintableTextIsUnchanged) {
    EXPECT_EQ(escape_for_terminal("app/page-1.js"), "app/page-1.js");
    EXPECT_EQ(escape_for_terminal("caf\xc3\xa9 \xe2\x9c\x93"), "caf\xc3\xa9 \xe2\x9c\x93");
}

TEST(EscapeForTerminal, ControlSequencesBecomeVisible) {
    EXPECT_EQ(escape_for_terminal("evil\x1b[2K\r  pass subjects ok"),
              "evil\\e[2K\\r  pass subjects ok");
    EXPECT_EQ(escape_for_terminal("a\nb\tc"), "a\\nb\\tc");
    EXPECT_EQ(escape_for_terminal(std::string_view("a\0b", 3)), "a\\x00b");
    EXPECT_EQ(escape_for_terminal("\x7f"), "\\x7f");
    EXPECT_EQ(escape_for_terminal("\xc2\x9b"), "\\u{9b}");       // C1 CSI
    EXPECT_EQ(escape_for_terminal("\xe2\x80\xae"), "\\u{202e}"); // right-to-left override
}

TEST(EscapeForTerminal, InvalidUtf8AndBackslashes) {
    EXPECT_EQ(escape_for_terminal("\xff\xc3"), "\\xff\\xc3");
    EXPECT_EQ(escape_for_terminal("\xc0\xaf"), "\\xc0\\xaf"); // overlong '/'
    EXPECT_EQ(escape_for_terminal("a\\nb"), "a\\\\nb");       // cannot forge an escape
}

TEST(StripUserinfo, RemovesCredentials) {
    EXPECT_EQ(strip_userinfo("https://user:token@gitlab.com/g/r.git"),
              "https://gitlab.com/g/r.git");
    EXPECT_EQ(strip_userinfo("https://ghp_abc@github.com/o/r"), "https://github.com/o/r");
    EXPECT_EQ(strip_userinfo("https://u:p@host"), "https://host");
    EXPECT_EQ(strip_userinfo("https://u:p@w@host/a?b=c@d"), "https://host/a?b=c@d");
    EXPECT_EQ(strip_userinfo("ssh://git:secret@host/r.git"), "ssh://git@host/r.git");
    EXPECT_EQ(strip_userinfo("git+ssh://git@github.com/o/r.git"),
              "git+ssh://git@github.com/o/r.git");
}

TEST(StripUserinfo, LeavesOtherTextAlone) {
    EXPECT_EQ(strip_userinfo("https://registry.npmjs.org/a/-/a-1.0.0.tgz"),
              "https://registry.npmjs.org/a/-/a-1.0.0.tgz");
    EXPECT_EQ(strip_userinfo("git@github.com:o/r.git"), "git@github.com:o/r.git");
    EXPECT_EQ(strip_userinfo("package-lock.json"), "package-lock.json");
    EXPECT_EQ(strip_userinfo("https://host/a@b"), "https://host/a@b");
}

TEST(ErrorDescribe, IsOneEscapedLineWithoutCredentials) {
    const auto error =
        vouch::make_error(vouch::Errc::io, "cannot read \"x\ny\"", "https://u:p@host/dir\x1b[31m");
    EXPECT_EQ(error.describe(), "https://host/dir\\e[31m: cannot read \"x\\ny\"");
}
