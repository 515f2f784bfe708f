/** Chain-wide reads: global properties, config, version, chain properties, hardfork version. */
import { bytesToHex } from "../../stdx/bytes.ts";
import { formatPublicKey } from "../../core/crypto/keys.ts";
import { formatGlobalProperties } from "../format/chain-objects.ts";
import { formatAppbaseAsset, formatAsset } from "../format/json-asset.ts";
import { createConfigObject } from "../format/get-config.ts";
import type { ApiContext } from "../ports.ts";
import { type MethodHandler, positional } from "./method-table.ts";

export const blockchainVersion = "0.23.0";

function config(context: ApiContext): Record<string, unknown> {
  return createConfigObject({
    chainId: bytesToHex(context.node.chainId),
    addressPrefix: context.addressPrefix,
    blockIntervalSeconds: context.node.blockIntervalSeconds,
    initPublicKey: formatPublicKey(context.node.producerPublicKey, context.addressPrefix),
  });
}

function version(context: ApiContext) {
  return { blockchain_version: blockchainVersion, steem_revision: "kettle", fc_revision: "kettle", chain_id: bytesToHex(context.node.chainId) };
}

function chainProperties(context: ApiContext, appbase: boolean) {
  const props = context.node.state.props.value;
  return {
    account_creation_fee: appbase ? formatAppbaseAsset(props.account_creation_fee) : formatAsset(props.account_creation_fee),
    maximum_block_size: props.maximum_block_size,
    sbd_interest_rate: props.sbd_interest_rate,
    account_subsidy_budget: 797,
    account_subsidy_decay: 347321,
  };
}

export const condenserChainMethods: Record<string, MethodHandler> = {
  get_dynamic_global_properties: (context, params) => {
    positional(params, 0, 0, "get_dynamic_global_properties");
    return formatGlobalProperties(context.node.state.props.value, "legacy");
  },
  get_config: (context, params) => {
    positional(params, 0, 0, "get_config");
    return config(context);
  },
  get_version: (context, params) => {
    positional(params, 0, 0, "get_version");
    return version(context);
  },
  get_chain_properties: (context, params) => {
    positional(params, 0, 0, "get_chain_properties");
    return chainProperties(context, false);
  },
  get_hardfork_version: (_context, params) => {
    positional(params, 0, 0, "get_hardfork_version");
    return blockchainVersion;
  },
};

export const appbaseChainMethods: Record<string, MethodHandler> = {
  "database_api.get_dynamic_global_properties": (context) => formatGlobalProperties(context.node.state.props.value, "appbase"),
  "database_api.get_config": (context) => config(context),
  "database_api.get_version": (context) => version(context),
  "database_api.get_hardfork_properties": (context) => ({
    id: 0, processed_hardforks: [], last_hardfork: 23, current_hardfork_version: blockchainVersion,
    next_hardfork: blockchainVersion, next_hardfork_time: "1970-01-01T00:00:00",
    ...{ last_hardfork_time: context.node.state.props.value.time },
  }),
  "database_api.get_witness_schedule": (context) => ({ id: 0, current_shuffled_witnesses: [context.node.state.props.value.current_witness], num_scheduled_witnesses: 1 }),
  "login_api.get_version": (context) => version(context),
  "login_api.login": () => true,
  "condenser_api.get_chain_properties": (context) => chainProperties(context, false),
};
