// The package's own typings cannot be resolved through its "exports" map; it is a drop-in for
// better-sqlite3 (same API plus cipher pragmas), so reuse those typings.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database = require('better-sqlite3');
  export = Database;
}
