/**
 * The app:// scheme that serves the renderer instead of file://. The scheme must be registered as
 * privileged before the app is ready; the handler is installed once it is.
 */
import { protocol } from 'electron';
import { APP_SCHEME } from '../shell/origin';
import { serveAppRequest } from './serve';

/**
 * standard: relative URLs, origins and 'self' in the CSP work as for https; secure: a secure context;
 * supportFetchAPI and corsEnabled: Vite's `<script type="module" crossorigin>` loads through fetch with
 * CORS. Not bypassCSP: our own pages obey the same CSP as anything else.
 */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: appSchemePrivileges }]);
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
}
