#!/usr/bin/env python3
"""Issue 9 §3: the CPU time of `soc2-ready open` on an assessment of the built-in questionnaire, beside a bare
ratatui application drawing one bordered paragraph (examples/bare_frame.rs), both run in one go, alternately,
each in an 80x24 pseudo-terminal with an empty home folder.

    cargo build --release --bin soc2-ready --example bare_frame
    target/release/soc2-ready new --org "Acme AI" --no-open --out /tmp/builtin.json soc2-ai-readiness
    python3 tests/benches/first_frame_cpu.py target/release/soc2-ready target/release/examples/bare_frame \
        /tmp/builtin.json 25 kill      # CPU to the first frame: SIGKILL once the frame is out
    ... 25 quit                        # the whole process: Ctrl-C after the first frame (closing included)

The assessment is copied fresh before each run, into the store (so a kill leaves nothing for the next run).
CPU is user + system time from wait4, median of the runs.
"""
import fcntl, os, pty, select, shutil, signal, struct, sys, tempfile, termios


def run(argv, env, kill):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execvpe(argv[0], argv, env)
    out = b""
    # The first frame: output until it pauses for 30 ms.
    while True:
        ready, _, _ = select.select([fd], [], [], 0.03 if len(out) > 200 else 5)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    if kill:
        os.kill(pid, signal.SIGKILL)
    else:
        os.write(fd, b"\x03")
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    return (usage.ru_utime + usage.ru_stime) * 1000


def main():
    app, bare, pristine, n, mode = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    home = tempfile.mkdtemp()
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/c", XDG_DATA_HOME=home + "/d",
               SOC2_READY_HOME=home + "/s", TERM="xterm-256color")
    store = home + "/s/assessments/"
    os.makedirs(store)
    path = store + "builtin.json"
    a, b = [], []
    for _ in range(n):
        for f in os.listdir(store):
            os.remove(store + f)
        shutil.copy(pristine, path)
        a.append(run([app, "open", path], env, mode == "kill"))
        b.append(run([bare], env, mode == "kill"))
    shutil.rmtree(home)
    a.sort()
    b.sort()
    med_a, med_b = a[len(a) // 2], b[len(b) // 2]
    what = "to the first frame" if mode == "kill" else "whole process"
    print(f"{what}: soc2-ready {med_a:.2f} ms CPU, bare ratatui {med_b:.2f} ms, ratio {med_a / med_b:.2f}")


main()
