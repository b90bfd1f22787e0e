// Unit tests per content rule, look-alikes that must not fire, and chunk-boundary handling.
#include <gtest/gtest.h>
#include <random>
#include <vouch/inspect/scanner.hpp>

using namespace vouch::inspect;

namespace {

std::vector<Finding> scan(std::string_view text, ScanRules rules = {}, std::size_t chunk = 0) {
    FileScanner scanner(std::move(rules));
    scanner.begin("static/a.js");
    if (chunk == 0) {
        scanner.feed(text);
    } else {
        for (std::size_t at = 0; at < text.size(); at += chunk) {
            scanner.feed(text.substr(at, chunk));
        }
    }
    return scanner.end();
}

std::vector<std::string> rules_of(const std::vector<Finding>& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
        out.push_back(f.rule);
    }
    return out;
}

std::string random_alnum(std::size_t n, unsigned seed) {
    static const std::string alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::mt19937 rng(seed);
    std::string s;
    while (s.size() < n) {
        s += alphabet[rng() % alphabet.size()];
    }
    s[0] = 'Q';
    s[1] = 'q';
    s[2] = '7';
    return s;
}

std::string checksummed(std::string_view prefix, unsigned seed) {
    const std::string body = random_alnum(30, seed);
    return std::string(prefix) + body + base62_crc32(body);
}

std::string pem_body() {
    std::string body;
    for (int line = 0; line < 4; ++line) {
        body += random_alnum(64, static_cast<unsigned>(line + 10)) + "\n";
    }
    return body;
}

using Rules = std::vector<std::string>;

} // namespace

TEST(Checksum, Crc32KnownValue) {
    EXPECT_EQ(crc32("123456789"), 0xCBF43926U); // the CRC-32 check value
    EXPECT_EQ(base62_crc32("123456789").size(), 6U);
    EXPECT_TRUE(base62_crc32_matches("123456789", base62_crc32("123456789")));
    EXPECT_FALSE(base62_crc32_matches("123456780", base62_crc32("123456789")));
}

TEST(Entropy, Values) {
    EXPECT_DOUBLE_EQ(shannon_entropy("aaaa"), 0.0);
    EXPECT_DOUBLE_EQ(shannon_entropy("abab"), 1.0);
    EXPECT_GT(shannon_entropy(random_alnum(40, 1)), 4.0);
}

TEST(Pem, PrivateKeyWithBody) {
    const auto f = scan("const k = `-----BEGIN EC PRIVATE KEY-----\n" + pem_body() +
                        "-----END EC PRIVATE KEY-----`;");
    ASSERT_EQ(rules_of(f), Rules{"private-key"});
    EXPECT_EQ(f[0].line, 1U);
    EXPECT_EQ(f[0].column, 12U);
    EXPECT_EQ(f[0].severity, Severity::critical);
}

TEST(Pem, ServiceAccountJsonEscapes) {
    std::string body = pem_body();
    std::string escaped;
    for (char c : body) {
        escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    const auto f =
        scan(R"({"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\n)" + escaped +
             R"(-----END PRIVATE KEY-----\n"})");
    EXPECT_EQ(rules_of(f), Rules{"private-key"});
}

TEST(Pem, HeaderOnlyPublicKeyAndPlaceholderDoNotFire) {
    EXPECT_TRUE(scan("if(s.indexOf('-----BEGIN RSA PRIVATE KEY-----')>=0)parse(s)").empty());
    EXPECT_TRUE(
        scan("-----BEGIN PUBLIC KEY-----\n" + pem_body() + "-----END PUBLIC KEY-----").empty());
    EXPECT_TRUE(scan("-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----").empty());
}

TEST(Aws, KeyIdWithSecretNearby) {
    const std::string secret = random_alnum(39, 3) + "/";
    const auto f =
        scan(R"({accessKeyId:"AKIAZ7Q2WERTYUIOPLKJ",secretAccessKey:")" + secret + R"("})");
    ASSERT_EQ(rules_of(f), Rules{"aws-access-key"});
    EXPECT_EQ(f[0].excerpt, "AKIAZ7...");
}

TEST(Aws, KeyIdAloneOnlyInStrictMode) {
    const std::string text = R"(var id="ASIAZ7Q2WERTYUIOPLKJ";)";
    EXPECT_TRUE(scan(text).empty());
    ScanRules strict;
    strict.strict = true;
    EXPECT_EQ(rules_of(scan(text, strict)), Rules{"aws-access-key"});
}

TEST(Aws, DocumentedExampleAndHexHashDoNotFire) {
    ScanRules strict;
    strict.strict = true;
    EXPECT_TRUE(
        scan(R"(id="AKIAIOSFODNN7EXAMPLE",k="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")", strict)
            .empty());
    // a SHA-1 next to a key id is no secret key
    EXPECT_TRUE(
        scan(R"(id="AKIAZ7Q2WERTYUIOPLKJ",c="da39a3ee5e6b4b0d3255bfef95601890afd80709")").empty());
}

TEST(Stripe, SecretAndRestrictedKeysLiveAndTest) {
    const auto live = scan("k='sk_live_" + random_alnum(99, 4) + "'");
    ASSERT_EQ(rules_of(live), Rules{"stripe-secret-key"});
    EXPECT_EQ(live[0].severity, Severity::critical);
    EXPECT_EQ(live[0].excerpt, "sk_live_Qq...");
    const auto test = scan("k='rk_test_" + random_alnum(24, 5) + "'");
    ASSERT_EQ(rules_of(test), Rules{"stripe-secret-key"});
    EXPECT_EQ(test[0].severity, Severity::high);
}

TEST(Stripe, PublishableAndDocumentedKeysDoNotFire) {
    EXPECT_TRUE(scan("k='pk_live_" + random_alnum(99, 4) + "'").empty());
    EXPECT_TRUE(scan("k='sk_test_4eC39HqLyjWDarjtT1zdp7dc'").empty());
    EXPECT_TRUE(scan("k='sk_live_short'").empty());
}

TEST(GitHub, ClassicTokensNeedAValidChecksum) {
    for (std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
        const std::string token = checksummed(prefix, 6);
        EXPECT_EQ(rules_of(scan("t='" + token + "'")), Rules{"github-token"}) << prefix;
        std::string broken = token;
        broken[10] = broken[10] == 'a' ? 'b' : 'a';
        EXPECT_TRUE(scan("t='" + broken + "'").empty()) << prefix;
    }
    EXPECT_TRUE(scan("t='ghp_" + random_alnum(36, 7) + "'").empty());
}

TEST(GitHub, FineGrainedToken) {
    const std::string token = "github_pat_" + random_alnum(22, 8) + "_" + random_alnum(59, 9);
    EXPECT_EQ(rules_of(scan("t=\"" + token + "\"")), Rules{"github-token"});
    EXPECT_TRUE(
        scan("t=\"github_pat_" + std::string(22, 'a') + "_" + std::string(59, 'b') + "\"").empty());
}

TEST(GitLab, PersonalAccessToken) {
    EXPECT_EQ(rules_of(scan("t='glpat-" + random_alnum(20, 10) + "'")), Rules{"gitlab-token"});
    EXPECT_TRUE(scan("t='glpat-xxxxxxxxxxxxxxxxxxxx'").empty());
    EXPECT_TRUE(scan("t='glpat-short'").empty());
}

TEST(Npm, TokenNeedsAValidChecksum) {
    const std::string token = checksummed("npm_", 11);
    EXPECT_EQ(rules_of(scan("//registry.npmjs.org/:_authToken=" + token + "\n")),
              Rules{"npm-token"});
    EXPECT_TRUE(scan("x='npm_" + random_alnum(36, 12) + "'").empty());
}

TEST(Vercel, PrefixedAndLegacyTokens) {
    const std::string body = random_alnum(50, 13);
    EXPECT_EQ(rules_of(scan("t='vcp_" + body + base62_crc32(body) + "'")), Rules{"vercel-token"});
    EXPECT_EQ(rules_of(scan("VERCEL_TOKEN=\"" + random_alnum(24, 14) + "\"")),
              Rules{"vercel-token"});
    EXPECT_TRUE(scan("t='vcp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'").empty());
    EXPECT_TRUE(scan("VERCEL_URL=\"shop-git-main.vercel.app\"").empty());
}

TEST(Slack, TokensAndDocumentedPlaceholder) {
    EXPECT_EQ(rules_of(scan("t='xoxb-123456789012-1234567890123-" + random_alnum(24, 15) + "'")),
              Rules{"slack-token"});
    EXPECT_EQ(
        rules_of(scan("t='xoxp-1234567890-1234567890-1234567890-" + random_alnum(32, 16) + "'")),
        Rules{"slack-token"});
    EXPECT_TRUE(scan("t='xoxb-not-a-real-token-this-will-not-work'").empty());
}

TEST(JwtSecret, AssignedToSecretNames) {
    const std::string v = random_alnum(32, 17);
    for (std::string text :
         {"const JWT_SECRET=\"" + v + "\";", "{\"NEXTAUTH_SECRET\":\"" + v + "\"}",
          "jwtSecret: '" + v + "'", "JWT_SECRET=" + v + "\n", "client_secret = `" + v + "`"}) {
        EXPECT_EQ(rules_of(scan(text)), Rules{"jwt-secret"}) << text;
    }
}

TEST(JwtSecret, NonSecretsDoNotFire) {
    for (std::string text :
         {std::string("const JWT_SECRET=process.env.JWT_SECRET;"),
          std::string("if(a.JWT_SECRET===b)"), std::string("NEXTAUTH_SECRET=\"your-secret-here\""),
          std::string("JWT_SECRET=\"short\""), std::string("var APP_SECRET=n,e=1;"),
          std::string("secretAccessKey:t.secret"),
          std::string("JWT_SECRET=\"aaaaaaaaaaaaaaaaaaaaaaaa\"")}) {
        EXPECT_TRUE(scan(text).empty()) << text;
    }
}

TEST(NextPublic, SecretNamedVariablesWithRandomValues) {
    const std::string v = random_alnum(32, 18);
    EXPECT_EQ(rules_of(scan("NEXT_PUBLIC_STRIPE_SECRET=\"" + v + "\"")),
              Rules{"next-public-secret"});
    EXPECT_EQ(rules_of(scan("{\"NEXT_PUBLIC_ADMIN_TOKEN\":\"" + v + "\"}")),
              Rules{"next-public-secret"});
    // public by design, or not random
    EXPECT_TRUE(scan("NEXT_PUBLIC_API_URL=\"https://api.shop.example/v1/" + v + "\"").empty());
    EXPECT_TRUE(scan("NEXT_PUBLIC_SITE_TOKEN=\"aaaaaaaaaaaaaaaa\"").empty());
}

TEST(DatabaseUrl, PasswordsInBrokerAndDatabaseUrls) {
    const std::string pw = random_alnum(16, 19);
    for (std::string scheme : {"postgres", "postgresql", "mysql", "mongodb", "mongodb+srv", "redis",
                               "rediss", "amqp", "amqps"}) {
        const auto f = scan("u=\"" + scheme + "://user:" + pw + "@host:1/x\"");
        ASSERT_EQ(rules_of(f), Rules{"database-url-password"}) << scheme;
        EXPECT_EQ(f[0].column, 4U);
        EXPECT_EQ(f[0].excerpt.find(pw), std::string::npos);
    }
    EXPECT_EQ(rules_of(scan("REDIS_URL=redis://:" + pw + "@cache:6379\n")),
              Rules{"database-url-password"});
}

TEST(DatabaseUrl, NoPasswordOrPlaceholderDoesNotFire) {
    for (std::string text : {"postgres://user@host/db", "redis://localhost:6379",
                             "postgres://USER:PASSWORD@HOST/DB", "mysql://root:${DB_PASSWORD}@db/x",
                             "mongodb://u:<password>@h/x", "amqp://guest:****@broker",
                             "https://user:pw123456@example.com/", "postgres://user:@host/db"}) {
        EXPECT_TRUE(scan(text).empty()) << text;
    }
}

TEST(Findings, NeverContainTheSecret) {
    const std::string stripe = "sk_live_" + random_alnum(60, 20);
    const std::string jwt = random_alnum(40, 21);
    const auto f = scan("a='" + stripe + "';JWT_SECRET='" + jwt + "';");
    ASSERT_EQ(f.size(), 2U);
    for (const auto& finding : f) {
        EXPECT_EQ(finding.excerpt.find(stripe.substr(10, 10)), std::string::npos);
        EXPECT_EQ(finding.excerpt.find(jwt.substr(2, 10)), std::string::npos);
        EXPECT_EQ(finding.detail.find(jwt.substr(2, 10)), std::string::npos);
    }
}

TEST(Rules, DisabledRuleDoesNotFire) {
    ScanRules rules;
    rules.disabled.insert("stripe-secret-key");
    EXPECT_TRUE(scan("k='sk_live_" + random_alnum(99, 4) + "'", rules).empty());
}

// Every chunking of the same bytes gives the same findings (rule, line, column).
TEST(Streaming, ChunkBoundariesDoNotMatter) {
    std::string text;
    for (int k = 0; k < 40; ++k) {
        text +=
            "line " + std::to_string(k) + " " + std::string(static_cast<std::size_t>(k * 97), 'x');
        if (k % 7 == 0) {
            text += " t='" + checksummed("ghp_", static_cast<unsigned>(k)) + "' ";
        }
        if (k % 11 == 0) {
            text += "JWT_SECRET=\"" + random_alnum(30, static_cast<unsigned>(k)) + "\"";
        }
        text += "\n";
    }
    const auto whole = scan(text);
    ASSERT_EQ(whole.size(), 10U);
    for (std::size_t chunk : {1U, 2U, 3U, 7U, 64U, 1000U, 1025U, 4096U}) {
        const auto parts = scan(text, {}, chunk);
        ASSERT_EQ(parts.size(), whole.size()) << chunk;
        for (std::size_t k = 0; k < whole.size(); ++k) {
            EXPECT_EQ(parts[k].rule, whole[k].rule) << chunk;
            EXPECT_EQ(parts[k].line, whole[k].line) << chunk;
            EXPECT_EQ(parts[k].column, whole[k].column) << chunk;
        }
    }
}

TEST(Streaming, ScannerIsReusableAcrossFiles) {
    FileScanner scanner({});
    scanner.begin("a.js");
    scanner.feed("x\ny\nk='sk_live_" + random_alnum(30, 22) + "'");
    auto first = scanner.end();
    ASSERT_EQ(first.size(), 1U);
    EXPECT_EQ(first[0].line, 3U);
    scanner.begin("b.js");
    scanner.feed(std::string_view("nothing here"));
    EXPECT_TRUE(scanner.end().empty());
}

TEST(Pem, LegacyEncryptedKeyWithHeaders) {
    EXPECT_EQ(rules_of(scan("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                            "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" +
                            pem_body() + "-----END RSA PRIVATE KEY-----\n")),
              Rules{"private-key"});
}

// Long runs of blanks cannot make the result depend on where a chunk ends.
TEST(Streaming, LongBlankRunsAreBounded) {
    const std::string text = "-----BEGIN PRIVATE KEY-----" + std::string(3000, '\n') + pem_body() +
                             "JWT_SECRET" + std::string(3000, ' ') + "= \"" + random_alnum(30, 23) +
                             "\"";
    const auto whole = scan(text);
    EXPECT_TRUE(whole.empty());
    for (std::size_t chunk : {1U, 100U, 1500U}) {
        EXPECT_EQ(scan(text, {}, chunk).size(), whole.size()) << chunk;
    }
}

TEST(NextPublic, KnownValuesInlinedByTheBundler) {
    ScanRules rules;
    const std::string value = random_alnum(28, 24);
    rules.known_values.push_back({"NEXT_PUBLIC_ADMIN_SECRET", value, ".env.production"});
    const std::string text = "x\nfetch(u,{headers:{a:\"" + value + "\"}})";
    for (std::size_t chunk : {0U, 1U, 5U}) {
        const auto f = scan(text, rules, chunk);
        ASSERT_EQ(rules_of(f), Rules{"next-public-secret"}) << chunk;
        EXPECT_EQ(f[0].line, 2U);
        EXPECT_EQ(f[0].column, 22U);
        EXPECT_EQ(f[0].excerpt, "NEXT_PUBLIC_ADMIN_SECRET=Qq...");
        EXPECT_NE(f[0].detail.find(".env.production"), std::string::npos);
    }
    // too short to search for: ignored
    rules.known_values = {{"NEXT_PUBLIC_X_TOKEN", "abc", "environment"}};
    EXPECT_TRUE(scan("abcabc", rules).empty());
}

TEST(NextPublic, IsPublicSecret) {
    EXPECT_TRUE(is_public_secret("NEXT_PUBLIC_SERVICE_ROLE_KEY", random_alnum(40, 25)));
    EXPECT_FALSE(is_public_secret("NEXT_PUBLIC_SUPABASE_URL", random_alnum(40, 25)));
    EXPECT_FALSE(is_public_secret("STRIPE_SECRET", random_alnum(40, 25)));
    EXPECT_FALSE(is_public_secret("NEXT_PUBLIC_TOKEN", "changeme-token-value"));
    EXPECT_FALSE(is_public_secret("NEXT_PUBLIC_STRIPE_TOKEN", "pk_live_" + random_alnum(30, 2)));
}

TEST(Dotenv, Parse) {
    const auto v =
        parse_dotenv("# comment\nexport A=1\n B = \"two words\" \nC='x#y'\nD=plain # note\r\n"
                     "not a line\n=novalue\nE-F=1\nG=\n");
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"A", "1"}, {"B", "two words"}, {"C", "x#y"}, {"D", "plain"}, {"G", ""}};
    EXPECT_EQ(v, expected);
    EXPECT_TRUE(parse_dotenv("").empty());
    EXPECT_TRUE(parse_dotenv(std::string(100000, '=')).empty());
}
