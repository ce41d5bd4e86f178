// The package: `npm pack` bundles the CLI (prepack), the tarball installs into an empty folder
// without the network and with no dependencies, and its `cascade check` runs on plain Node (no
// tsx), with member worker threads, giving the same report as the source does in one thread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_TO_DROP, SMALL, check } from './check-helpers.ts';
import { CHILD_PROCESS } from '../helpers.ts';

const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('the packed package', CHILD_PROCESS, () => {
  it('installs offline and its cascade command checks on plain Node', async () => {
    const root = resolve('.');
    const dir = mkdtempSync(join(tmpdir(), 'cascade-pack-'));
    const pack = run('npm', ['pack', '--json', '--pack-destination', dir], root);
    expect(pack.code, pack.err).toBe(0);
    const [info] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
    // the bundle and the package's own files, nothing of the source tree
    expect(info.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist-cli/cascade.js', 'package.json']);
    const bundle = readFileSync(join(root, 'dist-cli/cascade.js'), 'utf8');
    expect(bundle.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // every import is one of Node's own modules: nothing to install beside it
    expect(
      [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]).filter((m) => !m.startsWith('node:')),
    ).toEqual([]);

    const app = join(dir, 'app');
    spawnSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'uses-cascade', private: true }));
    const install = run('npm', ['install', '--offline', '--no-audit', join(dir, info.filename)], app);
    expect(install.code, install.err).toBe(0);
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/cascade/package.json'), 'utf8'));
    expect(installed.dependencies ?? {}).toEqual({});

    const bin = join(app, 'node_modules/.bin/cascade');
    const version = run(bin, ['--version'], root);
    expect(version.out.trim()).toBe(installed.version);
    const packed = run(bin, ['check', ...BLOCK_TO_DROP, ...SMALL, '--jobs', '2', '--format', 'json'], root);
    expect(packed.err).toBe('');
    expect(packed.code).toBe(0);
    const source = await check(...BLOCK_TO_DROP, ...SMALL, '--format', 'json');
    expect({ ...JSON.parse(packed.out), version: null }).toEqual({ ...JSON.parse(source.out), version: null });
    const bad = run(bin, ['check', '--proposed-config', 'nginx:nginx.conf'], root);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown kind "nginx"');
  });
});
