import { defineDestination } from './descriptor';

export const webhook = defineDestination({
  id: 'webhook',
  name: 'Webhook',
  sentenceName: 'your webhook',
  deliversOnly: true,
  reads: false,
  matchesOnEmail: false,
  deletes: { listed: false },
  testEvent: { button: 'Send test event', arrivesAt: 'your webhook' },
  blurb: 'Each new or changed contact, signed (Standard Webhooks), to any https address you run.',
  sandboxBlurb: 'A local receiver that checks every signature and records each delivery.',
  docsAnchor: '#any-webhook-signed',
  credentials: [
    {
      key: 'webhookUrl', label: 'Webhook URL', configField: 'baseUrl', input: 'url', placeholder: 'https://example.com/ferry', cliOption: '--url', isAddress: true,
      check: { rule: 'url', loopbackHttp: true, message: 'Enter an https:// address (or http://localhost for a receiver on this computer).' },
    },
    {
      key: 'webhookSecret', label: 'Signing secret', vaultEntry: 'webhook_secret', input: 'secret', env: 'FERRY_WEBHOOK_SECRET', generate: 'signing-secret',
      check: { rule: 'minLength', min: 16, message: 'Use a secret of at least 16 characters.' },
      hint: 'Ferry signs every request with it (Standard Webhooks webhook-signature and Ferry-Signature headers) so your receiver can check it came from Ferry. Use a whsec_ secret to verify with a Standard Webhooks library.',
    },
  ],
  typedAuth: 'signed',
  // any https host (the receiver is the rep's own); http only to this computer (endpoint policy)
  hosts: { api: [], web: [] },
  rateLimit: { requests: 10, perMs: 1_000 },
  sandbox: true,
});
