import { UUIDV7_PATTERN } from '../../shared/id/uuidv7';

/**
 * When a record was created, read from its UUIDv7 id (the first 48 bits are the Unix time in ms); null for an
 * id of another kind. Records carry no creation date of their own, and a new opportunity with no activity yet
 * counts its quiet days from here.
 */
export function createdAtOf(id: string): number | null {
  if (!UUIDV7_PATTERN.test(id)) return null;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
