import { describe, expect, it } from 'vitest';
import { credentialProblems, fieldProblem, initialValues, toConnectParts } from '../../destinations/credential-checks';
import { DESTINATIONS, destination, type CredentialField } from '../../destinations/index';
import { connectInputSchema } from '../../preload/schemas/connection';

/** A value each field's own rule accepts: what a rep would paste. */
function validValue(field: CredentialField): string {
  if (field.choices) return field.choices[0]!.value;
  const check = field.check;
  if (check?.rule === 'url') return field.placeholder?.startsWith('https://') ? field.placeholder.replace('…', 'a/b/') : 'https://example.com/ferry';
  if (check?.rule === 'minLength') return 'x'.repeat(check.min);
  return 'pat-na1-0123456789';
}

describe('the connect form, drawn from each destination\'s descriptor', () => {
  for (const d of DESTINATIONS) {
    it(`${d.name}: an empty form is refused field by field, in the descriptor's words`, () => {
      const problems = credentialProblems(d, initialValues(d));
      for (const field of d.credentials.filter((f) => !f.choices)) expect(problems[field.key], field.key).toBe(field.check?.message ?? `${field.label} is needed.`);
    });

    it(`${d.name}: what a rep would paste passes the same checks and becomes a connect call main accepts`, () => {
      const values = Object.fromEntries(d.credentials.map((f) => [f.key, validValue(f)]));
      expect(credentialProblems(d, values)).toEqual({});
      const parsed = connectInputSchema.safeParse({ kind: d.id, ...toConnectParts(d, values) });
      expect(parsed.success, parsed.error?.message).toBe(true);
      for (const field of d.credentials) {
        if (field.vaultEntry) expect(parsed.data?.secrets?.[field.key as 'token']).toBe(values[field.key]);
        else expect(parsed.data?.config?.[field.configField!]).toBe(values[field.key]);
      }
      if (d.typedAuth) expect(parsed.data?.config?.auth).toBe(d.typedAuth);
    });
  }

  it('an address must be https, or plain http only to this computer where the destination allows a local receiver', () => {
    const webhookUrl = destination('webhook').credentials.find((f) => f.key === 'webhookUrl')!;
    expect(fieldProblem(webhookUrl, 'http://example.com/hook')).toMatch(/https:\/\//);
    expect(fieldProblem(webhookUrl, 'http://127.0.0.1:8080/hook')).toBeNull();
    expect(fieldProblem(webhookUrl, 'ftp://example.com')).not.toBeNull();
  });

  it('a Zapier hook URL is a Catch Hook on hooks.zapier.com (or the local sandbox), not any https address', () => {
    const hook = destination('zapier').credentials.find((f) => f.key === 'hookUrl')!;
    expect(fieldProblem(hook, 'https://example.com/hooks/catch/1/2/')).toMatch(/catch hook URL/);
    expect(fieldProblem(hook, 'https://hooks.zapier.com/hooks/catch/123/abc/')).toBeNull();
    expect(fieldProblem(hook, 'http://127.0.0.1:5123/hooks/catch/1/2/')).toBeNull();
  });

  it('a choice outside its options is refused with the options named', () => {
    const object = destination('salesforce').credentials.find((f) => f.key === 'object')!;
    expect(fieldProblem(object, 'Account')).toBe('Create records as must be one of Contacts, Leads.');
  });

  it('a signing secret keeps its blanks (it is compared byte for byte); addresses and tokens lose theirs', () => {
    const webhook = destination('webhook');
    const parts = toConnectParts(webhook, { webhookUrl: '  https://example.com/h  ', webhookSecret: ' 0123456789abcdef ' });
    expect(parts).toEqual({ config: { auth: 'signed', baseUrl: 'https://example.com/h' }, secrets: { webhookSecret: ' 0123456789abcdef ' } });
  });
});
