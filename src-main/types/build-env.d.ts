// Replaced at build time by electron-vite (Vite's define): true only in `electron-vite dev` builds.
interface ImportMetaEnv {
  readonly DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
