"""Runs a command on a fresh pseudo-terminal, types into it, and reports
how it exited and the terminal's modes afterwards.

usage: pty_harness.py COMMAND... -- HEX_CHUNK...

Each chunk is typed once the terminal shows the next prompt (a line
containing "Password" or "again") and echo is off, as a person would.
Prints one line "exit=N echo=0|1 isig=0|1 icanon=0|1" (N is -SIG when a
signal killed the command), then the terminal output as a Python bytes
literal on the next line. Exits 77 when no pseudo-terminal can be made.
"""

import fcntl
import os
import select
import subprocess
import sys
import termios
import time

split = sys.argv.index("--")
command, chunks = sys.argv[1:split], [bytes.fromhex(c) for c in sys.argv[split + 1:]]
try:
    master, slave = os.openpty()
except OSError as e:
    print(f"no pseudo-terminal: {e}")
    sys.exit(77)


def controlling_terminal():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave,
                         preexec_fn=controlling_terminal, close_fds=True)
output = b""


def pump(seconds):
    global output
    ready, _, _ = select.select([master], [], [], seconds)
    if ready:
        try:
            output += os.read(master, 4096)
        except OSError:
            pass


def echo_off():
    return not termios.tcgetattr(slave)[3] & termios.ECHO


prompts = [b"Password", b"again"]
for i, chunk in enumerate(chunks):
    deadline = time.time() + 20
    while time.time() < deadline and child.poll() is None:
        if output.count(prompts[min(i, 1)]) >= (1 if i < 2 else i) and echo_off():
            break
        pump(0.05)
    os.write(master, chunk)
try:
    code = child.wait(timeout=20)
except subprocess.TimeoutExpired:
    child.kill()
    code = child.wait()
for _ in range(5):
    pump(0.05)
lflag = termios.tcgetattr(slave)[3]
print("exit=%d echo=%d isig=%d icanon=%d" % (
    code, bool(lflag & termios.ECHO), bool(lflag & termios.ISIG),
    bool(lflag & termios.ICANON)))
print(repr(output))
