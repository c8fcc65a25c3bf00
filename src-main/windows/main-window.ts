import path from 'node:path';
import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, navigationAllowed, permissionAllowed, windowOpenDecision } from '../shell/navigation';
import { startUrl, type RendererSource } from '../shell/origin';

let guardsInstalled = false;
function installSessionGuards(source: RendererSource): void {
  if (guardsInstalled) return;
  guardsInstalled = true;
  // app:// responses carry the CSP themselves (protocol/serve.ts); this covers the dev server's.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No camera, microphone, notifications or geolocation: only writing text to the clipboard, from our pages.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, source)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, source));
}

/** The main window. Every decision (which URLs are ours, which links leave) is in src-main/shell. */
export function createMainWindow(source: RendererSource): BrowserWindow {
  installSessionGuards(source);
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Ledgerdesk',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Never navigate any frame away from our origin, nor follow a redirect off it.
  win.webContents.on('will-frame-navigate', (event) => {
    if (!navigationAllowed(event.url, source)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event) => {
    if (!navigationAllowed(event.url, source)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // No new Electron windows; a listed https link opens in the user's browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
  void win.loadURL(startUrl(source));
  return win;
}
