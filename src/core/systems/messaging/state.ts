// Messaging's part of the state (system.ts): scripted outages in force, the availability of the
// step and what the brokers up can ingest.

export type MessagingState = ReturnType<typeof createMessagingState>;

export function createMessagingState() {
  return {
    /** scripted outages in force */
    messagingDown: 0,
    availability: 1,
    /** events the brokers can take this step */
    ingestPerStep: Infinity,
    /** steps with less than half of the producers connected */
    unavailableSteps: 0,
  };
}

export const MESSAGING_DOUBLES = ['availability', 'ingestPerStep'] as const;
