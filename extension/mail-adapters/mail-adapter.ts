import type { OpenMessage } from '../capture/mail/open-message';
import type { MessageType, Request, Response } from '../messages';
import { CHIP_ATTRIBUTE, chipHost, renderChip } from './chip-element';
import type { MailChip } from './mail-clip-types';
import type { MailSite } from './mail-sites';
import { type WatchTimers, watchOpenMessage } from './open-message-watcher';

/** What the adapter needs from the content script's world, passed in so the glue runs the same in a test. */
export interface AdapterPorts {
  document: Document;
  send: <K extends MessageType>(type: K, payload: Request<K>) => Promise<Response<K>>;
  timers: WatchTimers;
  /** Called when the page becomes visible or focused again (the rep may have saved a clip meanwhile). */
  onRefocus: (run: () => void) => void;
}

interface Open {
  message: OpenMessage;
  sender: Element;
}

const isChip = (node: Node) => node.nodeType === 1 && (node as Element).hasAttribute(CHIP_ATTRIBUTE);

const keyOf = ({ message }: Open) => `${message.pageMessageId ?? ''}\u0000${message.from?.address ?? ''}`;

/**
 * The mail adapter of one site: follows the open message, puts the caller-ID chip beside its sender (known
 * customer, or "Clip sender"), and on the chip's button sends the raw message to the background, which parses
 * it and opens the clip preview. The content script stays small: no parser, no store, no catalog here.
 */
export function startMailAdapter(site: MailSite, ports: AdapterPorts): () => void {
  const { document: doc, send } = ports;
  const { host, shadow } = chipHost(doc);
  let current: Open | null = null;
  let chip: MailChip | null = null;
  let lookup = 0;

  const place = (open: Open) => {
    if (host.previousElementSibling !== open.sender || !host.isConnected) open.sender.after(host);
    // A page that re-renders by cloning its elements copies our host without its shadow root: drop such husks.
    for (const copy of doc.querySelectorAll(`[${CHIP_ATTRIBUTE}]`)) if (copy !== host) copy.remove();
  };
  const show = (open: Open, value: MailChip) => {
    chip = value;
    renderChip(host, shadow, value, () => {
      if (current) void send('mail.clip', { site: site.name, message: current.message });
    });
    place(open);
  };
  const refresh = async (open: Open) => {
    const address = open.message.from?.address;
    if (!address) return;
    const ticket = ++lookup;
    const value = await send('mail.chip', { email: address });
    // A newer message opened while we asked: its own lookup will show.
    if (ticket === lookup && current && keyOf(current) === keyOf(open)) show(current, value);
  };

  const stop = watchOpenMessage<Open>({
    root: doc.body,
    read: () => {
      const message = site.read(doc);
      const sender = site.sender(doc);
      return message?.from && sender ? { message, sender } : null;
    },
    key: keyOf,
    onChange: (open) => {
      current = open;
      chip = null;
      if (!open) host.remove();
      else void refresh(open).catch(() => host.remove());
    },
    onSame: (open) => {
      // Same message re-rendered: keep the newest DOM (body, sender element) and put the chip back if it was lost.
      current = open;
      if (chip) place(open);
    },
    ignore: (record) => {
      if (host.contains(record.target)) return true;
      const nodes = [...record.addedNodes, ...record.removedNodes];
      return nodes.length > 0 && nodes.every((node) => node === host || isChip(node));
    },
    timers: ports.timers,
  });
  ports.onRefocus(() => {
    if (current) void refresh(current).catch(() => undefined);
  });
  return () => {
    stop();
    host.remove();
  };
}
