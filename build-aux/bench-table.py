#!/usr/bin/env python3
"""Collects the BENCH lines that the benchmarks printed (in meson's
benchmark log) into one table: figure, ours, baseline, ratio, target, met.
Usage: bench-table.py BENCHMARK_LOG OUTPUT.md"""

import json
import sys

rows = []
failed = []
with open(sys.argv[1], encoding='utf-8') as f:
    for line in f:
        if not line.strip():
            continue
        entry = json.loads(line)
        # meson names benchmarks "project:suite / name"; keep the name.
        entry['name'] = entry.get('name', '').split(' / ')[-1]
        if entry.get('result') not in ('OK', 'EXPECTEDFAIL'):
            failed.append(entry.get('name'))
        printed = False
        for out in (entry.get('stdout') or '').splitlines():
            if not out.startswith('BENCH '):
                continue
            fields = out[len('BENCH '):].split('|')
            if len(fields) != 7:
                print(f'malformed BENCH line from {entry.get("name")}: {out}', file=sys.stderr)
                failed.append(entry.get('name'))
                continue
            name, ours, unit, baseline, ratio, target, met = (x.strip() for x in fields)
            rows.append((entry.get('name'), name, ours, unit, baseline, ratio, target, met))
            printed = True
        if not printed:
            # A benchmark that does not speak the protocol yet still shows up.
            rows.append((entry.get('name'), '(no BENCH lines: see its output in the log)',
                         '-', '', '-', '-', '-', 'n/a'))

header = ('benchmark', 'figure', 'ours', 'baseline', 'ratio', 'target', 'met?')
table = [header]
for bench, name, ours, unit, baseline, ratio, target, met in rows:
    with_unit = lambda v: v if v in ('-', '') else f'{v} {unit}'
    table.append((bench, name, with_unit(ours), with_unit(baseline),
                  ratio if ratio == '-' else f'{ratio}x', target, met))

widths = [max(len(r[i]) for r in table) for i in range(len(header))]
lines = []
for i, r in enumerate(table):
    lines.append('| ' + ' | '.join(c.ljust(w) for c, w in zip(r, widths)) + ' |')
    if i == 0:
        lines.append('| ' + ' | '.join('-' * w for w in widths) + ' |')
text = '\n'.join(lines)
print()
print(text)

unmet = [r for r in rows if r[7] == 'no']
# met '-': a figure for information, with no target of its own.
informational = [r for r in rows if r[7] == '-']
unknown = [r for r in rows if r[7] not in ('yes', 'no', '-')]
summary = (f'{len(rows)} figures: {len(rows) - len(unmet) - len(unknown) - len(informational)} met, '
           f'{len(unmet)} not met, {len(unknown)} not measured, {len(informational)} for information')
if failed:
    summary += f'; benchmarks that failed: {", ".join(failed)}'
print(summary)
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write(text + '\n\n' + summary + '\n')
sys.exit(1 if unmet or failed else 0)
