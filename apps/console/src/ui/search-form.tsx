import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/** A labelled search box and its button: the register check and the list of entities share it. */
export function SearchForm({
  id,
  label,
  initial = '',
  onSearch,
}: {
  id: string;
  label: string;
  initial?: string;
  onSearch: (text: string) => void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(initial);
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(typed.trim());
      }}
    >
      <label for={id}>{label}</label>
      <div class="inline">
        <input
          id={id}
          type="search"
          value={typed}
          onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('register.searchButton')}</button>
      </div>
    </form>
  );
}
