import { useState } from 'react';
import type { SyncMode } from '../../../preload/schemas/connection';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from '../../../preload/schemas/connection';
import { Field } from '../../ui/field';
import { Select } from '../../ui/select';

export const MODE_OPTIONS = [
  { value: 'manual', label: 'Manual — when I press Sync now' },
  { value: 'automatic', label: 'Automatic — within seconds of a change' },
  { value: 'scheduled', label: 'Scheduled — every N minutes' },
] as const satisfies readonly { value: SyncMode; label: string }[];

export interface ModeValue {
  mode: SyncMode;
  /** the typed text, validated on apply */
  interval: string;
}

export function intervalError(v: ModeValue): string | null {
  if (v.mode !== 'scheduled') return null;
  const n = Number(v.interval);
  if (!Number.isInteger(n) || n < MIN_INTERVAL_MINUTES || n > MAX_INTERVAL_MINUTES) return `Enter whole minutes from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}.`;
  return null;
}

/** Mode and (for Scheduled) the interval, as one controlled value. */
export function ModeFields({ value, onChange, showErrors }: { value: ModeValue; onChange: (v: ModeValue) => void; showErrors: boolean }) {
  return (
    <div className="mode-fields">
      <Select label="Sync mode" options={MODE_OPTIONS} value={value.mode} onChange={(mode) => onChange({ ...value, mode })} />
      {value.mode === 'scheduled' && (
        <Field
          label="Every (minutes)"
          type="number"
          inputMode="numeric"
          min={MIN_INTERVAL_MINUTES}
          max={MAX_INTERVAL_MINUTES}
          value={value.interval}
          onChange={(e) => onChange({ ...value, interval: e.target.value })}
          error={showErrors ? intervalError(value) : null}
          fieldClassName="interval-field"
        />
      )}
    </div>
  );
}

export function useModeValue(mode: SyncMode, interval: number | null) {
  return useState<ModeValue>({ mode, interval: String(interval ?? 15) });
}
