import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../preload/channel-names';
import { createRouter } from '../ipc/router';
import { originOf, type Sender } from '../ipc/sender-policy';
import type { Services } from '../services/index';

function senderOf(event: IpcMainInvokeEvent): Sender {
  const frame = event.senderFrame;
  return {
    frameIsMain: frame !== null && frame === event.sender.mainFrame,
    origin: frame ? originOf(frame.url) : 'unknown',
  };
}

/**
 * One IPC handler for every channel: the router checks the sender, validates
 * the input and answers with a CallResult (it never throws). Events go to the
 * window's main frame only.
 */
export function connectIpc(services: Services, getWindow: () => BrowserWindow | null, onError: (error: unknown) => void): () => void {
  const router = createRouter(services, { allowedOrigins: ['file://'], onInternalError: onError });
  ipcMain.handle(IPC_CALL, (event, channel: unknown, input: unknown) => router.handle(channel, input, senderOf(event)));
  const unsubscribe = services.events.subscribe((message) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.mainFrame.send(IPC_EVENT, message);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL);
  };
}
