#!/usr/bin/env python3
"""Fills translations into a .po file from a JSON object.

Usage: po-fill.py po/de.po translations.json
       po-fill.py --missing po/de.po   (lists untranslated or fuzzy msgids as JSON)

Keys are msgids, or "context\\u0004msgid" for messages with a context; a
value is the msgstr, or a list of msgstr forms for plural messages. A filled
entry loses its fuzzy flag. Run `meson compile -C _build particulate-designer-update-po`
first so that the catalogue has every message of the sources."""

import json
import re
import sys


def unquote(lines):
    return ''.join(json.loads(l) if l.startswith('"') else '' for l in lines)


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def parse(path):
    with open(path, encoding='utf-8') as f:
        blocks = f.read().split('\n\n')
    return [b.split('\n') for b in blocks]


def field(lines, name):
    out, collecting = [], False
    for line in lines:
        if line.startswith(name + ' '):
            collecting = True
            out.append(line[len(name) + 1:])
        elif collecting and line.startswith('"'):
            out.append(line)
        else:
            collecting = False if not line.startswith('"') else collecting
    return unquote(out) if out else None


def key_of(lines):
    msgid = field(lines, 'msgid')
    ctxt = field(lines, 'msgctxt')
    if msgid is None:
        return None
    return f'{ctxt}\u0004{msgid}' if ctxt is not None else msgid


def is_missing(lines):
    if any(l.startswith('#,') and 'fuzzy' in l for l in lines):
        return True
    strs = [field(lines, n) for n in ('msgstr', 'msgstr[0]', 'msgstr[1]')]
    strs = [s for s in strs if s is not None]
    return not strs or any(s == '' for s in strs)


def main():
    if sys.argv[1] == '--missing':
        missing = {}
        for lines in parse(sys.argv[2]):
            if any(l.startswith('#~') for l in lines):
                continue
            key = key_of(lines)
            if key and is_missing(lines):
                missing[key] = ''
        print(json.dumps(missing, ensure_ascii=False, indent=1))
        return 0

    path, table_path = sys.argv[1:3]
    with open(table_path, encoding='utf-8') as f:
        table = json.load(f)
    blocks = parse(path)
    filled = 0
    for i, lines in enumerate(blocks):
        key = key_of(lines)
        if not key or key not in table or any(l.startswith('#~') for l in lines):
            continue
        value = table[key]
        head = []
        for line in lines:
            if line.startswith('msgstr'):
                break
            if line.startswith('#,'):
                flags = [f.strip() for f in line[2:].split(',') if f.strip() != 'fuzzy']
                if not flags:
                    continue
                line = '#, ' + ', '.join(flags)
            if line.startswith('#|'):
                continue
            head.append(line)
        if isinstance(value, list):
            head += [f'msgstr[{n}] {quote(v)}' for n, v in enumerate(value)]
        else:
            head.append(f'msgstr {quote(value)}')
        blocks[i] = head
        filled += 1
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n\n'.join('\n'.join(b) for b in blocks))
    print(f'{path}: filled {filled}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
