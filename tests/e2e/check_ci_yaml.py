#!/usr/bin/env python3
"""Checks GitHub YAML (action.yml, workflows) against the vouch CLI, since GitHub cannot run here.

For every file: it parses as YAML and has steps; every `uses: vouch-dev/vouch@...` step passes only
inputs that action.yml declares; every `vouch SUBCOMMAND` in a `run:` script names a subcommand the
CLI has, and every flag on that line (or in a bash array line of the same step, e.g.
`args+=(--promote)`) appears in `vouch SUBCOMMAND --help`.

Usage: check_ci_yaml.py VOUCH ACTION_YML FILE...
Exit: 0 all accepted, 1 a problem (each printed), 77 only missing: subcommands that are not in
this build (named, e.g. `check` before issue 9 lands) and nothing else wrong.
"""
import re
import subprocess
import sys

import yaml

vouch, action_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
problems, missing = [], {}
help_cache = {}


def help_of(words):
    key = tuple(words)
    if key not in help_cache:
        r = subprocess.run([vouch, *words, "--help"], capture_output=True, text=True)
        help_cache[key] = r.stdout if r.returncode == 0 else None
    return help_cache[key]


def subcommands(text):
    section = text.split("Subcommands:", 1)
    return set(re.findall(r"^  ([a-z][a-z-]*)\s", section[1], re.M)) if len(section) == 2 else set()


def command_at(words):
    """['db', 'update', ...] -> ('db', 'update') when db has an 'update' subcommand."""
    top = help_of([])
    if top is None or words[0] not in subcommands(top):
        return None
    path = [words[0]]
    if len(words) > 1 and words[1] in subcommands(help_of(path) or ""):
        path.append(words[1])
    return path


def flags_in(text):
    return set(re.findall(r"(?<![\w$-])(--[a-z][a-z0-9-]*|-o)(?=[\s=\"')]|$)", text))


def check_run(where, script):
    script = re.sub(r"\$\{\{.*?\}\}", "X", script)
    lines = re.sub(r"\\\n", " ", script).splitlines()
    commands, array_flags = [], set()
    for line in lines:
        code = line.split(" #", 1)[0]
        found = re.findall(r"(?:^|[\s;&|(])vouch\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?", code)
        if found:
            for first, second in found:
                words = [first] + ([second] if second else [])
                path = command_at(words)
                if path is None:
                    missing.setdefault(first, []).append(where)
                    continue
                commands.append(path)
                accepted = help_of(path)
                for flag in flags_in(code.split("vouch", 1)[1]):
                    if not re.search(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])", accepted):
                        problems.append(f"{where}: 'vouch {' '.join(path)}' has no {flag}")
        elif re.search(r"\w\+?=\(", code):
            array_flags |= flags_in(code)
    for flag in array_flags:
        if commands and not any(re.search(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])", help_of(c))
                                for c in commands):
            problems.append(f"{where}: {flag} (in a bash array) is accepted by none of "
                            + ", ".join("vouch " + " ".join(c) for c in commands))
    return len(commands)


with open(action_path) as f:
    action = yaml.safe_load(f)
action_inputs = set((action.get("inputs") or {}).keys())
total = 0
for path in files:
    try:
        with open(path) as f:
            doc = yaml.safe_load(f)
    except yaml.YAMLError as e:
        problems.append(f"{path}: not valid YAML: {e}")
        continue
    if doc.get("runs"):
        steps = [("runs", s) for s in doc["runs"].get("steps", [])]
    else:
        steps = [(job, s) for job, body in (doc.get("jobs") or {}).items() for s in body.get("steps", [])]
    if not steps:
        problems.append(f"{path}: no steps")
    for job, step in steps:
        where = f"{path}: {job}: {step.get('name') or step.get('uses') or step.get('run', '')[:40]}"
        if "run" in step:
            total += check_run(where, step["run"])
        uses = step.get("uses", "")
        if re.match(r"[\w.-]+/vouch@", uses):
            for key in (step.get("with") or {}):
                if key not in action_inputs:
                    problems.append(f"{where}: action.yml has no input '{key}'")
for p in problems:
    print("FAIL:", p)
for name, places in missing.items():
    print(f"MISSING: 'vouch {name}' is not a subcommand of this build, used by {len(places)} step(s):")
    for w in places:
        print("   ", w)
print(f"{total} vouch command(s) checked in {len(files)} file(s)")
sys.exit(1 if problems else 77 if missing else 0)
