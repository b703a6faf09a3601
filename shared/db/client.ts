import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { endpointFor } from '../config.ts';

let client: DynamoDBDocumentClient | undefined;

/** The document client, created once per process (a Lambda container reuses it). */
export function db(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: endpointFor('DYNAMODB') }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return client;
}
