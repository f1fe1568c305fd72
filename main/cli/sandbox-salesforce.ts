import type { Command } from 'commander';
import { randomToken } from '../sandbox/shared/ids';
import { outputOf, parseWholeNumber, serveSandbox } from './sandbox-serve';

/**
 * `ferry sandbox salesforce`: a Salesforce-compatible org on loopback (OAuth,
 * SOQL, sObject Collections, describe, duplicate and validation rules, daily
 * allocation), running until SIGINT or SIGTERM. It prints a ready access token
 * and the instance URL to connect with.
 */

interface Options {
  port: string;
  token?: string;
  dailyLimit?: string;
  ferryId: boolean;
  rotateRefreshTokens?: boolean;
}

export function registerSalesforceSandboxCommand(sandbox: Command): void {
  sandbox.command('salesforce')
    .description('a Salesforce-compatible org on loopback (OAuth, SOQL, sObject Collections, duplicate rules, daily API limit)')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--token <token>', 'the access token to accept (default: a random one, printed)')
    .option('--daily-limit <n>', 'API requests per rolling 24 hours (default 100000)')
    .option('--no-ferry-id', 'leave Ferry_Id__c out of Contact and Lead (Ferry then matches by e-mail)')
    .option('--rotate-refresh-tokens', 'each OAuth refresh returns a new refresh token and retires the old one')
    .action(async (options: Options, cmd: Command) => {
      const token = options.token ?? `00DFe0000000001!${randomToken('sandbox')}`;
      const s = await (await import('../sandbox/salesforce')).startSalesforceSandbox({
        port: parseWholeNumber(options.port, '--port', 0, 65_535),
        token,
        ...(options.dailyLimit === undefined ? {} : { dailyLimit: parseWholeNumber(options.dailyLimit, '--daily-limit', 0, 100_000_000) }),
        schema: { ferryIdField: options.ferryId },
        rotateRefreshTokens: options.rotateRefreshTokens === true,
      });
      const connectWith = `export FERRY_SF_TOKEN='${token}' && ferry connect salesforce --instance-url ${s.url} --token-env FERRY_SF_TOKEN`;
      await serveSandbox('salesforce', {
        lines: [
          `salesforce sandbox listening on ${s.url}`,
          `  instance URL: ${s.url}`,
          `  access token: ${token}`,
          `  admin: ${s.url}/__sandbox/state`,
          `Connect it with: ${connectWith}`,
        ],
        result: { url: s.url, instanceUrl: s.url, token, admin: `${s.url}/__sandbox/state`, connectWith },
        close: () => s.close(),
      }, outputOf(cmd));
    });
}
