// The page's session: the scenario on screen and everything that follows it. Page load picks the
// link's scenario > the autosaved draft > the default preset; every edit is validated where it
// comes in (the edit's own parseScenario), autosaved and re-run (debounced); the address bar
// follows the scenario (address-bar.ts); every finished run goes to the history; a "How sure?"
// result is kept with its run (kept-ensembles.svelte.ts). App.svelte and Embed.svelte create one
// Session while they initialise, call start() there (it sets up effects), and only lay it out.
//
// Validation: `scenario` is a ValidScenario, so nothing downstream validates it again: the draft
// save, the history and the worker client take it as it is (the worker checks its message once,
// as a thread boundary, and answers with issues, not a copy: `live.scenario` is this object).

import { tick, untrack } from 'svelte';
import {
  loadPreset,
  needsConfirmation,
  resizeWithPlatform,
  shareUrl,
  type ParseResult,
  type ScenarioEvent,
  type ScenarioIssue,
  type ValidScenario,
} from '../../scenario/index.ts';
import type { ImportResult, SavedScenario, StoredRun } from '../../persist/index.ts';
import { SimClient, type RunResults } from '../../worker/index.ts';
import { holdPinned, pinnedBy, withEvents, withParam, type Pinned } from '../scenario-edit.ts';
import { frameEndStep, initialFrame } from '../fleet/fleet.ts';
import { eventSpans } from '../format.ts';
import { isGuidedLesson, openSection, readLink } from '../link/sections.ts';
import { startSearch } from '../link/address.ts';
import { LESSON_BY_ID } from '../lessons/lessons.ts';
import { clampStep, stepScenario } from '../lessons/steps.ts';
import { Workspace } from '../saved/workspace.svelte.ts';
import { platformNote } from '../params/platform-scale.ts';
import { AddressBar } from './address-bar.ts';
import { KeptEnsembles } from './kept-ensembles.svelte.ts';

const DEBOUNCE_MS = 250;

export class Session {
  readonly client = new SimClient();
  readonly ws = new Workspace();
  readonly #address = new AddressBar();
  /** the address bar, or the edit a reload came too early to see written there (link/address.ts) */
  readonly link = readLink(startSearch());
  readonly opts = this.link.options;
  /** a link's lesson= naming a guided lesson opens it on its preset (unless the link has a scenario) */
  readonly #startLesson = isGuidedLesson(this.opts.lesson) ? LESSON_BY_ID.get(this.opts.lesson) : undefined;
  /** ... on its step= (a step sets up its own state: the preset plus the earlier steps' values) */
  readonly #startStep = this.#startLesson ? clampStep(this.#startLesson, this.opts.step) : 1;
  readonly #startScenario =
    !this.link.hasScenario && this.#startLesson
      ? stepScenario(this.#startLesson, this.#startStep)?.scenario
      : undefined;

  /** the scenario on screen: validated where it came in, never a $state proxy */
  scenario = $state.raw<ValidScenario>(this.#startScenario ?? this.link.scenario);
  /** false until the start scenario is known (the draft is read asynchronously); an embedded page
   *  never reads the draft: it shows the link's scenario, or the default preset */
  ready = $state(this.link.hasScenario || this.#startScenario !== undefined || this.opts.embed === true);
  /** the guided lesson on screen (its id), or null */
  lesson = $state<string | null>(this.#startLesson?.id ?? null);
  /** the open lesson's step on screen (1-based) */
  lessonStep = $state(this.#startStep);
  /** a huge fleet (from any path: link, file, draft, typing): nothing runs until the user confirms */
  confirm = $state(this.opts.needsConfirmation);
  /** the largest fleet the user said yes to; a fleet up to it runs without asking again */
  #confirmed: { totalVms: number; vmSteps: number } | null = null;
  /** true after the first edit: a draft that arrives late must not replace the user's work */
  #edited = false;
  /** problems in the link or an imported file: what was ignored, what was kept */
  inputNotice = $state.raw<{ source: string; issues: ScenarioIssue[] } | null>(
    this.link.issues.length ? { source: 'link', issues: this.link.issues } : null,
  );
  /** what validation changed, by parameter path */
  notices = $state.raw<Record<string, string>>({});
  /** a run from the history, shown instead of the live one */
  past = $state.raw<StoredRun | null>(null);
  /** the completed run before the latest one: the ghost lines and the verdict's before / after */
  previous = $state.raw<RunResults | null>(null);
  #latest: RunResults | null = null;
  frame = $state(0);
  selected = $state<number | null>(null);
  /** what an edit tried to do to a parameter the link locked or hid (kept), or null */
  pinNotice = $state<string | null>(null);
  /** "Scale the platform with the fleet": a new number of hosts sizes the fleet-wide capacities too */
  scalePlatform = $state(false);
  /** what the last sizing changed and kept (platform-scale.ts), or null */
  platformNote = $state<string | null>(null);
  /** the link's locked and hidden parameters with their values: set once the start scenario is known */
  #pinned: Pinned[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** "How sure?" beside the verdict, its band on the charts, kept with the run it was made for */
  readonly kept = new KeptEnsembles(this.ws, this);

  readonly live = $derived(this.client.live);
  readonly result = $derived(this.client.result);
  /** the scenario of the run on screen (the one the page sent for it) */
  readonly shown = $derived(this.past?.scenario ?? this.live?.scenario ?? this.scenario);
  readonly spans = $derived(eventSpans(this.shown.events));
  readonly cursor = $derived(
    !this.past && this.result?.fleet && this.result.scenario === this.shown
      ? frameEndStep(this.result.fleet, this.frame, this.result.stepsDone) * this.result.stepSeconds
      : null,
  );
  /** the link's options, with lesson= following the lesson on screen (a group name is kept) */
  readonly linkOpts = $derived({
    hide: this.opts.hide,
    lock: this.opts.lock,
    tab: this.opts.tab,
    present: this.opts.present,
    lesson: this.lesson ?? (isGuidedLesson(this.opts.lesson) ? null : this.opts.lesson),
    step: this.lesson ? this.lessonStep : undefined,
    embed: this.opts.embed,
    // a challenge's link keeps its start and rules; the scenario on screen is written as its answer
    challenge: this.opts.challenge,
  });
  readonly share = $derived(shareUrl(location.href, this.scenario, this.linkOpts));
  /** the ghost run on the charts: while a run streams, the last finished one; then the one before it */
  readonly ghost = $derived(this.past ? null : this.live && this.live !== this.result ? this.result : this.previous);
  readonly onScreen = $derived(this.past ?? (this.client.status === 'done' && this.result ? this.result : null));

  /** Writes a pending address into the URL bar now (a hidden page, a share). */
  flushUrl = (): void => this.#address.flush();
  /** Before a reload the page asked for (a new version): the address and the draft, awaited. */
  flushNow = (): Promise<void> => {
    this.#address.flush();
    return this.ws.flushNow();
  };

  runNow = (): void => {
    clearTimeout(this.#timer);
    if (!this.ready) return;
    const need = needsConfirmation(this.scenario);
    const ok = this.#confirmed;
    if (need && !(ok && need.totalVms <= ok.totalVms && need.vmSteps <= ok.vmSteps)) {
      // ask first, on every path; a run of the previous scenario stops
      this.confirm = need;
      this.client.cancel();
      return;
    }
    this.confirm = null;
    this.past = null;
    void this.client.run(this.scenario);
  };
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.runNow, DEBOUNCE_MS);
  }
  /** every edit, already validated where it came in: pinned values held, autosaved, re-run */
  #edit(next: ValidScenario, fresh: Record<string, string>, runAt: 'now' | 'soon'): void {
    this.#edited = true;
    // the one place locks hold: whatever the edit came from, pinned parameters keep the link's values
    const held = holdPinned(next, this.#pinned);
    if (held.message) {
      next = held.scenario;
      this.pinNotice = held.message;
      for (const p of held.paths) fresh = { ...fresh, [p]: 'Locked by the link: this edit was refused.' };
    }
    this.notices = fresh;
    this.scenario = next;
    this.ws.saveDraft(next);
    if (runAt === 'now') this.runNow();
    else this.#schedule();
  }
  #apply(res: ParseResult, touched: string): void {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.notices)) if (k !== '' && !k.startsWith(touched)) next[k] = v;
    const fresh: Record<string, string> = {};
    for (const i of res.issues) fresh[i.path] = fresh[i.path] ? `${fresh[i.path]}; then ${i.message}` : i.message;
    this.#edit(res.scenario, Object.assign(next, fresh), 'soon');
  }

  /** `scale`: false for a value that was run as it is (a sweep row: its platform was not scaled) */
  onparam = (path: string, raw: unknown, scale = true): void => {
    const res = withParam(this.scenario, path, raw);
    if (path === 'fleet.hypervisors' && this.scalePlatform && scale) this.#resize(res);
    else this.#apply(res, path);
  };
  /** the box on: the platform is sized for the hosts at once (and for every later count) */
  onscalePlatform = (on: boolean): void => {
    this.scalePlatform = on;
    if (on) this.#resize({ scenario: this.scenario, issues: [] });
    else this.platformNote = null;
  };
  /** `res`: the host count edit, validated; the capacities follow it (the user's own values stay) */
  #resize(res: ParseResult): void {
    const pinned = this.#pinned.map((p) => p.path);
    const r = resizeWithPlatform(this.scenario, res.scenario.fleet.hypervisors, pinned);
    this.platformNote = platformNote(r, pinned);
    // the host count's own issues once (the resize validates the same count again)
    const seen = res.issues.map((i) => i.message);
    this.#apply(
      { ...r, issues: [...res.issues, ...r.issues.filter((i) => !seen.includes(i.message))] },
      'fleet.hypervisors',
    );
  }
  onevents = (events: ScenarioEvent[]): void => this.#apply(withEvents(this.scenario, events), 'events');
  onpreset = (name: string): void => {
    this.platformNote = null;
    const s = loadPreset(name);
    if (s) this.#edit(s, {}, 'now');
  };
  /** opens a guided lesson on its first step (again, to start over) */
  onlesson = (id: string): void => {
    if (!LESSON_BY_ID.has(id)) return;
    this.lesson = id;
    this.onlessonstep(1);
    void tick().then(() => document.getElementById('lesson-title')?.focus());
  };
  /** opens step n of the open lesson on the state it sets up (preset + earlier steps' values) */
  onlessonstep = (n: number): void => {
    const l = this.lesson ? LESSON_BY_ID.get(this.lesson) : undefined;
    const set = l && stepScenario(l, n);
    if (!l || !set) return;
    this.lessonStep = clampStep(l, n);
    this.platformNote = null;
    this.#edit(set.scenario, {}, 'now');
  };
  onimport = (r: ImportResult): void => {
    this.platformNote = null;
    this.inputNotice = r.issues.length ? { source: 'file', issues: r.issues } : null;
    if (r.ok) this.#edit(r.scenario, {}, 'now');
  };
  /** the config panel's Apply: a scenario applyConfigs validated */
  onconfigs = (s: ValidScenario): void => this.onimport({ scenario: s, issues: [], ok: true });
  onopenScenario = (item: SavedScenario): void => {
    this.platformNote = null;
    this.#edit(item.scenario, {}, 'now');
    this.inputNotice = item.issues.length ? { source: `saved scenario "${item.name}"`, issues: item.issues } : null;
  };
  onopenRun = async (id: number): Promise<void> => {
    const r = await this.ws.getRun(id);
    if (!r) return;
    this.past = r;
    await tick();
    document.getElementById('sec-verdict')?.scrollIntoView({ block: 'start' });
  };
  /** selects a host and brings its story on the fleet map into view */
  onhost = (h: number): void => {
    this.selected = h;
    void tick().then(() => {
      const map = document.getElementById('sec-fleet');
      map?.scrollIntoView({ block: 'start' });
      map?.querySelector<HTMLElement>(`[data-host="${h}"]`)?.focus({ preventScroll: true });
    });
  };
  onconfirm = (): void => {
    this.#confirmed = this.confirm;
    this.confirm = null;
    this.runNow();
  };

  /** Sets up the page's effects; call once while the root component initialises. */
  start(): void {
    // new results: put the scrubber at the first panic, drop a selection that no longer exists
    $effect(() => {
      const f = this.result?.fleet;
      if (!f) return;
      untrack(() => {
        this.frame = initialFrame(f);
        if (this.selected !== null && this.selected >= f.hosts) this.selected = null;
      });
    });

    // every completed run goes to the history (summary, downsampled series, events), with the
    // scenario the page ran (validated: addRun stores it as it is)
    // (not from an embedded page: an iframe on a blog must not fill the reader's history)
    $effect(() => {
      const r = this.result;
      if (!r) return;
      untrack(() => {
        if (r !== this.#latest) [this.previous, this.#latest] = [this.#latest, r];
      });
      if (this.opts.embed) return;
      untrack(
        () =>
          void this.ws.addRun({
            scenario: r.scenario,
            summary: r.summary,
            stepSeconds: r.stepSeconds,
            series: r.series,
            events: r.events,
          }),
      );
    });
    if (!this.opts.embed) this.kept.start();

    // the URL bar describes the scenario on screen, so a reload opens the same one: the start
    // scenario's at once, each edit's URL_DEBOUNCE_MS after the last one (flushUrl on the way out)
    let first = true;
    $effect(() => {
      if (!this.ready) return;
      const url = this.share.fits ? `?${this.share.query}` : location.pathname;
      untrack(() => {
        if (first) this.#address.now(url);
        else this.#address.schedule(url);
        first = false;
      });
    });

    $effect(() => {
      untrack(() => this.#begin());
      // saving came back (a blocked open cleared): the draft is readable now; show it if nothing was edited
      const offReopen = this.ws.onReopen(() => {
        if (this.#edited || this.link.hasScenario || this.#startScenario) return;
        void this.ws.loadDraft().then((d) => {
          if (!d || this.#edited || JSON.stringify(d.scenario) === JSON.stringify(this.scenario)) return;
          this.scenario = d.scenario;
          if (d.issues.length) this.inputNotice = { source: 'saved draft', issues: d.issues };
          this.runNow();
        });
      });
      const onhide = () => {
        // pagehide may be a reload already on its way to the old address: the pending one stays in
        // sessionStorage for the next page (link/address.ts)
        this.#address.write();
        this.ws.flush();
      };
      const onvis = () => {
        if (document.visibilityState !== 'hidden') return;
        // a reload hides the page before pagehide, and may already be on its way to the old
        // address: write the bar, but keep the pending address for the next page, as on pagehide
        this.#address.write();
        this.ws.flush();
      };
      addEventListener('pagehide', onhide);
      document.addEventListener('visibilitychange', onvis);
      return () => {
        offReopen();
        this.#address.flush();
        removeEventListener('pagehide', onhide);
        document.removeEventListener('visibilitychange', onvis);
        clearTimeout(this.#timer);
        this.client.dispose();
        this.kept.run.cancel();
      };
    });
  }

  /** The start: the link's (or lesson's) scenario at once, else the autosaved draft once read. */
  #begin(): void {
    document.documentElement.classList.toggle('present', this.opts.present);
    const begin = () => {
      this.#pinned = pinnedBy(this.scenario, this.opts.lock, this.opts.hide);
      this.ready = true;
      this.runNow();
      void tick().then(() => openSection(this.opts.tab, this.opts.lesson));
    };
    if (this.ready) begin();
    else
      void this.ws.loadDraft().then((d) => {
        if (d) {
          this.scenario = d.scenario;
          if (d.issues.length) this.inputNotice = { source: 'saved draft', issues: d.issues };
        }
        begin();
      });
  }
}
