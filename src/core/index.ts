// Public face of the simulation core. No DOM, no clock, no global randomness: runs the same in
// Node (CLI, tests, bench) and in a Web Worker.
//
//   const sim = new Simulation(scenario);
//   while (!sim.advance(500)) report(sim.stepsDone / sim.totalSteps);   // chunked, cancellable
//   const result = sim.result();                                      // SimResult
//
// or in one call: runScenario(scenario).

export * from './types.ts';
export { SUMMARY_SHAPE, ADDED_LATER, shapeProblem, shapePaths, type FieldShape } from './summary-shape.ts';
export { Simulation, runScenario, runSummary, type SimOptions } from './simulation.ts';
export type { RecordMode } from './observers/recorder.ts';
export { downsample, type Downsampled } from './downsample.ts';
export { clockLabel } from './clock.ts';
export { sig3 } from './text.ts';
export { causeChain } from './observers/eventlog.ts';
export { isPanic, PANIC_SHORT } from './observers/summary.ts';
export { verdictDriver } from './observers/verdict-chain.ts';
export { LOG_CODES, type LogCode } from './observers/log-codes.ts';
export * from './ensemble/index.ts';
