#!/usr/bin/env python3
"""Checks that the Flatpak manifest parses, agrees with meson on the app id,
command and module, asks for no more than it needs, and that
flatpak-builder accepts it."""

import json
import shutil
import subprocess
import sys

ALLOWED_FINISH_ARGS = {
    '--share=network', '--share=ipc', '--socket=wayland',
    '--socket=fallback-x11', '--device=dri',
}


def main():
    root, project, app_id = sys.argv[1:4]
    path = f'{root}/{app_id}.json'
    failures = []

    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)

    if manifest.get('id', manifest.get('app-id')) != app_id:
        failures.append(f'manifest id is not {app_id}')
    if manifest.get('command') != project:
        failures.append(f'manifest command is not {project}')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        failures.append('manifest does not use the GNOME runtime and SDK')

    finish_args = set(manifest.get('finish-args', []))
    extra = finish_args - ALLOWED_FINISH_ARGS
    if extra:
        failures.append(f'finish-args asks for more than it needs: {sorted(extra)}')
    for needed in ('--share=network', '--socket=wayland', '--socket=fallback-x11'):
        if needed not in finish_args:
            failures.append(f'finish-args lacks {needed}')

    modules = manifest.get('modules', [])
    app_module = modules[-1] if modules else {}
    if app_module.get('name') != project:
        failures.append(f'the last module is not {project}')
    if app_module.get('buildsystem') != 'meson':
        failures.append('the application module is not built with meson')

    builder = shutil.which('flatpak-builder')
    if builder:
        result = subprocess.run([builder, '--show-manifest', path], capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(f'flatpak-builder rejects the manifest: {result.stderr.strip()}')
        else:
            json.loads(result.stdout)
    else:
        print('flatpak-builder not installed; only the JSON was checked')

    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
