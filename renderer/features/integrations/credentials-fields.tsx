import type { CredentialField } from '../../../destinations/index';
import { destination } from '../../../destinations/index';
import type { ConnectionKind } from '../../../preload/schemas/connection';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Select } from '../../ui/select';
import type { CredentialErrors, Credentials } from './credentials';

/**
 * The sign-in fields of one destination, drawn from its descriptor. Secret
 * fields are write-only: they start empty, are never filled from main, and use
 * autocomplete="off". `only: 'secrets'` is the reconnect form (where the
 * credentials go does not change on a reconnect).
 */
export function CredentialsFields({ kind, value, onChange, errors, only = 'all' }: {
  kind: ConnectionKind;
  value: Credentials;
  onChange: (v: Credentials) => void;
  errors: CredentialErrors;
  only?: 'all' | 'secrets';
}) {
  const fields = destination(kind).credentials.filter((f) => only === 'all' || f.vaultEntry !== undefined);
  const put = (key: string, text: string): void => onChange({ ...value, [key]: text });
  return <>{fields.map((field) => <CredentialInput key={field.key} field={field} value={value[field.key] ?? ''} error={errors[field.key]} onChange={(text) => put(field.key, text)} />)}</>;
}

function CredentialInput({ field, value, error, onChange }: { field: CredentialField; value: string; error: string | undefined; onChange: (text: string) => void }) {
  if (field.choices) return <Select label={field.label} options={field.choices} value={value} onChange={onChange} />;
  const secret = field.input === 'secret' ? { type: 'password', autoComplete: 'off', spellCheck: false } as const : field.input === 'text' ? { type: 'text', spellCheck: false } as const : { type: 'url' } as const;
  return (
    <>
      <Field label={field.label} {...secret} placeholder={field.placeholder} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={field.hint} />
      {field.generate === 'signing-secret' && <SecretGenerator onPick={onChange} current={value} />}
    </>
  );
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
