import type { ImportColumnStatus, ImportField } from '../../../preload/schemas/contacts-api';

/** The fields a column can be mapped to, in the order the preview's menu lists them. */
export const FIELD_OPTIONS: readonly { value: ImportField; label: string }[] = [
  { value: 'firstName', label: 'First name' },
  { value: 'lastName', label: 'Last name' },
  { value: 'fullName', label: 'Full name (split)' },
  { value: 'email', label: 'E-mail' },
  { value: 'phone', label: 'Phone' },
  { value: 'company', label: 'Company' },
  { value: 'title', label: 'Job title' },
  { value: 'website', label: 'Website' },
  { value: 'notes', label: 'Notes' },
  { value: 'tags', label: 'Tags' },
  { value: 'street', label: 'Address: street' },
  { value: 'city', label: 'Address: city' },
  { value: 'region', label: 'Address: state or region' },
  { value: 'postalCode', label: 'Address: postal code' },
  { value: 'country', label: 'Address: country' },
  { value: 'meetingAt', label: 'Met on (date)' },
  { value: 'meetingPlace', label: 'Met where' },
  { value: 'meetingEvent', label: 'Event' },
  { value: 'meetingNotes', label: 'Meeting notes' },
  { value: 'custom', label: 'Custom field' },
  { value: 'ignore', label: "Don't import" },
];

export const STATUS_WORDS: Record<ImportColumnStatus, string> = {
  recognised: 'Recognised',
  guessed: 'Guessed from its values',
  custom: 'Custom field',
  ignored: 'Ignored',
  chosen: 'Your choice',
};
