import type { FaqAdvisor } from "./faq-advisor.js";

/** The advisor of a service without a knowledge base: every question goes to a person. */
export const noFaq: FaqAdvisor = {
  suggest: () => ({ decision: "escalate", reason: "no_knowledge_base", score: 0, normalized: "" }),
  inferCategory: () => undefined,
  entryById: () => undefined,
  topics: () => [],
};
