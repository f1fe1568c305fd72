import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionView } from '../../../preload/schemas/connection';
import { FIELD_RULES, SYNC_DIRECTIONS, type SyncDirection, type TwoWayRule } from '../../../preload/schemas/pull';
import { LOCKED_SUBJECTS } from '../../../preload/schemas/policy';
import { cannotReadSentence, DIRECTION_WORDS, RULE_WORDS } from '../../../preload/status/pull-sentences';
import { destination } from '../../../destinations/index';
import { KIND_NAMES } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Spinner } from '../../ui/spinner';
import { Table } from '../../ui/table';
import { LockedSetting } from '../integrations/locked-setting';
import './pull.css';

const DEFAULT = '__default';

/**
 * Which way contacts flow for one connection, and, for two-way, who wins a
 * field both sides changed: a default rule and per-field overrides. Fields the
 * CRM cannot be read back for are listed with why. The admin's mode lock
 * covers the direction and the mapping lock covers the rules.
 */
export function DirectionAndRules({ c }: { c: ConnectionView }) {
  const stores = useStores();
  const view = useStore(stores.pull, (s) => s.rules[c.id]);
  const error = useStore(stores.pull, (s) => s.error[c.id]);
  const crm = KIND_NAMES[c.kind];
  const pull = stores.pull.getState();
  // the choice shows at once while main stores it; main's answer (or a refusal) replaces it
  const [choosing, setChoosing] = useState<SyncDirection | null>(null);
  const choose = (d: SyncDirection): void => {
    setChoosing(d);
    void pull.setDirection(c.id, d).finally(() => {
      setChoosing(null);
      // the card's status line says which way the connection reads
      void stores.connections.getState().load();
    });
  };
  useEffect(() => { void stores.pull.getState().loadRules(c.id); }, [stores, c.id]);

  const directionLocked = c.locks?.mode === true;
  const rulesLocked = c.locks?.mapping === true;
  return (
    <section className="card stack pull-settings" aria-labelledby={`direction-${c.id}`} data-testid="direction-rules">
      <h2 id={`direction-${c.id}`}>Direction</h2>
      {error && <Banner tone="error" title="That change was not saved">{error}</Banner>}
      {!view && !error && <Spinner label="Reading the direction and rules…" />}
      {view && (
        <>
          {!destination(c.kind).reads ? (
            <p data-testid="direction-push-only"><strong>{DIRECTION_WORDS.push.label}</strong> <span className="muted">{cannotReadSentence(crm)}</span></p>
          ) : directionLocked ? (
            <LockedSetting label={`Direction: ${DIRECTION_WORDS[view.direction].label}`} subject={LOCKED_SUBJECTS.mode(crm)} />
          ) : (
            <fieldset className="direction-choices">
              <legend className="visually-hidden">Which way contacts flow with {crm}</legend>
              {SYNC_DIRECTIONS.map((d) => (
                <label key={d} className="direction-choice">
                  <input type="radio" name={`direction-${c.id}`} value={d} checked={(choosing ?? view.direction) === d} disabled={choosing !== null} onChange={() => choose(d)} />
                  <span><strong>{DIRECTION_WORDS[d].label}</strong> <span className="muted">{DIRECTION_WORDS[d].sentence(crm)}</span></span>
                </label>
              ))}
            </fieldset>
          )}
          {view.direction === 'two-way' && (
            <>
              <h3>When both sides changed a field</h3>
              {rulesLocked && <LockedSetting label="Two-way rules" subject={LOCKED_SUBJECTS.mapping(crm)} />}
              <div className="stack">
                <label className="field-inline">
                  <span>Every field</span>
                  <select className="select" value={view.defaultRule} data-testid="default-rule" disabled={rulesLocked} onChange={(e) => void pull.setRule(c.id, '*', e.target.value as TwoWayRule)}>
                    {FIELD_RULES.map((r) => <option key={r} value={r}>{RULE_WORDS[r].label}</option>)}
                  </select>
                  <span className="muted">{RULE_WORDS[view.defaultRule].sentence(crm)}</span>
                </label>
                <Table caption="Rule per field" testId="field-rules" head={<tr><th scope="col">Ferry field</th><th scope="col">Rule</th></tr>}>
                  {view.readable.map((field) => {
                    const own = view.fields[field];
                    return (
                      <tr key={field} data-field={field}>
                        <th scope="row">{field}</th>
                        <td>
                          <select className="select" aria-label={`Rule for ${field}`} value={own ?? DEFAULT} disabled={rulesLocked}
                            onChange={(e) => void pull.setRule(c.id, field, e.target.value === DEFAULT ? null : e.target.value as TwoWayRule)}>
                            <option value={DEFAULT}>Default: {RULE_WORDS[view.defaultRule].label}</option>
                            {FIELD_RULES.map((r) => <option key={r} value={r}>{RULE_WORDS[r].label}</option>)}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </Table>
              </div>
            </>
          )}
          {view.direction !== 'push' && view.notReadable.length > 0 && (
            <div data-testid="not-readable">
              <h3>Not read back from {crm}</h3>
              <ul className="not-readable-list">
                {view.notReadable.map((n) => <li key={n.field}><strong>{n.field}</strong>: <span className="muted">{n.why}</span></li>)}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
