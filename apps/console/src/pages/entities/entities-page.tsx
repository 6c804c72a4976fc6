import type { ApiSchema } from '#api-contract';
import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { Grade } from '../../ui/grade';
import { Loading } from '../../ui/loading';
import { PageTitle } from '../../ui/page-title';
import { consolePath } from '../../ui/paths';
import { ProblemAlert } from '../../ui/problem-alert';
import { SearchForm } from '../../ui/search-form';
import { useAnswer } from '../../ui/use-answer';
import { holdingTrees, type TreeNode } from './holding-tree';

type Item = ApiSchema<'RegisterListItem'>;

function EntityLink({ item }: { item: Item }) {
  const { t } = useI18n();
  return (
    <span class="entity-line">
      <a href={consolePath('entities', item.bin)}>{item.name}</a>
      <span class="muted">
        {t('entity.bin')} {item.bin}
      </span>
      <Grade grade={item.grade} />
    </span>
  );
}

function Tree({ nodes }: { nodes: readonly TreeNode[] }) {
  return (
    <ul class="tree">
      {nodes.map((node) => (
        <li key={node.item.bin}>
          <EntityLink item={node.item} />
          {node.children.length > 0 && <Tree nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}

/** An officer's holdings and subsidiaries, with their grades. */
function MyEntities({ bins }: { bins: readonly string[] }) {
  const { t } = useI18n();
  const { api } = useSession();
  const answer = useAnswer(async () => {
    const pages = await Promise.all(
      bins.map((holding) => api.GET('/v1/register', { params: { query: { holding, limit: 1000 } } })),
    );
    const failed = pages.find((page) => page.data === undefined);
    if (failed) return { error: failed.error };
    const items = new Map(pages.flatMap((page) => page.data?.items ?? []).map((item) => [item.bin, item]));
    return { data: [...items.values()] };
  }, [api, bins.join()]);
  return (
    <>
      <PageTitle>{t('entities.title')}</PageTitle>
      {bins.length === 0 && <p>{t('entities.none')}</p>}
      {answer.state === 'loading' && <Loading />}
      {answer.state === 'refused' && <ProblemAlert problem={answer.problem} />}
      {answer.state === 'ok' && (
        <section aria-label={t('entities.tree')}>
          <Tree nodes={holdingTrees(answer.data)} />
        </section>
      )}
    </>
  );
}

/** Every entity, searched by name: for auditors and administrators. */
function AllEntities() {
  const { t } = useI18n();
  const { api } = useSession();
  const [name, setName] = useState('');
  const answer = useAnswer(
    () => api.GET('/v1/register', { params: { query: { limit: 100, ...(name === '' ? {} : { name }) } } }),
    [api, name],
  );
  return (
    <>
      <PageTitle>{t('entities.allTitle')}</PageTitle>
      <SearchForm id="entity-search" label={t('entities.search')} onSearch={setName} />
      {answer.state === 'loading' && <Loading />}
      {answer.state === 'refused' && <ProblemAlert problem={answer.problem} />}
      {answer.state === 'ok' &&
        (answer.data.items.length === 0 ? (
          <p>{t('register.noResults')}</p>
        ) : (
          <ul class="plain">
            {answer.data.items.map((item) => (
              <li key={item.bin}>
                <EntityLink item={item} />
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

export function EntitiesPage() {
  const { caller } = useSession();
  return caller?.role === 'officer' ? <MyEntities bins={caller.bins} /> : <AllEntities />;
}
