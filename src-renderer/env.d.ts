import type { Api } from '@shared/ipc/api';

declare global {
  interface Window {
    api: Api;
  }
}

declare module '*.css';
declare module '*.module.css' {
  const classes: Record<string, string>;
  export default classes;
}
