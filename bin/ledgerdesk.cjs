#!/usr/bin/env node
// The command line, built with the app into out/main/cli.js (`npx electron-vite build`); docs/cli.md.
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'out', 'main', 'cli.js');
let cli;
try {
  cli = require(bundle);
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(bundle)) {
    process.stderr.write(
      `ledgerdesk: the command line is not built (${bundle} is missing): run \`npx electron-vite build\`, or use \`npm run cli -- <command>\` from the sources.\n`,
    );
    process.exit(2);
  }
  throw err;
}
cli.main(process.argv.slice(2));
