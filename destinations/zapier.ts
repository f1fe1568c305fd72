import { defineDestination } from './descriptor';

export const zapier = defineDestination({
  id: 'zapier',
  name: 'Zapier',
  sentenceName: 'Zapier',
  // Zapier answers 200 whether or not a Zap listens (docs/vendor-facts.md): receipt, not a synced record
  deliversOnly: true,
  reads: false,
  matchesOnEmail: false,
  deletes: { listed: false },
  testEvent: { button: 'Test', arrivesAt: 'your Zap (it runs once with this test event)' },
  blurb: 'Each new or changed contact as one event to a Zap\'s Catch Hook.',
  sandboxBlurb: 'A local Catch Hook that records each delivery.',
  docsAnchor: '#zapier',
  credentials: [{
    key: 'hookUrl',
    label: 'Catch hook URL',
    vaultEntry: 'hook_url',
    input: 'secret',
    isAddress: true,
    // main checks the rest (crm/zapier/hook-url.ts) and says which part is wrong
    check: {
      rule: 'url', loopbackHttp: true,
      pattern: '^(?:https://hooks\\.zapier\\.com|http://(?:localhost|127\\.0\\.0\\.1|\\[::1\\])(?::\\d+)?)/hooks/catch/',
      message: 'Paste the catch hook URL from your Zap (https://hooks.zapier.com/…).',
    },
    env: 'FERRY_ZAPIER_HOOK',
    placeholder: 'https://hooks.zapier.com/hooks/catch/…',
    hint: 'In your Zap\'s trigger, choose Webhooks by Zapier → Catch Hook (a paid Zapier plan) and copy its URL. Zapier answers "received" even when the Zap is off or deleted, so Ferry can only say "delivered to Zapier"; if the Zap changes owner its URL changes: paste the new one here.',
  }],
  typedAuth: 'hook-url',
  hosts: { api: ['^hooks\\.zapier\\.com$'], web: ['^zapier\\.com$'] },
  // under Zapier's 30 requests/second per hook
  rateLimit: { requests: 25, perMs: 1_000 },
  sandbox: true,
});
