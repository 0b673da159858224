/** Every connector type tieout knows, by the `type` of its config entry. */
import { filesFactory } from './files/index.ts';
import { procoreFactory } from './procore/index.ts';
import { qbdFactory, qboFactory } from './qbd/index.ts';
import type { ConnectorFactory } from './registry-types.ts';
import { sage100cFactory } from './sage100c/index.ts';
import { sage300creFactory } from './sage300cre/index.ts';
import { vistaFactory } from './vista/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: factories differ in their config type; each validates its own.
export const CONNECTOR_FACTORIES: readonly ConnectorFactory<any>[] = [
  filesFactory,
  procoreFactory,
  sage100cFactory,
  qbdFactory,
  qboFactory,
  vistaFactory,
  sage300creFactory,
];

export function connectorFactory(type: string) {
  return CONNECTOR_FACTORIES.find((f) => f.type === type);
}

export type { ConnectorEnvironment, ConnectorFactory } from './registry-types.ts';
