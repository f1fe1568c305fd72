export function ContactsScreen() { return <p>Coming soon</p>; }
