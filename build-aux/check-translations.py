#!/usr/bin/env python3
"""Fails when a translatable string is missing from POTFILES, or when the
German or Dutch catalogue lacks a message of the sources, or has a fuzzy
or untranslated one."""

import os
import re
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '--sort-by-file',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--keyword=ngettext:1,2',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
]

C_MARK = re.compile(r'\b(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*"')
UI_MARK = re.compile(r'translatable="yes"')


def tracked_sources(root):
    for top in ('src', 'data'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith('.')]
            for name in filenames:
                yield os.path.relpath(os.path.join(dirpath, name), root)


def needs_translation(root, rel):
    path = os.path.join(root, rel)
    if rel.endswith('.c'):
        with open(path, encoding='utf-8') as f:
            return bool(C_MARK.search(f.read()))
    if rel.endswith('.ui'):
        with open(path, encoding='utf-8') as f:
            return bool(UI_MARK.search(f.read()))
    return rel.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml'))


def main():
    root = sys.argv[1]
    failures = []

    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [l.strip() for l in f if l.strip() and not l.startswith('#')]

    for rel in listed:
        if not os.path.exists(os.path.join(root, rel)):
            failures.append(f'POTFILES.in lists {rel}, which does not exist')
    for rel in sorted(tracked_sources(root)):
        if needs_translation(root, rel) and rel not in listed:
            failures.append(f'{rel} has translatable strings but is not in po/POTFILES.in')

    with tempfile.TemporaryDirectory() as tmp:
        files = os.path.join(tmp, 'files')
        with open(files, 'w', encoding='utf-8') as f:
            f.write('\n'.join(listed) + '\n')
        pot = os.path.join(tmp, 'messages.pot')
        subprocess.run(['xgettext', '--package-name=particulate-designer',
                        f'--directory={root}', f'--files-from={files}',
                        f'--output={pot}'] + XGETTEXT_ARGS, check=True)

        with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
            languages = [l.strip() for l in f if l.strip() and not l.startswith('#')]
        for required in ('de', 'nl'):
            if required not in languages:
                failures.append(f'po/LINGUAS lacks {required}')

        for lang in languages:
            po = os.path.join(root, 'po', f'{lang}.po')
            merged = os.path.join(tmp, f'{lang}.po')
            subprocess.run(['msgmerge', '--quiet', '--no-wrap', po, pot, '-o', merged], check=True)
            result = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged],
                                    capture_output=True, text=True)
            stats = result.stderr.strip()
            if result.returncode != 0:
                failures.append(f'{lang}.po does not compile: {stats}')
            elif 'fuzzy' in stats or 'untranslated' in stats:
                failures.append(f'{lang}.po is incomplete against the sources: {stats}')
                missing = subprocess.run(['msgattrib', '--untranslated', '--no-wrap', merged],
                                         capture_output=True, text=True).stdout
                fuzzy = subprocess.run(['msgattrib', '--only-fuzzy', '--no-wrap', merged],
                                       capture_output=True, text=True).stdout
                for line in (missing + fuzzy).splitlines():
                    if line.startswith('msgid "') and line != 'msgid ""':
                        failures.append(f'  {lang}: {line[6:]}')
            else:
                print(f'{lang}: {stats}')

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
