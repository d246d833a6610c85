/**
 * The sync protocol's version, served under `/api/v1`. Bump with one line saying what changed.
 * 1 — push/pull of DESIGN §9: seq per client, per-field HLC, whole-record pulled changes.
 *     (additive, no bump: pulled changes carry `hlcs`, the HLC of each field's last write.)
 */
export const PROTOCOL_VERSION = 1;
