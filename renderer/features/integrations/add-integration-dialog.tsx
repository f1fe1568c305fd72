import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { CONNECTION_KINDS, type ConnectionKind } from '../../../preload/schemas/connection';
import { OAUTH_KINDS, type OAuthKind } from '../../../preload/schemas/oauth';
import { errorMessage } from '../../lib/format';
import { KIND_NAMES } from '../../lib/kinds';
import { destination, type CREDENTIAL_KEYS } from '../../../destinations/index';
import { fieldProblem } from '../../../destinations/credential-checks';

type CredentialKey = (typeof CREDENTIAL_KEYS)[number];
import { useStores } from '../../store/stores';
import { ErrorBanner } from '../../ui/error-banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { credentialErrors, emptyCredentials, toConnectPart, type Credentials } from './credentials';
import { CredentialsFields } from './credentials-fields';
import { intervalError, ModeFields, type ModeValue } from './mode-editor';
import { OAuthSignIn } from './oauth-sign-in';
import { usePolicy } from './use-policy';
import { LockedSetting } from './locked-setting';
import { LOCKED_SUBJECTS, lockedSentence } from '../../../preload/schemas/policy';

const isOAuthKind = (kind: ConnectionKind): kind is OAuthKind => (OAUTH_KINDS as readonly string[]).includes(kind);

interface Choice {
  kind: ConnectionKind;
  sandbox: boolean;
}

/** Add integration: pick a CRM (or its sandbox) → sign in → choose how it syncs. */
export function AddIntegrationDialog({ onClose }: { onClose: () => void }) {
  const stores = useStores();
  const connections = useStore(stores.connections, (s) => s.connections) ?? [];
  const sandboxes = useStore(stores.connections, (s) => s.sandboxes);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [cred, setCred] = useState<Credentials>({});
  const [label, setLabel] = useState('');
  const [mode, setMode] = useState<ModeValue>({ mode: 'manual', interval: '15' });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // the admin's policy may allow only some CRMs: the others are shown locked
  const policy = usePolicy();
  const allowed = policy?.allowedKinds ?? null;
  const barred = (kind: ConnectionKind): boolean => allowed !== null && !allowed.includes(kind);
  // a mode the admin set is not asked for: main connects with the admin's
  const modeLocked = choice !== null && policy?.locks[choice.kind].mode === true;

  useEffect(() => { void stores.connections.getState().loadSandboxes(); }, [stores]);
  // One active connection per CRM kind per card: a sandbox counts as its kind.
  const taken = new Set(connections.map((c) => c.kind));

  const submit = async (): Promise<void> => {
    if (!choice) return;
    setTried(true);
    const credErrors = choice.sandbox ? {} : credentialErrors(choice.kind, cred);
    if (Object.keys(credErrors).length || intervalError(mode)) return;
    setBusy(true);
    setError(null);
    try {
      await stores.connections.getState().connect({
        kind: choice.kind,
        ...(choice.sandbox ? { sandbox: true } : toConnectPart(choice.kind, cred)),
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(modeLocked ? {} : { mode: mode.mode, ...(mode.mode === 'scheduled' ? { intervalMinutes: Number(mode.interval) } : {}) }),
      });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  /**
   * The browser sign-in uses the same name, mode and (Salesforce) object as the
   * token form, and the settings the destination asks with it (Dynamics 365's
   * organisation address, Mailchimp's audience) from the same fields.
   */
  const connectOAuth = async (kind: OAuthKind): Promise<void> => {
    setTried(true);
    const settings = signInSettings(kind, cred);
    const problem = intervalError(mode) ?? settings.problem;
    if (problem) throw new Error(problem);
    await stores.connections.getState().connectOAuth({
      kind,
      ...(Object.keys(settings.values).length > 0 ? { settings: settings.values } : {}),
      ...(label.trim() ? { label: label.trim() } : {}),
      ...(modeLocked ? {} : { mode: mode.mode, ...(mode.mode === 'scheduled' ? { intervalMinutes: Number(mode.interval) } : {}) }),
      ...(cred.object ? { object: cred.object as 'Contact' | 'Lead' } : {}),
    });
  };
  const oauthKind = choice && !choice.sandbox && isOAuthKind(choice.kind) ? choice.kind : null;

  // Back forgets everything typed for that destination: a token never follows the rep to another CRM.
  const back = (): void => { setChoice(null); setTried(false); setError(null); setCred({}); setLabel(''); };
  const footer = choice
    ? <><Button onClick={back}>Back</Button><Button variant="primary" busy={busy} onClick={() => void submit()}>Connect</Button></>
    : <Button onClick={onClose}>Cancel</Button>;

  return (
    <Dialog wide title={choice ? `Connect ${choice.sandbox ? `${KIND_NAMES[choice.kind]} Sandbox` : KIND_NAMES[choice.kind]}` : 'Add integration'} onClose={onClose} footer={footer}>
      {!choice && (
        <>
          <fieldset className="kind-grid">
            <legend>Choose where your contacts should go</legend>
            {CONNECTION_KINDS.map((kind) => (
              <KindButton key={kind} kind={kind} title={KIND_NAMES[kind]} blurb={destination(kind).blurb} taken={taken.has(kind)} barred={barred(kind)} onPick={() => { setChoice({ kind, sandbox: false }); setCred(emptyCredentials(kind)); }} />
            ))}
          </fieldset>
          {sandboxes.length > 0 && (
            <fieldset className="kind-grid">
              <legend>Or try Ferry first with a sandbox (a local stand-in that behaves like the real service)</legend>
              {sandboxes.map((s) => (
                <KindButton key={s.kind} kind={s.kind} title={s.label} blurb={`${destination(s.kind).sandboxBlurb ?? ''} No account needed; data stays on this computer.`} taken={taken.has(s.kind) || s.connected} barred={barred(s.kind)} onPick={() => setChoice({ kind: s.kind, sandbox: true })} />
              ))}
            </fieldset>
          )}
        </>
      )}
      {choice && (
        <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {oauthKind && (
            <>
              <OAuthSignIn kind={oauthKind} action={`Connect with ${KIND_NAMES[oauthKind]}`} start={() => connectOAuth(oauthKind)} onDone={onClose} />
              <p className="muted">Or connect with {withArticle(typedSecretName(oauthKind))} instead (Connect below):</p>
            </>
          )}
          {choice.sandbox
            ? <p>Ferry starts a local {KIND_NAMES[choice.kind]} sandbox on this computer and connects to it. No sign-in needed.</p>
            : <CredentialsFields kind={choice.kind} value={cred} onChange={setCred} errors={tried ? credentialErrors(choice.kind, cred) : {}} />}
          <Field label="Name (optional)" placeholder={choice.sandbox ? `${KIND_NAMES[choice.kind]} Sandbox` : KIND_NAMES[choice.kind]} value={label} onChange={(e) => setLabel(e.target.value)} />
          {modeLocked
            ? <LockedSetting label="Sync mode: as your admin set it" subject={LOCKED_SUBJECTS.mode(KIND_NAMES[choice.kind])} />
            : <ModeFields value={mode} onChange={setMode} showErrors={tried} />}
          {error && <ErrorBanner title="Could not connect">{error}</ErrorBanner>}
          <button type="submit" hidden />
        </form>
      )}
    </Dialog>
  );
}

/** The values of the fields a destination asks with its sign-in (oauth.askWithSignIn), and the first one's problem. */
function signInSettings(kind: OAuthKind, cred: Credentials): { values: Partial<Record<CredentialKey, string>>; problem: string | null } {
  const asked = destination(kind).oauth?.askWithSignIn ?? [];
  const fields = destination(kind).credentials.filter((f) => asked.includes(f.key));
  const problem = fields.map((f) => fieldProblem(f, cred[f.key])).find((p) => p !== null) ?? null;
  return { values: Object.fromEntries(fields.map((f) => [f.key, (cred[f.key] ?? '').trim()])), problem };
}

/** What a rep pastes instead of signing in: the destination's secret field, in a sentence. */
function typedSecretName(kind: ConnectionKind): string {
  const field = destination(kind).credentials.find((f) => f.vaultEntry !== undefined);
  return field ? field.label.toLowerCase() : 'a token';
}

const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

function KindButton({ kind, title, blurb, taken, barred = false, onPick }: { kind: ConnectionKind; title: string; blurb: string; taken: boolean; barred?: boolean; onPick: () => void }) {
  return (
    <button type="button" className="kind-option" disabled={taken || barred} onClick={onPick} data-testid={`pick-${title.toLowerCase().replace(/\s+/g, '-')}`}>
      <span className={`kind-mark kind-${kind}`} aria-hidden="true">{KIND_NAMES[kind].slice(0, 1)}</span>
      <span className="kind-text">
        <span className="kind-title">{title}</span>
        <span className="kind-blurb">{barred ? `🔒 ${lockedSentence(LOCKED_SUBJECTS.destinations)}` : taken ? `Already connected — disconnect it first to connect another ${KIND_NAMES[kind]}.` : blurb}</span>
      </span>
    </button>
  );
}
