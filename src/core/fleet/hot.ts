// The VM pass's hot per-VM figures, interleaved: VM v's eight are vmHot[v*8 .. v*8+7] (one cache
// line). V8 checks every typed-array access in the VM loop (the array's map, length and bounds)
// and hoists none of it, so the pass costs about one check per array it touches per VM
// (ARCHITECTURE.md, "Where the time goes"): eight figures in one array need one check where eight
// arrays needed eight, and in a plain array of doubles (below, VmHot) the check is lighter still.
//
// Two kinds of figure share the block:
// - the pass's own state, kept nowhere else: the telemetry agent's carry and retry clock, the
//   logger's retained-heap peak (a Float32 figure: stored through Math.fround, as the Float32Array
//   it was), the OOM-loop and psi flags (HOT_FLAGS);
// - copies of the fleet's fixed per-slot figures (state.ts: ratePerStep, baseAnonMiB, limitMiB,
//   wsMiB) and of alive (FLAG_ALIVE), which the other systems keep reading from their own arrays.
//   This folder writes both at once (setVmSize, createFleetState, startVm, endVm) and move() moves
//   the block with its VM.

/** Figures per VM in vmHot. */
export const VM_HOT = 8;

/** Offsets in a VM's block (vm-pass.ts writes them as literals: keep the order). */
export const HOT_RATE = 0, // = ratePerStep: events produced per step
  HOT_CARRY = 1, // the fraction of an event carried to the next step
  HOT_RETRY_AT = 2, // next connection attempt, s (<= t: connected)
  HOT_BASE_ANON = 3, // = baseAnonMiB: app RSS + agent RSS
  HOT_LIMIT = 4, // = limitMiB: RAM minus the min watermark
  HOT_WS = 5, // = wsMiB: the working set
  HOT_HEAP_PEAK = 6, // the high-water mark of the backlog an application's logger held, MiB (Float32 values)
  HOT_FLAGS = 7; // FLAG_OOM_LOOP | FLAG_PSI | FLAG_ALIVE | FLAG_STEADY (a small whole number)

/**
 * HOT_FLAGS: FLAG_OOM_LOOP while the VM stays over its limit after an OOM kill (an OOM loop counts
 * once); FLAG_PSI when its psi may be nonzero. Only the VM pass stores a stall (the closed-loop
 * disk rewrites those it stored), and it sets FLAG_PSI when it does, so a VM without the flag has
 * psi 0 and the pass need not store 0 again. The flags may stay set after psi went to 0 elsewhere
 * (startVm, endVm): that costs one store of 0, never a wrong psi. FLAG_ALIVE is a copy of
 * `alive[v]` (slots.ts and state.ts set it with it), so the pass skips an empty slot from the block
 * it reads anyway, without reading `alive` (one array fewer per VM).
 * FLAG_STEADY: the VM's last memory pass ended on the fast path with no events held and no OOM
 * kill, so while it holds no events its memory figures are those again and the pass skips them
 * (the steady skip of one VM, on a host that is not steady as a whole); slots.ts clears it
 * whenever the slot's VM starts, ends, reboots or moves, as it clears the host's hostMemSteady.
 * So a VM with FLAG_STEADY starts the pass with buf and held 0 (only the pass and slots.ts write
 * them) and psi 0 (the pass clears FLAG_STEADY whenever it stores a stall): the pass's steady
 * agents deliver without reading the three (vm-pass.ts, `fast`).
 */
export const FLAG_OOM_LOOP = 1,
  FLAG_PSI = 2,
  FLAG_ALIVE = 4,
  FLAG_STEADY = 8;

/**
 * The block: a plain array of doubles, not a Float64Array. V8 checks a typed-array access against
 * the array's length and whether its buffer was detached, reloading both on every access (a
 * typed array's length may change since resizable buffers); an array of doubles has neither test
 * to repeat, so the pass's eight reads of a VM's block cost a load each. Every value stored is a
 * number, so the array stays one of doubles (its elements a FixedDoubleArray): the same doubles as
 * the Float64Array it was, -0 and all (no NaN is stored). `byteLength` says what it holds, as a
 * typed array's would (the bench's bytes of state per VM).
 */
export type VmHot = number[] & { readonly byteLength: number };

/** The block of a fleet of `vms` slots (all zeros: no rate, connected at t = 0). */
export function createVmHot(vms: number): VmHot {
  const n = vms * VM_HOT;
  // built from a double so that its elements are doubles from the start (zeros written as 0
  // would make an array of small integers, which the first fraction stored turns into doubles)
  const hot: number[] = [];
  for (let i = 0; i < n; i++) hot.push(0.5);
  hot.fill(0);
  Object.defineProperty(hot, 'byteLength', { value: n * 8 });
  return hot as VmHot;
}

/** Slot `to` takes slot `from`'s block; `from` is left all zeros (fleet/slots.ts move). */
export function moveVmHot(hot: VmHot, from: number, to: number): void {
  const a = from * VM_HOT,
    b = to * VM_HOT;
  for (let k = 0; k < VM_HOT; k++) {
    hot[b + k] = hot[a + k];
    hot[a + k] = 0;
  }
}
