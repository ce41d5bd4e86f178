// The kinds of deployment the orchestrator queues, by index: the control plane counts them per
// kind (cp.byKind), the summary names them, the verdict's but-for text says which kind landed.

export const DEPLOY_KINDS = ['baseline', 'customer', 'unreachable', 'crashed', 'upscale', 'operator'] as const;
export const K_BASELINE = 0,
  K_CUSTOMER = 1,
  K_UNREACHABLE = 2,
  K_CRASHED = 3,
  K_UPSCALE = 4,
  K_OPERATOR = 5; // redeploys the operators ordered: drained hosts' VMs, noisy VMs (operator/actions.ts)
