import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

/**
 * Issue 11, Medium: "Electron fuses: none are set". electron-builder runs
 * build/after-pack.mjs on the packaged app; this test runs that same hook on a
 * binary and reads the fuse wire back with @electron/fuses' own reader.
 *
 * No Electron binary can be downloaded here (TOOLCHAIN.md), so the binary is a
 * stand-in carrying Electron's fuse wire exactly as Electron 41 ships it: the
 * sentinel @electron/fuses searches for, wire version 1, its length, then one
 * byte per fuse ('1' on, '0' off) with Electron's defaults, amid other bytes.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off, only-ASAR off, V8 snapshot off, file: privileges on, WASM trap handlers on. */
const ELECTRON_DEFAULT_WIRE = '101100011';
/** @electron/fuses' FuseState: the wire's bytes '1' and '0' (not exported from its index) */
const FuseState = { ENABLE: '1'.charCodeAt(0), DISABLE: '0'.charCodeAt(0) } as const;

interface AfterPackModule {
  default: (context: unknown) => Promise<void>;
  FERRY_FUSES: Record<number, boolean>;
  electronBinary: (context: unknown) => string;
}
const loadHook = async (): Promise<AfterPackModule> => (await import(path.join(root, 'build/after-pack.mjs'))) as AfterPackModule;

function standInElectron(dir: string, name: string): string {
  const file = path.join(dir, name);
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(ELECTRON_DEFAULT_WIRE)]);
  fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0xcc)]));
  return file;
}

describe('the packaging step flips Electron\'s fuses', () => {
  it('is wired into electron-builder as afterPack', () => {
    expect(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).toMatch(/^afterPack: build\/after-pack\.mjs$/m);
  });

  it('turns RunAsNode, NODE_OPTIONS and --inspect off and cookie encryption, ASAR integrity and only-load-from-ASAR on, read back from the binary', async () => {
    const hook = await loadHook();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-fuses-'));
    try {
      const binary = standInElectron(dir, 'ferry');
      const before = await getCurrentFuseWire(binary);
      expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);

      await hook.default({ appOutDir: dir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'ferry', appInfo: { productFilename: 'Ferry' } } });

      const after = await getCurrentFuseWire(binary);
      expect(after[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      expect(after[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(after[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(after[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(after[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
      expect(after[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
      // the rest keep Electron's defaults (file:// keeps its privileges: the window loads from file://)
      expect(after[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.ENABLE);
      expect(Object.keys(hook.FERRY_FUSES).map(Number).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the binary where electron-builder puts it on each platform', async () => {
    const { electronBinary } = await loadHook();
    const ctx = (platform: string) => ({ appOutDir: '/out', electronPlatformName: platform, packager: { executableName: 'ferry', appInfo: { productFilename: 'Ferry' } } });
    expect(electronBinary(ctx('darwin'))).toBe(path.join('/out', 'Ferry.app'));
    expect(electronBinary(ctx('win32'))).toBe(path.join('/out', 'Ferry.exe'));
    expect(electronBinary(ctx('linux'))).toBe(path.join('/out', 'ferry'));
  });
});
