/** The part of citation-js (https://citation.js.org, MIT) the site uses; the packages ship no types. */
declare module '@citation-js/core' {
  export interface CslName {
    family?: string;
    given?: string;
    literal?: string;
    'non-dropping-particle'?: string;
    'dropping-particle'?: string;
    suffix?: string;
  }
  export interface CslItem {
    id: string;
    type: string;
    'citation-key'?: string;
    title?: string;
    author?: CslName[];
    editor?: CslName[];
    issued?: { 'date-parts'?: (number | string)[][]; literal?: string };
    accessed?: { 'date-parts'?: (number | string)[][] };
    'container-title'?: string;
    publisher?: string;
    volume?: string | number;
    issue?: string | number;
    page?: string;
    note?: string;
    URL?: string;
    DOI?: string;
    [field: string]: unknown;
  }
  export interface FormatOptions {
    format?: 'text' | 'html';
    template?: string;
    lang?: string;
    entry?: string | string[];
  }
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: CslItem[];
    format(style: 'bibliography' | 'citation' | 'bibtex' | 'biblatex' | 'data', options?: FormatOptions): string;
  }
  export const plugins: {
    input: { chain(data: unknown, options?: Record<string, unknown>): unknown };
    config: { get(name: string): Record<string, unknown> };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
