export function SyncLogScreen() { return <p>Coming soon</p>; }
