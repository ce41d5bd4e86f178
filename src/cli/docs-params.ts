// npm run docs:params [-- --check]
// Rewrites the parameter reference in docs/MODEL.md from the property table. --check only reports
// (exit 1) when the file is out of date, as tests/unit/scenario/model-doc.test.ts does.

import { readFileSync, writeFileSync } from 'node:fs';
import { renderParamsTable, replaceGenerated, BEGIN, END } from './params-doc.ts';

const file = new URL('../../docs/MODEL.md', import.meta.url);
const doc = readFileSync(file, 'utf8');
const next = replaceGenerated(doc, renderParamsTable());
if (next === null) {
  console.error(`docs/MODEL.md: markers not found (${BEGIN} ... ${END})`);
  process.exit(2);
}
if (next === doc) console.log('docs/MODEL.md: parameter table up to date');
else if (process.argv.includes('--check')) {
  console.error('docs/MODEL.md: parameter table out of date; run npm run docs:params');
  process.exit(1);
} else {
  writeFileSync(file, next);
  console.log('docs/MODEL.md: parameter table rewritten');
}
