import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { endpointFor } from '../config.ts';

let raw: DynamoDBClient | undefined;
let client: DynamoDBDocumentClient | undefined;

/** The plain client, for libraries that marshal themselves (Powertools Idempotency). */
export function rawDb(): DynamoDBClient {
  raw ??= new DynamoDBClient({ endpoint: endpointFor('DYNAMODB') });
  return raw;
}

/** The document client, created once per process (a Lambda container reuses it). */
export function db(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(rawDb(), { marshallOptions: { removeUndefinedValues: true } });
  return client;
}
