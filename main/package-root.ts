import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Ferry's own folder (where package.json, dist/ and node_modules/ are), found
 * from any module, whether it runs from its source file or from the CLI bundle
 * in dist-cli/, by walking up to Ferry's package.json.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (pkg.name === 'ferry') return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`Ferry could not find its own folder above ${from}.`);
  }
}
