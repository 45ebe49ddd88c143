import { normalizeText } from "./normalize.js";
import { createStemmer } from "./stem.js";
import { contentStems } from "./tokenize.js";

/** Questions that ask the same thing, as the unanswered-questions report shows them. */
export interface QuestionGroup {
  count: number;
  /** The shortest message of the group, a readable representative. */
  example: string;
  /** Up to three distinct messages of the group. */
  samples: string[];
  /** The content stems of the group's first message (its topic; others overlap it). */
  stems: string[];
  /** The entry the matcher most often came closest to, when any. */
  nearestSlug?: string;
}

interface Pending {
  stems: Set<string>;
  texts: string[];
  slugs: Map<string, number>;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const s of a) if (b.has(s)) common += 1;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

/**
 * Groups messages by the overlap of their content stems (greedy, Jaccard >= `similarity`),
 * most frequent group first. Messages without content words (greetings, noise) are left
 * out. Meant for hundreds to a few thousand messages of a report.
 */
export function groupQuestions(
  messages: readonly { text: string; nearestSlug?: string | null }[],
  options: { similarity?: number; limit?: number } = {},
): QuestionGroup[] {
  const similarity = options.similarity ?? 0.5;
  const stem = createStemmer();
  const groups: Pending[] = [];
  for (const message of messages) {
    const stems = new Set(contentStems(normalizeText(message.text), stem));
    if (stems.size === 0) continue;
    let target = groups.find((group) => jaccard(group.stems, stems) >= similarity);
    if (!target) {
      target = { stems, texts: [], slugs: new Map() };
      groups.push(target);
    }
    target.texts.push(message.text);
    if (message.nearestSlug)
      target.slugs.set(message.nearestSlug, (target.slugs.get(message.nearestSlug) ?? 0) + 1);
  }
  return groups
    .map((group) => {
      const nearest = [...group.slugs].sort((a, b) => b[1] - a[1])[0]?.[0];
      const distinct = [...new Set(group.texts)];
      return {
        count: group.texts.length,
        example: [...distinct].sort((a, b) => a.length - b.length)[0] ?? "",
        samples: distinct.slice(0, 3),
        stems: [...group.stems].sort(),
        ...(nearest ? { nearestSlug: nearest } : {}),
      };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, options.limit ?? 20);
}
