import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '../../src/main.ts');

/** Collects what a child process writes, for waiting on a line and for failure messages. */
export function captureOutput(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => {
    out.stdout += d;
  });
  child.stderr?.on('data', (d: Buffer) => {
    out.stderr += d;
  });
  return out;
}

/** Runs the real entry point as `npm start` does, from a directory with no .env in it. */
export function startMain(
  env: NodeJS.ProcessEnv,
  cwd: string,
  options: { readyTimeoutMs?: number } = {},
) {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), MAIN],
    {
      cwd,
      env: {
        PATH: process.env.PATH,
        TS_NODE_PROJECT: path.resolve(__dirname, '../../tsconfig.json'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out = captureOutput(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    // A child that never got ready is killed: left running, it would keep jest from exiting.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready: ${out.stdout}${out.stderr}`));
    }, options.readyTimeoutMs ?? 60000);
    const check = () => {
      const line = out.stdout.split('\n').find((l) => l.includes('"msg":"ready"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line).endpoint.replace('/api/messages', ''));
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited: ${out.stderr}`));
    });
  });
  ready.catch(() => undefined);
  return { child, exited, ready, output: () => ({ ...out }) };
}
