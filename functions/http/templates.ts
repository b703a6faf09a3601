/** The `templates` area: answer and acceptance templates of the tenant (K13). */
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from '../../shared/templates/templates.ts';
import { areaHandler } from './_lib/http.ts';

export const handler = areaHandler('templates', {
  listTemplates: async ({ actor, query }) => ({ body: await listTemplates(actor, query) }),
  createTemplate: async ({ actor, body }) => ({ body: await createTemplate(actor, body) }),
  updateTemplate: async ({ actor, params, body }) => ({ body: await updateTemplate(actor, params.id, body) }),
  deleteTemplate: async ({ actor, params, query }) => {
    await deleteTemplate(actor, params.id, query);
    return {};
  },
});
