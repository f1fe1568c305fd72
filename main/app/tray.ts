import { Menu, Tray, nativeImage } from 'electron';
import path from 'node:path';
import type { Services } from '../services/index';
import { connectionsToPause, connectionsToResume, trayModelFromViews } from '../shell/tray-actions';
import type { TrayModel, TrayState } from '../shell/tray-state';

export interface TrayDeps {
  services: Services;
  iconDir: string;
  openWindow(): void;
  quit(): void;
  onError(error: unknown): void;
}

/** How long the tray waits after an event before it redraws (progress events come many per second). */
const REDRAW_DELAY_MS = 250;

/**
 * The tray: image and tooltip from main/shell/tray-state, and the menu
 * Sync now / Pause or Resume automatic sync / Open Ferry / Quit.
 */
export function createTray(deps: TrayDeps): { destroy(): void } {
  const images = new Map<TrayState, Electron.NativeImage>();
  const image = (state: TrayState) => {
    let img = images.get(state);
    if (!img) {
      img = nativeImage.createFromPath(path.join(deps.iconDir, `tray-${state}.png`));
      images.set(state, img);
    }
    return img;
  };
  const tray = new Tray(image('idle'));
  tray.setToolTip('Ferry');

  const act = (work: () => Promise<unknown>) => () => { work().then(redraw, deps.onError); };

  const pauseOrResume = async (ids: number[], pause: boolean): Promise<void> => {
    for (const connectionId of ids) {
      await (pause ? deps.services.connections.pause({ connectionId }) : deps.services.connections.resume({ connectionId }));
    }
  };

  function render(model: TrayModel, pauseIds: number[], resumeIds: number[]): void {
    tray.setImage(image(model.state));
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate([
      { label: 'Sync now', click: act(() => deps.services.connections.syncAll()) },
      model.canPause || !model.canResume
        ? { label: 'Pause automatic sync', enabled: model.canPause, click: act(() => pauseOrResume(pauseIds, true)) }
        : { label: 'Resume automatic sync', click: act(() => pauseOrResume(resumeIds, false)) },
      { type: 'separator' },
      { label: 'Open Ferry', click: deps.openWindow },
      { label: 'Quit Ferry', click: deps.quit },
    ]));
  }

  let timer: NodeJS.Timeout | undefined;
  function redraw(): void {
    deps.services.connections.list(undefined).then(
      (views) => render(trayModelFromViews(views), connectionsToPause(views), connectionsToResume(views)),
      deps.onError,
    );
  }
  const schedule = (): void => {
    timer ??= setTimeout(() => { timer = undefined; redraw(); }, REDRAW_DELAY_MS);
  };
  const unsubscribe = deps.services.events.subscribe((m) => {
    // a finished pull changes what the status says (open conflicts)
    if (m.event === 'syncProgress' || m.event === 'connectionStatus' || m.event === 'runFinished' || (m.event === 'pullProgress' && m.payload.done)) schedule();
  });
  tray.on('click', deps.openWindow);
  redraw();

  return {
    destroy() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      tray.destroy();
    },
  };
}
