import { choiceOfTarget, type ColumnTarget, type PlannedColumn } from './csv-columns';
import type { ColumnReport } from './types';

const SINGLE: Record<string, string> = {
  firstName: 'First name', lastName: 'Last name', fullName: 'Full name (split into first and last)', company: 'Company',
  title: 'Job title', website: 'Website', notes: 'Notes', tags: 'Tags', meetingAt: 'Met on (date)',
  meetingPlace: 'Met where', meetingEvent: 'Event', meetingNotes: 'Meeting notes',
};
const ADDRESS: Record<string, string> = {
  street: 'street', city: 'city', region: 'state or region', postalCode: 'postal code', country: 'country',
  label: 'label', formatted: 'whole address',
};

/** What a column becomes, in the words the preview shows. */
function describeTarget(target: ColumnTarget): string {
  switch (target.kind) {
    case 'email':
      return target.part === 'label' ? 'E-mail label' : `E-mail${target.label ? ` (${target.label})` : ''}`;
    case 'phone':
      return target.part === 'label' ? 'Phone label' : `Phone${target.label ? ` (${target.label})` : ''}`;
    case 'address': {
      const where = target.label ? `${target.label.charAt(0).toUpperCase()}${target.label.slice(1)} address` : 'Address';
      return `${where}: ${ADDRESS[target.part] ?? target.part}`;
    }
    case 'custom': return `Custom field “${target.name}”`;
    case 'customLabel': return 'Custom field name';
    case 'customValue': return 'Custom field value';
    case 'ignore': return 'Not imported';
    default: return SINGLE[target.kind] ?? target.kind;
  }
}

export function columnReport(column: PlannedColumn, samples: readonly string[]): ColumnReport {
  return {
    index: column.index,
    header: column.header,
    status: column.status,
    field: choiceOfTarget(column.target),
    description: describeTarget(column.target),
    samples: [...samples],
  };
}
