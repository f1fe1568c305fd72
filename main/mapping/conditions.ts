import type { Contact } from '../../preload/schemas/contact';
import type { Condition, Routing } from '../../preload/schemas/mapping';
import { ferryValue } from './ferry-fields';

/** Whether a contact meets a rule's condition: a tag it carries, or a field's value (both case-insensitive, trimmed). */
export function matches(condition: Condition, contact: Contact): boolean {
  const norm = (s: string): string => s.trim().toLocaleLowerCase();
  if ('tag' in condition) return contact.tags.some((t) => norm(t) === norm(condition.tag));
  return norm(ferryValue(contact, condition.field)) === norm(condition.equals);
}

/** Salesforce: the object a new contact becomes under the routing rules (first match wins). */
export function routeObject(routing: Routing, contact: Contact): 'Contact' | 'Lead' {
  return routing.rules.find((r) => matches(r.when, contact))?.object ?? routing.otherwise;
}
