import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile } from '../../main/web/static-files';
import { checkToken, createLaunchToken, tokenMatches } from '../../main/web/token';

describe('web mode token', () => {
  it('is fresh per launch and long enough to guess never', () => {
    const a = createLaunchToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createLaunchToken()).not.toBe(a);
  });

  it('matches only the exact token; missing and wrong are told apart (401 vs 403)', () => {
    const t = createLaunchToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t, `${t}x`)).toBe(false);
    expect(tokenMatches(t, t.slice(1))).toBe(false);
    expect(tokenMatches(t, undefined)).toBe(false);
    expect(checkToken(t, new URL(`http://127.0.0.1/?token=${t}`))).toBe('ok');
    expect(checkToken(t, new URL('http://127.0.0.1/'))).toBe('missing');
    expect(checkToken(t, new URL('http://127.0.0.1/?token='))).toBe('missing');
    expect(checkToken(t, new URL('http://127.0.0.1/?token=abc'))).toBe('wrong');
  });
});

describe('static files', () => {
  it('serves files inside the folder only, never through .., encodings or symlinks', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-static-'));
    const dist = path.join(dir, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'assets', 'a.js'), 'x');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'no');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dist, 'link.txt'));
    try {
      expect(readStaticFile(dist, '/assets/a.js')).toMatchObject({ type: 'text/javascript; charset=utf-8' });
      for (const bad of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..\\..\\secret.txt', '/link.txt', '/assets', '/a%00.js', '/%E0%A4%A']) {
        expect(readStaticFile(dist, bad), bad).toBeNull();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
