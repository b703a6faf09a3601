/** Placeholder until part `topics and faq` lands: refuses nothing. */
export async function checkTopic(_tenantId: string, _topicId: string | undefined): Promise<void> {}
