import { useSession } from '../session/SessionContext';

/** A service (or department, life event) name in the citizen's language; the Chinese name
 *  stays visible in English mode because counters and documents use it. */
export function LocalName({ name, nameEn, className }: { name: string; nameEn: string; className?: string }) {
  const { state } = useSession();
  if (state.lang === 'zh-CN') return <span className={className}>{name}</span>;
  return (
    <span className={className}>
      {nameEn}
      <span className="name-alt" lang="zh-CN">
        {name}
      </span>
    </span>
  );
}

/** A plain-text label for a named thing, e.g. for aria-labels and titles. */
export function useLocalName(): (x: { name: string; nameEn: string }) => string {
  const { state } = useSession();
  return (x) => (state.lang === 'zh-CN' ? x.name : x.nameEn);
}
