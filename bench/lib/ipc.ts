import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

type Handlers = Record<string, (arg: never) => unknown>;

interface Request {
  id: number;
  method: string;
  arg: unknown;
}
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** In a child: answers the parent's calls with `handlers`, one message per call. */
export function serveParent(handlers: Handlers): void {
  if (!process.send) throw new Error('not started as a child process with IPC');
  // The parent died (a failed run): nobody is left to ask this process to stop.
  process.on('disconnect', () => process.exit(1));
  process.on('message', async (message: Request) => {
    const reply = (r: Reply) => process.send?.(r);
    try {
      if (message.method === 'exit') {
        await handlers.exit?.(undefined as never);
        // process.exit, not a drained event loop: it also ends keep-alive sockets, and
        // --cpu-prof writes its profile on it.
        process.exit(0);
      }
      const handler = handlers[message.method];
      if (!handler) throw new Error(`no method ${message.method}`);
      reply({ id: message.id, ok: true, value: await handler(message.arg as never) });
    } catch (err) {
      reply({ id: message.id, ok: false, error: (err as Error).stack ?? String(err) });
    }
  });
}

export interface Worker {
  call<T>(method: string, arg?: unknown): Promise<T>;
  /** Asks the child to exit (so a --cpu-prof profile is written) and waits until it has. */
  stop(): Promise<void>;
}

/**
 * Forks a bench module (under ts-node like the parent) as a process of its own, so what it
 * costs in CPU is not charged to the process being measured.
 */
export function startWorker(module: string, execArgv: string[] = []): Worker {
  const child: ChildProcess = fork(path.join(__dirname, module), [], {
    execArgv: [...process.execArgv, ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const orphaned = () => child.kill();
  process.once('exit', orphaned);
  child.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.value);
    else waiter?.reject(new Error(`${module}: ${reply.error}`));
  });
  child.once('exit', (code) => {
    process.off('exit', orphaned);
    for (const w of pending.values()) w.reject(new Error(`${module} exited with ${code}`));
    pending.clear();
  });
  return {
    call<T>(method: string, arg?: unknown) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, method, arg } satisfies Request);
      });
    },
    async stop() {
      if (child.exitCode === null) child.send({ id: next++, method: 'exit', arg: null });
      await exited;
    },
  };
}
