// The config reader's worker: importConfig off the page's main thread, one request at a time.
// The page (config-reader.ts) gives each request a time budget and terminates this worker when
// it runs over, so even an input no one thought of cannot freeze the tab.

import { importConfig } from '../scenario/index.ts';
import type { ConfigReadReply, ConfigReadRequest } from './config-reader.ts';

self.addEventListener('message', (ev: MessageEvent<ConfigReadRequest>) => {
  const { id, text, options } = ev.data;
  let reply: ConfigReadReply;
  try {
    reply = { id, result: importConfig(text, options) };
  } catch (e) {
    // importConfig never throws; if it ever does, the page hears why instead of waiting
    reply = { id, failed: e instanceof Error ? e.message.slice(0, 200) : 'unknown error' };
  }
  (self as unknown as { postMessage(m: ConfigReadReply): void }).postMessage(reply);
});
