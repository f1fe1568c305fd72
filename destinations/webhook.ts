import { defineDestination } from './descriptor';

export const webhook = defineDestination({
  id: 'webhook',
  name: 'Webhook',
  sentenceName: 'your webhook',
  deliversOnly: true,
  blurb: 'Each new or changed contact, signed (Standard Webhooks), to any https address you run.',
  docsAnchor: '#any-webhook-signed',
  credentials: [
    { key: 'webhookUrl', label: 'Webhook URL', configField: 'baseUrl', input: 'url', placeholder: 'https://example.com/ferry', cliOption: '--url' },
    {
      key: 'webhookSecret', label: 'Signing secret', vaultEntry: 'webhook_secret', input: 'secret', env: 'FERRY_WEBHOOK_SECRET',
      hint: 'Ferry signs every request with it (Standard Webhooks webhook-signature and Ferry-Signature headers) so your receiver can check it came from Ferry. Use a whsec_ secret to verify with a Standard Webhooks library.',
    },
  ],
  // any https host (the receiver is the rep's own); http only to this computer (endpoint policy)
  hosts: { api: [], web: [] },
  rateLimit: { requests: 10, perMs: 1_000 },
  sandbox: true,
});
