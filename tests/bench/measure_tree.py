#!/usr/bin/python3
"""Runs one benchmark contestant and measures its whole process tree.

usage: measure_tree.py RESULT.json TIMEOUT_SECONDS LOGFILE -- command args...  (stdout and stderr go to LOGFILE)

Wall time until the command exits; CPU seconds (user+sys) of every descendant, including daemonised helpers
(Ansible's persistent connections): this process becomes a child subreaper, so orphans are re-parented to it,
reaped by it and counted in RUSAGE_CHILDREN. Memory: the peak over samples (every 200 ms) of the summed PSS of
the tree (PSS shares pages between forked workers fairly; the summed RSS is recorded too). The samples are kept
too ("pssTimeline": [seconds, MB] about once a second), so a report can say when in a run the peak came.
"""
import ctypes, json, os, resource, signal, subprocess, sys, time

PR_SET_CHILD_SUBREAPER = 36


def tree(root):
    """PIDs of root and all its descendants (scan of /proc: no children files on every kernel)."""
    parent = {}
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % name, 'rb') as f:
                stat = f.read()
            parent[int(name)] = int(stat[stat.rindex(b')') + 2:].split()[1])
        except (OSError, ValueError):
            pass
    found, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, pp in parent.items():
            if pp == p and child not in found:
                found.add(child)
                frontier.append(child)
    return found


def memory_kb(pid):
    pss = rss = 0
    try:
        with open('/proc/%d/smaps_rollup' % pid) as f:
            for line in f:
                if line.startswith('Pss:'):
                    pss = int(line.split()[1])
                elif line.startswith('Rss:'):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def main():
    out, timeout, log = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    command = sys.argv[sys.argv.index('--') + 1:]
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    me = os.getpid()
    start = time.monotonic()
    logfile = open(log, 'ab')
    child = subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL, stdout=logfile, stderr=subprocess.STDOUT)
    peak_pss = peak_rss = peak_procs = 0
    status, timed_out = None, False
    timeline, last_kept = [], -1.0
    while status is None:
        pids = tree(me) - {me}
        mem = [memory_kb(p) for p in pids]
        pss_now = sum(m[0] for m in mem)
        now = time.monotonic() - start
        if now - last_kept >= 1.0 or pss_now > peak_pss:
            timeline.append([round(now, 1), round(pss_now / 1024.0, 1)])
            last_kept = now
        peak_pss = max(peak_pss, pss_now)
        peak_rss = max(peak_rss, sum(m[1] for m in mem))
        peak_procs = max(peak_procs, len(pids))
        status = child.poll()
        if status is None and time.monotonic() - start > timeout:
            timed_out = True
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            status = -9
        elif status is None:
            time.sleep(0.2)
    wall = time.monotonic() - start
    # Whatever outlived the command (daemonised helpers) is stopped and reaped so its CPU counts.
    for p in tree(me) - {me}:
        try:
            os.kill(p, signal.SIGTERM)
        except OSError:
            pass
    deadline = time.monotonic() + 5
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            if time.monotonic() > deadline:
                for p in tree(me) - {me}:
                    try:
                        os.kill(p, signal.SIGKILL)
                    except OSError:
                        pass
            time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, 'w') as f:
        json.dump({'wallSeconds': wall, 'cpuSeconds': usage.ru_utime + usage.ru_stime, 'peakPssMB': peak_pss / 1024.0,
                   'peakRssMB': peak_rss / 1024.0, 'peakProcesses': peak_procs, 'exitCode': status, 'timedOut': timed_out,
                   'pssTimeline': timeline}, f)


if __name__ == '__main__':
    main()
