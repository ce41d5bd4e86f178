// What the first-visit guide says about the scenario on screen: its incident in a phrase, and the
// one change to try first, with the question it answers. One entry per preset (checked against
// the CLI, seed 1: `npm run -s sim -- --scenario NAME --set path=value`); any other scenario gets
// words that fit every scenario. Pure.

import { GROUP_LABELS, PARAM_BY_PATH } from '../../scenario/index.ts';
import { paramLabel } from '../words.ts';

export interface GuideText {
  /** the incident of the scenario, in a phrase after "an incident (…)" */
  incident: string;
  /** the control the "try this first" step points at, the value it has and the one to set */
  param: string;
  from: string;
  to: string;
  /** what the new run answers */
  question: string;
}

const BY_PRESET: Record<string, GuideText> = {
  // 5 of 12 panic; with drop_newest 0 of 12
  'workshop-outage': {
    incident: 'here a two-hour messaging outage',
    param: 'telemetry.buffer.whenFull',
    from: 'block',
    to: 'drop_newest',
    question: 'do the hosts still panic?',
  },
  // 5 of 60 panic; with drop_newest 0 of 60
  'clevercloud-2024-08-02': {
    incident: 'here a Pulsar upgrade that leaves messaging down for over two hours, Clever Cloud, 2 August 2024',
    param: 'telemetry.buffer.whenFull',
    from: 'block',
    to: 'drop_newest',
    question: 'do the hosts still panic?',
  },
  // 400 VMs crash on 10 of 40 hosts; with one driver per agent none
  'clevercloud-2022-04': {
    incident:
      'here hypervisor agents that start a process per notification until their hosts run out of tasks, Clever Cloud, April 2022',
    param: 'hvAgent.mode',
    from: 'process-per-notification',
    to: 'single-driver',
    question: 'do VMs still crash?',
  },
  // 68 VMs reboot; one host at a time, none
  'flyingcircus-2017-08-02': {
    incident: 'here a maintenance that evacuates every host by live migration at once, Flying Circus, 2 August 2017',
    param: 'maintenance.maxConcurrentHosts',
    from: '0',
    to: '1',
    question: 'do VMs still reboot?',
  },
};

const ANY: GuideText = {
  incident: 'the events on its timeline',
  param: 'telemetry.buffer.whenFull',
  from: 'block',
  to: 'drop_newest',
  question: 'does the verdict change?',
};

/** The guide's words for a scenario of `preset`. */
export function guideText(preset: string): GuideText {
  return BY_PRESET[preset] ?? ANY;
}

/** "in the Telemetry agent group, set “When the buffer is full” from block to drop_newest" */
export function tryText(g: GuideText): string {
  const p = PARAM_BY_PATH.get(g.param);
  const group = p ? `in the ${GROUP_LABELS[p.group]} group, ` : '';
  return `${group}set “${paramLabel(g.param)}” from ${g.from} to ${g.to}`;
}
