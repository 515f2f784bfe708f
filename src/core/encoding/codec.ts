/** The fc::raw binary codec, driven by schemas (see schema.ts). */
import { hexToBytes } from "../../stdx/bytes.ts";
import { type Asset, type AssetSymbol, assetPrecision, isAssetSymbol } from "../asset.ts";
import { type PublicKey, publicKeyFromBytes } from "../crypto/keys.ts";
import { ChainError } from "../errors.ts";
import type { Authority } from "../protocol/authority.ts";
import { ByteReader } from "./byte-reader.ts";
import { ByteWriter } from "./byte-writer.ts";
import type { Schema, VariantValue } from "./schema.ts";

/** Encodes a value of a schema to bytes. The value must already be valid for the schema's type. */
export function encode<T>(schema: Schema<T>, value: T): Uint8Array {
  const writer = new ByteWriter();
  writeValue(writer, schema, value);
  return writer.toBytes();
}

/** Decodes bytes fully; trailing bytes are an error. */
export function decode<T>(schema: Schema<T>, bytes: Uint8Array): T {
  const reader = new ByteReader(bytes);
  const value = readValue(reader, schema) as T;
  if (reader.remaining !== 0) throw new ChainError("malformed_bytes", `${reader.remaining} unexpected trailing bytes`);
  return value;
}

function writeAsset(writer: ByteWriter, value: Asset): void {
  writer.writeInt64(value.amount);
  writer.writeUint8(assetPrecision[value.symbol]);
  const symbol = new Uint8Array(7);
  for (let i = 0; i < value.symbol.length; i++) symbol[i] = value.symbol.charCodeAt(i);
  writer.writeBytes(symbol);
}

function readAsset(reader: ByteReader): Asset {
  const amount = reader.readInt64();
  const precision = reader.readUint8();
  const raw = reader.readBytes(7);
  let symbol = "";
  for (const b of raw) {
    if (b === 0) break;
    symbol += String.fromCharCode(b);
  }
  if (!isAssetSymbol(symbol) || assetPrecision[symbol] !== precision) {
    throw new ChainError("invalid_asset", `unknown asset symbol "${symbol}" with precision ${precision}`);
  }
  return { amount, symbol: symbol as AssetSymbol };
}

function writeAuthority(writer: ByteWriter, value: Authority): void {
  writer.writeUint32(value.weight_threshold);
  writer.writeVarint32(value.account_auths.length);
  for (const [name, weight] of value.account_auths) {
    writer.writeString(name);
    writer.writeUint16(weight);
  }
  writer.writeVarint32(value.key_auths.length);
  for (const [key, weight] of value.key_auths) {
    writer.writeBytes(hexToBytes(key));
    writer.writeUint16(weight);
  }
}

function readAuthority(reader: ByteReader): Authority {
  const weight_threshold = reader.readUint32();
  const accountCount = readCount(reader);
  const account_auths: [string, number][] = [];
  for (let i = 0; i < accountCount; i++) account_auths.push([reader.readString(), reader.readUint16()]);
  const keyCount = readCount(reader);
  const key_auths: [PublicKey, number][] = [];
  for (let i = 0; i < keyCount; i++) key_auths.push([publicKeyFromBytes(reader.readBytes(33)), reader.readUint16()]);
  return { weight_threshold, account_auths, key_auths };
}

/** A collection length, bounded by the bytes left so a hostile length cannot allocate unbounded memory. */
function readCount(reader: ByteReader): number {
  const count = reader.readVarint32();
  if (count > reader.remaining) throw new ChainError("malformed_bytes", `length ${count} exceeds the remaining ${reader.remaining} bytes`);
  return count;
}

export function writeValue(writer: ByteWriter, schema: Schema, value: any): void {
  switch (schema.kind) {
    case "uint8": return writer.writeUint8(value);
    case "uint16": return writer.writeUint16(value);
    case "uint32": return writer.writeUint32(value);
    case "int16": return writer.writeInt16(value);
    case "int32": return writer.writeInt32(value);
    case "varint32": return writer.writeVarint32(value);
    case "uint64": return writer.writeUint64(value);
    case "int64": return writer.writeInt64(value);
    case "bool": return writer.writeUint8(value ? 1 : 0);
    case "string": return writer.writeString(value);
    case "asset": return writeAsset(writer, value);
    case "price":
      writeAsset(writer, value.base);
      return writeAsset(writer, value.quote);
    case "public_key": return writer.writeBytes(hexToBytes(value));
    case "authority": return writeAuthority(writer, value);
    case "time": return writer.writeUint32(value);
    case "bytes":
      writer.writeVarint32(value.length);
      return writer.writeBytes(value);
    case "fixed_bytes": return writer.writeBytes(value);
    case "array":
      writer.writeVarint32(value.length);
      for (const item of value) writeValue(writer, schema.of, item);
      return;
    case "map":
      writer.writeVarint32(value.length);
      for (const [k, v] of value) {
        writeValue(writer, schema.key, k);
        writeValue(writer, schema.value, v);
      }
      return;
    case "optional":
      if (value === undefined || value === null) return writer.writeUint8(0);
      writer.writeUint8(1);
      return writeValue(writer, schema.of, value);
    case "variant": {
      const v = value as VariantValue;
      const tag = schema.variants.findIndex((c) => c.name === v.type);
      if (tag < 0) throw new ChainError("unknown_operation", `unknown variant "${v.type}"`);
      writer.writeVarint32(tag);
      return writeValue(writer, schema.variants[tag].schema, v.value);
    }
    case "struct":
      for (const field of schema.fields) writeValue(writer, field.schema, value[field.name]);
      return;
    case "extensions":
      return writer.writeVarint32(0);
  }
}

export function readValue(reader: ByteReader, schema: Schema): unknown {
  switch (schema.kind) {
    case "uint8": return reader.readUint8();
    case "uint16": return reader.readUint16();
    case "uint32": return reader.readUint32();
    case "int16": return reader.readInt16();
    case "int32": return reader.readInt32();
    case "varint32": return reader.readVarint32();
    case "uint64": return reader.readUint64();
    case "int64": return reader.readInt64();
    case "bool": {
      const b = reader.readUint8();
      if (b > 1) throw new ChainError("malformed_bytes", `bool byte ${b} is neither 0 nor 1`);
      return b === 1;
    }
    case "string": return reader.readString();
    case "asset": return readAsset(reader);
    case "price": return { base: readAsset(reader), quote: readAsset(reader) };
    case "public_key": return publicKeyFromBytes(reader.readBytes(33));
    case "authority": return readAuthority(reader);
    case "time": return reader.readUint32();
    case "bytes": return reader.readBytes(readCount(reader));
    case "fixed_bytes": return reader.readBytes(schema.size);
    case "array": {
      const count = readCount(reader);
      const out: unknown[] = [];
      for (let i = 0; i < count; i++) out.push(readValue(reader, schema.of));
      return out;
    }
    case "map": {
      const count = readCount(reader);
      const out: [unknown, unknown][] = [];
      for (let i = 0; i < count; i++) out.push([readValue(reader, schema.key), readValue(reader, schema.value)]);
      return out;
    }
    case "optional": {
      const present = reader.readUint8();
      if (present > 1) throw new ChainError("malformed_bytes", `optional flag ${present} is neither 0 nor 1`);
      return present === 1 ? readValue(reader, schema.of) : undefined;
    }
    case "variant": {
      const tag = reader.readVarint32();
      const selected = schema.variants[tag];
      if (selected === undefined) throw new ChainError("unknown_operation", `unknown variant tag ${tag}`);
      return { type: selected.name, value: readValue(reader, selected.schema) };
    }
    case "struct": {
      const out: Record<string, unknown> = {};
      for (const field of schema.fields) out[field.name] = readValue(reader, field.schema);
      return out;
    }
    case "extensions": {
      const count = reader.readVarint32();
      if (count !== 0) throw new ChainError("malformed_bytes", "extensions must be empty");
      return [];
    }
  }
}
