/**
 * Free text that may be stored or synced. It is capped in length and never holds a Swedish
 * personal identity number (personnummer or samordningsnummer): see domain/personnummer.ts.
 */
import { z } from 'zod/mini';
import { containsPersonnummer } from '../domain/personnummer';

export const FREE_TEXT_PERSONNUMMER_MESSAGE = 'personnummer';

export const freeText = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.refine((s) => !containsPersonnummer(s), { message: FREE_TEXT_PERSONNUMMER_MESSAGE }),
  );

/** A short name such as a unit name: 1..120 characters, trimmed, no personnummer. */
export const NameText = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(120),
  z.refine((s) => !containsPersonnummer(s), { message: FREE_TEXT_PERSONNUMMER_MESSAGE }),
);
