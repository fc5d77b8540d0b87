/**
 * The one list of chapters (spec README, "Chapters"). The landing map, the chapter schema and the
 * previous/next links all read it. Slugs are URLs: never rename one.
 * A chapter is published when content/chapters/NN-slug.mdx exists with `status: published`;
 * the others are shown as "in preparation".
 */

export const PARTS = {
  I: 'Deep linear networks',
  II: 'Nonlinear networks and classification',
  III: 'What to do about it',
} as const;

export type PartId = keyof typeof PARTS;

export interface ChapterInfo {
  slug: string;
  number: number;
  part: PartId;
  title: string;
  /** One line for the chapter map. */
  description: string;
}

export const CHAPTERS = [
  {
    slug: 'modes',
    number: 1,
    part: 'I',
    title: 'Modes',
    description:
      'Each singular mode of the task is learned along a sigmoid, in a time inversely proportional to its strength: plateaus, sudden drops, and a conserved quantity.',
  },
  {
    slug: 'depth',
    number: 2,
    part: 'I',
    title: 'Depth',
    description: 'Deeper linear networks: learning time against depth, and an optimal learning rate that shrinks like one over the depth.',
  },
  {
    slug: 'initialization',
    number: 3,
    part: 'I',
    title: 'Initialization',
    description:
      'Pre-training, scaled Gaussian against orthogonal weights, spectra of products of random matrices, dynamical isometry and the edge of chaos.',
  },
  {
    slug: 'classification',
    number: 4,
    part: 'II',
    title: 'Classification',
    description: 'Independent modes and a sigmoidal classification error in ReLU networks.',
  },
  {
    slug: 'failure',
    number: 5,
    part: 'II',
    title: 'Failure',
    description: 'Where in parameter space training fails: a phase diagram, and dead ReLUs.',
  },
  {
    slug: 'speed',
    number: 6,
    part: 'II',
    title: 'Speed',
    description: 'How the norm of the inputs and the frequency of a feature set how fast it is learned.',
  },
  {
    slug: 'losses',
    number: 7,
    part: 'II',
    title: 'Losses',
    description: 'Cross-entropy, hinge and squared loss give different learning dynamics.',
  },
  {
    slug: 'starvation',
    number: 8,
    part: 'II',
    title: 'Gradient starvation',
    description: 'Frequent features keep equally informative rare ones from being learned: a toy model, and 8×8 digits with a shortcut.',
  },
  {
    slug: 'decoupling',
    number: 9,
    part: 'III',
    title: 'Spectral decoupling',
    description: 'Why a strong feature lowers the response to a weaker one under cross-entropy, and how a penalty on the logits decouples them: the coupled toy model, a network’s own NTK features, two moons and coloured digits.',
  },
] as const satisfies readonly ChapterInfo[];

export type ChapterSlug = (typeof CHAPTERS)[number]['slug'];

export const CHAPTER_SLUGS = CHAPTERS.map((c) => c.slug) as [ChapterSlug, ...ChapterSlug[]];

export function chapterInfo(slug: string): ChapterInfo {
  const info = CHAPTERS.find((c) => c.slug === slug);
  if (!info) throw new Error(`Unknown chapter slug "${slug}". Known: ${CHAPTER_SLUGS.join(', ')}.`);
  return info;
}

export function partLabel(part: PartId): string {
  return `${part}. ${PARTS[part]}`;
}
