// Reading a config file in the page: importConfig in a small worker of its own (config.worker.ts),
// so a big or hostile file never blocks the page, with a time budget per file.
//
// Contract: read() always resolves with a ConfigImport and never rejects. A file the worker does
// not finish within the budget (CONFIG_READ_MS), or that the worker fails on, resolves as an
// import with `error` set (so nothing is applied from it) and a message saying what happened;
// the worker is terminated and a fresh one serves the next file. Files are read one at a time,
// in the order asked; the budget of each starts when the worker takes it.

import { CONFIG_READ_MS, type ConfigImport, type ImportOptions } from '../scenario/index.ts';

export interface ConfigReadRequest {
  id: number;
  text: string;
  options: ImportOptions;
}
export type ConfigReadReply = { id: number; result: ConfigImport } | { id: number; failed: string };

export type ConfigWorkerFactory = () => Worker;

export const defaultConfigWorkerFactory: ConfigWorkerFactory = () =>
  new Worker(new URL('./config.worker.ts', import.meta.url), { type: 'module', name: 'cascade-configs' });

const refused = (options: ImportOptions, message: string): ConfigImport => ({
  kind: options.kind ?? 'vector',
  source: options.filename ?? 'pasted text',
  rows: [],
  error: { line: 0, message },
});

export class ConfigReader {
  #factory: ConfigWorkerFactory;
  #budgetMs: number;
  #worker: Worker | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #nextId = 1;

  constructor(factory: ConfigWorkerFactory = defaultConfigWorkerFactory, budgetMs = CONFIG_READ_MS) {
    this.#factory = factory;
    this.#budgetMs = budgetMs;
  }

  /** Reads one file; see the contract above. */
  read(text: string, options: ImportOptions = {}): Promise<ConfigImport> {
    const next = this.#queue.then(() => this.#readNow(text, options));
    this.#queue = next;
    return next;
  }

  #readNow(text: string, options: ImportOptions): Promise<ConfigImport> {
    let worker: Worker;
    try {
      worker = this.#worker ??= this.#factory();
    } catch {
      return Promise.resolve(refused(options, 'the config reader could not start: reload the page'));
    }
    const id = this.#nextId++;
    return new Promise<ConfigImport>((resolve) => {
      const done = (result: ConfigImport, kill: boolean) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (kill) {
          worker.terminate();
          if (this.#worker === worker) this.#worker = null;
        }
        resolve(result);
      };
      const onMessage = (ev: MessageEvent<ConfigReadReply>) => {
        const reply = ev.data;
        if (!reply || reply.id !== id) return;
        if ('result' in reply) done(reply.result, false);
        else done(refused(options, `could not be read (${reply.failed}): nothing applied`), true);
      };
      const onError = (ev: Event) => {
        ev.preventDefault();
        done(
          refused(
            options,
            'the config reader stopped (if the site was just updated, reload the page): nothing applied',
          ),
          true,
        );
      };
      const timer = setTimeout(
        () =>
          done(
            refused(
              options,
              `took longer than ${this.#budgetMs / 1000} s to read: refused, nothing applied (is it really a ${options.kind ?? 'config'} file?)`,
            ),
            true,
          ),
        this.#budgetMs,
      );
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage({ id, text, options } satisfies ConfigReadRequest);
    });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
