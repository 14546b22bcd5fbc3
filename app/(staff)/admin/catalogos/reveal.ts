/** Values a catalogue action returns to be shown once (a new API key and its signing secret). */
export interface Reveal {
  reveal: { label: string; value: string }[];
}

export function isReveal(data: unknown): data is Reveal {
  return typeof data === 'object' && data !== null && Array.isArray((data as Reveal).reveal);
}
