// Starts Ferry's web mode exactly as `ferry web` does, in a data folder given
// as argv[2], and prints one JSON line {"url": ...} when it is ready.
import { register } from 'tsx/esm/api';

register();
const { runWebMode } = await import('../../main/cli/web-command.ts');
const out = {
  info: () => undefined,
  warn: (line) => process.stderr.write(`${line}\n`),
  result: (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
};
const web = await runWebMode({ dataDir: process.argv[2], port: 0, open: false, out });
const stop = async () => {
  await web.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
