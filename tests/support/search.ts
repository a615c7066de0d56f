import type { SearchKind, SearchResponse } from '../../shared/api';
import type { apiClient } from './api';

export type SearchBody = SearchResponse;

type Hit = { email?: string | null; domain?: string; userId?: string };

/** Every hit of one kind for a query, following the cursor to the last page. */
export async function searchAll(
  call: ReturnType<typeof apiClient>,
  kind: SearchKind,
  q: string,
): Promise<Array<Hit & { email: string }>> {
  const hits: Hit[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/api/search?kind=${kind}&q=${encodeURIComponent(q)}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await call<SearchBody>('GET', path);
    if (page.status !== 200) throw new Error(`${path}: ${page.status} ${JSON.stringify(page.body)}`);
    hits.push(
      ...(kind === 'person'
        ? page.body.people
        : kind === 'company'
          ? page.body.companies
          : page.body.colleagues),
    );
    cursor = page.body.nextCursor;
  } while (cursor);
  return hits as Array<Hit & { email: string }>;
}

const halfWidth: Record<string, string> = Object.fromEntries(
  [
    ...'アｱイｲウｳエｴオｵカｶキｷクｸケｹコｺサｻシｼスｽセｾソｿタﾀチﾁツﾂテﾃトﾄナﾅニﾆヌﾇネﾈノﾉハﾊヒﾋフﾌヘﾍホﾎマﾏミﾐムﾑメﾒモﾓヤﾔユﾕヨﾖラﾗリﾘルﾙレﾚロﾛワﾜヲｦンﾝ',
  ]
    .reduce<string[][]>(
      (pairs, c, i) => (i % 2 ? pairs[pairs.length - 1]!.push(c) : pairs.push([c]), pairs),
      [],
    )
    .map(([full, half]) => [full!, half!]),
);

/** A hiragana word in half-width katakana, as some Japanese systems still write names (さくら → ｻｸﾗ). */
export function halfWidthKatakana(hiragana: string): string {
  return [...hiragana]
    .map((c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .map((c) => halfWidth[c] ?? c)
    .join('');
}
