import { errorMessage, plural } from '../../lib/format';
import type { Stores } from '../../store/stores';

/**
 * Deletes at once and says so in a toast with Undo (a confirmation dialog
 * would ask every time; Undo costs a click only when it was a mistake).
 */
export async function undoableDelete(stores: Stores, ids: number[], what?: string): Promise<void> {
  const { app, contacts } = stores;
  try {
    const deleted = await contacts.getState().remove(ids);
    if (deleted.length === 0) return;
    app.getState().toast({
      tone: 'success',
      text: `Deleted ${what ?? plural(deleted.length, 'contact')}.`,
      action: {
        label: 'Undo',
        run: async () => {
          const restored = await contacts.getState().restore(deleted);
          app.getState().toast({ tone: 'success', text: `Restored ${plural(restored, 'contact')}.` });
        },
      },
    });
  } catch (e) {
    app.getState().toast({ tone: 'error', text: errorMessage(e) });
  }
}
