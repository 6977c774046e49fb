/**
 * Socket.IO's reconnection backoff: the first attempt after 1 s ± 50 %, each next one twice as
 * late up to 10 s, every delay drawn at random within ± 50 %. Thousands of clients dropped at
 * the same moment (a replica stopping) thus come back spread over time, not all at once.
 */
export const RECONNECTION = { reconnectionDelay: 1_000, reconnectionDelayMax: 10_000, randomizationFactor: 0.5 };

/**
 * The delay of reconnection attempt `attempt` (0 for the first), drawn as Socket.IO draws it,
 * for the reconnections Socket.IO leaves to the app (after the server closed the socket).
 */
export function reconnectionDelay(attempt: number, random: () => number = Math.random): number {
  const { reconnectionDelay: base, reconnectionDelayMax: max, randomizationFactor: factor } = RECONNECTION;
  const nominal = Math.min(base * 2 ** attempt, max);
  return Math.round(Math.min(nominal * (1 + factor * (2 * random() - 1)), max));
}
