// The class board's pure parts: links found in pasted text, each judged against the board's
// challenge (a bad link is an error saying why), identical solutions grouped, CSV that a
// spreadsheet reads as text.
import { describe, expect, it } from 'vitest';
import { decodeLink, type LinkChallenge } from '../../../src/scenario/index.ts';
import {
  MAX_PASTE_LINKS,
  csvField,
  groupName,
  judgeLink,
  splitLinks,
  toCsv,
} from '../../../src/ui/board/board-links.ts';
import { boardCsv, groupsOf } from '../../../src/ui/board/board-csv.ts';
import type { Row } from '../../../src/ui/board/board.svelte.ts';
import { evaluate } from '../../../src/ui/challenge/goals.ts';

const BASE = 'https://x.test/cascade/';
const CH =
  'v=2&preset=workshop-outage&seed=1&durationMinutes=150&fleet.hypervisors=3&goal=nopanic&allow=telemetry.buffer.whenFull';
const link = (extra = '') => `${BASE}?${CH}${extra}`;
const board = (): LinkChallenge => decodeLink(link()).options.challenge!;

describe('links in pasted text', () => {
  it('one per line or several on a line; a line with no link is one entry (an error row later)', () => {
    const { links, extra } = splitLinks(
      `${link('&by=A')}\n\n  ${link('&by=B')} ${link('&by=C')}\r\nsorry, I could not do it\n?preset=x`,
    );
    expect(links).toEqual([link('&by=A'), link('&by=B'), link('&by=C'), 'sorry, I could not do it', '?preset=x']);
    expect(extra).toBe(0);
  });

  it(`reads at most ${MAX_PASTE_LINKS} and counts the rest`, () => {
    const r = splitLinks(Array.from({ length: MAX_PASTE_LINKS + 7 }, () => link()).join('\n'));
    expect(r.links).toHaveLength(MAX_PASTE_LINKS);
    expect(r.extra).toBe(7);
  });
});

describe('judging a link against the board', () => {
  it('a good hand-in: its answer, the changes, the worlds and who sent it', () => {
    const j = judgeLink(link('&answer.telemetry.buffer.whenFull=drop_newest&by=Ana'), board());
    expect(j.ok).toBe(true);
    if (!j.ok) return;
    expect(j.by).toBe('Ana');
    expect(j.solution.changed).toEqual(['telemetry.buffer.whenFull']);
    expect(j.solution.answer).toBe('When the buffer is full: drop_newest');
    expect(j.solution.worlds).toBe(1);
    expect(j.solution.scenario.telemetry.buffer.whenFull).toBe('drop_newest');
    expect(j.solution.confirm).toBeNull();
  });

  it('identical answers share a key whoever sent them and however the link was written', () => {
    const a = judgeLink(link('&answer.telemetry.buffer.whenFull=drop_newest&by=Ana'), board());
    const b = judgeLink(`?${CH}&by=Bo&answer.telemetry.buffer.whenFull=drop_newest`, board());
    const c = judgeLink(link('&by=Cy'), board());
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(a.solution.key).toBe(b.solution.key);
    expect(c.solution.key).not.toBe(a.solution.key);
    expect(c.solution.answer).toBe('no change');
  });

  it('a link with anything that had to be ignored or clamped is an error saying what, and is not run', () => {
    const j = judgeLink(link('&answer.fleet.hypervisors=1'), board());
    expect(j).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /damaged or edited by hand \(answer.fleet.hypervisors: the challenge locks fleet.hypervisors/,
      ),
    });
  });

  it('a hand-in for another challenge names what differs; a plain link on a challenge board says what to ask for', () => {
    const other = judgeLink(link().replace('seed=1', 'seed=2'), board());
    expect(other).toMatchObject({ ok: false, error: 'a hand-in for another challenge: it differs in the start: seed' });
    const easier = judgeLink(link().replace('goal=nopanic', 'goal=lost:100'), board());
    expect(easier).toMatchObject({
      ok: false,
      error: expect.stringMatching(/differs in the goal \(lost:100, not nopanic\)/),
    });
    const plain = judgeLink(`${BASE}?v=1&preset=workshop-outage&telemetry.buffer.whenFull=drop_newest`, board());
    expect(plain).toMatchObject({ ok: false, error: expect.stringMatching(/no challenge in this link \(no goal=\)/) });
  });

  it('text that is no link, a refused link and the board link itself are errors; a board with no challenge runs plain links', () => {
    expect(judgeLink('sorry, I could not do it', board())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a Cascade link: "sorry, I could not do it" names no scenario/),
    });
    expect(judgeLink(`?preset=workshop-outage&x=${'a'.repeat(9000)}`, null)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/more than 8192/),
    });
    expect(judgeLink(`${link()}&board=1`, board())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/class board's own link/),
    });
    const plain = judgeLink(`${BASE}?v=1&preset=workshop-outage&telemetry.buffer.whenFull=drop_newest`, null);
    expect(plain.ok && plain.solution.answer).toBe('When the buffer is full: drop_newest');
  });

  it('a huge fleet asks first', () => {
    const j = judgeLink(`?v=2&preset=workshop-outage&fleet.hypervisors=1000&goal=nopanic&allow=seed`, null);
    expect(j.ok && j.solution.confirm).toMatchObject({ totalVms: 76000 });
  });
});

describe('groups and CSV', () => {
  const rowOf = (id: number, l: string, panicked: number | null): Row => {
    const judged = judgeLink(l, board());
    const worlds = panicked === null ? null : [{ seed: 1, hosts: 3, panicked, produced: 200, dropped: 50, lost: 0 }];
    return {
      id,
      link: l,
      judged,
      state: !judged.ok ? 'error' : worlds ? 'done' : 'running',
      worlds,
      error: judged.ok ? null : judged.error,
      runError: null,
      checks:
        judged.ok && judged.solution.challenge && worlds
          ? evaluate(judged.solution.challenge, worlds, judged.solution.changed)
          : [],
    };
  };
  const rows = [
    rowOf(1, link('&answer.telemetry.buffer.whenFull=drop_newest&by=Ana'), 0),
    rowOf(2, link('&by==HYPERLINK("http://evil")'), 2),
    rowOf(3, 'not a link', null),
    rowOf(4, link('&answer.telemetry.buffer.whenFull=drop_newest&by=Cy'), 0),
  ];

  it('identical solutions form one group, lettered by first appearance; error rows have none', () => {
    const g = groupsOf(rows);
    expect(g.map((x) => [x.name, x.rows.map((r) => r.id), x.answer])).toEqual([
      ['A', [1, 4], 'When the buffer is full: drop_newest'],
      ['B', [2], 'no change'],
    ]);
    expect([0, 25, 26, 27, 701, 702].map(groupName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('the CSV has a line per link; a name cannot become a spreadsheet formula', () => {
    const lines = boardCsv(rows).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'row,name,state,solution,all goals met,goals not met,hypervisors panicked,hypervisors,events dropped %,events lost %,worlds,changes,answer,error,link',
    );
    expect(lines[1]).toMatch(/^1,Ana,done,A,yes,,0,3,25,0,1,1,When the buffer is full: drop_newest,,https:/);
    expect(lines[2]).toMatch(/^2,"'=HYPERLINK\(""http:\/\/evil""\)",done,B,no,No hypervisor panics,2,3,/);
    expect(lines[3]).toMatch(/^3,,error,,,,,,,,,,,"not a Cascade link: /);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
    expect(toCsv(['a'], [['x\ny']])).toBe('a\r\n"x\ny"\r\n');
  });
});
