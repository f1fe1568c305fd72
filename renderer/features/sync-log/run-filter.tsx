import { useStore } from 'zustand';
import { RUN_STATES, type RunState } from '../../../preload/schemas/sync-log';
import { useStores } from '../../store/stores';
import { Select } from '../../ui/select';
import { STATE_WORDS } from './run-words';

/** Runs by how they ended: "Failed" finds an outage, a 429 storm, an expired sign-in or a used-up daily limit. */
export function RunFilter() {
  const stores = useStores();
  const states = useStore(stores.log, (s) => s.filter.runStates);
  const value = states.length === 1 ? states[0]! : 'all';
  return (
    <Select<RunState | 'all'> label="Run result" value={value} fieldClassName="inline-filter"
      options={[{ value: 'all', label: 'All results' }, ...RUN_STATES.map((s) => ({ value: s, label: STATE_WORDS[s] ?? s }))]}
      onChange={(v) => void stores.log.getState().setFilter({ runStates: v === 'all' ? [] : [v] })} />
  );
}
