import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/http/routes.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';

describe('the OpenAPI document', () => {
  const doc = openApiDocument(routes) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    components: { schemas: Record<string, unknown> };
  };
  const ops = Object.values(doc.paths).flatMap((m) => Object.values(m));

  it('is OpenAPI 3.1 and keeps the promised operation ids', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ids = ops.map((o) => o.operationId);
    for (const id of ['signup', 'login', 'logout', 'me', 'createTicket', 'listTickets', 'getTicket', 'addTicketMessage', 'updateTicket'])
      expect(ids).toContain(id);
  });

  it('describes request bodies with the same schemas that validate them', () => {
    const create = doc.paths['/api/v1/tickets']!.post!;
    expect(create.requestBody).toBeDefined();
    const schema = doc.components.schemas.CreateTicketInput as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['subject', 'description', 'priority', 'requestedDueDate', 'contact']));
    expect(schema.required).toEqual(expect.arrayContaining(['subject', 'description']));
  });

  it('has no dangling references', () => {
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas).toHaveProperty(name!);
    expect(text).not.toContain('#/$defs/');
  });
});

describe('the OpenAPI document against the OpenAPI 3.1 schema', () => {
  it('is valid', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(openApiDocument(routes) as Parameters<typeof validator.validate>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});
