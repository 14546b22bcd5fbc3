/** The worked example and helpers the legal-term tests share (legal-term*.test.ts). */
import { createCalendar } from './calendar';
import type { LegalTermInput, Pause } from './legal-term';

export const cal = createCalendar({});
export const at = (iso: string): Date => new Date(iso);
/** A pause given in Bogotá wall-clock times, 'YYYY-MM-DDTHH:MM'. */
export const pause = (pausedAt: string, resumedAt: string | null): Pause => ({
  pausedAt: at(`${pausedAt}:00-05:00`),
  resumedAt: resumedAt === null ? null : at(`${resumedAt}:00-05:00`),
});

/*
 * The required worked example: a Friday filing, 15 business days. Counted days after 2026-03-13:
 *  1 03-16  2 03-17  3 03-18  4 03-19  5 03-20  (03-23 San José)  6 03-24  7 03-25  8 03-26
 *  9 03-27 10 03-30 11 03-31 12 04-01 (04-02/03 Semana Santa) 13 04-06 14 04-07 15 04-08
 * 16 04-09 17 04-10 18 04-13 19 04-14 20 04-15 21 04-16 22 04-17 23 04-20 24 04-21 25 04-22
 * 26 04-23 27 04-24 28 04-27 29 04-28 30 04-29 31 04-30 (05-01 Trabajo) 32 05-04 …
 */
export const FRIDAY_FILING = '2026-03-13T16:30:00-05:00';
export const example: LegalTermInput = { receivedAt: at(FRIDAY_FILING), termDays: 15 };
