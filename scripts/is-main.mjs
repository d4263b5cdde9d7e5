// Whether a module is the script node was asked to run, for the build
// scripts that are both a module and a command. `process.argv[1]` is the
// path as given, made absolute; a module's URL is its real path. So compare
// real paths: from a checkout reached through a symlink, or in a folder
// whose name a URL escapes, the command still runs instead of doing
// nothing (and leaving `make dist` an older build's files).

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Whether the module at `url` (its `import.meta.url`) is node's main script. */
export const isMain = (url) => Boolean(process.argv[1]) && realpathSync(process.argv[1]) === fileURLToPath(url);
