import type { ConnectionKind } from '../../../preload/schemas/connection';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Select } from '../../ui/select';
import type { CredentialErrors, Credentials } from './credentials';

/**
 * The sign-in fields for one kind. Secret fields are write-only: they start
 * empty, are never filled from main, and use autocomplete="off".
 */
/** The scopes Ferry needs: contacts read/write, and the schema scopes to create its own properties (ferry_id and friends). */
export const HUBSPOT_TOKEN_SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'] as const;

export const HUBSPOT_TOKEN_HINT = `In HubSpot: Development → Keys → Service keys → Create service key (existing private apps: Development → Legacy apps → your app → Access token). It needs the scopes ${HUBSPOT_TOKEN_SCOPES.join(', ')}.`;

export const ZAPIER_HOOK_HINT = 'In your Zap\'s trigger, choose Webhooks by Zapier → Catch Hook (a paid Zapier plan) and copy its URL. Zapier answers "received" even when the Zap is off or deleted, so Ferry can only say "delivered to Zapier"; if the Zap changes owner its URL changes: paste the new one here.';

export function CredentialsFields({ kind, value, onChange, errors }: { kind: ConnectionKind; value: Credentials; onChange: (v: Credentials) => void; errors: CredentialErrors }) {
  const put = (patch: Partial<Credentials>): void => onChange({ ...value, ...patch });
  const secret = { type: 'password', autoComplete: 'off', spellCheck: false } as const;
  switch (kind) {
    case 'hubspot':
      return (
        <Field label="Service key or private app token" {...secret} value={value.token} onChange={(e) => put({ token: e.target.value })} error={errors.token}
          hint={HUBSPOT_TOKEN_HINT} />
      );
    case 'salesforce':
      return (
        <>
          <Field label="Instance address" type="url" placeholder="https://yourcompany.my.salesforce.com" value={value.instanceUrl} onChange={(e) => put({ instanceUrl: e.target.value })} error={errors.instanceUrl} />
          <Field label="Access token" {...secret} value={value.token} onChange={(e) => put({ token: e.target.value })} error={errors.token} hint="A session or connected-app access token with the api scope." />
          <Select label="Create records as" options={[{ value: 'Contact', label: 'Contacts' }, { value: 'Lead', label: 'Leads' }]} value={value.object} onChange={(object) => put({ object })} />
        </>
      );
    case 'zapier':
      return (
        <Field label="Catch hook URL" {...secret} type="url" value={value.hookUrl} onChange={(e) => put({ hookUrl: e.target.value })} error={errors.hookUrl}
          hint={ZAPIER_HOOK_HINT} />
      );
    case 'webhook':
      return (
        <>
          <Field label="Webhook URL" type="url" placeholder="https://example.com/ferry" value={value.webhookUrl} onChange={(e) => put({ webhookUrl: e.target.value })} error={errors.webhookUrl} />
          <Field label="Signing secret" {...secret} value={value.webhookSecret} onChange={(e) => put({ webhookSecret: e.target.value })} error={errors.webhookSecret}
            hint="Ferry signs every request with it (Standard Webhooks webhook-signature and Ferry-Signature headers) so your receiver can check it came from Ferry. Use a whsec_ secret to verify with a Standard Webhooks library." />
          <SecretGenerator onPick={(webhookSecret) => put({ webhookSecret })} current={value.webhookSecret} />
        </>
      );
  }
}

/** 32 random bytes as base64url: a signing secret to paste into the receiver as well. */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/u, '');
}

/** Fills the secret field with a fresh one and shows it once, so the rep can copy it to the receiver. */
function SecretGenerator({ onPick, current }: { onPick: (secret: string) => void; current: string }) {
  const shown = current !== '' && /^[A-Za-z0-9_-]{43}$/.test(current);
  return (
    <div className="row secret-generator">
      <Button size="small" onClick={() => onPick(newSigningSecret())}>Generate a secret</Button>
      {shown && <code className="mono" data-testid="generated-secret" aria-label="Generated secret: copy it to your receiver">{current}</code>}
    </div>
  );
}
