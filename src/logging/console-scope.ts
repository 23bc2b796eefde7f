import { AsyncLocalStorage } from 'node:async_hooks';

const METHODS = ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const;
export type ConsoleMethod = (typeof METHODS)[number];
export type ConsoleSink = (method: ConsoleMethod, args: unknown[]) => void;

const scope = new AsyncLocalStorage<ConsoleSink>();
let installed = false;

/**
 * Some libraries write straight to `console` from code we cannot hook otherwise
 * (botframework-connector prints a stack or a PEM key for every token it refuses), which
 * breaks the JSON-lines log. The console methods are wrapped once, and only a call made
 * inside `withConsoleRedirect` (in its async context) is diverted; every other call reaches
 * the original method unchanged.
 */
function install(): void {
  if (installed) return;
  installed = true;
  for (const method of METHODS) {
    const original = console[method];
    console[method] = function redirected(this: Console, ...args: unknown[]) {
      const sink = scope.getStore();
      if (sink) sink(method, args);
      else original.apply(this, args);
    };
  }
}

/** Runs `fn`; whatever it (and what it awaits) writes to `console` goes to `sink` instead. */
export function withConsoleRedirect<T>(sink: ConsoleSink, fn: () => Promise<T>): Promise<T> {
  install();
  return scope.run(sink, fn);
}

/**
 * What one console call was about, in a form fit for a log field: the error's class and
 * first message line, or the first line of a text, cut short. A stack or key never follows.
 */
export function summarizeConsoleArgs(args: unknown[]): string {
  const [first] = args;
  const text =
    first instanceof Error
      ? `${first.name}: ${first.message}`
      : typeof first === 'string'
        ? first
        : typeof first;
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}
