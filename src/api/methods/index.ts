/** Every RPC method Kettle serves, in one table. */

import { socialAppbaseMethods, socialChainCondenserMethods, socialCondenserMethods } from "../social/methods.ts";
import { appbaseAccountMethods, condenserAccountMethods } from "./account-methods.ts";
import { condenserAuthorityMethods } from "./authority-methods.ts";
import { appbaseBlockMethods, condenserBlockMethods } from "./block-methods.ts";
import { appbaseBroadcastMethods, condenserBroadcastMethods } from "./broadcast-methods.ts";
import { appbaseChainMethods, condenserChainMethods } from "./chain-methods.ts";
import { appbaseContentMethods, condenserContentMethods } from "./content-methods.ts";
import { appbaseDebugMethods } from "./debug-methods.ts";
import { appbaseEconomicsMethods, condenserEconomicsMethods } from "./economics-methods.ts";
import type { MethodTable } from "./method-table.ts";

export function createMethodTable(): MethodTable {
  return {
    condenser: new Map(Object.entries({
      ...condenserChainMethods, ...condenserAccountMethods, ...condenserBlockMethods, ...condenserContentMethods,
      ...condenserAuthorityMethods, ...condenserBroadcastMethods, ...condenserEconomicsMethods, ...socialCondenserMethods, ...socialChainCondenserMethods,
    })),
    appbase: new Map(Object.entries({
      ...appbaseChainMethods, ...appbaseAccountMethods, ...appbaseBlockMethods, ...appbaseContentMethods,
      ...appbaseBroadcastMethods, ...appbaseDebugMethods, ...appbaseEconomicsMethods, ...socialAppbaseMethods,
    })),
  };
}
