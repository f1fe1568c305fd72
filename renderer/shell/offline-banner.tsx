import { useStore } from 'zustand';
import { Banner } from '../ui/banner';
import { useStores } from '../store/stores';

/** Offline is normal for a rep: the app keeps working and says what happens next. */
export function OfflineBanner() {
  const online = useStore(useStores().app, (s) => s.online);
  if (online) return null;
  return (
    <div className="shell-banner">
      <Banner tone="info" title="You're offline" testId="offline-banner">
        Keep working as usual: Ferry saves every change on this computer, and your changes will sync when the network returns.
      </Banner>
    </div>
  );
}
