// The filter's schema is the contract's (preload/schemas/filter.ts): the screens, the CLI and the store read one definition.
export { contactFilterSchema, isEmptyFilter, parseStoredFilter, FILTER_FIELDS, type ContactFilter, type FieldRule } from '../../preload/schemas/filter';
