import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSandboxCommands, runSandbox } from '../../main/cli/sandbox-command';
import { CliContext, UsageError, type Output } from '../../main/cli/context';

function capture(): Output & { lines: string[]; results: unknown[] } {
  const lines: string[] = [];
  const results: unknown[] = [];
  return { lines, results, info: (l) => lines.push(l), result: (v) => results.push(v), warn: (l) => lines.push(l) };
}

describe('ferry sandbox hubspot', () => {
  it('starts, prints its URL and a working token, and stops when told', async () => {
    const out = capture();
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => { stop = resolve; });
    const running = runSandbox('hubspot', { port: '0', token: 'pat-cli' }, out, stopped);
    await expect.poll(() => out.results.length).toBe(1);
    const { url, token } = out.results[0] as { url: string; token: string };
    expect(token).toBe('pat-cli');
    expect(out.lines[0]).toContain(url);
    const res = await fetch(`${url}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    stop();
    await running;
    await expect(fetch(`${url}/crm/v3/properties/contacts`)).rejects.toThrow();
  });

  it('registers a subcommand per sandbox and refuses bad ports', async () => {
    const program = new Command('ferry');
    registerSandboxCommands(program, () => new CliContext({ dataDir: '/nonexistent', json: false }, capture()));
    const group = program.commands.find((c) => c.name() === 'sandbox');
    expect(group?.commands.map((c) => c.name())).toContain('hubspot');
    await expect(runSandbox('hubspot', { port: '99999' }, capture(), Promise.resolve())).rejects.toBeInstanceOf(UsageError);
    await expect(runSandbox('nope', { port: '0' }, capture(), Promise.resolve())).rejects.toBeInstanceOf(UsageError);
  });
});
