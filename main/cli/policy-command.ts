import fs from 'node:fs';
import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli';
import { destination } from '../../destinations/index';
import { CONNECTION_KINDS } from '../../preload/schemas/connection';
import { LOCKED_SUBJECTS, lockedSentence, type PolicyView } from '../../preload/schemas/policy';
import { UsageError, type CliContext } from './context';
import { parsedInput } from './parsed-input';

/** What the admin's policy locks, in the sentences the app shows beside its locks. */
function policyLines(view: PolicyView): string[] {
  if (view.source === 'none') return ['No admin policy: every setting is yours to choose.'];
  // the problem (a policy that cannot be used) is the command's error: stderr, exit 1
  if (view.problem) return [];
  const lines = [`Admin policy from ${view.location}.`];
  if (view.adminKey) lines.push(`Signed by the admin key ${view.adminKey}`);
  if (view.allowedKinds) lines.push(`${lockedSentence(LOCKED_SUBJECTS.destinations)} Allowed: ${view.allowedKinds.map((k) => destination(k).name).join(', ') || 'none'}.`);
  for (const kind of CONNECTION_KINDS) {
    const locks = view.locks[kind];
    const name = destination(kind).name;
    if (locks.mode) lines.push(lockedSentence(LOCKED_SUBJECTS.mode(name)));
    if (locks.mapping) lines.push(lockedSentence(LOCKED_SUBJECTS.mapping(name)));
    if (locks.filter) lines.push(lockedSentence(LOCKED_SUBJECTS.filter(name)));
    if (locks.disconnect) lines.push(lockedSentence(LOCKED_SUBJECTS.disconnect(name)));
  }
  if (view.allocationLocked) lines.push(lockedSentence(LOCKED_SUBJECTS.allocation));
  return lines;
}

function show(ctx: CliContext, view: PolicyView): void {
  ctx.out.result(view);
  for (const line of policyLines(view)) ctx.out.info(line);
  if (view.problem) throw new Error(view.problem);
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Ferry cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
}

/**
 * `ferry policy`: what the admin's policy locks; `ferry policy import FILE`: a
 * signed policy, the first of which pins the admin's key (the same service the
 * app calls); and, for the admin, `keygen` and `sign` (the private key stays in
 * the admin's file, never in Ferry).
 */
export const registerPolicyCommands: CommandRegistrar = (program: Command, context) => {
  const policy = program.command('policy').description('the admin policy: what it locks (import, keygen and sign for admins)')
    .action(async () => {
      const ctx = context();
      show(ctx, (await ctx.runtime()).services.policy.view());
    });

  policy.command('import <file>').description('import a signed admin policy (the first one pins its admin\'s key)')
    .action(async (file: string) => {
      const ctx = context();
      const text = readText(file, 'policy file');
      const rt = await ctx.runtime();
      const first = rt.services.policy.view().adminKey === null;
      const view = rt.services.policy.importSigned(parsedInput('importPolicy', { text }));
      ctx.out.info(first
        ? 'Imported your admin\'s policy. Its key is now the only one Ferry accepts policies from on this computer.'
        : 'Imported your admin\'s new policy (signed with the same key as before).');
      show(ctx, view);
    });

  policy.command('keygen').description('admins: make an Ed25519 key pair for signing policies')
    .requiredOption('--out <file>', 'where to write the private key (keep it safe; it never goes to reps)')
    .action(async (o: { out: string }) => {
      const ctx = context();
      const { generateAdminKey } = await import('../admin-policy/signed-policy');
      const { privateKeyPem, publicKey } = generateAdminKey();
      try {
        fs.writeFileSync(o.out, privateKeyPem, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        throw new Error(`Ferry did not write ${o.out}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'the file exists (Ferry never overwrites a key)' : String(error)}.`);
      }
      ctx.out.result({ privateKeyFile: o.out, publicKey });
      ctx.out.info(`Wrote the private key to ${o.out} (only you may read it). Public key: ${publicKey}`);
    });

  policy.command('sign <policy>').description('admins: sign a policy JSON file with your key, for reps to import')
    .requiredOption('--key <file>', 'the private key from ferry policy keygen')
    .option('--out <file>', 'where to write the signed policy (default: print it)')
    .action(async (file: string, o: { key: string; out?: string }) => {
      const ctx = context();
      const { parsePolicyText } = await import('../admin-policy/policy-document');
      const { signPolicyText } = await import('../admin-policy/signed-policy');
      const text = readText(file, 'policy');
      const parsed = parsePolicyText(text);
      if (!parsed.ok) throw new UsageError(`Ferry will not sign ${file}: ${parsed.reason}.`);
      const signed = `${JSON.stringify(signPolicyText(text, readText(o.key, 'key')), null, 2)}\n`;
      if (o.out) {
        fs.writeFileSync(o.out, signed);
        ctx.out.info(`Wrote the signed policy to ${o.out}. Reps import it with: ferry policy import ${o.out}`);
      } else {
        process.stdout.write(signed);
      }
    });
};
