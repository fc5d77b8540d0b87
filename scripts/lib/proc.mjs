// Child processes for the entry scripts (plain Node 20: node: builtins only).
import { spawn, spawnSync } from 'node:child_process';

/** Run a command with inherited stdio; resolves to its exit code (signals count as failure). */
export function run(cmd, args = [], opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', (e) => {
      console.error(`Could not start ${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1)));
  });
}

/**
 * Start a long-running command in its own process group, forward SIGINT/SIGTERM/SIGHUP to the whole group
 * (npm and `sh -c` do not reliably pass signals on), and exit with its status.
 */
export function runForwardingSignals(cmd, args = [], opts = {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', detached: process.platform !== 'win32', ...opts });
  const send = (sig) => {
    try {
      if (process.platform === 'win32') child.kill(sig);
      else process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (child.exitCode !== null) return;
      send(sig);
      // A process started in the background may ignore SIGINT: escalate if the server is still up.
      setTimeout(() => send('SIGTERM'), 2000).unref();
      setTimeout(() => send('SIGKILL'), 5000).unref();
    });
  }
  child.on('error', (e) => {
    console.error(`Could not start ${cmd}: ${e.message}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1)));
  return child;
}

/** True when `cmd` can be found on PATH. */
export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal];
}
