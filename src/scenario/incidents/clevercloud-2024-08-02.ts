// The seed 002 post-mortem's own timeline (Clever Cloud, 2024-08-02, CEST), to show beside the
// simulated event log. Times are the post-mortem's; descriptions are paraphrased. minute: minutes
// after 10:00 (minute 0 of the preset clevercloud-2024-08-02).

export interface IncidentEntry {
  clock: string;
  minute: number;
  component:
    'messaging' | 'deployments' | 'infrastructure' | 'loadBalancers' | 'coreApis' | 'observability' | 'network';
  what: string;
}

const e = (clock: string, component: IncidentEntry['component'], what: string): IncidentEntry => {
  const [h, m] = clock.split(':').map(Number);
  return { clock, minute: (h - 10) * 60 + m, component, what };
};

export const CLEVERCLOUD_2024_08_02: readonly IncidentEntry[] = [
  e('10:06', 'messaging', 'Rolling upgrade of the Pulsar brokers to 3.3.1 begins, switching on a new bundle balancer.'),
  e('10:08', 'messaging', 'Monitoring sees clients failing to connect to messaging.'),
  e(
    '10:10',
    'messaging',
    'Agents on hypervisors, load-balancer log forwarders and deployments are affected: impact starts.',
  ),
  e('10:13', 'messaging', 'Reads briefly resume; the cluster seems to converge.'),
  e('10:18', 'messaging', 'Writes stop entirely; backlogs stall.'),
  e('10:20', 'messaging', 'The cluster is declared defective.'),
  e('10:58', 'messaging', 'The conflicting balancer parameter is identified and rolled back.'),
  e('11:10', 'deployments', 'Customers can no longer deploy.'),
  e(
    '11:36',
    'messaging',
    'Brokers cannot restart (conflicting metadata); client proxies are shut down. Lookup queues are full (50k) on every broker.',
  ),
  e('11:50', 'deployments', 'Deployment notifications are switched to RabbitMQ as a workaround.'),
  e(
    '12:22',
    'messaging',
    'All brokers stopped; the stuck topics are loaded and deleted; brokers restart progressively.',
  ),
  e('12:28', 'messaging', 'All brokers are running again.'),
  e('12:30', 'infrastructure', 'CPU load rises sharply on most hypervisors in every region.'),
  e('12:31', 'deployments', 'The workaround runs, but deployments cannot find enough resources to drain the queues.'),
  e(
    '12:35',
    'infrastructure',
    'Alerts that the hypervisor agent has too many tasks; VM management processes get killed.',
  ),
  e(
    '12:36',
    'loadBalancers',
    'Some load balancers are among the killed VMs; the watchdog reloads every affected service.',
  ),
  e('12:38', 'coreApis', 'The main API crashes out of memory.'),
  e('12:39', 'infrastructure', 'The watchdog is stopped so components can be restarted one by one.'),
  e('12:47', 'infrastructure', 'First hypervisor kernel panic (hung tasks on KVM calls).'),
  e('12:48', 'infrastructure', 'Three more hypervisors panic (hung tasks on KVM or ext4).'),
  e('12:51', 'infrastructure', 'Another hypervisor panics (hung tasks writing to ext4).'),
  e('12:54', 'messaging', 'Messaging proxies restarted; producing and consuming work again: messaging OK.'),
  e('13:30', 'infrastructure', 'Excess hypervisor CPU load traced mostly to small (pico/nano) VMs.'),
  e(
    '13:35',
    'observability',
    'Global maintenance on monitoring: no more upscale, unreachable or other actions are sent.',
  ),
  e(
    '13:35',
    'infrastructure',
    'Heavy disk reads from small VMs linked to agents unable to push logs, making small VMs swap.',
  ),
  e('13:49', 'coreApis', 'The API finishes processing the deployment event backlog.'),
  e('15:45', 'observability', 'Queued monitoring events are dropped so they do not flood the orchestrator.'),
  e('16:15', 'deployments', 'An overloaded RabbitMQ node is removed; the orchestrator works properly again.'),
  e('18:20', 'coreApis', 'All deployments are rolling out: deployments OK.'),
  e('18:36', 'infrastructure', 'All hypervisors back to nominal load.'),
  e('22:53', 'observability', 'Metrics ingestion fully restored: impact ends.'),
];
