import type { en } from './messages.en';

export type MessageKey = keyof typeof en;
/** A catalog maps every key of the English catalog to a string (placeholders as `{name}`). */
export type Catalog = Record<MessageKey, string>;
