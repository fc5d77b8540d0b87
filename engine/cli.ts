/** `npm run figure -- <figure-id> [--set name=value ...] [--format json|csv]`; see cli-core.ts. */
import { runCli } from './cli-core.ts';

const r = await runCli(process.argv.slice(2));
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.code;
