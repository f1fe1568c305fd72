import type { Command } from 'commander';
import { startSalesforceSandbox } from '../sandbox/salesforce';
import { randomToken } from '../sandbox/shared/ids';
import { consoleOutput, UsageError, type Output } from './context';

/**
 * `ferry sandbox salesforce`: a Salesforce-compatible org on loopback (OAuth,
 * SOQL, sObject Collections, describe, duplicate and validation rules, daily
 * allocation), running until SIGINT or SIGTERM. It prints a ready access token
 * and the instance URL to connect with.
 */

function parseNumber(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got '${text}'.`);
  return value;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

interface Options {
  port: string;
  token?: string;
  dailyLimit?: string;
  ferryId: boolean;
  rotateRefreshTokens?: boolean;
}

const outputOf = (cmd: Command): Output => consoleOutput(cmd.optsWithGlobals<{ json?: boolean }>().json === true);

export function registerSalesforceSandboxCommand(sandbox: Command): void {
  sandbox.command('salesforce')
    .description('a Salesforce-compatible org on loopback (OAuth, SOQL, sObject Collections, duplicate rules, daily API limit)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--token <token>', 'the access token to accept (default: a random one, printed)')
    .option('--daily-limit <n>', 'API requests per rolling 24 hours (default 100000)')
    .option('--no-ferry-id', 'leave Ferry_Id__c out of Contact and Lead (Ferry then matches by e-mail)')
    .option('--rotate-refresh-tokens', 'each OAuth refresh returns a new refresh token and retires the old one')
    .action(async (options: Options, cmd: Command) => {
      const out = outputOf(cmd);
      const token = options.token ?? `00DFe0000000001!${randomToken('sandbox')}`;
      const s = await startSalesforceSandbox({
        port: parseNumber(options.port, '--port', 0, 65_535),
        token,
        ...(options.dailyLimit === undefined ? {} : { dailyLimit: parseNumber(options.dailyLimit, '--daily-limit', 0, 100_000_000) }),
        schema: { ferryIdField: options.ferryId },
        rotateRefreshTokens: options.rotateRefreshTokens === true,
      });
      out.info(`salesforce sandbox listening on ${s.url}`);
      out.info(`  instance URL: ${s.url}`);
      out.info(`  access token: ${token}`);
      out.info(`  admin: ${s.url}/__sandbox/state`);
      out.info(`Connect it with: FERRY_SF_TOKEN='${token}' ferry connect salesforce --instance-url ${s.url} --token-env FERRY_SF_TOKEN`);
      out.info('Press Ctrl+C to stop.');
      out.result({ kind: 'salesforce', url: s.url, instanceUrl: s.url, token, admin: `${s.url}/__sandbox/state` });
      try {
        await untilSignal();
      } finally {
        await s.close();
      }
    });
}
