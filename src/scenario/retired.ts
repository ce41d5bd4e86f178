// Parameters the model no longer has. A link, an import or a saved draft written before a
// parameter was retired still carries it: validation ignores it like any unknown key, but says
// what replaced it and that its value was not carried over, so the user knows what changed and
// why the run may differ (CONTRIBUTING.md, "Bump LINK_VERSION": a removed path gets a note).
// Contract: a path here is never a current parameter (tests/unit/scenario/retired.test.ts). A Map,
// not an object: a link's key is untrusted ('constructor' must not find Object's).

export const RETIRED_PARAMS: ReadonlyMap<string, string> = new Map([
  [
    'memory.reclaimCpuShare',
    'retired (issue 24): the CPU of a thrash is now per fault, memory.faultCpuMicros in the guest and hypervisor.ioCpuMicros in QEMU; this value was not carried over, the defaults apply',
  ],
]);

/** The message for an unknown path: what replaced it if it was retired, else `otherwise`. */
export function unknownPathMessage(path: string, otherwise = 'unknown parameter; ignored'): string {
  const why = RETIRED_PARAMS.get(path);
  return why ? `${path} is ${why}; ignored` : otherwise;
}
