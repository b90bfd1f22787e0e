#!/usr/bin/env python3
"""Writes a Vercel build output with RANDOM secrets (new ones every run) for test_inspect.sh.

Usage: inspect_tree.py DIR  -> writes DIR/.vercel/output and prints, one per line,
"planted <rule> <secret>" for every planted secret, "lookalike <text>" for every look-alike
that must not be reported, and "env NAME VALUE" for the build environment the run must get.
"""
import json, os, random, string, sys, zlib

rng = random.SystemRandom()
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def rand(n, alphabet=string.ascii_letters + string.digits):
    while True:
        s = "".join(rng.choice(alphabet) for _ in range(n))
        # mixed classes, like real tokens (and the scanners' entropy guards)
        if any(c.isdigit() for c in s) and any(c.isupper() for c in s) and any(c.islower() for c in s):
            return s


def b62crc(body):
    v = zlib.crc32(body.encode()) & 0xFFFFFFFF
    out = ""
    while v:
        out = B62[v % 62] + out
        v //= 62
    return out.rjust(6, "0")


def checksummed(prefix):
    body = rand(30)
    return prefix + body + b62crc(body)


def pem_body():
    return "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(64 * 6))


root = os.path.join(sys.argv[1], ".vercel", "output")
static = os.path.join(root, "static")
os.makedirs(os.path.join(static, "_next", "static", "chunks"), exist_ok=True)
planted, lookalikes = [], []

aws_id = "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))
aws_secret = rand(40, string.ascii_letters + string.digits + "/+")
gh = checksummed("ghp_")
npm = checksummed("npm_")
vercel_body = rand(50, string.ascii_letters + string.digits + "_-")
vercel = "vcp_" + vercel_body + b62crc(vercel_body)
stripe_live = "sk_live_" + rand(99)
stripe_test = "rk_test_" + rand(24)
gitlab = "glpat-" + rand(20, string.ascii_letters + string.digits + "_-")
slack = "xoxb-%d-%d-%s" % (rng.randrange(10**11, 10**12), rng.randrange(10**12, 10**13), rand(24))
jwt = rand(48)
next_public = rand(32)
db_pass = rand(20)
db_url = "postgres://shop:%s@db.internal:5432/shop" % db_pass
mongo_pass = rand(16)
mongo_url = "mongodb+srv://app:%s@cluster0.example.net/prod" % mongo_pass
pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(pem_body()[k:k + 64] for k in range(0, 384, 64)) + "\n-----END RSA PRIVATE KEY-----\n"
sa_body = pem_body()
service_account = json.dumps({
    "type": "service_account", "project_id": "shop",
    "private_key": "-----BEGIN PRIVATE KEY-----\n" + "\n".join(sa_body[k:k + 64] for k in range(0, 384, 64)) + "\n-----END PRIVATE KEY-----\n",
    "client_email": "x@shop.iam.gserviceaccount.com"})
split_token = checksummed("ghp_")
inlined_file = rand(30)  # NEXT_PUBLIC_ value from the project's .env.production, inlined bare
inlined_env = rand(30)   # NEXT_PUBLIC_ value from the build environment, inlined bare  # straddles a 256 KiB read boundary

planted += [("aws-access-key", aws_id), ("aws-access-key", aws_secret), ("github-token", gh),
            ("npm-token", npm), ("vercel-token", vercel), ("stripe-secret-key", stripe_live),
            ("stripe-secret-key", stripe_test), ("gitlab-token", gitlab), ("slack-token", slack),
            ("jwt-secret", jwt), ("next-public-secret", next_public),
            ("database-url-password", db_pass), ("database-url-password", mongo_pass),
            ("private-key", pem_body_marker := pem.splitlines()[1]),
            ("private-key", sa_body[:64]), ("github-token", split_token),
            ("next-public-secret", inlined_file), ("next-public-secret", inlined_env)]

app_js = (
    '"use strict";(self.webpackChunk=self.webpackChunk||[]).push([[1],{1:function(e,t,n){'
    'const a={region:"us-east-1",accessKeyId:"%s",secretAccessKey:"%s"};'
    'var gh="%s",npmToken="%s";\nconst vc="%s";fetch("/x",{headers:{Authorization:"Bearer %s"}});'
    '\nconst restricted="%s",gl="%s",sl="%s";\nconst JWT_SECRET="%s";\n'
    'var NEXT_PUBLIC_ADMIN_TOKEN="%s";const db="%s";const m=`%s`;}}]);\n'
) % (aws_id, aws_secret, gh, npm, vercel, stripe_live, stripe_test, gitlab, slack, jwt,
     next_public, db_url, mongo_url)
with open(os.path.join(static, "_next", "static", "chunks", "app.js"), "w") as f:
    f.write(app_js)

with open(os.path.join(static, "_next", "static", "chunks", "page.js"), "w") as f:
    f.write('fetch("/admin",{headers:{"x-admin":"%s","x-ci":"%s"}});\n' % (inlined_file, inlined_env))
with open(os.path.join(sys.argv[1], ".env.production"), "w") as f:
    f.write("# production build\nNEXT_PUBLIC_ADMIN_SECRET=%s\nNEXT_PUBLIC_SITE_NAME=My Shop\n" % inlined_file)

with open(os.path.join(static, "_next", "static", "chunks", "key.js"), "w") as f:
    f.write("var k=" + json.dumps(pem) + ";\n")
with open(os.path.join(static, "sa.json"), "w") as f:
    f.write(service_account)
# A token that straddles the scanner's 256 KiB read boundary.
with open(os.path.join(static, "_next", "static", "chunks", "big.js"), "w") as f:
    f.write("/*" + "x" * (262144 - 12) + "*/var t='" + split_token + "';\n")

# Look-alikes that must NOT fire.
bad_gh = gh[:-1] + ("A" if gh[-1] != "A" else "B")  # checksum broken
sha1 = "".join(rng.choice("0123456789abcdef") for _ in range(40))
sri = "sha384-" + rand(64, string.ascii_letters + string.digits + "+/")
pub_pem = "-----BEGIN PUBLIC KEY-----\n" + pem_body()[:128] + "\n-----END PUBLIC KEY-----"
lookalike_list = [
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "pk_live_" + rand(99), "pk_test_" + rand(24), "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    bad_gh, "AKIA" + "".join(rng.choice(string.ascii_uppercase) for _ in range(16)),
    "postgres://shop@db.internal:5432/shop", "redis://localhost:6379",
    "postgres://USER:PASSWORD@HOST:5432/DB", "mysql://root:${DB_PASSWORD}@db/x",
    "xoxb-not-a-real-token-this-will-not-work", sha1, sri,
]
with open(os.path.join(static, "_next", "static", "chunks", "vendor.js"), "w") as f:
    f.write(
        'var awsDocs={id:"%s",secret:"%s"};var pk="%s",pk2="%s",stripeDocs="%s",old="%s";\n'
        'var lonely="%s";const a="%s",b="%s",c="%s",d="%s",e="%s";\n'
        'var commit="%s";var s=\'<script integrity="%s">\';\n'
        'var forge="-----BEGIN RSA PRIVATE KEY-----";var pub=%s;\n'
        'if(e.JWT_SECRET===t)return;var JWT_SECRET=process.env.JWT_SECRET;'
        'const NEXTAUTH_SECRET="your-secret-here-change-me";var NEXT_PUBLIC_SITE_NAME="My Shop Online 2024";\n'
        % (tuple(lookalike_list[:12]) + (lookalike_list[12], lookalike_list[13], json.dumps(pub_pem))))
lookalikes += lookalike_list + [pub_pem.splitlines()[1]]

# Public files that must not be public.
os.makedirs(os.path.join(static, ".git"), exist_ok=True)
with open(os.path.join(static, ".git", "config"), "w") as f:
    f.write("[core]\n")
with open(os.path.join(static, ".git", "HEAD"), "w") as f:
    f.write("ref: refs/heads/main\n")
with open(os.path.join(static, ".env.production"), "w") as f:
    f.write("SITE=shop\n")
with open(os.path.join(static, "_next", "static", "chunks", "app.js.map"), "w") as f:
    f.write('{"version":3}')
os.makedirs(os.path.join(static, "node_modules", ".cache", "x"), exist_ok=True)
with open(os.path.join(static, "node_modules", ".cache", "x", "a"), "w") as f:
    f.write("cache")

# A server function: not served to browsers, not scanned.
func = os.path.join(root, "functions", "api", "hello.func")
os.makedirs(func, exist_ok=True)
with open(os.path.join(func, ".vc-config.json"), "w") as f:
    json.dump({"runtime": "nodejs20.x", "handler": "index.js", "launcherType": "Nodejs"}, f)
with open(os.path.join(func, "index.js"), "w") as f:
    f.write("module.exports=()=>'ok';\n")

# Headers: CSP with unsafe-inline on every route, HSTS too short, no nosniff at all,
# Referrer-Policy only on /blog, X-Frame-Options on every route, CORS * on /api.
config = {"version": 3, "routes": [
    {"src": "/(.*)", "headers": {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'",
                                   "Strict-Transport-Security": "max-age=86400", "X-Frame-Options": "DENY"},
     "continue": True},
    {"src": "/blog/(.*)", "headers": {"Referrer-Policy": "strict-origin-when-cross-origin"}, "continue": True},
    {"src": "/api/(.*)", "headers": {"Access-Control-Allow-Origin": "*"}, "continue": True},
    {"handle": "filesystem"}]}
with open(os.path.join(root, "config.json"), "w") as f:
    json.dump(config, f)

print("env NEXT_PUBLIC_CI_DEPLOY_TOKEN", inlined_env)
for rule, secret in planted:
    print("planted", rule, secret)
for text in lookalikes:
    print("lookalike", text)
