import fs from 'node:fs';
import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli';
import { CRM_NAMES } from '../crm/registry';
import { applyPolicy, generateAdminKey, parsePolicyText, policyView, signPolicyText } from '../policy/index';
import { LOCKED_SUBJECTS, lockedSentence } from '../../preload/schemas/policy';
import { CONNECTION_KINDS } from '../store/connections';
import { UsageError, type CliContext } from './context';

function show(ctx: CliContext): void {
  const view = policyView(ctx.policy.current());
  ctx.out.result(view);
  if (view.source === 'none') {
    ctx.out.info('No admin policy: every setting is yours to choose.');
    return;
  }
  ctx.out.info(`Admin policy from ${view.location}.`);
  if (view.problem) {
    ctx.out.warn(view.problem);
    return;
  }
  if (view.adminKey) ctx.out.info(`Signed by the admin key ${view.adminKey}`);
  if (view.allowedKinds) ctx.out.info(`${lockedSentence(LOCKED_SUBJECTS.destinations)} Allowed: ${view.allowedKinds.map((k) => CRM_NAMES[k]).join(', ') || 'none'}.`);
  for (const kind of CONNECTION_KINDS) {
    const locks = view.locks[kind];
    const crm = CRM_NAMES[kind];
    if (locks.mode) ctx.out.info(lockedSentence(LOCKED_SUBJECTS.mode(crm)));
    if (locks.mapping) ctx.out.info(lockedSentence(LOCKED_SUBJECTS.mapping(crm)));
    if (locks.filter) ctx.out.info(lockedSentence(LOCKED_SUBJECTS.filter(crm)));
    if (locks.disconnect) ctx.out.info(lockedSentence(LOCKED_SUBJECTS.disconnect(crm)));
  }
  if (view.allocationLocked) ctx.out.info(lockedSentence(LOCKED_SUBJECTS.allocation));
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
 * signed policy, the first of which pins the admin's key; and, for the admin,
 * `keygen` and `sign` (the private key stays in the admin's file, never in Ferry).
 */
export const registerPolicyCommands: CommandRegistrar = (program: Command, context) => {
  const policy = program.command('policy').description('the admin policy: what it locks (import, keygen and sign for admins)')
    .action(() => show(context()));

  policy.command('import <file>').description('import a signed admin policy (the first one pins its admin\'s key)')
    .action((file: string) => {
      const ctx = context();
      const { firstImport } = ctx.policy.importSigned(readText(file, 'policy file'));
      const applied = applyPolicy(ctx.db, ctx.engine, ctx.policy.current(), (c) => CRM_NAMES[c.kind]);
      ctx.out.info(firstImport
        ? 'Imported your admin\'s policy. Its key is now the only one Ferry accepts policies from on this computer.'
        : 'Imported your admin\'s new policy (signed with the same key as before).');
      if (applied.changed.length > 0) ctx.out.info(`Set as your admin chose: ${applied.changed.join(', ')}.`);
      if (applied.paused.length > 0) ctx.out.info(`Paused (your admin does not allow them): ${applied.paused.join(', ')}.`);
      show(ctx);
    });

  policy.command('keygen').description('admins: make an Ed25519 key pair for signing policies')
    .requiredOption('--out <file>', 'where to write the private key (keep it safe; it never goes to reps)')
    .action((o: { out: string }) => {
      const ctx = context();
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
    .action((file: string, o: { key: string; out?: string }) => {
      const ctx = context();
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
