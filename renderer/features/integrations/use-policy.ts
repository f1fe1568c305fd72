import { useEffect, useState } from 'react';
import type { PolicyView } from '../../../preload/schemas/policy';
import { useStores } from '../../store/stores';

/**
 * The admin's policy as main reads it (getPolicy), asked when a screen that
 * shows locks opens; null until it answers (nothing is shown as locked meanwhile:
 * main refuses a locked change whatever the screen shows).
 */
export function usePolicy(): PolicyView | null {
  const { client } = useStores();
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  useEffect(() => {
    let live = true;
    client.getPolicy().then((p) => { if (live) setPolicy(p); }, () => undefined);
    return () => { live = false; };
  }, [client]);
  return policy;
}
