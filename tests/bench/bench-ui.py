#!/usr/bin/env python3
"""The application's own figures of issue 8, measured under the display the
benchmark runs in (build-aux/bench uses Xvfb):

- start-up to first frame with a 10,000-project workspace, against
  adwaita-1-demo started the same way (target: at most 1.2 times);
- peak memory with a 100,000-project workspace against an empty one (target:
  at most 1.5 times);
- frame times while scrolling and filtering the 100,000-project list
  (target: 95th percentile at most 16.7 ms).

Both applications get the same probe, pd-bench-preload.so, through
LD_PRELOAD; it exits after the first frame (or after scrolling) and writes
its figures to a file. Prints one BENCH line per figure (see README, Checks).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get('PD_BENCH_RUNS', '7'))


def bench_line(name, ours, unit, baseline, ratio, target, met):
    def num(value):
        return '-' if value is None else f'{value:.2f}'
    print(f'BENCH {name}|{num(ours)}|{unit}|{num(baseline)}|{num(ratio)}|{target}|{met}', flush=True)


def run_probe(command, mode, env_extra, timeout=120):
    """Runs command with the probe; returns (seconds, peak RSS MiB, figures)."""
    with tempfile.NamedTemporaryFile('r', suffix='.txt') as out:
        env = dict(os.environ)
        env.update(env_extra)
        env['PD_BENCH_MODE'] = mode
        env['PD_BENCH_OUT'] = out.name
        env['LD_PRELOAD'] = ARGS.preload
        start = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = start + timeout
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f'{command[0]} did not finish its {mode} run in {timeout} s')
            time.sleep(0.002)
        elapsed = time.monotonic() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f'{command[0]} exited with {status}: {proc.stderr.read().decode(errors="replace")[-2000:]}')
        figures = {}
        for line in out.read().splitlines():
            key, value = line.split()
            figures[key] = float(value)
        return elapsed, rusage.ru_maxrss / 1024.0, figures


def app_env(data_home):
    return {
        'XDG_DATA_HOME': data_home,
        'XDG_CONFIG_HOME': data_home,
        'XDG_CACHE_HOME': data_home,
        'GSETTINGS_BACKEND': 'memory',
        'GSETTINGS_SCHEMA_DIR': ARGS.schema_dir,
        'GSK_RENDERER': 'cairo',
        'NO_AT_BRIDGE': '1',
    }


def make_workspace(n_projects):
    """A data folder holding a workspace with n_projects, or None when the
    store cannot build one yet."""
    home = tempfile.mkdtemp(prefix='pd-bench-')
    if n_projects and ARGS.make_workspace:
        subprocess.run([ARGS.make_workspace, os.path.join(home, 'particulate-designer'), str(n_projects)],
                       check=True, stdout=subprocess.DEVNULL)
    elif n_projects:
        return home, False
    return home, True


def startup():
    home, filled = make_workspace(10000)
    ours, demo = [], []
    try:
        for _ in range(RUNS):
            # Alternate, so that a noisy neighbour hurts both alike.
            ours.append(run_probe([ARGS.app], 'startup', app_env(home))[0] * 1000)
            demo.append(run_probe([ARGS.baseline], 'startup', app_env(home))[0] * 1000)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    o, d = statistics.median(ours), statistics.median(demo)
    name = 'start-up to first frame, 10,000 projects' if filled else 'start-up to first frame (empty: no store to fill yet)'
    bench_line(name + ', vs adwaita-1-demo', o, 'ms', d, o / d, '<= 1.2x', 'yes' if o / d <= 1.2 else 'no')


def memory_env(home):
    env = app_env(home)
    env['PD_BENCH_PAGE'] = 'projects'   # read with the library on screen
    return env


def memory():
    empty_home, _ = make_workspace(0)
    full_home, filled = make_workspace(100000)
    try:
        empty = statistics.median(run_probe([ARGS.app], 'memory', memory_env(empty_home))[1] for _ in range(3))
        if not filled:
            bench_line('peak memory, 100,000 projects vs empty (no store to fill yet)', None, 'MiB', empty, None, '<= 1.5x', 'n/a')
            return
        full = statistics.median(run_probe([ARGS.app], 'memory', memory_env(full_home))[1] for _ in range(3))
    finally:
        shutil.rmtree(empty_home, ignore_errors=True)
        shutil.rmtree(full_home, ignore_errors=True)
    bench_line('peak memory, Projects page of 100,000 projects vs empty workspace', full, 'MiB', empty, full / empty, '<= 1.5x',
               'yes' if full / empty <= 1.5 else 'no')


def frames():
    home, filled = make_workspace(100000)
    try:
        env = app_env(home)
        env['PD_BENCH_PAGE'] = 'projects'   # the campaign's Projects page
        _, _, figures = run_probe([ARGS.app], 'scroll', env, timeout=300)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if not filled or 'no_list' in figures or not figures.get('scroll_frames'):
        bench_line('frame time p95, scrolling 100,000 projects (no project list yet)', None, 'ms', None, None, '<= 16.7 ms', 'n/a')
        bench_line('frame time p95, filtering 100,000 projects (no project list yet)', None, 'ms', None, None, '<= 16.7 ms', 'n/a')
        return
    for what in ('scroll', 'filter'):
        p95 = figures.get(f'{what}_p95_ms')
        label = 'scrolling' if what == 'scroll' else 'filtering'
        if p95 is None:
            bench_line(f'frame time p95, {label} 100,000 projects (not measured)', None, 'ms', None, None, '<= 16.7 ms', 'n/a')
        else:
            bench_line(f'frame time p95, {label} 100,000 projects ({int(figures[what + "_frames"])} frames)',
                       p95, 'ms', None, None, '<= 16.7 ms', 'yes' if p95 <= 16.7 else 'no')


parser = argparse.ArgumentParser()
parser.add_argument('--app', required=True)
parser.add_argument('--baseline', default=shutil.which('adwaita-1-demo') or '/usr/bin/adwaita-1-demo')
parser.add_argument('--preload', required=True)
parser.add_argument('--schema-dir', required=True)
parser.add_argument('--make-workspace', default=None)
ARGS = parser.parse_args()
if ARGS.make_workspace and not os.path.exists(ARGS.make_workspace):
    ARGS.make_workspace = None

if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    print('bench-ui needs a display: run it through build-aux/bench', file=sys.stderr)
    sys.exit(77)

startup()
memory()
frames()
