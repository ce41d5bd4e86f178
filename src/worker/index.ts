// Public face of the worker layer: what the page uses to run simulations off the main thread.
// sim.worker.ts, engine.ts and payload.ts run inside the worker and are not imported by the page.
export * from './protocol.ts';
export {
  SimWorker,
  STALL_MS,
  defaultWorkerFactory,
  type RunOptions,
  type SimRunner,
  type SimWorkerOptions,
  type WorkerFactory,
} from './runner.ts';
export { SimPool, MAX_WORKERS, poolSize } from './pool.ts';
export { SimClient, type RunStatus, type Ran, type LiveRun, type RunResults } from './client.svelte.ts';
export {
  ConfigReader,
  defaultConfigWorkerFactory,
  type ConfigWorkerFactory,
  type ConfigReadRequest,
  type ConfigReadReply,
} from './config-reader.ts';
