import type { ConnectionKind } from '../../../preload/schemas/connection';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Select } from '../../ui/select';
import type { CredentialErrors, Credentials } from './credentials';

/**
 * The sign-in fields for one kind. Secret fields are write-only: they start
 * empty, are never filled from main, and use autocomplete="off".
 */
export function CredentialsFields({ kind, value, onChange, errors }: { kind: ConnectionKind; value: Credentials; onChange: (v: Credentials) => void; errors: CredentialErrors }) {
  const put = (patch: Partial<Credentials>): void => onChange({ ...value, ...patch });
  const secret = { type: 'password', autoComplete: 'off', spellCheck: false } as const;
  switch (kind) {
    case 'hubspot':
      return (
        <Field label="Private app access token" {...secret} value={value.token} onChange={(e) => put({ token: e.target.value })} error={errors.token}
          hint="In HubSpot: Settings → Integrations → Private apps → your app → Access token. It needs the crm.objects.contacts read and write scopes." />
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
          hint="In your Zap's trigger, choose Webhooks by Zapier → Catch Hook and copy its URL. Ferry delivers each change to it; Zapier does the rest." />
      );
    case 'webhook':
      return (
        <>
          <Field label="Webhook URL" type="url" placeholder="https://example.com/ferry" value={value.webhookUrl} onChange={(e) => put({ webhookUrl: e.target.value })} error={errors.webhookUrl} />
          <Field label="Signing secret" {...secret} value={value.webhookSecret} onChange={(e) => put({ webhookSecret: e.target.value })} error={errors.webhookSecret}
            hint="Ferry signs every request with it (Ferry-Signature header) so your receiver can check it came from Ferry." />
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
