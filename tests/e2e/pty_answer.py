#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and types one answer after each prompt that ends in ": ".

Usage: pty_answer.py ANSWER1 [ANSWER2 ...] -- COMMAND [ARGS...]
Prints everything the command wrote to the terminal and exits with its exit code. Used by the
e2e tests to exercise passphrase prompts (no-echo reading from /dev/tty).
"""
import os
import pty
import select
import sys
import time

sep = sys.argv.index("--")
answers, command = sys.argv[1:sep], sys.argv[sep + 1 :]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

output = b""
seen_prompts = 0
deadline = time.time() + 600
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    # One answer per prompt, sent only once the prompt is fully shown (echo is off by then).
    if output.count(b": ") > seen_prompts and output.endswith(b": "):
        if seen_prompts < len(answers):
            time.sleep(0.2)
            os.write(fd, answers[seen_prompts].encode() + b"\n")
        seen_prompts = output.count(b": ")
_, status = os.waitpid(pid, 0)
sys.stdout.write(output.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
