import { z } from 'zod';
import { HLC_PATTERN } from '../hlc/hlc';
import { UUID_PATTERN } from '../id/uuidv7';

/** A record id made by the client: a UUID (v7, so ids sort by creation time). */
export const recordId = z.string().regex(UUID_PATTERN, 'must be a lower-case UUID (v7)');
export const hlcString = z.string().regex(HLC_PATTERN, 'must be an HLC "WWWWWWWWWWWWWWW:CCCCC:NODE"');
/** ISO 8601 date-time with an offset (`2026-11-22T09:30:00+08:00`, `…Z`) or a calendar date (`2026-11-22`). */
export const isoDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'must be an ISO 8601 date or date-time',
});
export const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
export const requiredText = (max: number) => text(max).trim().min(1, 'must not be empty');
export const money = z.number().finite('must be a finite number').min(0, 'must not be negative');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY');
export const e164 = z.string().regex(/^\+[1-9]\d{4,14}(;ext=\d{1,10})?$/, 'must be an E.164 phone number');
export const emailAddress = z.string().max(320, 'must be at most 320 characters').email('must be an email address');
export const domainName = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z0-9-]{2,63}$/, 'must be a lower-case domain name');
export const rating5 = z.number().int('must be a whole number').min(1, 'must be 1–5').max(5, 'must be 1–5');
export const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `at most ${max} items`);
