// The type of a run's state: the parts, each owned by one module that creates it (state.ts
// assembles them into one flat object of typed arrays and scalars). Types only: this module
// imports the parts' state modules and nothing else, so any module may import SimState without
// an import cycle.

import type { RunState } from './run-state.ts';
import type { FleetState } from './fleet/state.ts';
import type { HostsState } from './systems/hosts/state.ts';
import type { HungTaskState } from './systems/hungtask/state.ts';
import type { MessagingState } from './systems/messaging/state.ts';
import type { PulsarState } from './systems/pulsar/state.ts';
import type { TelemetryState } from './systems/telemetry/state.ts';
import type { MemoryState } from './systems/memory/state.ts';
import type { ControlPlaneState } from './systems/controlplane/state.ts';
import type { DiskState } from './systems/disk/state.ts';
import type { TasksState } from './systems/tasks/state.ts';
import type { MigrationState } from './systems/migration/state.ts';

export type SimState = RunState &
  FleetState &
  HostsState &
  HungTaskState &
  MessagingState &
  PulsarState &
  TelemetryState &
  MemoryState &
  ControlPlaneState &
  DiskState &
  TasksState &
  MigrationState;
