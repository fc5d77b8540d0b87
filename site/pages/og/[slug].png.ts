/**
 * /og/<chapter>.png: the chapter's Open Graph image, 1200×630, rendered at build from its first figure
 * (site/lib/og-image.ts). Only chapters with a figure get one.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { defaultFrame, specFor, staticChart } from '../../../components/build/static-figure.ts';
import { toMeta } from '../../../engine/spec.ts';
import { figureNumbers } from '../../lib/figure-numbers.ts';
import { ogSvg, renderPng } from '../../lib/og-image.ts';

export const getStaticPaths = (async () => {
  const chapters = await getCollection('chapters', ({ data }) => data.status === 'published');
  const numbers = [...figureNumbers().values()];
  return chapters.flatMap((c) => {
    const first = numbers.find((f) => f.slug === c.data.slug && f.n === 1);
    return first ? [{ params: { slug: c.data.slug }, props: { number: c.data.number, title: c.data.title, figure: first } }] : [];
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { number, title, figure } = props as { number: number; title: string; figure: { id: string; label: string } };
  const spec = specFor(figure.id);
  const chart = staticChart(await defaultFrame(figure.id), toMeta(spec));
  const svg = ogSvg({ kicker: `Learning Dynamics, Chapter ${number}`, title, caption: `${figure.label}. ${spec.title}` }, chart.svg);
  return new Response(renderPng(svg) as BodyInit, { headers: { 'Content-Type': 'image/png' } });
};
