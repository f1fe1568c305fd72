import type { ConnectionView } from '../../preload/schemas/connection';
import { trayModel, type TrayModel } from './tray-state';

/** The tray's model from what the Integrations screen also sees. */
export function trayModelFromViews(views: readonly ConnectionView[]): TrayModel {
  return trayModel(
    views,
    views.flatMap((v) => (v.progress ? [{ label: v.label, done: v.progress.done, total: v.progress.total }] : [])),
  );
}

/** "Pause automatic sync": every connection that syncs on its own and is running. Manual ones only sync when asked. */
export function connectionsToPause(views: readonly ConnectionView[]): number[] {
  return views.filter((v) => v.mode !== 'manual' && v.status !== 'paused' && v.status !== 'disconnected').map((v) => v.id);
}

/** "Resume automatic sync": every paused connection; resuming drains what waited in the outbox. */
export function connectionsToResume(views: readonly ConnectionView[]): number[] {
  return views.filter((v) => v.status === 'paused').map((v) => v.id);
}
