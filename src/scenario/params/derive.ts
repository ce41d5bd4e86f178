// Types computed from the property table's rows, so the `Scenario` type cannot drift from the
// table: a row's path is where its value sits ("telemetry.buffer.maxEvents" is
// `{ telemetry: { buffer: { maxEvents } } }`), its kind is the value's type (int/number: number,
// bool: boolean, string: string, enum: the union of its options). The same for events: an event
// kind's row gives `{ atMinute, kind, ...its fields }`. Type-level only; nothing here runs.

/** A union's members intersected: `A | B` -> `A & B`. */
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Flattens intersections into one object type, all the way down (readable hovers, exact keys). */
type Expand<T> = T extends object ? { -readonly [K in keyof T]: Expand<T[K]> } : T;

/** `{ a: { b: V } }` from "a.b" (a union of paths gives a union of objects). */
type Nest<P extends string, V> = P extends `${infer Head}.${infer Rest}`
  ? { [K in Head]: Nest<Rest, V> }
  : { [K in P]: V };

/** The value a row holds, from its kind. */
export type RowValue<R> = R extends { kind: 'int' | 'number' }
  ? number
  : R extends { kind: 'bool' }
    ? boolean
    : R extends { kind: 'enum'; options: readonly (infer O)[] }
      ? O
      : R extends { kind: 'string' }
        ? string
        : never;

/** The nested object the rows `R` (a union of row types) describe. */
export type ValuesOf<R extends { path: string }> = Expand<
  UnionToIntersection<R extends unknown ? Nest<R['path'], RowValue<R>> : never>
>;

/** One event per kind row: its minute, its kind, and one number per field. */
export type EventOf<K> = K extends { kind: infer Kind; fields: readonly (infer F)[] }
  ? Expand<
      { atMinute: number; kind: Kind } & UnionToIntersection<
        F extends { path: infer P extends string } ? { [k in P]: number } : never
      >
    >
  : never;
