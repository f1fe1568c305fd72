// electron-builder's afterPack hook (electron-builder.yml: afterPack): flips
// Electron's fuses in the packaged binary before it is signed. Fuses are bits
// compiled into Electron that turn features off for good in this one binary
// (https://www.electronjs.org/docs/latest/tutorial/fuses), flipped with
// @electron/fuses as Electron's docs show. electron-builder imports the hook
// (app-builder-lib util/resolve.js: dynamicImportMaybe) and calls its default export.
import path from 'node:path';
import fuses from '@electron/fuses';

const { flipFuses, FuseV1Options, FuseVersion } = fuses;

/**
 * What Ferry's packaged binary allows. Each line is Electron's own advice for
 * an app that does not need the feature:
 * - RunAsNode off: ELECTRON_RUN_AS_NODE would let any local program run its own
 *   code as Ferry (and, on macOS, reach Ferry's keychain items). The keychain
 *   helper runs as a utility process instead (main/app/keychain-helper.ts).
 * - NodeOptions off: NODE_OPTIONS could preload code into Ferry's main process.
 * - NodeCliInspect off: --inspect would open a debugger on Ferry's main process.
 * - Cookie encryption on: the session's cookies are encrypted with an OS key.
 * - Embedded ASAR integrity on and only-load-from-ASAR on: the app code that
 *   runs is the code that was packaged and signed, nothing placed beside it.
 */
export const FERRY_FUSES = Object.freeze({
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
});

/** electron-builder's Arch enum: arm64 is 3. */
const ARM64 = 3;

/** The file that holds the fuse wire in a packaged app, per platform (what @electron/fuses expects). */
export function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Apple silicon refuses a binary whose ad-hoc signature no longer matches; real signing comes after.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === ARM64,
    ...FERRY_FUSES,
  });
}
