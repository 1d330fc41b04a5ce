import type { KmsCore } from '../../crypto/kms/kms-core';
import { checkAlgorithm } from '../../crypto/kms/kms-crypto-ops';
import type { KmsCaller } from '../../crypto/kms/types';
import { blob, context, optBool, optInt, optStr, str, strList, tags, type JsonBody } from './kms-json';

/** TrentService operation name → handler. Each returns the response members (Dates and Buffers allowed). */
export type KmsOperation = (b: JsonBody, caller: KmsCaller, kms: KmsCore) => Record<string, unknown>;

const ALG = 'SYMMETRIC_DEFAULT';

export const KMS_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  CreateKey: (b, c, kms) => ({
    KeyMetadata: kms.createKey(c, {
      description: optStr(b, 'Description'), policy: optStr(b, 'Policy'), tags: tags(b, 'Tags'),
      keyUsage: optStr(b, 'KeyUsage'), keySpec: optStr(b, 'KeySpec') ?? optStr(b, 'CustomerMasterKeySpec'),
      origin: optStr(b, 'Origin'), multiRegion: optBool(b, 'MultiRegion'),
    }),
  }),
  DescribeKey: (b, c, kms) => ({ KeyMetadata: kms.describeKey(c, str(b, 'KeyId')) }),
  ListKeys: (b, c, kms) => {
    const r = kms.listKeys(c, optInt(b, 'Limit'), optStr(b, 'Marker'));
    return { Keys: r.keys, Truncated: r.nextMarker !== undefined, NextMarker: r.nextMarker };
  },
  EnableKey: (b, c, kms) => (kms.enableKey(c, str(b, 'KeyId')), {}),
  DisableKey: (b, c, kms) => (kms.disableKey(c, str(b, 'KeyId')), {}),
  ScheduleKeyDeletion: (b, c, kms) => {
    const m = kms.scheduleKeyDeletion(c, str(b, 'KeyId'), optInt(b, 'PendingWindowInDays'));
    return { KeyId: m.Arn, DeletionDate: m.DeletionDate, KeyState: m.KeyState, PendingWindowInDays: m.PendingDeletionWindowInDays };
  },
  CancelKeyDeletion: (b, c, kms) => ({ KeyId: kms.cancelKeyDeletion(c, str(b, 'KeyId')).Arn }),
  EnableKeyRotation: (b, c, kms) => (kms.enableKeyRotation(c, str(b, 'KeyId'), optInt(b, 'RotationPeriodInDays')), {}),
  DisableKeyRotation: (b, c, kms) => (kms.disableKeyRotation(c, str(b, 'KeyId')), {}),
  GetKeyRotationStatus: (b, c, kms) => {
    const s = kms.getKeyRotationStatus(c, str(b, 'KeyId'));
    return {
      KeyRotationEnabled: s.enabled, KeyId: s.keyId, RotationPeriodInDays: s.periodDays,
      NextRotationDate: s.nextRotationDate, OnDemandRotationStartDate: s.onDemandStartDate,
    };
  },
  RotateKeyOnDemand: (b, c, kms) => ({ KeyId: kms.rotateKeyOnDemand(c, str(b, 'KeyId')) }),
  ListKeyRotations: (b, c, kms) => {
    const r = kms.listKeyRotations(c, str(b, 'KeyId'), optInt(b, 'Limit'), optStr(b, 'Marker'));
    return { Rotations: r.rotations, Truncated: r.nextMarker !== undefined, NextMarker: r.nextMarker };
  },
  GetKeyPolicy: (b, c, kms) => {
    const name = optStr(b, 'PolicyName') ?? 'default';
    return { Policy: kms.getKeyPolicy(c, str(b, 'KeyId'), name), PolicyName: name };
  },
  PutKeyPolicy: (b, c, kms) => (kms.putKeyPolicy(c, str(b, 'KeyId'), str(b, 'Policy'), optStr(b, 'PolicyName')), {}),
  ListKeyPolicies: (b, c, kms) => ({ PolicyNames: kms.listKeyPolicies(c, str(b, 'KeyId')), Truncated: false }),
  TagResource: (b, c, kms) => (kms.tagResource(c, str(b, 'KeyId'), tags(b, 'Tags')), {}),
  UntagResource: (b, c, kms) => (kms.untagResource(c, str(b, 'KeyId'), strList(b, 'TagKeys')), {}),
  ListResourceTags: (b, c, kms) => ({ Tags: kms.listResourceTags(c, str(b, 'KeyId')), Truncated: false }),
  CreateAlias: (b, c, kms) => (kms.createAlias(c, str(b, 'AliasName'), str(b, 'TargetKeyId')), {}),
  UpdateAlias: (b, c, kms) => (kms.updateAlias(c, str(b, 'AliasName'), str(b, 'TargetKeyId')), {}),
  DeleteAlias: (b, c, kms) => (kms.deleteAlias(c, str(b, 'AliasName')), {}),
  ListAliases: (b, c, kms) => {
    const r = kms.listAliases(c, { keyId: optStr(b, 'KeyId'), limit: optInt(b, 'Limit'), marker: optStr(b, 'Marker') });
    return { Aliases: r.aliases, Truncated: r.nextMarker !== undefined, NextMarker: r.nextMarker };
  },
  Encrypt: (b, c, kms) => {
    checkAlgorithm(optStr(b, 'EncryptionAlgorithm'));
    const r = kms.encrypt(c, str(b, 'KeyId'), blob(b, 'Plaintext'), context(b, 'EncryptionContext'));
    return { CiphertextBlob: r.ciphertextBlob, KeyId: r.keyArn, EncryptionAlgorithm: ALG };
  },
  Decrypt: (b, c, kms) => {
    checkAlgorithm(optStr(b, 'EncryptionAlgorithm'));
    const r = kms.decrypt(c, blob(b, 'CiphertextBlob'), context(b, 'EncryptionContext'), optStr(b, 'KeyId'));
    return { Plaintext: r.plaintext, KeyId: r.keyArn, EncryptionAlgorithm: ALG };
  },
  ReEncrypt: (b, c, kms) => {
    checkAlgorithm(optStr(b, 'SourceEncryptionAlgorithm'));
    checkAlgorithm(optStr(b, 'DestinationEncryptionAlgorithm'));
    const r = kms.reEncrypt(c, {
      ciphertextBlob: blob(b, 'CiphertextBlob'), sourceContext: context(b, 'SourceEncryptionContext'),
      sourceKeyId: optStr(b, 'SourceKeyId'), destinationKeyId: str(b, 'DestinationKeyId'),
      destinationContext: context(b, 'DestinationEncryptionContext'),
    });
    return {
      CiphertextBlob: r.ciphertextBlob, SourceKeyId: r.sourceKeyArn, KeyId: r.keyArn,
      SourceEncryptionAlgorithm: ALG, DestinationEncryptionAlgorithm: ALG,
    };
  },
  GenerateDataKey: (b, c, kms) => {
    const r = kms.generateDataKey(c, dataKeyInput(b));
    return { CiphertextBlob: r.ciphertextBlob, Plaintext: r.plaintext, KeyId: r.keyArn };
  },
  GenerateDataKeyWithoutPlaintext: (b, c, kms) => {
    const r = kms.generateDataKeyWithoutPlaintext(c, dataKeyInput(b));
    return { CiphertextBlob: r.ciphertextBlob, KeyId: r.keyArn };
  },
  GenerateRandom: (b, _c, kms) => ({ Plaintext: kms.generateRandom(optInt(b, 'NumberOfBytes')) }),
};

function dataKeyInput(b: JsonBody): { keyId: string; keySpec?: string; numberOfBytes?: number; context: Record<string, string> } {
  return { keyId: str(b, 'KeyId'), keySpec: optStr(b, 'KeySpec'), numberOfBytes: optInt(b, 'NumberOfBytes'), context: { ...context(b, 'EncryptionContext') } };
}
