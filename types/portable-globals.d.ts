// The few globals the core and the scenario layer use that every engine they run in has
// (browsers, Web Workers, Node >= 16) but that TypeScript only declares in its DOM lib. The
// DOM-free check (src/core/tsconfig.json) includes this file instead of the DOM lib, so
// `document`, `window` and the other browser-only names stay undeclared there.

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare function btoa(data: string): string;
declare function atob(data: string): string;

// Compression streams (browsers, Node >= 18; 'deflate-raw' from Node 20.12): the compare link.
interface PortableStreamReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(): Promise<void>;
}
interface PortableStreamWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
declare class CompressionStream {
  constructor(format: 'deflate' | 'deflate-raw' | 'gzip');
  readonly readable: { getReader(): PortableStreamReader };
  readonly writable: { getWriter(): PortableStreamWriter };
}
declare class DecompressionStream {
  constructor(format: 'deflate' | 'deflate-raw' | 'gzip');
  readonly readable: { getReader(): PortableStreamReader };
  readonly writable: { getWriter(): PortableStreamWriter };
}
