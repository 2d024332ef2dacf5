/**
 * An HLC names the device that wrote it: its node is the device id reduced to lowercase
 * alphanumerics (shared/sync/hlc.ts nodeFromDeviceId). A pushed change's node must be the pushing
 * device's or that of another device this server issued (a re-enrolled tablet pushes the outbox
 * it wrote under its old id), so the node cannot carry anything else, a personnummer included
 * (issue 18). Device ids are UUIDs, so a 32-character node gives the id back.
 */
import { nodeFromDeviceId, parseHlc } from '../../shared/sync/hlc';
import type { StoreTx } from '../store/store';

const uuidOf = (node: string): string | null =>
  /^[0-9a-f]{32}$/.test(node) ? `${node.slice(0, 8)}-${node.slice(8, 12)}-${node.slice(12, 16)}-${node.slice(16, 20)}-${node.slice(20)}` : null;

/** The nodes among `hlcs` that belong to no device of this server. */
export async function unknownNodes(tx: Pick<StoreTx, 'getDevice'>, deviceId: string, hlcs: readonly string[]): Promise<Set<string>> {
  const own = nodeFromDeviceId(deviceId);
  const unknown = new Set<string>();
  const seen = new Set<string>([own]);
  for (const hlc of hlcs) {
    const node = parseHlc(hlc).node;
    if (seen.has(node)) continue;
    seen.add(node);
    const id = uuidOf(node);
    if (id === null || !(await tx.getDevice(id))) unknown.add(node);
  }
  return unknown;
}
